"""The same pages and queries on survey data 10x and 100x larger: the shipped build with the answers
replicated (new respondent ids, the same municipalities), written as a data version in a temporary
folder and read through ``versions.using_data``."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pandas as pd

from bench.queries import query_times
from bench.reruns import page_reruns
from dashboard.data import versions
from dashboard.data.sources import TABLES

FACTORS = (10, 100)


def scaled_build(factor: int, out: Path) -> Path:
    """The shipped build with the survey answers replicated ``factor`` times (new respondent ids)."""
    base = versions.shipped()
    tables = {t: pd.read_parquet(base.table_path(t)) for t in TABLES}
    r, s = tables["respondenter"], tables["svar"]
    rs, ss = [], []
    for i in range(factor):
        suffix = "" if i == 0 else f"-x{i}"
        rs.append(r.assign(respondent_id=r["respondent_id"] + suffix))
        ss.append(s.assign(respondent_id=s["respondent_id"] + suffix))
    tables["respondenter"] = pd.concat(rs, ignore_index=True)
    tables["svar"] = pd.concat(ss, ignore_index=True)
    versions.write_version(tables, out, kind="demo", origin=f"bench x{factor}")
    return out


def at_scale(reps: int, calls: list, log) -> dict[int, tuple[dict, list[dict]]]:
    """factor -> (page reruns, query times) on the scaled builds."""
    out = {}
    tmp = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    try:
        for factor in FACTORS:
            log(f"skala x{factor} ...")
            with versions.using_data(built=scaled_build(factor, tmp / f"x{factor}")):
                pages, _ = page_reruns(max(3, reps // 2))
                out[factor] = (pages, query_times(max(3, reps), calls))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out
