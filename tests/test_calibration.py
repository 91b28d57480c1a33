"""The demo data reproduces every number the report publishes about the survey and the register."""

from __future__ import annotations

import pytest

from dashboard import calibration
from dashboard.calibration import NOT_CALIBRATED, Tables, checks

SURVEY_GROUPS = {"frivilligsentral", "kommune", "register"}


@pytest.fixture(scope="module")
def tables(table):
    return Tables(table("kommuner"), table("sentraler"), table("respondenter"), table("svar"), table("diskurs"))


@pytest.mark.parametrize("check", checks(), ids=lambda c: c.key)
def test_published_number_is_reproduced(tables, check):
    value = check.metric(tables)
    assert abs(value - check.verdi) <= check.tolerance + 1e-9, (
        f"{check.beskrivelse} (linje {check.linje}): rapporten {check.verdi}, demo {value:.2f}")


def test_shipped_calibration_table_agrees(tables, table):
    shipped = table("kalibrering").set_index("kontroll")
    fresh = calibration.calibration_table(tables, table("rapporttall")).set_index("kontroll")
    assert shipped["ok"].all()
    assert (shipped["demo_verdi"] - fresh["demo_verdi"]).abs().max() < 1e-9


def test_each_numeric_check_points_at_a_stated_number(table):
    numbers = table("rapporttall")
    missing = [c.key for c in checks() if c.enhet != "rangering" and calibration.match_report_row(c, numbers) is None]
    assert not missing, f"checks whose (line, value) is not in rapporttall: {missing}"


def test_every_survey_and_register_number_is_covered(table):
    """Each rapporttall row about the survey or the register is reproduced, or listed with a reason."""
    numbers = table("rapporttall")
    numbers = numbers[numbers["respondentgruppe"].isin(SURVEY_GROUPS)]
    covered = {calibration.match_report_row(c, numbers) for c in checks()}
    uncovered = numbers[~numbers["id"].isin(covered) & ~numbers["id"].isin(NOT_CALIBRATED)]
    assert uncovered.empty, "\n" + uncovered[["id", "linje", "verdi", "sporsmal"]].to_string()


def test_exclusions_are_real_rows_with_reasons(table):
    ids = set(table("rapporttall")["id"])
    assert set(NOT_CALIBRATED) <= ids
    assert all(len(reason) > 15 for reason in NOT_CALIBRATED.values())


def test_item_level_n(table):
    """The item-level N the report gives (e.g. 140 centres and 110 municipalities for Figures 17-18)."""
    svar, items = table("svar"), table("kodebok")
    n = svar.groupby("sporsmal_id").size()
    stated = items.dropna(subset=["n_rapport"])
    stated = stated[stated["undersokelse"] == "2024"]
    wrong = {i: (int(r), int(n.get(i, 0))) for i, r in zip(stated["sporsmal_id"], stated["n_rapport"])
             if int(n.get(i, 0)) != int(r)}
    assert not wrong


def test_calibration_status_in_codebook(table):
    items = table("kodebok")
    status = items.loc[items["undersokelse"] == "2024", "demo_kalibrering"]
    assert set(status) <= {"kalibrert", "bare N", "ukalibrert"}
    assert (status == "kalibrert").sum() > 40
