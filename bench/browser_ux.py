"""Speed as users feel it: ``python -m bench.browser_ux [--runs 5] [--pages oversikt,samarbeid]``.

Starts the dashboard and the floor app (``bench/floor_app``: two pages and the same sidebar, nothing
else), each on its own real Streamlit server, and drives both from headless Chromium. For every
page: the page switch from the sidebar link, two filter changes (add a county; choose an ownership
form) and the first load in a new browser context (largest contentful paint and time to done).
Each run measures the floor first and then the dashboard, so both share the machine's state. How
"done" is detected: see ``bench/probe.py``. A page that shows an error is a failure, not a measurement.

``--compare-ref COMMIT`` also measures the app as it was at that commit ("before"): a git worktree in
/tmp with its own server and today's venv (``bench/checkout.py``), measured after the floor in every
run, taking turns with today's dashboard at going first (the one measured first in a browser pays more),
so BENCHMARKS.md shows before, after and the floor from one run.
Today's dashboard is the working tree: measure on a committed, quiet tree.

Writes its section of BENCHMARKS.md (between markers) and all single measurements as JSON in
output/ (not committed). The county and ownership form change from run to run, so every filter
change asks the dashboard for a combination it has not cached yet.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import signal
import sys
import tempfile
import time
from pathlib import Path

from bench import checkout, probe, ux_report
from bench.live import launch, streamlit_server
from dashboard.data import gateway
from dashboard.paths import OUTPUT, ROOT
from dashboard.ui import navigation
from dashboard.ui.i18n import t

FLOOR_APP = ROOT / "bench" / "floor_app" / "app.py"
FLOOR_PAGES = ("a", "b")
COUNTIES = ("18", "34", "46", "50", "55", "56", "15")  # district-heavy counties, one per run in turn
FORMS = ("kommunal", "lag_forening", "stiftelse")
ACTIONS = ("switch", "county", "form")


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def error_text() -> str:
    """The start of the dashboard's error page ("Noe gikk galt ..."), before its reference number."""
    return t("feil.side", ref="\0").split("\0")[0]


def labels() -> tuple[dict[str, str], dict[str, str]]:
    k = gateway.run("filter_kommuner").df.drop_duplicates("fylkesnummer")
    e = gateway.run("filter_eierformer", sprak="nb").df
    return dict(zip(k["fylkesnummer"], k["fylkesnavn"])), dict(zip(e["kode"], e["etikett"]))


class Session:
    """One browser session on one app: its page, the probe's socket, and the actions."""

    def __init__(self, browser, url: str, paths: list[str]):
        self.url, self.paths = url, paths
        self.page, self.sock = probe.new_page(browser)
        self.page.goto(url + "/")
        probe.settle(self.page, self.sock)

    def close(self) -> None:
        self.page.context.close()

    def switch(self, path: str) -> dict:
        link = self.page.locator('[data-testid="stSidebarNav"] a').nth(self.paths.index(path))
        return probe.timed(self.page, self.sock, link.click)

    def choose(self, label_key: str, option: str) -> dict:
        box = self.page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(
            has_text=t(label_key)).first
        box.locator("input").click()
        self.page.keyboard.type(option)
        self.page.locator('[role="option"]').filter(has_text=option).first.wait_for()
        res = probe.timed(self.page, self.sock, lambda: self.page.keyboard.press("Enter"))
        self.leave()
        return res

    def leave(self) -> None:
        """Close the options and leave the box, as a user moving on does, and wait for the layout to settle.

        A focused multiselect keeps an empty input line, so with a long choice ("Frivillig lag/forening") it
        is a line taller; it shrinks when focus leaves it, which moves every widget below it. Left focused, the
        next click on "Nullstill filtre" would blur it on mouse-down, the button would move away before
        mouse-up, and the click (and the rerun the probe waits for) would never happen."""
        self.page.keyboard.press("Escape")
        self.page.evaluate("() => document.activeElement && document.activeElement.blur()")
        probe.calm(self.page)

    def check(self) -> None:
        probe.assert_no_error(self.page, error_text())

    def reset(self) -> dict:
        button = self.page.locator('[data-testid="stSidebar"]').get_by_role("button", name=t("filter.nullstill"))
        return probe.timed(self.page, self.sock, button.click)

    def filters(self, run: int, names: tuple[dict, dict]) -> dict[str, dict]:
        counties, forms = names
        out = {"county": self.choose("filter.fylke", counties[COUNTIES[run % len(COUNTIES)]])}
        self.reset()
        out["form"] = self.choose("filter.eierform", forms[FORMS[run % len(FORMS)]])
        self.reset()
        return out


def page_actions(session: Session, path: str, alone: bool, run: int, names, record, label: str) -> None:
    """Switch to the page (from the previous one) and change the filters there."""
    if alone:  # one page: switch to it from a neighbour, unmeasured
        session.switch(session.paths[1] if path == session.paths[0] else session.paths[0])
    switch = session.switch(path)
    session.check()
    filters = session.filters(run, names)
    session.check()
    record(label, path, "switch", switch)
    for action, res in filters.items():
        record(label, path, action, res)
    log(f"  {label} {path}: bytte {record.last(label, path, 'switch'):.0f} ms, "
        f"fylke {record.last(label, path, 'county'):.0f} ms, eierform {record.last(label, path, 'form'):.0f} ms")


def cycle(open_session, targets: list[str], run: int, names, record, label: str) -> None:
    """Every target in turn in one session; a page that fails is logged and the run goes on in a new one."""
    from playwright.sync_api import Error as PlaywrightError

    session = open_session()
    if targets[0] == session.paths[0] and len(targets) > 1:
        targets = targets[1:] + targets[:1]  # the session starts on the first page
    for path in targets:
        try:
            page_actions(session, path, len(targets) == 1, run, names, record, label)
        except (TimeoutError, RuntimeError, PlaywrightError) as exc:
            record.failed(label, path, exc)
            session.close()
            session = open_session()
    session.close()


class Recorder:
    def __init__(self):
        self.data: dict[str, dict[str, dict[str, list[dict]]]] = {"floor": {}, "dashboard": {}}

    def __call__(self, app: str, path: str, action: str, res: dict) -> None:
        self.data.setdefault(app, {}).setdefault(path, {}).setdefault(action, []).append(res)

    def last(self, app: str, path: str, action: str) -> float:
        return self.data[app][path][action][-1]["ms"]

    def failed(self, app: str, path: str, exc: Exception) -> None:
        msg = f"{app} {path}: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
        self.data.setdefault("errors", []).append(msg)
        log("  FEIL " + msg)


def first_loads(browser, url: str, paths: list[str], default: str, app: str, record: Recorder) -> None:
    from playwright.sync_api import Error as PlaywrightError

    for path in paths:
        try:
            res = probe.first_load(browser, f"{url}/{'' if path == default else path}", error_text())
        except (TimeoutError, RuntimeError, PlaywrightError) as exc:
            record.failed(app, f"{path} (første visning)", exc)
            continue
        record(app, path, "first", res)
        log(f"  {app} første visning {path}: LCP {res['lcp_ms']:.0f} ms, ferdig {res['ms']:.0f} ms")


def start_apps(stack: contextlib.ExitStack, tmp: Path, pages: list[str], ref: Path | None) -> list[tuple]:
    """(label, url, the app's page paths, the pages to measure) for the floor, the app at ``ref`` (if
    given, as "before") and today's dashboard, each on its own server; measured in this order."""
    floor_url, _ = stack.enter_context(streamlit_server(tmp / "state", app=FLOOR_APP))
    app_url, _ = stack.enter_context(streamlit_server(tmp / "state"))
    apps = [("floor", floor_url, list(FLOOR_PAGES), list(FLOOR_PAGES)),
            ("dashboard", app_url, list(navigation.URL_PATHS), pages)]
    if ref is not None:
        ref_paths = checkout.url_paths(ref)
        ref_url, _ = stack.enter_context(streamlit_server(tmp / "state-ref", app=ref / "dashboard" / "app.py",
                                                          cwd=ref))
        apps.insert(1, ("before", ref_url, ref_paths, [p for p in pages if p in ref_paths]))
    return apps


def warm_up(browser, url: str, paths: list[str], pages: list[str]) -> None:
    """Every page once, unmeasured, so the first measured switch does not pay for imports and caches."""
    warm = Session(browser, url, paths)
    for path in pages:
        warm.switch(path)
    warm.close()


def in_turn(apps: list[tuple], run: int) -> list[tuple]:
    """The floor first; "before" and today's app take turns at going second, so neither gains from the order."""
    return apps if len(apps) < 3 or run % 2 == 0 else [apps[0], *reversed(apps[1:])]


def measure(runs: int, pages: list[str], ref: Path | None = None) -> dict:
    from playwright.sync_api import sync_playwright

    names, record = labels(), Recorder()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw, contextlib.ExitStack() as stack:
        apps = start_apps(stack, Path(tmp), pages, ref)
        browser = launch(pw)
        log("oppvarming (umålt): hver side én gang")
        for _label, url, paths, targets in apps[1:]:
            warm_up(browser, url, paths, targets)
        for run in range(runs):
            log(f"runde {run + 1} av {runs}")
            for label, url, paths, targets in in_turn(apps, run):
                cycle(lambda url=url, paths=paths: Session(browser, url, paths), targets, run, names, record, label)
                first_loads(browser, url, targets, paths[0], label, record)
        browser.close()
    return record.data


def arguments(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m bench.browser_ux", description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5,
                    help="målinger per handling (medianen rapporteres; minst 5 for tabellen)")
    ap.add_argument("--pages", default=",".join(navigation.URL_PATHS),
                    help="sider (url-stier) skilt med komma, f.eks. oversikt,samarbeid")
    ap.add_argument("--compare-ref", metavar="COMMIT",
                    help="mål også appen slik den var i denne commiten («før»; en git worktree i /tmp, samme venv)")
    ap.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md", help="Markdown-filen avsnittet skrives i")
    ap.add_argument("--json", type=Path, default=OUTPUT / "browser_bench.json", help="alle enkeltmålinger")
    args = ap.parse_args(argv)
    args.pages = [p.strip() for p in args.pages.split(",") if p.strip()]
    unknown = [p for p in args.pages if p not in navigation.URL_PATHS]
    if unknown or not args.pages or args.runs < 1:
        ap.error(f"ukjente sider: {', '.join(unknown)} (kjente: {', '.join(navigation.URL_PATHS)})" if unknown
                 else "trenger minst én side og minst én runde")
    if args.compare_ref:
        try:
            args.compare_ref = checkout.resolve(args.compare_ref)
        except ValueError as exc:
            ap.error(str(exc))
    return args


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    # stopped with SIGTERM (kill, a CI timeout): exit through the finally blocks, which stop the servers and
    # remove the worktree of --compare-ref
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.time()
    pages = [p for p in navigation.URL_PATHS if p in args.pages]
    with checkout.worktree(args.compare_ref) if args.compare_ref else contextlib.nullcontext() as ref:
        data = measure(args.runs, pages, ref)
    summary = ux_report.summarise(data)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"runs": args.runs, "compare_ref": args.compare_ref, "raw": data,
                                     "summary": summary}, indent=1), encoding="utf-8")
    ux_report.write(args.out, ux_report.section(summary, args.runs, time.time() - started, args.compare_ref))
    log(f"skrev {args.out} og {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
