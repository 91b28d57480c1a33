"""Make the demo answers agree with the report's comparative statements (dashboard/data/relations.py) without
changing any published number: every tilt swaps the answers of two respondents of the same item, so each
item's distribution, and every breakdown the calibration checks, stays exactly as dealt. Deterministic:
no random numbers, candidates in sorted order, the first eligible pair at a time."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np
import pandas as pd

Pairs = Callable[[], Iterator[tuple[str, str]]]


def swap_until(answers: dict, ok: Callable[[], bool], pairs: Pairs, what: str) -> None:
    """Swap answers[a] and answers[b] for the first pair that ``pairs`` yields (each respondent once) until ok()."""
    used: set[str] = set()
    while not ok():
        pair = next(((a, b) for a, b in pairs() if a not in used and b not in used), None)
        if pair is None:
            raise ValueError(f"demo: finner ingen flere bytter for å oppfylle «{what}»")
        a, b = pair
        answers[a], answers[b] = answers[b], answers[a]
        used |= {a, b}


def _share(answers: dict[str, str], ids, codes) -> float:
    ids = [r for r in ids if r in answers]
    return 100.0 * np.mean([answers[r] in codes for r in ids]) if ids else 0.0


def facilitators_mostly_municipal(roles: dict[str, str], owner: dict[str, str], facilitating, target: float) -> None:
    """«Kun et fåtall sentraler, først og fremst kommunale» are mainly facilitators (L104): swap a non-municipal
    facilitator's answer with a municipal centre's «like mye» (neither counts as own activities)."""
    def ok() -> bool:
        fac = [r for r in roles if roles[r] in facilitating]
        return 100.0 * np.mean([owner[r] == "kommunal" for r in fac]) >= target

    def pairs():
        for a in sorted(r for r in roles if roles[r] in facilitating and owner[r] != "kommunal"):
            for b in sorted(r for r in roles if roles[r] == "like_mye" and owner[r] == "kommunal"):
                yield a, b
    swap_until(roles, ok, pairs, "først og fremst kommunale bindeleddsentraler")


def fewer_types_in_class_6(profiles: dict[str, tuple], klasse: dict[str, int], role: dict[str, str],
                           margin: float) -> None:
    """Centres in class 6 offer fewer activity types than in class 5 (L2096): swap whole activity profiles
    between a class-6 and a class-5 centre of the same role type (the shares per role type stay exact)."""
    types = {r: sum(v != "nei" for v in p) for r, p in profiles.items()}

    def mean(k: int) -> float:
        return float(np.mean([sum(v != "nei" for v in profiles[r]) for r in profiles if klasse[r] == k]))

    def pairs():
        six = sorted((r for r in profiles if klasse[r] == 6), key=lambda r: (-types[r], r))
        five = sorted((r for r in profiles if klasse[r] == 5), key=lambda r: (types[r], r))
        for a in six:
            for b in five:
                if role[a] == role[b] and types[a] > types[b]:
                    yield a, b
    swap_until(profiles, lambda: mean(6) <= mean(5) - margin, pairs, "færre aktivitetstyper i klasse 6")


def welfare_alike_across_roles(answers: dict[str, str], role: dict[str, str], owner: dict[str, str],
                               spread: float) -> None:
    """The three role types take part in welfare cooperation «i like stor grad» (L2739): swap «ja» and «nei»
    between two centres of the same ownership group (the shares by ownership stay exact)."""
    def by_role() -> dict[str, float]:
        groups = sorted({role[r] for r in answers if isinstance(role[r], str)})
        return {g: _share(answers, [r for r in answers if role[r] == g], ("ja",)) for g in groups}

    def pairs():
        s = by_role()
        low, high = min(s, key=s.get), max(s, key=s.get)
        for a in sorted(r for r in answers if role[r] == low and answers[r] == "nei"):
            for b in sorted(r for r in answers if role[r] == high and answers[r] == "ja" and owner[r] == owner[a]):
                yield a, b
    swap_until(answers, lambda: max(by_role().values()) - min(by_role().values()) <= spread, pairs,
               "rolletypene bidrar i like stor grad")


def policy_makes_no_difference(answers: dict[str, str], with_policy: set[str], without: set[str], big,
                               margin: float) -> None:
    """Whether the municipality has a volunteering policy does not change the answers (L1255-1257): swap
    answers between a centre in a municipality with a policy and one without."""
    def gap() -> float:
        return _share(answers, with_policy, big) - _share(answers, without, big)

    def pairs():
        hi, lo = (with_policy, without) if gap() > 0 else (without, with_policy)
        for a in sorted(r for r in hi if r in answers and answers[r] in big):
            for b in sorted(r for r in lo if r in answers and answers[r] not in big):
                yield a, b
    swap_until(answers, lambda: abs(gap()) <= margin, pairs, "frivillighetspolitikk påvirker ikke svarene")


def satisfaction(scores: dict[tuple[str, str], str], keys: dict[tuple[str, str], dict], scale: dict[str, int],
                 dimension: str, favoured, low: float, high: float) -> None:
    """Swap the satisfaction of two centre-partner pairs with the same value on every other key of ``keys``
    (the partner among them), until the pairs where ``favoured(key)`` score between ``low`` and ``high`` higher on
    average than the others of this dimension (``dimension``: the key that tells them apart)."""
    members = {p: favoured(keys[p]) for p in scores if favoured(keys[p]) is not None}

    def diff() -> float:
        yes = [scale[scores[p]] for p in members if members[p]]
        no = [scale[scores[p]] for p in members if not members[p]]
        return float(np.mean(yes) - np.mean(no))

    def same(a, b) -> bool:
        return all(keys[a][k] == keys[b][k] for k in keys[a] if k != dimension)

    def pairs():
        for a in sorted((p for p in members if members[p]), key=lambda p: (scale[scores[p]], p)):
            for b in sorted((p for p in members if not members[p]), key=lambda p: (-scale[scores[p]], p)):
                if scale[scores[b]] > scale[scores[a]] and same(a, b):
                    yield a, b
    swap_until(scores, lambda: low <= diff() <= high, pairs, f"fornøydhet etter {dimension}")


def newer_when_focused(sentraler: pd.DataFrame, focused: set[str], wide: set[str], since: int,
                       margin: float) -> pd.DataFrame:
    """Centres with a «spisset» cooperation are more often newly started (L3097-3101): swap founding years
    between a focused and a wide centre (the register's years stay the same multiset)."""
    years = dict(zip(sentraler["sentral_id"], sentraler["etablert_aar"]))

    def new(ids) -> float:
        return 100.0 * np.mean([years[s] >= since for s in ids])

    def pairs():
        for a in sorted(s for s in focused if years[s] < since):
            for b in sorted(s for s in wide if years[s] >= since):
                yield a, b
    swap_until(years, lambda: new(focused) >= new(wide) + margin, pairs, "spisset samarbeid oftere nyoppstartet")
    out = sentraler.copy()
    out["etablert_aar"] = out["sentral_id"].map(years).astype("int64")
    return out
