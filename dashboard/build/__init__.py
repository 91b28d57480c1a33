"""The data build: data/raw -> data/built (Parquet), deterministic.

    python -m dashboard build-data

Two builds from the same sources give byte-identical files (fixed seed, sorted rows, no timestamps
in the files). The build refuses to write demo data that does not reproduce the report's numbers.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from dashboard import schema
from dashboard.build import calibration, codebook, demo, registers, report
from dashboard.build.sources import TABLES

DATES = {"kommuner": "2024-01-01", "kommuner_detalj": "2024-01-01", "fylker": "2024-01-01", "befolkning": "2026-01-01",
         "rapporttall": "2024-08-30", "kodebok": "2024-08-30", "kodebok_skala": "2024-08-30", "klassifikasjoner": "2024-08-30",
         "rapportkobling": "2024-08-30"}


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


def build_tables(progress: Callable[[str], None] = print) -> dict[str, pd.DataFrame]:
    t0 = time.perf_counter()
    step = lambda msg: progress(f"[{time.perf_counter() - t0:5.1f} s] {msg}")  # noqa: E731
    step("1/6 kommuner og fylker (SSB, Kartverket) ...")
    kommuner, detalj = registers.municipalities(progress=step)
    fylker = registers.counties(kommuner)
    befolkning = registers.population()
    step("2/6 kodebok ...")
    cb = codebook.load()
    items, scales, classes = codebook.items(cb), codebook.scales(cb), codebook.classifications(cb)
    step("3/6 rapportens tall ...")
    numbers = report.load()
    step("4/6 demodata (fast frø) ...")
    generated = demo.generate(kommuner, items, scales)
    counts = generated["svar"].groupby("sporsmal_id").size()
    items["n_demo"] = items["sporsmal_id"].map(counts).astype("Int64")
    cal_items, n_items = calibration.calibrated_items(), calibration.counted_items()
    items["demo_kalibrering"] = [
        None if u != "2024" else "kalibrert" if i in cal_items else "bare N" if (i in n_items or pd.notna(n)) else "ukalibrert"
        for i, u, n in zip(items["sporsmal_id"], items["undersokelse"], items["n_rapport"])]
    step("5/6 kalibrering mot rapporten ...")
    t = calibration.Tables(kommuner, generated["sentraler"], generated["respondenter"], generated["svar"],
                           generated["diskurs"])
    cal = calibration.calibration_table(t, numbers)
    bad = cal[~cal["ok"]]
    if not bad.empty:
        raise ValueError("Demodataene gjengir ikke rapportens tall:\n"
                         + bad[["kontroll", "linje", "rapport_verdi", "demo_verdi"]].to_string(index=False))
    return {"kommuner": kommuner, "kommuner_detalj": detalj, "fylker": fylker, "befolkning": befolkning,
            "rapporttall": numbers, "kodebok": items, "kodebok_skala": scales, "klassifikasjoner": classes,
            "rapportkobling": calibration.report_links(numbers), "kalibrering": cal, **generated}


def build_all(out: Path | None = None, progress: Callable[[str], None] = print) -> dict:
    """Build everything into ``out`` (default data/built), replacing it only once the new build is complete."""
    from dashboard.paths import BUILT

    out = Path(out or BUILT)
    tables = build_tables(progress)
    progress("6/6 skriver Parquet ...")
    tmp = out.parent / f".{out.name}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    manifest = write_version(tables, tmp, kind="demo", origin="build")
    old = out.parent / f".{out.name}.old"
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    tmp.rename(out)
    shutil.rmtree(old, ignore_errors=True)
    progress(f"Ferdig: {out} (versjon {manifest['versjon']}, "
             f"{sum(e['rader'] for e in manifest['tabeller'].values())} rader)")
    return manifest
