"""A multi-choice answer written into one cell ("Kommunen;Idrettslag;", as Microsoft Forms writes it):
the cell split on the mapping's separator, each option matched (trimmed, case- and diacritics-insensitive)
to its codebook item as «valgt». The items not in a non-empty cell are left blank for the checkbox rule
(dashboard.importer.survey), which makes them «ikke valgt»; an empty cell stays blank, so the respondent
is missing for the question. Non-answers ("Vet ikke") follow the section's non-answer rules; an option
not in the mapping is an error naming column, row and option. Every conversion is a note."""

from __future__ import annotations

import pandas as pd

from dashboard.importer.context import BLANK, MISSING, Context, positions
from dashboard.importer.mapping import MultiChoice, Section
from dashboard.importer.problems import NOTE
from dashboard.importer.readers import Table
from dashboard.importer.schema_check import suggest
from dashboard.importer.values import fold

CHECKBOX = "valgt"


def split(cell: str, separator: str) -> list[str]:
    """The options in a cell, trimmed, empty parts (a trailing separator) left out."""
    return [p.strip() for p in str(cell).split(separator) if p.strip()]


def read(ctx: Context, table: Table, sec: Section, group: str, column: str, spec: MultiChoice
         ) -> dict[str, pd.Series]:
    """item -> «valgt» where its option is in the cell, MISSING where the cell holds only non-answers,
    BLANK elsewhere (filled by the checkbox rule)."""
    options = {fold(label): item for label, item in spec.options.items()}
    non_answers = {fold(v) for v in sec.non_answer_set(CHECKBOX) | sec.explicit_non_answers(CHECKBOX)}
    out = {item: pd.Series(BLANK, index=table.df.index, dtype=object) for item in spec.options.values()}
    unknown: dict[str, list] = {}
    dropped: dict[str, list] = {}
    only_non_answers, split_rows = [], []
    for raw, pos in positions(table.df[column]).items():
        parts = split(raw, spec.separator)
        chosen = {options[fold(p)] for p in parts if fold(p) in options}
        for p in parts:
            if fold(p) not in options:
                (dropped if fold(p) in non_answers else unknown).setdefault(p, []).extend(pos)
        for item in chosen:
            out[item].iloc[pos] = "valgt"
        if chosen:
            split_rows.extend(pos)
        elif parts and all(fold(p) in non_answers for p in parts):
            only_non_answers.extend(pos)
            for item in out:
                out[item].iloc[pos] = MISSING
    _report(ctx, table, group, column, spec, out, unknown, dropped, only_non_answers, split_rows)
    return out


def _report(ctx: Context, table: Table, group: str, column: str, spec: MultiChoice, out: dict[str, pd.Series],
            unknown: dict, dropped: dict, only_non_answers: list, split_rows: list) -> None:
    where = f'[{group}.flervalg."{column}"].alternativer'
    for option, pos in unknown.items():
        ctx.add_rows(table, column, f"alternativet «{option}» står ikke i {where}{suggest(option, spec.options)}",
                     sorted(pos), option, fix=f"legg alternativet til i {where} med elementet det svarer til "
                                              "(et avkrysningsspørsmål i samme blokk), eller rett filen")
    for option, pos in dropped.items():
        ctx.add_rows(table, column, f"alternativet «{option}» er et ikke-svar og er utelatt", sorted(pos),
                     severity=NOTE)
    if only_non_answers:
        ctx.add_rows(table, column, "cellen har bare ikke-svar: hele spørsmålet er lagret som manglende",
                     sorted(only_non_answers), severity=NOTE)
    if split_rows:
        counts = ", ".join(f"{label} {int((out[item] == 'valgt').sum())}" for label, item in spec.options.items())
        ctx.add_rows(table, column, f"flervalg i én celle delt på «{spec.separator}»: de valgte alternativene er "
                                    f"lagret som «valgt» ({counts})", sorted(split_rows), severity=NOTE)
