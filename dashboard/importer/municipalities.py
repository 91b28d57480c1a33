"""Municipalities as people write them, resolved to 2024 kommunenummer.

Interface (used by the importer, the draft mapping and the browser import):

* ``MunicipalityResolver.from_version(version)`` builds the lookups from the version's
  ``kommuner`` table and the SSB change tables in ``data/raw/ssb``.
* ``resolver.resolve(value, overrides)`` returns a :class:`Resolved`: the 2024 number, or an
  error that says why not (and, for ambiguous names and split municipalities, lists the
  candidates and how to settle it in the mapping's ``[seksjon.kommuner]`` table); a conversion
  (old number, name) carries a note for the import report.

SKELETON: today it only knows 2024 numbers and the 2020-2023 crosswalk; names and the
2013-2020 changes are to be added.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from dashboard import versions
from dashboard.paths import RAW

CROSSWALK = RAW / "ssb" / "kommunenummer-2020-2023-til-2024.csv"


@dataclass(frozen=True)
class Resolved:
    kommunenummer: str | None          # 2024 number, or None when not resolved
    note: str | None = None            # a conversion to report, e.g. "0511 (Dovre, før 2020) er 3431 Dovre i 2024"
    error: str | None = None           # why it could not be resolved (with candidates and the fix)
    kind: str = "nummer"               # nummer | gammelt_nummer | navn | overstyrt | ukjent | tvetydig | delt


def _number(value: str) -> str:
    v = value.strip()
    m = re.fullmatch(r"(-?\d+)(?:[.,]0+)?", v)
    return m.group(1) if m else v


class MunicipalityResolver:
    def __init__(self, kommuner: pd.DataFrame, crosswalk: pd.DataFrame):
        self.numbers = set(kommuner["kommunenummer"])
        self.crosswalk = dict(zip(crosswalk["kommunenummer_2020_2023"], crosswalk["kommunenummer_2024"]))
        self.split = {r.kommunenummer_2020_2023: r.merknad for r in crosswalk.itertuples()
                      if isinstance(r.merknad, str) and "delt" in r.merknad}

    @classmethod
    def from_version(cls, version: versions.DataVersion) -> MunicipalityResolver:
        return cls(pd.read_parquet(version.table_path("kommuner")), pd.read_csv(CROSSWALK, dtype=str))

    def resolve(self, value: str, overrides: dict[str, str] | None = None) -> Resolved:
        if overrides and value.strip() in overrides:
            return Resolved(overrides[value.strip()], kind="overstyrt")
        v = _number(value)
        if re.fullmatch(r"\d{3}", v):
            v = "0" + v  # Excel drops the leading zero of 0301
        if v in self.numbers:
            return Resolved(v)
        if v in self.split:
            return Resolved(None, error=self.split[v], kind="delt")
        if v in self.crosswalk:
            new = self.crosswalk[v]
            return Resolved(new, note=f"kommunenummer fra 2020-2023 er konvertert til 2024-nummeret {new}",
                            kind="gammelt_nummer")
        if re.fullmatch(r"\d{4}", v):
            return Resolved(None, error="kommunenummeret finnes ikke i 2024-inndelingen", kind="ukjent")
        return Resolved(None, error="ikke et kommunenummer (fire sifre)", kind="ukjent")
