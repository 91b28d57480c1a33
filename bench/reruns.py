"""Page reruns on the server, without a browser: ``streamlit.testing.AppTest`` runs a page script
exactly as the server does. Per page: the first run with an empty query cache, the median warm
rerun, and the rerun after choosing another county; and the rerun of an empty page (the floor)."""

from __future__ import annotations

import logging
import tempfile
import time
from pathlib import Path

from bench.stats import median
from dashboard import paths
from dashboard.data import gateway
from dashboard.ui import navigation

APP = paths.ROOT / "dashboard" / "app.py"
FLOOR_APP = '''import streamlit as st
st.set_page_config(page_title="floor", layout="wide")
st.title("Tom side")
'''
COUNTIES = ["18", "15", "46", "34", "50", "55", "56", "42", "40", "33", "39", "11", "31", "32", "03"]


def apptest(script: Path | str, params: dict | None = None):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(script), default_timeout=300)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    return at


def open_page(file: str, path: str, params: dict | None = None):
    """The app after its first run, switched to the page (the landing page needs no switch)."""
    at = apptest(APP, params)
    at.run()
    if path != navigation.URL_PATHS[0]:
        at.switch_page(f"../pages/{file}").run()
    return at


def _timed(at) -> float:
    t0 = time.perf_counter()
    at.run()
    return time.perf_counter() - t0


def floor_rerun(reps: int) -> float:
    """Median rerun of an empty Streamlit page (title and page config only)."""
    with tempfile.TemporaryDirectory() as tmp:
        floor_file = Path(tmp) / "floor.py"
        floor_file.write_text(FLOOR_APP, encoding="utf-8")
        at = apptest(floor_file)
        at.run()
        return median([_timed(at) for _ in range(reps)])


def page_reruns(reps: int) -> tuple[dict[str, dict], float]:
    """Per page: first run (cold caches) and median warm rerun; and the empty page's rerun."""
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    floor = floor_rerun(reps)
    out = {}
    for file, path, *_ in navigation.SPECS:
        gateway.clear_cache()
        at = apptest(APP)
        at.run()
        t0 = time.perf_counter()
        if path != navigation.URL_PATHS[0]:
            at.switch_page(f"../pages/{file}").run()
        else:
            at.run()
        first = time.perf_counter() - t0
        warm = [_timed(at) for _ in range(reps)]
        assert not at.exception, (path, [e.value for e in at.exception])
        out[path] = {"first": first, "warm": median(warm)}
    return out, floor


def filter_changes(reps: int) -> dict[str, float]:
    """Median time of the rerun after choosing another county (a cache miss for every query)."""
    out = {}
    for file, path, *_ in navigation.SPECS:
        gateway.clear_cache()
        at = open_page(file, path)
        times = []
        for fylke in COUNTIES[:reps]:
            at.session_state["f_fylke"] = [fylke]
            times.append(_timed(at))
        out[path] = median(times)
    return out
