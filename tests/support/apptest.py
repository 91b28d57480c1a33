"""Pages in Streamlit's AppTest, as a session sees them: shared by the tests that run pages without a browser."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from dashboard.paths import ROOT
from dashboard.ui import navigation
from tests.support import timeouts

APP = str(ROOT / "dashboard" / "app.py")
PAGES = {path: f"../pages/{file}" for file, path, *_ in navigation.SPECS}  # url path -> page file, from the app


def run_page(page: str, params: dict | None = None, direct: bool = False) -> AppTest:
    """The page as a session sees it after the start page (``direct``: opened straight from its URL)."""
    at = AppTest.from_file(APP, default_timeout=timeouts.APPTEST)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    if direct and page != navigation.URL_PATHS[0]:
        at.switch_page(PAGES[page])
    at.run()
    if page != navigation.URL_PATHS[0] and not direct:
        at.switch_page(PAGES[page]).run()
    return at


def open_views(at: AppTest, view: str = "vis.tabell", numbers: bool = True) -> AppTest:
    """Open one view tab ("vis.diagram", "vis.tabell", "vis.last_ned") under every figure, and (or close) every
    'Alle tall rapporten oppgir' expander, as a user would one by one; the views are built only when open."""
    from dashboard.ui.i18n import t

    lang = at.query_params.get("lang", ["nb"])
    lang = (lang[0] if isinstance(lang, list) else lang) or "nb"
    for k in list(at.session_state):
        if k.startswith("vis_"):
            at.session_state[k] = t(view, lang=lang)
        elif k.startswith("tall_"):
            at.session_state[k] = numbers
    return at.run()


def frames(at: AppTest) -> list:
    """Every table on the page with all table views and report-number tables open; the page is then put back."""
    open_views(at)
    out = [d.value for d in at.dataframe]
    open_views(at, "vis.diagram", numbers=False)
    return out


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [h.value for h in at.html]
    parts += [f"{m.label} {m.value}" for m in at.metric] + [i.value for i in at.info] + [w.value for w in at.warning]
    parts += [s.value for s in at.subheader] + [x.value for x in at.title]
    return "\n".join(str(p) for p in parts)
