"""Measurements against a real Streamlit server in headless Chromium: cold start to the first drawn
page (the dashboard against a hello-world app), and the bytes each page sends over the websocket.
Also the size of the map of all 357 municipalities as the browser receives it."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench.live import launch, streamlit_server, wait_rendered
from bench.reruns import APP
from bench.stats import median
from dashboard.data import gateway
from dashboard.data.filters import DEFAULT
from dashboard.ui import navigation

HELLO_APP = '''import streamlit as st
st.title("Hello world")
'''


def _browser():
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    return pw, launch(pw)


def cold_starts(reps: int) -> tuple[float, float]:
    """Median time from server start to the first drawn page: the dashboard and hello world, in turn."""
    pw, browser = _browser()
    res = {"app": [], "hello": []}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            hello = Path(tmp) / "hello.py"
            hello.write_text(HELLO_APP, encoding="utf-8")
            for _ in range(reps):
                for kind, app in (("app", APP), ("hello", hello)):
                    t0 = time.perf_counter()
                    with streamlit_server(Path(tmp) / "state", app=app) as (url, _):
                        page = browser.new_page()
                        page.goto(url + "/")
                        wait_rendered(page)
                        res[kind].append(time.perf_counter() - t0)
                        page.close()
    finally:
        browser.close()
        pw.stop()
    return median(res["app"]), median(res["hello"])


def _page_bytes(browser, url: str) -> int:
    page = browser.new_page()
    total = [0]

    def on_ws(ws, total=total):
        ws.on("framereceived", lambda payload: total.__setitem__(0, total[0] + len(payload)))

    page.on("websocket", on_ws)
    page.goto(url)
    wait_rendered(page)
    time.sleep(1)
    page.close()
    return total[0]


def bytes_per_page() -> dict[str, int]:
    """Bytes the server sends over the websocket to render each page (a fresh session per page)."""
    pw, browser = _browser()
    out = {}
    try:
        with tempfile.TemporaryDirectory() as tmp, streamlit_server(Path(tmp)) as (url, _):
            for _file, path, *_ in navigation.SPECS:
                out[path] = _page_bytes(browser, f"{url}/{'' if path == navigation.URL_PATHS[0] else path}")
    finally:
        browser.close()
        pw.stop()
    return out


def map_bytes() -> int:
    """The map of all 357 municipalities as the browser receives it: the deck JSON st.pydeck_chart sends."""
    from dashboard.ui import maps

    attrs = gateway.run("kart_kommuner", DEFAULT, sprak="nb").df
    cols = ["kommunenummer", "visningsnavn", "fylkesnavn", "sentralitetsklasse", "sentralitetsindeks",
            "befolkning_2024", "sentraler", "eierformer", "sentroide_lon", "sentroide_lat"]
    fill = {k: [1, 2, 3, 255] for k in attrs["kommunenummer"]}
    deck = maps.municipality_map(attrs[cols], fill=fill, tooltip_html="{visningsnavn}")
    return len(deck.to_json().encode())
