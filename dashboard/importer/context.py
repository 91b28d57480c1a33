"""What every step of one import shares: the codebook, the municipality resolver, the problems found,
the progress callback; plus column-wise helpers (file rows, municipalities, unknown columns)."""

from __future__ import annotations

import difflib
from collections.abc import Callable

import numpy as np
import pandas as pd

from dashboard.data import versions
from dashboard.importer.codebook import Codebook
from dashboard.importer.mapping import Section
from dashboard.importer.municipalities import MunicipalityResolver
from dashboard.importer.problems import ERROR, EXAMPLES, NOTE, Problem, Problems
from dashboard.importer.readers import Table

MISSING, BLANK = "\x00missing", "\x00blank"   # a survey cell read as a non-answer / as an empty cell
MUNICIPALITY_NOTES = {
    "navn": "kommunenavn oversatt til kommunenummer",
    "gammelt_nummer": "gammelt kommunenummer konvertert til 2024-nummeret",
    "overstyrt": "kommune satt etter tabellen [{role}.kommuner] i mappingen",
    "nummer": "kommunenummer skrevet om til fire sifre (ledende null eller desimal)",
}


class Context:
    def __init__(self, base: versions.DataVersion, progress: Callable[[str], None]):
        self.base = base
        self.book = Codebook.from_version(base)
        self.resolver = MunicipalityResolver.from_version(base)
        self.problems = Problems()
        self.progress = progress

    def add(self, problem: Problem) -> None:
        self.problems.add(problem)

    def add_rows(self, table: Table, column: str | None, message: str, positions, value: str | None = None, *,
                 severity: str = ERROR, fix: str | None = None) -> None:
        """One problem at many rows (positions in the table), counted once per row."""
        positions = np.asarray(positions, dtype=int)
        rows = file_rows(table)[positions[:EXAMPLES]]
        self.problems.add_many(Problem(table.name, message, None, column, value, severity, fix), len(positions),
                               rows.tolist())

    def municipalities(self, table: Table, column: str, sec: Section, role: str) -> pd.Series:
        """The column resolved to 2024 numbers (None where it cannot be); every conversion is a note."""
        out = pd.Series(None, index=table.df.index, dtype=object)
        for value, pos in positions(table.df[column]).items():
            if not value.strip():
                self.add_rows(table, column, "mangler kommune", pos, "", fix="fyll inn kommunenummer eller -navn")
                continue
            r = self.resolver.resolve(value, sec.municipality_overrides, role)
            out.iloc[pos] = r.kommunenummer
            if r.kommunenummer is None:
                self.add_rows(table, column, r.error or "ukjent kommune", pos, value,
                              fix=r.fix or f"rett verdien i filen, eller avgjør den i [{role}.kommuner] i mappingen")
            elif r.kind != "nummer" or value.strip() != r.kommunenummer:
                note = MUNICIPALITY_NOTES.get(r.kind, r.note or "kommune konvertert").format(role=role)
                self.add_rows(table, column, note, pos, f"{value.strip()} → {self.resolver.label(r.kommunenummer)}",
                              severity=NOTE)
        return out


def file_rows(table: Table) -> np.ndarray:
    """The file row (1-based, as a spreadsheet shows it) of every data row of the table."""
    rows = getattr(table, "rows", None)
    if rows is not None and len(rows) == len(table.df):
        return np.asarray(rows, dtype=int)
    return table.header_row + 1 + np.arange(len(table.df))


def positions(series: pd.Series) -> dict[str, np.ndarray]:
    """value -> the positions where it occurs, in order of first occurrence."""
    codes, uniques = pd.factorize(series.fillna("").astype(str), sort=False)
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(uniques) + 1))
    return {str(u): order[bounds[i]:bounds[i + 1]] for i, u in enumerate(uniques)}


def check_columns(ctx: Context, table: Table, sec: Section, role: str, mapped: set[str]) -> bool:
    """Every column of the file is mapped, and every mapped column is in the file. False if any is missing."""
    cols = [c for c in table.df.columns if c]
    known = mapped | set(sec.ignore) | set(sec.free_text) | set(sec.contact)
    missing = sorted(mapped - set(cols))
    for c in cols:
        if c not in known:
            hint = difflib.get_close_matches(c, missing, n=1, cutoff=0.6)
            ctx.add(Problem(table.name, f"ukjent kolonne: den står ikke i mappingen for [{role}]"
                            + (f"; mente mappingen «{hint[0]}»?" if hint else ""), table.header_row, c,
                            fix="legg den til under sporsmal, ignorer, kontaktinfo eller fritekst i mappingen"))
    for c in missing:
        hint = difflib.get_close_matches(c, [x for x in cols if x not in known], n=1, cutoff=0.6)
        ctx.add(Problem(table.name, f"kolonnen mangler i filen, men mappingen for [{role}] bruker den"
                        + (f"; heter den «{hint[0]}» i filen?" if hint else ""), table.header_row, c))
    _left_out(ctx, table, sec, cols)
    return not missing


def _left_out(ctx: Context, table: Table, sec: Section, cols: list[str]) -> None:
    """One note per kind of column left out: contact data, free text, ignored."""
    kinds = ((sec.contact, "personopplysninger (kontaktinfo) er utelatt og lagres aldri"),
             (sec.free_text, "fritekst er utelatt og lagres aldri"),
             (sec.ignore, "ignorert etter mappingen"))
    for listed, what in kinds:
        present = [c for c in listed if c in cols]
        if present:
            ctx.add(Problem(table.name, f"{len(present)} {'kolonne' if len(present) == 1 else 'kolonner'} {what}: "
                            + ", ".join(f"«{c}»" for c in present), severity=NOTE))
