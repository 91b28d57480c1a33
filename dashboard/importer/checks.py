"""Warnings about an import that is valid but looks wrong: the same centre or municipality answering
twice, N per question far from the current version's, one category taking every answer."""

from __future__ import annotations

import pandas as pd

from dashboard.data import versions
from dashboard.importer.context import Context, positions
from dashboard.importer.mapping import Section
from dashboard.importer.problems import WARNING, Problem
from dashboard.importer.readers import Table

N_CHANGE = 0.5        # N per question differing by more than 50 % from the current version ...
N_CHANGE_MIN = 10     # ... when that version had at least 10 answers to it
ONE_CATEGORY_MIN_N = 5


def answered_twice(ctx: Context, table: Table, sec: Section, resp: pd.DataFrame, group: str) -> None:
    """One centre (centres' survey) or municipality (municipalities' survey) under several respondent ids."""
    key = "sentral_id" if group == "frivilligsentral" else "kommunenummer"
    if resp[key].isna().all():  # centres linked by municipality only: several per municipality are normal
        return
    source = sec.columns.get(key) or sec.columns.get("organisasjonsnummer") or sec.columns["respondent_id"]
    links = resp[key]
    twice = links.notna() & links.duplicated(keep=False)
    what = "sentral" if key == "sentral_id" else "kommune"
    for value, pos in positions(links[twice]).items():
        ctx.add_rows(table, source, f"samme {what} har svart flere ganger under ulike respondent-id-er",
                     twice.to_numpy().nonzero()[0][pos], value, severity=WARNING,
                     fix="sjekk om det er et dobbeltsvar, og fjern i så fall det ene i filen")


def _previous_n(previous: versions.DataVersion) -> tuple[pd.Series, str]:
    """N per question to compare with, and what it is: the report's published N when the current version is
    the shipped demo (its synthetic answers say nothing about real ones), else the current version's N."""
    if previous.kind == "demo":
        book = pd.read_parquet(previous.table_path("kodebok"), columns=["sporsmal_id", "undersokelse", "n_rapport"])
        book = book[(book["undersokelse"] == "2024") & book["n_rapport"].notna()]
        return book.set_index("sporsmal_id")["n_rapport"].astype(int), "rapportens publiserte N"
    counts = pd.read_parquet(previous.table_path("svar"), columns=["sporsmal_id"])["sporsmal_id"].value_counts()
    return counts, f"gjeldende dataversjon {previous.id}"


def n_compared(ctx: Context, svar: pd.DataFrame, mapped: dict[str, tuple[str, str]],
               previous: versions.DataVersion) -> None:
    """N per question against the report's published N (shipped demo) or the current version's (items in the
    mapping only): one warning per file, listing the questions."""
    try:
        old, against = _previous_n(previous)
    except (OSError, ValueError, KeyError):
        return
    new = svar["sporsmal_id"].value_counts()
    far: dict[str, list[str]] = {}
    for item, (file, column) in mapped.items():
        n_old, n_new = int(old.get(item, 0)), int(new.get(item, 0))
        if n_old >= N_CHANGE_MIN and abs(n_new - n_old) > N_CHANGE * n_old:
            far.setdefault(file, []).append(f"«{column}» ({item}): {n_new} mot {n_old}")
    for file, lines in far.items():
        ctx.add(Problem(file, f"N avviker fra {against} (endring over {N_CHANGE:.0%}) for {len(lines)} "
                              f"spørsmål: {'; '.join(lines)}".replace("%", " %"), severity=WARNING,
                        fix="sjekk at kolonnene er riktig koblet og at hele filen er med"))


def unmapped(ctx: Context, mapped: dict[str, tuple[str, str]], files: dict[str, str]) -> None:
    """Questions of a survey with no column in the mapping: one warning per file naming the figures that
    will be empty (``files``: group -> file name)."""
    items = ctx.book.items
    for group, file in files.items():
        missing = items[(items["respondentgruppe"] == group) & (items["undersokelse"] == "2024")
                        & ~items.index.isin(list(mapped))]
        if missing.empty:
            continue
        blocks = list(dict.fromkeys(missing["blokk"]))
        figures = sorted({str(f) for f in missing["figur"].dropna()}, key=lambda f: (len(f), f))
        empty = f"; disse figurene mangler data fra filen: {', '.join(figures)}" if figures else ""
        ctx.add(Problem(file, f"{len(missing)} spørsmål i kodeboken har ingen kolonne i mappingen (blokkene "
                              f"{', '.join(blocks)}){empty}", severity=WARNING,
                        fix=f"koble kolonnene under [{group}.sporsmal] eller [{group}.flervalg] hvis filen har dem"))


def one_category(ctx: Context, svar: pd.DataFrame, mapped: dict[str, tuple[str, str]]) -> None:
    """A multi-choice item with only one category, or any item with n >= 5 all in one category: one warning
    per file and kind, listing the questions."""
    counts = svar.groupby(["sporsmal_id", "svar_kode"]).size()
    found: dict[tuple[str, str], list[str]] = {}
    for item, (file, column) in mapped.items():
        if item not in counts.index.get_level_values(0):
            continue
        per = counts.loc[item]
        scale = ctx.book.scale_of(item)
        if scale == "fritekst" or len(per) != 1:
            continue
        n, code = int(per.iloc[0]), str(per.index[0])
        if scale == "valgt":
            kind = "flervalgsspørsmål med bare én kategori"
        elif n >= ONE_CATEGORY_MIN_N:
            kind = "alle svar i én kategori (100 %; de andre kategoriene 0 %)"
        else:
            continue
        found.setdefault((file, kind), []).append(f"«{column}» ({item}): alle {n} svar er «{code}»")
    for (file, kind), lines in found.items():
        ctx.add(Problem(file, f"{kind} for {len(lines)} spørsmål: {'; '.join(lines)}", severity=WARNING,
                        fix="sjekk svarkodene i filen og oversettelsen i mappingen"))
