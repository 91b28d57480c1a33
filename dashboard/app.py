"""Entry point: ``streamlit run dashboard/app.py``.

Declares the pages (st.navigation / st.Page with explicit ASCII url paths, see
dashboard/ui/navigation.py), the shared sidebar with language and global filters, and the footer
with data sources. Page files in pages/ only compose panels; queries live in queries/ and run
through dashboard.data.gateway.
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

if __package__ in (None, ""):  # started as a script by `streamlit run dashboard/app.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard import errors  # noqa: E402
from dashboard.paths import ROOT  # noqa: E402
from dashboard.ui import figures, framework_text, navigation, page, print_style, sidebar, state, url_state, viewport

ICON = ROOT / "dashboard" / "static" / "favicon.png"  # local file: a material icon would be fetched online

st.set_page_config(page_title="Frivilligsentraler i distrikts-Norge", page_icon=str(ICON),
                   layout="wide", initial_sidebar_state="auto")  # closed on a phone

with errors.friendly():  # an unexpected error: a Norwegian message here, the traceback in the server log
    url_state.init()  # cannot fail: a URL it cannot read gives the default view with a notice
    view = state.view()  # language and presentation mode of this rerun (the Page of the page makes its own)
    page.style(view)
    print_style.apply()  # A4 print: no sidebar, charts and tables whole
    with st.container(key="fs_scripts"):  # hidden: the scripts that draw nothing
        framework_text.apply(view)  # Streamlit's own strings in Norwegian
        viewport.probe(then=state.resend_sidebar)  # tells the next rerun whether the window is narrow
        figures.keep_link_target_in_view()  # a link to a figure (#fig-...) keeps it in view while drawn
    nav = st.navigation(navigation.all_pages(view), position="sidebar")
    sidebar.render(view)
    url_state.sync_url()

    goto = state.take_page_request()
    if goto in navigation.URL_PATHS and goto != nav.url_path:
        st.switch_page(navigation.page(goto, view))

    state.set_current_page(nav.url_path or navigation.URL_PATHS[0])
    page.url_notices(view)
    nav.run()
    page.footer(view)
