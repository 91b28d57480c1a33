"""The filter object and its URL form."""

from __future__ import annotations

import pytest

from dashboard.filters import DEFAULT, FilterError, Filters, Options, from_query_params, to_query_params

OPTS = Options(fylker={"18": "Nordland", "34": "Innlandet"},
               kommuner={"1804": "Bodø", "1871": "Andøy", "3401": "Kongsvinger"},
               kommune_fylke={"1804": "18", "1871": "18", "3401": "34"},
               eierformer={"kommunal": "Kommunal", "lag_forening": "Frivillig lag/forening"})


def test_canonical_form_makes_equal_filters_equal():
    assert Filters(fylker=("34", "18", "18")) == Filters(fylker=["18", "34"])
    assert hash(Filters(sentralitetsklasser=(6, 5))) == hash(DEFAULT)


def test_validate_names_field_and_value():
    with pytest.raises(FilterError, match=r"fylke: ukjent verdi '99'"):
        Filters(fylker=("99",)).validate(OPTS)
    with pytest.raises(FilterError, match="sentralitetsklasse"):
        Filters(sentralitetsklasser=(7,)).validate(OPTS)
    with pytest.raises(FilterError):
        Filters(sentralitetsklasser=("x",))
    assert Filters(fylker=("18",), eierformer=("kommunal",)).validate(OPTS)


def test_url_round_trip():
    f = Filters(fylker=("18",), kommuner=("1871",), eierformer=("kommunal",), sentralitetsklasser=(6,))
    assert from_query_params(to_query_params(f), OPTS).filters == f
    assert to_query_params(DEFAULT) == {}
    assert from_query_params({}, OPTS).filters == DEFAULT
    everything = Filters()
    assert to_query_params(everything) == {"klasse": ["alle"]}
    assert from_query_params({"klasse": ["alle"]}, OPTS).filters == everything


def test_bad_url_values_are_dropped_and_reported():
    parsed = from_query_params({"fylke": ["18", "99"], "kommune": ["3401", "0301'; DROP"],
                                "eierform": ["kommunal", "<script>"], "klasse": ["5", "x", "9"]}, OPTS)
    assert parsed.filters == Filters(fylker=("18",), eierformer=("kommunal",), sentralitetsklasser=(5,))
    assert set(parsed.ignored) == {("fylke", "99"), ("kommune", "0301'; DROP"), ("eierform", "<script>"),
                                   ("klasse", "x"), ("klasse", "9"), ("kommune", "3401")}


def test_only_invalid_classes_fall_back_to_default():
    parsed = from_query_params({"klasse": ["x"]}, OPTS)
    assert parsed.filters.sentralitetsklasser == (5, 6) and parsed.ignored == [("klasse", "x")]


def test_municipality_options_follow_counties():
    assert set(OPTS.kommuner_i(["18"])) == {"1804", "1871"}
    assert set(OPTS.kommuner_i([])) == {"1804", "1871", "3401"}
