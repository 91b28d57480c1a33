"""The draft of a multi-choice answer written into one cell ("Kommunen;Idrettslag;", as Microsoft Forms
writes it): the column's question text matched to a checkbox block of the codebook (question and actor),
each option seen in the column matched to an item of that block, and the block's items never seen written
with the codebook's own text, so that the import gives the unchosen items «ikke valgt». Written as
``[seksjon.flervalg."kolonne"]`` (see dashboard.importer.mapping). TODO only where a person must decide."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from dashboard.importer.codebook import is_other
from dashboard.importer.draft import detect
from dashboard.importer.draft.match import assign, norm, ranked, similarity
from dashboard.importer.draft.model import ACCEPT, MARGIN, SUGGEST, Context, Entry, SectionDraft, score_text
from dashboard.importer.values import fold

QUESTION_WEIGHT = 0.6     # the rest is how well the options fit the block's items
CLEAR = 0.25              # a block this far ahead of every other is taken even when its score is weak


@dataclass
class MultiDraft:
    column: str
    separator: str
    block: Entry                                        # key: column, value: the block's first item (or TODO)
    options: list[Entry] = field(default_factory=list)  # option label -> item
    other: Entry | None = None    # annet = the block's «Andre» item, for options that are free text (value None:
                                  # the block has none; a TODO comment says so)


def _units(ctx: Context, group: str) -> dict[str, tuple[list[str], str]]:
    """Checkbox blocks of the group: first item -> (items, the question as a form would word it)."""
    out = {}
    for ids, scale in ctx.units[group]:
        if scale == "valgt":
            row = ctx.items[ctx.items["sporsmal_id"] == ids[0]].iloc[0]
            actor = row["aktor_tekst"] if isinstance(row["aktor_tekst"], str) else ""
            out[ids[0]] = (ids, f"{row['sporsmalstekst_nb']} {actor}".strip())
    return out


def _elements(ctx: Context, item: str) -> list[str]:
    row = ctx.items[ctx.items["sporsmal_id"] == item].iloc[0]
    return [t for t in (row["element_nb"], row["element_nn"]) if isinstance(t, str)]


def _option_scores(ctx: Context, option: str, ids: list[str]) -> dict[str, float]:
    return {i: max(similarity(option, t) for t in _elements(ctx, i)) for i in ids}


def _unit_score(ctx: Context, column: str, options: list[str], unit: tuple[list[str], str]) -> float:
    ids, question = unit
    real = [o for o in options if not detect.is_non_answer(o)] or options
    fit = sum(max(_option_scores(ctx, o, ids).values()) for o in real) / len(real)
    return QUESTION_WEIGHT * similarity(column, question) + (1 - QUESTION_WEIGHT) * fit


def draft_columns(ctx: Context, group: str, columns: dict[str, list[str]], once: dict[str, set[str]] | None = None,
                  separators: dict[str, str] | None = None) -> list[MultiDraft]:
    """``columns``: column -> the distinct options seen in it; ``once``: column -> those seen in one row only
    (free text from an «Annet» choice when they fit no item); ``separators``: column -> its separator (";"
    when not given). One block per column, one column per block."""
    units = _units(ctx, group)
    once = once or {}
    separators = separators or {}
    scores = {c: {u: _unit_score(ctx, c, [o for o in opts if o not in once.get(c, ())] or opts, units[u])
                  for u in units} for c, opts in columns.items()}
    chosen = assign(scores)
    out = []
    for column, options in columns.items():
        unit, score, margin = chosen.get(column, (None, 0.0, 0.0))
        # a multi-choice cell is a checkbox block: the only block that fits at all is taken too
        if unit is not None and (score >= ACCEPT and margin >= MARGIN or score >= SUGGEST and margin >= CLEAR):
            ids, question = units[unit]
            blokk = ctx.items.loc[ctx.items["sporsmal_id"] == unit, "blokk"].iloc[0]
            block = Entry(column, unit, round(score, 2), f"flervalg i én celle; blokk {blokk}: «{question}»")
            free = _free_text(ctx, ids, once.get(column, set()))
            kept = [o for o in options if o not in free]
            out.append(MultiDraft(column, separators.get(column, ";"), block, _options(ctx, ids, kept),
                                  _other(ctx, ids, column, len(free))))
            continue
        alts = ", ".join(f"{k.key} ({score_text(k.score)})" for k in ranked(scores[column], 3))
        guess = unit if unit is not None and score >= SUGGEST else ""
        block = Entry(column, f"TODO: {guess}" if guess else "TODO", round(score, 2), f"kandidater: {alts}",
                      todo=f"flervalgskolonnen «{column}»: usikkert hvilket spørsmål den hører til; skriv "
                           "elementet for hvert alternativ")
        out.append(MultiDraft(column, separators.get(column, ";"), block,
                              [Entry(o, block.value, None, "") for o in options]))
    return out


def _free_text(ctx: Context, ids: list[str], once: set[str]) -> set[str]:
    """The options seen in one row only that fit no item of the block: a respondent's own words."""
    return {o for o in once if not detect.is_non_answer(o) and max(_option_scores(ctx, o, ids).values()) < SUGGEST}


def _other(ctx: Context, ids: list[str], column: str, free: int) -> Entry | None:
    """annet = the block's «Andre» item when the column holds free text; a TODO when the block has none."""
    if not free:
        return None
    seen = f"{free} {'alternativ' if free == 1 else 'alternativer'} står i bare én rad og ligner ikke noe element"
    andre = [i for i in ids if is_other(*_codes(ctx, i))]
    if andre:
        text = _elements(ctx, andre[0])[0]
        return Entry("annet", andre[0], None, f"{seen}: egen tekst fra et «Annet»-valg, telles som «{text}»; "
                                              "teksten lagres aldri")
    return Entry("annet", None, None, "", todo=f"flervalgskolonnen «{column}»: {seen} (egen tekst fra et "
                                               "«Annet»-valg?), men spørsmålet har ikke noe «Andre»-element i "
                                               "kodeboken; importen melder dem som ukjente alternativer: rett "
                                               "filen, eller før dem opp i alternativer")


def _codes(ctx: Context, item: str) -> list:
    row = ctx.items[ctx.items["sporsmal_id"] == item].iloc[0]
    return [row["element"], row["element_nb"], row["element_nn"]]


def _options(ctx: Context, ids: list[str], options: list[str]) -> list[Entry]:
    real = [o for o in options if not detect.is_non_answer(o)]
    scores = {o: _option_scores(ctx, o, ids) for o in real}
    chosen = assign(scores)
    out = []
    for o in real:
        item, score, margin = chosen.get(o, (None, 0.0, 0.0))
        if item is not None and score >= ACCEPT and margin >= MARGIN:
            out.append(Entry(o, item, round(score, 2), _elements(ctx, item)[0]))
            continue
        alts = ", ".join(f"{k.key} ({score_text(k.score)})" for k in ranked(scores[o], 3))
        out.append(Entry(o, f"TODO: {item}" if item and score >= SUGGEST else "TODO", round(score, 2),
                         f"kandidater: {alts}", todo=f"alternativet «{o}» passer ikke sikkert med et element"))
    out.sort(key=lambda e: ids.index(e.value) if e.value in ids else len(ids))
    taken = {e.value for e in out} | {fold(e.key) for e in out}
    for item in ids:  # never chosen in this file: the codebook's text, so the item still gets «ikke valgt»
        label = _elements(ctx, item)[0]
        if item not in taken and fold(label) not in taken:
            out.append(Entry(label, item, 1.0, "ikke valgt av noen i filen; kodebokens tekst"))
    return out


def add_to(ctx: Context, sec: SectionDraft, df: pd.DataFrame, rest: list[str]) -> tuple[list[str], set[str]]:
    """Draft the section's one-cell multi-choice columns (non-answers among their options go to
    ``ikke_svar.valgt``); returns the columns left and the items the multi-choice columns took."""
    known = option_texts(ctx, sec.name)
    found = columns_and_options(df, rest, known)
    multi = {c: options for c, (_, options) in found.items()}
    once = {c: {o for o, n in detect.option_rows(df[c], sep, tuple(opts) + known).items() if n < 2}
            for c, (sep, opts) in found.items()}
    sec.multi = draft_columns(ctx, sec.name, multi, once, {c: sep for c, (sep, _) in found.items()})
    for option in (o for options in multi.values() for o in options):
        if detect.is_non_answer(option) and option not in sec.non_answers.get("valgt", []):
            sec.non_answers.setdefault("valgt", []).append(option)
    return [c for c in rest if c not in multi], {str(e.value) for m in sec.multi for e in m.options}


def option_texts(ctx: Context, group: str) -> tuple[str, ...]:
    """The codebook's texts of the group's checkbox items (bokmål and nynorsk), longest first."""
    ids = [i for unit, _ in _units(ctx, group).values() for i in unit]
    return tuple(sorted({t for i in ids for t in _elements(ctx, i)}, key=len, reverse=True))


def columns_and_options(df: pd.DataFrame, columns: list[str], known: tuple[str, ...] = ()
                        ) -> dict[str, tuple[str, list[str]]]:
    """The columns that hold a multi-choice answer in one cell: column -> (separator, the options seen):
    ";" as Microsoft Forms joins them, ", " as Google Forms does (option texts may hold commas)."""
    out = {}
    for c in columns:
        if detect.FREE_HINT.search(norm(c)):
            continue
        options = detect.multi_choice_cell(df[c])
        if options:
            out[c] = (";", options)
        elif options := detect.comma_choice_cell(df[c], known):
            out[c] = (", ", options)
    return out
