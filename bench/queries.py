"""Every named query the pages run, timed in DuckDB without the gateway's cache (p50/p95), and the
pandas twin of the same computation where there is one (its answer checked against DuckDB's)."""

from __future__ import annotations

import time

from bench import pandas_twins
from bench.reruns import open_page
from bench.stats import median, p95
from dashboard.data import connections, gateway, versions
from dashboard.data.filters import DEFAULT
from dashboard.ui import navigation

PROFILE_MUNICIPALITY = "1818"  # Herøy (Nordland): a district municipality with a centre


def recorded_calls() -> list[tuple[str, dict]]:
    """The (query, parameters) the pages actually run, recorded from one run of every page."""
    calls: dict = {}
    with gateway.recording() as rec:
        for file, path, *_ in navigation.SPECS:
            open_page(file, path, {"kommune": [PROFILE_MUNICIPALITY]} if path == "kommune" else None)
    for name, _f, params in rec:
        calls.setdefault((name, repr(sorted(params.items()))), (name, params))
    return list(calls.values())


def _duck(name: str, params: dict, reps: int) -> list[float]:
    q = gateway.load(name)
    bound = {**DEFAULT.params(), **params}
    bound = {k: bound[k] for k in q.params}
    con = connections.connection(versions.current())
    times = []
    for _ in range(reps):
        cur = con.cursor()
        t0 = time.perf_counter()
        cur.execute(q.sql, bound).df()
        times.append(time.perf_counter() - t0)
        cur.close()
    return times


def _pandas(name: str, twin, params: dict, reps: int) -> dict:
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        got = twin(params)
        times.append(time.perf_counter() - t0)
    return {"pandas_p50": median(times), "pandas_p95": p95(times), "same": pandas_twins.same(name, params, got)}


def query_times(reps: int, calls=None) -> list[dict]:
    twins = pandas_twins.twins()
    rows = []
    for name, params in calls or recorded_calls():
        d = _duck(name, params, reps)
        row = {"query": name, "params": ", ".join(f"{k}={v}" for k, v in params.items() if k != "sprak"),
               "duck_p50": median(d), "duck_p95": p95(d)}
        if name in twins:
            row.update(_pandas(name, twins[name], params, reps))
        rows.append(row)
    return rows
