"""The filter object and its URL form."""

from __future__ import annotations

import pytest

from dashboard.data.filters import (
    DEFAULT,
    PARAM,
    SPECS,
    FilterError,
    Filters,
    Options,
    from_query_params,
    to_query_params,
)

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


@pytest.mark.parametrize("value", ["²", "①", "５", "𝟓", "٥", "05", "+5", " 5", "5.0", "9" * 5000, "-6", "alle5"])
def test_class_must_be_exactly_an_allowed_value(value):
    """str.isdigit() is true for '²' and '①', and int() of 5 000 digits raises: neither may reach int()."""
    parsed = from_query_params({"klasse": [value, "6"]}, OPTS)
    assert parsed.filters.sentralitetsklasser == (6,)
    assert parsed.ignored == [("klasse", value)]


def test_values_are_compared_as_exact_text():
    parsed = from_query_params({"fylke": ["18 ", "１８", "18\x00", "18"], "eierform": ["Kommunal", "kommunal"],
                                "kommune": ["1804"] * 3}, OPTS)
    assert parsed.filters == Filters(fylker=("18",), kommuner=("1804",), eierformer=("kommunal",),
                                     sentralitetsklasser=(5, 6))
    assert parsed.ignored == [("fylke", "18 "), ("fylke", "１８"), ("fylke", "18\x00"), ("eierform", "Kommunal")]


def test_a_value_repeated_is_reported_once():
    parsed = from_query_params({"fylke": ["99"] * 1000, "klasse": ["alle", "alle"]}, OPTS)
    assert parsed.ignored == [("fylke", "99"), ("klasse", "alle")]
    assert parsed.filters.sentralitetsklasser == (5, 6)


def test_every_filter_is_declared_once_and_everything_follows_from_the_declaration():
    """Filters' fields are SPECS' in order; the URL, the SQL parameters, the sidebar's widget keys and the
    default come from the declarations (a new filter is one FilterSpec, a column and its messages)."""
    from dataclasses import fields

    from dashboard.ui import state
    from dashboard.ui.i18n import t

    assert [f.name for f in fields(Filters)] == [s.field for s in SPECS]
    f = Filters(fylker=("18",), kommuner=("1804",), eierformer=("kommunal",), sentralitetsklasser=(6,))
    assert f.params() == {PARAM: {s.column: getattr(f, s.field) for s in SPECS}}
    assert set(to_query_params(f)) == {s.url for s in SPECS}
    assert state.KEYS == {s.field: s.widget for s in SPECS}
    assert DEFAULT == Filters(**{s.field: s.default for s in SPECS})
    for s in SPECS:
        for key in (s.label, s.placeholder, s.help, s.value_label):
            if key:
                assert t(key, lang="nb") != key and t(key, lang="nn") != key


def test_the_sql_takes_the_filters_as_one_struct_whose_fields_only_the_macros_read():
    """Every query passes $filtre whole; only queries/_macros.sql reads its fields, one per declaration, so a
    new filter changes no query file. Equal filters bind equal, hashable structs (the gateway's cache keys)."""
    import re

    from dashboard.paths import QUERIES

    macros = (QUERIES / "_macros.sql").read_text(encoding="utf-8")
    assert {s.column for s in SPECS} == set(re.findall(r"p_filtre\['(\w+)'\]", macros))
    assert [s.column for s in SPECS] == re.findall(r"(\w+) := \[\]", macros)  # ingen_filtre(): every field
    for path in QUERIES.glob("*.sql"):
        sql = path.read_text(encoding="utf-8")
        assert not re.search(r"\$(fylker|kommuner|klasser|eierformer)\b", sql), path.name
        assert not re.search(r"\$filtre\s*[\[.]", sql), path.name
    a, b = Filters(fylker=("18", "03")), Filters(fylker=("03", "18"))
    assert a.params() == b.params() and hash(a.params()[PARAM]) == hash(b.params()[PARAM])
