"""Timing one user action in the browser: from the click (or key press) until the page stops changing.

"Done" means all of:
* the server has sent ``script_finished`` (successfully, for the script or a fragment) for the run
  the action started: the websocket frames are decoded as Streamlit's ``ForwardMsg``;
* no element is stale (Streamlit marks the containers of the previous run ``data-stale="true"``);
* the app says it is not running (``data-test-script-state="notRunning"`` on ``stApp``) and the
  status widget ("Running...", shown after 500 ms of running) is gone;
* no DOM mutation for 600 ms (a MutationObserver installed before the app loads). Mutations in the
  app header (the status widget's own fade-out) are not content and do not count.

The time reported is from the event that started the action (its ``timeStamp``) to the last
mutation before the quiet period, both on the page's clock; ``script_done_ms`` is when the page
received the server's last message for the action (the run's end; the rest is the browser drawing).
A first load is timed from navigation start, with the largest contentful paint from a
PerformanceObserver.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

DONE = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)  # a whole run or a fragment
QUIET_MS = 600
TIMEOUT_MS = 90_000
# Chromium's own counters (CDP Performance.getMetrics, seconds): the renderer's main-thread work per action
CPU = {"TaskDuration": "browser_task_ms", "ScriptDuration": "browser_script_ms",
       "LayoutDuration": "browser_layout_ms", "RecalcStyleDuration": "browser_style_ms"}

INIT_SCRIPT = """
(() => {
  const P = window.__ux = {t0: null, armed: false, last: 0, lcp: 0, ran: 0};
  const chrome = n => {
    const e = n.nodeType === 1 ? n : n.parentElement;
    return !!(e && e.closest('[data-testid="stHeader"], [data-testid="stStatusWidget"]'));
  };
  new MutationObserver(list => {
    if (list.some(m => !chrome(m.target))) P.last = performance.now();
  }).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  const WS = window.WebSocket;  // the time of the server's last message (its run ends with script_finished)
  window.WebSocket = class extends WS {
    constructor(...args) { super(...args); this.addEventListener('message', () => { P.ran = performance.now(); }); }
  };
  const arm = e => { if (P.armed) { P.t0 = e.timeStamp; P.armed = false; } };
  addEventListener('click', arm, true);
  addEventListener('keydown', arm, true);
  new PerformanceObserver(l => { for (const e of l.getEntries()) P.lcp = e.startTime; })
    .observe({type: 'largest-contentful-paint', buffered: true});
})();
"""

SETTLED = """
(quiet) => new Promise(resolve => {
  const tick = () => {
    const P = window.__ux, now = performance.now();
    const stale = document.querySelectorAll('[data-stale="true"]').length;
    const app = document.querySelector('[data-testid="stApp"]');
    const busy = !!document.querySelector('[data-testid="stStatusWidget"]')
      || (app && app.getAttribute('data-test-script-state') !== 'notRunning');
    if (!stale && !busy && now - P.last >= quiet) {
      const main = document.querySelectorAll('[data-testid="stMain"] [data-testid="stElementContainer"]').length;
      const all = document.querySelectorAll('[data-testid="stElementContainer"]').length;
      resolve({t0: P.t0, last: P.last, lcp: P.lcp, ran: P.ran, main, all});
    } else setTimeout(tick, 50);
  };
  tick();
})
"""


@dataclass
class Socket:
    """What the server sent since ``reset()``: bytes, and whether a script run finished."""

    bytes: int = 0
    finished: bool = False
    statuses: list[int] = field(default_factory=list)
    cdp: object = None  # a CDP session on the page, for the renderer's counters
    cpu0: dict = field(default_factory=dict)

    def reset(self) -> None:
        self.bytes, self.finished, self.statuses = 0, False, []
        self.cpu0 = self.cpu()

    def cpu(self) -> dict[str, float]:
        if self.cdp is None:
            return {}
        metrics = {m["name"]: m["value"] for m in self.cdp.send("Performance.getMetrics")["metrics"]}
        return {name: metrics.get(name, 0.0) for name in CPU}

    def cpu_ms(self) -> dict[str, float]:
        now = self.cpu()
        return {CPU[name]: (now[name] - self.cpu0.get(name, 0.0)) * 1000 for name in now}

    def frame(self, payload) -> None:
        data = payload.encode() if isinstance(payload, str) else payload
        self.bytes += len(data)
        try:
            msg = ForwardMsg.FromString(data)
        except Exception:  # noqa: BLE001 - a frame that is not a ForwardMsg only counts as bytes
            return
        if msg.WhichOneof("type") == "script_finished":
            self.statuses.append(msg.script_finished)
            if msg.script_finished in DONE:
                self.finished = True


def watch(page) -> Socket:
    """Count the frames of the app's websocket(s) of this page. Call before the page loads."""
    sock = Socket()
    page.on("websocket", lambda ws: ws.on("framereceived", sock.frame))
    return sock


def new_page(browser):
    """A page in a fresh browser context (a new session), with the probe installed."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.add_init_script(INIT_SCRIPT)
    page = context.new_page()
    sock = watch(page)
    sock.cdp = context.new_cdp_session(page)
    sock.cdp.send("Performance.enable")
    return page, sock


def settle(page, sock: Socket, timeout_ms: int = TIMEOUT_MS) -> dict:
    """Wait until done (see the module doc) and return the page's own measurements."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not sock.finished:
        if time.monotonic() > deadline:
            raise TimeoutError(f"ingen script_finished etter {timeout_ms} ms (status {sock.statuses})")
        page.wait_for_timeout(25)  # a poll interval (Playwright hands on the socket's frames while it waits)
    return calm(page)


def calm(page) -> dict:
    """Wait until nothing is stale or running and the DOM has not changed for ``QUIET_MS``."""
    return page.evaluate(SETTLED, QUIET_MS)


def arm(page, sock: Socket) -> None:
    """The next click or key press in the page starts the clock; the socket counts from now."""
    sock.reset()
    page.evaluate("() => { window.__ux.armed = true; window.__ux.t0 = null; }")


def result(sock: Socket, s: dict, since_navigation: bool = False) -> dict:
    t0 = 0.0 if since_navigation else s["t0"]
    if t0 is None:
        raise RuntimeError("handlingen ble ikke registrert i siden (ingen klikk eller tastetrykk)")
    out = {"ms": max(0.0, s["last"] - t0), "script_done_ms": max(0.0, s["ran"] - t0), "bytes": sock.bytes,
           "elements": s["main"], "elements_all": s["all"], **sock.cpu_ms()}
    if since_navigation:
        out["lcp_ms"] = s["lcp"]
    return out


def timed(page, sock: Socket, action) -> dict:
    """Arm, run ``action()`` (which clicks or presses a key once), wait until done."""
    arm(page, sock)
    action()
    return result(sock, settle(page, sock))


ERROR_SHOWN = """(text) => !!document.querySelector('[data-testid="stException"]')
  || ((document.querySelector('[data-testid="stMain"]') || {}).innerText || '').includes(text)"""


def assert_no_error(page, error_text: str) -> None:
    """Raise when the page shows an exception or the app's own error message (``error_text``): an error page
    is quick to draw, so it must count as a failure, never as a measurement."""
    if page.evaluate(ERROR_SHOWN, error_text):
        raise RuntimeError("siden viser en feil i stedet for innholdet")


def first_load(browser, url: str, error_text: str | None = None) -> dict:
    page, sock = new_page(browser)
    try:
        page.goto(url)
        res = result(sock, settle(page, sock), since_navigation=True)
        if error_text:
            assert_no_error(page, error_text)
        return res
    finally:
        page.context.close()
