"""A figure: chart with title and source line, its table view, its CSV/XLSX/image downloads and «Kopier lenke» (a
link to the page scrolled to the figure, with the filters on screen) as lazy tabs.

Pages draw figures through :meth:`dashboard.ui.page.Page.figure`, which keeps what the presentation needs.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.data import versions
from dashboard.data.filters import Filters
from dashboard.data.gateway import Result
from dashboard.ui import charts, sections, state, url_state
from dashboard.ui.source_lines import group_heading, source_line, sources, survey_group_text
from dashboard.ui.view import View


def draw(view: View, fig: go.Figure, results: Sequence[Result], title: str, table: pd.DataFrame, *,
         n: str | None = None, note: str | None = None, alt: str | None = None, key: str,
         intro: str | None = None, filters: Filters | None = None) -> dict:
    """A chart with its title, source line and N; returns what a presentation slide of it needs.

    ``filters``: the selection the figure shows when its queries take none (a profile's municipality)."""
    st.subheader(title, anchor=anchor(key))  # a link ending in #anchor opens the page scrolled to it
    heading = group_heading(view, results)
    if heading:
        st.caption(heading)
    if intro and not view.presentation:
        st.markdown(intro)
    context = export_context(results, view, filters)
    context["n"] = n or ""
    _views(view, fig, list(results), title, table, alt, key, context)
    source_line(view, results, n, note)
    return {"title": title, "figure": fig, "source": view.t("kilde.prefiks", kilder=context["sources"]),
            "n": n or "", "demo": any(r.demo for r in results)}


@st.fragment
def _views(view: View, fig: go.Figure, results: list[Result], title: str, table: pd.DataFrame, alt: str | None,
           key: str, context: dict) -> None:
    """Diagram, Tabell, Last ned and Kopier lenke as lazy tabs: only the open tab is built, and opening another reruns
    only this figure. The screen-reader text stays beside the chart; the table tab shows it as a caption."""
    labels = [view.t("vis.diagram"), view.t("vis.tabell")]
    labels += [] if view.presentation else [view.t("vis.last_ned"), view.t("vis.lenke")]
    tabs = st.tabs(labels, key=f"vis_{key}", on_change="rerun")
    if tabs[0].open:
        with tabs[0]:
            if alt:
                st.html(f'<p class="sr-only">{html.escape(alt)}</p>')
            shown = charts.finish(fig, title, presentation=view.presentation)
            if view.narrow and not view.presentation:
                shown = charts.phone(shown)  # labels above the bars: a phone has no room beside them
            st.plotly_chart(shown, key=key, config=charts.config(title), width="stretch")
    if tabs[1].open:
        with tabs[1]:
            if alt:
                st.caption(alt)
            table_view(view, table)
    if len(tabs) > 2 and tabs[2].open:
        with tabs[2]:
            figure_downloads(view, table, results, title, key, context)
            image_downloads(view, fig, title, key, context, any(r.demo for r in results))
    if len(tabs) > 3 and tabs[3].open:
        with tabs[3]:
            link_view(view, key)


def anchor(key: str) -> str:
    """The figure's id on the page (the heading's HTML id), from its widget key."""
    return "fig-" + re.sub(r"[^A-Za-z0-9_-]", "-", key)


def link(key: str) -> str:
    """A link that opens this page scrolled to the figure ``key``, with the filters, language and part of the
    page on screen. Its parameters are exactly those the app writes itself, so opening it rewrites no URL and
    keeps the #anchor. Absolute in the browser; in tests (no browser URL) from the page's path."""
    params = url_state.share_params()
    part = sections.shown()
    if part and part[1] != sections.PARTS[part[0]][0]:  # the first part has no ?del= (dashboard/ui/sections.py)
        params[sections.URL_KEY] = [part[1]]
    base = st.context.url or "/" + (state.current_page() or "")
    query = urlencode(params, doseq=True)
    return f"{base}{'?' + query if query else ''}#{anchor(key)}"


# Streamlit scrolls a heading into view once, when it appears; content drawn after that (the map below it, the
# selection line and demo notice filled in above it at the end of the run) could leave the figure off screen.
# This keeps the figure a link points to at the top until the page has settled or the reader moves.
KEEP_IN_VIEW_SCRIPT = """(() => {
  if (window.__fsLinkTarget) return;
  window.__fsLinkTarget = true;
  const id = location.hash.slice(1);  // the app's ids are plain ASCII: no decoding (a stray % would throw)
  if (!/^fig-[A-Za-z0-9_-]+$/.test(id)) return;
  const page = document.querySelector('[data-testid=stMain]');
  if (!page) return;
  const place = () => { const el = document.getElementById(id); if (el) el.scrollIntoView(true); };
  const watch = new ResizeObserver(place);
  const stop = () => watch.disconnect();
  watch.observe(page.firstElementChild || page);
  ['wheel', 'touchstart', 'keydown', 'pointerdown'].forEach(e => window.addEventListener(e, stop, {once: true}));
  setTimeout(stop, 30000);
})();"""


def keep_link_target_in_view() -> None:
    """The script that keeps a linked figure (#fig-...) in view while the page it opens is drawn; it draws
    nothing and runs once per page load."""
    st.html(f"<script>{KEEP_IN_VIEW_SCRIPT}</script>", unsafe_allow_javascript=True)


def link_view(view: View, key: str) -> None:
    """«Kopier lenke»: the figure's link in a code box, whose button copies it, and what the link keeps."""
    from dashboard.ui.export import filter_text

    st.caption(view.t("vis.lenke_forklaring", filtre=filter_text(state.current(), view.lang)))
    st.code(link(key), language=None, wrap_lines=True)


def heading(title: str, key: str) -> None:
    """The heading of a figure drawn outside :func:`draw` (a map, Figure 1's cards), with its id, so a link to
    the figure opens the page there."""
    st.subheader(title, anchor=anchor(key))


def link_below(view: View, key: str) -> None:
    """«Kopier lenke» for a figure drawn outside :func:`draw` (a map, Figure 1's cards): :func:`link_view` in an
    expander below the figure. Not beside its heading: a popover before the map kept its canvas from drawing."""
    if view.presentation:
        return
    with st.expander(view.t("vis.lenke"), icon=":material/link:"):
        link_view(view, key)


def table_view(view: View, table: pd.DataFrame) -> None:
    """A table that scrolls inside its box; on a narrow window its first column (what a row is) stays in view
    while the numbers scroll sideways."""
    pinned = {table.columns[0]: st.column_config.Column(pinned=True)} if view.narrow and len(table.columns) else None
    st.dataframe(table, hide_index=True, width="stretch", column_config=pinned)


def export_context(results: Sequence[Result], view: View, filters: Filters | None = None) -> dict:
    """What an export states, taken while the page is drawn: the filters the results were queried with (or
    ``filters``, the selection of a figure whose queries take none), language, sources, data version, group."""
    from dashboard.ui.export import bound_filters

    return {"filters": filters if filters is not None else bound_filters(results), "lang": view.lang,
            "sources": sources(view, results), "version": versions.current().id,
            "survey_group": survey_group_text(view, results)}


def figure_downloads(view: View, table: pd.DataFrame, results: Sequence[Result], title: str, key: str,
                     context: dict | None = None, *, filters: Filters | None = None) -> None:
    """CSV and XLSX of exactly the numbers in the figure's table, with filters, sources, date, demo notice.

    ``context`` (from :func:`export_context`) is what the page showed when it was drawn; without it, now."""
    from dashboard.ui.export import Export

    if view.presentation:
        return
    shown = context or export_context(results, view, filters)
    downloads(view, lambda: Export(title, table, list(results), shown["filters"], shown["sources"], shown["lang"],
                             version=shown["version"], survey_group=shown["survey_group"]), title, key, compact=True)


def image_downloads(view: View, fig: go.Figure, title: str, key: str, context: dict, demo: bool) -> None:
    """«Last ned figur (PNG)», square PNG and SVG: the chart with its title, selection, N, source and demo mark
    drawn in (dashboard.ui.chart_image); each image is drawn when its button is clicked."""
    from dashboard.ui import chart_image, slides
    from dashboard.ui.export import file_name, filter_text, selection_name

    if slides.chromium() is None:
        return
    selection = " · ".join(x for x in (view.t("eksport.filtre") + ": " + filter_text(context["filters"], view.lang),
                                       context["survey_group"]) if x)
    footer = view.t("eksport.bilde_bunn", kilde=view.t("kilde.prefiks", kilder=context["sources"]),
                    n=f"{context['n']} · " if context.get("n") else "", versjon=context["version"])
    name = selection_name(context["filters"], view.lang)
    spec = dict(title=title, selection=selection, footer=footer, demo=demo, lang=view.lang)
    with st.container(horizontal=True):
        for label, size, fmt, suffix in (("eksport.png", "bred", "png", ""),
                                         ("eksport.png_kvadrat", "kvadrat", "png", " kvadrat"),
                                         ("eksport.svg", "bred", "svg", "")):
            st.download_button(view.t(label), data=lambda size=size, fmt=fmt: chart_image.image(fig, size=size,
                                                                                              fmt=fmt, **spec),
                               file_name=file_name(title + suffix, fmt, name), mime=f"image/{fmt}" if fmt == "png"
                               else "image/svg+xml", key=f"{fmt}_{size}_{key}", icon=":material/image:",
                               on_click="ignore", help=view.t("eksport.bilde_hjelp"))


def table_downloads(view: View, title: str, result: Result, key: str) -> None:
    """CSV and XLSX of a whole table, which no filter narrows (the tables behind the page «Om dataene»)."""
    from dashboard.ui.export import Export

    downloads(view, lambda: Export(title, result.df, [result], None, sources(view, [result]), view.lang), title, key)


def downloads(view: View, make, title: str, key: str, *, compact: bool = False) -> None:
    """CSV and XLSX download buttons; the files are built only when clicked.

    ``make`` returns a dashboard.ui.export.Export with exactly the numbers shown. It is called now, while
    the page is drawn, so the file states the filters, language, sources and data version on screen
    (the file itself is built on the click, outside the session).
    """
    from dashboard.ui import export

    shown = make()

    if compact:
        c1 = c2 = st.container(horizontal=True)
    else:
        c1, c2 = st.columns(2)
    with c1:
        st.download_button(view.t("eksport.csv"), data=lambda: export.to_csv(shown),
                           file_name=export.file_name(title, "csv"),
                           mime="text/csv", key=f"csv_{key}", icon=":material/download:", on_click="ignore")
    with c2:
        st.download_button(view.t("eksport.xlsx"), data=lambda: export.to_xlsx(shown),
                           file_name=export.file_name(title, "xlsx"),
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           key=f"xlsx_{key}", icon=":material/table_view:", on_click="ignore")
