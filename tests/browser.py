"""Browser-test helpers. CI installs Debian's chromium (see .ci/run) and sets CI=1; there a missing
browser is a failure, never a skip. The server and the waits are bench/live.py's, with the tests' timeouts
(tests/support/timeouts.py)."""

from __future__ import annotations

import os
import time

import pytest

from bench import live
from bench.live import AXE, BENIGN, CHROMIUM, launch  # noqa: F401
from dashboard.paths import OUTPUT
from tests.support import timeouts

SHOTS = OUTPUT / "screenshots"

# from now on, whether the app has started a script run (``window.__fsRunSeen``): the state on stApp goes
# from "notRunning" to running and back, perhaps faster than anyone could look, so every change is seen
WATCH_RUN = """() => { const app = document.querySelector('[data-testid="stApp"]'), key = 'data-test-script-state';
  if (window.__fsRunWatch) window.__fsRunWatch.disconnect();
  window.__fsRunSeen = false;
  window.__fsRunWatch = new MutationObserver(list => {
    const ran = list.some(m => m.oldValue !== 'notRunning') || app.getAttribute(key) !== 'notRunning';
    if (ran) window.__fsRunSeen = true;
  });
  window.__fsRunWatch.observe(app, {attributes: true, attributeFilter: [key], attributeOldValue: true}); }"""


def require(thing: str, ok: bool) -> None:
    if not ok:
        msg = f"{thing} mangler"
        if os.environ.get("CI"):
            pytest.fail(msg + " (i CI er en hoppet nettlesertest en feil)")
        pytest.skip(msg)


def streamlit_server(state_dir, **kw):
    """bench.live's server, given the tests' time to start."""
    return live.streamlit_server(state_dir, start_timeout=timeouts.SERVER_START, **kw)


def wait_rendered(page, timeout: float = timeouts.PAGE) -> None:
    live.wait_rendered(page, timeout)


def start_run(page, action) -> None:
    """Do ``action()`` (a click, an upload: something that makes the app run its script) and wait until the app
    has started that run."""
    page.evaluate(WATCH_RUN)
    action()
    page.wait_for_function("() => window.__fsRunSeen === true", timeout=timeouts.ACTION_MS)


def rerun_drawn(page, action, timeout: float = timeouts.PAGE) -> None:
    """``start_run``, then wait until the page is drawn again."""
    start_run(page, action)
    wait_rendered(page, timeout)


def poll(page, condition, timeout: float = timeouts.ACTION) -> bool:
    """Until ``condition()`` (a test's own state, changed by the page's events) holds; whether it did. Playwright
    hands events on only while it is called, so the poll interval is a wait in the page."""
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        page.wait_for_timeout(50)  # a poll interval
    return bool(condition())


def dom_quiet(page, ms: int = live.QUIET_MS) -> None:
    """Until nothing in the page has changed for ``ms`` milliseconds."""
    page.evaluate(live.DOM_QUIET, [ms, timeouts.ACTION_MS])
