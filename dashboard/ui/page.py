"""A page's frame: projector-friendly style, title and intro, the demo notice, URL notices, key figures,
the figures drawn on it, and the footer.

Pages compose these; nothing here runs SQL (results come from dashboard.data.gateway).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.data.filters import Filters
from dashboard.data.gateway import Result
from dashboard.ui import figures, fmt, presentation, sections, selection, state, url_state
from dashboard.ui.view import View

URL_NOTICE_MAX = 8  # values listed in the notice; the rest are counted


def style(view: View) -> None:
    """CSS that makes text readable on a projector, marks the demo notice clearly and keeps a focused sidebar
    filter as tall as it is unfocused (Streamlit widens the focused input to 3rem, which pushes it below a long
    chip; the box would then shrink on the mouse-down of a click below it and move the target away)."""
    big = view.presentation
    base = 22 if big else 17
    hide_sidebar = ('[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], '
                    '[data-testid="stExpandSidebarButton"] { display: none !important; }' + PRESENTATION_CSS)
    st.html(f"""<style>
    html, body, [data-testid="stAppViewContainer"] {{ font-size: {base}px; }}
    [data-testid="stMetricValue"] {{ font-size: {2.4 if big else 2.0}rem; }}
    .fs-demo {{ border-left: 6px solid #8a4b00; background: #fff4e5; color: #3d2200; padding: .6rem .9rem;
               border-radius: .3rem; margin: .2rem 0 .8rem 0; }}
    .fs-demo strong {{ letter-spacing: .04em; }}
    .fs-card {{ border: 1px solid #c9ced6; border-radius: .5rem; padding: .8rem 1rem; height: 100%;
               background: #ffffff; }}
    .fs-card .fs-ref {{ color: #4a5360; font-size: .85rem; }}
    .fs-card .fs-big {{ font-size: 1.9rem; font-weight: 700; color: #0b4f8a; line-height: 1.1; }}
    .fs-legend span.swatch {{ display: inline-block; width: 1.1em; height: 1.1em; vertical-align: middle;
               border: 1px solid #555; margin-right: .35em; }}
    .fs-legend {{ font-size: .95rem; line-height: 1.9; }}
    .fs-report {{ color: #4a5360; }}
    [data-testid="stHeaderActionElements"] a[href^="#fig-"] {{ display: none; }}
    [data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {{ color: #454d57 !important;
               opacity: 1 !important; }}
    [data-testid="stSidebar"] [data-testid="stMultiSelectTagsContainer"] input:focus {{ min-width: .5rem; }}
    @media (max-width: 640px) {{ [data-testid="stMain"] h1 {{ font-size: 1.9rem; overflow-wrap: normal; }} }}
    {selection.STYLE}
    {hide_sidebar if big else ''}
    .st-key-fs_scripts {{ display: none; }}
    .sr-only {{ position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
               clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }}
    </style>""")


# Presentation mode on a projector: no header or top gap; the demo notice as a mark in the top right corner;
# the bar with previous/next stays on screen where there is room for it; a figure with its title fits the
# screen from 1280x720 up (charts are at most charts.PRESENTATION_MAX_HEIGHT tall).
PRESENTATION_CSS = """
  header[data-testid="stHeader"] { display: none !important; }
  [data-testid="stMainBlockContainer"] { padding-top: 1rem !important; padding-bottom: 2rem !important;
                                         max-width: 100% !important; padding-left: 3rem; padding-right: 3rem; }
  .st-key-pres_bar { position: sticky; top: 0; z-index: 999; background: #ffffff; padding: .4rem 0;
                     border-bottom: 1px solid #c9ced6; }
  .fs-demo-mark { display: inline-block; margin: 0 0 0 .6rem; padding: .1rem .6rem; font-size: .85rem;
                  border: 2px solid #8a4b00; border-left-width: 6px; vertical-align: middle; }
  .fs-pres-where { margin: 0; text-align: center; color: #1f2328; font-weight: 600; }
  @media (max-height: 800px) { .st-key-pres_bar { position: static; }
    html, body, [data-testid="stAppViewContainer"] { font-size: 18px; } }
"""


class Page:
    """A page's frame: title, intro, and a slot at the top for the demo notice.

    Panels get the page's :class:`~dashboard.ui.view.View` (``page.view``) and filters (``page.filters``), both read
    once per rerun, hand every query result they show
    to :meth:`use` and draw charts with :meth:`figure`;
    :meth:`finish` then fills the notice, so it appears exactly when a demo table feeds the page,
    and offers the page's charts as a presentation.
    """

    def __init__(self, title_key: str, intro_key: str | None = None):
        self.view = state.view()  # language and presentation mode, once per rerun, for the page's panels
        self.filters = state.current()  # the sidebar's filters, read once per rerun: every panel queries these
        self.title = self.view.t(title_key)
        self._top = st.empty() if self.view.presentation else None  # the presentation bar, once parts are known
        st.title(self.title, anchor=False)
        self._selection = None if self.view.presentation else st.empty()  # the selection line, once results are in
        if intro_key and not self.view.presentation:
            st.markdown(self.view.t(intro_key))
        self._slot = st.empty()
        self.results: list[Result] = []
        self.charts: list[dict] = []  # one per figure, for the presentation
        self.tables: list = []  # slides.Table: tables the presentation shows before the charts (key figures ...)
        self.deck_title: str | None = None  # the presentation's title when not the page's («Kommuneprofil: Vinje»)
        sections.begin_page()

    def use(self, *results: Result) -> Result:
        self.results.extend(results)
        return results[0] if results else None

    def figure(self, fig: go.Figure, results: Sequence[Result], title: str, table: pd.DataFrame, *,
               n: str | None = None, note: str | None = None, alt: str | None = None, key: str,
               intro: str | None = None, filters: Filters | None = None) -> None:
        """A chart with title, source line and N, its table view and downloads (see dashboard.ui.figures)."""
        self.charts.append(figures.draw(self.view, fig, results, title, table, n=n, note=note, alt=alt, key=key,
                                        intro=intro, filters=filters))

    def finish(self) -> None:
        if self._selection is not None:
            from dashboard.ui.export import bound_filters

            with self._selection.container():
                selection.line(self.view, bound_filters(self.results))
        with self._slot.container():
            mark = demo_notice(self.view, self.results)
        if self._top is not None:
            with self._top.container(key="pres_bar"):
                presentation.bar(self.view, mark)
        sections.end_page()
        state.set_page_charts(self.charts)
        presentation.download(self.view, self.deck_title or self.title, self.filters, self.results, self.charts,
                              self.tables)
        if self.view.presentation:
            presentation.nav(self.view)


def url_notices(view: View) -> None:
    """What the URL asked for that does not exist, as plain text (never Markdown), each value cut short."""
    if url_state.url_unreadable():
        st.warning(view.t("url.uleselig"), icon=":material/link_off:")
    notices = url_state.url_notices()
    if notices:
        listed = ", ".join(f"{fmt.clip(k, 20)}={fmt.clip(v)}" for k, v in notices[:URL_NOTICE_MAX])
        if len(notices) > URL_NOTICE_MAX:
            listed += " " + view.t("url.flere", antall=len(notices) - URL_NOTICE_MAX)
        st.warning(view.t("url.ignorert", verdier=fmt.plain(listed, None)), icon=":material/link_off:")


def demo_notice(view: View, results: Iterable[Result]) -> str:
    """The 'Demodata' notice, shown exactly when a demo table feeds the page (in presentation mode: returned as a
    compact mark for the presentation bar)."""
    tables = sorted({tab for r in results for tab in r.demo_tables})
    if not tables:
        return ""
    labels = list(dict.fromkeys(view.t(f"demo.tabell.{tab}") for tab in tables))
    names = ", ".join(labels[:-1]) + f" {view.t('demo.og')} " + labels[-1] if len(labels) > 1 else labels[0]
    title = view.t("demo.tittel")
    if view.presentation:  # a compact mark in the presentation bar, which stays on screen, instead of the banner
        return (f'<span class="fs-demo fs-demo-mark" role="note" aria-label="{title}" '
                f'title="{view.t("demo.tekst", tabeller=names)}"><strong>{title}</strong>'
                f'<span class="sr-only"> &ndash; {view.t("demo.tekst", tabeller=names)}</span></span>')
    st.html(f'<div class="fs-demo" role="note" aria-label="{title}"><strong>{title}</strong>'
            f" &ndash; {view.t('demo.tekst', tabeller=names)}</div>")
    return ""


def too_few(view: View, what: str | None = None) -> None:
    st.info(view.t("anon.for_faa_svar_lang", hva=what or view.t("anon.utvalget")), icon=":material/visibility_off:")


def no_data(view: View) -> None:
    st.info(view.t("data.ingen_treff"), icon=":material/filter_alt_off:")


def kpi(col, label: str, value: str, report: str = "", help: str | None = None) -> None:
    with col:
        st.metric(label, value, help=help)
        if report:
            st.caption(report)


def hint(text: str) -> None:
    st.info(text, icon=":material/touch_app:")


def footer(view: View) -> None:
    st.divider()
    st.caption(view.t("footer.kilder"))
