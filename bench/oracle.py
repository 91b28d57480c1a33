"""Which municipalities, volunteer centres and survey respondents are within the global filters, worked out
with pandas from the built tables alone: the independent answer that the query benchmark's pandas twins
(bench/pandas_twins.py) and the disclosure audit (tests/support/reach.py) hold the SQL filter macros
(queries/_macros.sql) to. It never runs SQL and never asks dashboard.data.survey_groups or dashboard.data.disclosure.

The rules, as the dashboard states them: an empty filter means "all"; a municipality is within by its
county, number and centrality class; a centre by its municipality and its own ownership form; a centre's
respondent by its municipality and its centre's form, a municipality's respondent by its municipality and
the forms of the centres there (at least one chosen)."""

from __future__ import annotations

import pandas as pd

from dashboard.data.filters import Filters

# The municipality-level filters: Filters field -> the column it filters (in kommuner, and in respondents())
MUNICIPAL = {"fylker": "fylkesnummer", "kommuner": "kommunenummer", "sentralitetsklasser": "sentralitetsklasse"}


def municipal(frame: pd.DataFrame, f: Filters) -> pd.Series:
    """Which rows of a frame with the municipality columns (MUNICIPAL) are within the municipality-level
    filters (a row without a county or class is within only while that filter is empty)."""
    m = pd.Series(True, index=frame.index)
    for name, column in MUNICIPAL.items():
        if getattr(f, name):
            m &= frame[column].isin(getattr(f, name))
    return m


def municipalities(kommuner: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """The municipalities within the filters (the ownership forms do not narrow them)."""
    return kommuner[municipal(kommuner, f)]


def centres(sentraler: pd.DataFrame, kommuner: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """The centres in those municipalities with a chosen ownership form."""
    s = sentraler[sentraler["kommunenummer"].isin(municipalities(kommuner, f)["kommunenummer"])]
    return s[s["eierform"].isin(f.eierformer)] if f.eierformer else s


def respondents(respondenter: pd.DataFrame, sentraler: pd.DataFrame, kommuner: pd.DataFrame) -> pd.DataFrame:
    """One row per respondent (index respondent_id): respondentgruppe, its municipality's columns
    (MUNICIPAL), its own centre's form (eierform; a municipality's respondent has none) and the set of forms
    that select it (eierformer: its centre's form, or the forms of the centres in its municipality)."""
    k = kommuner.set_index("kommunenummer")
    own = sentraler.set_index("sentral_id")["eierform"]
    forms_in = sentraler.groupby("kommunenummer")["eierform"].agg(lambda x: frozenset(x.dropna()))
    people = pd.DataFrame({
        "respondentgruppe": respondenter["respondentgruppe"].to_numpy(),
        "kommunenummer": respondenter["kommunenummer"].to_numpy(),
        "fylkesnummer": respondenter["kommunenummer"].map(k["fylkesnummer"]).to_numpy(),
        "sentralitetsklasse": respondenter["kommunenummer"].map(k["sentralitetsklasse"]).to_numpy(),
        "eierform": respondenter["sentral_id"].map(own).to_numpy(),
    }, index=respondenter["respondent_id"])
    people["eierformer"] = [
        (frozenset({form}) if isinstance(form, str) else frozenset()) if group == "frivilligsentral"
        else forms_in.get(kommune, frozenset())
        for group, form, kommune in zip(people["respondentgruppe"], people["eierform"], people["kommunenummer"])]
    return people


def within(people: pd.DataFrame, f: Filters) -> pd.Series:
    """Which respondents (rows of respondents()) are within the filters."""
    m = municipal(people, f)
    if f.eierformer:
        chosen = frozenset(f.eierformer)
        m &= people["eierformer"].map(lambda forms: not forms.isdisjoint(chosen))
    return m
