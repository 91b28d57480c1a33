"""Two synthetic data versions of another shape than the demo, made by deterministic changes of the
shipped demo tables and written as data versions (read through versions.using_data)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.data import derived, versions
from dashboard.data.sources import TABLES


def _tables() -> dict[str, pd.DataFrame]:
    base = versions.shipped()
    return {t: pd.read_parquet(base.table_path(t)) for t in TABLES}


def _drop(tables: dict, ids) -> None:
    ids = set(ids)
    tables["respondenter"] = tables["respondenter"][~tables["respondenter"]["respondent_id"].isin(ids)]
    tables["svar"] = tables["svar"][~tables["svar"]["respondent_id"].isin(ids)]


def _centres(tables: dict) -> pd.DataFrame:
    r = tables["respondenter"]
    k = tables["kommuner"].set_index("kommunenummer")
    own = tables["sentraler"].set_index("sentral_id")["eierform"]
    fs = r[r["respondentgruppe"] == "frivilligsentral"].sort_values("respondent_id")
    return fs.assign(fylke=fs["kommunenummer"].map(k["fylkesnummer"]), eier=fs["sentral_id"].map(own).map(
        lambda e: e if e in ("kommunal", "lag_forening") else "andre"))


def one_and_two(out: Path) -> Path:
    """Nordland (18) with exactly one centre respondent; two centres of the «andre» ownership group in
    all; Troms (55) with one municipality respondent."""
    t = _tables()
    fs = _centres(t)
    in18 = fs[fs["fylke"] == "18"]["respondent_id"].tolist()
    _drop(t, in18[1:])
    fs = _centres(t)
    _drop(t, fs[fs["eier"] == "andre"]["respondent_id"].tolist()[2:])
    r, k = t["respondenter"], t["kommuner"].set_index("kommunenummer")
    mun = r[(r["respondentgruppe"] == "kommune") & (r["kommunenummer"].map(k["fylkesnummer"]) == "55")]
    _drop(t, sorted(mun["respondent_id"])[1:])
    return _write(t, out, "en-og-to")


def moved_and_skipped(out: Path, seed: int = 19) -> Path:
    """Half the centres of Agder-Vestland (46) moved to municipalities of Trøndelag (50) of the same
    class; in every sixth question one answer in five dropped at random (never Figure 7's role question):
    more skipped items, with answered sets unlike the demo's (kept to some twenty, so the decision and the
    audit stay within the test suite's time)."""
    t = _tables()
    k = t["kommuner"]
    fs = _centres(t)
    moved = fs[fs["fylke"] == "46"].iloc[::2]
    klasse = k.set_index("kommunenummer")["sentralitetsklasse"]
    targets = {c: sorted(k[(k["fylkesnummer"] == "50") & (k["sentralitetsklasse"] == c)]["kommunenummer"])
               for c in (5, 6)}
    new_home = {}
    for i, row in enumerate(moved.itertuples()):
        choice = targets[int(klasse[row.kommunenummer])]
        new_home[row.sentral_id] = choice[i % len(choice)]
    s, r = t["sentraler"].copy(), t["respondenter"].copy()
    s["kommunenummer"] = s["sentral_id"].map(new_home).fillna(s["kommunenummer"])
    r["kommunenummer"] = [new_home.get(sid, kn) if g == "frivilligsentral" else kn
                          for sid, kn, g in zip(r["sentral_id"], r["kommunenummer"], r["respondentgruppe"])]
    t["sentraler"], t["respondenter"] = s, r
    svar = t["svar"].sort_values(["respondent_id", "sporsmal_id"]).reset_index(drop=True)
    questions = sorted(set(svar["sporsmal_id"]) - {derived.ROLE_ITEM})[::6]
    dropped = (np.random.default_rng(seed).random(len(svar)) < 0.2) & svar["sporsmal_id"].isin(questions)
    keep = ~dropped
    t["svar"] = svar[keep]
    return _write(t, out, "flyttet")


def _write(tables: dict, out: Path, name: str) -> Path:
    tables = derived.add_columns({k: v.reset_index(drop=True) for k, v in tables.items()})
    versions.write_version(tables, out, kind="demo", origin=f"revisjon {name}")
    return out
