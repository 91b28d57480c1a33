"""The selection a page shows, in one line under its title («Utvalg: Fylke: Nordland · Sentralitetsklasse: 5, 6»),
with a button that opens the filters: on a phone the sidebar starts closed, and the line still says what the
numbers are about."""

from __future__ import annotations

import html

import streamlit as st

from dashboard.data.filters import Filters
from dashboard.ui import fmt
from dashboard.ui.view import View

MAX_CHARS = 200  # a long list of municipalities is cut with «…»; the sidebar holds the whole selection

# One listener for the page (a rerun draws the line again): open the sidebar if it is closed, then move the
# focus to its filters without opening a list (a phone would pop up its keyboard).
SCRIPT = """(() => {
  if (window.__fsChangeSelection) return;
  window.__fsChangeSelection = true;
  document.addEventListener('click', e => {
    if (!(e.target.closest && e.target.closest('.fs-change'))) return;
    const open = document.querySelector('[data-testid="stExpandSidebarButton"], '
      + '[data-testid="stSidebarCollapsedControl"] button');
    if (open) open.click();
    setTimeout(() => {
      const h = document.querySelector('[data-testid="stSidebar"] h2');
      if (h) { h.tabIndex = -1; h.focus(); h.scrollIntoView({block: 'start'}); }
    }, 350);
  });
})();"""

STYLE = """
  .fs-selection { display: flex; flex-wrap: wrap; align-items: center; gap: .3rem .8rem; margin: -.3rem 0 .4rem 0;
                  padding: .35rem .7rem; background: #f1f4f8; border-radius: .3rem; font-size: .95rem; }
  .fs-selection button { font: inherit; color: #0b5cad; background: #ffffff; border: 1px solid #0b5cad;
                         border-radius: .3rem; padding: .2rem .7rem; min-height: 2rem; cursor: pointer; }
  .fs-selection button:focus-visible { outline: 3px solid #0b5cad; outline-offset: 2px; }
"""


def line(view: View, filters: Filters | None) -> None:
    """The line, when the page's numbers were queried with the global filters (``filters``); else nothing."""
    from dashboard.ui.export import filter_text

    if filters is None:
        return
    text = fmt.clip(filter_text(filters, view.lang, sep=" · "), MAX_CHARS)
    st.html(f'<div class="fs-selection" role="note" aria-label="{html.escape(view.t("filter.utvalg"))}">'
            f'<span><strong>{html.escape(view.t("filter.utvalg"))}</strong> {html.escape(text)}</span>'
            f'<button type="button" class="fs-change" title="{html.escape(view.t("filter.endre_hjelp"))}">'
            f'{html.escape(view.t("filter.endre"))}</button></div><script>{SCRIPT}</script>',
            unsafe_allow_javascript=True)
