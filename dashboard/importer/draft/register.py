"""The register and the discourse file in the draft mapping: which column is the name, the
ownership, the board, the founding year ...; their values against the classifications."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.importer import values
from dashboard.importer.draft import detect, model
from dashboard.importer.draft.match import label_scores, norm, ranked
from dashboard.importer.draft.model import ACCEPT, Context, Entry, SectionDraft
from dashboard.importer.draft.read import read_file

REGISTER_HEADERS = {
    "navn": ("navn", "name", "sentral", "frivilligsentral"),
    "eierform": ("eierform", "eigarform", "eier", "eigar", "organisasjonsform", "driftsform", "selskapsform"),
    "radgivende_organ": ("styre", "rad", "radgivende", "radgjevande"),
    "etablert_aar": ("etablert", "etablering", "etableringsar", "oppstart", "startet", "stiftet", "grunnlagt", "ar",
                     "stiftelsesdato", "stifta", "skipa"),
    "i_utvalg": ("utvalg", "utval"),
    "utvalg_merknad": ("merknad",),
}


REGISTER_WHY = {"navn": "unike navn (på sentraler)", "eierform": "verdiene er eierformer",
                "radgivende_organ": "verdiene er styre/råd", "etablert_aar": "verdiene er årstall",
                "i_utvalg": "overskriften nevner utvalget", "utvalg_merknad": "merknad om utvalget"}


def _header_hit(header: str, words: tuple[str, ...]) -> bool:
    toks = norm(header).split()
    return any(w in toks or any(t.startswith(w) and len(w) > 3 for t in toks) for w in words)


def _class_fit(ctx: Context, klass: str, series: pd.Series) -> float:
    cats, codes = ctx.class_cats[klass], [c for c, _ in ctx.class_cats[klass]]
    synonyms = values.EIERFORM_SYNONYMS if klass == "eierform" else {}
    if detect.nonempty(series).nunique() > 50:  # a classification has a handful of values, not hundreds
        return 0.0

    def fits(v: str) -> bool:
        return values.category(v, codes, synonyms) is not None or max(label_scores(v, cats).values()) >= ACCEPT

    return detect.share(series, fits)


def _known_values(ctx: Context, klass: str, series: pd.Series) -> list[str]:
    """The values of a column the importer reads without a line in the mapping (codes, labels,
    built-in synonyms such as «SA» and «kommunal »)."""
    codes = [c for c, _ in ctx.class_cats[klass]]
    synonyms = values.EIERFORM_SYNONYMS if klass == "eierform" else {}
    return sorted({v for v in detect.nonempty(series) if values.category(v, codes, synonyms) is not None})


def _class_values(ctx: Context, klass: str, series: pd.Series) -> list[Entry]:
    cats, codes = ctx.class_cats[klass], [c for c, _ in ctx.class_cats[klass]]
    synonyms = values.EIERFORM_SYNONYMS if klass == "eierform" else {}
    out, seen = [], set()
    for v in sorted(set(detect.nonempty(series))):
        if norm(v) in seen or values.category(v, codes, synonyms) is not None:
            continue  # the code itself or a built-in synonym: the importer knows it
        seen.add(norm(v))
        best = ranked(label_scores(v, cats), 2)
        second = best[1].score if len(best) > 1 else 0.0
        if best[0].score >= ACCEPT and best[0].score - second >= 0.1:
            out.append(Entry(v, best[0].key, best[0].score, f"nærmest «{model.label_text(cats, best[0].key)}»"))
        else:
            alts = ", ".join(f"{c.key} ({model.score_text(c.score)})" for c in best)
            out.append(Entry(v, "TODO", best[0].score, f"kandidater: {alts}",
                             todo=f"verdien «{v}» passer ikke sikkert med en kode i «{klass}»"))
    return out


def _register_field(ctx: Context, name: str, header: str, s: pd.Series) -> float:
    """How well a column fits a register field (0 = not at all)."""
    hit = _header_hit(header, REGISTER_HEADERS.get(name, ()))
    if name == "navn":
        sentral = detect.share(s, lambda v: "sentral" in norm(v))
        return (0.6 if hit else 0) + 0.4 * sentral if detect.nonempty(s).nunique() > 0.8 * len(s) else 0
    if name == "eierform":
        return _class_fit(ctx, "eierform", s) * (1.0 if hit else 0.8)
    if name == "radgivende_organ":
        return _class_fit(ctx, "radgivende_organ", s) * (1.0 if hit else 0.7)
    if name == "etablert_aar":
        return detect.year_share(s) * (1.0 if hit else 0.6)
    if name == "i_utvalg":
        return 0.9 if hit and "merknad" not in norm(header) else 0.0
    if name == "utvalg_merknad":
        return 0.9 if hit and "utvalg" in norm(header) else 0.0
    return 0.0


def _date_note(series: pd.Series) -> str:
    """How many founding years the import reads from dates (the draft's comment; the import notes them too)."""
    kinds = pd.Series([k for v in detect.nonempty(series) if (d := values.date_year(v)) for k in [d[1]]], dtype=object)
    if kinds.empty:
        return ""
    return "; årstallet leses av " + ", ".join(f"{n} verdier som er {k}" for k, n in kinds.value_counts().items())


def _leftover(sec: SectionDraft, df: pd.DataFrame, rest: list[str]) -> None:
    """The columns no field took: contact data, a founding-year column whose values are not years (a TODO,
    never hidden under ignorer), the rest ignored."""
    for c in rest:
        if detect.is_contact(c, df[c]):
            sec.contact.append(Entry(c, comment="personopplysninger: lagres aldri"))
        elif not sec.column("etablert_aar") and _header_hit(c, REGISTER_HEADERS["etablert_aar"]):
            share = detect.year_share(df[c])  # a founding-date column is never hidden under ignorer
            sec.columns.append(Entry("etablert_aar", f"TODO: {c}", round(share, 2),
                                     f"overskriften ser ut som etableringsår, men bare {share:.0%} av verdiene er "
                                     "årstall eller datoer", todo=f"registeret: er «{c}» etableringsåret?"))
        else:
            sec.ignore.append(Entry(c, comment="brukes ikke i dashbordet"))


def register_section(ctx: Context, path: Path) -> SectionDraft:
    rf = read_file(path)
    sec = SectionDraft("register", rf)
    df = rf.table.df
    rest = model.link_columns(ctx, sec, df, list(df.columns), set())
    for c in [c for c in rest if detect.is_id_header(c) and detect.is_unique_id(df[c])][:1]:
        sec.columns.append(Entry("sentral_id", c, 1.0, "unik id per sentral"))
        rest.remove(c)
    for name in ("navn", "eierform", "radgivende_organ", "etablert_aar", "i_utvalg", "utvalg_merknad"):
        scored = sorted(((_register_field(ctx, name, c, df[c]), c) for c in rest), reverse=True)
        if scored and scored[0][0] >= 0.6:
            score, c = scored[0]
            why = REGISTER_WHY[name] + (_date_note(df[c]) if name == "etablert_aar" else "")
            sec.columns.append(Entry(name, c, round(min(score, 1.0), 2), why))
            rest.remove(c)
            if name in ("eierform", "radgivende_organ"):
                sec.values[name] = _class_values(ctx, name, df[c])
                sec.known[name] = _known_values(ctx, name, df[c])
    _leftover(sec, df, rest)
    for needed in ("navn", "kommunenummer", "eierform"):
        if not any(e.key == needed for e in sec.columns):
            sec.columns.append(Entry(needed, "TODO", None, "fant ingen kolonne", todo=f"registeret: {needed} mangler"))
    if not sec.column("sentral_id") and not sec.column("organisasjonsnummer"):
        sec.columns.append(Entry("sentral_id", "TODO", None, "fant verken sentral-id eller organisasjonsnummer",
                                 todo="registeret: sentral_id eller organisasjonsnummer mangler"))
    return sec


def discourse_section(ctx: Context, path: Path) -> SectionDraft:
    rf = read_file(path)
    sec = SectionDraft("diskurs", rf)
    df = rf.table.df
    rest = model.link_columns(ctx, sec, df, list(df.columns), set())
    scored = sorted(((_class_fit(ctx, "diskurs", df[c]), c) for c in rest), reverse=True)
    if scored and scored[0][0] >= 0.6:
        sec.columns.append(Entry("diskurs", scored[0][1], round(scored[0][0], 2), ""))
        sec.values["diskurs"] = _class_values(ctx, "diskurs", df[scored[0][1]])
        rest.remove(scored[0][1])
    else:
        sec.columns.append(Entry("diskurs", "TODO", None, "", todo="diskurs: fant ingen kolonne med diskurs"))
    sec.ignore += [Entry(c, comment="brukes ikke") for c in rest]
    return sec


