"""The one-page brief of a municipality or a county as a PDF (A4 portrait) a person can hand out.

The content (facts, the centres table, charts, the report's numbers, sources) comes ready from
dashboard.panels.kommunebrief; this module lays it out as HTML with a print stylesheet and prints it
with Chromium through Playwright. The charts are drawn by plotly.js inside that page, so they reach
the PDF as vector graphics, drawn exactly as on screen. One browser page with plotly.js loaded serves
every brief (see :class:`Printer`).

Why Chromium and not WeasyPrint: the project already has Playwright and Debian's Chromium (the
browser tests and the PowerPoint use them), so nothing new is installed; and WeasyPrint cannot run
plotly.js, so the charts would first have to be exported to SVG by a Chromium anyway.
"""

from __future__ import annotations

import html
import json
import queue
import threading
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import plotly
import plotly.graph_objects as go
import plotly.io as pio

from dashboard.ui import slides
from dashboard.ui.i18n import t

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
CHART_FONT = 11  # px in the printed page (about 8 pt)
MIME = "application/pdf"


@dataclass
class Chart:
    title: str
    figure: go.Figure
    note: str             # source, N and the survey group, in words
    width: int            # CSS pixels at 96 per inch
    height: int


@dataclass
class Brief:
    lang: str
    heading: str                                   # «Kommunebrief: Bodø»
    subheading: str                                # what it is and where it belongs
    facts: list[tuple[str, str, str]]              # label, value, note
    facts_source: str
    table_title: str
    table: pd.DataFrame                            # the centres (or centres by ownership), marks in the cells
    table_note: str                                # source, or why the table is empty
    charts: list[Chart]                            # the first beside the facts, the others below the table
    side_title: str
    side: list[str]                                # the report's headline numbers, one a line
    side_note: str
    footer: list[str] = field(default_factory=list)  # sources, data version, date, link
    demo: str = ""                                 # the demo notice, empty when no demo data feeds the brief


MARGINS_MM = (11, 12, 10, 12)  # top, right, bottom, left of the A4 page: the PDF's, and the Word version's

CSS = "\n@page { size: A4 portrait; margin: " + " ".join(f"{m}mm" for m in MARGINS_MM) + "; }" + """
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 9pt; color: #1f2328; line-height: 1.3; }
h1 { font-size: 17pt; margin: 0; color: #0b4f8a; }
h2 { font-size: 10.5pt; margin: 0 0 1.5mm 0; color: #0b4f8a; }
.sub { color: #454d57; margin: .5mm 0 2mm 0; }
.demo { border-left: 4px solid #8a4b00; background: #fff4e5; color: #3d2200; padding: 1.5mm 2.5mm;
        margin: 0 0 2.5mm 0; font-size: 8pt; }
.demo strong { letter-spacing: .04em; }
.row { display: flex; gap: 4mm; margin-bottom: 2.5mm; break-inside: avoid; }
.facts { display: grid; grid-template-columns: 1fr 1fr 1fr; gap: 1.5mm; flex: 1 1 auto; align-content: start; }
.fact { border: 1px solid #c9ced6; border-radius: 1.5mm; padding: 1.2mm 2mm; }
.fact .l { color: #454d57; font-size: 7.5pt; }
.fact .v { font-size: 12pt; font-weight: bold; color: #0b4f8a; }
.fact .n { color: #454d57; font-size: 7pt; }
.note { color: #454d57; font-size: 7pt; margin-top: .8mm; }
table { border-collapse: collapse; width: 100%; font-size: 8pt; }
th, td { text-align: left; padding: .7mm 1.5mm; border-bottom: 1px solid #d0d4da; vertical-align: top; }
th { background: #eef1f5; }
.side { flex: 0 0 62mm; background: #f6f8fa; border: 1px solid #d0d4da; border-radius: 1.5mm; padding: 2mm; }
.side ul { margin: 0; padding-left: 4mm; }
.side li { margin-bottom: 1mm; }
.chart { flex: 0 0 auto; }
footer { border-top: 1px solid #c9ced6; padding-top: 1.5mm; color: #454d57; font-size: 7pt; }
footer p { margin: 0 0 .6mm 0; }
"""


def _e(text) -> str:
    return html.escape(str(text))


def _table(df: pd.DataFrame) -> str:
    head = "".join(f"<th>{_e(c)}</th>" for c in df.columns)
    rows = "".join("<tr>" + "".join(f"<td>{_e(v)}</td>" for v in row) + "</tr>" for row in df.itertuples(index=False))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _chart(i: int, c: Chart) -> str:
    return (f'<div class="chart"><h2>{_e(c.title)}</h2><div id="chart{i}" style="width:{c.width}px;'
            f'height:{c.height}px"></div><div class="note" style="width:{c.width}px">{_e(c.note)}</div></div>')


def html_of(b: Brief) -> str:
    """The brief as one HTML document (the charts are empty boxes that :func:`pdf` fills)."""
    facts = "".join(f'<div class="fact"><div class="l">{_e(label)}</div><div class="v">{_e(value)}</div>'
                    f'<div class="n">{_e(note)}</div></div>' for label, value, note in b.facts)
    demo = (f'<div class="demo" role="note"><strong>{_e(t("demo.tittel", lang=b.lang))}</strong> &ndash; '
            f"{_e(b.demo)}</div>") if b.demo else ""
    first, rest = (b.charts[0], b.charts[1:]) if b.charts else (None, [])
    table = _table(b.table) if not b.table.empty else ""
    side = "".join(f"<li>{_e(line)}</li>" for line in b.side)
    below = "".join(_chart(i, c) for i, c in enumerate(rest, start=1))
    return f"""<!DOCTYPE html><html lang="{'nn' if b.lang == 'nn' else 'nb'}"><head><meta charset="utf-8">
<title>{_e(b.heading)}</title><style id="brief-css">{CSS}</style></head><body>
<h1>{_e(b.heading)}</h1><p class="sub">{_e(b.subheading)}</p>{demo}
<div class="row"><div style="flex:1 1 auto"><div class="facts">{facts}</div>
<div class="note">{_e(b.facts_source)}</div></div>{_chart(0, first) if first else ''}</div>
<div class="row"><div style="flex:1 1 auto"><h2>{_e(b.table_title)}</h2>{table}
<div class="note">{_e(b.table_note)}</div></div></div>
<div class="row">{below}<div class="side"><h2>{_e(b.side_title)}</h2><ul>{side}</ul>
<div class="note">{_e(b.side_note)}</div></div></div>
<footer>{''.join(f'<p>{_e(line)}</p>' for line in b.footer)}</footer>
</body></html>"""


def figure_json(c: Chart) -> dict:
    """A chart's figure sized and lettered for print (a copy: the figure on screen stays as it is). The axis titles
    go (the chart's heading says what is measured); the legend sits below a line chart and above bars."""
    spec = json.loads(pio.to_json(c.figure))
    data, layout = spec.get("data", []), spec.setdefault("layout", {})
    lines = all(tr.get("type") == "scatter" for tr in data)
    layout.update(width=c.width, height=c.height, font={**layout.get("font", {}), "size": CHART_FONT},
                  margin={"l": 4, "r": 30, "t": 6 if lines else 24, "b": 4}, title={"text": ""},
                  legend={"font": {"size": CHART_FONT}, "orientation": "h", "x": 0, "xanchor": "left",
                          "y": -0.14 if lines else 1.0, "yanchor": "top" if lines else "bottom"})
    for axis in ("xaxis", "yaxis"):
        ax = layout.setdefault(axis, {})
        ax["tickfont"] = {"size": CHART_FONT - 1}
        ax["title"] = {"text": ""}
    for trace in data:
        if "textfont" in trace:
            trace["textfont"]["size"] = CHART_FONT - 1
    return {"data": data, "layout": layout}


def pdf(b: Brief) -> bytes:
    """The brief as a one-page A4 PDF, printed by the process's printer (see :class:`Printer`)."""
    if slides.chromium() is None:
        raise slides.ChromiumMissing(t("kommunebrief.mangler_chromium", lang=b.lang))
    return PRINTER.print(html_of(b), [figure_json(c) for c in b.charts])


class Printer:
    """One Chromium with plotly.js loaded, kept by one thread of its own (Playwright's sync objects belong to
    the thread that made them, and refuse a thread with a running event loop). Loading plotly.js costs more
    than printing, so it is loaded once; the browser is started again after ``RESTART_AFTER`` briefs, so its
    memory cannot grow without bound, and closed when no brief was asked for in ``IDLE`` seconds."""

    RESTART_AFTER = 50
    IDLE = 300

    def __init__(self):
        self._jobs: queue.Queue = queue.Queue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def print(self, doc: str, figures: list[dict], timeout: float = 120) -> bytes:
        return self._ask(doc, figures).result(timeout=timeout)

    def warm(self) -> None:
        """Start the browser now (in its thread; this returns at once), so the first brief is printed quickly."""
        self._ask(None, [])

    def _ask(self, doc: str | None, figures: list[dict]) -> Future:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="brief-printer", daemon=True)
                self._thread.start()
        done: Future = Future()
        self._jobs.put((doc, figures, done))
        return done

    def _run(self) -> None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser, page, printed = None, None, 0
            while True:
                try:
                    doc, figures, done = self._jobs.get(timeout=self.IDLE)
                except queue.Empty:
                    browser = _close(browser)
                    page = None
                    continue
                try:
                    if page is None or printed >= self.RESTART_AFTER:
                        _close(browser)
                        browser, page, printed = _start(p)
                    if doc is not None:
                        done.set_result(_print(page, doc, figures))
                        printed += 1
                    else:
                        done.set_result(b"")
                except Exception as exc:  # the caller gets it; the next brief starts a fresh browser
                    done.set_exception(exc)
                    browser, page = _close(browser), None


def _start(p):
    browser = p.chromium.launch(executable_path=slides.chromium(), args=["--no-sandbox"])
    page = browser.new_page()
    page.set_content("<!DOCTYPE html><html><head><meta charset='utf-8'></head><body></body></html>")
    page.add_script_tag(path=str(PLOTLY_JS))
    page.emulate_media(media="print")
    return browser, page, 0


def _close(browser) -> None:
    if browser is not None:
        try:
            browser.close()
        except Exception:  # already gone
            pass
    return None


def _print(page, doc: str, figures: list[dict]) -> bytes:
    """Put the brief's document into the page (plotly.js stays loaded), draw its charts and print it."""
    page.evaluate("""async ([doc, figs]) => {
        const parsed = new DOMParser().parseFromString(doc, 'text/html');
        document.title = parsed.title;
        document.documentElement.lang = parsed.documentElement.lang;
        document.getElementById('brief-css')?.remove();  // the last brief's (plotly.js keeps its own styles)
        document.head.appendChild(parsed.getElementById('brief-css'));
        document.body.innerHTML = parsed.body.innerHTML;
        for (let i = 0; i < figs.length; i++) {
            await Plotly.newPlot('chart' + i, figs[i].data, figs[i].layout, {staticPlot: true});
        }
    }""", [doc, figures])
    return page.pdf(prefer_css_page_size=True, print_background=True)


PRINTER = Printer()
