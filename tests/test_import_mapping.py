"""The strict mapping (version 2): unknown names, wrong types, deep nesting, TODO lines, the blank
checkbox value; all problems reported at once in one MappingError."""

from __future__ import annotations

import time

import pytest

from dashboard import paths
from dashboard.importer.mapping import MappingError, from_dict, load
from tests.support.importing import TEMPLATE, problems, template

DEMO = paths.ROOT / "data" / "import" / "demo-eksport-mapping.toml"


def test_shipped_mappings_are_valid():
    for path in (TEMPLATE, DEMO):
        m = load(path)
        assert m.register.columns["navn"] and len(m.frivilligsentral.items) > 50 and m.diskurs is not None
        assert m.kommune.use_default_non_answers and m.kommune.shape.header_rows == 1


def test_unknown_names_are_errors_with_a_suggestion():
    d = template()
    d["regisster"] = {}
    d["register"]["kolonnner"] = {}
    d["register"]["kolonner"]["eierfrom"] = "X"
    d["frivilligsentral"]["sporsmal"]["Q1_1"] = "fs_plan_frivillighetspolitik"
    d["frivilligsentral"]["verdier"]["grad5"]["I stor grad"] = "storr"
    d["frivilligsentral"]["verdier"]["grad6"] = {}
    d["kommune"]["ikke_svar"] = {"passer6": ["Vet ikke"]}
    d["register"]["verdier"]["eierform"]["Kommunal"] = "kommunall"
    got = "\n".join(problems(d))
    for text in ("ukjent seksjon «regisster»; mente du «register»?", "ukjent nøkkel «kolonnner»; mente du «kolonner»?",
                 "ukjent felt «eierfrom»; mente du «eierform»?", "mente du «fs_plan_frivillighetspolitikk»?",
                 "ukjent kategori «storr» for «grad5»; mente du «stor»?", "ukjent skala «grad6»; mente du «grad5»?",
                 "ukjent skala «passer6»; mente du «passer5»?", "ukjent kategori «kommunall» for «eierform»"):
        assert text in got, got
    assert len(problems(d)) >= 8  # all at once


@pytest.mark.parametrize("where, value, expected", [
    (("register",), [1, 2], "[register]: må være en tabell"),
    (("frivilligsentral", "sporsmal"), ["Q1"], "[frivilligsentral.sporsmal]: må være en tabell"),
    (("frivilligsentral", "ignorer"), {"a": 1}, "[frivilligsentral].ignorer: må være en liste"),
    (("register", "kolonner", "navn"), 3, "[register].kolonner.navn: må være tekst i anførselstegn, ikke et heltall"),
    (("kommune", "kommuner"), {"Herøy": 1515}, "[kommune.kommuner] «Herøy»: må være tekst"),
    (("kommune", "kommuner"), {"Herøy": "9999"}, "«9999» er ikke et kommunenummer i 2024-inndelingen"),
    (("kommune", "ikke_svar"), {"standard": "ja"}, "[kommune.ikke_svar].standard: må være true eller false"),
    (("kommune", "fil"), {"overskriftsrad": "3"}, "[kommune].fil.overskriftsrad: må være et heltall"),
    (("kommune", "fil"), {"overskriftsrader": 3}, "overskriftsrader: må være et heltall fra 1 til 2"),
    (("versjon",), 3, "versjon: må være 2"),
    (("frivilligsentral", "verdier", "valgt"), {True: "valgt"}, "nøkkelen True må være tekst i anførselstegn"),
])
def test_wrong_types_name_the_key(where, value, expected):
    d = template()
    node = d
    for k in where[:-1]:
        node = node[k]
    node[where[-1]] = value
    got = "\n".join(problems(d))
    assert expected in got, got


def test_a_column_in_two_roles_and_an_item_twice():
    d = template()
    d["frivilligsentral"]["ignorer"].append("Q1_1")
    d["frivilligsentral"]["sporsmal"]["Q1_9"] = "fs_plan_samfunnsdel"
    got = "\n".join(problems(d))
    assert "kolonnen «Q1_1» står både i sporsmal og i ignorer" in got
    assert "er allerede koblet til kolonnen «Q1_2»" in got


def test_blank_value_for_checkboxes_is_an_error_with_the_checkbox_rule():
    """Issue 9: '"" = "ikke_valgt"' was silently ignored; now it says how blanks are treated."""
    d = template()
    d["kommune"]["verdier"]["valgt"][""] = "ikke_valgt"
    d["kommune"]["verdier"]["ja_nei"][""] = "nei"
    got = problems(d)
    assert any("[kommune.verdier.valgt]" in p and "ikke_valgt» automatisk" in p for p in got)
    assert any("[kommune.verdier.ja_nei]" in p and "alltid et manglende svar" in p for p in got)


def test_column_names_with_many_dots_are_not_nesting():
    d = template()
    d["frivilligsentral"]["sporsmal"]["a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p"] = d["frivilligsentral"]["sporsmal"].pop("Q1_1")
    assert "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p" in from_dict(d, "m.toml").frivilligsentral.items


def test_todo_lines_are_refused_with_their_places():
    d = template()
    d["frivilligsentral"]["sporsmal"]["Q1_1"] = "TODO: fs_plan_frivillighetspolitikk?"
    d["kommune"]["verdier"]["ja_nei"]["TODO Kanskje"] = "ja"
    got = problems(d)
    assert any(p.startswith("frivilligsentral.sporsmal.Q1_1: inneholder TODO") for p in got), got
    assert any(p.startswith("kommune.verdier.ja_nei.TODO Kanskje: nøkkelen inneholder TODO") for p in got), got


def test_value_both_category_and_non_answer_and_case_clash():
    d = template()
    d["kommune"]["ikke_svar"] = {"ja_nei": ["ja"]}
    d["kommune"]["verdier"]["ja_nei"]["JA "] = "nei"
    got = "\n".join(problems(d))
    assert "står både her og i [kommune.ikke_svar.ja_nei]" in got
    assert "står to ganger med ulike kategorier" in got


def test_missing_sections_and_fields():
    got = "\n".join(problems({"register": {"kolonner": {"navn": "N"}}, "kommune": {}}))
    for text in ("mangler seksjonen [frivilligsentral]", "[register].kolonner: mangler kommunenummer",
                 "trenger sentral_id eller organisasjonsnummer", "[kommune].kolonner: mangler respondent_id"):
        assert text in got, got


@pytest.mark.parametrize("suffix, text", [
    (".toml", "a = " + "[" * 1000 + "]" * 1000),
    (".toml", "".join(f"[{'.'.join(['x'] * 200)}]\n")),
    (".yaml", "a: " + "[" * 1000 + "]" * 1000),
    (".yaml", "a:\n" + "".join(" " * (i + 1) + "b:\n" for i in range(900))),
])
def test_deep_nesting_is_a_clear_error(tmp_path, suffix, text):
    """Issue 10: a mapping nested 1 000 levels gave RecursionError."""
    path = tmp_path / f"m{suffix}"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MappingError) as exc:
        load(path)
    assert "nestet for dypt" in str(exc.value) or "ukjent seksjon" in str(exc.value)


def test_deep_structure_in_memory_and_alias_bomb_are_bounded(tmp_path):
    deep: dict = {}
    node = deep
    for _ in range(5000):
        node["x"] = {}
        node = node["x"]
    got = "\n".join(problems({**template(), "register": {**template()["register"], "kolonner": deep}}))
    assert "nestet for dypt" in got and "må være tekst" in got
    bomb = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi"))
    path = tmp_path / "bomb.yaml"
    path.write_text(bomb, encoding="utf-8")
    t0 = time.perf_counter()
    with pytest.raises(MappingError) as exc:
        load(path)
    assert time.perf_counter() - t0 < 10 and "for stor" in str(exc.value)


@pytest.mark.parametrize("name, content, expected", [
    ("m.toml", "[register\n", "ugyldig TOML"),
    ("m.yaml", "a: [1, 2\n", "ugyldig YAML"),
    ("m.yaml", "- 1\n- 2\n", "må være en tabell med seksjoner"),
    ("m.yaml", "!!python/object:os.system {}\n", "ugyldig YAML"),
    ("m.json", "{}", "må være .toml, .yaml eller .yml"),
])
def test_unreadable_mapping_files(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(MappingError) as exc:
        load(path)
    assert expected in str(exc.value)


def test_a_folder_or_missing_file(tmp_path):
    with pytest.raises(MappingError, match="er ikke en fil"):
        load(tmp_path)
    with pytest.raises(MappingError, match="finnes ikke"):
        load(tmp_path / "nei.toml")


def test_yaml_number_keys_and_from_dict_sections():
    d = template()
    d["kommune"]["verdier"]["valgt"] = {1: "valgt", 0: "ikke_valgt"}
    d["kommune"]["ikke_svar"] = {"alle": ["Husker ikke"], "standard": False, "politikk4": ["Vet ikke"]}
    del d["kommune"]["verdier"]["politikk4"]["Vet ikke"]  # else it is both a category and a non-answer
    d["kommune"]["kommuner"] = {"Herøy": "1818"}
    d["kommune"]["fil"] = {"ark": "Svar", "overskriftsrad": 3, "overskriftsrader": 2}
    d["kommune"]["kontaktinfo"] = ["E-post"]
    m = from_dict(d, "m.yaml")
    k = m.kommune
    assert k.values["valgt"] == {"1": "valgt", "0": "ikke_valgt"}
    assert not k.use_default_non_answers and k.non_answer_set("ja_nei") == {"", "husker ikke"}
    assert k.explicit_non_answers("politikk4") == {"vet ikke"}
    assert k.municipality_overrides == {"Herøy": "1818"} and k.contact == ["E-post"]
    assert (k.shape.sheet, k.shape.header_row, k.shape.header_rows) == ("Svar", 3, 2)
