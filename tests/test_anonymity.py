"""The one anonymity rule: no survey number rests on 1-4 respondents, also not by subtraction."""

from __future__ import annotations

import pandas as pd

from dashboard.data.anonymity import Rule, parse_rule, suppress, visible_violations


def test_primary_suppression():
    df = pd.DataFrame({"n": [0, 1, 4, 5, 100], "andel": [None, 100.0, 50.0, 40.0, 12.0]})
    out = suppress(df, Rule(values=("andel",)))
    assert out["undertrykt"].tolist() == [False, True, True, False, False]
    assert out["andel"].isna().tolist() == [True, True, True, False, False]
    assert visible_violations(out, Rule(values=("andel",))).empty


def test_secondary_suppression_protects_the_total():
    df = pd.DataFrame({"sp": ["a"] * 4, "gruppe": ["alle", "kommunal", "lag_forening", "andre"],
                       "n": [30, 20, 7, 3], "andel": [50.0, 45.0, 60.0, 66.7]})
    rule = parse_rule("n=n; values=andel; groups=gruppe; partition=sp; total=alle")
    out = suppress(df, rule).set_index("gruppe")
    assert out.loc["andre", "undertrykt"] and out.loc["lag_forening", "undertrykt"]
    assert not out.loc["alle", "undertrykt"] and not out.loc["kommunal", "undertrykt"]


def test_no_secondary_suppression_when_two_are_hidden():
    df = pd.DataFrame({"gruppe": ["alle", "a", "b", "c"], "n": [30, 23, 3, 4], "andel": [1.0, 2.0, 3.0, 4.0]})
    out = suppress(df, parse_rule("n=n; values=andel; groups=gruppe; total=alle")).set_index("gruppe")
    assert out["undertrykt"].tolist() == [False, False, True, True]


def test_several_base_columns():
    df = pd.DataFrame({"n_fs": [40, 40], "n_k": [3, 30], "diff": [5.0, 6.0]})
    out = suppress(df, parse_rule("n=n_fs,n_k; values=diff"))
    assert out["diff"].isna().tolist() == [True, False]
