"""Reading the files people actually have: CSV/TXT/TSV (comma, semicolon or tab; UTF-8 with or
without BOM, or Windows-1252 as Excel writes it), XLSX (streamed, with limits), and SPSS .sav
with value labels.

The file shape (:class:`FileShape`) chooses the sheet, the header row and whether the header is
two rows (question row + item row, read as "question - item"). Without a header row, title rows
above the header are detected and skipped (with a note). Every problem is a :class:`Problem`
naming the file, row (as Excel shows it), column and value, with a fix where there is one;
nothing here raises on bad content.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import logging
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from openpyxl.utils import get_column_letter

from dashboard.importer.problems import ERROR, NOTE, WARNING, Problem
from dashboard.importer.values import strip_controls

__all__ = ["FileShape", "Limits", "Problem", "Table", "read"]
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FileShape:
    """Where the table sits in a file: the sheet (XLSX), the header row (1-based; None = detect), and
    whether the header spans two rows (question row + item row, read as "question - item")."""

    sheet: str | None = None
    header_row: int | None = None
    header_rows: int = 1
    replace_bad_bytes: bool = False     # CSV that is UTF-8 but for a few bytes: read it so (fil.tegnkoding)


@dataclass
class Table:
    """A file read as text cells, plus the value labels a .sav file carries (column -> {code: label})."""

    name: str
    df: pd.DataFrame
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    header_row: int = 1                # 1-based file row of the (last) header row
    sheets: tuple[str, ...] = ()       # the workbook's sheet names (XLSX)
    rows: list[int] | None = None      # file row (as Excel shows it) of each data row; blank rows are left out.
                                       # None: data row i is file row header_row + 1 + i

    def file_row(self, i: int) -> int:
        return self.rows[i] if self.rows is not None else self.header_row + 1 + i


@dataclass(frozen=True)
class Limits:
    rows: int = 200_000
    columns: int = 2_000
    cell_chars: int = 32_767
    bytes: int = 200 * 1024 * 1024          # the file on disk
    unzipped: int = 1024 * 1024 * 1024      # an XLSX's parts unpacked
    cell_problems: int = 100                # problems listed one by one per kind; the rest are counted


LIMITS = Limits()
ENCODINGS = ("utf-8-sig", "cp1252")
MAX_BYTES = LIMITS.bytes
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
SHEET_FIX = 'skriv arket i mappingen under filens seksjon, f.eks. fil = {{ ark = "{sheet}" }}'
HEADER_FIX = "oppgi overskriftsraden i mappingen under filens seksjon, f.eks. fil = {{ overskriftsrad = {row} }}"


class LimitHit(Exception):
    """A size limit was reached while reading; the message says which."""


@dataclass
class _Grid:
    """A file as rows of text cells (index 0 = file row 1), and what was noticed per cell."""

    rows: list[list[str]]
    cell_problems: list[tuple[int, int, str, str, str | None, str | None]] = field(default_factory=list)
    sheets: tuple[str, ...] = ()
    ragged: bool = False               # CSV: rows with a different number of fields are errors

    def note(self, row: int, col: int, severity: str, message: str, value: str | None = None,
             fix: str | None = None) -> None:
        self.cell_problems.append((row, col, severity, message, value, fix))


def _problem(path: Path, message: str, **kw) -> Problem:
    return Problem(path.name, message, **kw)


# -- entry point ---------------------------------------------------------------------------------

def read(path: Path, progress=None, *, shape: FileShape | None = None) -> tuple[Table | None, list[Problem]]:
    """The file as a table of text cells, or None with the problems that stop it."""
    path = Path(path)
    shape = shape or FileShape()
    try:
        problem = _check_file(path, shape)
        if problem:
            return None, [problem]
        if progress:
            progress(f"Leser {path.name} ({path.stat().st_size / 1_000_000:.1f} MB)")
        suffix = path.suffix.lower()
        if suffix == ".sav":
            return _read_sav(path)
        grid, problems = (_read_xlsx if suffix in XLSX_SUFFIXES else _read_csv)(path, shape)
        if grid is None:
            return None, problems
        table, more = _table(path, grid, shape)
        return table, problems + more
    except LimitHit as exc:
        return None, [_problem(path, str(exc), fix="del filen opp, eller fjern tomme rader og kolonner langt "
                                                   "ute i arket (merk dem og slett dem i Excel)")]
    except MemoryError:
        return None, [_problem(path, "filen er for stor til å leses i minnet")]
    except Exception as exc:  # a file no reader rule foresaw is still a clear rejection (logged)
        log.debug("could not read %s", path, exc_info=True)  # the report alone: no traceback above it
        return None, [_problem(path, f"kunne ikke lese filen ({type(exc).__name__}); er den skadet eller "
                                     "i et annet format enn endelsen sier?")]


def _check_file(path: Path, shape: FileShape) -> Problem | None:
    if path.is_dir():
        return _problem(path, "stien er en mappe, ikke en fil", fix="oppgi selve filen, ikke mappen den ligger i")
    if not path.exists():
        return _problem(path, "filen finnes ikke", fix="sjekk stien og filnavnet")
    size = path.stat().st_size
    if size == 0:
        return _problem(path, "filen er tom", fix="eksporter eller lagre filen på nytt")
    if size > LIMITS.bytes:
        return _problem(path, f"filen er for stor ({size // 1_000_000} MB; grensen er {LIMITS.bytes // 1_000_000} MB)")
    suffix = path.suffix.lower()
    if suffix == ".xls":
        return _problem(path, "gammelt Excel-format (.xls)", fix="åpne filen i Excel og lagre den som .xlsx")
    if suffix not in CSV_SUFFIXES + XLSX_SUFFIXES + (".sav",):
        return _problem(path, f"ukjent filtype «{suffix}»; bruk .csv, .xlsx eller .sav",
                        fix="lagre filen som .xlsx eller CSV fra Excel eller spørreverktøyet")
    if shape.header_rows not in (1, 2):
        return _problem(path, f"overskriftsrader må være 1 eller 2, ikke {shape.header_rows}",
                        fix="skriv fil = { overskriftsrader = 2 } når overskriften er spørsmålsrad + "
                            "delspørsmålsrad")
    if shape.header_row is not None and not 1 <= shape.header_row <= LIMITS.rows:
        return _problem(path, f"overskriftsrad må være et radnummer fra 1, ikke {shape.header_row}",
                        fix="skriv radnummeret slik Excel viser det, eller fjern overskriftsrad så finnes den "
                            "automatisk")
    try:
        with path.open("rb") as fh:
            fh.read(1)
    except PermissionError:
        return _problem(path, "filen kan ikke leses (mangler tilgang)", fix="gi brukeren som importerer lesetilgang")
    return None


# -- CSV -----------------------------------------------------------------------------------------

ALMOST_UTF8 = 3             # at most this many bad bytes in a file that is otherwise UTF-8
REPLACE_FIX = 'skriv fil = { tegnkoding = "utf-8-erstatt" } i mappingen'


def bad_utf8(raw: bytes) -> list[tuple[int, int, int]]:
    """(file row, byte offset in the row, byte) of each byte that is not valid UTF-8; empty when the file
    is not (almost) UTF-8: it must hold valid multi-byte UTF-8 (æøå) and at most ALMOST_UTF8 bad bytes."""
    out, pos = [], 0
    while len(out) <= ALMOST_UTF8:
        try:
            raw[pos:].decode("utf-8")
            break
        except UnicodeDecodeError as exc:
            at = pos + exc.start
            line_start = raw.rfind(b"\n", 0, at) + 1
            out.append((raw.count(b"\n", 0, at) + 1, at - line_start + 1, raw[at]))
            pos = at + 1
    multibyte = any("\x80" <= ch != "\ufffd" for ch in raw.decode("utf-8", errors="replace"))  # valid UTF-8 æøå
    return out if out and len(out) <= ALMOST_UTF8 and multibyte else []


def _almost_utf8(path: Path, raw: bytes, replace: bool) -> tuple[str | None, list[Problem]]:
    """A UTF-8 file with a few bad bytes (a character pasted from elsewhere): read as Windows-1252 it would
    garble every «å» into «Ã¥». Rejected with the row and byte, or (``replace``) read as UTF-8 with each bad
    byte replaced by «\ufffd» and a warning naming it."""
    bad = bad_utf8(raw)
    if not bad:
        return None, []
    if replace:
        return raw.decode("utf-8", errors="replace").lstrip("\ufeff"), [
            _problem(path, f"byte 0x{b:02X} (byte nr. {col} i raden) var ikke gyldig UTF-8 og er lest som «\ufffd»",
                     row=row, severity=WARNING, fix="rett tegnet i filen") for row, col, b in bad]
    return None, [_problem(path, f"filen er nesten UTF-8: byte 0x{b:02X} (byte nr. {col} i raden) er ikke gyldig "
                                 "UTF-8; resten av filen er UTF-8, så den leses ikke som Windows-1252 (det ville gjort "
                                 "«å» til «Ã¥» i hele filen)", row=row,
                           fix=f"rett tegnet i filen og lagre den som «CSV UTF-8», eller {REPLACE_FIX}: da leses "
                               "filen som UTF-8 og byten blir «\ufffd» (kontroller cellen)") for row, col, b in bad]


def _decode(path: Path, replace: bool = False) -> tuple[str | None, list[Problem]]:
    raw = path.read_bytes()
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff") or raw[:4096].count(b"\x00") > len(raw[:4096]) // 10:
        return None, [_problem(path, "filen ser ut som en binærfil (UTF-16 eller et annet format), ikke CSV",
                               fix="lagre som «CSV UTF-8» eller «CSV (semikolondelt)» i Excel")]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    text, problems = _almost_utf8(path, raw, replace)
    if text is not None or problems:
        return text, problems
    for enc in ENCODINGS:
        try:
            return raw.decode(enc), []
        except UnicodeDecodeError:
            continue
    return None, [_problem(path, "ukjent tegnkoding: filen er verken UTF-8 eller Windows-1252",
                           fix="lagre som «CSV UTF-8» i Excel")]


def _delimiter(path: Path, text: str) -> str | None:
    """The delimiter that splits the first lines most consistently (a title line above has none)."""
    if path.suffix.lower() == ".tsv":
        return "\t"
    lines = [ln for ln in text[:200_000].splitlines() if ln.strip()][:20]
    best, score = None, 0.0
    for d in (";", ",", "\t"):
        counts = sorted(ln.count(d) for ln in lines)
        median = counts[len(counts) // 2] if counts else 0
        if median > score:
            best, score = d, median
    if best is None and lines:  # e.g. only a title line and a header line
        best = max((";", ",", "\t"), key=lambda d: max(ln.count(d) for ln in lines))
        best = best if any(ln.count(best) for ln in lines) else None
    return best


def _read_csv(path: Path, shape: FileShape) -> tuple[_Grid | None, list[Problem]]:
    text, decoded = _decode(path, shape.replace_bad_bytes)
    if text is None:
        return None, decoded
    if not text.strip():
        return None, [_problem(path, "filen har ingen rader")]
    delimiter = _delimiter(path, text)
    if delimiter is None:
        first = next(ln for ln in text.splitlines() if ln.strip())
        return None, [_problem(path, "fant ikke skilletegn i overskriftsraden (forventet semikolon eller komma)",
                               row=1, value=first[:60],
                               fix="lagre filen som CSV med semikolon eller komma mellom kolonnene; har filen bare "
                                   "én kolonne, mangler de andre kolonnene")]
    grid = _Grid([], ragged=True)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for row in reader:
            if len(grid.rows) >= LIMITS.rows + 50:
                raise LimitHit(_rows_limit(what="filen"))
            if len(row) > LIMITS.columns:
                raise LimitHit(_columns_limit(len(grid.rows) + 1))
            grid.rows.append(row)
    except csv.Error as exc:
        if "field larger" in str(exc):
            return None, [_problem(path, f"en celle er lengre enn {csv.field_size_limit():,} tegn; grensen er "
                                         f"{LIMITS.cell_chars:,}".replace(",", " "), row=len(grid.rows) + 1,
                                   fix="kort ned teksten i kildefilen")]
        return None, [_problem(path, f"kunne ikke lese CSV: {exc}", row=len(grid.rows) + 1,
                               fix="åpne filen i Excel og lagre den på nytt som «CSV UTF-8»")]
    _clean_cells(grid, check_controls=_has_controls(text))
    return grid, decoded


def _has_controls(text: str) -> bool:
    return strip_controls(text)[1] is not None


# -- XLSX ----------------------------------------------------------------------------------------

def _read_xlsx(path: Path, shape: FileShape) -> tuple[_Grid | None, list[Problem]]:
    problem = _check_zip(path)
    if problem:
        return None, [problem]
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            wb = openpyxl.load_workbook(path, read_only=True, data_only=False, keep_links=False)
        except Exception as exc:  # noqa: BLE001 - any failure of openpyxl means an unreadable workbook
            return None, [_problem(path, f"kunne ikke lese XLSX-filen ({type(exc).__name__}); er den skadet eller "
                                         "avkortet?", fix="åpne filen i Excel og lagre den på nytt som .xlsx")]
        try:
            sheets = tuple(wb.sheetnames)
            ws, problems = _choose_sheet(path, wb, shape)
            if ws is None:
                return None, problems
            grid = _stream_sheet(wb, ws, data_only=False)
            grid.sheets = sheets
            _formulas(wb, ws, grid)
        except LimitHit:
            raise
        except Exception as exc:  # noqa: BLE001 - a broken part inside the workbook
            return None, [_problem(path, f"kunne ikke lese XLSX-filen ({type(exc).__name__}); er den skadet eller "
                                         "avkortet?", fix="åpne filen i Excel og lagre den på nytt som .xlsx")]
        finally:
            wb.close()
    _clean_cells(grid, check_controls=True)
    return grid, problems


def _check_zip(path: Path) -> Problem | None:
    if not zipfile.is_zipfile(path):
        return _problem(path, "filen er ikke en gyldig XLSX-fil (skadet eller avkortet)",
                        fix="åpne filen i Excel og lagre den på nytt som .xlsx")
    with zipfile.ZipFile(path) as zf:
        unpacked = sum(i.file_size for i in zf.infolist())
    if unpacked > LIMITS.unzipped:
        return _problem(path, f"XLSX-filen blir {unpacked // 1_000_000} MB pakket ut; grensen er "
                              f"{LIMITS.unzipped // 1_000_000} MB")
    return None


def _choose_sheet(path: Path, wb, shape: FileShape):
    names = [ws.title for ws in wb.worksheets]
    if shape.sheet is not None:
        wanted = shape.sheet.strip().casefold()
        hit = [ws for ws in wb.worksheets if ws.title.strip().casefold() == wanted]
        if hit:
            return hit[0], []
        close = difflib.get_close_matches(shape.sheet, names, n=1, cutoff=0.5)
        hint = f" Mente du «{close[0]}»?" if close else ""
        return None, [_problem(path, f"arket «{shape.sheet}» finnes ikke; arkene heter {_quoted(names)}.{hint}",
                               fix=SHEET_FIX.format(sheet=close[0] if close else names[0]))]
    if not names:
        return None, [_problem(path, "arbeidsboken har ingen regneark")]
    if len(names) == 1:
        return wb.worksheets[0], []
    filled = [ws for ws in wb.worksheets if _has_cells(wb, ws)]
    if len(filled) > 1:
        return None, [_problem(path, f"arbeidsboken har flere ark med innhold: {_quoted([w.title for w in filled])}; "
                                     "velg hvilket som skal leses", fix=SHEET_FIX.format(sheet=filled[0].title))]
    return (filled or wb.worksheets)[0], []


def _quoted(names) -> str:
    return ", ".join(f"«{n}»" for n in names)


def _parser(wb, ws, src, data_only: bool):
    from openpyxl.worksheet._reader import WorkSheetParser

    return WorkSheetParser(src, ws._shared_strings, data_only=data_only, epoch=wb.epoch,
                           date_formats=wb._date_formats, timedelta_formats=wb._timedelta_formats)


def _has_cells(wb, ws) -> bool:
    with ws._get_source() as src:
        for _, cells in _parser(wb, ws, src, True).parse():
            if any(c["value"] not in (None, "") for c in cells):
                return True
    return False


def _stream_sheet(wb, ws, data_only: bool) -> _Grid:
    """The sheet's cells, row by row as stored (the dimension element is not trusted); stops at the limits."""
    grid = _Grid([])
    with ws._get_source() as src:
        for idx, cells in _parser(wb, ws, src, data_only).parse():
            cells = [c for c in cells if c["value"] not in (None, "")]
            if not cells:
                continue
            if idx > LIMITS.rows + 50:
                raise LimitHit(_rows_limit(idx))
            if idx < 1:
                raise ValueError(f"row number {idx}")
            width = max(c["column"] for c in cells)
            if width > LIMITS.columns:
                raise LimitHit(_columns_limit(idx, width))
            while len(grid.rows) < idx:
                grid.rows.append([])
            row = grid.rows[idx - 1] = [""] * width
            for c in cells:
                row[c["column"] - 1] = _cell(grid, idx, c)
    return grid


def _cell(grid: _Grid, row: int, c: dict) -> str:
    if c["data_type"] == "f":
        grid.note(row, c["column"] - 1, "f", "", str(c["value"]))
        return ""
    return _cell_text(c["value"])


def _formulas(wb, ws, grid: _Grid) -> None:
    """Formula cells: the value Excel saved with the file is used (warning); without one, an error."""
    wanted = {(r, col) for r, col, kind, *_ in grid.cell_problems if kind == "f"}
    if not wanted:
        return
    cached: dict[tuple[int, int], str] = {}
    with ws._get_source() as src:
        for idx, cells in _parser(wb, ws, src, True).parse():
            for c in cells:
                if (idx, c["column"] - 1) in wanted and c["value"] not in (None, ""):
                    cached[(idx, c["column"] - 1)] = _cell_text(c["value"])
    kept = []
    for r, col, kind, message, value, fix in grid.cell_problems:
        if kind != "f":
            kept.append((r, col, kind, message, value, fix))
        elif (r, col) in cached:
            grid.rows[r - 1][col] = cached[(r, col)]
            used = f"cellen inneholder en formel; verdien Excel lagret («{cached[(r, col)][:40]}») er brukt"
            kept.append((r, col, WARNING, used, value, "lim inn som verdier i Excel hvis formelen ikke er meningen"))
        else:
            kept.append((r, col, ERROR, "cellen inneholder en formel uten lagret verdi", value,
                         "åpne og lagre filen i Excel, eller kopier kolonnen og lim inn som verdier"))
    grid.cell_problems = kept


def _cell_text(v) -> str:
    if v is None or (isinstance(v, float) and pd.isna(v)):
        return ""
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e16:
        return str(int(v))
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time(0) else v.isoformat(sep=" ")
    if isinstance(v, dt.date | dt.time):
        return v.isoformat()
    return str(v).strip()


def _rows_limit(at: int | None = None, what: str = "arket") -> str:
    where = f" (det står noe i rad {at:,})" if at else ""
    return f"{what} har flere enn {LIMITS.rows:,} rader{where}; grensen er {LIMITS.rows:,} rader".replace(",", " ")


def _columns_limit(row: int, width: int | None = None) -> str:
    where = f" (rad {row} har innhold i kolonne {get_column_letter(min(width, 16384))})" if width else f" (rad {row})"
    return f"filen har flere enn {LIMITS.columns:,} kolonner{where}; grensen er {LIMITS.columns:,}".replace(",", " ")


# -- cells ---------------------------------------------------------------------------------------

def _clean_cells(grid: _Grid, check_controls: bool) -> None:
    """Trim every cell; control characters are removed (warning) and over-long cells cut (error)."""
    limit = LIMITS.cell_chars
    for r, row in enumerate(grid.rows, start=1):
        if not row:
            continue
        if check_controls and strip_controls("".join(row))[1]:
            for c, value in enumerate(row):
                cleaned, bad = strip_controls(value)
                if bad:
                    grid.note(r, c, WARNING, f"kontrolltegnet {bad} er fjernet fra cellen", None,
                              "rett teksten i kildefilen")
                    row[c] = cleaned
        row[:] = [v.strip() for v in row]
        if max(map(len, row)) > limit:
            for c, value in enumerate(row):
                if len(value) > limit:
                    grid.note(r, c, ERROR, f"cellen har {len(value):,} tegn; grensen er {limit:,}".replace(",", " "),
                              value[:60], "kort ned teksten i kildefilen")
                    row[c] = value[:limit]


# -- from rows of cells to a table ------------------------------------------------------------------

def _table(path: Path, grid: _Grid, shape: FileShape) -> tuple[Table | None, list[Problem]]:
    rows = grid.rows
    formulas = _formula_cells(grid)
    while rows and not any(rows[-1]) and len(rows) not in formulas:
        rows.pop()
    if not rows:
        return None, [_problem(path, "filen har ingen rader" if grid.ragged else "arket er tomt",
                               fix="sjekk at det er riktig fil" + ("" if grid.ragged else
                                                                   " og riktig ark (fil = { ark = ... })"))]
    first, problems = _header_start(path, rows, shape)
    last = first + shape.header_rows - 1
    if last >= len(rows) or not any(rows[first]):
        return None, problems + [_problem(path, f"overskriftsraden (rad {first + 1}) er tom eller finnes ikke; "
                                                f"filen har {len(rows)} rader", row=first + 1,
                                          fix=HEADER_FIX.format(row=_header_start(path, rows, FileShape())[0] + 1))]
    raw_names = _header_names(rows[first:last + 1])
    numbers = [n for n in range(last + 2, len(rows) + 1) if any(rows[n - 1]) or n in formulas]  # blank rows left out
    numbers, notes = _summary_rows(path, grid, numbers, formulas)
    problems += notes
    body = [rows[n - 1] for n in numbers]
    if not body:
        return None, problems + [_problem(path, "filen har bare overskriftsrad, ingen data" if grid.ragged else
                                                "arket har bare overskriftsrad, ingen data", row=last + 1,
                                          fix="sjekk at eksporten tok med svarene")]
    if grid.ragged:
        problems += _ragged(path, body, numbers, len(rows[last]) if shape.header_rows == 1 else len(raw_names))
    width = max(len(raw_names), max(len(r) for r in body))
    raw_names += [""] * (width - len(raw_names))
    for r in body:
        if len(r) < width:
            r.extend([""] * (width - len(r)))
    keep, names, more = _columns(path, raw_names, body, last + 1)
    df = pd.DataFrame(body, dtype=object).iloc[:, keep] if body else pd.DataFrame()
    df.columns = names
    df = df.reset_index(drop=True)
    col_name = dict(zip(keep, names))
    problems += more + _cell_problems(path, grid, col_name)
    return Table(path.name, df, header_row=last + 1, sheets=grid.sheets, rows=numbers), problems


SUMMARY_WORDS = frozenset({"sum", "summer", "totalt", "total", "totals", "i alt", "til saman", "til sammen",
                           "sum totalt", "totalsum", "grand total"})
SUMMARY_ROWS = 3        # at most this many summary rows under the data are skipped


def _formula_cells(grid: _Grid) -> dict[int, set[int]]:
    """file row -> the columns (0-based) holding a formula."""
    out: dict[int, set[int]] = {}
    for r, col, _severity, message, *_ in grid.cell_problems:
        if "formel" in message:
            out.setdefault(r, set()).add(col)
    return out


def _summary_rows(path: Path, grid: _Grid, numbers: list[int], formulas: dict[int, set[int]]
                  ) -> tuple[list[int], list[Problem]]:
    """The data rows without the summary rows under them: a trailing row that starts with «Sum», «Totalt»,
    «Total» (or «I alt»), or whose every filled cell is a formula, is skipped with a note naming the row."""
    notes: list[Problem] = []
    while len(numbers) > 1 and len(notes) < SUMMARY_ROWS:
        n = numbers[-1]
        row = grid.rows[n - 1]
        filled = sorted({j for j, v in enumerate(row) if v} | formulas.get(n, set()))
        first = " ".join(row[filled[0]].casefold().rstrip(":").split()) if filled else ""
        if first in SUMMARY_WORDS:
            why = f"den begynner med «{row[filled[0]]}»"
        elif filled and set(filled) <= formulas.get(n, set()):
            why = "den har bare formler"
        else:
            break
        notes.append(_problem(path, f"rad {n} ser ut som en summerings- eller totalrad under dataene ({why}) og er "
                                    "hoppet over", row=n, severity=NOTE,
                              fix="slett raden i filen hvis den er en sentral eller et svar"))
        numbers = numbers[:-1]
        grid.cell_problems = [p for p in grid.cell_problems if p[0] != n]
    return numbers, notes[::-1]


def _first_filled(rows: list[list[str]]) -> int:
    return next((i for i, r in enumerate(rows) if any(r)), 0)


def _header_start(path: Path, rows: list[list[str]], shape: FileShape) -> tuple[int, list[Problem]]:
    """0-based index of the (first) header row: as given, or the first row after any title rows
    (rows with at most one filled cell above a row with several)."""
    if shape.header_row is not None:
        return shape.header_row - 1, []
    counts = [sum(1 for v in r if v) for r in rows[:30]]
    start = _first_filled(rows)
    if max(counts) < 2:
        return start, []
    i = start
    while counts[i] <= 1:
        i += 1
    notes = [_problem(path, f"rad {j + 1} ser ut som en tittel og er hoppet over; overskriftene står i rad {i + 1}",
                      row=j + 1, value=next(v for v in rows[j] if v), severity=NOTE,
                      fix=HEADER_FIX.format(row=j + 1) + " hvis dette er feil")
             for j in range(start, i) if counts[j]]
    return i, notes


def _header_names(header: list[list[str]]) -> list[str]:
    """One header row as it is; two rows (question row + item row) combined to 'question - item', the
    question carried to the right over the items of its block (merged or only in the first column)."""
    header = [[" ".join(v.split()) for v in r] for r in header]
    if len(header) == 1:
        return list(header[0])
    questions, items = header
    width = max(len(questions), len(items))
    questions, items = questions + [""] * (width - len(questions)), items + [""] * (width - len(items))
    names, block = [], ""
    for q, item in zip(questions, items):
        if q and item:
            block = q
            names.append(q if q == item else f"{q} - {item}")
        elif q:
            block = ""
            names.append(q)
        else:
            names.append(f"{block} - {item}" if block and item else item)
    return names


def _ragged(path: Path, body: list[list[str]], numbers: list[int], width: int) -> list[Problem]:
    out = []
    for r, number in zip(body, numbers):
        if len(r) < width or any(r[width:]):
            out.append(_problem(path, f"raden har {len(r)} felt, overskriften har {width} "
                                      "(feil skilletegn eller manglende anførselstegn?)", row=number,
                                fix="tekst som inneholder skilletegnet må stå i anførselstegn; "
                                    "eksporter filen på nytt"))
            if len(out) >= LIMITS.cell_problems:
                break
    return out


def _columns(path: Path, raw: list[str], body: list[list[str]],
             header_row: int) -> tuple[list[int], list[str], list[Problem]]:
    """The columns kept and their unique names: unnamed columns are dropped (a warning when they hold
    data); a name used twice is an error naming both columns, and the later one gets ' (2)'."""
    keep, names, problems, seen = [], [], [], {}
    for j, name in enumerate(raw):
        if not name:
            if any(r[j] for r in body):
                problems.append(_problem(path, f"kolonne {get_column_letter(j + 1)} har data, men ingen overskrift; "
                                               "den er hoppet over", row=header_row, severity=WARNING,
                                         fix="gi kolonnen en overskrift i filen hvis den skal brukes"))
            continue
        if name in seen:
            problems.append(_problem(path, f"kolonnenavnet «{name}» forekommer flere ganger (kolonne "
                                           f"{get_column_letter(seen[name] + 1)} og {get_column_letter(j + 1)})",
                                     row=header_row, column=name,
                                     fix="gi kolonnene ulike navn i filen, eller slett den ene"))
            n = 2
            while f"{name} ({n})" in seen or f"{name} ({n})" in raw:
                n += 1
            name = f"{name} ({n})"
        seen.setdefault(name, j)
        keep.append(j)
        names.append(name)
    return keep, names, problems


def _cell_problems(path: Path, grid: _Grid, col_name: dict[int, str]) -> list[Problem]:
    """The problems noticed per cell, named by row and column; after the first ones of a kind, a count."""
    out, shown = [], {}
    for row, col, severity, message, value, fix in grid.cell_problems:
        kind = (severity, fix)
        shown[kind] = shown.get(kind, 0) + 1
        if shown[kind] <= LIMITS.cell_problems:
            column = col_name.get(col, f"kolonne {get_column_letter(col + 1)}")
            out.append(_problem(path, message, row=row, column=column, value=value, severity=severity, fix=fix))
    for (severity, fix), n in shown.items():
        if n > LIMITS.cell_problems:
            out.append(_problem(path, f"... og {n - LIMITS.cell_problems} celler til med samme problem",
                                severity=severity, fix=fix))
    return out


# -- SPSS ----------------------------------------------------------------------------------------

def _read_sav(path: Path) -> tuple[Table | None, list[Problem]]:
    import pyreadstat

    try:
        df, meta = pyreadstat.read_sav(str(path), apply_value_formats=False)
    except Exception as exc:  # noqa: BLE001 - pyreadstat raises its own error types for broken files
        return None, [_problem(path, f"kunne ikke lese SPSS-filen ({type(exc).__name__}: {str(exc)[:80]})")]
    if df.empty:
        return None, [_problem(path, "SPSS-filen har ingen rader")]
    if len(df) > LIMITS.rows or len(df.columns) > LIMITS.columns:
        return None, [_problem(path, f"SPSS-filen har {len(df)} rader og {len(df.columns)} variabler; grensene er "
                                     f"{LIMITS.rows} rader og {LIMITS.columns} variabler")]
    labels: dict[str, dict[str, str]] = {}
    for col, labelset in (meta.variable_to_label or {}).items():
        vl = meta.value_labels.get(labelset, {})
        labels[col] = {_cell_text(k): str(v) for k, v in vl.items()}
    cells = df.apply(lambda col: col.map(_cell_text)).astype("object")
    return Table(path.name, cells, labels), []
