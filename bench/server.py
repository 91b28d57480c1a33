"""The server-side benchmark: ``python -m bench.server [--quick]`` writes BENCHMARKS.md.

Every number is a median over repeated runs, and each is reported next to a baseline measured in
the same run on the same machine, so the ratios are what the targets talk about:

* page rerun (warm) and filter change vs an empty Streamlit page (the framework floor), via
  streamlit.testing.AppTest, which runs the page script exactly as the server does (bench/reruns.py);
* cold start to first rendered page vs a hello-world app (real server, headless Chromium), and the
  bytes sent over the websocket per page and for the map of all 357 municipalities (bench/served.py);
* every named query (DuckDB, uncached) p50/p95, and pandas on the same Parquet files for the
  queries with a pandas twin (results are checked equal first; bench/queries.py, bench/pandas_twins.py);
* the same pages and queries on survey data 10x and 100x larger (bench/scale.py);
* memory per session (see also bench/load.py for 30 concurrent browser sessions).

The report is written by bench/server_report.py; the browser benchmark is ``python -m bench.browser_ux``.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import tempfile
import time
from pathlib import Path

from bench import load, queries, reruns, scale, served, server_report
from dashboard import paths
from dashboard.data import versions


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def measure(reps: int, quick: bool) -> dict:
    """Everything the report shows, measured on the shipped build."""
    log("sideoppdateringer (AppTest) ...")
    pages, floor = reruns.page_reruns(reps)
    log("filterendringer ...")
    filt = reruns.filter_changes(reps)
    log("spørringer ...")
    calls = queries.recorded_calls()
    q1 = queries.query_times(reps * 3, calls)
    at_scale = scale.at_scale(reps, calls, log)
    log("kaldstart (server + Chromium) ...")
    cold = served.cold_starts(3 if quick else 5)
    log("bytes per side ...")
    sent, map_bytes = served.bytes_per_page(), served.map_bytes()
    log("minne per økt ...")
    mem = load.memory_per_session(sessions=5)
    return {"reps": reps, "pages": pages, "floor": floor, "filter": filt, "queries": q1, "scale": at_scale,
            "cold": cold, "sent": sent, "map_bytes": map_bytes, "mem": mem}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.server")
    ap.add_argument("--quick", action="store_true", help="færre gjentakelser (for å prøve skriptet)")
    ap.add_argument("--out", type=Path, default=paths.ROOT / "BENCHMARKS.md")
    args = ap.parse_args(argv)
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").setLevel(logging.ERROR)
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    state = Path(tempfile.mkdtemp(prefix="bench-state-"))
    os.environ["DASHBOARD_STATE_DIR"] = str(state)  # for the servers started on the way
    try:
        with versions.using_data(state=state):  # never the installation's own data versions
            results = measure(3 if args.quick else 7, args.quick)
    finally:
        shutil.rmtree(state, ignore_errors=True)
    server_report.write(args.out, results)
    log(f"skrev {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
