"""The import engine on files shaped like real exports: the checkbox rule (Figure 11 recomputed from the
raw file), non-answers, municipality names and old numbers, organisation numbers as centre ids,
ownership in free words, approximate years, contact columns never stored, hostile names, warnings,
the grouped report, switch=False and the catch-all."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from dashboard.data import gateway, versions
from dashboard.data.filters import Filters
from tests.support.importing import find, groups, mapping, read_kommune, run

ALL = Filters()


@pytest.fixture()
def f(files):
    """A private copy of the demo export (register, both surveys, discourse, mapping) to spoil."""
    return files


def read_register(f) -> pd.DataFrame:
    return pd.read_csv(f["register"], sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig")


def write_register(df: pd.DataFrame, f) -> None:
    df.to_csv(f["register"], sep=";", index=False, encoding="utf-8-sig")


# -- the checkbox rule (issue 9, item 2) ---------------------------------------------------------

def test_figure_11_from_checkboxes_exported_as_1_and_blank(f, isolated_state):
    """Blanks in a ticked block are «ikke valgt»: the shares equal the raw file's, not 100 %."""
    k = read_kommune(f)
    block = [c for c in k.columns if c.startswith("Q5_")]
    for c in block:
        k[c] = k[c].map({"Valgt": "1", "Ikke valgt": "", "": ""})
    k.to_excel(f["kommune"], index=False)
    result = run(f)
    assert result.ok, result.report()
    ticked = (k[block] == "1").any(axis=1)
    raw = {c: 100 * (k.loc[ticked, c] == "1").sum() / ticked.sum() for c in block}
    got = gateway.run("fordeling", ALL, blokk="partner", sprak="nb").df
    got = got[(got["respondentgruppe"] == "kommune") & (got["kode"] == "valgt")].sort_values("element_rekkefolge")
    assert got["andel"].tolist() == pytest.approx(list(raw.values()))
    assert set(got["n"]) == {ticked.sum()} and got["andel"].min() < 50  # not 100 % for every partner
    filled = find(result, "tom avkrysningsboks lagret som «ikke valgt»", "merknad")
    assert sum(g.count for g in filled) == int((k.loc[ticked, block] == "").sum().sum())
    per_column = ", ".join(f"«{c}» {int((k.loc[ticked, c] == '').sum())}" for c in block)
    assert "i 5 kolonner**: tom avkrysningsboks lagret som «ikke valgt»" in result.report()
    assert f"per kolonne: {per_column}" in result.report()  # one entry, counted per column
    [none] = [g for g in find(result, "krysset ingen boks i spørsmålet «partner»") if g.column == "Q5_1"]
    assert none.count == int((~ticked).sum())


# -- non-answers ---------------------------------------------------------------------------------

def test_non_answers_are_missing_and_counted_but_a_real_category_stays(f, isolated_state):
    k = read_kommune(f)
    grad = next(c for c in k.columns if c.startswith("Q9_"))   # a grad5 item (Figure 20)
    answered = k.index[k[grad] != ""]
    k.loc[answered[:7], grad] = "Vet ikke"
    k.loc[answered[7:10], grad] = " ikke relevant "
    k.to_excel(f["kommune"], index=False)
    politikk_raw = (k["Q1"] == "Vet ikke").sum()
    result = run(f)
    assert result.ok, result.report()
    notes = {g.message: g.count for g in groups(result, "merknad") if g.column == grad}
    assert notes["svaret «Vet ikke» er et ikke-svar og er lagret som manglende"] == 7
    assert notes["svaret «ikke relevant» er et ikke-svar og er lagret som manglende"] == 3
    svar = pd.read_parquet(versions.current().table_path("svar"))
    assert (svar["svar_kode"] == "vet_ikke").sum() == politikk_raw > 0  # politikk4 has «Vet ikke» as a category
    item = mapping(f)["kommune"]["sporsmal"][grad]
    assert (svar["sporsmal_id"] == item).sum() == len(answered) - 10


def test_non_answers_listed_per_scale_and_without_defaults(f, isolated_state):
    k = read_kommune(f)
    k.loc[(k["Q2"] != "") & (k.index % 3 == 0), "Q2"] = "Husker ikke"
    k.to_excel(f["kommune"], index=False)
    m = mapping(f)
    assert not run(f, m, dry_run=True).ok  # «Husker ikke» is not a default non-answer
    m["kommune"]["ikke_svar"] = {"ja_nei": ["Husker ikke"], "politikk4": ["Vet ikke"]}
    del m["kommune"]["verdier"]["politikk4"]["Vet ikke"]
    result = run(f, m, dry_run=True)
    assert result.ok, result.report()
    assert find(result, "svaret «Vet ikke» er et ikke-svar")[0].column == "Q1"  # now missing for politikk4 too
    m["kommune"]["ikke_svar"] = {"standard": False}
    k.loc[3, "Q9_1"] = "Ikke relevant"
    k.to_excel(f["kommune"], index=False)
    assert "utenfor skalaen «grad5»" in run(f, m, dry_run=True).report()


# -- a hand-kept register --------------------------------------------------------------------------

def _orgnr(i: int) -> str:
    weights = (3, 2, 7, 6, 5, 4, 3, 2)
    n = 910_000_000 + 1_237 * i
    while True:
        digits = str(n)[:8]
        check = (11 - sum(int(d) * w for d, w in zip(digits, weights)) % 11) % 11
        if check < 10:
            return digits + str(check)
        n += 10


def test_hand_kept_register_with_names_org_numbers_free_words_and_contacts(f, isolated_state, table):
    import pyreadstat

    reg = read_register(f)
    from dashboard.importer.municipalities import MunicipalityResolver

    resolver = MunicipalityResolver.from_version(versions.shipped())
    names = table("kommuner").set_index("kommunenummer")["kommunenavn"]
    org = [_orgnr(i) for i in range(len(reg))]
    reg["Org.nr."] = [f"{o[:3]} {o[3:6]} {o[6:]}" for o in org]
    by_name = [i for i in reg.index[reg.index % 4 == 0]  # names that mean one municipality only
               if resolver.resolve(names[reg.loc[i, "Kommunenr"]]).kommunenummer == reg.loc[i, "Kommunenr"]]
    reg.loc[by_name, "Kommunenr"] = reg.loc[by_name, "Kommunenr"].map(names)
    reg.loc[reg["Eierform"] == "Kommunal", "Eierform"] = "kommunal "
    reg.loc[reg["Eierform"] == "Samvirkeforetak", "Eierform"] = "SA"
    reg.loc[5, "Etableringsår"] = "ca. 1995"
    reg["Kontaktperson"] = "Kari Nordmann"
    reg["E-post"] = "kari@example.invalid"
    ids = dict(zip(reg["Sentral-ID"], org))
    write_register(reg.drop(columns="Sentral-ID"), f)
    fs, meta = pyreadstat.read_sav(str(f["frivilligsentral"]))
    fs["FS_ID"] = fs["FS_ID"].map(ids)
    pyreadstat.write_sav(fs, str(f["frivilligsentral"]), variable_value_labels=meta.variable_value_labels)
    m = mapping(f)
    cols = m["register"]["kolonner"]
    del cols["sentral_id"]
    cols["organisasjonsnummer"] = "Org.nr."
    m["register"]["kontaktinfo"] = ["Kontaktperson", "E-post"]
    m["frivilligsentral"]["kolonner"] = {"respondent_id": "ResponseID", "organisasjonsnummer": "FS_ID"}
    result = run(f, m)
    assert result.ok, result.report()
    v = versions.current()
    got = pd.read_parquet(v.table_path("sentraler"))
    want = table("sentraler")
    assert got["sentral_id"].tolist() == org
    assert got["kommunenummer"].tolist() == want["kommunenummer"].tolist()
    assert got["eierform"].tolist() == want["eierform"].tolist()
    assert got.loc[5, "etablert_aar"] == 1995
    resp = pd.read_parquet(v.table_path("respondenter"))
    fs_resp = resp[resp["respondentgruppe"] == "frivilligsentral"]
    assert fs_resp["sentral_id"].isin(org).all() and fs_resp["kommunenummer"].notna().all()
    assert find(result, "kommunenavn oversatt til kommunenummer")[0].count == len(by_name)
    assert find(result, "organisasjonsnummer skrevet om til ni sifre")[0].count == len(reg)
    assert find(result, "omtrentlig årstall")[0].values == ["ca. 1995 → 1995"]
    assert "«Kontaktperson», «E-post»" in find(result, "personopplysninger (kontaktinfo)")[0].message
    stored = b"".join(p.read_bytes() for p in v.path.glob("*.parquet"))
    assert b"Kari Nordmann" not in stored and b"example.invalid" not in stored


# -- hostile and careless input (issue 10, item 8) --------------------------------------------------

@pytest.mark.parametrize("name, expected, severity", [
    ("", "navnet er tomt", "feil"),
    ("A" * 5_000, "navnet er 5 000 tegn langt; grensen er 200", "feil"),
    ("A" * 100_000, "cellen har 100 000 tegn", "feil"),              # the reader's cell limit
    ("Sentral\x1b[31m rød", "kontrolltegnet U+001B er fjernet", "advarsel"),  # stripped by the reader, said
])
def test_bad_centre_names_are_errors_or_reported(f, isolated_state, name, expected, severity):
    reg = read_register(f)
    reg.loc[3, "Navn på sentral"] = name
    write_register(reg, f)
    result = run(f, dry_run=True)
    assert result.ok is (severity != "feil")
    g = find(result, expected, severity)[0]
    assert g.rows == [5] and g.column == "Navn på sentral"
    assert len(result.report()) < 20_000


def test_two_discourse_rows_for_one_municipality(f, isolated_state):
    d = pd.read_csv(f["diskurs"], dtype=str)
    pd.concat([d, d.iloc[[4]]]).to_csv(f["diskurs"], index=False)
    result = run(f, dry_run=True)
    g = find(result, "kommunen har flere diskursrader", "feil")[0]
    assert not result.ok and g.count == 2 and g.rows == [6, len(d) + 2]


def test_problems_in_every_file_are_reported_at_once(f, isolated_state):
    f["register"].write_text(f["register"].read_text(encoding="utf-8-sig") + "X-1;Feil rad;0301\n",
                             encoding="utf-8")
    k = read_kommune(f)
    k.loc[4, "Q2"] = "Kanskje"
    k.to_excel(f["kommune"], index=False)
    result = run(f, dry_run=True)
    assert not result.ok
    assert find(result, "raden har 3 felt", "feil") and find(result, "utenfor skalaen «ja_nei»", "feil")


def test_answers_linked_by_org_number_need_org_numbers_in_the_register(f, isolated_state):
    m = mapping(f)
    m["frivilligsentral"]["kolonner"] = {"respondent_id": "ResponseID", "organisasjonsnummer": "FS_ID"}
    result = run(f, m, dry_run=True)
    assert not result.ok
    assert "legg til organisasjonsnummer under [register].kolonner" in find(result, "registeret har ingen")[0].fix


# -- warnings ----------------------------------------------------------------------------------------

def test_the_same_centre_answering_twice_is_a_warning(f, isolated_state):
    import pyreadstat

    fs, meta = pyreadstat.read_sav(str(f["frivilligsentral"]))
    fs.loc[1, "FS_ID"] = fs.loc[0, "FS_ID"]
    pyreadstat.write_sav(fs, str(f["frivilligsentral"]), variable_value_labels=meta.variable_value_labels)
    result = run(f, dry_run=True)
    assert result.ok
    g = find(result, "samme sentral har svart flere ganger", "advarsel")[0]
    assert g.rows == [2, 3] and g.values == [fs.loc[0, "FS_ID"]]


def test_n_far_from_the_current_version_and_one_category_are_warnings(f, isolated_state):
    k = read_kommune(f).iloc[:40].copy()
    k["Q5_1"] = k["Q5_1"].replace("Ikke valgt", "Valgt")
    k["Q2"] = k["Q2"].where(k["Q2"] == "", "Ja")
    k.to_excel(f["kommune"], index=False)
    result = run(f, dry_run=True)
    assert result.ok, result.report()
    n = find(result, "N avviker fra rapportens publiserte N", "advarsel")  # the current version is the demo
    assert len(n) == 1 and "(endring over 50 %)" in n[0].message
    assert re.search(r"«Q1» \(k_politikk\): \d+ mot 110", n[0].message)
    assert "k_velferd" not in n[0].message  # no published N to compare with
    [one] = find(result, "flervalgsspørsmål med bare én kategori for 1 spørsmål", "advarsel")
    assert "«Q5_1» (k_partner_frivilligsentralen): alle " in one.message
    [same] = find(result, "alle svar i én kategori", "advarsel")
    assert "«Q2» (k_velferd): alle " in same.message and "er «ja»" in same.message


# -- the report --------------------------------------------------------------------------------------

def test_identical_problems_are_one_entry_with_count_first_rows_and_fix(f, isolated_state):
    reg = read_register(f)
    reg.loc[10:117, "Eierform"] = "Borettslag"
    reg.loc[200, "Eierform"] = "![x](http://example.invalid/t.png)"
    write_register(reg, f)
    result = run(f, dry_run=True)
    [g] = groups(result, "feil")
    assert g.count == 109 and g.rows == [12, 13, 14, 15, 16] and "register.verdier.eierform" in g.fix
    assert g.value_counts == {"Borettslag": 108, "![x](http://example.invalid/t.png)": 1}
    md = result.report()
    assert md.count("Borettslag") == 1 and "109 rader" in md and "første rader 12, 13, 14, 15, 16 …" in md
    assert "«Borettslag» (108)" in md
    # the value cannot become a link or an image: every ']('/'![' is escaped, and no bare URL is left
    assert not re.search(r"(?<!\\)\]\(|(?<!\\)!\[|(?<!\\)<", md) and "http://" not in md
    data = json.loads(result.to_json())
    assert data["ok"] is False and data["totals"]["errors"] == 109
    [entry] = [p for p in data["problems"] if p["severity"] == "feil"]
    assert entry["count"] == 109 and entry["rows"][:2] == [12, 13] and entry["value_counts"]["Borettslag"] == 108
    assert md.index("## Feil") < md.index("## Merknader")


@pytest.mark.parametrize("text, unsafe", [
    ("![x](http://example.invalid/t.png)", ["![", "](", "http://"]),
    ("[Dataene er utdatert](https://example.invalid/login)", ["](", "https://"]),
    ("<img src=x> :red[rød] :material/home: $x^2$ `kode`", ["<img", " :red[", " :material", " $x", " `kode"]),
    ("www.example.invalid kari@example.invalid", ["www.example", "kari@"]),
])
def test_report_text_cannot_become_markup(text, unsafe):
    from dashboard.importer.report import safe

    shown = safe(text)
    assert not [u for u in unsafe if re.search(r"(?<!\\)" + re.escape(u), shown)], shown
    assert shown.replace("\\", "") == text  # only escapes added: the text reads the same


# -- writing: switch=False, and the catch-all ---------------------------------------------------------

def test_switch_false_writes_the_version_without_making_it_current(f, isolated_state):
    result = run(f, switch=False)
    assert result.ok and result.version is not None and not result.switched
    assert versions.current().id == versions.shipped().id
    assert result.version.id in [v.id for v in versions.available()]
    assert "ikke tatt i bruk" in result.report()
    versions.use(result.version.id)
    assert versions.current().id == result.version.id


def _state(root):
    return sorted((str(p), p.stat().st_size) for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_an_unexpected_failure_is_one_clear_error_and_writes_nothing(f, isolated_state, monkeypatch, capsys):
    from dashboard import importer

    def boom(*a, **k):
        raise RuntimeError("noe gikk galt inni")

    monkeypatch.setattr(importer, "read_register", boom)
    result = run(f)
    assert not result.ok and [g.count for g in result.groups] == [1]
    assert "uventet feil under importen (RuntimeError: noe gikk galt inni)" in result.report()
    assert "Traceback" not in result.report() and not isolated_state.exists()


def test_a_failure_while_writing_leaves_nothing_behind(f, isolated_state, monkeypatch):
    real = versions.write_version

    def half(tables, out, **kw):
        real(tables, out, **kw)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(versions, "write_version", half)
    result = run(f)
    assert not result.ok and "No space left on device" in result.report()
    assert versions.current().id == versions.shipped().id
    assert [p.name for p in isolated_state.iterdir() if p.is_dir()] == []


def test_a_question_with_no_column_is_one_warning_naming_the_empty_figures(f, isolated_state):
    """(issue 20) The municipalities' politics question (Figure 3) left out of the mapping: a warning naming
    the block and the figure, one entry for the file; a complete mapping gives none."""
    assert not [g for g in groups(run(f, dry_run=True)) if "har ingen kolonne i mappingen" in g.message]
    m = mapping(f)
    column = next(c for c, i in m["kommune"]["sporsmal"].items() if i == "k_politikk")
    del m["kommune"]["sporsmal"][column]
    m["kommune"].setdefault("ignorer", []).append(column)
    result = run(f, m, dry_run=True)
    assert result.ok, result.report()
    [g] = find(result, "har ingen kolonne i mappingen", "advarsel")
    assert g.message.startswith("1 spørsmål i kodeboken") and "blokkene politikk" in g.message
    assert "Figur 3" in g.message and g.file == f["kommune"].name
