"""One in-memory DuckDB connection per data version, created once per process and shared (every query runs on
its own cursor: DuckDB connections are not safe to share across threads). A connection has a view per
Parquet table of the version and the filter macros (queries/_macros.sql); a version written before the
derived columns were stored gets them in memory, by the same rule."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import duckdb
import pandas as pd

from dashboard import paths
from dashboard.data import derived, versions
from dashboard.data.catalogue import MACROS, TABLE_NAMES, Query, QueryError, load

log = logging.getLogger(__name__)

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


def execute(q: Query, version: versions.DataVersion, bound: dict) -> pd.DataFrame:
    """Run a query on its own cursor of the version's connection; a DuckDB error names the query."""
    cur = connection(version).cursor()
    try:
        return cur.execute(q.sql, bound).df()
    except duckdb.Error as exc:
        raise QueryError(f"{q.name}: {exc}") from exc
    finally:
        cur.close()


def read(name: str, version: versions.DataVersion, **params) -> pd.DataFrame:
    """A query's whole result, uncached and unsuppressed: for the inputs of the disclosure decision and other
    internal reads, never for a page."""
    q = load(name)
    return execute(q, version, {k: params[k] for k in q.params})
