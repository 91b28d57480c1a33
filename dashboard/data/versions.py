"""Data versions: the shipped build plus imported versions, and which one is current.

Layout::

    data/built/                 the shipped (demo) build, committed
    data/versions/<id>/         imported versions, each a full set of Parquet files + manifest.json
    data/versions/CURRENT       the id of the version in use (absent: the shipped build)

Switching version rewrites CURRENT through a temporary file and ``os.replace``, which is atomic,
so a reader sees either the old or the new id, never a torn one.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from dashboard import paths
from dashboard.data import schema
from dashboard.data.sources import TABLES

MANIFEST = "manifest.json"
MARKER = "CURRENT"
SHIPPED = "levert"  # name used on the command line for the shipped build


@dataclass(frozen=True)
class DataVersion:
    id: str
    path: Path
    manifest: dict

    @property
    def kind(self) -> str:
        return self.manifest.get("type", "demo")

    def table_path(self, name: str) -> Path:
        return self.path / f"{name}.parquet"

    def demo_tables(self) -> set[str]:
        return {n for n, e in self.manifest["tabeller"].items() if e.get("demo")}


def _load(path: Path) -> DataVersion | None:
    try:
        manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return DataVersion(manifest["versjon"], path, manifest)


def shipped() -> DataVersion:
    v = _load(paths.BUILT)
    if v is None:
        raise FileNotFoundError(f"{paths.BUILT}: ingen bygde data. Kjør 'python -m dashboard build-data'.")
    return v


def _marker() -> Path:
    return paths.VERSIONS / MARKER


def _stamp(path: str) -> tuple | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns, st.st_size


# (marker path, its stamp, the version's manifest path, its stamp) -> the version
_last: tuple[tuple, DataVersion] | None = None


def current() -> DataVersion:
    """The version in use; read again only when the marker or the version's manifest changed on disk.

    Pages ask about a hundred times per rerun; a switch replaces the marker (a new inode), so a stale
    answer cannot survive it; a rebuilt or removed manifest is noticed too."""
    global _last
    marker = str(_marker())
    if _last is not None:
        key = _last[0]
        if key[0] == marker and _stamp(marker) == key[1] and _stamp(key[2]) == key[3]:
            return _last[1]
    stamp = _stamp(marker)
    version = _read_current()
    manifest = str(version.path / MANIFEST)
    _last = ((marker, stamp, manifest, _stamp(manifest)), version)
    return version


def _read_current() -> DataVersion:
    try:
        vid = _marker().read_text(encoding="utf-8").strip()
    except OSError:
        return shipped()
    if vid and vid != SHIPPED:
        v = _load(paths.VERSIONS / vid)
        if v is not None:
            return v
    return shipped()


@contextlib.contextmanager
def using_data(built: Path | None = None, state: Path | None = None):
    """Inside the block the gateway reads other data: the shipped build from ``built`` (instead of
    data/built) and the imported versions and their marker from ``state`` (instead of data/versions);
    a folder left as None stays as it is. Yields the version then current; afterwards all is as before.

    For tools that run the app in their own process on other data (the benchmark's 10x and 100x
    builds, a temporary state folder). It changes the whole process, so it is not for the running app.
    Query results of different data stay apart: the gateway keys them by the version id."""
    global _last
    before = paths.BUILT, paths.VERSIONS
    paths.BUILT, paths.VERSIONS = Path(built or before[0]), Path(state or before[1])
    _last = None
    try:
        yield current()
    finally:
        paths.BUILT, paths.VERSIONS = before
        _last = None


def available() -> list[DataVersion]:
    out = [shipped()]
    if paths.VERSIONS.is_dir():
        for d in sorted(paths.VERSIONS.iterdir()):
            if d.is_dir() and not d.name.startswith("."):
                v = _load(d)
                if v is not None:
                    out.append(v)
    return out


def use(version_id: str) -> DataVersion:
    """Make ``version_id`` current (``levert`` or the shipped id = the shipped build)."""
    s = shipped()
    if version_id in (SHIPPED, s.id):
        target = s
        content = SHIPPED
    else:
        target = _load(paths.VERSIONS / version_id)
        if target is None:
            known = ", ".join(v.id for v in available())
            raise KeyError(f"ukjent dataversjon {version_id!r}; finnes: {known}")
        content = target.id
    paths.VERSIONS.mkdir(parents=True, exist_ok=True)
    tmp = paths.VERSIONS / f".{MARKER}.tmp-{os.getpid()}"
    tmp.write_text(content + "\n", encoding="utf-8")
    os.replace(tmp, _marker())
    return target


@contextlib.contextmanager
def lock():
    """One import or version switch at a time (an advisory lock file next to the versions)."""
    paths.VERSIONS.mkdir(parents=True, exist_ok=True)
    with open(paths.VERSIONS / ".lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def remove_leftovers() -> list[str]:
    """Delete half-written folders left by an interrupted import (call while holding the lock)."""
    removed = []
    if paths.VERSIONS.is_dir():
        for d in paths.VERSIONS.iterdir():
            if d.is_dir() and d.name.startswith("."):
                shutil.rmtree(d, ignore_errors=True)
                removed.append(d.name)
    return removed


# --- writing a version (shared by the pipeline and the importer) ---

DATES = {"kommuner": "2024-01-01", "kommuner_detalj": "2024-01-01", "fylker": "2024-01-01", "befolkning": "2026-01-01",
         "rapporttall": "2024-08-30", "kodebok": "2024-08-30", "kodebok_skala": "2024-08-30",
         "klassifikasjoner": "2024-08-30", "rapportkobling": "2024-08-30"}


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _write_parquet(df: pd.DataFrame, name: str, path: Path) -> None:
    cols = [c for c, _, _ in schema.COLUMNS[name]]
    missing = set(cols) - set(df.columns)
    if missing:
        raise ValueError(f"tabellen {name} mangler kolonnene {sorted(missing)}")
    table = pa.Table.from_pandas(df[cols], schema=schema.arrow_schema(name), preserve_index=False)
    table = table.replace_schema_metadata(None)
    pq.write_table(table, path, compression="zstd", write_statistics=True, use_dictionary=True)


def write_version(tables: dict[str, pd.DataFrame], out: Path, *, kind: str = "demo", origin: str = "build",
                  extra: dict | None = None, table_meta: dict[str, dict] | None = None,
                  after_write: Callable[[], None] | None = None) -> dict:
    """Write every table of schema.COLUMNS plus kilder.parquet and manifest.json (last) into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    entries: dict[str, dict] = {}
    for name in schema.COLUMNS:
        path = out / f"{name}.parquet"
        _write_parquet(tables[name], name, path)
        meta = {**TABLES[name], **(table_meta or {}).get(name, {})}
        entries[name] = {"rader": len(tables[name]), "sha256": sha256(path), "demo": bool(meta["demo"]),
                         "kilde": meta["kilde"], "lisens": meta["lisens"],
                         **({"importfil": meta["importfil"]} if meta.get("importfil") else {})}
        if after_write:
            after_write()
    stamp = (extra or {}).get("importert", "")[:10]
    kilder = pd.DataFrame([{"tabell": n, "beskrivelse": TABLES[n]["beskrivelse"], "kilde": e["kilde"],
                            "lisens": e["lisens"], "demo": e["demo"],
                            "dato": stamp if (stamp and not e["demo"] and n in (table_meta or {})) else
                            DATES.get(n),
                            "rader": e["rader"]} for n, e in entries.items()])
    pq.write_table(pa.Table.from_pandas(kilder, preserve_index=False).replace_schema_metadata(None),
                   out / "kilder.parquet", compression="zstd")
    digest = hashlib.sha256("".join(e["sha256"] for e in entries.values()).encode()).hexdigest()[:12]
    manifest = {"versjon": f"{'demo' if kind == 'demo' else 'import'}-{digest}", "type": kind, "opprinnelse": origin,
                "tabeller": entries, **(extra or {})}
    tmp = out / "manifest.json.tmp"
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    tmp.replace(out / "manifest.json")
    return manifest
