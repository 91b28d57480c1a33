"""The one DuckDB gateway: a named query (dashboard.data.catalogue) run with bound parameters on the current data
version's connection (dashboard.data.connections), its result cached, and survey results suppressed before any
page, chart, table or download sees them.

* Queries are run by name with bound parameters only; values are never pasted into SQL text.
* Results are cached by (data version, query name, parameters). A new data version (an import,
  or ``dashboard data use``) changes the key, so the running app picks it up without a restart.
* A survey query runs on the nearest predefined group that holds the filters and can draw its figure;
  which cells may be shown is the version's disclosure decision (dashboard.data.protection).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd

from dashboard.data import anonymity, connections, protection, survey_groups, versions
from dashboard.data.catalogue import Query, QueryError, load, names  # noqa: F401 - the gateway's names for callers
from dashboard.data.connections import connection  # noqa: F401 - the gateway's name for callers
from dashboard.data.filters import Filters
from dashboard.data.lru import LRU

CACHE_SIZE = 4096


@dataclass(frozen=True)
class Result:
    """A query result with what a page needs to label it honestly."""

    df: pd.DataFrame
    query: str
    version: str
    tables: frozenset[str]
    demo_tables: frozenset[str] = field(default_factory=frozenset)
    survey: bool = False
    group: survey_groups.Group | None = None   # the predefined group a survey result describes
    filters: Filters | None = None             # the filters the caller asked with (the group may be wider)

    @property
    def demo(self) -> bool:
        return bool(self.demo_tables)

    @property
    def suppressed(self) -> bool:
        return bool(self.survey and anonymity.FLAG in self.df and self.df[anonymity.FLAG].any())


# -- running -------------------------------------------------------------------------------

_recording: list[tuple[str, Filters | None, dict]] | None = None


class recording:
    """Record every (query, filters, parameters) run inside the block (tests replay a page's queries)."""

    def __enter__(self) -> list[tuple[str, Filters | None, dict]]:
        global _recording
        _recording = []
        return _recording

    def __exit__(self, *exc) -> None:
        global _recording
        _recording = None


_cache = LRU(CACHE_SIZE)
_chosen = LRU(16 * CACHE_SIZE)  # (version, query, asked filters, parameters) -> the group its figure is shown through
_verdicts = LRU(CACHE_SIZE)  # cached result -> whether it can draw its figure


def _freeze(v):
    if isinstance(v, (list, tuple, set, frozenset)):
        return tuple(_freeze(x) for x in v)
    return v


def run(name: str, filters: Filters | None = None, *, data_version: versions.DataVersion | None = None,
        **params) -> Result:
    """Run the named query with the filters and extra parameters; cached per data version.

    A survey query runs on the nearest predefined group that holds the filters and can draw its
    figure (dashboard.data.survey_groups.Lattice.chain, anonymity.drawable); the result says which.
    ``data_version`` runs it on another version than the current one (the import preview)."""
    q = load(name)
    if _recording is not None:
        _recording.append((name, filters, dict(params)))
    version = data_version or versions.current()
    if q.rule is None:
        return replace(_cached(q, version, _bind(q, filters, params), None), filters=filters)
    lattice = protection.lattice(version)
    asked = (version.id, name, filters, tuple(sorted((k, _freeze(v)) for k, v in params.items())))
    chosen = _chosen.get(asked)
    if chosen is not None:  # the group this question was shown through before: no walk, no drawability test
        return replace(_cached(q, version, _bind(q, chosen.filters(lattice.forms, filters or Filters()), params),
                               chosen), filters=filters)
    for group in lattice.chain(filters or Filters()):
        bound = _bind(q, group.filters(lattice.forms, filters or Filters()), params)
        result = _cached(q, version, bound, group)
        if group.empty or _drawable(q, version, bound, group, result):
            break
    _chosen.put(asked, group)
    return replace(result, filters=filters)


def _drawable(q: Query, version: versions.DataVersion, bound: dict, group: survey_groups.Group,
              result: Result) -> bool:
    """Whether the result can draw its figure (anonymity.drawable), judged once per cached result."""
    key = _key(q, version, bound, group)
    verdict = _verdicts.get(key)
    if verdict is None:
        verdict = anonymity.drawable(result.df, q.rule)
        _verdicts.put(key, verdict)
    return verdict


def _key(q: Query, version: versions.DataVersion, bound: dict, group: survey_groups.Group | None) -> tuple:
    return version.id, q.name, group, tuple(sorted((k, _freeze(v)) for k, v in bound.items()))


def _cached(q: Query, version: versions.DataVersion, bound: dict, group: survey_groups.Group | None) -> Result:
    key = _key(q, version, bound, group)
    hit = _cache.get(key)
    if hit is None:
        hit = _execute(q, version, bound, group)
        _cache.put(key, hit)
    return Result(hit.df.copy(), hit.query, hit.version, hit.tables, hit.demo_tables, hit.survey, group)


def _bind(q: Query, filters: Filters | None, params: dict) -> dict:
    bound = dict(filters.params()) if filters is not None else {}
    bound.update(params)
    unknown = set(params) - q.params
    if unknown:
        raise QueryError(f"{q.name}: ukjente parametre {sorted(unknown)}")
    missing = q.params - set(bound)
    if missing:
        raise QueryError(f"{q.name}: mangler parametre {sorted(missing)}")
    return {k: bound[k] for k in q.params}


def _execute(q: Query, version: versions.DataVersion, bound: dict, group: survey_groups.Group | None) -> Result:
    df = connections.execute(q, version, bound)
    if q.rule is not None:
        rule = q.rule
        hidden = protection.lattice(version).hidden_rows(df, group, rule.groups[0] if rule.groups else None, rule.total,
                                               rule.respondents, rule.questions)
        df = anonymity.suppress(df, rule, hidden)
    return Result(df, q.name, version.id, q.tables, frozenset(q.tables & version.demo_tables()), q.rule is not None)


def withhold_differences(old: versions.DataVersion, new: versions.DataVersion) -> int:
    """Withhold, in the new version, every survey group shown in both that differs by 1-4 respondents
    (stored with the version; its decision is made again). Returns how many groups were withheld."""
    found = protection.withhold(old, new)
    clear_cache()
    protection.decide_protection(new)
    return found


def respondent_groups(result: Result) -> tuple[str, ...]:
    """The respondent groups whose answers a survey result shows."""
    rule = load(result.query).rule
    if rule is not None and rule.respondents:
        return (rule.respondents,)
    if "respondentgruppe" in result.df.columns:
        return tuple(g for g in survey_groups.RESPONDENT_GROUPS if g in set(result.df["respondentgruppe"]))
    return survey_groups.RESPONDENT_GROUPS


def clear_cache() -> None:
    _cache.clear()
    _chosen.clear()
    _verdicts.clear()
