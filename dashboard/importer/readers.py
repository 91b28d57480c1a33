"""Reading the files people actually have: CSV (comma or semicolon; UTF-8 with or without BOM, or
Windows-1252 as Excel writes it; decimal comma), XLSX, and SPSS .sav with value labels.

Every problem is reported as a :class:`Problem` naming the file, row, column and value; nothing
here raises on bad content.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dashboard.importer.problems import Problem


@dataclass(frozen=True)
class FileShape:
    """Where the table sits in a file: the sheet (XLSX), the header row (1-based; None = detect), and
    whether the header spans two rows (question row + item row, read as "question - item")."""

    sheet: str | None = None
    header_row: int | None = None
    header_rows: int = 1


@dataclass
class Table:
    """A file read as text cells, plus the value labels a .sav file carries (column -> {code: label})."""

    name: str
    df: pd.DataFrame
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    header_row: int = 1                # 1-based file row of the (last) header row: data row i is header_row + 1 + i
    sheets: tuple[str, ...] = ()       # the workbook's sheet names (XLSX)


ENCODINGS = ("utf-8-sig", "cp1252")
MAX_BYTES = 200 * 1024 * 1024


def _problem(path: Path, message: str, **kw) -> Problem:
    return Problem(path.name, message, **kw)


def read(path: Path, progress=None, *, shape: FileShape | None = None) -> tuple[Table | None, list[Problem]]:
    path = Path(path)
    if not path.exists():
        return None, [_problem(path, "filen finnes ikke")]
    size = path.stat().st_size
    if size == 0:
        return None, [_problem(path, "filen er tom")]
    if size > MAX_BYTES:
        return None, [_problem(path, f"filen er for stor ({size // 1_000_000} MB; grensen er {MAX_BYTES // 1_000_000} MB)")]
    suffix = path.suffix.lower()
    if progress:
        progress(f"Leser {path.name} ({size / 1_000_000:.1f} MB)")
    if suffix in (".csv", ".txt"):
        return _read_csv(path)
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    if suffix == ".sav":
        return _read_sav(path)
    return None, [_problem(path, f"ukjent filtype «{suffix}»; bruk .csv, .xlsx eller .sav")]


def _read_csv(path: Path) -> tuple[Table | None, list[Problem]]:
    raw = path.read_bytes()
    text = None
    for enc in ENCODINGS:
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        return None, [_problem(path, "ukjent tegnkoding: filen er verken UTF-8 eller Windows-1252")]
    if "\x00" in text[:4096]:
        return None, [_problem(path, "filen ser ut som en binærfil (UTF-16 eller et annet format), ikke CSV. "
                                     "Lagre som «CSV UTF-8» eller «CSV (semikolondelt)» i Excel")]
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if not lines:
        return None, [_problem(path, "filen har ingen rader")]
    header = lines[0]
    delimiter = max((";", ",", "\t"), key=header.count)
    if header.count(delimiter) == 0:
        return None, [_problem(path, "fant ikke skilletegn i overskriftsraden (forventet semikolon eller komma)",
                               row=1, value=header[:60])]
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:
        return None, [_problem(path, f"kunne ikke lese CSV: {exc}")]
    rows = [r for r in rows if any(c.strip() for c in r)]
    head = [h.strip() for h in rows[0]]
    problems = []
    body = rows[1:]
    if not body:
        return None, [_problem(path, "filen har bare overskriftsrad, ingen data")]
    width = len(head)
    fixed = []
    for i, r in enumerate(body, start=2):
        if len(r) != width:
            problems.append(_problem(path, f"raden har {len(r)} felt, overskriften har {width} "
                                           f"(feil skilletegn eller manglende anførselstegn?)", row=i))
            r = (r + [""] * width)[:width]
        fixed.append([c.strip() for c in r])
    df = pd.DataFrame(fixed, columns=head, dtype="object")
    return Table(path.name, df), problems + _check_header(path, head)


def _check_header(path: Path, head: list[str]) -> list[Problem]:
    problems = []
    seen = set()
    for h in head:
        if not h:
            problems.append(_problem(path, "tomt kolonnenavn i overskriftsraden", row=1))
        elif h in seen:
            problems.append(_problem(path, "kolonnenavnet forekommer to ganger", row=1, column=h))
        seen.add(h)
    return problems


def _read_xlsx(path: Path) -> tuple[Table | None, list[Problem]]:
    if not zipfile.is_zipfile(path):
        return None, [_problem(path, "filen er ikke en gyldig XLSX-fil (skadet eller avkortet)")]
    try:
        df = pd.read_excel(path, sheet_name=0, dtype=object, header=None, engine="openpyxl")
    except Exception as exc:  # noqa: BLE001 - any failure of openpyxl means an unreadable workbook
        return None, [_problem(path, f"kunne ikke lese XLSX-filen ({type(exc).__name__}); er den skadet eller avkortet?")]
    df = df.dropna(how="all")
    if df.empty:
        return None, [_problem(path, "arket er tomt")]
    head = [("" if pd.isna(h) else str(h)).strip() for h in df.iloc[0]]
    body = df.iloc[1:]
    if body.empty:
        return None, [_problem(path, "arket har bare overskriftsrad, ingen data")]
    cells = body.apply(lambda col: col.map(_cell_text))
    cells.columns = head
    cells = cells.reset_index(drop=True)
    return Table(path.name, cells), _check_header(path, head)


def _cell_text(v) -> str:
    if v is None or (isinstance(v, float) and pd.isna(v)):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def _read_sav(path: Path) -> tuple[Table | None, list[Problem]]:
    import pyreadstat

    try:
        df, meta = pyreadstat.read_sav(str(path), apply_value_formats=False)
    except Exception as exc:  # noqa: BLE001 - pyreadstat raises its own error types for broken files
        return None, [_problem(path, f"kunne ikke lese SPSS-filen ({type(exc).__name__}: {str(exc)[:80]})")]
    if df.empty:
        return None, [_problem(path, "SPSS-filen har ingen rader")]
    labels: dict[str, dict[str, str]] = {}
    for col, labelset in (meta.variable_to_label or {}).items():
        vl = meta.value_labels.get(labelset, {})
        labels[col] = {_cell_text(k): str(v) for k, v in vl.items()}
    cells = df.apply(lambda col: col.map(_cell_text)).astype("object")
    return Table(path.name, cells, labels), _check_header(path, list(df.columns))
