"""The anonymity rule, in one place.

A survey number that rests on 1-4 respondents is never shown. Every survey query declares its
base column (``n``), the value columns to blank and, for breakdowns, the group column; the
gateway passes every result through :func:`suppress` before anything sees it.

Primary suppression: a row whose base is 1-4 respondents has its values blanked.
Secondary suppression (the simple case): within one breakdown, if exactly one group is
suppressed, the group with the next-smallest base is suppressed too, so the hidden group cannot
be recovered by subtracting the shown groups from the total (which the page always shows as N).
Differencing between views: survey queries run only on predefined groups, and rows resting on a
group that may not be shown are blanked here too (``hidden``; see dashboard.data.survey_groups).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

MIN_RESPONDENTS = 5
FLAG = "undertrykt"


@dataclass(frozen=True)
class Rule:
    n: tuple[str, ...] = ("n",)        # base column(s); a row is hidden if any of them is 1-4
    values: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()      # breakdown column(s), e.g. ("eiergruppe",)
    partition: tuple[str, ...] = ()   # independent breakdowns, e.g. ("sporsmal_id",)
    total: str | None = None          # the value of the group column that marks the total row
    respondents: str | None = None    # 'frivilligsentral' or 'kommune' when every row rests on one group
    questions: tuple[str, ...] = ()   # columns holding each row's question id, or LIKE patterns ('fs_fase_%')


def too_few(n) -> bool:
    return 0 < n < MIN_RESPONDENTS


def suppress(df: pd.DataFrame, rule: Rule, hidden: pd.Series | None = None) -> pd.DataFrame:
    """Blank the values of rows on 1-4 respondents, of rows in ``hidden`` (groups that may not be
    shown, see dashboard.data.survey_groups), and the secondary cells that would reveal them."""
    out = df.copy()
    if out.empty:
        out[FLAG] = pd.Series(dtype=bool)
        return out
    flag = _small(out, rule)
    if hidden is not None:
        flag = flag | hidden.reindex(out.index, fill_value=False)
    n = pd.to_numeric(out[rule.n[0]], errors="coerce").fillna(0)
    if rule.groups:
        flag = flag | _secondary(out.assign(_n=n, _flag=flag), rule)
    for col in rule.values:
        if col in out.columns:
            out[col] = out[col].astype("Float64" if pd.api.types.is_numeric_dtype(out[col]) else "object")
            out.loc[flag, col] = pd.NA
    out[FLAG] = flag.to_numpy()
    return out


def _small(df: pd.DataFrame, rule: Rule) -> pd.Series:
    flag = pd.Series(False, index=df.index)
    for col in rule.n:
        n = pd.to_numeric(df[col], errors="coerce").fillna(0)
        flag |= (n > 0) & (n < MIN_RESPONDENTS)
    return flag


def _secondary(df: pd.DataFrame, rule: Rule) -> pd.Series:
    extra = pd.Series(False, index=df.index)
    part = list(rule.partition)
    keys = part + list(rule.groups)
    parts = df
    if rule.total is not None:
        parts = df[df[rule.groups[0]] != rule.total]
    bases = parts.groupby(keys, dropna=False).agg(_n=("_n", "max"), _flag=("_flag", "max")).reset_index()
    chunks = bases.groupby(part, dropna=False) if part else [((), bases)]
    for _, chunk in chunks:
        flagged = chunk[chunk["_flag"]]
        shown = chunk[(~chunk["_flag"]) & (chunk["_n"] > 0)]
        if len(flagged) == 1 and len(shown) >= 1:
            victim = shown.sort_values("_n", kind="stable").iloc[0]
            mask = pd.Series(True, index=df.index)
            for k in keys:
                mask &= (df[k] == victim[k]) | (df[k].isna() & pd.isna(victim[k]))
            extra |= mask
    return extra


def drawable(df: pd.DataFrame, rule: Rule) -> bool:
    """Whether a suppressed result can still draw its figure: every item (question, respondent
    group) with answers shows its total, and a breakdown shows at least two of its groups."""
    n = pd.to_numeric(df[rule.n[0]], errors="coerce").fillna(0) if not df.empty else None
    if df.empty or FLAG not in df.columns or not (n > 0).any():
        return False
    rows = df[(n > 0).to_numpy()]
    keys = [c for c in dict.fromkeys((*rule.partition, *rule.questions, "respondentgruppe")) if c in rows.columns]
    chunks = rows.groupby(keys, dropna=False) if keys else [((), rows)]
    for _, chunk in chunks:
        shown = chunk[~chunk[FLAG].astype(bool)]
        if not rule.groups:
            if shown.empty:
                return False
            continue
        col = rule.groups[0]
        if rule.total is not None and not (shown[col] == rule.total).any():
            return False
        parts = chunk[chunk[col] != rule.total][col].nunique()
        if shown[shown[col] != rule.total][col].nunique() < min(2, parts):
            return False
    return True


def visible_violations(df: pd.DataFrame, rule: Rule) -> pd.DataFrame:
    """Rows that show a value although their base is 1-4 respondents (used by the tests)."""
    small = _small(df, rule)
    shown = pd.Series(False, index=df.index)
    for col in rule.values:
        if col in df.columns:
            shown |= df[col].notna()
    return df[small & shown]


def parse_rule(spec: str) -> Rule:
    """'n=n; values=andel,antall; groups=eiergruppe; partition=sporsmal_id; total=alle' -> Rule."""
    fields: dict[str, Sequence[str] | str] = {}
    for part in filter(None, (p.strip() for p in spec.split(";"))):
        key, _, val = part.partition("=")
        key, val = key.strip(), val.strip()
        if key in ("total", "respondents"):
            fields[key] = val
        elif key in ("n", "values", "groups", "partition", "questions"):
            fields[key] = tuple(v.strip() for v in val.split(",") if v.strip())
        else:
            raise ValueError(f"unknown anonymity setting {key!r}")
    return Rule(**fields)
