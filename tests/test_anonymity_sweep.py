"""Sweep every combination of the global filters (fylke x eierform x sentralitetsklasse, plus each
single municipality) over every survey query the pages run, and assert that no displayed survey
number rests on 1-4 respondents (primary and the simple secondary suppression)."""

from __future__ import annotations

import itertools
from concurrent.futures import ThreadPoolExecutor

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import anonymity, gateway
from dashboard.filters import Filters
from dashboard.paths import ROOT

PAGES = ["oversikt.py", "sentralitetskart.py", "eierskap.py", "samarbeid.py", "drivere.py", "betydning.py",
         "kommuneprofil.py", "om_dataene.py", "samskaping.py", "tilgjengelighet.py"]


@pytest.fixture(scope="module")
def survey_calls():
    """The survey queries the pages run, recorded from real page runs (profile included)."""
    calls = {}
    with gateway.recording() as rec:
        for page in PAGES:
            at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=120)
            at.query_params["kommune"] = ["4036"]
            at.run()
            at.switch_page(f"../pages/{page}").run()
            assert not at.exception
    for name, _filters, params in rec:
        if gateway.load(name).rule is not None:
            calls[(name, tuple(sorted(params.items())))] = (name, params)
    assert len(calls) >= 15, sorted(calls)
    return list(calls.values())


def _check(call, f: Filters) -> list[str]:
    name, params = call
    r = gateway.run(name, f, **params)
    rule = gateway.load(name).rule
    bad = anonymity.visible_violations(r.df, rule)
    out = [f"{name} {params} {f}: {len(bad)} rader med 1-4 respondenter vises"] if not bad.empty else []
    # secondary: within a breakdown, never exactly one hidden group next to shown groups
    if rule.groups and not r.df.empty:
        keys = list(rule.partition) + list(rule.groups)
        df = r.df if rule.total is None else r.df[r.df[rule.groups[0]] != rule.total]
        bases = df.groupby(keys, dropna=False).agg(n=(rule.n[0], "max"), hidden=(anonymity.FLAG, "max")).reset_index()
        chunks = bases.groupby(list(rule.partition), dropna=False) if rule.partition else [((), bases)]
        for _, chunk in chunks:
            shown = chunk[(~chunk["hidden"]) & (chunk["n"] > 0)]
            hidden = chunk[chunk["hidden"]]
            if len(hidden) == 1 and len(shown) >= 1:
                out.append(f"{name} {params} {f}: én skjult gruppe kan regnes ut fra totalen")
    return out


def _sweep(calls, filters) -> list[str]:
    gateway.clear_cache()
    jobs = [(c, f) for f in filters for c in calls]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = pool.map(lambda job: _check(*job), jobs)
    problems = [p for r in results for p in r]
    gateway.clear_cache()
    return problems


def test_sweep_county_ownership_class(survey_calls, table):
    fylker = [()] + [(f,) for f in sorted(set(table("kommuner")["fylkesnummer"]))]
    eierformer = [()] + [(e,) for e in sorted(set(table("sentraler")["eierform"]))]
    klasser = [(), (5, 6)] + [(k,) for k in range(1, 7)]
    filters = [Filters(fylker=a, eierformer=b, sentralitetsklasser=c) for a, b, c in itertools.product(fylker, eierformer, klasser)]
    assert len(filters) >= 16 * 8 * 8
    problems = _sweep(survey_calls, filters)
    assert not problems, "\n".join(problems[:20])


def test_sweep_each_single_municipality(survey_calls, table):
    filters = [Filters(kommuner=(k,)) for k in sorted(table("kommuner")["kommunenummer"])]
    problems = _sweep(survey_calls, filters)
    assert not problems, "\n".join(problems[:20])


def test_sweep_finds_small_groups_at_all(survey_calls, table):
    """The sweep is not vacuous: many of the filters produce suppressed cells."""
    f = Filters(fylker=("18",), eierformer=("stiftelse",), sentralitetsklasser=(5, 6))
    hidden = sum(int(gateway.run(n, f, **p).df.get(anonymity.FLAG, pd.Series(dtype=bool)).sum()) for n, p in survey_calls)
    assert hidden > 0
