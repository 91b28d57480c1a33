"""Municipalities as people write them: numbers (old and new), names in every official form,
ambiguous names and split municipalities with the fix, and overrides from the mapping."""

from __future__ import annotations

import time

import pandas as pd
import pytest

from dashboard.data import versions
from dashboard.importer.municipalities import MunicipalityResolver, fold_key
from dashboard.paths import RAW


@pytest.fixture(scope="module")
def resolver():
    return MunicipalityResolver.from_version(versions.shipped())


@pytest.fixture(scope="module")
def kommuner():
    return pd.read_parquet(versions.shipped().table_path("kommuner"))


@pytest.mark.parametrize("raw, expected", [
    ("0301", "0301"), ("301", "0301"), ("301.0", "0301"), ("301,0", "0301"), (" 3435 ", "3435"), ("3435.0", "3435"),
])
def test_numbers_of_2024(resolver, raw, expected):
    res = resolver.resolve(raw)
    assert (res.kommunenummer, res.kind, res.error) == (expected, "nummer", None)


@pytest.mark.parametrize("raw, expected, words", [
    ("0511", "3431", ["0511 Dovre", "før 2020", "3431 Dovre", "konvertert"]),
    ("511", "3431", ["0511 Dovre"]),
    ("1201", "4601", ["1201 Bergen", "4601 Bergen"]),
    ("0706", "3907", ["0706 Sandefjord", "før 2017", "3907 Sandefjord"]),   # three steps: 2017, 2020, 2024
    ("0719", "3907", ["0719 Andebu"]),
    ("3018", "3114", ["3018 Våler", "2020–2023", "3114 Våler (Østfold)"]),
    ("5401", "5501", ["5401 Tromsø", "5501 Tromsø"]), ("1902", "5501", ["1902 Tromsø"]),
    ("1534", "1580", ["1534 Haram", "1580 Haram"]),   # into Ålesund 2020, out again under its own name 2024
    ("1504", "1508", ["1504 Ålesund", "1508 Ålesund"]),
])
def test_old_numbers_are_chained_to_2024_with_a_note(resolver, raw, expected, words):
    res = resolver.resolve(raw)
    assert (res.kommunenummer, res.kind, res.error) == (expected, "gammelt_nummer", None)
    for w in words:
        assert w in res.note, res.note


def test_every_number_in_the_change_tables_reaches_2024_or_is_a_split(resolver, kommuner):
    changes = pd.read_csv(RAW / "ssb" / "kommuneendringer-2013-2020.csv", dtype=str)
    walk = pd.read_csv(RAW / "ssb" / "kommunenummer-2020-2023-til-2024.csv", dtype=str)
    current = set(kommuner["kommunenummer"])
    numbers = set(changes["fra_nummer"]) | set(changes["til_nummer"]) | set(walk["kommunenummer_2020_2023"])
    for nr in sorted(numbers):
        res = resolver.resolve(nr)
        if res.kommunenummer is None:
            assert res.kind == "delt" and len(res.candidates) >= 2 and set(res.candidates) <= current, (nr, res)
        else:
            assert res.kommunenummer in current and res.error is None, (nr, res)
    # the crosswalk's own 2024 numbers agree with the chain
    for r in walk.itertuples():
        if r.kommunenummer_2020_2023 != "1507":
            assert resolver.resolve(r.kommunenummer_2020_2023).kommunenummer == r.kommunenummer_2024


@pytest.mark.parametrize("raw, successors", [
    ("1850", {"1806", "1875"}), ("5012", {"5055", "5056", "5059"}), ("1613", {"5055", "5056", "5059"}),
    ("1507", {"1508", "1580"}), ("1546", {"1508", "1580"}), ("Tysfjord", {"1806", "1875"}),
    ("Snillfjord", {"5055", "5056", "5059"}),
])
def test_split_municipalities_list_successors_and_the_fix(resolver, raw, successors):
    res = resolver.resolve(raw, section="register")
    assert res.kommunenummer is None and res.kind == "delt"
    assert set(res.candidates) == successors
    assert "ble delt" in res.error and all(s in res.error for s in successors)
    assert "[register.kommuner]" in res.fix
    for s in successors:
        assert f'"{raw}" = "{s}"' in res.fix


def test_alesund_1507_keeps_its_name_in_the_message(resolver):
    assert "Ålesund (1507)" in resolver.resolve("1507").error


@pytest.mark.parametrize("raw, expected", [
    ("Vågå", "3435"), ("vågå", "3435"), ("VAGA", "3435"), ("Vågå kommune", "3435"), ("  Vågå  ", "3435"),
    ("Oslo", "0301"), ("Oslove", "0301"), ("Oslo - Oslove", "0301"), ("Hamarøy", "1875"), ("Hábmer", "1875"),
    ("Habmer - Hamaroy", "1875"), ("Porsanger", "5622"), ("Porsáŋgu", "5622"), ("Porsángu", "5622"),
    ("Porsanki", "5622"), ("porsangu", "5622"), ("Karasjok", "5610"), ("Kárášjohka", "5610"), ("karasjohka", "5610"),
    ("Røros", "5025"), ("Rosse", "5025"), ("Trondheim", "5001"), ("Tråante", "5001"), ("Guovdageaidnu", "5612"),
    ("Lyngen", "5536"), ("Yykeä", "5536"), ("Ålesund", "1508"), ("Haram", "1580"), ("Dovre", "3431"),
    ("Hå", "1119"), ("Ås", "3218"), ("Frøya", "5014"), ("Sør-Odal", "3415"), ("Sør – Odal", "3415"),
    ("Herøy (Nordland)", "1818"), ("Herøy i Nordland", "1818"), ("Herøy, Nordland", "1818"),
    ("heroy (more og romsdal)", "1515"), ("Våler (Hedmark)", "3419"), ("Våler (Innlandet)", "3419"),
    ("Våler (Østfold)", "3114"), ("Våler (Viken)", "3114"), ("Sande (Møre og Romsdal)", "1514"),
    ("Sande (Vestfold)", "3903"), ("Andebu", "3907"),
])
def test_names_in_every_form(resolver, raw, expected):
    res = resolver.resolve(raw)
    assert res.error is None, res.error
    assert res.kommunenummer == expected and res.kind == "navn"
    assert res.note and expected in res.note


@pytest.mark.parametrize("raw, expected", [("3435 Vågå", "3435"), ("3435 - Vågå", "3435"), ("0301 Oslo", "0301"),
                                           ("301 Oslo kommune", "0301"), ("1818 Herøy", "1818")])
def test_number_with_name_as_drop_down_lists_write_it(resolver, raw, expected):
    assert resolver.resolve(raw).kommunenummer == expected
    wrong = resolver.resolve("3435 Lom")
    assert wrong.kommunenummer is None and "ulike kommuner" in wrong.error


def test_every_2024_name_form_resolves_to_its_own_number(resolver, kommuner):
    twins = set(kommuner.loc[kommuner["kommunenavn"].duplicated(keep=False), "kommunenavn"])
    for r in kommuner.itertuples():
        for name in (r.visningsnavn, r.kommunenavn_offisielt, r.kommunenavn):
            if name in twins:
                continue
            res = resolver.resolve(name)
            if res.kind == "tvetydig":  # a current name that was also a former municipality elsewhere
                assert r.kommunenummer in res.candidates, (name, res)
            else:
                assert res.kommunenummer == r.kommunenummer, (name, res)


@pytest.mark.parametrize("raw, candidates", [
    ("Herøy", {"1515", "1818"}), ("herøy", {"1515", "1818"}), ("Våler", {"3114", "3419"}),
    ("Sande", {"1514", "3903"}), ("Os", {"3430", "4624"}), ("Bø", {"1867", "4020"}), ("Nes", {"3228", "3322"}),
])
def test_ambiguous_names_list_candidates_with_county_and_the_fix(resolver, raw, candidates, kommuner):
    res = resolver.resolve(raw, section="frivilligsentral")
    assert res.kommunenummer is None and res.kind == "tvetydig"
    assert set(res.candidates) == candidates
    county = dict(zip(kommuner["kommunenummer"], kommuner["fylkesnavn"]))
    for c in candidates:
        assert c in res.error and county[c] in res.error
        assert f'"{raw}" = "{c}"' in res.fix
    assert "[frivilligsentral.kommuner]" in res.fix


def test_overrides_win_and_are_validated(resolver):
    over = {"Herøy": "1515", "Tysfjord": "1806", "Sokndal": "1111", "Bad": "1507", "Worse": "abc"}
    assert resolver.resolve("Herøy", over).kommunenummer == "1515"
    assert resolver.resolve("heroy", over).kommunenummer == "1515"      # matched like the names themselves
    assert resolver.resolve("Tysfjord", over).kind == "overstyrt"
    assert resolver.resolve("Sokndal", over).kommunenummer == "1111"    # an override even for a plain name
    bad = resolver.resolve("Bad", over)
    assert bad.kommunenummer is None and "1508 eller 1580" in bad.error
    assert resolver.resolve("Worse", over).error
    problems = resolver.check_overrides(over)
    assert len(problems) == 2 and any("«Bad»" in p for p in problems) and any("«Worse»" in p for p in problems)


@pytest.mark.parametrize("raw, words", [
    ("", "mangler"), ("9999", "finnes ikke"), ("12", "fire sifre"), ("12345", "fire sifre"), ("Atlantis", "kjent"),
    ("Herøy (Finnmark)", "kjent"), ("²³⁴⁵", "kjent"), ("-301", "kjent"), ("\x00", "kjent"),
    ("x" * 10_000, "kjent"),
])
def test_unknown_values_are_errors(resolver, raw, words):
    res = resolver.resolve(raw)
    assert res.kommunenummer is None and res.kind == "ukjent" and words in res.error


def test_fold_key():
    assert fold_key("Kárášjohka - Karasjok") == fold_key("karasjohka-karasjok")
    assert fold_key("Bø") == "bo" and fold_key("Ærøy") == "aeroy" and fold_key("Porsáŋgu") == "porsangu"


def test_resolving_is_a_lookup(resolver, kommuner):
    names = list(kommuner["kommunenavn"]) * 300 + ["0511", "1850", "Herøy"] * 1000
    t0 = time.perf_counter()
    for n in names:
        resolver.resolve(n)
    assert time.perf_counter() - t0 < 2.0, "about 110 000 values must resolve in well under two seconds"
    t0 = time.perf_counter()
    MunicipalityResolver.from_version(versions.shipped())
    assert time.perf_counter() - t0 < 5.0
