"""A multi-choice answer written into one cell ("Kommunen;Idrettslag;", as Microsoft Forms writes it):
the cell split on the mapping's separator, each option matched (trimmed, case- and diacritics-insensitive)
to its codebook item as «valgt». The items not in a non-empty cell are left blank for the checkbox rule
(dashboard.importer.survey), which makes them «ikke valgt»; an empty cell stays blank, so the respondent
is missing for the question. Non-answers ("Vet ikke") follow the section's non-answer rules; an option
not in the mapping is an error naming column, row and option, unless the mapping names an ``annet`` item:
then it is a form's "Other" free text and counts as that item chosen (one like a mapped option is still
an error: a typo). The free text is never stored nor shown in the report. Every conversion is a note."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

import pandas as pd

from dashboard.importer import values
from dashboard.importer.context import BLANK, MISSING, Context, positions
from dashboard.importer.mapping import MultiChoice, Section
from dashboard.importer.problems import NOTE, WARNING
from dashboard.importer.readers import Table
from dashboard.importer.schema_check import suggest
from dashboard.importer.values import fold

CHECKBOX = "valgt"
NEAR = 0.85         # an option this like a mapped one is a typo, not an "Other" free text
REPEATED = 3        # the same own words in this many rows: probably an option missing from alternativer


split = values.split_options   # the options in a cell (known option texts may hold the separator)


@dataclass
class Tally:
    """What one column's cells held besides the mapped options, by the positions (rows) they were in."""

    unknown: dict[str, list] = field(default_factory=dict)      # option -> positions (an error)
    dropped: dict[str, list] = field(default_factory=dict)      # non-answer -> positions (a note)
    other: dict[str, list] = field(default_factory=dict)        # fold(free text) -> positions (never stored)
    near: dict[str, list] = field(default_factory=dict)         # option like a mapped one -> positions (an error)
    only_non_answers: list = field(default_factory=list)
    split_rows: list = field(default_factory=list)


def read(ctx: Context, table: Table, sec: Section, group: str, column: str, spec: MultiChoice
         ) -> dict[str, pd.Series]:
    """item -> «valgt» where its option is in the cell (or, with ``spec.other``, any option not mapped),
    MISSING where the cell holds only non-answers, BLANK elsewhere (filled by the checkbox rule)."""
    options = {fold(label): item for label, item in spec.options.items()}
    non_answers = {fold(v) for v in sec.non_answer_set(CHECKBOX) | sec.explicit_non_answers(CHECKBOX)}
    items = list(dict.fromkeys([*spec.options.values(), *([spec.other] if spec.other else [])]))
    out = {item: pd.Series(BLANK, index=table.df.index, dtype=object) for item in items}
    tally = Tally()
    for raw, pos in positions(table.df[column]).items():
        parts = split(raw, spec.separator, [*spec.options, *non_answers])
        chosen = {options[fold(p)] for p in parts if fold(p) in options}
        for p in (p for p in parts if fold(p) not in options):
            _sort(tally, p, pos, non_answers, options, spec.other)
            if spec.other and fold(p) not in non_answers:
                chosen.add(spec.other)
        for item in chosen:
            out[item].iloc[pos] = "valgt"
        if chosen:
            tally.split_rows.extend(pos)
        elif parts and all(fold(p) in non_answers for p in parts):
            tally.only_non_answers.extend(pos)
            for item in out:
                out[item].iloc[pos] = MISSING
    _report(ctx, table, group, column, spec, out, tally)
    return out


def _sort(tally: Tally, part: str, pos, non_answers: set[str], options: dict[str, str], other: str | None) -> None:
    """An option not in the mapping: a non-answer, a free text (with ``other``; one like a mapped option
    is taken for a typo), or unknown."""
    if fold(part) in non_answers:
        tally.dropped.setdefault(part, []).extend(pos)
    elif other is None:
        tally.unknown.setdefault(part, []).extend(pos)
    elif difflib.get_close_matches(fold(part), list(options), n=1, cutoff=NEAR):
        tally.near.setdefault(part, []).extend(pos)
    else:
        tally.other.setdefault(fold(part), []).extend(pos)


def _report(ctx: Context, table: Table, group: str, column: str, spec: MultiChoice, out: dict[str, pd.Series],
            tally: Tally) -> None:
    where = f'[{group}.flervalg."{column}"]'
    for option, pos in tally.unknown.items():
        ctx.add_rows(table, column, f"alternativet «{option}» står ikke i {where}.alternativer"
                                    f"{suggest(option, spec.options)}", sorted(pos), option,
                     fix=_unknown_fix(ctx, where, spec))
    for option, pos in tally.near.items():
        ctx.add_rows(table, column, f"alternativet «{option}» står ikke i {where}.alternativer, men ligner et som "
                                    f"gjør{suggest(option, spec.options)} Det telles ikke som «annet»", sorted(pos),
                     option, fix=f"rett skrivemåten i {where}.alternativer eller i filen")
    _other_notes(ctx, table, column, spec, tally.other)
    for option, pos in tally.dropped.items():
        ctx.add_rows(table, column, f"alternativet «{option}» er et ikke-svar og er utelatt", sorted(pos),
                     severity=NOTE)
    if tally.only_non_answers:
        ctx.add_rows(table, column, "cellen har bare ikke-svar: hele spørsmålet er lagret som manglende",
                     sorted(tally.only_non_answers), severity=NOTE)
    if tally.split_rows:
        counts = ", ".join(f"{label} {int((out[item] == 'valgt').sum())}" for label, item in spec.options.items())
        ctx.add_rows(table, column, f"flervalg i én celle delt på «{spec.separator}»: de valgte alternativene er "
                                    f"lagret som «valgt» ({counts})", sorted(tally.split_rows), severity=NOTE)


def _unknown_fix(ctx: Context, where: str, spec: MultiChoice) -> str:
    fix = f"legg alternativet til i {where}.alternativer med elementet det svarer til (et avkrysningsspørsmål i " \
          "samme blokk), eller rett filen"
    andre = ctx.book.other_items(next(iter(spec.options.values())))
    if andre:
        fix += (f"; er det egen tekst fra et «Annet»-valg, skriv annet = \"{andre[0]}\" i {where}: da telles alle "
                "alternativer som ikke står i alternativer, som «" + str(ctx.book.items.at[andre[0], "element_nb"])
                + "», og tekstene lagres aldri")
    return fix


def _other_notes(ctx: Context, table: Table, column: str, spec: MultiChoice, other: dict[str, list]) -> None:
    """One note for the rows whose own words were counted for ``spec.other`` (the words are never shown
    or stored: they may name people); a warning when the same words stand in several rows (an option?)."""
    if not other:
        return
    text = ctx.book.items.at[spec.other, "element_nb"]
    rows = sorted({p for pos in other.values() for p in pos})
    ctx.add_rows(table, column, f"egen tekst (et «Annet»-valg) er telt som «{text}» ({spec.other}); teksten er "
                                "ikke lagret og vises ikke her", rows, severity=NOTE)
    repeated = sorted({p for pos in other.values() if len(set(pos)) >= REPEATED for p in pos})
    if repeated:
        ctx.add_rows(table, column, f"samme egne tekst står i {REPEATED} eller flere rader og er telt som «{text}»; "
                                    "er det et alternativ i skjemaet, før det opp i alternativer", repeated,
                     severity=WARNING)
