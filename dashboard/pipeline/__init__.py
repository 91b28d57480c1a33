"""The data build: data/raw -> data/built (Parquet), deterministic.

    python -m dashboard build-data

Two builds from the same sources give byte-identical files (fixed seed, sorted rows, no timestamps
in the files). The build refuses to write demo data that does not reproduce the report's numbers.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from dashboard import calibration
from dashboard.pipeline import codebook, demo, registers, report
from dashboard.versions import write_version


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
