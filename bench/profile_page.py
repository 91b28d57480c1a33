"""Where a page's rerun spends its server time: ``python -m bench.profile_page samarbeid [--runs 5]``.

Runs the dashboard in ``streamlit.testing.AppTest`` (the page script as the server runs it), switches
to the page, then profiles warm reruns and filter changes (another county each time) with cProfile
in the script thread. Prints the time per library (plotly, pandas, streamlit, duckdb, babel, the
dashboard) and the functions with the most cumulative time. The browser's share is measured by
``python -m bench.browser_ux``.
"""

from __future__ import annotations

import argparse
import cProfile
import logging
import pstats
import sys
import threading
import time
from collections import defaultdict

from dashboard.paths import ROOT
from dashboard.ui import navigation

APP = ROOT / "dashboard" / "app.py"
COUNTIES = ("18", "34", "46", "50", "55", "56", "15", "42", "40", "33")
GROUPS = ("plotly", "pandas", "numpy", "pyarrow", "duckdb", "babel", "google/protobuf", "streamlit",
          "narwhals", "dashboard", "pages", "json")


class ThreadProfile:
    """cProfile in every thread started while active (AppTest runs the script in its own thread)."""

    def __init__(self):
        self.prof = cProfile.Profile()

    def __enter__(self):
        def hook(*_):
            sys.setprofile(None)
            self.prof.enable()

        threading.setprofile(hook)
        return self

    def __exit__(self, *exc):
        threading.setprofile(None)


def group(filename: str) -> str:
    for g in GROUPS:
        if f"/{g}/" in filename or f"site-packages/{g}" in filename:
            return g
    return "other"


def by_library(stats: pstats.Stats) -> dict[str, float]:
    """Own time (tottime) summed per library."""
    out: dict[str, float] = defaultdict(float)
    for (filename, _line, _name), (_cc, _nc, tt, _ct, _callers) in stats.stats.items():
        out[group(filename)] += tt
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))


def run(path: str, runs: int, filters: bool) -> tuple[pstats.Stats, list[float]]:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=300)
    at.run()
    file = next(s[0] for s in navigation.SPECS if s[1] == path)
    if path != navigation.URL_PATHS[0]:
        at.switch_page(f"../pages/{file}").run()
    at.run()  # warm the caches
    times = []
    with ThreadProfile() as tp:
        for i in range(runs):
            if filters:
                at.session_state["f_fylke"] = [COUNTIES[i % len(COUNTIES)]]
            t0 = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - t0)
    assert not at.exception, [e.value for e in at.exception]
    return pstats.Stats(tp.prof), times


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.profile_page", description=__doc__.split("\n\n")[0])
    ap.add_argument("page", choices=navigation.URL_PATHS)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--filter", action="store_true", help="bytt fylke før hver kjøring (filterendring)")
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args(argv)
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    stats, times = run(args.page, args.runs, args.filter)
    total = sum(times)
    print(f"{args.page}: {len(times)} kjøringer, median {sorted(times)[len(times) // 2] * 1000:.0f} ms")
    print("Egen tid per bibliotek (andel av profilert tid):")
    lib = by_library(stats)
    for name, secs in lib.items():
        print(f"  {name:18s} {secs / len(times) * 1000:7.1f} ms per kjøring  {secs / sum(lib.values()):5.1%}")
    print(f"(veggklokke uten profilering ville vært lavere; sum profilert {total:.2f} s)")
    stats.sort_stats("cumulative").print_stats(args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
