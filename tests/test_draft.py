"""The draft mapping (importer/draft*.py): text matching, column roles, and the written TOML."""

from __future__ import annotations

import tomllib

import pandas as pd
import pytest

from dashboard import paths
from dashboard.data import versions
from dashboard.importer import mapping
from dashboard.importer.draft import detect, draft
from dashboard.importer.draft.match import (
    assign,
    categories,
    item_scores,
    label_scores,
    prepare_items,
    ranked,
)
from tests import fixtures_realistic as fx


@pytest.fixture(scope="module")
def codebook():
    base = versions.shipped()
    items = pd.read_parquet(base.table_path("kodebok"))
    items = items[items["undersokelse"] == "2024"].copy()
    classes = pd.read_parquet(base.table_path("klassifikasjoner"))
    actors = classes[classes["klassifikasjon"] == "aktor"]
    items["aktor_tekst"] = items["aktor"].map(dict(zip(actors["kode"], actors["etikett_nb"])))
    return items, pd.read_parquet(base.table_path("kodebok_skala"))


def best_label(value, scale, scales):
    return ranked(label_scores(value, categories(scales[scales["skala"] == scale])), 1)[0].key


@pytest.mark.parametrize(("value", "scale", "code"), [
    ("Svært stor grad", "grad5", "svaert_stor"), ("Stor grad", "grad5", "stor"), ("i svært liten grad", "grad5",
                                                                                 "svaert_liten"),
    ("Svært bra", "passer5", "svaert_godt"), ("Bra", "passer5", "godt"), ("Verken eller", "passer5", "verken"),
    ("Bare egenregi", "rolle5", "kun_egenregi"), ("Mest egen regi", "rolle5", "mest_egenregi"),
    ("Svært hemmende", "fremmende5", "svaert_hemmende"), ("Ja, sammen med andre", "tilbud3", "sammen"),
])
def test_labels_worded_differently_find_their_category(value, scale, code, codebook):
    assert best_label(value, scale, codebook[1]) == code


@pytest.mark.parametrize(("header", "item"), [
    ("partner_kommunen", "fs_partner_kommunen"),
    ("Hvem samarbeider dere med? (flere svar mulig) - Kommunen", "fs_partner_kommunen"),
    (("Hvor godt passer påstandene om rollen frivilligsentralen bør ha fremover?.Frivilligsentralen er først og "
      "fremst fokusert på egne aktiviteter"), "fs_pastand_fremover_egne_aktiviteter"),
    (("Hvor godt passer følgende påstander i dag? - Frivilligsentralen er et supplement til kommunale tjenester "
      "på kommunens premisser"), "fs_pastand_supplement_kommune"),
    ("Kommunen - Hvem samarbeider dere med? (flere svar mulig)", "fs_partner_kommunen"),
    ("Q8. Hvem samarbeider dere med? (flere svar mulig) - Idrettslag", "fs_partner_idrettslag"),
    ("Hvordan er samarbeidet organisert? - Andre private bedrifter og næringsvirksomhet - Samarbeidsavtale",
     "fs_form_andre_private_samarbeidsavtale"),
])
def test_headers_find_their_codebook_item(header, item, codebook):
    items = prepare_items(codebook[0][codebook[0]["respondentgruppe"] == "frivilligsentral"])
    assert ranked(item_scores(header, items), 1)[0].key == item


def test_assignment_gives_each_item_to_one_column():
    got = assign({"a": {"x": 0.9, "y": 0.8}, "b": {"x": 0.95, "y": 0.5}})
    assert got["b"][0] == "x" and got["a"][0] == "y"


def test_column_roles_from_headers_and_values():
    assert detect.is_meta("$created") and detect.is_meta("Start time") and detect.is_meta("StartDate")
    assert not detect.is_meta("$submission_id") and detect.is_id_header("$submission_id")
    assert detect.is_contact("E-post", pd.Series(["a@b.no"])) and detect.is_contact("x", pd.Series(["ola@x.no"] * 3))
    assert not detect.is_contact("Kommune", pd.Series(["Vågå"]))
    assert detect.multi_choice_cell(pd.Series(["Kommunen;Idrettslag;", "Kommunen;", ""])) == ["Idrettslag", "Kommunen"]
    assert detect.is_non_answer(" Vet ikke ") and detect.is_non_answer("Ikke relevant")
    assert detect.is_meta("Starttidspunkt") and detect.is_meta("Levert", None)
    assert detect.is_meta("Sendt inn", pd.Series(["2024-03-07 10:15:22", "07.03.2024 11:02"]))
    assert not detect.is_meta("Kommune", pd.Series(["Vågå", "Lom"]))
    # a ticked box as the option's own text, worded unlike the codebook: the only value of its column
    assert detect.checkbox_code("Lag og foreninger", ["Frivillige lag og organisasjoner"])[0] is None
    ticked = detect.checkbox_code("Lag og foreninger", ["Frivillige lag og organisasjoner"], only_value=True)
    assert ticked[0] == "valgt"
    assert detect.checkbox_code("0", [])[0] == "ikke_valgt" and detect.checkbox_code("X", [])[0] == "valgt"


@pytest.fixture(scope="module")
def questback_draft(tmp_path_factory):
    s = fx.make("questback", tmp_path_factory.mktemp("qb"))
    return s, draft(s.register, s.frivilligsentral, s.kommune)


@pytest.mark.slow
def test_draft_is_valid_toml_with_scores_and_shape(questback_draft):
    _, d = questback_draft
    data = tomllib.loads(d.to_toml())
    assert data == d.data and data["versjon"] == 2
    assert data["frivilligsentral"]["fil"] == {"ark": "Rapport", "overskriftsrad": 3, "overskriftsrader": 1}
    assert data["register"]["fil"]["ark"] == "Sentraler" and data["register"]["fil"]["overskriftsrad"] == 3
    reg = data["register"]["kolonner"]
    assert reg["organisasjonsnummer"] == "Org.nr." and reg["kommunenummer"] == "Kommune" and "sentral_id" not in reg
    assert reg["eierform"] == "Eierform" and reg["etablert_aar"] == "Etablert"
    assert {"Daglig leder", "E-post", "Telefon"} <= set(data["register"]["kontaktinfo"])
    assert data["frivilligsentral"]["kolonner"]["organisasjonsnummer"] == "orgnr"
    assert data["kommune"]["kolonner"]["kommunenummer"] == "Kommunenummer"
    assert {"Startet", "Fullført"} <= set(data["kommune"]["ignorer"])
    assert "Andre kommentarer" in data["kommune"]["fritekst"]
    assert all(0 < v <= 1 for v in d.scores.values()) and len(d.scores) > 100
    assert d.todos == []
    m = mapping.from_dict(data, "utkast")  # the importer's own check accepts the draft as it is
    assert m.frivilligsentral.shape.header_row == 3 and "Daglig leder" in m.register.contact
    # every line of a mapped column carries its score as a comment
    lines = [ln for ln in d.text.splitlines() if ln.startswith('"Hvem samarbeider')]
    assert lines and all("# 0," in ln or "# 1,00" in ln for ln in lines)


@pytest.mark.slow
def test_draft_maps_labels_checkboxes_and_non_answers(questback_draft):
    _, d = questback_draft
    fs = d.data["frivilligsentral"]
    assert fs["verdier"]["valgt"] == {"0": "ikke_valgt", "1": "valgt"}
    assert fs["verdier"]["passer5"]["Svært bra"] == "svaert_godt"
    assert set(fs["ikke_svar"]["grad5"]) == {"Ikke relevant", "Vet ikke"}


@pytest.mark.slow
def test_ambiguous_municipality_is_a_todo_and_the_mapping_is_refused(tmp_path):
    s = fx.make("nettskjema_csv", tmp_path)
    text = s.kommune.read_bytes().decode("cp1252").replace("\r\nx", "\r\nx")
    first = text.split("\r\n")[1].split(";")
    first[3] = "Våler"  # the kommune column: Våler (Østfold) or Våler (Innlandet)?
    rows = text.split("\r\n")
    rows[1] = ";".join(first)
    s.kommune.write_bytes("\r\n".join(rows).encode("cp1252"))
    d = draft(s.register, s.frivilligsentral, s.kommune)
    todos = [t for t in d.todos if t[0] == "kommune"]
    assert [t[1] for t in todos] == ["kommuner.Våler"]
    assert '"Våler" = "TODO"' in d.text and "3114" in d.text and "3419" in d.text
    with pytest.raises(mapping.MappingError, match="TODO"):
        mapping.from_dict(d.data, "utkast")
    # a person settles it by editing only the TODO line; then the mapping is accepted
    settled = d.text.replace('"Våler" = "TODO"', '"Våler" = "3419"')
    assert mapping.from_dict(tomllib.loads(settled), "utkast").kommune.municipality_overrides["Våler"] == "3419"


def test_cli_names_a_missing_file(tmp_path):
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "dashboard", "mapping-forslag", "--register", str(tmp_path / "nei.xlsx"),
                        "--frivilligsentral", "a.csv", "--kommune", "b.csv", "--out", str(tmp_path / "m.toml")],
                       capture_output=True, text=True, check=False, cwd=paths.ROOT)
    assert r.returncode == 2 and "nei.xlsx" in r.stderr and "finnes ikke" in r.stderr
    assert not (tmp_path / "m.toml").exists()


def test_two_row_header_is_found_and_read_as_question_and_item(tmp_path):
    import openpyxl

    from dashboard.importer.draft.read import read_file

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Rapport"
    ws.append(["Undersøkelse blant kommunene 2024"])
    ws.append(["Respondent", "Kommune", "Hvem samarbeider dere med? (flere svar mulig)", None, None])
    ws.append([None, None, "Frivilligsentralen", "Idrettslag", "Andre"])
    for i in range(8):
        ws.append([i + 1, "Vågå", 1, 1 if i % 2 else None, None])
    path = tmp_path / "to-rader.xlsx"
    wb.save(path)
    rf = read_file(path)
    assert rf.shape == {"ark": "Rapport", "overskriftsrad": 2, "overskriftsrader": 2}
    assert "Hvem samarbeider dere med? (flere svar mulig) - Idrettslag" in rf.table.df.columns


@pytest.mark.slow
def test_spss_export_with_item_labels_is_matched_by_block_and_never_wrongly(tmp_path):
    """The demo data's own export: bare variable codes (Q9_2_1) with SPSS labels holding only the item
    text. Numbered columns are matched within the block whose items and scale fit them all; what stays
    ambiguous (which actor, 'today' or 'ahead') is a TODO, never a wrong guess."""
    from dashboard.importer.template import export_demo

    files = export_demo(tmp_path)
    d = draft(files["register"], files["frivilligsentral"], files["kommune"], files["diskurs"])
    truth = tomllib.loads((paths.ROOT / "data/import/demo-eksport-mapping.toml").read_text(encoding="utf-8"))
    mapped = {c: i for c, i in d.data["frivilligsentral"]["sporsmal"].items() if "TODO" not in i}
    assert len(mapped) >= 50
    assert {c: truth["frivilligsentral"]["sporsmal"][c] for c in mapped} == mapped
    assert d.data["register"]["kolonner"]["sentral_id"] == "Sentral-ID"
    assert d.data["frivilligsentral"]["kolonner"]["sentral_id"] == "FS_ID"
    assert d.data["diskurs"]["kolonner"] == {"kommunenummer": "Kommunenr", "diskurs": "Diskurs"}


def test_short_free_text_next_to_its_checkbox_is_free_text(tmp_path):
    """"Andre, spesifiser" answered with one word ("Lions") is free text, not a second "Andre"."""
    import random

    q = "Hvem samarbeider dere med? (flere svar mulig)"
    plan = "I hvilken grad påvirkes sentralens virksomhet av planene? - Kommuneplanens samfunnsdel"
    lines = [f"ID;Kommune;{q} - Kommunen;{q} - Idrettslag;{q} - Andre;{q} - Andre, spesifiser;{plan}"]
    for i in range(12):
        other = ["Lions", "Rotary", "Sanitetsforeningen", ""][i % 4]
        lines.append(f"{i + 1};{['Vågå', 'Lom', 'Skjåk'][i % 3]};1;{'1' if i % 2 else ''};{'1' if other else ''};"
                     f"{other};{['Stor grad', 'Noen grad', 'Vet ikke'][i % 3]}")
    survey = tmp_path / "svar.csv"
    survey.write_text("\r\n".join(lines), encoding="utf-8")
    register, _ = fx.register_excel(tmp_path, random.Random(1))
    d = draft(register, survey, survey)
    fs = d.data["frivilligsentral"]
    assert fs["fritekst"] == [f"{q} - Andre, spesifiser"]
    assert fs["sporsmal"][f"{q} - Andre"] == "fs_partner_andre"
    assert fs["sporsmal"][plan] == "fs_plan_samfunnsdel" and fs["kolonner"]["kommunenummer"] == "Kommune"
    assert [t for t in d.todos if t[0] == "frivilligsentral"] == []


# -- a multi-choice answer in one cell (Microsoft Forms) --------------------------------------------

def test_one_cell_multi_choice_columns_are_found_only_when_their_options_repeat():
    cells = pd.Series(["Kommunen;Lag og foreninger;Næringsliv;", "Kommunen;", "Næringsliv;Kommunen;", ""] * 3)
    assert detect.multi_choice_cell(cells) == ["Kommunen", "Lag og foreninger", "Næringsliv"]
    prose = pd.Series([f"Vi møtes hver {d}; det går fint; takk {i}" for i, d in enumerate(["uke", "dag", "mnd"])])
    assert detect.multi_choice_cell(prose) == []  # semicolons in free text: nothing repeats


def test_one_cell_multi_choice_is_drafted_to_its_block_with_every_item():
    from dashboard.importer.draft.model import Context
    from dashboard.importer.draft.multi import draft_columns

    ctx = Context()
    column = "Hvem samarbeider kommunen med? (velg flere)"
    [m] = draft_columns(ctx, "kommune", {column: ["Frivilligsentralen", "Lag og foreninger", "Idrettslaget",
                                                  "Vet ikke"]})
    # the only checkbox block of the municipalities' survey: taken although the wording differs (score 0,73)
    assert m.block.value == "k_partner_frivilligsentralen" and not m.block.todo and m.separator == ";"
    got = {e.key: e.value for e in m.options}
    assert got["Frivilligsentralen"] == "k_partner_frivilligsentralen" and got["Idrettslaget"] == "k_partner_idrettslag"
    assert "Vet ikke" not in got  # a non-answer, not an option
    # the items no one chose are written with the codebook's text, so the import gives them «ikke valgt»
    assert got["Enkeltfrivillige"] == "k_partner_enkeltfrivillige" and got["Nærbutikken"] == "k_partner_naerbutikk"
    weak = next(e for e in m.options if e.key == "Lag og foreninger")
    assert weak.todo and str(weak.value).startswith("TODO") and "k_partner_lag_org" in weak.comment
    [unsure] = draft_columns(ctx, "frivilligsentral", {"Spørsmål 7": ["Samarbeidsavtale", "Uformelt samarbeid"]})
    assert unsure.block.todo and all(str(e.value).startswith("TODO") for e in unsure.options)  # which actor?
    assert "fs_form_" in unsure.block.comment


def test_drafted_multi_choice_is_a_valid_mapping_and_replaces_ignorer(tmp_path):
    s = fx.make("msforms", tmp_path)
    d = draft(s.register, s.frivilligsentral, s.kommune)
    data = d.data
    assert not d.todos and not d.warnings
    for group, survey in s.surveys.items():
        assert set(data[group]["flervalg"]) == set(survey.multi) and not set(survey.multi) & set(data[group]["ignorer"])
        assert {d.scores[(group, c)] for c in survey.multi} and min(d.scores[(group, c)] for c in survey.multi) >= 0.75
    assert len(data["frivilligsentral"]["flervalg"]) == 10 and len(data["kommune"]["flervalg"]) == 1
    m = mapping.from_dict(data, "utkast.toml")
    assert m.kommune.multi[next(iter(s.surveys["kommune"].multi))].options == next(
        iter(s.surveys["kommune"].multi.values()))


def test_one_cell_multi_choice_with_own_words_from_an_annet_choice_is_still_found():
    options = ["Kommunen;Idrettslag;", "Kommunen;", "Idrettslag;Enkeltfrivillige;", "Enkeltfrivillige;Kommunen;"]
    own = [f"Kommunen;Lions Club avdeling {i};" for i in range(6)]  # each in one row only
    cells = pd.Series(options * 3 + own + [""] * 4)
    found = detect.multi_choice_cell(cells)
    assert {"Kommunen", "Idrettslag", "Enkeltfrivillige", "Lions Club avdeling 0"} <= set(found) and len(found) == 9
    assert detect.option_rows(cells)["Kommunen"] == 15 and detect.option_rows(cells)["Lions Club avdeling 5"] == 1
    no_trailing = cells.str.rstrip(";")  # not as Forms writes it: one-off parts are not taken for an "Other"
    assert detect.multi_choice_cell(no_trailing) == []
    two_each = pd.Series(options * 3 + [f"Kommunen;Lag {i};Sak {i};" for i in range(12)])
    assert detect.multi_choice_cell(two_each) == []  # several one-off parts per cell: prose, not options


def test_own_words_are_drafted_as_annet_to_the_andre_item_and_never_written():
    from dashboard.importer.draft.model import Context, SectionDraft
    from dashboard.importer.draft.multi import draft_columns
    from dashboard.importer.draft.toml import _multi_lines

    ctx = Context()
    column = "Hvem samarbeider dere med? (flere svar mulig)"
    own = {"Kari Hansen i bygdekvinnelaget", "Lions Club ved kaia"}
    [m] = draft_columns(ctx, "frivilligsentral", {column: ["Kommunen", "Idrettslag", "Nærbutikken", *sorted(own)]},
                        {column: {"Nærbutikken", *own}})  # Nærbutikken: chosen once, but an option of the question
    assert m.other.value == "fs_partner_andre" and not m.other.todo and "2 alternativer" in m.other.comment
    got = {e.key: e.value for e in m.options}
    assert got["Nærbutikken"] == "fs_partner_naerbutikk" and got["Andre"] == "fs_partner_andre"
    assert not own & set(got)
    [k] = draft_columns(ctx, "kommune", {"Hvem samarbeider kommunen med?": ["Frivilligsentralen", "Idrettslag",
                                                                         "Bondelaget på Vang"]},
                        {"Hvem samarbeider kommunen med?": {"Bondelaget på Vang"}})
    assert k.other.value is None and "ikke noe «Andre»-element" in k.other.todo
    assert "Bondelaget på Vang" not in {e.key for e in k.options}
    sec = SectionDraft("frivilligsentral", None)
    sec.multi = [m]
    text = "\n".join(_multi_lines(sec))
    assert 'annet = "fs_partner_andre"  # 2 alternativer står i bare én rad' in text and "teksten lagres aldri" in text
    assert not [t for t in own if t in text]
    sec.name, sec.multi = "kommune", [k]
    text = "\n".join(_multi_lines(sec))
    assert "# TODO: flervalgskolonnen «Hvem samarbeider kommunen med?»: 1 alternativ står i bare én rad" in text
    assert "annet =" not in text and "Bondelaget" not in text


# -- issue 20: answer columns, comma-joined options, link columns -----------------------------------

def test_answer_columns_are_never_free_text_and_say_why(tmp_path):
    """Long labels repeated over many rows ("4 - Passer godt ...") under a header that fits no item: a TODO
    naming candidates, never fritekst; a long, mostly unique text is fritekst with its reason."""
    import random

    labels = ["5 - Passer svært godt for oss", "4 - Passer godt for oss", "3 - Verken eller for oss"]
    comments = [f"Vi har fått til mye i år, særlig arrangement nummer {i} i sentrum" for i in range(12)]
    lines = ["ID;Kommune;Spørsmål 17b;Utdyp gjerne"]
    lines += [f"{i + 1};{['Vågå', 'Lom', 'Skjåk'][i % 3]};{labels[i % 3]};{comments[i]}" for i in range(12)]
    survey = tmp_path / "svar.csv"
    survey.write_text("\n".join(lines), encoding="utf-8")
    register, _ = fx.register_excel(tmp_path, random.Random(1))
    d = draft(register, survey, survey)
    fs = d.data["frivilligsentral"]
    assert detect.looks_like_answers(pd.Series(labels * 4)) and not detect.is_free_text(pd.Series(labels * 4))
    assert fs["fritekst"] == ["Utdyp gjerne"] and str(fs["sporsmal"]["Spørsmål 17b"]).startswith("TODO")
    line = next(ln for ln in d.text.splitlines() if ln.startswith('"Spørsmål 17b"'))
    assert "ser ut som svaralternativer" in line and "kandidat" in line
    assert "lange, ulike svar" in next(ln for ln in d.text.splitlines() if '"Utdyp gjerne"' in ln) or \
        "ber om egen tekst" in d.text


def test_comma_joined_options_with_commas_inside_are_found_and_split_longest_first():
    from dashboard.importer.values import split_options

    lag = "Frivillige lag, foreninger og organisasjoner"
    cells = pd.Series([f"Kommunen, {lag}, Idrettslag", f"{lag}", "Kommunen", "Idrettslag, Nærbutikken",
                       f"Kommunen, {lag}, Lions, i sentrum", f"{lag}, Nærbutikken", ""] * 3)
    found = detect.comma_choice_cell(cells)
    assert {"Kommunen", lag, "Idrettslag", "Nærbutikken"} <= set(found) and "foreninger og organisasjoner" not in found
    assert split_options(f"Kommunen, {lag}, Lions, Rotary", ", ", [lag, "Kommunen"]) == ["Kommunen", lag,
                                                                                           "Lions, Rotary"]
    assert split_options("a;b;", ";") == ["a", "b"]
    single = pd.Series(["Ja, selv", "Ja, sammen med andre", "Nei"] * 6)  # one choice whose labels hold a comma
    prose = pd.Series([f"Vi deler lokaler, og det går fint {i}." for i in range(3)] * 4)
    assert detect.comma_choice_cell(single) == [] and detect.comma_choice_cell(prose) == []


def test_link_columns_are_taken_before_the_respondent_id(tmp_path):
    """Google Forms has no id column: a unique municipality name (nynorsk header) and a hand-typed
    organisation number are link columns; the unique time stamp is the respondent id."""
    import random

    register, orgnr = fx.register_excel(tmp_path, random.Random(1))
    numbers = list(orgnr.values())[:12]
    names = ["Vågå", "Lom", "Skjåk", "Sel", "Dovre", "Lesja", "Nord-Fron", "Sør-Fron", "Ringebu", "Øyer", "Gausdal",
             "Vang"]
    lines = ["Tidsmerke,Kva kommune svarar du for?,Organisasjonsnummer,Har frivilligsentralen og kommunen eit "
             "samarbeid om velferdstenester?"]
    lines += [f"0{1 + i % 9}.03.2024 1{i % 10}:0{i % 6}:{10 + i},{n},\"{o[:3]} {o[3:6]} {o[6:]}\","
              + ["Ja", "Nei"][i % 2] for i, (n, o) in enumerate(zip(names, numbers))]
    survey = tmp_path / "skjema.csv"
    survey.write_text("\n".join(lines), encoding="utf-8")
    d = draft(register, survey, survey)
    for group in ("frivilligsentral", "kommune"):
        cols = d.data[group]["kolonner"]
        assert cols["respondent_id"] == "Tidsmerke" and cols["kommunenummer"] == "Kva kommune svarar du for?"
    assert d.data["frivilligsentral"]["kolonner"]["organisasjonsnummer"] == "Organisasjonsnummer"


def test_almost_utf8_survey_is_drafted_with_a_tegnkoding_todo_and_imports_once_settled(tmp_path):
    """One bad byte in a UTF-8 CSV: the draft reads it (byte replaced) and asks; the import rejects it with
    row and byte (no traceback) until the line is settled."""
    import os
    import random
    import subprocess
    import sys

    register, _ = fx.register_excel(tmp_path, random.Random(1))
    lines = ["ID;Kommune;Hvem samarbeider dere med? (flere svar mulig) - Kommunen;Navn på leder"]
    lines += [f"{i + 1};{['Vågå', 'Lom', 'Skjåk'][i % 3]};{i % 2};Kari {i}" for i in range(12)]
    survey = tmp_path / "svar.csv"
    survey.write_bytes("\n".join(lines).encode("utf-8").replace(b"Kari 7", b"K\xe5ri 7"))
    kommune = tmp_path / "kommuner.csv"
    kommune.write_text("ID;Kommune\n" + "\n".join(f"{i};{n}" for i, n in enumerate(["Vågå", "Lom", "Skjåk"])),
                       encoding="utf-8")
    d = draft(register, survey, kommune)
    assert d.todos == [("frivilligsentral", "fil.tegnkoding", "filen er UTF-8 bortsett fra noen få byte")]
    assert d.data["frivilligsentral"]["fil"]["tegnkoding"] == "TODO: utf-8-erstatt"
    assert "rad 9 byte nr. 10 (0xE5)" in d.text and d.data["frivilligsentral"]["kontaktinfo"] == ["Navn på leder"]
    out = tmp_path / "m.toml"

    def dry_run() -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "dashboard", "import", "--register", str(register),
                               "--frivilligsentral", str(survey), "--kommune", str(kommune), "--mapping", str(out),
                               "--dry-run"], capture_output=True, text=True, check=False, cwd=paths.ROOT,
                              env={**os.environ, "DASHBOARD_STATE_DIR": str(tmp_path / "state")})

    out.write_text(d.text.replace('tegnkoding = "TODO: utf-8-erstatt"', 'tegnkoding = "utf-8-erstatt"'),
                   encoding="utf-8")
    assert mapping.load(out).frivilligsentral.shape.replace_bad_bytes
    r = dry_run()
    assert "nesten UTF-8" not in r.stdout and "byte 0xE5 (byte nr. 10 i raden) var ikke gyldig UTF-8" in r.stdout
    out.write_text(d.text.replace(', tegnkoding = "TODO: utf-8-erstatt"', ""), encoding="utf-8")
    r = dry_run()
    text = r.stdout + r.stderr
    assert r.returncode != 0 and "nesten UTF-8" in text and "rad 9" in text and "Traceback" not in text


def test_todo_candidates_put_the_named_item_first_and_tell_twins_apart():
    """(issue 20, kind 8) The actor the column names leads; candidates with the same codebook text (an actor's
    variant, a "today" and a "future" variant) say block, actor and time."""
    from dashboard.importer.draft import _candidates
    from dashboard.importer.draft.model import Context

    ctx = Context()
    got = _candidates(ctx, "Q7 Idrettslag", {"fs_form_kommunen_uformelt": 0.7, "fs_form_idrettslag_uformelt": 0.6,
                                             "fs_form_lag_org_uformelt": 0.69})
    assert got.startswith("fs_form_idrettslag_uformelt (0,60; form, Idrettslag) nevnt i kolonnen, "
                          "fs_form_kommunen_uformelt (0,70; form, Kommunen)")
    twins = _candidates(ctx, "Påstand 2", {"fs_pastand_egne_aktiviteter": 0.8,
                                           "fs_pastand_fremover_egne_aktiviteter": 0.79})
    assert twins == ("fs_pastand_egne_aktiviteter (0,80; pastand, i dag), "
                     "fs_pastand_fremover_egne_aktiviteter (0,79; pastand_fremover, fremover)")


def test_a_founding_column_is_never_hidden_under_ignorer(tmp_path):
    """(issue 20, kind 4) Founding dates give the year (draft: the column, the count of dates); a column named
    as the founding year whose values are no years is a TODO, not ignored."""
    from dashboard.importer.draft.model import Context
    from dashboard.importer.draft.register import register_section

    names = ["Vågå", "Lom", "Skjåk", "Sel", "Dovre", "Lesja"]
    dated = tmp_path / "reg.csv"
    dated.write_text("Navn;Kommune;Eierform;Etableringsdato\n" + "\n".join(
        f"{n} frivilligsentral;{n};Kommunal;{d}" for n, d in zip(names, ["01.08.2003", "2004-02-01", "37834", "1999",
                                                                         "15.3.2010", "2011-01-01 00:00:00"])),
        encoding="utf-8")
    ctx = Context()
    sec = register_section(ctx, dated)
    line = next(e for e in sec.columns if e.key == "etablert_aar")
    assert line.value == "Etableringsdato" and not line.todo and "4 verdier som er dato" in line.comment
    words = tmp_path / "ord.csv"
    words.write_text(dated.read_text(encoding="utf-8").replace("Etableringsdato", "Oppstart").replace(
        "01.08.2003", "høsten 2003").replace("2004-02-01", "tidlig på 2000-tallet").replace("37834", "vet ikke"),
        encoding="utf-8")
    sec = register_section(ctx, words)
    line = next(e for e in sec.columns if e.key == "etablert_aar")
    assert line.value == "TODO: Oppstart" and line.todo and "Oppstart" not in [e.key for e in sec.ignore]


@pytest.mark.slow
def test_codes_only_workbook_without_its_label_sheet_is_todo_never_wrong_nor_a_crash(tmp_path):
    """Numbers under bare variable names and no labels anywhere: the draft cannot know, so it asks (TODO),
    and never guesses a wrong item (it used to stop with an IndexError in the numbered-block matching)."""
    s = fx.make("codes_workbook", tmp_path)
    bare = {}
    for group, path in (("frivilligsentral", s.frivilligsentral), ("kommune", s.kommune)):
        bare[group] = path.with_name(f"bare-{path.name}")
        pd.read_excel(path, sheet_name="Data").to_excel(bare[group], index=False, sheet_name="Data")
    d = draft(s.register, bare["frivilligsentral"], bare["kommune"])
    assert len(d.todos) > 50
    for group, survey in s.surveys.items():
        got = d.data[group].get("sporsmal", {})
        assert not {c: v for c, v in got.items() if "TODO" not in v and survey.items.get(c) != v}, group
