"""The demo data reproduces every number the report publishes about the survey and the register."""

from __future__ import annotations

import pytest

from dashboard.data import calibration, relations
from dashboard.data.calibration import NOT_CALIBRATED, Tables, checks

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


# -- the report's comparative and «no difference» statements (issue 25) ------------------------------------

def test_every_comparative_statement_is_listed_with_its_check():
    """sammenligninger.csv: each quote stands on its line, and every direction check of the calibration is
    the check of at least one listed statement."""
    table = relations.statements()
    assert len(table) >= 97
    listed = set(table["kontroll"]) - {""}
    directions = {c.key for c in checks() if c.enhet == "rangering" or c.key.startswith("utsagn_")}
    assert directions <= listed, sorted(directions - listed)
    unchecked = table[table["kontroll"] == ""]
    assert set(unchecked["grunnlag"]) <= {"annen kilde", "fritekst og intervjuer", "ikke i dataene", "dokumentanalysen"}


@pytest.mark.parametrize("line,key", [
    (104, "utsagn_bindeledd_kommunale"), (2094, "utsagn_spesialisering"), (4138, "utsagn_verdi_i_dag"),
    (3251, "utsagn_fig14_tre_storste"), (2739, "utsagn_velferd_rolletyper"), (3097, "utsagn_spisset_nye"),
    (1257, "utsagn_politikk_ingen_pavirkning"), (3570, "utsagn_politikk_fornoyd_likt"),
    (3555, "utsagn_formell_fornoyd"), (244, "utsagn_okonomi_kommunal")])
def test_the_statements_the_review_named_are_checked(line, key):
    table = relations.statements()
    assert ((table["linje"] == line) & (table["kontroll"] == key)).any()


def test_a_demo_that_contradicts_a_statement_is_refused(tables):
    """Swap classes 5 and 6: the least central centres now offer more activity types, and the check says so."""
    check = next(c for c in checks() if c.key == "utsagn_spesialisering")
    assert check.metric(tables) == 1.0
    k = tables.kommuner.copy()
    k["sentralitetsklasse"] = k["sentralitetsklasse"].replace({5: 6, 6: 5})
    swapped = Tables(k, tables.sentraler, tables.respondenter, tables.svar, tables.diskurs)
    assert check.metric(swapped) == 0.0


def test_a_bad_statement_row_names_file_row_and_field(tmp_path, monkeypatch):
    bad = tmp_path / "sammenligninger.csv"
    bad.write_text("id,linje,sitat,kontroll,grunnlag,merknad\n"
                   "S001,66,ikke på linjen,utsagn_eier_kommunal,registeret,\n", encoding="utf-8")
    monkeypatch.setattr(relations, "TABLE", bad)
    with pytest.raises(ValueError, match=r"sammenligninger.csv, rad 2, felt 'sitat'"):
        relations.statements()
