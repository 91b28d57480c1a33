"""Exports of exactly the numbers shown: CSV for Norwegian Excel (UTF-8 with BOM, semicolon,
decimal comma) and XLSX, each with the title, active filters, sources, data version, date and,
when demo data is involved, the demo notice on top.

Files are built only when the user clicks (the download buttons take a callable).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from dashboard.data import versions
from dashboard.data.filters import SPECS, Filters
from dashboard.data.gateway import Result
from dashboard.ui import cells, fmt
from dashboard.ui.i18n import t

PRODUCT = "Frivilligsentraler i distrikts-Norge"


@dataclass
class Export:
    title: str
    table: pd.DataFrame
    results: Sequence[Result] = field(default_factory=list)
    filters: Filters | None = None
    sources: str = ""
    lang: str = "nb"
    # the data version when the export was made (the page's), not when its file is built
    version: str = field(default_factory=lambda: versions.current().id)
    survey_group: str = ""  # which predefined group the survey numbers describe, when wider than the filters

    def __post_init__(self):
        # the filters in words now, while the export is made (names are read from the data version shown)
        self.filter_words = filter_text(self.filters, self.lang)

    @property
    def demo(self) -> bool:
        return any(r.demo for r in self.results)

    def filter_text(self) -> str:
        return self.filter_words

    def metadata(self) -> list[tuple[str, str]]:
        rows = [
            (t("eksport.tittel", lang=self.lang), f"{PRODUCT}: {self.title}"),
            (t("eksport.filtre", lang=self.lang), self.filter_text()),
            *([(t("eksport.gruppe", lang=self.lang), self.survey_group)] if self.survey_group else []),
            (t("eksport.kilder", lang=self.lang), self.sources),
            (t("eksport.versjon", lang=self.lang), self.version),
            (t("eksport.dato", lang=self.lang), fmt.date(dt.date.today(), self.lang)),
        ]
        if self.demo:
            rows.insert(0, (t("eksport.demo_merke", lang=self.lang), t("eksport.demo_tekst", lang=self.lang)))
        return rows


def filter_text(f: Filters | None, lang: str, sep: str = "; ") -> str:
    """The filters in words, names not codes ('Fylke: Nordland; Eierform: Kommunal; Sentralitetsklasse: 5, 6'),
    for exports, the presentation's title slide and the selection line under a page's title."""
    if f is None:
        return t("eksport.ingen_filter", lang=lang)
    from dashboard.ui.options import options

    opts = options(lang)
    parts = []
    for spec in SPECS:  # a filter with a default (the classes) is always stated, "all" included
        values = getattr(f, spec.field)
        if values or spec.default:
            names = getattr(opts, spec.field) if spec.value_label is None else {}
            parts.append(t(spec.label, lang=lang) + ": " + (", ".join(str(names.get(v, v)) for v in values)
                                                            or t(spec.placeholder, lang=lang)))
    return sep.join(parts)


def selection_name(f: Filters | None, lang: str, most: int = 3) -> str:
    """The places and ownership forms chosen, for a file name ('Nordland Kommunal'); empty when none is."""
    if f is None:
        return ""
    from dashboard.ui.options import options

    opts = options(lang)
    names = [getattr(opts, spec.field).get(v, v) for spec in SPECS if spec.value_label is None
             for v in getattr(f, spec.field)]
    return " ".join(names[:most])


def bound_filters(results: Sequence[Result]) -> Filters | None:
    """The filters the results were queried with (the first that took any), not the session's."""
    return next((r.filters for r in results if r.filters is not None), None)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet may read as a formula


def risky(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def neutral(value):
    """A text cell a spreadsheet would run as a formula gets a leading apostrophe; others are unchanged."""
    return "'" + value if risky(value) else value


def _csv_cell(value):
    """Neutral, and a carriage return inside a cell becomes a line break (the CSV writer quotes those;
    a bare CR would end the row in Excel)."""
    value = neutral(value)
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


def neutral_table(table: pd.DataFrame) -> pd.DataFrame:
    """The table with its text cells and column names made safe for CSV (numbers stay numbers)."""
    out = table.rename(columns=lambda c: _csv_cell(str(c)))
    text = [pd.api.types.is_object_dtype(dtype) or pd.api.types.is_string_dtype(dtype) for dtype in out.dtypes]
    for col in out.columns[text]:
        out[col] = out[col].map(_csv_cell)
    return out


def file_name(title: str, ext: str, selection: str = "") -> str:
    """'figur-17-faktorer.csv', or with the selection: 'figur-17-faktorer-nordland.csv'."""
    from dashboard.ui.charts import slug

    return f"{slug(title + (' ' + selection if selection else ''))}.{ext}"


def to_csv(export: Export) -> bytes:
    """UTF-8 with BOM, ';' as separator and ',' as decimal mark; metadata lines first, then a blank line.

    No cell starts like a formula (see :func:`neutral`)."""
    buf = io.StringIO()
    lines = csv.writer(buf, delimiter=";", lineterminator="\n")
    for key, value in export.metadata():  # one cell each, starting with '#' (quoted when it holds a ';')
        lines.writerow([f"# {key}: {_one_line(value)}"])
    buf.write("\n")
    table = neutral_table(cells.unmarked(export.table, export.lang))
    table.to_csv(buf, sep=";", decimal=",", index=False, lineterminator="\n")
    return buf.getvalue().encode("utf-8-sig")


def _one_line(value) -> str:
    """A metadata value on its '# key: value' line: no line breaks (they would start a data row)."""
    return " ".join(str(value).splitlines())


def _text_cell(ws, row: int, column: int, value):
    """A cell whose text is stored as text, never as a formula (openpyxl reads '=...' as one)."""
    cell = ws.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if risky(value):
            cell.quotePrefix = True  # Excel keeps it text even when the cell is edited
    return cell


def to_xlsx(export: Export) -> bytes:
    """Metadata rows, then the table: numbers as numbers with Norwegian-looking formats ('50,0 %' is 0.5 shown
    as a percent), text as text (never a formula), and the demo mark in the header or a column of its own."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = t("eksport.ark_data", lang=export.lang)[:31]
    meta = export.metadata()
    for i, (key, value) in enumerate(meta, start=1):
        _text_cell(ws, i, 1, key).font = Font(bold=True)
        _text_cell(ws, i, 2, value)
        if export.demo and i == 1:
            for c in (1, 2):
                ws.cell(row=i, column=c).fill = PatternFill("solid", fgColor="FFE7C2")
    start = len(meta) + 2
    columns = cells.typed(cells.unmarked(export.table, export.lang), export.lang)
    for j, col in enumerate(columns, start=1):
        _text_cell(ws, start, j, col.name).font = Font(bold=True)
        for i, value in enumerate(col.values, start=start + 1):
            cell = _text_cell(ws, i, j, value)
            if col.number_format and isinstance(value, (int, float)):
                cell.number_format = col.number_format
        width = max([len(col.name)] + [len(str(v)) for v in col.values[:200]]) + 2
        ws.column_dimensions[get_column_letter(j)].width = min(max(width, 10), 60)
    ws.freeze_panes = ws.cell(row=start + 1, column=1)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
