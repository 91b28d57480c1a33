"""Exports of exactly the numbers shown: CSV for Norwegian Excel (UTF-8 with BOM, semicolon,
decimal comma) and XLSX, each with the title, active filters, sources, data version, date and,
when demo data is involved, the demo notice on top.

Files are built only when the user clicks (the download buttons take a callable).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from dashboard import fmt, versions
from dashboard.filters import Filters
from dashboard.gateway import Result
from dashboard.i18n import t

PRODUCT = "Frivilligsentraler i distrikts-Norge"


@dataclass
class Export:
    title: str
    table: pd.DataFrame
    results: Sequence[Result] = field(default_factory=list)
    filters: Filters | None = None
    sources: str = ""
    lang: str = "nb"

    @property
    def demo(self) -> bool:
        return any(r.demo for r in self.results)

    def filter_text(self) -> str:
        return filter_text(self.filters, self.lang)

    def metadata(self) -> list[tuple[str, str]]:
        v = versions.current()
        rows = [
            (t("eksport.tittel", lang=self.lang), f"{PRODUCT}: {self.title}"),
            (t("eksport.filtre", lang=self.lang), self.filter_text()),
            (t("eksport.kilder", lang=self.lang), self.sources),
            (t("eksport.versjon", lang=self.lang), v.id),
            (t("eksport.dato", lang=self.lang), fmt.date(dt.date.today(), self.lang)),
        ]
        if self.demo:
            rows.insert(0, (t("eksport.demo_merke", lang=self.lang), t("eksport.demo_tekst", lang=self.lang)))
        return rows


def filter_text(f: Filters | None, lang: str) -> str:
    """The active filters in words (codes as in the URL), for exports and the presentation's title slide."""
    if f is None:
        return t("eksport.ingen_filter", lang=lang)
    parts = []
    if f.fylker:
        parts.append(t("filter.fylke", lang=lang) + ": " + ", ".join(f.fylker))
    if f.kommuner:
        parts.append(t("filter.kommune", lang=lang) + ": " + ", ".join(f.kommuner))
    if f.eierformer:
        parts.append(t("filter.eierform", lang=lang) + ": " + ", ".join(f.eierformer))
    parts.append(t("filter.klasse", lang=lang) + ": " + (", ".join(str(k) for k in f.sentralitetsklasser)
                                                         or t("filter.alle_klasser", lang=lang)))
    return "; ".join(parts)


def file_name(title: str, ext: str) -> str:
    from dashboard.charts import slug

    return f"{slug(title)}.{ext}"


def to_csv(export: Export) -> bytes:
    """UTF-8 with BOM, ';' as separator and ',' as decimal mark; metadata lines first, then a blank line."""
    buf = io.StringIO()
    for key, value in export.metadata():
        buf.write(f"# {key}: {value}\n")
    buf.write("\n")
    export.table.to_csv(buf, sep=";", decimal=",", index=False, lineterminator="\n")
    return buf.getvalue().encode("utf-8-sig")


def to_xlsx(export: Export) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = t("eksport.ark_data", lang=export.lang)[:31]
    meta = export.metadata()
    for i, (key, value) in enumerate(meta, start=1):
        ws.cell(row=i, column=1, value=key).font = Font(bold=True)
        ws.cell(row=i, column=2, value=value)
        if export.demo and i == 1:
            for c in (1, 2):
                ws.cell(row=i, column=c).fill = PatternFill("solid", fgColor="FFE7C2")
    start = len(meta) + 2
    for j, col in enumerate(export.table.columns, start=1):
        ws.cell(row=start, column=j, value=str(col)).font = Font(bold=True)
    for i, row in enumerate(export.table.itertuples(index=False), start=start + 1):
        for j, value in enumerate(row, start=1):
            if value is pd.NA or (isinstance(value, float) and pd.isna(value)):
                value = None
            elif hasattr(value, "item"):
                value = value.item()
            ws.cell(row=i, column=j, value=value)
    for j, col in enumerate(export.table.columns, start=1):
        width = max([len(str(col))] + [len(str(v)) for v in export.table.iloc[:200, j - 1]]) + 2
        ws.column_dimensions[get_column_letter(j)].width = min(max(width, 10), 60)
    ws.freeze_panes = ws.cell(row=start + 1, column=1)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
