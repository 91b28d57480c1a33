"""Every query the pages run, recorded once per test process from real page runs (AppTest): each page,
and each part of a long page opened straight from its URL, with one municipality selected."""

from __future__ import annotations

import functools
import logging

from streamlit.testing.v1 import AppTest

from dashboard.data import gateway
from dashboard.paths import ROOT
from dashboard.ui import navigation, sections
from tests.support import timeouts

logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").setLevel(logging.ERROR)


@functools.cache
def page_queries(kommune: str = "4036") -> tuple[tuple[str, str | None, str, tuple], ...]:
    """(url path, part, query name, sorted parameters) of every query run while drawing every view."""
    out = []
    for page, path, *_ in navigation.SPECS:
        for part in sections.PARTS.get(path, (None,)):  # a long page builds one part per rerun: run each
            with gateway.recording() as rec:
                at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=timeouts.APPTEST_HEAVY)
                at.query_params["kommune"] = [kommune]
                if part:
                    at.query_params["del"] = [part]
                    at.switch_page(f"../pages/{page}")  # opened straight from the part's URL
                at.run()
                if not part:
                    at.switch_page(f"../pages/{page}").run()
                assert not at.exception, (path, part, at.exception)
                assert part is None or at.session_state[sections.key(path)] == part
            out += [(path, part, name, tuple(sorted(params.items()))) for name, _f, params in rec]
    assert len(navigation.SPECS) >= 10
    return tuple(out)
