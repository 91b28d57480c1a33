"""The print stylesheet of every page: what a browser's «Skriv ut» gives on A4.

No sidebar, header, buttons, tabs or download links; the main column takes the page's width; charts, tables
and key figures are never split across pages, and a figure's heading stays with its chart. Charts are drawn
for the screen's width, so a wide chart is scaled down to the paper (Streamlit sizes them in pixels).
"""

from __future__ import annotations

import streamlit as st

PRINT_CSS = """<style>
@media print {
  @page { size: A4 portrait; margin: 12mm; }
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
  header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
  [data-testid="stStatusWidget"], [data-testid="stDownloadButton"], [data-testid="stButton"],
  [data-testid="stPageLink"], [data-testid="stTabs"] [role="tablist"], [data-testid="stElementToolbar"],
  .modebar-container, iframe[title="streamlitApp"] { display: none !important; }
  html, body, #root, #root > div, [data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"],
  [data-testid="stAppScrollToBottomContainer"], [data-testid="stMainBlockContainer"] { position: static !important;
    overflow: visible !important; height: auto !important; max-height: none !important; min-height: 0 !important;
    display: block !important; margin: 0 !important; padding: 0 !important; max-width: 100% !important;
    width: 100% !important; background: #fff !important; }
  [data-testid="stPlotlyChart"], [data-testid="stDataFrame"], [data-testid="stTable"], [data-testid="stMetric"],
  [data-testid="stDeckGlJsonChart"], .fs-card, .fs-demo { break-inside: avoid; page-break-inside: avoid;
    max-width: 100% !important; }
  [data-testid="stPlotlyChart"] .js-plotly-plot, [data-testid="stPlotlyChart"] .plot-container {
    zoom: 0.62; }
  h1, h2, h3, [data-testid="stHeading"] { break-after: avoid; page-break-after: avoid; }
  [data-testid="stTabs"] { break-before: auto; }
  [data-testid="stVerticalBlock"] { gap: .4rem !important; }
}
</style>"""


def apply() -> None:
    st.html(PRINT_CSS)
