"""One cell read as people write it: organisation numbers, years, categories in free words, names."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard.importer import values
from dashboard.paths import BUILT


@pytest.mark.parametrize("raw", ["971526920", "971 526 920", "971.526.920", "NO 971526920 MVA", "no971526920mva",
                                 "971526920.0", "971526920,0", "9.7152692E8", "9,7152692E+08",
                                 " 971\u00a0526\u00a0920 "])
def test_orgnr_accepts_the_ways_people_write_it(raw):
    assert values.orgnr(raw) == ("971526920", None)


@pytest.mark.parametrize("raw, expected", [
    ("971526921", "kontrollsiffer"),          # one digit wrong
    ("917526920", "kontrollsiffer"),          # two digits swapped
    ("97152692", "har 8 sifre"),
    ("9715269200", "har 10 sifre"),
    ("abc", "ni sifre"),
    ("٩٧١٥٢٦٩٢٠", "ni sifre"),                # non-ASCII digits are not accepted
])
def test_orgnr_rejects_wrong_numbers_with_a_reason(raw, expected):
    number, error = values.orgnr(raw)
    assert number is None and expected in error


def test_orgnr_check_digit_matches_brreg_rule():
    # numbers whose MOD11 remainder gives check digit 10 can never be valid
    assert values.orgnr("")[0] is None and values.orgnr(None) == (None, None)
    for base in ("97152692", "98765432", "81234567"):
        digit = values._mod11(base)
        if digit is not None:
            assert values.orgnr(base + digit) == (base + digit, None)
            assert values.orgnr(base + str((int(digit) + 1) % 10))[0] is None


@pytest.mark.parametrize("raw, expected, noted", [
    ("1995", 1995, False), ("1995.0", 1995, False), ("1995,0", 1995, False), (" 2001 ", 2001, False),
    ("ca. 1995", 1995, True), ("ca 1995", 1995, True), ("Omkring 1987", 1987, True), ("1995?", 1995, True),
    ("cirka 2010", 2010, True),
])
def test_year_reads_approximate_years_with_a_note(raw, expected, noted):
    y, note, error = values.year(raw)
    assert (y, error) == (expected, None)
    assert (note is not None) == noted
    if noted:
        assert raw.strip() in note and str(expected) in note


@pytest.mark.parametrize("raw, expected", [
    ("nittitallet", "må være et årstall"), ("1995-1996", "må være et årstall"), ("2099", "mellom 1900 og"),
    ("1850", "mellom 1900 og"), ("99999999999999999999", "mellom"), ("ca. 3000", "mellom"),
])
def test_year_errors(raw, expected):
    y, _note, error = values.year(raw)
    assert y is None and expected in error


def test_year_empty_and_bounds():
    assert values.year("") == (None, None, None)
    this_year = dt.date.today().year
    assert values.year(str(this_year))[0] == this_year
    assert values.year(str(this_year + 1))[2] is not None
    assert values.year("1960", lo=1970)[2] is not None


@pytest.fixture(scope="module")
def ownership_codes():
    classes = pd.read_parquet(BUILT / "klassifikasjoner.parquet")
    return classes.loc[classes["klassifikasjon"] == "eierform"]


def test_every_synonym_points_to_a_real_ownership_code(ownership_codes):
    assert set(values.EIERFORM_SYNONYMS.values()) <= set(ownership_codes["kode"])
    # every label in the classification (bokmål and nynorsk) is recognised
    for row in ownership_codes.itertuples():
        for label in (row.etikett_nb, row.etikett_nn, row.kode):
            assert values.category(label, ownership_codes["kode"], values.EIERFORM_SYNONYMS) == row.kode, label


@pytest.mark.parametrize("raw, expected", [
    ("Kommunal", "kommunal"), ("kommunal ", "kommunal"), ("KOMMUNEN", "kommunal"), ("SA", "samvirkeforetak"),
    ("sa", "samvirkeforetak"), ("AS", "aksjeselskap"), ("Forening", "lag_forening"), ("Lag", "lag_forening"),
    ("Frivillig  lag/forening", "lag_forening"), ("Stiftelse", "stiftelse"), ("lag_forening", "lag_forening"),
    ("Borettslag", None), ("", None), ("   ", None),
])
def test_ownership_in_free_words(raw, expected, ownership_codes):
    assert values.category(raw, ownership_codes["kode"], values.EIERFORM_SYNONYMS) == expected


def test_mapping_synonyms_add_to_builtins_and_must_point_to_a_code():
    codes = ["styre", "rad", "ingen"]
    assert values.category("Styret", codes, {"styret": "styre"}) == "styre"
    assert values.category(" STYRET ", codes, {"Styret": "styre"}) == "styre"
    assert values.category("Styret", codes, {"Styret": "finnes_ikke"}) is None
    assert values.category("Råd", codes) is None


@pytest.mark.parametrize("raw, expected", [
    ("", "er tomt"), ("   ", "er tomt"), (None, "er tomt"),
    ("Demo\x00sentral", "U+0000 ved tegn 5"), ("Linje\nto", "U+000A"), ("Snu\u202etekst", "U+202E"),
    ("x" * 100_000, "100 000 tegn langt; grensen er 200"),
])
def test_clean_text_errors(raw, expected):
    text, error = values.clean_text(raw)
    assert error is not None and expected in error
    assert "\x00" not in text and len(text) <= values.NAME_MAX


def test_clean_text_keeps_normal_names():
    name = "Frivilligsentralen i Vågå – Dåfjord"
    assert values.clean_text(f"  {name} ") == (name, None)
    assert values.clean_text("Guovdageaidnu / Kautokeino", max_len=30) == ("Guovdageaidnu / Kautokeino", None)
    assert values.clean_text("x" * 31, max_len=30)[1] is not None


def test_strip_controls_keeps_tabs_and_line_breaks():
    assert values.strip_controls("a\tb\nc\r\n") == ("a\tb\nc\r\n", None)
    assert values.strip_controls("a\x00b\x07c\u200bd") == ("abcd", "U+0000")
