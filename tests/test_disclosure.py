"""The secondary cell suppression (dashboard.data.disclosure) against a brute-force oracle in exact
rational arithmetic, and on the shapes of the attacks in issue 18."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest

from dashboard.data import disclosure


def _rank(rows: list[list[int]]) -> int:
    """Exact rank over the rationals."""
    m = [[Fraction(x) for x in r] for r in rows]
    rank, cols = 0, len(m[0]) if m else 0
    for c in range(cols):
        piv = next((i for i in range(rank, len(m)) if m[i][c] != 0), None)
        if piv is None:
            continue
        m[rank], m[piv] = m[piv], m[rank]
        for i in range(len(m)):
            if i != rank and m[i][c] != 0:
                f = m[i][c] / m[rank][c]
                m[i] = [a - f * b for a, b in zip(m[i], m[rank])]
        rank += 1
    return rank


def _oracle(published: np.ndarray, weights: np.ndarray) -> bool:
    """True when some set of atoms with 1-4 respondents in all carries a row-space vector:
    removing its columns lowers the rank (brute force over every such set)."""
    rows = published.tolist()
    full = _rank(rows)
    small = [i for i, w in enumerate(weights) if 0 < w <= 4]
    for size in range(1, 5):
        for t in itertools.combinations(small, size):
            if sum(weights[list(t)]) > 4:
                continue
            rest = [[r[j] for j in range(len(weights)) if j not in t] for r in rows]
            if _rank(rest) < full:
                return True
    return False


def _cells(*sets, n: int) -> np.ndarray:
    m = np.zeros((len(sets), n), dtype=bool)
    for i, s in enumerate(sets):
        m[i, list(s)] = True
    return m


def test_all_minus_the_other_counties_is_caught():
    """Issue 18, first attack: 'all' and every county but one reveal the one left (1 respondent)."""
    a, b = range(0, 10), range(10, 20)                          # and a third county of one: respondent 20
    everyone = list(range(21))
    assert disclosure.safe(_cells(everyone, a, n=21))            # the rest is 11: fine
    assert not disclosure.safe(_cells(everyone, a, b, n=21))     # 21 - 10 - 10 = 1
    assert disclosure.choose(_cells(everyone, a, b, n=21), [0, 1, 2]) == [0, 1]


def test_class_minus_ownership_minus_intersection_is_caught():
    """Issue 18, fifth attack: 14 - 5 - 8 = 1 from three overlapping groups, none differing by 1-4 pairwise."""
    klasse6 = list(range(14))                 # county 18, class 6
    lag = list(range(9, 14)) + [30, 31]       # lag_forening in county 18 (5 in class 6, 2 in class 5)
    komm6 = list(range(0, 8))                 # kommunal in class 6
    m = _cells(klasse6, lag, komm6, n=40)
    assert not disclosure.safe(m)
    assert disclosure.safe(m[:2]) and disclosure.safe(m[[0, 2]])


def test_a_difference_of_two_small_groups_is_caught():
    """No published combination may rest on 1-4 respondents, a difference of two small groups included."""
    m = _cells(range(0, 12), range(2, 14), n=20)   # differ by {0, 1} and {12, 13}: 4 respondents
    assert not disclosure.safe(m)
    assert disclosure.safe(_cells(range(0, 12), range(5, 20), n=20))


def test_margins_of_a_table_with_small_inner_cells_are_safe():
    """County and class margins only: inner cells of 1-4 stay hidden as long as every cut holds 5 or more."""
    rng = np.random.default_rng(1)
    county = rng.integers(0, 4, size=80)
    klass = rng.integers(0, 2, size=80)
    rows = [county == c for c in range(4)] + [klass == k for k in range(2)]
    assert disclosure.safe(np.array(rows))
    inner = (county == 0) & (klass == 0)
    assert 0 < inner.sum() <= 4 or disclosure.safe(np.array(rows + [inner]))


@pytest.mark.parametrize("seed", range(40))
def test_agrees_with_brute_force_in_exact_arithmetic(seed):
    rng = np.random.default_rng(seed)
    n_atoms = int(rng.integers(4, 9))
    weights = rng.choice([1, 1, 1, 2, 3, 5, 7], size=n_atoms)
    published = (rng.random((int(rng.integers(1, 6)), n_atoms)) < 0.5).astype(np.int64)
    found = disclosure.isolating_sets(published, weights)
    assert bool(found) == _oracle(published, weights), (published, weights, found)
    for t in found:  # every set named is a real one: removing it lowers the rank
        rest = np.delete(published, list(t), axis=1)
        assert _rank(rest.tolist()) < _rank(published.tolist()) and 0 < weights[list(t)].sum() <= 4


def test_choose_keeps_the_earlier_cell_and_is_the_one_at_a_time_greedy():
    rng = np.random.default_rng(7)
    members = rng.random((30, 60)) < 0.3
    order = list(rng.permutation(30))
    kept = disclosure.choose(members, order, batch=16)
    one_by_one: list[int] = []
    for i in order:
        if members[i].sum() > 4 and disclosure.safe(members[one_by_one + [i]]):
            one_by_one.append(i)
    assert kept == one_by_one
    assert disclosure.safe(members[kept]) and len(kept) > 3
