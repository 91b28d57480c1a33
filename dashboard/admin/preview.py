"""The new data beside today's: headline numbers, N per figure, and the biggest changes per figure.

The new version is written by the import with ``switch=False`` (nobody else sees it yet); the same
named queries as the pages then run on both versions through the gateway (``data_version=``), with
the dashboard's default filters, so the anonymity rule applies here exactly as on the pages: a cell
resting on 1-4 respondents is never compared or shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from dashboard.data import gateway, protection, versions
from dashboard.data.anonymity import FLAG
from dashboard.data.filters import DEFAULT
from dashboard.ui import fmt
from dashboard.ui.i18n import t

TOP_PER_FIGURE = 5
MIRROR_CODES = {"ikke_valgt"}  # the complement of 'valgt': its change is the same number again


@dataclass
class Preview:
    headline: pd.DataFrame   # nokkeltall, i_dag, ny (display strings)
    n: pd.DataFrame          # figur, gruppe, n_i_dag, n_ny
    changes: pd.DataFrame    # figur, gruppe, element, kategori, i_dag, ny, endring (points); sorted
    summary: list[str]       # "Figur 11, kommuner: Nærbutikken 100 % -> 25 %", biggest first
    warnings: list[str] = field(default_factory=list)  # figures that become empty, headline numbers that jump
    small_differences: list[str] = field(default_factory=list)  # groups shown in both that differ by 1-4


def find(version_id: str) -> versions.DataVersion:
    for v in versions.available():
        if v.id == version_id:
            return v
    raise KeyError(version_id)


def _headline_values(v: versions.DataVersion) -> dict[str, float]:
    k = gateway.run("nokkeltall_kommuner", DEFAULT, data_version=v).df.iloc[0]
    s = gateway.run("nokkeltall_svar", DEFAULT, data_version=v).df.set_index("respondentgruppe")
    return {"sentraler": k["sentraler"], "kommuner_med_sentral": k["kommuner_med_sentral"],
            "kommuner_uten_sentral": k["kommuner_uten_sentral"],
            "svar_fs": s.at["frivilligsentral", "svar"], "svar_k": s.at["kommune", "svar"]}


BIG_CHANGE = 0.25   # a headline number changing by this share (and by at least BIG_ABSOLUTE) is warned about
BIG_ABSOLUTE = 5


def headline(a: dict[str, float], b: dict[str, float]) -> pd.DataFrame:
    return pd.DataFrame({t("admin.forhand.nokkeltall"): [t(f"admin.forhand.{k}") for k in a],
                         t("admin.forhand.i_dag"): [fmt.integer(a[k]) for k in a],
                         t("admin.forhand.ny"): [fmt.integer(b[k]) for k in a]})


def headline_jumps(a: dict[str, float], b: dict[str, float]) -> list[str]:
    """"Kommuner uten frivilligsentral 23 → 133": every headline number that changes a lot."""
    out = []
    for k in a:
        diff = abs(float(b[k]) - float(a[k]))
        if diff >= BIG_ABSOLUTE and diff >= BIG_CHANGE * max(abs(float(a[k])), 1.0):
            out.append(t("admin.forhand.hopp", tall=t(f"admin.forhand.{k}"), fra=fmt.integer(a[k]),
                         til=fmt.integer(b[k])))
    return out


def emptied(old: pd.DataFrame, new: pd.DataFrame) -> list[str]:
    """Figures (per respondent group) with answers today and none shown with the new data."""
    def shown(df):
        ok = df[~df[FLAG].fillna(True).astype(bool) & df["andel"].notna()] if len(df) else df
        return set(zip(ok["figur"], ok["respondentgruppe"], strict=True)) if len(ok) else set()

    lost = shown(old) - shown(new)
    return [t("admin.forhand.tom_figur", figur=f, gruppe=_group(g).lower())
            for f, g in sorted(lost, key=lambda x: (_figure_order(x[0]), x[1]))]


def _blocks(v: versions.DataVersion) -> list[str]:
    items = pd.read_parquet(v.table_path("kodebok"))
    shown = items[items["figur"].notna() & (items["respondentgruppe"] != "dokumentanalyse")]
    return sorted(shown["blokk"].unique())


def distributions(v: versions.DataVersion, lang: str) -> pd.DataFrame:
    """Every figure's answer distribution on the default filters (suppressed cells flagged)."""
    frames = [gateway.run("fordeling", DEFAULT, data_version=v, blokk=b, sprak=lang).df for b in _blocks(v)]
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame(columns=["figur", "respondentgruppe", "sporsmal_id", "element_tekst", "kode", "kategori",
                                     "andel", "n", FLAG])
    df = pd.concat(frames, ignore_index=True)
    return df[df["figur"].notna()]


def _group(code: str) -> str:
    return t(f"admin.forhand.gruppe.{code}")


def n_per_figure(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    def n_of(df):
        per_item = df.drop_duplicates("sporsmal_id").groupby(["figur", "respondentgruppe"])["n"]
        return per_item.max()

    both = pd.concat({"a": n_of(old), "b": n_of(new)}, axis=1).reset_index()
    both = both.iloc[sorted(range(len(both)), key=lambda i: (_figure_order(both["figur"].iloc[i]),
                                                             both["respondentgruppe"].iloc[i]))]
    return pd.DataFrame({t("admin.forhand.figur"): both["figur"],
                         t("admin.forhand.gruppe"): both["respondentgruppe"].map(_group),
                         t("admin.forhand.n_i_dag"): [fmt.integer(x) if pd.notna(x) else "–" for x in both["a"]],
                         t("admin.forhand.n_ny"): [fmt.integer(x) if pd.notna(x) else "–" for x in both["b"]]})


def _figure_order(label: str) -> tuple:
    parts = str(label).split()
    return (parts[0], int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0)


def changes(old: pd.DataFrame, new: pd.DataFrame, top: int = TOP_PER_FIGURE) -> pd.DataFrame:
    """Per figure and respondent group the ``top`` biggest changes in percentage points, biggest first."""
    keys = ["figur", "respondentgruppe", "sporsmal_id", "kode"]
    cols = keys + ["element_tekst", "kategori", "andel", FLAG]
    m = old[cols].merge(new[cols], on=keys, how="outer", suffixes=("_a", "_b"))
    m = m[~m["kode"].isin(MIRROR_CODES)]
    shown = ~m[f"{FLAG}_a"].fillna(True).astype(bool) & ~m[f"{FLAG}_b"].fillna(True).astype(bool)
    m = m[shown & m["andel_a"].notna() & m["andel_b"].notna()].copy()
    m["endring"] = m["andel_b"] - m["andel_a"]
    m = m[m["endring"].abs() >= 0.5]
    m["_abs"] = m["endring"].abs()
    m = m.sort_values("_abs", ascending=False).groupby(["figur", "respondentgruppe"]).head(top)
    return m.assign(element=m["element_tekst_b"].fillna(m["element_tekst_a"]),
                    kategori=m["kategori_b"].fillna(m["kategori_a"]))[
        ["figur", "respondentgruppe", "element", "kategori", "andel_a", "andel_b", "endring"]].reset_index(drop=True)


def change_table(ch: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({t("admin.forhand.figur"): ch["figur"],
                         t("admin.forhand.gruppe"): ch["respondentgruppe"].map(_group),
                         t("admin.forhand.element"): ch["element"], t("admin.forhand.kategori"): ch["kategori"],
                         t("admin.forhand.i_dag"): [fmt.percent(x, 1) for x in ch["andel_a"]],
                         t("admin.forhand.ny"): [fmt.percent(x, 1) for x in ch["andel_b"]],
                         t("admin.forhand.endring"): [("+" if x > 0 else "") + fmt.points(x, 1)
                                                      for x in ch["endring"]]})


def sentence(row) -> str:
    return t("admin.forhand.setning", figur=row["figur"], gruppe=_group(row["respondentgruppe"]).lower(),
             element=row["element"], kategori=row["kategori"], fra=fmt.percent(row["andel_a"], 1),
             til=fmt.percent(row["andel_b"], 1))


def small_differences(old: versions.DataVersion, new: versions.DataVersion, lang: str) -> list[str]:
    """«Alle distriktskommuner i Nordland (frivilligsentraler): 23 → 25 respondenter», for every survey group
    shown in both versions whose respondents differ by 1-4 (the difference could be read off)."""
    from dashboard.ui.source_lines import group_phrase
    from dashboard.ui.view import View

    view = View(lang)
    out = []
    for rg, group, part, a, b in protection.version_differences(old, new):
        what = group_phrase(view, group) + (f" – {view.group(part).lower()}" if part else "")
        out.append(view.t("admin.forhand.liten_forskjell", gruppe=what[0].upper() + what[1:],
                     respondenter=view.group(rg).lower(), fra=fmt.integer(a), til=fmt.integer(b)))
    return out


def compare(old: versions.DataVersion, new: versions.DataVersion, lang: str) -> Preview:
    a, b = distributions(old, lang), distributions(new, lang)
    ha, hb = _headline_values(old), _headline_values(new)
    ch = changes(a, b)
    return Preview(headline(ha, hb), n_per_figure(a, b), change_table(ch),
                   [sentence(r) for _, r in ch.head(10).iterrows()], headline_jumps(ha, hb) + emptied(a, b),
                   small_differences(old, new, lang))
