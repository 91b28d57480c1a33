"""The floor for the browser benchmark: two pages and the dashboard's own sidebar, nothing else.

``streamlit run bench/floor_app/app.py``. The sidebar is ``dashboard.ui.sidebar.render()`` itself, so
the floor always has exactly the dashboard's widgets (language, presentation mode, four filters,
reset, data version); each page only has a title. What the dashboard needs beyond this floor for a
page switch or a filter change is the cost of its pages.
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # started as a script by `streamlit run`
    sys.path.insert(0, str(ROOT))

from dashboard.ui import sidebar, url_state  # noqa: E402 (after the sys.path line `streamlit run` needs)

PAGES = (("a", "Side A"), ("b", "Side B"))  # benchmark-only app: these titles are never shown to users


def _page(title: str):
    def run() -> None:
        st.title(title, anchor=False)

    return run


st.set_page_config(page_title="floor", layout="wide", initial_sidebar_state="expanded")
url_state.init()
nav = st.navigation([st.Page(_page(title), title=title, url_path=path, default=i == 0)
                     for i, (path, title) in enumerate(PAGES)], position="sidebar")
sidebar.render()
nav.run()
