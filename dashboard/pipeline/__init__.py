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

from dashboard.data import calibration, derived, relations
from dashboard.data.versions import write_version
from dashboard.pipeline import codebook, demo, registers, report


def build_tables(progress: Callable[[str], None] = print) -> dict[str, pd.DataFrame]:
    t0 = time.perf_counter()

    def step(msg: str) -> None:
        progress(f"[{time.perf_counter() - t0:5.1f} s] {msg}")

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
    generated = demo.generate(kommuner, items, scales, classes)
    counts = generated["svar"].groupby("sporsmal_id").size()
    items["n_demo"] = items["sporsmal_id"].map(counts).astype("Int64")
    items["demo_kalibrering"] = _calibration_status(items)
    tables = derived.add_columns({"kommuner": kommuner, "kommuner_detalj": detalj, "fylker": fylker,
                                  "befolkning": befolkning, "rapporttall": numbers, "kodebok": items,
                                  "kodebok_skala": scales, "klassifikasjoner": classes, **generated})
    step("5/6 kalibrering mot rapporten ...")
    tables["rapportkobling"] = calibration.report_links(numbers)
    tables["kalibrering"] = _checked_calibration(tables)
    return tables


def _calibration_status(items: pd.DataFrame) -> list[str | None]:
    """How each item's demo answers are calibrated: kalibrert, bare N or ukalibrert (None outside 2024)."""
    cal_items, n_items = calibration.calibrated_items(), calibration.counted_items()
    return [None if u != "2024" else "kalibrert" if i in cal_items else "bare N" if (i in n_items or pd.notna(n))
            else "ukalibrert" for i, u, n in zip(items["sporsmal_id"], items["undersokelse"], items["n_rapport"])]


def _checked_calibration(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The calibration table; the build refuses demo data that misses any of the report's numbers."""
    t = calibration.Tables(tables["kommuner"], tables["sentraler"], tables["respondenter"], tables["svar"],
                           tables["diskurs"])
    relations.statements()  # every comparative statement of the report is listed and names a known check
    cal = calibration.calibration_table(t, tables["rapporttall"])
    bad = cal[~cal["ok"]]
    if not bad.empty:
        raise ValueError("Demodataene gjengir ikke rapportens tall:\n"
                         + bad[["kontroll", "linje", "rapport_verdi", "demo_verdi"]].to_string(index=False))
    return cal


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
    progress("Bestemmer hvilke grupper i undersøkelsen som kan vises (personvern) ...")
    from dashboard.data import protection, versions  # the decision runs the queries on the new build

    protection.decide_protection(versions._load(out))
    progress(f"Ferdig: {out} (versjon {manifest['versjon']}, "
             f"{sum(e['rader'] for e in manifest['tabeller'].values())} rader)")
    return manifest
