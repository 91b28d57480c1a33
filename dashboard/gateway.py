"""The one DuckDB gateway: named SQL files in queries/, bound parameters, cached results.

* One in-memory DuckDB connection per data version, created once per process and shared;
  every query runs on its own cursor (DuckDB connections are not safe to share across threads).
* Queries are loaded by name from ``queries/<name>.sql`` and run with bound parameters only;
  values are never pasted into SQL text.
* Results are cached by (data version, query name, parameters). A new data version (an import,
  or ``dashboard data use``) changes the key, so the running app picks it up without a restart.
* Survey queries declare their anonymity rule in a header line and are suppressed here, before
  any page, chart, table or download sees them.

Header lines a query file may carry::

    -- Free text: what question the query answers (first comment line).
    -- @survey n=n; values=andel,antall; groups=eierform; partition=sporsmal_id
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import duckdb
import pandas as pd

from dashboard import anonymity, derived, paths, schema, survey_groups, versions
from dashboard.filters import Filters
from dashboard.lru import LRU

MACROS = "_macros"
PARAM_RE = re.compile(r"\$([a-z_][a-z0-9_]*)")
CACHE_SIZE = 4096


class QueryError(RuntimeError):
    pass


@dataclass(frozen=True)
class Query:
    name: str
    sql: str
    description: str
    params: frozenset[str]
    tables: frozenset[str]
    rule: anonymity.Rule | None


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


# -- query files -----------------------------------------------------------------------------

log = logging.getLogger(__name__)

TABLE_NAMES = (*schema.COLUMNS, "kilder")  # the built tables, plus the sources table every version has


def _tables_named(words: set[str]) -> set[str]:
    """The tables a query's words read: named tables, and the tables behind any derived column named."""
    return {t for t in TABLE_NAMES if t in words} | derived.sources(words)


@lru_cache(maxsize=1)
def _macro_tables() -> dict[str, frozenset[str]]:
    """Which tables each filter macro reads, directly or through other macros."""
    text = (paths.QUERIES / f"{MACROS}.sql").read_text(encoding="utf-8")
    bodies = {}
    for m in re.finditer(r"MACRO\s+(\w+)\s*\((.*?)\)\s+AS\s+TABLE(.*?);", text, re.S | re.I):
        params = {p.strip() for p in m.group(2).split(",")}
        bodies[m.group(1)] = " ".join(w for w in re.findall(r"\w+\s*\(?", m.group(3))
                                      if w.rstrip("( ").strip() not in params)
    out: dict[str, frozenset[str]] = {}

    def tables_of(name: str) -> frozenset[str]:
        if name not in out:
            found = _tables_named(set(re.findall(r"\w+", bodies[name])))
            for other in bodies:
                if other != name and re.search(rf"\b{other}\s*\(", bodies[name]):
                    found |= tables_of(other)
            out[name] = frozenset(found)
        return out[name]

    for name in bodies:
        tables_of(name)
    return out


@lru_cache(maxsize=None)
def load(name: str) -> Query:
    if not re.fullmatch(r"[a-z0-9_]+", name) or name == MACROS:
        raise QueryError(f"ugyldig spørringsnavn {name!r}")
    path = paths.QUERIES / f"{name}.sql"
    if not path.exists():
        raise QueryError(f"spørringen {name!r} finnes ikke ({path})")
    sql = path.read_text(encoding="utf-8")
    comments = [ln[2:].strip() for ln in sql.splitlines() if ln.startswith("--")]
    description = next((c for c in comments if not c.startswith("@")), name)
    rule = None
    for c in comments:
        if c.startswith("@survey"):
            rule = anonymity.parse_rule(c[len("@survey"):])
    body = "\n".join(ln for ln in sql.splitlines() if not ln.lstrip().startswith("--"))
    words = set(re.findall(r"\w+", PARAM_RE.sub(" ", body)))
    tables = _tables_named(words)
    for macro, used in _macro_tables().items():
        if re.search(rf"\b{macro}\s*\(", body):
            tables |= used
    return Query(name, sql, description, frozenset(PARAM_RE.findall(body)), frozenset(tables), rule)


def names() -> list[str]:
    return sorted(p.stem for p in paths.QUERIES.glob("*.sql") if p.stem != MACROS)


# -- connections ---------------------------------------------------------------------------

_lock = threading.Lock()
_connections: dict[str, duckdb.DuckDBPyConnection] = {}


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _add_derived_columns(con: duckdb.DuckDBPyConnection, version: versions.DataVersion) -> None:
    """A version written before the derived columns were stored gets them in memory, by the same rule."""
    def columns_of(table: str) -> set[str]:
        return {row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()}

    if not derived.missing(columns_of):
        return
    log.warning("dataversjonen %s mangler avledede kolonner; de regnes ut ved lesing", version.id)
    tables = derived.add_columns({t: con.execute(f"SELECT * FROM {t}").df() for t in derived.inputs()})
    for table in {table for table, _ in derived.COLUMNS.values()}:
        con.register("_derived", tables[table])
        con.execute(f"DROP VIEW {table}")
        con.execute(f"CREATE TABLE {table} AS SELECT * FROM _derived")
        con.unregister("_derived")


def connection(version: versions.DataVersion) -> duckdb.DuckDBPyConnection:
    """The shared connection for a data version (created once per process)."""
    with _lock:
        con = _connections.get(version.id)
        if con is None:
            con = duckdb.connect(":memory:", config={"threads": 2})
            unknown = set(version.manifest["tabeller"]) - set(TABLE_NAMES)
            if unknown:
                raise QueryError(f"dataversjonen {version.id} har ukjente tabeller: {sorted(unknown)}")
            for table in version.manifest["tabeller"]:
                con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet({_quote(version.table_path(table))})")
            _add_derived_columns(con, version)
            con.execute(f"CREATE VIEW kilder AS SELECT * FROM read_parquet({_quote(version.path / 'kilder.parquet')})")
            con.execute((paths.QUERIES / f"{MACROS}.sql").read_text(encoding="utf-8"))
            # Keep at most two versions open: the current one and the one being replaced.
            while len(_connections) >= 2:
                _connections.pop(next(iter(_connections))).close()
            _connections[version.id] = con
        return con


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
    figure (dashboard.survey_groups.Lattice.chain, anonymity.drawable); the result says which.
    ``data_version`` runs it on another version than the current one (the import preview)."""
    q = load(name)
    if _recording is not None:
        _recording.append((name, filters, dict(params)))
    version = data_version or versions.current()
    if q.rule is None:
        return replace(_cached(q, version, _bind(q, filters, params), None), filters=filters)
    lattice = _lattice(version)
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
    cur = connection(version).cursor()
    try:
        df = cur.execute(q.sql, bound).df()
    except duckdb.Error as exc:
        raise QueryError(f"{q.name}: {exc}") from exc
    finally:
        cur.close()
    if q.rule is not None:
        rule = q.rule
        hidden = _lattice(version).hidden_rows(df, group, rule.groups[0] if rule.groups else None, rule.total,
                                               rule.respondents, rule.questions)
        df = anonymity.suppress(df, rule, hidden)
    return Result(df, q.name, version.id, q.tables, frozenset(q.tables & version.demo_tables()), q.rule is not None)


def _lattice(version: versions.DataVersion) -> survey_groups.Lattice:
    return survey_groups.lattice_for(version.id, lambda: _build_lattice(version))


DECISION_FILE = "vern.json"


WITHHELD_FILE = "skjulte_grupper.json"


def _withheld(version: versions.DataVersion) -> dict[str, list]:
    try:
        return json.loads((version.path / WITHHELD_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def withhold_differences(old: versions.DataVersion, new: versions.DataVersion) -> int:
    """Withhold, in the new version, every survey group shown in both that differs by 1-4 respondents
    (stored with the version; its decision is made again). Returns how many groups were withheld."""
    found = survey_groups.differences(_lattice(old), _lattice(new))
    withheld = _withheld(new)
    for rg, cell, _, _ in found:
        withheld.setdefault(rg, []).append(list(cell))
    tmp = new.path / (WITHHELD_FILE + ".tmp")
    tmp.write_text(json.dumps(withheld, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    tmp.replace(new.path / WITHHELD_FILE)
    survey_groups.forget(new.id)
    clear_cache()
    decide_protection(new)
    return len(found)


def decide_protection(version: versions.DataVersion) -> None:
    """Decide (once per data version, at build and import) which survey cells may be shown, and store
    the decision with the version folder (see dashboard.survey_groups), even when a version with
    the same id was read before."""
    _build_lattice(version)


_decided: dict[str, dict] = {}  # decisions made in this process, by fingerprint (the same data imported again)


def _read_decision(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _build_lattice(version: versions.DataVersion) -> survey_groups.Lattice:
    """The version's lattice; its decision is read from the version folder when it was made for the
    same inputs, else made now (tens of seconds) and stored there for the next process."""
    people = run("respondent_grupper", data_version=version).df
    answers = run("respondent_svar", data_version=version).df
    forms = run("filter_eierformer", data_version=version, sprak="nb").df["kode"].tolist()
    withheld = _withheld(version)
    args = (people, run("filter_kommuner", data_version=version).df, forms, answers, question_patterns())
    fp = survey_groups.fingerprint(people, answers, forms, question_patterns(), withheld)
    path = version.path / DECISION_FILE
    own = _read_decision(path)
    if own and own.get("fingerprint") == fp:
        return survey_groups.Lattice(*args, decided=own)
    known = next((d for d in (_decided.get(fp), _read_decision(paths.BUILT / DECISION_FILE),
                              _read_decision(paths.decisions() / f"{fp}.json"))
                  if d and d.get("fingerprint") == fp), None)  # the same data decided before: copied, not redone
    lat = survey_groups.Lattice(*args, decided=known, withheld=withheld)
    _decided[fp] = {"fingerprint": fp, **lat.decision()}
    _write_decision(path, _decided[fp])
    if known is None:
        _write_decision(paths.decisions() / f"{fp}.json", _decided[fp])
    return lat


def _write_decision(path: Path, decision: dict) -> None:
    """Written whole or not at all (a unique temporary file renamed), so two processes never mix."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_text(json.dumps(decision, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:  # a read-only data folder: decided again in the next process
        log.warning("kunne ikke lagre vernebeslutningen i %s: %s", path, exc)


def group_size(group: survey_groups.Group, version: versions.DataVersion | None = None) -> dict[str, int]:
    """Respondents per respondent group in a predefined survey group (for 'N = 41 frivilligsentraler')."""
    lat = _lattice(version or versions.current())
    return {rg: lat.n[rg].get(group.cell(), 0) for rg in survey_groups.RESPONDENT_GROUPS}


def version_differences(old: versions.DataVersion, new: versions.DataVersion) -> list[tuple[str, survey_groups.Group,
                                                                                         str | None, int, int]]:
    """Survey groups shown in both versions whose respondents differ by 1-4 (see survey_groups.differences):
    (respondent group, group, breakdown value or None, respondents before, after)."""
    out = []
    for rg, (fy, kl, ei, ro), a, b in survey_groups.differences(_lattice(old), _lattice(new)):
        own = ei if ei in survey_groups.OWNER_GROUPS else None
        out.append((rg, survey_groups.Group(fy, kl, own), ro or (ei if own is None else None), a, b))
    return out


def respondent_groups(result: Result) -> tuple[str, ...]:
    """The respondent groups whose answers a survey result shows."""
    rule = load(result.query).rule
    if rule is not None and rule.respondents:
        return (rule.respondents,)
    if "respondentgruppe" in result.df.columns:
        return tuple(g for g in survey_groups.RESPONDENT_GROUPS if g in set(result.df["respondentgruppe"]))
    return survey_groups.RESPONDENT_GROUPS


def question_patterns() -> tuple[str, ...]:
    """The answered sets survey queries declare as patterns (e.g. 'fs_partner_%'), for the lattice."""
    return tuple(sorted({p for n in names() if (r := load(n).rule) for p in r.questions if "%" in p}))


def clear_cache() -> None:
    _cache.clear()
    _chosen.clear()
    _verdicts.clear()
