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
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.data import versions
from dashboard.importer.draft import detect
from dashboard.importer.draft import multi as draft_multi
from dashboard.importer.draft.match import (
    assign,
    item_scores,
    label_scores,
    norm,
    ranked,
)
from dashboard.importer.draft.model import (
    ACCEPT,
    MARGIN,
    SUGGEST,
    Context,
    Entry,
    SectionDraft,
    label_text,
    link_columns,
    score_text,
)
from dashboard.importer.draft.read import DraftError, read_file
from dashboard.importer.draft.register import discourse_section, register_section
from dashboard.importer.draft.toml import HEADER, section_lines

__all__ = ["Draft", "DraftError", "draft"]


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
        return Entry(value, best[0].key, best[0].score, f"nærmest «{label_text(cats, best[0].key)}»"), False
    guess = best[0].key if best and best[0].score >= SUGGEST else ""
    alts = ", ".join(f"{c.key} ({score_text(c.score)})" for c in best)
    return Entry(value, f"TODO: {guess}" if guess else "TODO", best[0].score if best else 0.0, f"kandidater: {alts}",
                 todo=f"svaret «{value}» passer ikke sikkert med en kategori i skalaen «{scale}»"), False


def _item_texts(ctx: Context, item: str) -> list[str]:
    row = ctx.items[ctx.items["sporsmal_id"] == item].iloc[0]
    return [t for t in (row["element_nb"], row["element_nn"]) if isinstance(t, str)]


def _shown(sec: SectionDraft, column: str) -> pd.Series:
    """A column's answers as people read them: SPSS value labels instead of their codes (the
    importer knows a label stands for its code, so the mapping can name the label)."""
    series = sec.file.table.df[column]
    labels = sec.file.table.labels.get(column) or sec.file.value_labels.get(column)
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
    """The value tables: every answer of every mapped column translated for its item's scale; for a TODO
    line, for each candidate's scale, so that settling the line needs no more. In a codes-only file (labels
    in another sheet) the code is translated, matched by its label."""
    seen: dict[str, dict[str, str]] = {}
    for e in sec.items:
        for item in (e.candidates if e.todo else [str(e.value)]):
            scale = str(ctx.scale_of[item])
            if scale != "fritekst":
                _column_values(ctx, sec, e.key, item, seen.setdefault(scale, {}), sure=bool(e.todo))


def _column_values(ctx: Context, sec: SectionDraft, column: str, item: str, seen: dict[str, str],
                   sure: bool = False) -> None:
    """One column's answers into the value table of ``item``'s scale (``sure``: only answers that fit it
    surely; a candidate's scale gets no TODO lines of its own)."""
    scale = str(ctx.scale_of[item])
    coded = sec.file.value_labels.get(column, {})
    raw = detect.nonempty(sec.file.table.df[column] if coded else _shown(sec, column)).str.strip()
    answers = sorted(set(raw))
    for v in answers:
        label = coded.get(v, v)
        if norm(v) in seen:
            if coded and norm(seen[norm(v)]) != norm(label):
                sec.warnings.append(f"koden «{v}» betyr «{seen[norm(v)]}» i én kolonne og «{label}» i «{column}» "
                                    f"(skala {scale}); verditabellen kan bare ha én betydning")
            continue
        entry, non_answer = _value_entry(ctx, scale, label, _item_texts(ctx, item), len(answers) == 1)
        if sure and entry is not None and entry.todo:
            continue
        seen[norm(v)] = label
        if non_answer:
            sec.non_answers.setdefault(scale, []).append(v)
        elif entry is not None:
            if coded:
                entry.key, entry.comment = v, f"«{label}»: {entry.comment}"
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
    return rest


def _respondent_id(sec: SectionDraft, df: pd.DataFrame, rest: list[str]) -> list[str]:
    """Without an id column by its name: the tool's unique time stamp (Google Forms has no id), else the
    first unique column that is no link column (those are taken first) and no free text."""
    if sec.column("respondent_id"):
        return rest
    stamps = [e.key for e in sec.ignore if detect.is_unique_id(df[e.key]) and detect.is_meta(e.key, df[e.key])
              and detect.share(df[e.key], lambda v: bool(detect.DATETIME.fullmatch(v.strip()))) >= 0.9]
    if stamps:
        sec.ignore = [e for e in sec.ignore if e.key != stamps[0]]
        sec.columns.append(Entry("respondent_id", stamps[0], 0.8, "tidsstempelet er unikt på hver rad; filen har "
                                                                  "ingen id-kolonne"))
        return rest
    unique = [c for c in rest if detect.is_unique_id(df[c]) and not detect.is_free_text(df[c], c)]
    if unique:
        sec.columns.append(Entry("respondent_id", unique[0], 0.8, "første kolonne med unik verdi på hver rad"))
        return [c for c in rest if c != unique[0]]
    sec.columns.append(Entry("respondent_id", "TODO", None, "fant ingen kolonne med unik id per rad",
                             todo="respondent-id: ingen kolonne har en unik verdi på hver rad"))
    return rest


def _questions(ctx: Context, sec: SectionDraft, df: pd.DataFrame, rest: list[str]) -> None:
    pending, taken = draft_multi.add_to(ctx, sec, df, rest)   # one-cell multi-choice columns first
    items = tuple(i for i in ctx.prepared[sec.name] if i.sporsmal_id not in taken)
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
            best = sum(max(scores[c].get(i, 0.0) for i in ids) for c in cols)
            ranked_units.append((fit / len(cols) * best / len(cols), ids))
        ranked_units.sort(key=lambda u: -u[0])
        if not ranked_units or len(ranked_units) > 1 and ranked_units[0][0] - ranked_units[1][0] < MARGIN:
            continue  # two blocks fit as well: the columns stay undecided (TODO with candidates)
        for c in cols:
            scores[c] = {i: scores[c][i] for i in ranked_units[0][1] if i in scores[c]}


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
        if fit < 0.8 and detect.is_free_text(df[c], c):
            sec.free_text.append(Entry(c, comment=f"fritekst ({detect.free_text_reason(df[c], c)}): bare om den er "
                                                  "besvart kan lagres; teksten lagres aldri"))
            return
        if score >= SUGGEST:
            alts = _candidates(ctx, c, scores)
            why = "svarene passer ikke skalaen" if fit < 0.8 else (
                "svakt treff" if score < ACCEPT else "flere elementer passer nesten like godt")
            sec.items.append(Entry(c, f"TODO: {item}", round(score, 2), f"kandidater: {alts}",
                                   todo=f"kolonnen «{c}»: {why}", candidates=[k.key for k in ranked(scores, 3)]))
            return
    if detect.is_free_text(df[c], c):
        sec.free_text.append(Entry(c, comment=f"fritekst ({detect.free_text_reason(df[c], c)}): teksten lagres aldri"))
        return
    alts = _candidates(ctx, c, scores)
    kind = "ser ut som svaralternativer" if detect.looks_like_answers(df[c]) else "verken fritekst eller et kjent svar"
    sec.items.append(Entry(c, "TODO", round(score, 2), f"{kind}; ingen sikker kandidat: {alts}; eller flytt til "
                                                       "ignorer", todo=f"kolonnen «{c}» passer ikke med noe spørsmål "
                                                                       "i kodeboken",
                           candidates=[k.key for k in ranked(scores, 3) if k.score >= SUGGEST]))


TIMES = {"i_dag": "i dag", "fremover": "fremover"}


def _names(ctx: Context, column: str, item: str) -> bool:
    """The column's text names the item's actor or its own text (an actor, an area)."""
    row = ctx.items[ctx.items["sporsmal_id"] == item].iloc[0]
    words = [row["aktor_tekst"], row["element_nb"], row["element_nn"]]
    return any(isinstance(w, str) and len(norm(w)) > 3 and f" {norm(w)} " in f" {norm(column)} " for w in words)


def _candidates(ctx: Context, column: str, scores: dict[str, float], n: int = 3) -> str:
    """A TODO line's candidates: an item the column's text names leads, then the best scores; candidates
    with the same text in the codebook are told apart by block and time ("i dag", "fremover")."""
    pool = ranked({k: v for k, v in scores.items() if not k.startswith("__")}, 8)
    named = [c for c in pool if c.score >= SUGGEST and _names(ctx, column, c.key)]
    best = (named + [c for c in pool if c not in named])[:n]
    rows = {c.key: ctx.items[ctx.items["sporsmal_id"] == c.key].iloc[0] for c in best}
    texts = [norm(r["element_nb"]) for r in rows.values()]

    def shown(c) -> str:
        r = rows[c.key]
        same = texts.count(norm(r["element_nb"])) > 1
        when = TIMES.get(r["tidspunkt"], "") if isinstance(r["tidspunkt"], str) else ""
        actor = f", {r['aktor_tekst']}" if isinstance(r["aktor_tekst"], str) else ""
        apart = f"; {r['blokk']}{actor}" + (f", {when}" if when else "") if same else ""
        return f"{c.key} ({score_text(c.score)}{apart})" + (" nevnt i kolonnen" if c in named else "")

    return ", ".join(shown(c) for c in best)


def _survey(ctx: Context, path: Path, group: str, register_ids: set[str]) -> SectionDraft:
    rf = read_file(path)
    sec = SectionDraft(group, rf)
    df = rf.table.df
    rest = _roles(ctx, sec, df)
    rest = link_columns(ctx, sec, df, rest, register_ids)
    rest = _respondent_id(sec, df, rest)
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
            lines += section_lines(sec)
        return "\n".join(lines) + "\n"

    @property
    def data(self) -> dict:
        return tomllib.loads(self.to_toml())

    @property
    def scores(self) -> dict[tuple[str, str], float]:
        out = {}
        for sec in self.sections:
            for e in sec.columns + sec.items + [m.block for m in sec.multi]:
                if e.score is not None and e.value != "TODO":
                    out[(sec.name, str(e.value) if e in sec.columns else e.key)] = e.score
        return out

    @property
    def todos(self) -> list[tuple[str, str, str]]:
        out = []
        for sec in self.sections:
            if "TODO" in str(sec.file.shape.get("tegnkoding", "")):
                out.append((sec.name, "fil.tegnkoding", "filen er UTF-8 bortsett fra noen få byte"))
            for where, entries in [("kolonner", sec.columns), ("sporsmal", sec.items), ("kommuner", sec.municipalities),
                                   *((f"verdier.{k}", v) for k, v in sec.values.items())]:
                out += [(sec.name, f"{where}.{e.key}", e.todo) for e in entries if e.todo]
            for m in sec.multi:
                out += [(sec.name, f"flervalg.{m.column}.{e.key}", e.todo) for e in [m.block, *m.options, m.other]
                        if e is not None and e.todo]
        return out

    @property
    def warnings(self) -> list[tuple[str, str]]:
        return [(sec.name, w) for sec in self.sections for w in sec.warnings]


def draft(register: Path, frivilligsentral: Path, kommune: Path, diskurs: Path | None = None, *,
          base: versions.DataVersion | None = None) -> Draft:
    """Read the files and draft their mapping (see the module docstring)."""
    ctx = Context(base)
    reg = register_section(ctx, Path(register))
    id_col = reg.column("sentral_id")
    ids = set(detect.nonempty(reg.file.table.df[id_col]).str.strip()) if id_col else set()
    sections = [reg, _survey(ctx, Path(frivilligsentral), "frivilligsentral", ids),
                _survey(ctx, Path(kommune), "kommune", set())]
    if diskurs is not None:
        sections.append(discourse_section(ctx, Path(diskurs)))
    args = f"--register {Path(register).name} --frivilligsentral {Path(frivilligsentral).name} " \
           f"--kommune {Path(kommune).name}" + (f" --diskurs {Path(diskurs).name}" if diskurs else "")
    return Draft(sections, args)
