"""Free selections never show numbers of their own: a list of municipalities, one municipality's response
rate, a small selection; each is shown through a predefined group (or hidden).

That every selection a visitor can make shows only numbers of predefined groups, and that no combination
of those numbers isolates 1-4 respondents (per question's answered set), is proved by the independent
audit in test_disclosure_audit.py; it replaced this module's pairwise sweep, which it subsumes (a
difference of two shown numbers is one of the combinations the proof excludes)."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.data import anonymity, gateway, protection
from dashboard.data.filters import Filters
from tests.support.pages import page_queries


@pytest.fixture(scope="module")
def survey_calls():
    """The survey queries the pages run, recorded from real page runs (profile included)."""
    calls = {(name, params): (name, dict(params)) for _path, _part, name, params in page_queries()
             if gateway.load(name).rule is not None}
    assert len(calls) >= 15, sorted(calls)
    return list(calls.values())


def test_a_free_selection_of_municipalities_cannot_be_differenced():
    """The issue's case: A = five municipalities and A + 1822 show the same (predefined group) numbers."""
    a = ("1811", "1812", "1816", "1818", "1820")
    one = gateway.run("fordeling", Filters(kommuner=a), blokk="velferd", sprak="nb")
    two = gateway.run("fordeling", Filters(kommuner=(*a, "1822")), blokk="velferd", sprak="nb")
    pd.testing.assert_frame_equal(one.df, two.df)
    assert one.group == two.group and one.group.fylke == "18" and not one.group.exact


def test_response_rate_for_one_municipality_is_a_group_rate():
    r = gateway.run("nokkeltall_svar", Filters(kommuner=("1566",)))
    assert r.group is not None and not r.group.exact
    whole = gateway.run("nokkeltall_svar", r.group.filters(protection.lattice(gateway.versions.current()).forms,
                                                             Filters()))
    pd.testing.assert_frame_equal(r.df, whole.df)


def test_sweep_finds_small_groups_at_all(survey_calls):
    """The sweep is not vacuous: a small selection (Nordland, foundations) cannot be shown as it is; its survey
    numbers come from a wider group (the nearest that can draw the figure) or are hidden."""
    f = Filters(fylker=("18",), eierformer=("stiftelse",), sentralitetsklasser=(5, 6))
    results = [gateway.run(n, f, **p) for n, p in survey_calls]
    hidden = sum(int(r.df.get(anonymity.FLAG, pd.Series(dtype=bool)).sum()) for r in results)
    wider = sum(r.group is not None and (r.group.fylke is None or r.group.eier is None) for r in results)
    assert wider > 0 and hidden + wider >= len(results) // 2
