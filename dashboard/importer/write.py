"""Writing a valid import as a new data version: all tables of the shipped build with the survey
tables replaced and the calibration recomputed; written to a hidden folder, renamed into place, and
(unless told not to) made current in one atomic step."""

from __future__ import annotations

import datetime as dt
import getpass
import os
import secrets
import shutil
import socket
import sys
import time
from pathlib import Path

import pandas as pd

from dashboard import paths
from dashboard.data import calibration, derived, versions
from dashboard.data.sources import TABLES


def _slow_down_for_tests() -> None:
    """DASHBOARD_IMPORT_PAUSE=seconds makes the write phase slow, so a test can kill it midway."""
    pause = float(os.environ.get("DASHBOARD_IMPORT_PAUSE", "0") or 0)
    if pause:
        time.sleep(pause)


MAPPING_FILE = "mapping.toml"  # the mapping an import used, kept beside its tables (downloadable on the admin page)


def write_import(base: versions.DataVersion, new: dict[str, pd.DataFrame], files: dict[str, Path], *,
                 switch: bool = True, mapping: Path | None = None) -> versions.DataVersion:
    tables = {name: pd.read_parquet(base.table_path(name)) for name in TABLES if name not in new}
    tables.update(new)
    derived.add_columns(tables)
    tables["kalibrering"] = _calibration(tables)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    extra = {
        # one id per import, never the same for the same files: two imports never share a folder,
        # so deleting one (a cancelled preview) never takes away another's version
        "versjon": f"import-{stamp}-{secrets.token_hex(3)}",
        "importert": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "importert_av": f"{getpass.getuser()}@{socket.gethostname()}",
        "kommando": " ".join(sys.argv),
        "filer": [{"rolle": role, "navn": p.name, "bytes": p.stat().st_size, "sha256": versions.sha256(p)}
                  for role, p in files.items()],
        "erstattede_tabeller": sorted(new),
    }
    paths.VERSIONS.mkdir(parents=True, exist_ok=True)
    with versions.lock():
        versions.remove_leftovers()
        tmp = paths.VERSIONS / f".import-{stamp}-{os.getpid()}"
        try:
            manifest = versions.write_version(tables, tmp, kind="import", origin="import", extra=extra,
                                     table_meta=_import_meta(new, files), after_write=_slow_down_for_tests)
            final = paths.VERSIONS / manifest["versjon"]
            if mapping is not None and Path(mapping).is_file():
                shutil.copyfile(mapping, tmp / MAPPING_FILE)
            os.rename(tmp, final)  # a new id per import (the time and a random part): the folder is new
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
        _slow_down_for_tests()
        if switch:
            return versions.use(manifest["versjon"])
        return next(v for v in versions.available() if v.id == manifest["versjon"])


def _calibration(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    t = calibration.Tables(tables["kommuner"], tables["sentraler"], tables["respondenter"], tables["svar"],
                           tables["diskurs"])
    try:
        cal = calibration.calibration_table(t, tables["rapporttall"])
    except Exception:  # noqa: BLE001 - real data may lack items a check needs; the comparison is then empty
        cal = tables["kalibrering"].iloc[0:0]
    cal["kilde"] = "import"
    return cal


def _import_meta(new: dict[str, pd.DataFrame], files: dict[str, Path]) -> dict[str, dict]:
    source = {"sentraler": "register", "respondenter": "frivilligsentral", "svar": "frivilligsentral",
              "diskurs": "diskurs"}
    meta = {}
    for name in new:
        role = source[name]
        fname = files[role].name if role in files else None
        surveys = f"{files['frivilligsentral'].name}, {files['kommune'].name}"
        names = fname if name not in ("respondenter", "svar") else surveys
        meta[name] = {"demo": False, "importfil": names,
                      "kilde": f"Importert fil: {names}" if fname or name in ("respondenter", "svar") else
                      "Ingen fil importert (tom tabell)",
                      "lisens": "Intern (Distriktssenteret og partnere)"}
    meta["kalibrering"] = {"demo": False, "kilde": "Importerte data sammenlignet med rapportens tall",
                           "lisens": "Intern"}
    return meta
