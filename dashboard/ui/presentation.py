"""Presentation mode and the PowerPoint of a page: the bar at the top (leave, previous/next, where we are,
keyboard and clicker navigation), previous/next again at the bottom, and 'Lag presentasjon'."""

from __future__ import annotations

import html
from collections.abc import Sequence

import streamlit as st

from dashboard.data import versions
from dashboard.data.filters import Filters
from dashboard.data.gateway import Result
from dashboard.ui import navigation, sections, state
from dashboard.ui.source_lines import sources
from dashboard.ui.view import View

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def bar(view: View, demo_mark: str = "") -> None:
    """At the top in presentation mode (the sidebar is hidden), staying there while the page scrolls: leave,
    previous/next, where we are, and the demo mark when demo data feed the page."""
    c0, c1 = st.columns([1, 4], vertical_alignment="center")
    with c0:
        st.button(view.t("pres.avslutt"), key="pres_off", on_click=state.set_presentation, args=(False,),
                  icon=":material/close_fullscreen:", help=view.t("pres.taster"))
    with c1:
        nav(view, "topp", demo_mark)
    st.html(f"<script>{KEYS_SCRIPT}</script>", unsafe_allow_javascript=True)


def _where(view: View) -> str:
    """'Visning 5 av 10: Drivere og barrierer' (and the part: 'del 2 av 4: Faser og tilfredshet')."""
    current = state.current_page()
    paths = navigation.URL_PATHS
    i = paths.index(current) if current in paths else 0
    text = view.t("pres.posisjon", nr=i + 1, antall=len(paths), side=view.t(navigation.title_key(paths[i])))
    part, parts = sections.shown(), state.page_parts()
    if part and parts:
        text += " – " + view.t("pres.del", nr=parts[1].index(part[1]) + 1, antall=len(parts[1]),
                               navn=sections.label(view, *part))
    return text


def nav(view: View, where: str = "bunn", demo_mark: str = "") -> None:
    """Previous / next view through the pages in their fixed order (and through a page's parts first), with
    the view's number and name between them; drawn at the top and at the bottom of a page."""
    current = state.current_page()
    paths = navigation.URL_PATHS
    i = paths.index(current) if current in paths else 0
    keys = "pres_" if where == "bunn" else f"pres_{where}_"
    c1, c2, c3 = st.columns([2, 3, 2], vertical_alignment="center")
    back, ahead = sections.step(view, -1), sections.step(view, 1)
    with c1, st.container(key=f"pres_{where}_forrige"):
        if back:
            st.button(view.t("pres.forrige", side=back[2]), key=f"{keys}del_forrige", on_click=sections.go,
                      args=back[:2], icon=":material/arrow_back:")
        elif i > 0:
            _page_link(view, paths[i - 1], "pres.forrige", ":material/arrow_back:")
    with c2:
        st.html(f'<p class="fs-pres-where">{html.escape(_where(view))}{demo_mark}</p>')
    with c3, st.container(key=f"pres_{where}_neste", horizontal_alignment="right"):
        if ahead:
            st.button(view.t("pres.neste", side=ahead[2]), key=f"{keys}del_neste", on_click=sections.go,
                      args=ahead[:2], icon=":material/arrow_forward:")
        elif i + 1 < len(paths):
            _page_link(view, paths[i + 1], "pres.neste", ":material/arrow_forward:")


# A presenter's clicker sends PageDown/PageUp (or the arrow keys): next/previous view; Esc leaves the mode.
# Keys typed into a field, a list or a tab row keep their own meaning. Added once per browser tab.
KEYS_SCRIPT = """(() => {
  if (window.__fsPresKeys) return;
  window.__fsPresKeys = true;
  const keys = {ArrowRight: 'neste', PageDown: 'neste', ArrowLeft: 'forrige', PageUp: 'forrige', Escape: 'off'};
  document.addEventListener('keydown', e => {
    const what = keys[e.key];
    if (!what || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    if (!document.querySelector('.st-key-pres_off')) return;
    const t = e.target;
    if (t && t.closest && t.closest('input, textarea, select, [contenteditable="true"], [role="tablist"], '
        + '[role="radiogroup"], [role="listbox"], [role="slider"], [role="dialog"], .js-plotly-plot')) return;
    const el = what === 'off' ? document.querySelector('.st-key-pres_off button')
      : document.querySelector('.st-key-pres_topp_' + what + ' button, .st-key-pres_topp_' + what + ' a');
    if (el) { e.preventDefault(); el.click(); }
  }, true);
})();"""


def _page_link(view: View, path: str, label_key: str, icon: str) -> None:
    side = view.t(navigation.title_key(path))
    st.page_link(navigation.page(path, view), label=view.t(label_key, side=side), icon=icon)


def download(view: View, title: str, filters: Filters, results: Sequence[Result], charts: list[dict],
             tables: Sequence = ()) -> None:
    """'Last ned presentasjon': build a PowerPoint of the page's charts on request, with progress. ``filters``
    are those the page's results were asked with (the Page's), named on the title slide."""
    from dashboard.ui import slides
    from dashboard.ui.export import file_name, filter_text

    if not charts:
        return
    st.divider()
    part = sections.shown()  # a deck per part on a page drawn in parts: its title names the part
    key = "pptx_" + (state.current_page() or "side") + (f"_{part[1]}" if part else "")
    if slides.chromium() is None:
        st.warning(view.t("pptx.mangler_chromium"), icon=":material/warning:")
        return
    if st.button(view.t("pptx.lag"), key=f"{key}_lag", icon=":material/slideshow:",
                 help=view.t("pptx.hjelp", antall=len(charts))):
        lang = view.lang
        progress = st.progress(0.0, text=view.t("pptx.starter"))
        try:
            data = slides.build(sections.titled(view, title), filter_text(filters, lang),
                                versions.current().id, sources(view, results), [slides.Chart(**c) for c in charts],
                                lang=lang, progress=lambda p, m: progress.progress(min(1.0, p), text=m),
                                tables=tables)
        except slides.ChromiumMissing as exc:
            st.error(str(exc))
            return
        state.store_deck(key, data)
    deck = state.deck(key)
    if deck:
        st.download_button(view.t("pptx.last_ned"), data=deck,
                           file_name=file_name(sections.titled(view, title), "pptx"),
                           mime=PPTX_MIME, key=f"{key}_fil", icon=":material/download:", on_click="ignore")
