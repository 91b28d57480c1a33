"""A draft mapping written from the files themselves (``python -m dashboard mapping-forslag``).

It reads the register and the survey exports, finds the file shape (sheet, header row), the id,
municipality and organisation-number columns, tool metadata, personal contact data and free text,
matches every question column to its codebook item and every answer label to its scale category,
and writes a commented TOML mapping (schema: mapping version 2). Every line carries its match score;
``TODO`` is written only where a person must decide (ambiguous or weak matches, ambiguous
municipality names). Python API::

    d = draft(register, frivilligsentral, kommune, diskurs=None)
    d.text / d.to_toml()   the commented TOML;  d.data  the same as a dict (as tomllib reads it)
    d.scores               {(section, column): score} for every mapped column
    d.todos                [(section, key, reason)] - what a person must settle
    d.warnings             [(section, text)] - what the mapping cannot express (read before importing)
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dashboard import versions
from dashboard.importer import draft_detect as detect
from dashboard.importer import values
from dashboard.importer.draft_match import (
    assign,
    categories,
    item_scores,
    label_scores,
    norm,
    prepare_items,
    ranked,
)
from dashboard.importer.draft_read import DraftError, ReadFile, read_file
from dashboard.importer.municipalities import MunicipalityResolver

ACCEPT = 0.75        # a match at least this good, and clearly better than the next, is taken
MARGIN = 0.04
SUGGEST = 0.5        # below this there is no suggestion worth writing
GROUPS = ("frivilligsentral", "kommune")
__all__ = ["Draft", "DraftError", "draft"]


@dataclass
class Entry:
    key: str
    value: object = None
    score: float | None = None
    comment: str = ""
    todo: str | None = None          # why a person must decide (the value then holds "TODO")


@dataclass
class SectionDraft:
    name: str
    file: ReadFile
    columns: list[Entry] = field(default_factory=list)
    ignore: list[Entry] = field(default_factory=list)
    contact: list[Entry] = field(default_factory=list)
    free_text: list[Entry] = field(default_factory=list)
    items: list[Entry] = field(default_factory=list)
    values: dict[str, list[Entry]] = field(default_factory=dict)
    non_answers: dict[str, list[str]] = field(default_factory=dict)
    municipalities: list[Entry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    known: dict[str, list[str]] = field(default_factory=dict)   # field -> values the importer knows as they are

    def column(self, fieldname: str) -> str | None:
        return next((e.value for e in self.columns if e.key == fieldname and not e.todo), None)


class Context:
    """The codebook and the municipality resolver of the shipped build."""

    def __init__(self, base: versions.DataVersion | None = None):
        base = base or versions.shipped()
        items = pd.read_parquet(base.table_path("kodebok"))
        self.items = items[items["undersokelse"] == "2024"].copy()
        self.scales = pd.read_parquet(base.table_path("kodebok_skala"))
        self.classes = pd.read_parquet(base.table_path("klassifikasjoner"))
        actors = self.classes[self.classes["klassifikasjon"] == "aktor"]
        self.items["aktor_tekst"] = self.items["aktor"].map(dict(zip(actors["kode"], actors["etikett_nb"])))
        self.resolver = MunicipalityResolver.from_version(base)
        kommuner = pd.read_parquet(base.table_path("kommuner"))
        self.names = dict(zip(kommuner["kommunenummer"], kommuner["kommunenavn"]))

        self.units = {g: [(list(b["sporsmal_id"]), str(b["skala"].iloc[0]))
                          for _, b in self.items[self.items["respondentgruppe"] == g].groupby(
                              ["blokk", self.items["aktor"].fillna("")], sort=False)] for g in GROUPS}
        self.scale_of = dict(zip(self.items["sporsmal_id"], self.items["skala"]))
        self.prepared = {g: prepare_items(self.items[self.items["respondentgruppe"] == g]) for g in GROUPS}
        self.scale_cats = {k: categories(f) for k, f in self.scales.groupby("skala")}
        self.class_cats = {k: categories(f) for k, f in self.classes.groupby("klassifikasjon")}


def _score_text(score: float | None) -> str:
    return "" if score is None else f"{score:.2f}".replace(".", ",")


# -- municipalities ---------------------------------------------------------------------------------

def _municipality_share(ctx: Context, series: pd.Series) -> float:
    def known(v: str) -> bool:
        r = ctx.resolver.resolve(v)
        return r.kommunenummer is not None or r.kind in ("tvetydig", "delt")

    return detect.share(series, known)


def _municipality_entries(ctx: Context, series: pd.Series) -> list[Entry]:
    """Overrides for values the resolver cannot settle alone (ambiguous names, split municipalities).
    A name that is today's name of exactly one candidate is settled as that municipality (a survey
    or register kept in 2024 uses 2024 names); the line says so, for a person to check."""
    out = []
    for value in sorted(set(detect.nonempty(series).str.strip())):
        r = ctx.resolver.resolve(value)
        if r.kommunenummer is not None:
            continue
        today = [c for c in r.candidates if norm(ctx.names.get(c, "")) == norm(value)]
        if r.kind == "tvetydig" and len(today) == 1:
            out.append(Entry(value, today[0], 0.9, f"dagens {ctx.resolver.label(today[0])}; {r.error}"))
        else:
            out.append(Entry(value, "TODO", None, "skriv kommunenummeret",
                             todo=f"kommunen «{value}» kan ikke avgjøres automatisk: {r.error or 'ukjent'}"))
    return out


# -- answer values ----------------------------------------------------------------------------------

def _value_entry(ctx: Context, scale: str, value: str, item_texts: list[str],
                 only_value: bool = False) -> tuple[Entry | None, bool]:
    """(entry, is a non-answer) for one distinct answer value of a scale (``only_value``: the
    column holds this one value besides blanks)."""
    cats = ctx.scale_cats[scale]
    if scale == "valgt":
        code, score = detect.checkbox_code(value, item_texts, only_value)
        if code:
            return Entry(value, code, round(score, 2), "avkrysning"), False
    scores = label_scores(value, cats)
    best = ranked(scores, 2)
    if best and best[0].score >= 0.99:
        return Entry(value, best[0].key, 1.0, "kategoriens etikett"), False
    if detect.is_non_answer(value):
        return None, True
    if best and best[0].score >= ACCEPT and best[0].score - (best[1].score if len(best) > 1 else 0) >= 0.1:
        return Entry(value, best[0].key, best[0].score, f"nærmest «{_label(cats, best[0].key)}»"), False
    guess = best[0].key if best and best[0].score >= SUGGEST else ""
    alts = ", ".join(f"{c.key} ({_score_text(c.score)})" for c in best)
    return Entry(value, f"TODO: {guess}" if guess else "TODO", best[0].score if best else 0.0, f"kandidater: {alts}",
                 todo=f"svaret «{value}» passer ikke sikkert med en kategori i skalaen «{scale}»"), False


def _label(cats: tuple, code: str) -> str:
    return next((texts[1] if len(texts) > 1 else code for c, texts in cats if c == code), code)


def _item_texts(ctx: Context, item: str) -> list[str]:
    row = ctx.items[ctx.items["sporsmal_id"] == item].iloc[0]
    return [t for t in (row["element_nb"], row["element_nn"]) if isinstance(t, str)]


def _shown(sec: SectionDraft, column: str) -> pd.Series:
    """A column's answers as people read them: SPSS value labels instead of their codes (the
    importer knows a label stands for its code, so the mapping can name the label)."""
    series = sec.file.table.df[column]
    labels = sec.file.table.labels.get(column)
    return series.map(lambda v: labels.get(v, v)) if labels else series


def _fits_scale(ctx: Context, scale: str, series: pd.Series, item: str) -> float:
    """Share of a column's answers that read as categories of the scale (or non-answers)."""
    if scale == "fritekst":
        return 1.0
    texts = _item_texts(ctx, item)
    only = detect.nonempty(series).str.strip().nunique() == 1

    def fits(v: str) -> bool:
        entry, non_answer = _value_entry(ctx, scale, v, texts, only)
        return non_answer or (entry is not None and entry.todo is None)

    return detect.share(series, fits) if len(detect.nonempty(series)) else 1.0


def _add_values(ctx: Context, sec: SectionDraft, df: pd.DataFrame) -> None:
    seen: dict[str, set[str]] = {}
    for e in sec.items:
        if e.todo:
            continue
        scale = str(ctx.items.loc[ctx.items["sporsmal_id"] == e.value, "skala"].iloc[0])
        if scale == "fritekst":
            continue
        texts = _item_texts(ctx, str(e.value))
        answers = set(detect.nonempty(_shown(sec, e.key)).str.strip())
        for v in sorted(answers):
            if norm(v) in seen.setdefault(scale, set()):
                continue
            seen[scale].add(norm(v))
            entry, non_answer = _value_entry(ctx, scale, v, texts, len(answers) == 1)
            if non_answer:
                sec.non_answers.setdefault(scale, []).append(v)
            elif entry is not None:
                sec.values.setdefault(scale, []).append(entry)


# -- survey sections --------------------------------------------------------------------------------

def _roles(ctx: Context, sec: SectionDraft, df: pd.DataFrame) -> list[str]:
    """Metadata, contact data and the respondent id; returns the columns left for questions."""
    rest = []
    for c in df.columns:
        s = df[c]
        if not sec.column("respondent_id") and detect.is_id_header(c) and detect.is_unique_id(s):
            sec.columns.append(Entry("respondent_id", c, 1.0, "unik verdi på hver rad"))
        elif detect.is_meta(c, s):
            sec.ignore.append(Entry(c, comment="metadata fra spørreverktøyet"))
        elif detect.is_contact(c, s):
            sec.contact.append(Entry(c, comment="personopplysninger: lagres aldri"))
        elif not detect.nonempty(s).size:
            sec.ignore.append(Entry(c, comment="tom kolonne"))
        else:
            rest.append(c)
    if not sec.column("respondent_id"):
        unique = [c for c in rest if detect.is_unique_id(df[c]) and not detect.is_free_text(df[c])]
        if unique:
            sec.columns.append(Entry("respondent_id", unique[0], 0.8, "første kolonne med unik verdi på hver rad"))
            rest.remove(unique[0])
        else:
            sec.columns.append(Entry("respondent_id", "TODO", None, "fant ingen kolonne med unik id per rad",
                                     todo="respondent-id: ingen kolonne har en unik verdi på hver rad"))
    return rest


def _links(ctx: Context, sec: SectionDraft, df: pd.DataFrame, rest: list[str], register_ids: set[str]) -> list[str]:
    """The municipality, organisation number and centre id columns."""
    munis = sorted(((_municipality_share(ctx, df[c]) + (0.1 if "kommune" in norm(c) else 0), c) for c in rest),
                   reverse=True)
    if munis and munis[0][0] >= 0.8:
        c = munis[0][1]
        sec.columns.append(Entry("kommunenummer", c, round(min(munis[0][0], 1.0), 2),
                                 "verdiene er kommunenummer eller kommunenavn"))
        sec.municipalities = _municipality_entries(ctx, df[c])
        rest = [x for x in rest if x != c]
    for c in list(rest):
        if detect.orgnr_share(df[c]) >= 0.8:
            sec.columns.append(Entry("organisasjonsnummer", c, round(detect.orgnr_share(df[c]), 2),
                                     "gyldige organisasjonsnummer (MOD11)"))
            rest.remove(c)
            break
    if sec.name == "frivilligsentral" and register_ids:
        for c in list(rest):
            if detect.share(df[c], lambda v: v.strip() in register_ids) >= 0.8:
                sec.columns.append(Entry("sentral_id", c, 1.0, "verdiene er sentral-id-ene i registeret"))
                rest.remove(c)
                break
    return rest


def _questions(ctx: Context, sec: SectionDraft, df: pd.DataFrame, rest: list[str]) -> None:
    items = ctx.prepared[sec.name]
    pending = []
    for c in rest:
        options = detect.multi_choice_cell(df[c])
        if options:
            sec.ignore.append(Entry(c, comment="flervalg skrevet i én celle; kan ikke importeres (se advarsel)"))
            sec.warnings.append(f"«{c}» har flere valg i én celle ({'; '.join(options[:4])} ...). Mappingen kan "
                                "bare knytte én kolonne til ett element; del kolonnen i én kolonne per alternativ "
                                "(1/tom) før import, ellers blir spørsmålet stående uten svar.")
        else:
            pending.append(c)
    scores = {c: _fitting(ctx, sec, c, item_scores(c, items, sec.file.labels.get(c))) for c in pending}
    _numbered_blocks(ctx, sec, pending, scores)
    for c, (item, score, margin) in assign(scores).items():
        scores[c] = {**scores[c], "__assigned__": (item, score, margin)}  # type: ignore[dict-item]
    for c in pending:
        _question(ctx, sec, df, c, scores[c])


def _fitting(ctx: Context, sec: SectionDraft, column: str, scores: dict[str, float]) -> dict[str, float]:
    """Items whose scale the column's answers do not fit count half: "Kommunen" answered 1/0 is the
    checkbox of the partner question, not the satisfaction item of the same name."""
    fits: dict[str, float] = {}
    out = dict(scores)
    for item, score in scores.items():
        if score >= SUGGEST:
            scale = ctx.scale_of[item]
            fit = fits.setdefault(scale, _fits_scale(ctx, scale, _shown(sec, column), item))
            out[item] = score if fit >= 0.8 else score * 0.5
    return out


def _confident(scores: dict[str, float]) -> bool:
    top = sorted(scores.values(), reverse=True)[:2] + [0.0]
    return top[0] >= ACCEPT and top[0] - top[1] >= MARGIN


def _numbered_blocks(ctx: Context, sec: SectionDraft, pending: list[str], scores: dict[str, dict[str, float]]) -> None:
    """Columns numbered as one question (Q9_2_1, Q9_2_2 ...; s_8_1, s_8_2 ...) are the items of one
    block of the codebook. When their own texts are not enough (SPSS labels with only the item text),
    the block whose items and scale fit all of them best is chosen, and each column is matched within it."""
    groups: dict[str, list[str]] = {}
    for c in pending:
        m = re.fullmatch(r"(.+?)[_.\- ]\d+", c.strip())
        if m:
            groups.setdefault(m.group(1), []).append(c)
    for cols in groups.values():
        if len(cols) < 2 or all(_confident(scores[c]) for c in cols):
            continue
        fits: dict[tuple[str, str], float] = {}
        ranked_units = []
        for (ids, scale) in ctx.units[sec.name]:
            if len(ids) < len(cols):
                continue
            fit = sum(fits.setdefault((c, scale), _fits_scale(ctx, scale, _shown(sec, c), ids[0])) for c in cols)
            ranked_units.append((fit / len(cols) * sum(max(scores[c][i] for i in ids) for c in cols) / len(cols), ids))
        ranked_units.sort(key=lambda u: -u[0])
        if len(ranked_units) > 1 and ranked_units[0][0] - ranked_units[1][0] < MARGIN:
            continue  # two blocks fit as well: the columns stay undecided (TODO with candidates)
        for c in cols:
            scores[c] = {i: scores[c][i] for i in ranked_units[0][1]}


def _question(ctx: Context, sec: SectionDraft, df: pd.DataFrame, c: str, scores: dict) -> None:
    item, score, margin = scores.pop("__assigned__", (None, 0.0, 0.0))
    label = sec.file.labels.get(c)
    shown = f" («{label[:60]}»)" if label else ""
    if item is not None:
        row = ctx.items[ctx.items["sporsmal_id"] == item].iloc[0]
        fit = _fits_scale(ctx, str(row["skala"]), _shown(sec, c), item)
        text = row["element_nb"] if row["element_nb"] != row["sporsmalstekst_nb"] else row["sporsmalstekst_nb"]
        where = f"{row['blokk']}: {text}" + (f" (aktør: {row['aktor_tekst']})" if isinstance(row["aktor_tekst"], str)
                                               else "")
        if fit >= 0.8 and score >= ACCEPT and margin >= MARGIN:
            sec.items.append(Entry(c, item, round(score, 2), where + shown))
            return
        if fit < 0.8 and detect.is_free_text(df[c]):
            sec.free_text.append(Entry(c, comment="fritekst: bare om den er besvart kan lagres; teksten lagres aldri"))
            return
        if score >= SUGGEST:
            alts = ", ".join(f"{k.key} ({_score_text(k.score)})" for k in ranked(scores, 3))
            why = "svarene passer ikke skalaen" if fit < 0.8 else (
                "svakt treff" if score < ACCEPT else "flere elementer passer nesten like godt")
            sec.items.append(Entry(c, f"TODO: {item}", round(score, 2), f"kandidater: {alts}",
                                   todo=f"kolonnen «{c}»: {why}"))
            return
    if detect.is_free_text(df[c]):
        sec.free_text.append(Entry(c, comment="fritekst: teksten lagres aldri"))
        return
    alts = ", ".join(f"{k.key} ({_score_text(k.score)})" for k in ranked(scores, 3))
    sec.items.append(Entry(c, "TODO", round(score, 2), f"ingen sikker kandidat: {alts}; eller flytt til ignorer",
                           todo=f"kolonnen «{c}» passer ikke med noe spørsmål i kodeboken"))


def _survey(ctx: Context, path: Path, group: str, register_ids: set[str]) -> SectionDraft:
    rf = read_file(path)
    sec = SectionDraft(group, rf)
    df = rf.table.df
    rest = _roles(ctx, sec, df)
    rest = _links(ctx, sec, df, rest, register_ids)
    _questions(ctx, sec, df, rest)
    _add_values(ctx, sec, df)
    if group == "frivilligsentral" and not any(sec.column(f) for f in ("sentral_id", "organisasjonsnummer",
                                                                        "kommunenummer")):
        sec.columns.append(Entry("kommunenummer", "TODO", None, "ingen kolonne knytter svaret til en sentral",
                                 todo="ingen kolonne med sentral-id, organisasjonsnummer eller kommune"))
    if group == "kommune" and not sec.column("kommunenummer"):
        sec.columns.append(Entry("kommunenummer", "TODO", None, "fant ingen kommunekolonne",
                                 todo="ingen kolonne med kommunenummer eller kommunenavn"))
    return sec


# -- register and discourse -------------------------------------------------------------------------

REGISTER_HEADERS = {
    "navn": ("navn", "name", "sentral", "frivilligsentral"),
    "eierform": ("eierform", "eigarform", "eier", "eigar", "organisasjonsform", "driftsform", "selskapsform"),
    "radgivende_organ": ("styre", "rad", "radgivende", "radgjevande"),
    "etablert_aar": ("etablert", "etablering", "etableringsar", "oppstart", "startet", "stiftet", "grunnlagt", "ar"),
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
            out.append(Entry(v, best[0].key, best[0].score, f"nærmest «{_label(cats, best[0].key)}»"))
        else:
            alts = ", ".join(f"{c.key} ({_score_text(c.score)})" for c in best)
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


def _register(ctx: Context, path: Path) -> SectionDraft:
    rf = read_file(path)
    sec = SectionDraft("register", rf)
    df = rf.table.df
    rest = _links(ctx, sec, df, list(df.columns), set())
    for c in [c for c in rest if detect.is_id_header(c) and detect.is_unique_id(df[c])][:1]:
        sec.columns.append(Entry("sentral_id", c, 1.0, "unik id per sentral"))
        rest.remove(c)
    for name in ("navn", "eierform", "radgivende_organ", "etablert_aar", "i_utvalg", "utvalg_merknad"):
        scored = sorted(((_register_field(ctx, name, c, df[c]), c) for c in rest), reverse=True)
        if scored and scored[0][0] >= 0.6:
            score, c = scored[0]
            sec.columns.append(Entry(name, c, round(min(score, 1.0), 2), REGISTER_WHY[name]))
            rest.remove(c)
            if name in ("eierform", "radgivende_organ"):
                sec.values[name] = _class_values(ctx, name, df[c])
                sec.known[name] = _known_values(ctx, name, df[c])
    for c in rest:
        if detect.is_contact(c, df[c]):
            sec.contact.append(Entry(c, comment="personopplysninger: lagres aldri"))
        else:
            sec.ignore.append(Entry(c, comment="brukes ikke i dashbordet"))
    for needed in ("navn", "kommunenummer", "eierform"):
        if not sec.column(needed):
            sec.columns.append(Entry(needed, "TODO", None, "fant ingen kolonne", todo=f"registeret: {needed} mangler"))
    if not sec.column("sentral_id") and not sec.column("organisasjonsnummer"):
        sec.columns.append(Entry("sentral_id", "TODO", None, "fant verken sentral-id eller organisasjonsnummer",
                                 todo="registeret: sentral_id eller organisasjonsnummer mangler"))
    return sec


def _discourse(ctx: Context, path: Path) -> SectionDraft:
    rf = read_file(path)
    sec = SectionDraft("diskurs", rf)
    df = rf.table.df
    rest = _links(ctx, sec, df, list(df.columns), set())
    scored = sorted(((_class_fit(ctx, "diskurs", df[c]), c) for c in rest), reverse=True)
    if scored and scored[0][0] >= 0.6:
        sec.columns.append(Entry("diskurs", scored[0][1], round(scored[0][0], 2), ""))
        sec.values["diskurs"] = _class_values(ctx, "diskurs", df[scored[0][1]])
        rest.remove(scored[0][1])
    else:
        sec.columns.append(Entry("diskurs", "TODO", None, "", todo="diskurs: fant ingen kolonne med diskurs"))
    sec.ignore += [Entry(c, comment="brukes ikke") for c in rest]
    return sec


# -- writing the TOML -------------------------------------------------------------------------------

def _q(text: object) -> str:
    """A TOML basic string."""
    s = str(text).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in s) + '"'


def _line(key: str, value: str, e: Entry) -> str:
    note = " ".join(x for x in (_score_text(e.score), e.comment) if x)
    todo = "TODO: " + e.todo + "; " if e.todo else ""
    return f"{key} = {value}" + (f"  # {todo}{note}" if note or todo else "")


def _array(key: str, entries: list[Entry]) -> list[str]:
    if not entries:
        return [f"{key} = []"]
    return [f"{key} = ["] + [f"    {_q(e.key)},  # {e.comment}" if e.comment else f"    {_q(e.key)}," for e in entries] + ["]"]


def _section_lines(sec: SectionDraft) -> list[str]:
    out = ["", f"# ---- {sec.name}: {sec.file.path.name} " + "-" * max(3, 60 - len(sec.name) - len(sec.file.path.name))]
    out += [f"# {n}" for n in sec.file.notes] + [f"# ADVARSEL: {w}" for w in sec.warnings]
    out += [f"[{sec.name}]", "fil = { " + ", ".join(f"{k} = {_q(v) if isinstance(v, str) else v}"
                                                    for k, v in sec.file.shape.items()) + " }"]
    out += _array("ignorer", sec.ignore) + _array("kontaktinfo", sec.contact)
    if sec.name in GROUPS:
        out += _array("fritekst", sec.free_text)
    out += ["", f"[{sec.name}.kolonner]", "# felt i dashbordet = kolonne i filen"]
    out += [_line(e.key, _q(e.value), e) for e in sec.columns]
    if sec.items:
        out += ["", f"[{sec.name}.sporsmal]", "# kolonne i filen = element i kodeboken  # treffsikkerhet, blokk: element"]
        out += [_line(_q(e.key), _q(e.value), e) for e in sec.items]
    for scale, entries in sec.values.items():
        known = sec.known.get(scale)
        if entries or known:
            out += ["", f"[{sec.name}.verdier.{scale}]", "# svar i filen = kategori"]
            if known:
                out.append("# kjennes igjen uten linje her: " + ", ".join(f"«{v}»" for v in known))
            out += [_line(_q(e.key), _q(e.value), e) for e in entries]
    if sec.non_answers:
        out += ["", f"[{sec.name}.ikke_svar]", "# svar som betyr «ikke svart» (lagres som manglende svar)"]
        out += [f"{scale} = [" + ", ".join(_q(v) for v in vals) + "]" for scale, vals in sec.non_answers.items()]
    if sec.municipalities:
        out += ["", f"[{sec.name}.kommuner]", "# verdi i kommunekolonnen = kommunenummer (2024)"]
        out += [_line(_q(e.key), _q(e.value), e) for e in sec.municipalities]
    return out


HEADER = """\
# UTKAST til mapping, skrevet av `python -m dashboard mapping-forslag` fra filene selv.
#
# Slik bruker du det:
#  1. Les gjennom. Tallet i kommentaren bak hver linje er treffsikkerheten (1,00 = sikkert;
#     under 0,75 står det TODO). Kolonnen til venstre er slik den står i filen; til høyre står feltet,
#     spørsmålet (sporsmal_id i kodeboken) eller kategorien den er koblet til.
#  2. Avgjør linjene med TODO: skriv riktig verdi i stedet for «TODO» (eller «TODO: forslag» -> «forslag»).
#     En mapping som fortsatt inneholder TODO, blir avvist av importen.
#  3. Prøv:   python -m dashboard import {args} --mapping DENNE.toml --dry-run
#  4. Importer: samme kommando uten --dry-run.
# Kontaktinformasjon (navn, e-post, telefon) lagres aldri; fritekst lagres aldri (bare om den er besvart).
# TODO-linjer i dette utkastet: {todos}
versjon = 2
"""


@dataclass
class Draft:
    sections: list[SectionDraft]
    args: str = ""

    @property
    def text(self) -> str:
        return self.to_toml()

    def to_toml(self) -> str:
        lines = HEADER.format(args=self.args, todos=len(self.todos)).splitlines()
        for sec in self.sections:
            lines += _section_lines(sec)
        return "\n".join(lines) + "\n"

    @property
    def data(self) -> dict:
        return tomllib.loads(self.to_toml())

    @property
    def scores(self) -> dict[tuple[str, str], float]:
        out = {}
        for sec in self.sections:
            for e in sec.columns + sec.items:
                if e.score is not None and e.value != "TODO":
                    out[(sec.name, str(e.value) if e in sec.columns else e.key)] = e.score
        return out

    @property
    def todos(self) -> list[tuple[str, str, str]]:
        out = []
        for sec in self.sections:
            for where, entries in [("kolonner", sec.columns), ("sporsmal", sec.items), ("kommuner", sec.municipalities),
                                   *((f"verdier.{k}", v) for k, v in sec.values.items())]:
                out += [(sec.name, f"{where}.{e.key}", e.todo) for e in entries if e.todo]
        return out

    @property
    def warnings(self) -> list[tuple[str, str]]:
        return [(sec.name, w) for sec in self.sections for w in sec.warnings]


def draft(register: Path, frivilligsentral: Path, kommune: Path, diskurs: Path | None = None, *,
          base: versions.DataVersion | None = None) -> Draft:
    """Read the files and draft their mapping (see the module docstring)."""
    ctx = Context(base)
    reg = _register(ctx, Path(register))
    id_col = reg.column("sentral_id")
    ids = set(detect.nonempty(reg.file.table.df[id_col]).str.strip()) if id_col else set()
    sections = [reg, _survey(ctx, Path(frivilligsentral), "frivilligsentral", ids),
                _survey(ctx, Path(kommune), "kommune", set())]
    if diskurs is not None:
        sections.append(_discourse(ctx, Path(diskurs)))
    args = f"--register {Path(register).name} --frivilligsentral {Path(frivilligsentral).name} " \
           f"--kommune {Path(kommune).name}" + (f" --diskurs {Path(diskurs).name}" if diskurs else "")
    return Draft(sections, args)
