"""How tall a .docx's content is when Word lays it out, estimated on the safe side, for documents that must fit
one page (the Word brief). No layout engine is at hand (LibreOffice is not on the machines), so this reads the
document itself: page size and margins, each paragraph's style (font size, spacing before and after, line
spacing), each table's rows and each picture's size, and breaks the text into lines by the widths of DejaVu Sans,
which is wider than the Cambria and Calibri Word uses for this template, so the lines counted are at least as
many as Word's.

Rules taken as Word applies them: a line is 1.22 em of its largest font times the line spacing (Calibri's and
Cambria's line heights are 1.22 and 1.17 em); an inline picture's line is its height times the spacing; space
after is added to every paragraph, space before too (none is dropped at the top of the page); a list item's
"contextual spacing" drops the space between items of one list; table cells use the table style's paragraph
spacing, columns as the table's grid gives them, borders 0.5 pt.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

EM = 1.22  # line height of the font, in em
EMU_PER_PT = 12700
FALLBACK_EM_WIDTH = 0.6  # width of a character, in em, when DejaVu Sans is not installed (wider than it)
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


@lru_cache(maxsize=32)
def _font(size_pt: float):
    from PIL import ImageFont

    return ImageFont.truetype(str(FONT), size=round(size_pt * 10)) if FONT.exists() else None  # tenths of a pt


def text_width(text: str, size_pt: float, bold: bool = False) -> float:
    """Width of ``text`` in pt, on the wide side (bold: 10 % wider)."""
    font = _font(size_pt)
    width = font.getlength(text) / 10 if font else len(text) * size_pt * FALLBACK_EM_WIDTH
    return width * (1.1 if bold else 1.0)


def lines(text: str, width_pt: float, size_pt: float, bold: bool = False) -> int:
    """Lines ``text`` takes in a column ``width_pt`` wide, broken at spaces (a word longer than a line: its own)."""
    count, line = 1, ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if line and text_width(trial, size_pt, bold) > width_pt:
            count, line = count + 1, word
        else:
            line = trial
    return count


def _pt(length, default: float = 0.0) -> float:
    return length.pt if length is not None else default


def _style_value(style, name: str):
    """A paragraph-format value of ``style`` or of the style it is based on."""
    while style is not None:
        value = getattr(style.paragraph_format, name)
        if value is not None:
            return value
        style = style.base_style
    return None


def _font_size(paragraph, doc) -> float:
    sizes = [r.font.size.pt for r in paragraph.runs if r.font.size is not None]
    style = paragraph.style
    while style is not None and style.font.size is None:
        style = style.base_style
    mark = style.font.size.pt if style is not None else _default_size(doc)
    return max(sizes + [mark])  # the paragraph mark's size sets the last line's height


def _default_size(doc) -> float:
    from docx.oxml.ns import qn

    sz = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:sz')}")
    return int(sz.get(qn("w:val"))) / 2 if sz is not None else 10.0


def _defaults(doc) -> tuple[float, float]:
    """(space after in pt, line spacing multiple) of the document defaults."""
    from docx.oxml.ns import qn

    spacing = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
    if spacing is None:
        return 0.0, 1.0
    after = int(spacing.get(qn("w:after"), "0")) / 20
    return after, int(spacing.get(qn("w:line"), "240")) / 240


def paragraph_height(paragraph, doc, width_pt: float) -> tuple[float, float, float]:
    """(space before, height of the lines, space after) of a paragraph, in pt: its own format, else its style's
    (or a style it is based on), else the document defaults. Inside a table the same: the paragraph style's
    spacing comes before the table style's, and the table style's only lowers it (Table Grid: none after)."""
    default_after, default_line = _defaults(doc)
    pf = paragraph.paragraph_format
    before = _pt(pf.space_before if pf.space_before is not None else _style_value(paragraph.style, "space_before"))
    after = pf.space_after if pf.space_after is not None else _style_value(paragraph.style, "space_after")
    spacing = pf.line_spacing if pf.line_spacing is not None else _style_value(paragraph.style, "line_spacing")
    after = _pt(after, default_after)
    spacing = spacing if isinstance(spacing, float) else default_line
    pictures = paragraph._p.xpath(".//wp:extent")
    if pictures:
        return before, max(int(e.get("cy")) for e in pictures) / EMU_PER_PT * spacing, after
    size = _font_size(paragraph, doc)
    indent = 36.0 if paragraph.style.name.startswith("List") else 0.0
    bold = any(r.bold for r in paragraph.runs) or paragraph.style.name.startswith("Heading")
    n = lines(paragraph.text, width_pt - indent, size, bold)
    return before, n * size * EM * spacing, after


def table_height(table, doc, width_pt: float) -> float:
    """Rows one under the other, each as tall as its tallest cell; a cell's width from the table's grid (its
    share of ``width_pt`` when the grid is wider), less the cell margins (108 twips a side)."""
    from docx.oxml.ns import qn

    grid = [int(c.get(qn("w:w"))) / 20 for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    scale = min(1.0, width_pt / sum(grid)) if grid and sum(grid) else 1.0
    total = 0.5
    for row in table._tbl.tr_lst:
        cells = row.tc_lst
        widths = [w * scale for w in grid] if len(grid) == len(cells) else [width_pt / len(cells)] * len(cells)
        total += 0.5 + max(blocks_height(tc, doc, w - 2 * 5.4) for tc, w in zip(cells, widths))
    return total


def blocks_height(parent, doc, width_pt: float) -> float:
    """Height of the paragraphs and tables in ``parent`` (the body or a table cell's element), in pt."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    total, previous, previous_after = 0.0, None, 0.0
    for element in parent.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "tbl":
            total += table_height(Table(element, doc), doc, width_pt)
            previous = None
        elif tag == "p":
            p = Paragraph(element, doc)
            before, height, after = paragraph_height(p, doc, width_pt)
            listed = p.style.name.startswith("List")
            if listed and previous == p.style.name:  # contextual spacing: no space between a list's items
                total -= previous_after
                before = 0.0
            total += before + height + after
            previous, previous_after = (p.style.name if listed else None), after
    return total


def content_height(doc) -> tuple[float, float]:
    """(height of the body's content, height of the page's text area), both in pt."""
    section = doc.sections[0]
    width = (section.page_width - section.left_margin - section.right_margin) / EMU_PER_PT
    room = (section.page_height - section.top_margin - section.bottom_margin) / EMU_PER_PT
    return blocks_height(doc.element.body, doc, width), room


def pages(doc) -> int:
    height, room = content_height(doc)
    return math.ceil(height / room)
