"""Derived columns stored in the built tables, each rule written once.

* ``sentraler.eiergruppe``: the report's ownership grouping, kommunal, lag_forening, or andre for every
  other ownership form (empty when the form is unknown).
* ``respondenter.rolletype``: a centre's role type (egenregi / blanding / bindeledd) from its answer to
  Figure 7's question (``fs_rolle``), by the classification ``rolletype`` (its ``fra_kategorier``);
  empty for municipalities and for centres that did not answer.

The pipeline and the importer's write step both call :func:`add_columns`, so every data version holds
them and queries, the survey groups and the calibration read them instead of deriving them again.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

OWNER_GROUPS = ("kommunal", "lag_forening", "andre")  # as the report breaks ownership down
ROLE_ITEM = "fs_rolle"
# derived column -> (its table, the tables it is derived from): the gateway credits those as sources
COLUMNS = {"eiergruppe": ("sentraler", ("sentraler",)),
           "rolletype": ("respondenter", ("respondenter", "svar", "klassifikasjoner"))}


def owner_group(eierform: str | None) -> str | None:
    """The report's ownership group of one ownership form."""
    if eierform is None or pd.isna(eierform):
        return None
    return eierform if eierform in OWNER_GROUPS[:2] else OWNER_GROUPS[2]


def owner_groups(eierform: pd.Series) -> pd.Series:
    return pd.Series([owner_group(e) for e in eierform], index=eierform.index, dtype=object)


def role_map(klassifikasjoner: pd.DataFrame) -> dict[str, str]:
    """Answer code of Figure 7's question -> role type."""
    kinds = klassifikasjoner[klassifikasjoner["klassifikasjon"] == "rolletype"]
    return {code: kind for kind, codes in zip(kinds["kode"], kinds["fra_kategorier"]) for code in codes.split(",")}


def role_types(respondent_ids: pd.Series, answers: pd.DataFrame, klassifikasjoner: pd.DataFrame) -> pd.Series:
    """The role type of each respondent from its ``fs_rolle`` answer (respondent_id, sporsmal_id, svar_kode)."""
    role = answers[answers["sporsmal_id"] == ROLE_ITEM].set_index("respondent_id")["svar_kode"]
    return respondent_ids.map(role).map(role_map(klassifikasjoner)).astype(object)


def sources(words: set[str]) -> set[str]:
    """The tables behind the derived columns named in ``words`` (the words of a query)."""
    return {t for col, (_, origin) in COLUMNS.items() if col in words for t in origin}


def inputs() -> set[str]:
    """Every table add_columns reads."""
    return {t for table, origin in COLUMNS.values() for t in (table, *origin)}


def missing(columns_of: Callable[[str], set[str]]) -> bool:
    """Whether a data version written before the derived columns were stored lacks any of them."""
    return any(col not in columns_of(table) for col, (table, _) in COLUMNS.items())


def add_columns(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Add (or recompute) the derived columns of ``sentraler`` and ``respondenter`` in ``tables``."""
    sentraler = tables["sentraler"].copy()
    sentraler["eiergruppe"] = owner_groups(sentraler["eierform"])
    respondenter = tables["respondenter"].copy()
    respondenter["rolletype"] = role_types(respondenter["respondent_id"], tables["svar"], tables["klassifikasjoner"])
    tables["sentraler"], tables["respondenter"] = sentraler, respondenter
    return tables
