"""The codebook (data/raw/kodebok/kodebok.toml) expanded into tables: items, scales, classifications."""

from __future__ import annotations

import tomllib

import pandas as pd

from dashboard.paths import RAW

KODEBOK = RAW / "kodebok" / "kodebok.toml"
PREFIX = {"frivilligsentral": "fs", "kommune": "k", "dokumentanalyse": "dok"}
SOURCE = "Kodebok etter rapporten (ideas2evidence 2024)"


def load() -> dict:
    return tomllib.loads(KODEBOK.read_text(encoding="utf-8"))


def classifications(cb: dict) -> pd.DataFrame:
    rows = []
    for c in cb["klassifikasjon"]:
        for i, k in enumerate(c["koder"], start=1):
            rows.append({
                "klassifikasjon": c["id"], "kode": k["kode"], "etikett_nb": k["nb"], "etikett_nn": k["nn"],
                "rekkefolge": i, "beskrivelse": k.get("beskrivelse"), "type": k.get("type"),
                "nevnt_av": k.get("nevnt_av"), "fra_kategorier": ",".join(k["fra"]) if "fra" in k else None,
                "merknad": k.get("merknad"), "klassifikasjon_beskrivelse": c["beskrivelse"], "kilde": SOURCE,
            })
    return pd.DataFrame(rows).astype({"rekkefolge": "int64"})


def scales(cb: dict) -> pd.DataFrame:
    klass = {c["id"]: c for c in cb["klassifikasjon"]}
    rows = []
    for s in cb["skala"]:
        cats = s.get("kategorier")
        if cats is None:  # a scale whose categories are a classification (the plan discourses)
            cats = [{"kode": k["kode"], "nb": k["nb"], "nn": k["nn"], "verdi": 0}
                    for k in klass[s["klassifikasjon"]]["koder"]]
        for i, k in enumerate(cats, start=1):
            rows.append({"skala": s["id"], "kode": k["kode"], "etikett_nb": k["nb"], "etikett_nn": k["nn"],
                         "verdi": k["verdi"], "rekkefolge": i, "skala_beskrivelse": s["beskrivelse"],
                         "merknad": s.get("merknad"), "kilde": SOURCE})
    return pd.DataFrame(rows).astype({"verdi": "int64", "rekkefolge": "int64"})


def items(cb: dict) -> pd.DataFrame:
    """One row per item (element x actor) and respondent group."""
    klass = {(c["id"], k["kode"]): k for c in cb["klassifikasjon"] for k in c["koder"]}
    rows = []
    order = 0
    for b in cb["blokk"]:
        for group, g in b["grupper"].items():
            elements = b.get("elementer_per_gruppe", {}).get(group, b.get("elementer"))
            actors = b.get("aktorer", [None])
            for actor in actors:
                for element in elements:
                    order += 1
                    parts = [PREFIX[group], b["id"]] + ([actor] if actor else [])
                    if len(elements) > 1:
                        parts.append(element)
                    k = klass.get((b.get("klassifikasjon"), element))
                    label_nb, label_nn = (k["nb"], k["nn"]) if k else (b["tekst_nb"], b["tekst_nn"])
                    figur = (b.get("figur_per", {}).get(element) or b.get("figur_per_aktor", {}).get(actor)
                             or g.get("figur"))
                    n = g.get("n_per", {}).get(element) or g.get("n_per_aktor", {}).get(actor) or g.get("n")
                    filt = g.get("filter")
                    if filt:
                        filt = filt.replace("{aktor}", actor or "").replace("{element}", element)
                    rows.append({
                        "sporsmal_id": "_".join(parts), "blokk": b["id"], "respondentgruppe": group,
                        "undersokelse": b["undersokelse"], "figur": figur,
                        "sporsmalstekst_nb": b["tekst_nb"], "sporsmalstekst_nn": b["tekst_nn"],
                        "element": element, "element_nb": label_nb, "element_nn": label_nn,
                        "aktor": actor,
                        "tidspunkt": b.get("tidspunkt"), "klassifikasjon": b.get("klassifikasjon"),
                        "skala": b["skala"], "filter": filt, "n_rapport": n, "n_demo": g.get("n_demo"),
                        "rekkefolge": order, "linje": b["linje"], "merknad": b.get("merknad"), "kilde": SOURCE,
                        "demo_kalibrering": None,
                    })
    df = pd.DataFrame(rows)
    if df["sporsmal_id"].duplicated().any():
        doubles = sorted(df.loc[df["sporsmal_id"].duplicated(), "sporsmal_id"])
        raise ValueError(f"{KODEBOK}: doble element-id-er: {doubles}")
    return df.astype({"n_rapport": "Int64", "n_demo": "Int64", "rekkefolge": "int64", "linje": "int64"})
