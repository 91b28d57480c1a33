"""Sweep every combination of the global filters (fylke x eierform x sentralitetsklasse, plus each
single municipality) over every survey query the pages run, and assert that

* no displayed survey number rests on 1-4 respondents (primary and the simple secondary suppression);
* no two displayed survey numbers rest on respondent sets that differ by 1-4 respondents
  (differencing: two views that pass the n >= 5 rule each must not together reveal an answer).

The respondent set behind each shown number is computed here from the Parquet tables, independently
of dashboard.survey_groups."""

from __future__ import annotations

import itertools
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import anonymity, gateway, navigation, sections
from dashboard.filters import Filters
from dashboard.paths import ROOT

ROLE = {"kun_egenregi": "egenregi", "mest_egenregi": "egenregi", "like_mye": "blanding",
        "mest_tilrettelegging": "bindeledd", "kun_tilrettelegging": "bindeledd"}


def _pages() -> list[str]:
    files = [spec[0] for spec in navigation.SPECS]
    assert len(files) >= 10
    return files


@pytest.fixture(scope="module")
def survey_calls():
    """The survey queries the pages run, recorded from real page runs (profile included)."""
    calls = {}
    with gateway.recording() as rec:
        for page in _pages():
            path = next(spec[1] for spec in navigation.SPECS if spec[0] == page)
            for part in sections.PARTS.get(path, (None,)):  # a long page builds one part per rerun: run each
                at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=120)
                at.query_params["kommune"] = ["4036"]
                if part:
                    at.query_params["del"] = [part]
                    at.switch_page(f"../pages/{page}")  # opened straight from the part's URL
                at.run()
                if not part:
                    at.switch_page(f"../pages/{page}").run()
                assert not at.exception
                assert part is None or at.session_state[sections.key(path)] == part
    for name, _filters, params in rec:
        if gateway.load(name).rule is not None:
            calls[(name, tuple(sorted(params.items())))] = (name, params)
    assert len(calls) >= 15, sorted(calls)
    return list(calls.values())


# -- who is behind a shown number (the oracle) ---------------------------------------------------

@pytest.fixture(scope="module")
def people(table):
    """One row per respondent: group, county, class, the ownership forms that select it, own form, role."""
    r = table("respondenter")
    k = table("kommuner").set_index("kommunenummer")
    s = table("sentraler")
    forms_in = s.groupby("kommunenummer")["eierform"].agg(set)
    own = s.set_index("sentral_id")["eierform"]
    svar = table("svar")
    role = svar[svar["sporsmal_id"] == "fs_rolle"].set_index("respondent_id")["svar_kode"].map(ROLE)
    out = pd.DataFrame({
        "rg": r["respondentgruppe"].to_numpy(),
        "fylke": r["kommunenummer"].map(k["fylkesnummer"]).to_numpy(),
        "klasse": r["kommunenummer"].map(k["sentralitetsklasse"]).to_numpy(),
        "own": r["sentral_id"].map(own).to_numpy(),
        "rolle": r["respondent_id"].map(role).to_numpy(),
    }, index=r["respondent_id"])
    out["forms"] = [({o} if isinstance(o, str) else set()) if g == "frivilligsentral" else forms_in.get(kn, set())
                    for g, o, kn in zip(out["rg"], out["own"], r["kommunenummer"])]
    return out


def _owner(form) -> str | None:
    if not isinstance(form, str):
        return None
    return form if form in ("kommunal", "lag_forening") else "andre"


def _members(people: pd.DataFrame, f: Filters, rg: str, breakdown) -> frozenset[str]:
    """The respondents of group ``rg`` that the (group) filters select, within a breakdown value."""
    m = people["rg"] == rg
    if f.fylker:
        m &= people["fylke"].isin(f.fylker)
    if f.sentralitetsklasser:
        m &= people["klasse"].isin(f.sentralitetsklasser)
    if f.kommuner:
        raise AssertionError("a survey query ran on a free selection of municipalities")
    if f.eierformer:
        m &= people["forms"].map(lambda forms: bool(forms & set(f.eierformer)))
    if breakdown in ("kommunal", "lag_forening", "andre"):
        m &= people["own"].map(_owner) == breakdown
    elif breakdown == "ikke_kommunal":
        m &= people["own"] != "kommunal"
    elif breakdown in ("egenregi", "blanding", "bindeledd"):
        m &= people["rolle"] == breakdown
    return frozenset(people.index[m])


# -- the sweep -----------------------------------------------------------------------------------

def _row_questions(rows: pd.DataFrame, rule: anonymity.Rule) -> list[tuple]:
    """Per row, the questions (or patterns like 'fs_fase_%') whose answered sets the row's numbers count."""
    cols = [rows[q] if q in rows.columns else pd.Series(q, index=rows.index) for q in rule.questions]
    return [tuple(v for v in vals if isinstance(v, str)) for vals in zip(*cols)] if cols else [()] * len(rows)


def _shown_numbers(r: gateway.Result, rule: anonymity.Rule) -> list[tuple[str, object, str | None]]:
    """(respondent group, breakdown value, question) of every row that shows a survey number; question
    None stands for the base N, counted over every respondent of the group."""
    df = r.df
    shown = pd.Series(False, index=df.index)
    for col in rule.values:
        if col in df.columns:
            shown |= df[col].notna()
    rows = df[shown]
    if rule.respondents:
        rgs = pd.Series([[rule.respondents]] * len(rows), index=rows.index, dtype=object)
    elif "respondentgruppe" in rows.columns:
        rgs = rows["respondentgruppe"].map(lambda g: [g])
    else:
        rgs = pd.Series([["frivilligsentral", "kommune"]] * len(rows), index=rows.index, dtype=object)
    values = rows[rule.groups[0]] if rule.groups else pd.Series(None, index=rows.index, dtype=object)
    out = set()
    for gs, v, qs in zip(rgs, values, _row_questions(rows, rule)):
        for g in gs:
            value = None if v == rule.total else v
            out.add((g, value, None))
            out.update((g, value, q) for q in qs if _QUESTION_GROUP.get(q[:2]) == g)
    return sorted(out, key=str)


_QUESTION_GROUP = {"fs": "frivilligsentral", "k_": "kommune"}


def _check(call, f: Filters) -> tuple[list[str], list[tuple]]:
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
    group_filters = r.group.filters(gateway._lattice(gateway.versions.current()).forms, f) if r.group else f
    shown = [(name, f, group_filters, rg, value, q) for rg, value, q in _shown_numbers(r, rule)]
    return out, shown


def _sweep(calls, filters) -> tuple[list[str], list[tuple]]:
    gateway.clear_cache()
    jobs = [(c, f) for f in filters for c in calls]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda job: _check(*job), jobs))
    gateway.clear_cache()
    return [p for r in results for p in r[0]], [s for r in results for s in r[1]]


@pytest.fixture(scope="module")
def swept(survey_calls, table):
    fylker = [()] + [(f,) for f in sorted(set(table("kommuner")["fylkesnummer"]))]
    eierformer = [()] + [(e,) for e in sorted(set(table("sentraler")["eierform"]))] + [("kommunal", "lag_forening")]
    klasser = [(), (5, 6)] + [(k,) for k in range(1, 7)]
    filters = [Filters(fylker=a, eierformer=b, sentralitetsklasser=c)
               for a, b, c in itertools.product(fylker, eierformer, klasser)]
    filters += [Filters(kommuner=(k,)) for k in sorted(table("kommuner")["kommunenummer"])]
    filters += [Filters(kommuner=("1811", "1812", "1816", "1818", "1820")),
                Filters(kommuner=("1811", "1812", "1816", "1818", "1820", "1822")),
                Filters(fylker=("18", "15")), Filters(fylker=("18", "15", "50"), sentralitetsklasser=(5,))]
    assert len(filters) >= 17 * 9 * 8
    return _sweep(survey_calls, filters)


def test_no_number_on_1_to_4_respondents(swept):
    problems, _ = swept
    assert not problems, "\n".join(problems[:20])


@pytest.fixture(scope="module")
def answered(table) -> dict[str, frozenset]:
    """Question -> the respondents who answered it, from the Parquet files."""
    svar = table("svar")
    return {q: frozenset(ids) for q, ids in svar.groupby("sporsmal_id")["respondent_id"]}


def _answered_by(answered: dict[str, frozenset], question: str) -> frozenset:
    if "%" not in question:
        return answered.get(question, frozenset())
    prefix = question.rstrip("%")
    return frozenset().union(*(ids for q, ids in answered.items() if q.startswith(prefix)))


def test_no_two_shown_numbers_differ_by_1_to_4_respondents(swept, people, answered):
    """Per respondent group and per question: two shown numbers never rest on answer sets differing by
    1-4 respondents (questions some skipped included); question None is the base N over everyone."""
    _, shown = swept
    sets: dict[tuple, str] = {}
    members: dict[tuple, frozenset] = {}
    for name, f, gf, rg, value, q in shown:
        if (gf, rg, value) not in members:
            members[(gf, rg, value)] = _members(people, gf, rg, value)
        who = members[(gf, rg, value)] if q is None else members[(gf, rg, value)] & _answered_by(answered, q)
        sets.setdefault((rg, q, who), f"{name} {f} {rg} {value} {q or ''}")
    by_rg: dict[tuple, list] = {}
    for (rg, q, members_), where in sets.items():
        by_rg.setdefault((rg, q), []).append((members_, where))
    problems = []
    for entries in by_rg.values():
        ids = sorted(set().union(*(m for m, _ in entries)))
        pos = {r: i for i, r in enumerate(ids)}
        mat = np.zeros((len(entries), len(ids)), dtype=np.int32)
        for i, (members, _) in enumerate(entries):
            mat[i, [pos[r] for r in members]] = 1
        n = mat.sum(axis=1)
        diff = n[:, None] + n[None, :] - 2 * (mat @ mat.T)
        for i, j in zip(*np.nonzero((diff > 0) & (diff < anonymity.MIN_RESPONDENTS))):
            if i < j:
                problems.append(f"{entries[i][1]}  vs  {entries[j][1]}: {diff[i, j]} respondenter forskjell")
    assert {rg for rg, _ in by_rg} == {"frivilligsentral", "kommune"} and len(by_rg) > 50
    assert sum(len(e) for e in by_rg.values()) > 500
    assert not problems, f"{len(problems)} par:\n" + "\n".join(problems[:20])


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
    whole = gateway.run("nokkeltall_svar", r.group.filters(gateway._lattice(gateway.versions.current()).forms,
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
