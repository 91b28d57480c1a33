"""Import the real files: the centres register and the two survey exports, through a mapping.

Everything is validated before anything is written, and all problems are reported at once, each
naming file, row, column and value, identical ones collapsed (see report.py). Only a fully valid
import writes a new data version, which becomes current in one atomic step (see write.py) unless
``switch=False``. Any unexpected failure becomes one clear error; nothing is written then either.

Modules: mapping.py (+ schema_check.py) the mapping; codebook.py what it may point at; context.py
the shared state; register.py, survey.py, discourse.py the files; checks.py the warnings;
report.py the report; write.py the new version.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dashboard.data import versions
from dashboard.importer import checks, readers, report
from dashboard.importer.context import Context
from dashboard.importer.discourse import EMPTY as EMPTY_DISCOURSE
from dashboard.importer.discourse import read_discourse
from dashboard.importer.mapping import Mapping, MappingError, load
from dashboard.importer.problems import Problem, Problems, shorten
from dashboard.importer.readers import Table
from dashboard.importer.register import read_register
from dashboard.importer.survey import read_survey
from dashboard.importer.write import write_import

__all__ = ["ImportResult", "run_import", "write_import"]
log = logging.getLogger("dashboard.importer")
SURVEYS = ("frivilligsentral", "kommune")


@dataclass
class ImportResult:
    ok: bool
    collected: Problems = field(default_factory=Problems)
    version: versions.DataVersion | None = None       # None when rejected or on a dry run
    counts: dict[str, int] = field(default_factory=dict)
    dry_run: bool = False
    switched: bool = False                             # the new version was made current
    current: str = ""                                  # the current data version after the run

    @property
    def problems(self) -> list[Problem]:
        """The first problems of every group (up to five each), errors first."""
        return self.collected.examples()

    @property
    def groups(self):
        return self.collected.groups()

    def count(self, severity: str) -> int:
        """How many problems of a severity ("feil", "advarsel", "merknad"), every occurrence counted."""
        return self.collected.count(severity)

    def report(self) -> str:
        return report.markdown(self)

    def to_json(self) -> str:
        return report.to_json(self)


def _stderr(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _current_id() -> str:
    try:
        return versions.current().id
    except Exception:  # noqa: BLE001 - only used for the report's headline
        return "ukjent"


def run_import(register: Path, frivilligsentral: Path, kommune: Path, mapping: Path | Mapping, *,
               diskurs: Path | None = None, dry_run: bool = False, progress: Callable[[str], None] | None = None,
               switch: bool = True) -> ImportResult:
    """Check the files against the mapping and, when everything is valid (and not a dry run), write
    them as a new data version, made current when ``switch``. Never raises on bad input."""
    try:
        return _run(register, frivilligsentral, kommune, mapping, diskurs, dry_run, progress or _stderr, switch)
    except Exception as exc:
        log.exception("Uventet feil under import")
        collected = Problems()
        collected.add(Problem("import", f"uventet feil under importen ({type(exc).__name__}: "
                                        f"{shorten(str(exc), 200)}); ingenting er lagret",
                              fix="sjekk at filene er de riktige; meld feilen til utviklerne med rapporten og "
                                  "loggen (detaljene står i standard feil / serverloggen)"))
        return ImportResult(False, collected, dry_run=dry_run, current=_current_id())


def _run(register, frivilligsentral, kommune, mapping, diskurs, dry_run, progress, switch) -> ImportResult:
    base = versions.shipped()
    ctx = Context(base, progress)
    m = _mapping(ctx, mapping)
    if m is None:
        return _rejected(ctx, dry_run)
    files = {"register": Path(register), "frivilligsentral": Path(frivilligsentral), "kommune": Path(kommune)}
    if diskurs is not None:
        files["diskurs"] = Path(diskurs)
        if m.diskurs is None:
            ctx.add(Problem(m.name, "en diskursfil er oppgitt, men mappingen har ingen [diskurs]-seksjon"))
    tables = _read(ctx, files, m)
    if tables is None:
        return _rejected(ctx, dry_run)
    new = _check(ctx, tables, m)
    if ctx.problems.has_errors:
        return _rejected(ctx, dry_run)
    counts = {k: len(v) for k, v in new.items()}
    if dry_run:
        return ImportResult(True, ctx.problems, None, counts, dry_run=True, current=_current_id())
    progress("Skriver ny dataversjon ...")
    version = write_import(base, new, files, switch=switch, mapping=None if isinstance(mapping, Mapping) else mapping)
    return ImportResult(True, ctx.problems, version, counts, switched=switch, current=_current_id())


def _rejected(ctx: Context, dry_run: bool) -> ImportResult:
    return ImportResult(False, ctx.problems, dry_run=dry_run, current=_current_id())


def _mapping(ctx: Context, mapping: Path | Mapping) -> Mapping | None:
    if isinstance(mapping, Mapping):
        return mapping
    try:
        return load(Path(mapping), ctx.book)
    except MappingError as exc:
        for line in exc.problems:
            ctx.add(Problem(Path(mapping).name, line.removeprefix(f"{Path(mapping).name}: "),
                            fix="rett mappingfilen; alle feil i den er listet"))
        return None


def _read(ctx: Context, files: dict[str, Path], m: Mapping) -> dict[str, Table] | None:
    tables: dict[str, Table] = {}
    for role, path in files.items():
        sec = m.section(role)
        kwargs = {"shape": sec.shape} if sec is not None else {}
        table, problems = readers.read(path, ctx.progress, **kwargs)
        ctx.problems.extend(problems)
        if table is not None and not table.df.columns.duplicated().any():
            tables[role] = table
    # a file read with errors in some cells is still checked, so that every problem is reported at once
    return tables if len(tables) == len(files) else None


def _check(ctx: Context, tables: dict[str, Table], m: Mapping) -> dict[str, pd.DataFrame]:
    reg = read_register(ctx, tables["register"], m.register)
    resp, svar, mapped = [], [], {}
    for group in SURVEYS:
        sec, table = m.section(group), tables[group]
        r, s = read_survey(ctx, table, sec, group, reg)
        if not r.empty:
            checks.answered_twice(ctx, table, sec, r, group)
        resp.append(r)
        svar.append(s)
        mapped.update({item: (table.name, column) for column, item in sec.items.items()})
        mapped.update({item: (table.name, column) for column, m in sec.multi.items() for item in m.options.values()})
    dis = read_discourse(ctx, tables["diskurs"], m.diskurs) if "diskurs" in tables and m.diskurs else EMPTY_DISCOURSE
    answers = pd.concat(svar, ignore_index=True)
    if not ctx.problems.has_errors:
        answers = answers.sort_values(["respondent_id", "sporsmal_id"], ignore_index=True)
        checks.n_compared(ctx, answers, mapped, versions.current())
        checks.one_category(ctx, answers, mapped)
        checks.unmapped(ctx, mapped, {group: tables[group].name for group in SURVEYS})
    return {"sentraler": reg.df, "respondenter": pd.concat(resp, ignore_index=True), "svar": answers,
            "diskurs": dis}

