"""The independent disclosure audit (issues 18, 19).

Written without dashboard.data.survey_groups or dashboard.data.disclosure: every survey call the pages make is
recorded from real page runs, replayed through the gateway on every filter state a visitor can choose,
and the respondents behind each shown number are worked out from the Parquet files
(tests/support/reach.py). Then exact arithmetic (tests/support/exact.py) proves, per respondent group
and per question's answered set, and over the whole respondent group for the bases N and response
counts, that no linear combination of the shown numbers isolates the answers of 1-4 respondents.
It runs on the shipped demo data and on two synthetic versions of another shape
(tests/support/shapes.py). The six attacks of issue 18 are regression tests at the end."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pandas as pd
import pytest

from dashboard.data import gateway, protection, versions
from dashboard.data.filters import Filters
from tests.support import audit, exact, shapes
from tests.support.reach import VALUES, Survey, items_of

DEFAULT_CLASSES = (5, 6)  # the default selection: the survey's classes


@pytest.fixture(scope="module")
def calls():
    found = audit.record_calls()
    assert len(found) >= 15 and {n for n, _ in found} >= {"fordeling", "fordeling_gruppe", "nokkeltall_svar"}
    return found


@pytest.fixture(scope="module")
def survey(table):
    return Survey.read(table)


@pytest.fixture(scope="module")
def demo(calls, survey, table):
    sizes = gateway._cache.size, gateway._verdicts.size
    gateway._cache.size = gateway._verdicts.size = 100_000  # every group's result stays for the selections
    yield audit.sweep(survey, calls, audit.filter_states(table))
    gateway._cache.size, gateway._verdicts.size = sizes
    gateway.clear_cache()


def _message(violations) -> str:
    return f"{len(violations)} isolerte mengder:\n" + "\n".join(map(str, violations[:15]))


# -- the algebra ------------------------------------------------------------------------------------

def _brute_force(cells: np.ndarray, weights: np.ndarray) -> list[tuple]:
    """T carries a combination of the rows iff dropping T's columns lowers the rank (exact)."""
    full = exact.rank(cells.tolist())
    out: list[tuple] = []
    small = [j for j in range(len(weights)) if 1 <= weights[j] <= exact.SMALL]
    for size in range(1, 5):
        for t in itertools.combinations(small, size):
            if weights[list(t)].sum() > exact.SMALL or any(set(f) <= set(t) for f in out):
                continue
            rest = [j for j in range(len(weights)) if j not in t]
            if (exact.rank(cells[:, rest].tolist()) if rest else 0) < full:
                out.append(t)
    return out


def test_the_exact_search_agrees_with_brute_force_on_random_cells():
    rng = random.Random(18)
    unsafe = 0
    for _ in range(250):
        rows, cols = rng.randint(1, 7), rng.randint(1, 9)
        cells = np.array([[int(rng.random() < 0.45) for _ in range(cols)] for _ in range(rows)])
        weights = np.array([rng.choice([1, 1, 1, 2, 3, 5]) for _ in range(cols)])
        found = sorted(exact.isolating_sets(cells, weights))
        assert found == sorted(_brute_force(cells, weights)), (cells, weights)
        unsafe += bool(found)
        fast, slow = exact.nullspace(cells), exact.nullspace_fraction_free(cells.tolist(), cols)
        assert len(fast) == len(slow) == cols - exact.rank(cells.tolist())
        assert not fast or not np.any(cells @ np.array(fast, dtype=np.int64).T)
    assert 20 < unsafe < 230  # both outcomes occur


def test_the_search_finds_the_issues_county_minus_the_others():
    """All minus every other county leaves the one respondent of the last county."""
    people = list(range(12))
    county = [frozenset(range(0, 6)), frozenset(range(6, 11))]   # respondent 11 is alone in a third county
    cells = [frozenset(people), *county]
    matrix, weights, members = exact.atoms(cells, people)
    assert [sorted(p for a in t for p in members[a]) for t in exact.isolating_sets(matrix, weights)] == [[11]]
    matrix, weights, _ = exact.atoms(county, people)
    assert exact.isolating_sets(matrix, weights) == []


# -- the audit --------------------------------------------------------------------------------------

def test_a_selection_shows_the_numbers_of_its_group_asked_directly(calls, table):
    """The audit asks every predefined group directly; a free selection (a municipality, two counties,
    a single ownership form) must show exactly the numbers of the group it names, asked directly."""
    munis = sorted(set(table("respondenter")["kommunenummer"]))
    selections = [Filters(kommuner=(munis[0],)), Filters(kommuner=(munis[len(munis) // 2],)),
                  Filters(fylker=("18", "15")), Filters(fylker=("46",), eierformer=("stiftelse",))]
    states = audit.filter_states(table)
    checked = 0
    for f in selections:
        for name, params in calls:
            r = gateway.run(name, f, **dict(params))
            g = r.group
            direct = gateway.run(name, audit.state_of(g, states), **dict(params))
            assert (direct.group.fylke, direct.group.klasse, direct.group.eier) == (g.fylke, g.klasse, g.eier)
            pd.testing.assert_frame_equal(r.df.reset_index(drop=True), direct.df.reset_index(drop=True))
            checked += 1
    assert checked >= 4 * 15


def test_every_shown_base_is_the_audits_own_count(demo):
    """The oracle agrees with the app on every shown row: n (and the response count) is the size of the
    respondent set the audit computes for the row."""
    assert demo.numbers() > 300 and len(demo.cells) >= 30
    assert not demo.wrong, "\n".join(demo.wrong[:20])


def test_no_combination_of_shown_numbers_isolates_1_to_4_respondents(demo):
    violations = audit.prove(demo)
    assert not violations, _message(violations)


def test_every_selection_shows_numbers_the_audit_proved(demo, calls, table):
    """Whatever a visitor selects (every combination of the sidebar's county, ownership and class filters,
    every single municipality, lists), each survey figure shows the numbers of a predefined group exactly as
    the audit asked it, or nothing (zeros where the selection has no respondents, e.g. class 1): so the
    proof above covers every selection. Selections with the same
    chain of groups are run once (the chain is all the gateway reads of a selection; the next test
    compares selections of different kinds that share one)."""
    states = audit.filter_states(table)
    lat = protection.lattice(gateway.versions.current())
    chains: dict[tuple, Filters] = {}
    everything = audit.selections(table)
    for f in everything:
        chains.setdefault(tuple((g, g.filters(lat.forms, f)) for g in lat.chain(f)), f)
    assert 100 < len(chains) < len(everything) // 3
    checked = empty = 0
    for f in chains.values():
        for call in calls:
            r = gateway.run(call[0], f, **dict(call[1]))
            if r.group.empty:
                whole = demo.results[(call, states[0])].df  # outside the survey's classes: zeros or all of it
                assert all((r.df[c].fillna(0) == 0).all() for c in VALUES[call[0]] if c in r.df) or \
                    all(r.df[c].tolist() == whole[c].tolist() for c in VALUES[call[0]] if c in r.df), (call, f)
                empty += 1
                continue
            expected = demo.results[(call, audit.state_of(r.group, states))]
            pd.testing.assert_frame_equal(r.df, expected.df, obj=f"{call} {f}")
            checked += 1
    assert checked > 100 * len(calls) and empty > 0


def test_selections_with_one_chain_show_the_same_numbers(demo, calls, table):
    """Why the test above may run one selection per chain: a municipality, another of its county and
    class, and its county and class selected in the sidebar show identical results."""
    k = table("kommuner").set_index("kommunenummer")
    munis = sorted(table("respondenter")["kommunenummer"].unique())[::30]
    assert len(munis) >= 5
    for kn in munis:
        fylke, klasse = k.at[kn, "fylkesnummer"], int(k.at[kn, "sentralitetsklasse"])
        twin = k[(k["fylkesnummer"] == fylke) & (k["sentralitetsklasse"] == klasse)].index.difference([kn])
        kinds = [Filters(kommuner=(kn,)), Filters(fylker=(fylke,), sentralitetsklasser=(klasse,))]
        kinds += [Filters(kommuner=(twin[0],))] if len(twin) else []
        for name, params in calls:
            first, *rest = [gateway.run(name, f, **dict(params)).df for f in kinds]
            for other in rest:
                pd.testing.assert_frame_equal(first, other)


def test_the_audit_finds_the_issues_first_attack_if_every_county_were_shown(demo, survey):
    """Not vacuous on the app's own numbers: add every county's centres as shown cells (the app hides
    some) and the proof finds the lone respondent of the county with 1-4 centres."""
    lone, _ = _lone_county(survey)
    everyone = survey.everyone("frivilligsentral")
    cells = dict(demo.cells[("frivilligsentral", everyone)])
    for f in sorted(set(survey.people["fylkesnummer"].dropna())):
        cells.setdefault(survey.members("frivilligsentral", f, None, None), f"?fylke={f}")
    found = audit.prove(audit.Reach(cells={("frivilligsentral", everyone): cells}))
    lone_ones = survey.members("frivilligsentral", lone, None, None)
    assert any(set(v.who) <= lone_ones for v in found), _message(found)


@pytest.fixture(scope="module", params=["en_og_to", "flyttet"])
def synthetic(request, calls, tmp_path_factory):
    make = {"en_og_to": shapes.one_and_two, "flyttet": shapes.moved_and_skipped}[request.param]
    built = make(tmp_path_factory.mktemp(request.param))
    with versions.using_data(built=built) as version:
        tables: dict[str, pd.DataFrame] = {}

        def table(name):
            if name not in tables:
                tables[name] = pd.read_parquet(version.table_path(name))
            return tables[name].copy()
        survey = Survey.read(table)
        yield request.param, survey, audit.sweep(survey, calls, audit.filter_states(table))
    gateway.clear_cache()


def test_synthetic_shapes_are_what_they_claim(synthetic):
    name, survey, reach = synthetic
    p = survey.people
    fs = p[p["respondentgruppe"] == "frivilligsentral"]
    if name == "en_og_to":
        assert (fs["fylkesnummer"] == "18").sum() == 1
        assert (fs["eierform"].map(lambda e: e not in ("kommunal", "lag_forening") and isinstance(e, str))).sum() == 2
    else:
        assert len(survey.answered) > 100 and min(len(a) for a in survey.answered.values()) < 150
    assert not reach.wrong, "\n".join(reach.wrong[:20])


def test_no_combination_isolates_1_to_4_respondents_in_synthetic_shapes(synthetic):
    _, _, reach = synthetic
    violations = audit.prove(reach)
    assert not violations, _message(violations)


# -- the six attacks of issue 18 ------------------------------------------------------------------



def _f(fylke=None, klasse=None, eier=None) -> Filters:
    forms = {"kommunal": ("kommunal",), "lag_forening": ("lag_forening",)}.get(eier, ())
    return Filters(fylker=(fylke,) if fylke else (), eierformer=forms,
                   sentralitetsklasser=(klasse,) if klasse else DEFAULT_CLASSES)


def _support(survey: Survey, terms, rg: str, universe: frozenset) -> int:
    """Respondents on which sum(coef * group) rests, within the universe (the oracle; as if shown)."""
    weight: dict[str, int] = {}
    for coef, group in terms:
        for p in survey.members(rg, *group) & universe:
            weight[p] = weight.get(p, 0) + coef
    return sum(1 for c in weight.values() if c)


def _attack(survey: Survey, call, terms) -> tuple[list[str], list[int]]:
    """(what the shown numbers of the terms reveal: items whose combination rests on 1-4 respondents,
    the sizes the same combination would rest on if every term were shown as asked)."""
    name, params = call
    results = [gateway.run(name, _f(*group), **dict(params)) for _, group in terms]
    as_asked = all((r.group.fylke, r.group.klasse, r.group.eier) == group for r, (_, group) in zip(results, terms))
    items = [items_of(survey, name, r) for r in results]
    revealed = []
    for key in set.intersection(*(set(i) for i in items)) if as_asked else ():
        weight: dict[str, int] = {}
        for (coef, _), shown in zip(terms, items):
            for p in shown[key][0]:
                weight[p] = weight.get(p, 0) + coef
        n = sum(1 for c in weight.values() if c)
        if 0 < n <= exact.SMALL:
            revealed.append(f"{name} {dict(params)} {key}: {n} respondent(er)")
    rgs = {"nokkeltall_svar": ("frivilligsentral", "kommune")}.get(name, ("frivilligsentral",))
    df = results[0].df
    universes = [survey.everyone(rg) for rg in rgs] if "sporsmal_id" not in df else \
        [survey.answered_by((q,)) & survey.everyone("frivilligsentral") for q in df["sporsmal_id"].unique()
         if q.startswith("fs_")]
    intended = [_support(survey, terms, rg, u) for rg in rgs for u in universes]
    return revealed, intended


def _calls_of(calls, path, part=None):
    return [c for c, views in calls.items() if (path, part) in views]


def _assert_closed(survey, calls_, terms):
    revealed, intended = [], []
    for call in calls_:
        r, i = _attack(survey, call, terms)
        revealed += r
        intended += i
    assert any(0 < n <= exact.SMALL for n in intended), "the attack no longer targets 1-4 respondents in the data"
    assert not revealed, f"{len(revealed)}:\n" + "\n".join(revealed[:10])


def _lone_county(survey: Survey) -> tuple[str, list[str]]:
    fs = survey.people[survey.people["respondentgruppe"] == "frivilligsentral"]
    per = fs.groupby("fylkesnummer").size()
    lone = per[(per > 0) & (per <= exact.SMALL)].index
    assert len(lone), "no county with 1-4 centre respondents in the demo data"
    return lone[0], [f for f in per.index if f != lone[0]]


def test_attack_1_all_counties_minus_the_shown_counties(survey, calls):
    lone, others = _lone_county(survey)
    terms = [(1, (None, None, None))] + [(-1, (f, None, None)) for f in others]
    _assert_closed(survey, [c for c in calls if c[0] == "fordeling"][:4], terms)


def test_attack_2_county_minus_two_ownership_groups(survey, calls):
    terms = [(1, ("18", None, None)), (-1, ("18", None, "kommunal")), (-1, ("18", None, "lag_forening"))]
    _assert_closed(survey, _calls_of(calls, "samarbeid", "tjenester"), terms)


def test_attack_3_a_question_some_skipped(survey, calls):
    terms = [(1, ("18", None, None)), (-1, ("18", 6, None))]
    _assert_closed(survey, [c for c in calls if c[0] in ("fordeling", "fordeling_gruppe")], terms)


def test_attack_4_total_minus_the_shown_breakdown_in_one_figure(survey, calls, demo):
    """Within every shown figure with a breakdown: the total minus its shown groups never rests on 1-4
    (the issue's case: /samarbeid?del=lokaler&fylke=46&klasse=5, Figure 19, 11 - 7 = 4)."""
    name, params = next(c for c in _calls_of(calls, "samarbeid", "lokaler") if c[0] == "fordeling_gruppe")
    questions = gateway.run(name, _f("46", 5), **dict(params)).df["sporsmal_id"].unique()
    everyone, alle = survey.everyone("frivilligsentral"), survey.members("frivilligsentral", "46", 5, None)
    municipal = survey.members("frivilligsentral", "46", 5, None, "kommunal")
    assert any(0 < len((alle - municipal) & survey.answered_by((q,)) & everyone) <= exact.SMALL for q in questions)
    revealed = []
    for ((name_, params_), f), r in demo.results.items():
        if name_ != "fordeling_gruppe":
            continue
        shown = items_of(survey, name_, r)
        for (_rg, qs, value), (members, _) in shown.items():
            parts = [m for (_, qs2, v2), (m, _) in shown.items() if qs2 == qs and v2 is not None]
            rest = set(members).difference(*parts)
            if value is None and parts and 0 < len(rest) <= exact.SMALL:
                revealed.append(f"{name_} {dict(params_)} {f} {qs}: {len(rest)}")
    assert len(demo.results) > 100
    assert not revealed, f"{len(revealed)}:\n" + "\n".join(revealed[:10])


def test_attack_5_class_minus_ownership_minus_their_intersection(survey, calls):
    terms = [(1, ("18", 6, None)), (-1, ("18", None, "lag_forening")), (-1, ("18", 6, "kommunal"))]
    _assert_closed(survey, [c for c in calls if c[0] in ("fordeling", "fordeling_gruppe")], terms)


def test_attack_6_response_counts(survey, calls):
    lone, others = _lone_county(survey)
    terms = [(1, (None, None, None))] + [(-1, (f, None, None)) for f in others]
    _assert_closed(survey, [c for c in calls if c[0] == "nokkeltall_svar"], terms)
