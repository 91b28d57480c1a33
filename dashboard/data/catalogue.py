"""The query catalogue: the named SQL files in queries/, each read once into a :class:`Query` (its text,
what question it answers, its bound parameters, the tables it reads, and its anonymity rule).

Header lines a query file may carry::

    -- Free text: what question the query answers (first comment line).
    -- @survey n=n; values=andel,antall; groups=eierform; partition=sporsmal_id
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache

from dashboard import paths
from dashboard.data import anonymity, derived, schema

MACROS = "_macros"
PARAM_RE = re.compile(r"\$([a-z_][a-z0-9_]*)")

log = logging.getLogger(__name__)


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


def question_patterns() -> tuple[str, ...]:
    """The answered sets survey queries declare as patterns (e.g. 'fs_partner_%'), for the lattice."""
    return tuple(sorted({p for n in names() if (r := load(n).rule) for p in r.questions if "%" in p}))
