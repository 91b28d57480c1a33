"""The one-page brief of a municipality or a county as a Word document (.docx), for a person who wants to edit it
before handing it out: the same content as the PDF (a dashboard.brief.Brief), laid out with python-docx on A4.

The charts are pictures (PNG at twice their printed resolution) drawn by the PowerPoint's renderer
(dashboard.slides.render) from the same print-sized figures as the PDF; Word takes no vector charts from plotly.
"""

from __future__ import annotations

import io

import plotly.graph_objects as go

from dashboard import slides
from dashboard.brief import Brief, Chart, figure_json
from dashboard.i18n import t

MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SMALL, BODY = 7.5, 9  # pt
GREY, DEMO = (0x45, 0x4D, 0x57), (0x8A, 0x4B, 0x00)


def docx(b: Brief) -> bytes:
    """The brief as a .docx: heading, demo notice, facts, the table, the charts, the report's numbers, the footer."""
    from docx import Document
    from docx.shared import Cm, Pt

    if b.charts and slides.chromium() is None:
        raise slides.ChromiumMissing(t("kommunebrief.mangler_chromium", lang=b.lang))
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(1.5)
    section.top_margin = section.bottom_margin = Cm(1.2)
    doc.styles["Normal"].font.size = Pt(BODY)
    doc.core_properties.title = b.heading
    doc.core_properties.language = "nn-NO" if b.lang == "nn" else "nb-NO"
    doc.add_heading(b.heading, level=1)
    _small(doc, b.subheading)
    if b.demo:
        p = doc.add_paragraph()
        _run(p, t("demo.tittel", lang=b.lang), bold=True, colour=DEMO)
        _run(p, f" – {b.demo}", colour=DEMO)
    _table(doc, [("", "", "")] + b.facts, header=False)
    _small(doc, b.facts_source)
    for chart in b.charts[:1]:
        _chart(doc, chart, b.lang)
    doc.add_heading(b.table_title, level=2)
    if not b.table.empty:
        _table(doc, [tuple(b.table.columns)] + [tuple(map(str, r)) for r in b.table.itertuples(index=False)])
    _small(doc, b.table_note)
    for chart in b.charts[1:]:
        _chart(doc, chart, b.lang)
    doc.add_heading(b.side_title, level=2)
    for line in b.side:
        doc.add_paragraph(line, style="List Bullet")
    _small(doc, b.side_note)
    for line in b.footer:
        _small(doc, line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _run(paragraph, text: str, *, bold: bool = False, size: float | None = None, colour=None):
    from docx.shared import Pt, RGBColor

    run = paragraph.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if colour:
        run.font.color.rgb = RGBColor(*colour)
    return run


def _small(doc, text: str) -> None:
    if text:
        _run(doc.add_paragraph(), text, size=SMALL, colour=GREY)


def _table(doc, rows: list[tuple[str, ...]], *, header: bool = True) -> None:
    """A table; with ``header`` its first row is bold, without it the first row is left out (facts: label,
    value in bold, note)."""
    body = rows if header else rows[1:]
    table = doc.add_table(rows=len(body), cols=len(rows[0]))
    table.style = "Table Grid"
    for i, row in enumerate(body):
        for j, value in enumerate(row):
            cell = table.cell(i, j)
            cell.text = ""
            _run(cell.paragraphs[0], str(value), bold=(header and i == 0) or (not header and j == 1), size=SMALL + .5)


def _chart(doc, c: Chart, lang: str) -> None:
    from docx.shared import Inches

    doc.add_heading(c.title, level=2)
    png = slides.render(go.Figure(figure_json(c)), lang, width=c.width, height=c.height, scale=2)
    doc.add_picture(io.BytesIO(png), width=Inches(c.width / 96))
    _small(doc, c.note)
