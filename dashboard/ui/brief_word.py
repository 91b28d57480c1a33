"""The one-page brief of a municipality or a county as a Word document (.docx), for a person who wants to edit it
before handing it out: the same content as the PDF (a dashboard.ui.brief.Brief), laid out with python-docx on A4.

The charts are pictures (PNG at twice their printed resolution) drawn by the PowerPoint's renderer
(dashboard.ui.slides.render) from the same print-sized figures as the PDF; Word takes no vector charts from plotly.
"""

from __future__ import annotations

import io

import plotly.graph_objects as go

from dashboard.ui import slides
from dashboard.ui.brief import MARGINS_MM, Brief, Chart, figure_json
from dashboard.ui.i18n import t

MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SMALL, BODY = 7.5, 9  # pt
TOP_CM, RIGHT_CM, BOTTOM_CM, LEFT_CM = (mm / 10 for mm in MARGINS_MM)  # the PDF's margins
TEXT_CM = 21 - LEFT_CM - RIGHT_CM  # the width between the margins
GREY, DEMO = (0x45, 0x4D, 0x57), (0x8A, 0x4B, 0x00)


def docx(b: Brief) -> bytes:
    """The brief as a .docx laid out as the PDF: heading and demo notice; the facts beside the first chart; the
    table; the second chart beside the report's numbers; the footer. One A4 page (tests/support/word_pages.py)."""
    from docx import Document
    from docx.shared import Cm

    if b.charts and slides.chromium() is None:
        raise slides.ChromiumMissing(t("kommunebrief.mangler_chromium", lang=b.lang))
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(LEFT_CM), Cm(RIGHT_CM)
    section.top_margin, section.bottom_margin = Cm(TOP_CM), Cm(BOTTOM_CM)
    _styles(doc)
    doc.core_properties.title = b.heading
    doc.core_properties.language = "nn-NO" if b.lang == "nn" else "nb-NO"
    doc.add_paragraph(b.heading, style="Heading 1")
    _small(doc, b.subheading)
    if b.demo:
        p = doc.add_paragraph()
        _run(p, t("demo.tittel", lang=b.lang), bold=True, colour=DEMO)
        _run(p, f" – {b.demo}", colour=DEMO)
    left, right = _row(doc, b.charts[:1], b.lang)
    _table(left, [("", "", "")] + b.facts, header=False)
    _small(left, b.facts_source)
    doc.add_paragraph(b.table_title, style="Heading 2")
    if not b.table.empty:
        _table(doc, [tuple(b.table.columns)] + [tuple(map(str, r)) for r in b.table.itertuples(index=False)])
    _small(doc, b.table_note)
    left, right = _row(doc, b.charts[1:], b.lang, chart_left=True)
    right.add_paragraph(b.side_title, style="Heading 2")
    for line in b.side:
        right.add_paragraph(line, style="List Bullet")
    _small(right, b.side_note)
    for line in b.footer:
        _small(doc, line)
    for cell in (c for tab in doc.tables for row in tab.rows for c in row.cells):
        _drop_blanks(cell)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _styles(doc) -> None:
    """Body 9 pt, single-spaced, 2 pt after a paragraph; headings close to what they head."""
    from docx.shared import Pt

    normal = doc.styles["Normal"]
    normal.font.size = Pt(BODY)
    normal.paragraph_format.space_after, normal.paragraph_format.line_spacing = Pt(2), 1.0
    for name, before, size in (("Heading 1", 0, 14), ("Heading 2", 5, 10.5)):
        style = doc.styles[name].paragraph_format
        style.space_before, style.space_after = Pt(before), Pt(2)
        doc.styles[name].font.size = Pt(size)


def _row(doc, charts: list[Chart], lang: str, *, chart_left: bool = False):
    """A row of the PDF's layout as a table without borders: a chart (heading, picture, note) in a column as wide
    as the chart, the other column for text. Returns the (text, chart) cells, or (chart, text) with
    ``chart_left``; without a chart one cell, full width, twice."""
    from docx.shared import Cm

    chart_cm = charts[0].width / 96 * 2.54 + 0.4 if charts else 0  # the cells' margins: 0.19 cm a side
    widths = [TEXT_CM - chart_cm, chart_cm] if charts else [TEXT_CM]
    if chart_left:
        widths.reverse()
    table = doc.add_table(rows=1, cols=len(widths))
    table.autofit = False
    for column, cell, width in zip(table.columns, table.rows[0].cells, widths):
        column.width = cell.width = Cm(width)
    cells = table.rows[0].cells
    if not charts:
        return cells[0], cells[0]
    chart_cell, text_cell = (cells[0], cells[1]) if chart_left else (cells[1], cells[0])
    _chart(chart_cell, charts[0], lang)
    return (chart_cell, text_cell) if chart_left else (text_cell, chart_cell)


def _drop_blanks(cell) -> None:
    """The empty paragraphs python-docx puts in a cell (at its start, after a table in it) are dropped, except the
    cell's last (a cell must end in a paragraph)."""
    blocks = cell._tc.xpath("./w:p | ./w:tbl")
    for block in blocks[:-1]:
        if block.tag.endswith("}p") and not "".join(block.xpath(".//w:t/text()")) and not block.xpath(".//w:drawing"):
            cell._tc.remove(block)


def _run(paragraph, text: str, *, bold: bool = False, size: float | None = None, colour=None):
    from docx.shared import Pt, RGBColor

    run = paragraph.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if colour:
        run.font.color.rgb = RGBColor(*colour)
    return run


def _small(box, text: str) -> None:
    """A small grey line in ``box`` (the document or a cell): a source, a note."""
    if text:
        _run(box.add_paragraph(), text, size=SMALL, colour=GREY)


def _table(box, rows: list[tuple[str, ...]], *, header: bool = True) -> None:
    """A table; with ``header`` its first row is bold, without it the first row is left out (facts: label,
    value in bold, note)."""
    from docx.shared import Pt

    body = rows if header else rows[1:]
    table = box.add_table(rows=len(body), cols=len(rows[0]))
    table.style = "Table Grid"
    for i, row in enumerate(body):
        for j, value in enumerate(row):
            cell = table.cell(i, j)
            cell.text = ""
            _run(cell.paragraphs[0], str(value), bold=(header and i == 0) or (not header and j == 1), size=SMALL + .5)
            cell.paragraphs[0].paragraph_format.space_after = Pt(0)


def _chart(cell, c: Chart, lang: str) -> None:
    from docx.shared import Inches

    cell.add_paragraph(c.title, style="Heading 2")
    png = slides.render(go.Figure(figure_json(c)), lang, width=c.width, height=c.height, scale=2)
    cell.add_paragraph().add_run().add_picture(io.BytesIO(png), width=Inches(c.width / 96))
    _small(cell, c.note)
