"""A real Streamlit server on a free port, and headless Chromium (the system's; Playwright cannot
download browsers here). Used by the benchmarks in bench/ and by the browser tests."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from dashboard.paths import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Streamlit probes /<page>/_stcore/health and host-config relative to the page URL (404, harmless)
BENIGN = ("_stcore/health", "_stcore/host-config", "Failed to load resource: the server responded with a status of 404")
# how long the harness waits at most, in seconds (the tests read these through tests/support/timeouts.py)
SERVER_START = 60  # `streamlit run` until its health check answers
SERVER_STOP = 10  # a terminated server until it is gone (then it is killed)
RENDER = 60  # a page's script run until it is drawn
QUIET_MS = 500  # drawn means: nothing in the page has changed for this long (charts have finished laying out)
# resolves once no element of the page has changed for ``quiet`` ms, or false after ``limit`` ms
DOM_QUIET = """([quiet, limit]) => new Promise(resolve => {
  const start = performance.now(); let last = start;
  const seen = new MutationObserver(() => { last = performance.now(); });
  seen.observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  const tick = () => {
    const now = performance.now();
    if (now - last >= quiet || now - start >= limit) { seen.disconnect(); resolve(now - last >= quiet); }
    else setTimeout(tick, 50);
  };
  tick();
})"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, log, seconds: float = SERVER_START) -> None:
    deadline = time.time() + seconds
    while True:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if proc.poll() is not None or time.time() > deadline:
            log.seek(0)
            raise RuntimeError("Streamlit startet ikke: " + log.read().decode(errors="replace"))
        time.sleep(0.3)  # a poll interval: the next look at the health check


@contextmanager
def streamlit_server(state_dir: Path, port: int | None = None, app: Path | None = None, env: dict | None = None,
                     cwd: Path = ROOT, start_timeout: float = SERVER_START):
    """``streamlit run`` of the app (default: the dashboard) in ``cwd`` (where .streamlit/ is read), its data
    versions in ``state_dir``; yields its URL and process once it answers (within ``start_timeout`` seconds), and
    stops it afterwards. The server's output goes to a temporary file (shown if it fails to start): a pipe
    nobody reads would stop a talkative server once it is full."""
    port = port or free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", str(app or ROOT / "dashboard" / "app.py"),
           "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none"]
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(cmd, cwd=cwd, env={**os.environ, "DASHBOARD_STATE_DIR": str(state_dir), **(env or {})},
                                stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_healthy(url, proc, log, start_timeout)
            yield url, proc
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=SERVER_STOP)
            except subprocess.TimeoutExpired:
                proc.kill()


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM,
                                      args=["--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader"])


def wait_rendered(page, timeout: float = RENDER) -> None:
    """Until the app has finished running the script (no status widget, no element still marked stale from
    the previous run, for a second), the charts and maps have drawn and nothing in the page has changed for
    ``QUIET_MS``."""
    page.wait_for_selector('[data-testid="stAppViewContainer"]', timeout=timeout * 1000)
    page.wait_for_selector('h1', timeout=timeout * 1000)
    deadline = time.time() + timeout
    quiet = 0
    while time.time() < deadline:
        busy = page.locator('[data-testid="stStatusWidget"], [data-stale="true"]').count() > 0
        quiet = 0 if busy else quiet + 1
        if quiet >= 4:
            break
        time.sleep(0.25)  # a poll interval: four quiet looks in a row make the second above
    for chart, drawn in ((".js-plotly-plot", ".main-svg"), ('[data-testid="stDeckGlJsonChart"]', "canvas"),
                         (".fs-svgmap", "svg")):
        if page.locator(chart).count():
            page.locator(f"{chart} {drawn}").first.wait_for(timeout=timeout * 1000)
    page.evaluate(DOM_QUIET, [QUIET_MS, timeout * 1000])
