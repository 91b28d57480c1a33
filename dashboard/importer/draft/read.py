"""Reading a file for the draft mapping: which sheet holds the data, where its header row is, whether
the header spans two rows, and the tool's own variable sheet (SurveyXact and SPSS-like exports
put the question text in a second sheet: variable name -> label)."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from dashboard.importer import readers
from dashboard.importer.readers import FileShape, Table
from dashboard.importer.values import number_text


@dataclass
class ReadFile:
    path: Path
    table: Table
    shape: dict                                  # the mapping's fil = { ... }
    labels: dict[str, str] = field(default_factory=dict)   # column -> question text from a variable sheet
    notes: list[str] = field(default_factory=list)
    # column -> {code in the file: its label} from a label sheet (a codes-only workbook); the importer does not
    # read that sheet, so the mapping must translate the codes themselves
    value_labels: dict[str, dict[str, str]] = field(default_factory=dict)


class DraftError(ValueError):
    pass


def sheet_names(path: Path) -> list[str]:
    if path.suffix.lower() not in (".xlsx", ".xlsm") or not zipfile.is_zipfile(path):
        return []
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return list(wb.sheetnames)
    finally:
        wb.close()


def _read(path: Path, shape: FileShape) -> tuple[Table | None, list]:
    return readers.read(path, shape=shape)


def _empty_headers(problems: list) -> int:
    """Signs of a header read one row too short: columns with data but no name, names used twice."""
    return sum(any(w in p.message for w in ("ingen overskrift", "tomt kolonnenavn", "flere ganger", "to ganger"))
               for p in problems)


def _best_sheet(path: Path, sheets: list[str], replace: bool = False) -> tuple[str | None, Table, list]:
    found = []
    for sheet in sheets or [None]:
        table, problems = _read(path, FileShape(sheet=sheet, replace_bad_bytes=replace))
        if table is not None:
            found.append((sheet, table, problems))
    if not found:
        _, problems = _read(path, FileShape(sheet=sheets[0] if sheets else None))
        errors = [p for p in problems if p.severity == "feil"]
        raise DraftError(f"{path.name}: kunne ikke lese filen: " + "; ".join(p.text() for p in errors[:3]))
    return max(found, key=lambda f: (len(f[1].df.columns) * len(f[1].df), -_empty_headers(f[2])))


def _long_labels(df, wanted: set[str]) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """A long label sheet: variable, value, label; the row with an empty value holds the question text (the
    variable may stand on its first row only)."""
    var_col, value_col, label_col = df.columns[:3]
    questions: dict[str, str] = {}
    labels: dict[str, dict[str, str]] = {}
    var = ""
    for v, code, label in zip(df[var_col], df[value_col], df[label_col]):
        var = str(v).strip() or var
        if var not in wanted or not str(label).strip():
            continue
        if str(code).strip():
            labels.setdefault(var, {})[number_text(code)] = str(label).strip()
        else:
            questions[var] = str(label).strip()
    return questions, labels


def _wide_labels(df, wanted: set[str]) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """A wide label sheet: variable, question text, then one column per code ("1", "2" ... "9") with its label."""
    var_col, text_col, *codes = df.columns
    questions, labels = {}, {}
    for _, row in df.iterrows():
        var = str(row[var_col]).strip()
        if var in wanted:
            questions[var] = str(row[text_col]).strip()
            labels[var] = {number_text(c): str(row[c]).strip() for c in codes if str(row[c]).strip()}
    return {k: v for k, v in questions.items() if v}, {k: v for k, v in labels.items() if v}


def _variable_labels(path: Path, sheets: list[str], data_sheet: str | None, columns: list[str]
                     ) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """(column -> question text, column -> {code: label}) from another sheet of the workbook: a variable sheet
    (variable, text), a long label sheet (variable, value, label) or a wide one (variable, text, 1, 2, ...)."""
    wanted = set(columns)
    for sheet in sheets:
        if sheet == data_sheet:
            continue
        table, _ = _read(path, FileShape(sheet=sheet))
        if table is None or len(table.df.columns) < 2:
            continue
        df = table.df
        if len(wanted & {str(a).strip() for a in df[df.columns[0]]}) < max(3, len(wanted) // 3):
            continue
        if len(df.columns) >= 3 and all(number_text(c).isdigit() for c in df.columns[2:]):
            return _wide_labels(df, wanted)
        values = [str(v).strip() for v in df[df.columns[1]]]
        if len(df.columns) >= 3 and sum(v == "" or number_text(v).lstrip("-").isdigit() for v in values) >= \
                0.9 * len(values):
            return _long_labels(df, wanted)
        pairs = {str(a).strip(): str(b).strip() for a, b in zip(df[df.columns[0]], df[df.columns[1]])}
        return {k: v for k, v in pairs.items() if k in wanted and v}, {}
    return {}, {}


def _sav_labels(path: Path) -> dict[str, str]:
    """SPSS variable labels (the question or item text of each variable)."""
    import pyreadstat

    try:
        _, meta = pyreadstat.read_sav(str(path), metadataonly=True)
    except Exception:  # noqa: BLE001 - the reader reports a broken file; here the labels are only a help
        return {}
    return {k: str(v) for k, v in (meta.column_names_to_labels or {}).items() if v}


def read_file(path: Path) -> ReadFile:
    path = Path(path)
    if not path.exists():
        raise DraftError(f"{path}: filen finnes ikke")
    sheets = sheet_names(path)
    bad = readers.bad_utf8(path.read_bytes()) if path.suffix.lower() in readers.CSV_SUFFIXES else []
    sheet, table, problems = _best_sheet(path, sheets, replace=bool(bad))
    rows = 1
    if _empty_headers(problems):  # a merged question row above the item row: read two header rows
        two, problems2 = _read(path, FileShape(sheet=sheet, header_rows=2))
        if two is not None and _empty_headers(problems2) < _empty_headers(problems):
            table, rows = two, 2
    shape = {}
    if sheet is not None:
        shape["ark"] = sheet
    shape["overskriftsrad"] = int(table.header_row) - (rows - 1)
    shape["overskriftsrader"] = rows
    notes = []
    if bad:  # a person must agree to read it as UTF-8 with the bad bytes replaced
        shape["tegnkoding"] = "TODO: utf-8-erstatt"
        where = ", ".join(f"rad {r} byte nr. {c} (0x{b:02X})" for r, c, b in bad)
        notes.append(f"TODO: filen er UTF-8 bortsett fra {len(bad)} ugyldig(e) byte: {where}. Rett filen, eller "
                     "behold tegnkoding = \"utf-8-erstatt\" (byten leses som «\ufffd»)")
    if len(sheets) > 1:
        notes.append(f"arbeidsboka har arkene {', '.join(sheets)}; dataene står i «{sheet}»")
    if shape["overskriftsrad"] > 1:
        notes.append(f"overskriftsraden er rad {shape['overskriftsrad']}; radene over er tittel og hoppes over")
    labels, value_labels = _variable_labels(path, sheets, sheet, list(table.df.columns)) if len(sheets) > 1 \
        else ({}, {})
    if value_labels:
        notes.append(f"svarene står som koder; etikettene til {len(value_labels)} kolonner er lest fra et annet ark, "
                     "og verditabellene under oversetter kodene")
    if path.suffix.lower() == ".sav":
        labels = _sav_labels(path)
    return ReadFile(path, table, shape, labels, notes, value_labels)
