"""Presentation mode and the PowerPoint of a page: the exit bar, previous/next through the pages and
their parts, and 'Lag presentasjon'."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from dashboard import navigation, sections, state, versions
from dashboard.gateway import Result
from dashboard.source_lines import sources
from dashboard.view import View

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def bar(view: View) -> None:
    """In presentation mode the sidebar is hidden: a thin bar to leave it."""
    st.button(view.t("pres.avslutt"), key="pres_off", on_click=state.set_presentation, args=(False,),
              icon=":material/close_fullscreen:")


def nav(view: View) -> None:
    """Previous / next view through the pages in their fixed order (and through a page's parts first)."""
    current = state.current_page()
    paths = navigation.URL_PATHS
    i = paths.index(current) if current in paths else 0
    c1, c2, c3 = st.columns([1, 2, 1])
    back, ahead = sections.step(view, -1), sections.step(view, 1)
    with c1:
        if back:
            st.button(view.t("pres.forrige", side=back[2]), key="pres_del_forrige", on_click=sections.go, args=back[:2],
                      icon=":material/arrow_back:")
        elif i > 0:
            _page_link(view, paths[i - 1], "pres.forrige", ":material/arrow_back:")
    with c2:
        st.caption(view.t("pres.posisjon", nr=i + 1, antall=len(paths)))
    with c3:
        if ahead:
            st.button(view.t("pres.neste", side=ahead[2]), key="pres_del_neste", on_click=sections.go, args=ahead[:2],
                      icon=":material/arrow_forward:")
        elif i + 1 < len(paths):
            _page_link(view, paths[i + 1], "pres.neste", ":material/arrow_forward:")


def _page_link(view: View, path: str, label_key: str, icon: str) -> None:
    side = view.t(navigation.title_key(path))
    st.page_link(navigation.page(path, view), label=view.t(label_key, side=side), icon=icon)


def download(view: View, title: str, results: Sequence[Result], charts: list[dict],
             tables: Sequence = ()) -> None:
    """'Last ned presentasjon': build a PowerPoint of the page's charts on request, with progress."""
    from dashboard import slides
    from dashboard.export import file_name, filter_text

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
            data = slides.build(sections.titled(view, title), filter_text(state.current(), lang),
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
