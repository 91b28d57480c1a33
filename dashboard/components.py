"""Shared UI pieces: page header, demo notice, source line with N, chart + table view, KPIs.

Pages compose these; nothing here runs SQL (results come from dashboard.gateway).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import charts, fmt, sections, state, versions
from dashboard.gateway import Result
from dashboard.i18n import t

SURVEY_TABLES = {"svar", "respondenter"}


def style() -> None:
    """CSS that makes text readable on a projector and marks the demo notice clearly."""
    big = state.presentation()
    base = 20 if big else 17
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
    [data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {{ color: #454d57 !important; opacity: 1 !important; }}
    {'[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"] '
     '{ display: none !important; }' if big else ''}
    .sr-only {{ position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
               clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }}
    </style>""")


class Page:
    """A page's frame: title, intro, and a slot at the top for the demo notice.

    Panels hand every query result they show to :meth:`use`; :meth:`finish` then fills the
    notice, so it appears exactly when a demo table feeds the page.
    """

    def __init__(self, title_key: str, intro_key: str | None = None):
        self.title = t(title_key)
        if state.presentation():
            presentation_bar()
        st.title(self.title, anchor=False)
        if intro_key and not state.presentation():
            st.markdown(t(intro_key))
        self._slot = st.empty()
        self.results: list[Result] = []
        st.session_state["_page_charts"] = []  # filled by figure(), read by the presentation download
        st.session_state[sections.CURRENT] = None  # set by sections.show() on a page drawn in parts

    def use(self, *results: Result) -> Result:
        self.results.extend(results)
        return results[0] if results else None

    def finish(self) -> None:
        with self._slot.container():
            demo_notice(self.results)
        if st.session_state.get(sections.CURRENT) is None:
            st.query_params.pop(sections.URL_KEY, None)  # a part of another page means nothing here
        presentation_download(self)
        if state.presentation():
            presentation_nav()


URL_NOTICE_MAX = 8  # values listed in the notice; the rest are counted


def url_notices() -> None:
    """What the URL asked for that does not exist, as plain text (never Markdown), each value cut short."""
    if st.session_state.get("url_unreadable"):
        st.warning(t("url.uleselig"), icon=":material/link_off:")
    notices = st.session_state.get("url_notices") or []
    if notices:
        listed = ", ".join(f"{fmt.clip(k, 20)}={fmt.clip(v)}" for k, v in notices[:URL_NOTICE_MAX])
        if len(notices) > URL_NOTICE_MAX:
            listed += " " + t("url.flere", antall=len(notices) - URL_NOTICE_MAX)
        st.warning(t("url.ignorert", verdier=fmt.plain(listed, None)), icon=":material/link_off:")


def demo_notice(results: Iterable[Result]) -> None:
    """The 'Demodata' notice, shown exactly when a demo table feeds the page."""
    tables = sorted({tab for r in results for tab in r.demo_tables})
    if not tables:
        return
    labels = list(dict.fromkeys(t(f"demo.tabell.{tab}") for tab in tables))
    names = ", ".join(labels[:-1]) + f" {t('demo.og')} " + labels[-1] if len(labels) > 1 else labels[0]
    st.html(f'<div class="fs-demo" role="note" aria-label="{t("demo.tittel")}"><strong>{t("demo.tittel")}</strong>'
            f" &ndash; {t('demo.tekst', tabeller=names)}</div>")


def sources(results: Iterable[Result]) -> str:
    """Short source labels for the tables behind some results (report, SSB, Kartverket, demo, file).

    Plain text (an imported file's name is cut short); escape it before showing it as Markdown."""
    version = versions.current()
    labels: list[str] = []
    for r in results:
        for tab in sorted(r.tables):
            entry = version.manifest["tabeller"].get(tab, {})
            if tab in version.demo_tables():
                label = t("kilde.demo")
            elif entry.get("importfil"):
                label = t("kilde.importert", fil=fmt.clip(entry["importfil"]))
            else:
                label = t(f"kilde.{tab}")
            if label not in labels:
                labels.append(label)
    return "; ".join(labels)


def source_line(results: Sequence[Result], n: str | None = None, note: str | None = None) -> None:
    parts = [t("kilde.prefiks", kilder=fmt.plain(sources(results), None))]
    if n:
        parts.append(n)
    if note:
        parts.append(note)
    group = survey_group_text(results)
    if group:
        parts.append(group)
    st.caption(" · ".join(parts))


def survey_group_text(results: Sequence[Result]) -> str:
    """Which predefined group the survey numbers describe, when it is wider than the selection."""
    groups = {r.group for r in results if r.group is not None and (r.group.empty or not r.group.exact)}
    if not groups:
        return ""
    g = next(iter(groups))
    return t("anon.gruppe_tom") if g.empty else t("anon.gruppe", gruppe=group_label(g))


def group_label(g) -> str:
    """'Nordland, sentralitetsklasse 6, alle eierformer' for a predefined survey group."""
    fylker = state.options(state.lang()).fylker
    parts = [fylker.get(g.fylke, g.fylke) if g.fylke else t("anon.alle_fylker"),
             t("anon.klasse", klasse=g.klasse) if g.klasse is not None else t("anon.alle_klasser"),
             label_group(g.eier) if g.eier else t("anon.alle_eierformer")]
    return ", ".join(parts)


def n_text(df: pd.DataFrame, group_col: str | None = None, n_col: str = "n") -> str:
    """'N = 140' or 'N = 140 (frivilligsentraler), 110 (kommuner)' from a result's base column."""
    if df.empty or n_col not in df:
        return t("n.ingen")
    if group_col is None:
        return t("n.en", n=fmt.integer(int(df[n_col].max())))
    parts = []
    for g, sub in df.groupby(group_col, sort=False):
        parts.append(f"{fmt.integer(int(sub[n_col].max()))} ({label_group(g)})")
    return t("n.flere", verdier=", ".join(parts))


def n_range(df: pd.DataFrame, n_col: str = "n") -> str:
    if df.empty:
        return t("n.ingen")
    lo, hi = int(df[n_col].min()), int(df[n_col].max())
    return t("n.en", n=fmt.integer(hi)) if lo == hi else t("n.spenn", fra=fmt.integer(lo), til=fmt.integer(hi))


GROUP_ORDER = ["alle", "frivilligsentral", "kommune", "kommunal", "ikke_kommunal", "lag_forening", "andre", "egenregi",
               "blanding", "bindeledd", "distrikt", "sentral"]


def group_rank(code) -> int:
    return GROUP_ORDER.index(code) if code in GROUP_ORDER else len(GROUP_ORDER)


def label_group(code) -> str:
    key = f"gruppe.{code}"
    try:
        return t(key)
    except KeyError:
        return str(code)


def report_value(value: float | None, unit: str = "prosent", scope_key: str = "rapport.alle_distrikt") -> str:
    if value is None or pd.isna(value):
        return ""
    return t("rapport.verdi", verdi=fmt.value(value, unit, state.lang()), omfang=t(scope_key))


def too_few(what: str | None = None) -> None:
    st.info(t("anon.for_faa_svar_lang", hva=what or t("anon.utvalget")), icon=":material/visibility_off:")


def no_data() -> None:
    st.info(t("data.ingen_treff"), icon=":material/filter_alt_off:")


def kpi(col, label: str, value: str, report: str = "", help: str | None = None) -> None:
    with col:
        st.metric(label, value, help=help)
        if report:
            st.caption(report)


def figure(fig: go.Figure, results: Sequence[Result], title: str, table: pd.DataFrame, *, n: str | None = None,
           note: str | None = None, alt: str | None = None, key: str, intro: str | None = None) -> None:
    """A chart with its title, source line and N; its table view and downloads are tabs built when opened."""
    st.subheader(title, anchor=False)
    if intro and not state.presentation():
        st.markdown(intro)
    context = export_context(results)
    _views(fig, list(results), title, table, alt, key, context)
    source_line(results, n, note)
    st.session_state.setdefault("_page_charts", []).append(
        {"title": title, "figure": fig, "source": t("kilde.prefiks", kilder=context["sources"]),
         "n": n or "", "demo": any(r.demo for r in results)})


@st.fragment
def _views(fig: go.Figure, results: list[Result], title: str, table: pd.DataFrame, alt: str | None, key: str,
           context: dict) -> None:
    """Diagram, Tabell and Last ned as lazy tabs: only the open tab is built, and opening another one reruns
    only this figure. The screen-reader text stays beside the chart; the table tab shows it as a caption."""
    labels = [t("vis.diagram"), t("vis.tabell")] + ([] if state.presentation() else [t("vis.last_ned")])
    tabs = st.tabs(labels, key=f"vis_{key}", on_change="rerun")
    if tabs[0].open:
        with tabs[0]:
            if alt:
                st.html(f'<p class="sr-only">{html.escape(alt)}</p>')
            st.plotly_chart(charts.finish(fig, title), key=key, config=charts.config(title), width="stretch")
    if tabs[1].open:
        with tabs[1]:
            if alt:
                st.caption(alt)
            st.dataframe(table, hide_index=True, width="stretch")
    if len(tabs) > 2 and tabs[2].open:
        with tabs[2]:
            figure_downloads(table, results, title, key, context)


def export_context(results: Sequence[Result]) -> dict:
    """What an export states, taken while the page is drawn: filters, language, sources, data version, group."""
    return {"filters": state.current(), "lang": state.lang(), "sources": sources(results),
            "version": versions.current().id, "survey_group": survey_group_text(results)}


def figure_downloads(table: pd.DataFrame, results: Sequence[Result], title: str, key: str,
                     context: dict | None = None) -> None:
    """CSV and XLSX of exactly the numbers in the figure's table, with filters, sources, date, demo notice.

    ``context`` (from :func:`export_context`) is what the page showed when it was drawn; without it, now."""
    from dashboard.export import Export

    if state.presentation():
        return
    shown = context or export_context(results)
    downloads(lambda: Export(title, table, list(results), shown["filters"], shown["sources"], shown["lang"],
                             version=shown["version"], survey_group=shown["survey_group"]), title, key, compact=True)


def presentation_bar() -> None:
    """In presentation mode the sidebar is hidden: a thin bar to leave it."""
    st.button(t("pres.avslutt"), key="pres_off", on_click=_set_presentation, args=(False,),
              icon=":material/close_fullscreen:")


def _set_presentation(on: bool) -> None:
    st.session_state["pres"] = on


def presentation_nav() -> None:
    """Previous / next view through the pages in their fixed order."""
    from dashboard import navigation

    current = st.session_state.get("_current_page")
    paths = navigation.URL_PATHS
    i = paths.index(current) if current in paths else 0
    c1, c2, c3 = st.columns([1, 2, 1])
    back, ahead = sections.step(-1), sections.step(1)
    with c1:
        if back:
            st.button(t("pres.forrige", side=back[2]), key="pres_del_forrige", on_click=sections.go, args=back[:2],
                      icon=":material/arrow_back:")
        elif i > 0:
            st.page_link(navigation.page(paths[i - 1]), label=t("pres.forrige", side=t(navigation.title_key(paths[i - 1]))),
                         icon=":material/arrow_back:")
    with c2:
        st.caption(t("pres.posisjon", nr=i + 1, antall=len(paths)))
    with c3:
        if ahead:
            st.button(t("pres.neste", side=ahead[2]), key="pres_del_neste", on_click=sections.go, args=ahead[:2],
                      icon=":material/arrow_forward:")
        elif i + 1 < len(paths):
            st.page_link(navigation.page(paths[i + 1]), label=t("pres.neste", side=t(navigation.title_key(paths[i + 1]))),
                         icon=":material/arrow_forward:")


def presentation_download(page: Page) -> None:
    """'Last ned presentasjon': build a PowerPoint of the page's charts on request, with progress."""
    from dashboard import slides
    from dashboard.export import filter_text

    charts = st.session_state.get("_page_charts") or []
    if not charts:
        return
    st.divider()
    part = sections.shown()  # a deck per part on a page drawn in parts: its title names the part
    key = "pptx_" + (st.session_state.get("_current_page") or "side") + (f"_{part[1]}" if part else "")
    if slides.chromium() is None:
        st.warning(t("pptx.mangler_chromium"), icon=":material/warning:")
        return
    if st.button(t("pptx.lag"), key=f"{key}_lag", icon=":material/slideshow:",
                 help=t("pptx.hjelp", antall=len(charts))):
        lang = state.lang()
        bar = st.progress(0.0, text=t("pptx.starter"))
        try:
            data = slides.build(sections.titled(page.title), filter_text(state.current(), lang),
                                versions.current().id, sources(page.results), [slides.Chart(**c) for c in charts], lang=lang,
                                progress=lambda p, m: bar.progress(min(1.0, p), text=m))
        except slides.ChromiumMissing as exc:
            st.error(str(exc))
            return
        st.session_state[key] = data
    if st.session_state.get(key):
        from dashboard.export import file_name

        st.download_button(t("pptx.last_ned"), data=st.session_state[key], file_name=file_name(sections.titled(page.title), "pptx"),
                           mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
                           key=f"{key}_fil", icon=":material/download:", on_click="ignore")


def footer() -> None:
    st.divider()
    st.caption(t("footer.kilder"))


def hint(text: str) -> None:
    st.info(text, icon=":material/touch_app:")


def downloads(make, title: str, key: str, *, compact: bool = False) -> None:
    """CSV and XLSX download buttons; the files are built only when clicked.

    ``make`` returns a dashboard.export.Export with exactly the numbers shown. It is called now, while
    the page is drawn, so the file states the filters, language, sources and data version on screen
    (the file itself is built on the click, outside the session).
    """
    from dashboard import export

    shown = make()

    if compact:
        c1 = c2 = st.container(horizontal=True)
    else:
        c1, c2 = st.columns(2)
    with c1:
        st.download_button(t("eksport.csv"), data=lambda: export.to_csv(shown), file_name=export.file_name(title, "csv"),
                           mime="text/csv", key=f"csv_{key}", icon=":material/download:", on_click="ignore")
    with c2:
        st.download_button(t("eksport.xlsx"), data=lambda: export.to_xlsx(shown),
                           file_name=export.file_name(title, "xlsx"),
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           key=f"xlsx_{key}", icon=":material/table_view:", on_click="ignore")
