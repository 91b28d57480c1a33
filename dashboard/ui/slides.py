"""'Last ned presentasjon': a PowerPoint of the current page with the current filters.

A title slide (page, filters, data version, sources, date) and one slide per chart: the chart as a
static image rendered server-side with kaleido and the system Chromium, its source line and N, and
"DEMODATA" on every slide when demo data feeds it.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import os
import shutil
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard.ui import fmt
from dashboard.ui.i18n import t

log = logging.getLogger(__name__)
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
WIDTH, HEIGHT = 1600, 900  # pixels of the chart image (16:9, like the slides)


@dataclass
class Chart:
    title: str
    figure: go.Figure
    source: str
    n: str
    demo: bool


@dataclass
class Table:
    """A table as a slide of its own (a profile's key figures, its centres), marks in the cells as on screen."""
    title: str
    table: pd.DataFrame
    source: str
    demo: bool


TABLE_ROWS = 12  # rows a table slide holds; the rest are counted on the slide


class ChromiumMissing(RuntimeError):
    pass


def chromium() -> str | None:
    """The browser kaleido renders with (the system Chromium; nothing is downloaded)."""
    configured = os.environ.get("BROWSER_PATH")
    if configured and os.path.exists(configured):
        return configured
    for name in CHROMIUM_CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    return None


_lock = threading.Lock()
_server: list[bool] = []
_rendered = [0]  # images drawn by the running renderer
RESTART_AFTER = 40  # images per renderer: its Chromium grows ~5 MiB an image (40 MiB a deck of 8), so it is
                    # stopped and started afresh after this many (about 1 s), which bounds its memory


def render_png(fig: go.Figure, lang: str) -> bytes:
    """PNG of a figure at slide size (see :func:`render`)."""
    return render(fig, lang)


def render(fig: go.Figure, lang: str, *, fmt: str = "png", width: int = WIDTH, height: int = HEIGHT,
           scale: float = 1) -> bytes:
    """A figure as PNG or SVG (``scale``: pixels per layout pixel). One headless Chromium per process is started on
    first use, reused, and restarted after ``RESTART_AFTER`` images."""
    path = chromium()
    if path is None:
        raise ChromiumMissing(t("pptx.mangler_chromium", lang=lang))
    os.environ["BROWSER_PATH"] = path  # kaleido/choreographer look here before trying to download
    import warnings

    import kaleido
    import plotly.io as pio

    with _lock:
        if _server and _rendered[0] >= RESTART_AFTER:
            _stop(kaleido)
        for attempt in (1, 2):
            if not _server:
                kaleido.start_sync_server(silence_warnings=True)
                _server.append(True)
                _rendered[0] = 0
            _rendered[0] += 1
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", UserWarning)
                    return pio.to_image(fig, format=fmt, width=width, height=height, scale=scale)
            except Exception as exc:  # noqa: BLE001 - kaleido raises its own JavascriptError
                if attempt == 2 or NOT_READY not in str(exc):
                    raise
                log.warning("diagramtegneren var ikke klar (%s); startes på nytt", NOT_READY)
                _stop(kaleido)


NOT_READY = "kaleido_scopes is not defined"  # the renderer's page not loaded yet (seen on a loaded machine)


def _stop(kaleido) -> None:
    kaleido.stop_sync_server(silence_warnings=True)
    _server.clear()


def build(page_title: str, filters: str, version: str, sources: str, charts: Sequence[Chart], *, lang: str,
          progress: Callable[[float, str], None] = lambda p, m: None, tables: Sequence[Table] = ()) -> bytes:
    from pptx import Presentation
    from pptx.util import Emu

    demo = any(c.demo for c in charts) or any(x.demo for x in tables)
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)  # 16:9
    blank = prs.slide_layouts[6]
    W, H = prs.slide_width, prs.slide_height
    text = _text

    def demo_mark(slide):
        if demo:
            text(slide, W - Emu(3300000), Emu(150000), Emu(3150000), Emu(500000), t("pptx.demodata", lang=lang), 24,
                 bold=True, colour=(0x8A, 0x4B, 0x00))

    progress(0.0, t("pptx.lager_tittel", lang=lang))
    s = prs.slides.add_slide(blank)
    text(s, Emu(600000), Emu(900000), W - Emu(1200000), Emu(1200000), page_title, 40, bold=True)
    lines = [t("pptx.filtre", lang=lang, filtre=filters), t("pptx.versjon", lang=lang, versjon=version),
             t("pptx.kilder", lang=lang, kilder=sources),
             t("pptx.dato", lang=lang, dato=fmt.date(dt.date.today(), lang))]
    if demo:
        lines.insert(0, t("eksport.demo_tekst", lang=lang))
    text(s, Emu(600000), Emu(2300000), W - Emu(1200000), Emu(3800000), "\n".join(lines), 18)
    demo_mark(s)
    for table in tables:
        s = prs.slides.add_slide(blank)
        text(s, Emu(400000), Emu(150000), W - Emu(4000000), Emu(700000), table.title, 26, bold=True)
        _table(s, table, Emu(400000), Emu(950000), W - Emu(800000), lang)
        text(s, Emu(400000), H - Emu(900000), W - Emu(800000), Emu(800000), table.source, 14,
             colour=(0x3A, 0x41, 0x4A))
        if table.demo:
            demo_mark(s)
    for i, chart in enumerate(charts, start=1):
        progress(i / (len(charts) + 1),
                 t("pptx.lager_lysbilde", lang=lang, nr=i, antall=len(charts), tittel=chart.title))
        png = render_png(chart.figure, lang)
        s = prs.slides.add_slide(blank)
        text(s, Emu(400000), Emu(150000), W - Emu(4000000), Emu(700000), chart.title, 26, bold=True)
        pic_h = H - Emu(1900000)
        pic_w = int(pic_h * WIDTH / HEIGHT)
        s.shapes.add_picture(io.BytesIO(png), int((W - pic_w) / 2), Emu(950000), width=pic_w, height=pic_h)
        text(s, Emu(400000), H - Emu(900000), W - Emu(800000), Emu(800000), f"{chart.source} · {chart.n}", 14,
             colour=(0x3A, 0x41, 0x4A))
        if chart.demo:
            demo_mark(s)
    progress(1.0, t("pptx.ferdig", lang=lang))
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _text(slide, x, y, w, h, value, size, bold=False, colour=(0x1F, 0x23, 0x28)):
    """A text box with one paragraph (text only: never a field or a link)."""
    from pptx.dml.color import RGBColor
    from pptx.util import Pt

    box = slide.shapes.add_textbox(x, y, w, h)
    frame = box.text_frame
    frame.word_wrap = True
    para = frame.paragraphs[0]
    para.text = value
    para.font.size = Pt(size)
    para.font.bold = bold
    para.font.color.rgb = RGBColor(*colour)
    return box


def _table(slide, table: Table, x, y, width, lang: str) -> None:
    """The table's rows (at most ``TABLE_ROWS``; a last row counts the rest) as a PowerPoint table."""
    from pptx.util import Emu, Pt

    shown = table.table.head(TABLE_ROWS)
    more = len(table.table) - len(shown)
    rows = [[str(c).strip() for c in shown.columns]] + [[str(v) for v in row] for row in shown.itertuples(index=False)]
    if more > 0:
        rows.append([t("pptx.flere_rader", lang=lang, antall=more)] + [""] * (len(shown.columns) - 1))
    shape = slide.shapes.add_table(len(rows), len(shown.columns), x, y, width, Emu(380000 * len(rows)))
    for i, values in enumerate(rows):
        for j, value in enumerate(values):
            cell = shape.table.cell(i, j)
            cell.text = value
            for para in cell.text_frame.paragraphs:
                para.font.size = Pt(16)
                para.font.bold = i == 0
