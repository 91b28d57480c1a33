"""The independent disclosure audit: run every recorded survey call on every filter state a visitor can
choose, collect the respondent set behind every shown number (tests.support.reach), and prove with
exact arithmetic (tests.support.exact) that no linear combination of them isolates 1-4 respondents,
per respondent group and per answered set, and over the whole respondent group for the bases."""

from __future__ import annotations

import itertools
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pandas as pd

from dashboard.data import gateway
from dashboard.data.filters import Filters
from tests.support import exact
from tests.support.pages import page_queries
from tests.support.reach import INTERNAL, VALUES, Survey, _url, cells_of


def record_calls() -> dict[tuple, list[tuple]]:
    """(query, params) -> the views (url path, part) that run it, from real page runs."""
    calls: dict[tuple, list[tuple]] = {}
    for path, part, name, params in page_queries():
        reads = gateway.load(name).tables & {"svar", "respondenter"}
        if reads and name not in INTERNAL:
            assert name in VALUES, f"{name} leser svar uten at revisjonen kjenner spørringen"
            calls.setdefault((name, params), []).append((path, part))
    return calls


def filter_states(table) -> list[Filters]:
    """Every predefined group asked directly: county (or all) x class (the default 5-6, 5, 6) x ownership
    (all, kommunal, lag/forening, the other forms together).

    That is every survey number a visitor can reach: whatever the selection (a municipality, several
    counties, one form), the gateway shows the numbers of one predefined group (``Result.group``) that
    could draw the figure, and asking that group directly shows the same numbers
    (test_a_selection_shows_the_numbers_of_its_group_asked_directly checks this on the pages' calls)."""
    s = table("sentraler")
    others = tuple(sorted({e for e in s["eierform"].dropna() if e not in ("kommunal", "lag_forening")}))
    fylker = [()] + [(f,) for f in sorted(set(table("kommuner")["fylkesnummer"]))]
    eier = [(), ("kommunal",), ("lag_forening",), others]
    return [Filters(fylker=a, eierformer=b, sentralitetsklasser=c)
            for a, b, c in itertools.product(fylker, eier, [(5, 6), (5,), (6,)])]


def selections(table) -> list[Filters]:
    """What a visitor can select in the sidebar: every county (or all) x every ownership form (or all, or
    two) x every class (or all, or the survey's), every single municipality, and some lists."""
    fylker = [()] + [(f,) for f in sorted(set(table("kommuner")["fylkesnummer"]))]
    eierformer = [()] + [(e,) for e in sorted(set(table("sentraler")["eierform"]))] + [("kommunal", "lag_forening")]
    klasser = [(), (5, 6)] + [(k,) for k in range(1, 7)]
    out = [Filters(fylker=a, eierformer=b, sentralitetsklasser=c)
           for a, b, c in itertools.product(fylker, eierformer, klasser)]
    out += [Filters(kommuner=(k,)) for k in sorted(table("kommuner")["kommunenummer"])]
    out += [Filters(kommuner=("1811", "1812", "1816", "1818", "1820")),
            Filters(kommuner=("1811", "1812", "1816", "1818", "1820", "1822")),
            Filters(fylker=("18", "15")), Filters(fylker=("18", "15", "50"), sentralitetsklasser=(5,))]
    return out


def state_of(group, states: list[Filters]) -> Filters:
    """The filter state of filter_states() that asks the predefined group directly."""
    for f in states:
        if (f.fylker[0] if f.fylker else None) == group.fylke and _owner_of(f) == group.eier and \
                (f.sentralitetsklasser[0] if len(f.sentralitetsklasser) == 1 else None) == group.klasse:
            return f
    raise AssertionError(f"{group} er ingen forhåndsdefinert gruppe")


def _owner_of(f: Filters) -> str | None:
    if not f.eierformer:
        return None
    return f.eierformer[0] if f.eierformer in (("kommunal",), ("lag_forening",)) else "andre"


@dataclass
class Reach:
    # (respondent group, universe) -> respondent set -> the first view that shows a number on it
    cells: dict[tuple, dict[frozenset, str]] = field(default_factory=dict)
    wrong: list[str] = field(default_factory=list)
    runs: int = 0
    results: dict[tuple, gateway.Result] = field(default_factory=dict)

    def numbers(self) -> int:
        return sum(len(c) for c in self.cells.values())


def sweep(survey: Survey, calls: dict[tuple, list[tuple]], states: list[Filters], workers: int = 4) -> Reach:
    gateway.clear_cache()
    jobs = [(call, f) for call in calls for f in states]  # one query at a time: its groups stay cached

    def one(job):
        (name, params), f = job
        return job, gateway.run(name, f, **dict(params))

    reach = Reach()
    seen: set = set()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for ((name, params), f), r in pool.map(one, jobs):
            reach.runs += 1
            reach.results[((name, params), f)] = r
            g = r.group
            key = (name, params, g.fylke, g.klasse, g.eier, g.empty, int(pd.util.hash_pandas_object(r.df).sum()))
            if key in seen:
                continue
            seen.add(key)
            found, wrong = cells_of(survey, name, r)
            reach.wrong += wrong
            view = f"{_url(calls[(name, params)][0], f)} ({name} {dict(params)})"
            for rg, universe, members in found:
                reach.cells.setdefault((rg, universe), {}).setdefault(members, view)
    return reach  # the gateway's cache stays warm: selections() are then checked against these results


@dataclass(frozen=True)
class Violation:
    rg: str
    universe: int            # respondents in the answered set (or the whole group for bases)
    respondents: int         # respondents isolated (1-4)
    who: tuple[str, ...]
    views: tuple[str, ...]

    def __str__(self) -> str:
        return (f"{self.rg}, svarmengde på {self.universe}: {self.respondents} respondent(er) {list(self.who)} "
                f"kan regnes ut av {len(self.views)} visninger, f.eks. {list(self.views[:3])}")


def prove(reach: Reach) -> list[Violation]:
    """Every minimal isolated set of 1-4 respondents, per (respondent group, answered set)."""
    out = []
    for (rg, universe), cells in sorted(reach.cells.items(), key=lambda kv: (kv[0][0], len(kv[0][1]))):
        sets = [c for c in cells if c]
        if not sets:
            continue
        matrix, weights, members = exact.atoms(sets, sorted(universe))
        for t in exact.isolating_sets(matrix, weights):
            who = tuple(sorted(p for a in t for p in members[a]))
            views = tuple(dict.fromkeys(cells[c] for c in sets if set(who) & c))
            out.append(Violation(rg, len(universe), len(who), who, views))
    return out
