"""A multi-choice question written into one cell ("Kommunen;Idrettslag;", as Microsoft Forms writes it):
the [seksjon.flervalg] mapping, strict like the rest; the cell split, each option to its item, the
checkbox rule (Figure 11 recomputed from the raw cells); unknown options, non-answers and empty cells;
a quoted separator in a CSV."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.data import gateway, versions
from dashboard.data.filters import Filters
from dashboard.importer.multichoice import split
from tests.support.importing import find, mapping, problems, read_kommune, run, template

COLUMN = "Hvem samarbeider kommunen med? (flere svar mulig)"
# the options as the form words them (case, accents and spacing differ from the codebook on purpose)
OPTIONS = {"Frivilligsentralen": "k_partner_frivilligsentralen",
           "frivillige lag og organisasjoner": "k_partner_lag_org", "Idrettslag": "k_partner_idrettslag",
           "ENKELTFRIVILLIGE": "k_partner_enkeltfrivillige",
           "Naerbutikken": "k_partner_naerbutikk"}


@pytest.fixture()
def f(files):
    return files


def one_cell(f, *, csv: bool = False) -> pd.DataFrame:
    """The municipalities' partner checkboxes (Q5_1..Q5_5) rewritten as one Forms-style cell."""
    k = read_kommune(f)
    block = [c for c in k.columns if c.startswith("Q5_")]
    labels = ["Frivilligsentralen", "Frivillige lag og organisasjoner", "Idrettslag", "Enkeltfrivillige", "Nærbutikken"]
    k[COLUMN] = ["".join(f"{lab};" for c, lab in zip(block, labels) if row[c] == "Valgt") for _, row in k.iterrows()]
    k = k.drop(columns=block)
    if csv:
        f["kommune"] = f["kommune"].with_suffix(".csv")
        k.to_csv(f["kommune"], sep=";", index=False, encoding="utf-8-sig")  # the cells with ';' are quoted
    else:
        k.to_excel(f["kommune"], index=False)
    return k


def multi_mapping(f, options: dict[str, str] | None = None, **extra) -> dict:
    m = mapping(f)
    m["kommune"]["sporsmal"] = {c: i for c, i in m["kommune"]["sporsmal"].items() if not c.startswith("Q5_")}
    m["kommune"]["flervalg"] = {COLUMN: {"alternativer": options or OPTIONS, **extra}}
    return m


def raw_shares(k: pd.DataFrame) -> tuple[int, dict[str, float]]:
    """Respondents who chose at least one option, and each option's share of them, from the raw cells."""
    cells = k[COLUMN].map(lambda v: [p.strip() for p in v.split(";") if p.strip()])
    chose = cells.map(bool)
    n = int(chose.sum())
    labels = ["Frivilligsentralen", "Frivillige lag og organisasjoner", "Idrettslag", "Enkeltfrivillige", "Nærbutikken"]
    return n, {lab: 100 * cells[chose].map(lambda ps, lab=lab: lab in ps).sum() / n for lab in labels}


def dashboard_shares() -> pd.DataFrame:
    got = gateway.run("fordeling", Filters(), blokk="partner", sprak="nb").df
    return got[(got["respondentgruppe"] == "kommune") & (got["kode"] == "valgt")].sort_values("element_rekkefolge")


@pytest.mark.parametrize("csv", [False, True], ids=["xlsx", "csv-quoted-separator"])
def test_figure_11_from_one_cell_equals_the_raw_cells(f, isolated_state, csv):
    k = one_cell(f, csv=csv)
    assert k[COLUMN].str.endswith(";").any() and (k[COLUMN] == "").any()  # trailing ';' and empty cells
    if csv:
        assert '"Frivilligsentralen;' in f["kommune"].read_text(encoding="utf-8-sig")
    result = run(f, multi_mapping(f))
    assert result.ok, result.report()
    n, raw = raw_shares(k)
    got = dashboard_shares()
    assert got["andel"].tolist() == pytest.approx(list(raw.values()))
    assert set(got["n"]) == {n} and got["andel"].min() < 50
    split_note = find(result, "flervalg i én celle delt på «;»", "merknad")[0]
    assert split_note.count == n and split_note.column == COLUMN
    filled = find(result, "stod ikke i cellen: lagret som «ikke valgt»", "merknad")
    chosen = k[COLUMN].map(lambda v: len([p for p in v.split(";") if p.strip()]))
    assert sum(g.count for g in filled) == 5 * n - int(chosen.sum())  # every conversion counted
    [none] = [g for g in find(result, "krysset ingen boks i spørsmålet «partner»", "merknad") if g.column == COLUMN]
    assert none.count == int((k[COLUMN] == "").sum())


def test_unknown_option_is_an_error_naming_column_row_and_option(f, isolated_state):
    k = one_cell(f)
    row = k.index[k[COLUMN] != ""][3]
    k.loc[row, COLUMN] += "Idretslag;Bondelaget;"
    k.to_excel(f["kommune"], index=False)
    result = run(f, multi_mapping(f), dry_run=True)
    assert not result.ok
    [typo] = find(result, "alternativet «Idretslag» står ikke i", "feil")
    assert typo.column == COLUMN and typo.rows == [row + 2] and typo.values == ["Idretslag"]
    assert "mente du «Idrettslag»?" in typo.message and f'[kommune.flervalg."{COLUMN}"].alternativer' in typo.message
    assert "legg alternativet til" in typo.fix
    assert find(result, "alternativet «Bondelaget» står ikke i", "feil")[0].rows == [row + 2]
    assert "Bondelaget" in result.report()


def test_empty_cell_and_non_answers_are_missing_for_the_question(f, isolated_state):
    k = one_cell(f)
    answered = k.index[k[COLUMN] != ""]
    k.loc[answered[0], COLUMN] = "Vet ikke;"
    k.loc[answered[1], COLUMN] = " ; "                              # only separators: empty
    k.loc[answered[2], COLUMN] = "Idrettslag ; vet ikke"            # a non-answer beside an option
    k.to_excel(f["kommune"], index=False)
    result = run(f, multi_mapping(f))
    assert result.ok, result.report()
    rids = pd.read_excel(f["kommune"], dtype=str).fillna("").iloc[answered[:3]]
    svar = pd.read_parquet(versions.current().table_path("svar"))
    svar = svar[svar["sporsmal_id"].isin(OPTIONS.values())]
    by_resp = svar.groupby("respondent_id")["svar_kode"].apply(lambda s: sorted(s))
    ids = ["K-" + r for r in rids.iloc[:, 0]]
    assert ids[0] not in by_resp and ids[1] not in by_resp  # missing for the whole question
    assert by_resp[ids[2]] == ["ikke_valgt"] * 4 + ["valgt"]
    assert len(by_resp) == int((k[COLUMN].map(lambda v: bool(split(v, ";")) and v != "Vet ikke;")).sum())
    assert find(result, "cellen har bare ikke-svar", "merknad")[0].rows == [answered[0] + 2]
    dropped = find(result, "er et ikke-svar og er utelatt", "merknad")
    assert sorted(g.count for g in dropped) == [1, 1]


def test_split_trims_and_drops_the_trailing_separator():
    assert split("Kommunen;Lag og foreninger;Næringsliv;", ";") == ["Kommunen", "Lag og foreninger", "Næringsliv"]
    assert split(" a | b |", "|") == ["a", "b"] and split("", ";") == [] and split(";;", ";") == []


def test_other_separator_is_used(f, isolated_state):
    k = one_cell(f)
    k[COLUMN] = k[COLUMN].str.replace(";", " | ")
    k.to_excel(f["kommune"], index=False)
    result = run(f, multi_mapping(f, skilletegn="|"), dry_run=True)
    assert result.ok, result.report()
    assert find(result, "flervalg i én celle delt på «|»")


def test_flervalg_keys_are_strict_with_suggestions():
    d = template()
    col = "Hvem samarbeider dere med?"
    d["kommune"]["sporsmal"] = {c: i for c, i in d["kommune"]["sporsmal"].items()
                                if not i.startswith("k_partner_") and i != "k_faktor_okonomi"}
    d["kommune"]["flervalg"] = {
        col: {"skiletegn": ";", "alternativer": {
            "Idrettslag": "k_partner_idretslag", "Frivilligsentralen": "k_partner_frivilligsentralen",
            "frivilligsentralen ": "k_partner_lag_org", "Vet ikke": "k_faktor_okonomi"}},
        "B": {"skilletegn": ";;;;", "alternativer": {"Samarbeidsavtale": "fs_form_kommunen_samarbeidsavtale"}},
        "C": {"alternativer": {"Lag": "k_partner_lag_org"}},
        "D": ["Kommunen"],
        "E": {"skilletegn": ";"},
        "F": {"skilletegn": "/", "alternativer": {"Lag/foreninger": "k_partner_enkeltfrivillige"}},
    }
    d["kommune"]["ignorer"] = [*d["kommune"]["ignorer"], "C"]
    got = "\n".join(problems(d))
    for text in (f'[kommune.flervalg."{col}"]: ukjent nøkkel «skiletegn»; mente du «skilletegn»?',
                 "ikke finnes i kodeboken: «k_partner_idretslag»; mente du «k_partner_idrettslag»?",
                 "står to ganger (som «Frivilligsentralen»)",
                 "alternativene må peke på avkrysningsspørsmål (skala «valgt»), ikke k_faktor_okonomi",
                 '[kommune.flervalg."B"].skilletegn: må være ett til tre tegn',
                 "hører til en annen respondentgruppe (frivilligsentral)",
                 "kolonnen «C» står både i ignorer og i flervalg",
                 '[kommune.flervalg."D"]: må være en tabell',
                 '[kommune.flervalg."E"]: mangler alternativer'):
        assert text in got, got
    # an option holding its separator is allowed: cells are split by the known option texts (issue 20)
    assert '[kommune.flervalg."F"]' not in got


def test_flervalg_items_are_one_block_and_used_once():
    d = template()
    d["kommune"]["flervalg"] = {"X": {"alternativer": {"A": "k_partner_lag_org"}}}
    assert any("allerede koblet til kolonnen" in p for p in problems(d))  # also in [kommune.sporsmal]
    d = template()
    d["frivilligsentral"]["sporsmal"] = {c: i for c, i in d["frivilligsentral"]["sporsmal"].items()
                                         if "_form_" not in i and "_partner_" not in i}
    d["frivilligsentral"]["flervalg"] = {"X": {"alternativer": {"A": "fs_partner_kommunen",
                                                                "B": "fs_form_kommunen_uformelt"}}}
    assert any("må høre til samme spørsmål" in p for p in problems(d))
    d["frivilligsentral"]["flervalg"] = {"X": {"alternativer": {"A": "fs_partner_kommunen",
                                                                "Nærbutikken": "fs_partner_naerbutikk"}}}
    from dashboard.importer.mapping import from_dict

    m = from_dict(d, "m.toml")
    assert m.frivilligsentral.multi["X"].separator == ";"
    assert m.frivilligsentral.multi["X"].options == {"A": "fs_partner_kommunen", "Nærbutikken": "fs_partner_naerbutikk"}



# -- "Annet" with the respondent's own words in the cell (Forms' "Other" choice) ------------------------

FS_COLUMN = "Hvem samarbeider dere med? (flere svar mulig)"
FS_OPTIONS = {"Kommunen": "fs_partner_kommunen", "Frivillige lag og organisasjoner": "fs_partner_lag_org",
              "Idrettslag": "fs_partner_idrettslag", "Enkeltfrivillige": "fs_partner_enkeltfrivillige",
              "Nærbutikken": "fs_partner_naerbutikk",
              "Andre private bedrifter og næringsvirksomhet": "fs_partner_andre_private",
              "Andre offentlige aktører": "fs_partner_andre_offentlige", "Andre": "fs_partner_andre"}
SECRET = "Kari Hansen i bygdekvinnelaget"


def fs_one_cell(f) -> tuple[pd.DataFrame, list[str]]:
    """The centres' partner checkboxes (Q8_1..Q8_8) as one Forms cell; most who chose «Andre» wrote their
    own words instead (one of them naming a person), three kept the word «Andre». Returns the frame
    (with the true «Andre» column kept aside as "_andre") and the free texts written."""
    fs = pd.read_spss(f["frivilligsentral"]).astype(object).where(lambda d: d.notna(), "").map(str)
    block = [f"Q8_{i}" for i in range(1, 9)]
    texts = []
    cells = []
    for i, row in fs.iterrows():
        parts = [lab for c, lab in zip(block, FS_OPTIONS) if row[c] == "Valgt"]
        if row["Q8_8"] == "Valgt" and sum(r == "Valgt" for r in fs["Q8_8"][:i]) >= 3:
            texts.append(SECRET if not texts else f"Vi samarbeider med Lions Club avdeling {i}")
            parts[-1] = texts[-1]
        cells.append("".join(f"{p};" for p in parts))
    andre = fs["Q8_8"].copy()
    fs[FS_COLUMN] = cells
    fs = fs.drop(columns=block)
    f["frivilligsentral"] = f["frivilligsentral"].with_suffix(".xlsx")
    fs.to_excel(f["frivilligsentral"], index=False)
    return fs.assign(_andre=andre), texts


def fs_mapping(f, **extra) -> dict:
    m = mapping(f)
    m["frivilligsentral"]["sporsmal"] = {c: i for c, i in m["frivilligsentral"]["sporsmal"].items()
                                         if not c.startswith("Q8_")}
    m["frivilligsentral"]["flervalg"] = {FS_COLUMN: {"alternativer": FS_OPTIONS, **extra}}
    return m


def test_annet_counts_own_words_as_the_andre_item_and_never_stores_them(f, isolated_state):
    fs, texts = fs_one_cell(f)
    assert len(texts) >= 10 and (fs[FS_COLUMN].str.contains(";Andre;")).sum() == 3
    result = run(f, fs_mapping(f, annet="fs_partner_andre"))
    assert result.ok, result.report()
    [note] = find(result, "egen tekst (et «Annet»-valg) er telt som «Andre» (fs_partner_andre)", "merknad")
    assert note.column == FS_COLUMN and note.count == len(texts) and "ikke lagret" in note.message
    rows = [i + 2 for i in fs.index[fs[FS_COLUMN].str.contains("Lions|Kari", regex=True)]]
    assert note.rows == rows[:5] and not note.values
    got = gateway.run("fordeling", Filters(), blokk="partner", sprak="nb").df
    got = got[(got["respondentgruppe"] == "frivilligsentral") & (got["kode"] == "valgt")].set_index("element")
    answered = fs[FS_COLUMN] != ""
    assert got.at["andre", "antall"] == (fs["_andre"] == "Valgt").sum() == len(texts) + 3  # the true count
    assert got.at["andre", "n"] == answered.sum()
    report = result.report() + result.to_json()
    assert "Lions" not in report and "Kari" not in report
    version = versions.current()
    for table in version.path.glob("*.parquet"):
        df = pd.read_parquet(table)
        for c in df.select_dtypes(include=["object", "string"]).columns:
            stored = df[c].dropna().map(str)
            assert not stored.str.contains("Lions|Kari|bygdekvinne", regex=True).any(), (table.name, c)
    assert all("Kari" not in p.read_text(errors="ignore") for p in version.path.rglob("*.json"))


def test_annet_still_refuses_a_misspelt_option_and_warns_on_repeated_words(f, isolated_state):
    fs, _ = fs_one_cell(f)
    answered = fs.index[fs[FS_COLUMN] != ""]
    fs.loc[answered[0], FS_COLUMN] += "Idretslag;"
    for i in answered[1:4]:
        fs.loc[i, FS_COLUMN] += "Sanitetsforeningen;"
    fs.drop(columns="_andre").to_excel(f["frivilligsentral"], index=False)
    result = run(f, fs_mapping(f, annet="fs_partner_andre"), dry_run=True)
    [typo] = find(result, "alternativet «Idretslag» står ikke i", "feil")
    assert typo.rows == [answered[0] + 2] and "mente du «Idrettslag»?" in typo.message
    [repeated] = find(result, "samme egne tekst står i 3 eller flere rader", "advarsel")
    assert repeated.rows == [i + 2 for i in answered[1:4]]


def test_without_annet_an_unknown_option_hints_at_annet_when_the_question_has_andre(f, isolated_state):
    fs_one_cell(f)
    result = run(f, fs_mapping(f), dry_run=True)
    errors = find(result, "står ikke i", "feil")
    assert errors and all(g.column == FS_COLUMN for g in errors)
    assert all('annet = "fs_partner_andre"' in g.fix and "«Andre»" in g.fix for g in errors)
    k = one_cell(f)  # the municipalities' partner question has no «Andre» item: no such hint
    k.loc[k.index[k[COLUMN] != ""][0], COLUMN] += "Bondelaget;"
    k.to_excel(f["kommune"], index=False)
    [bonde] = find(run(f, multi_mapping(f), dry_run=True), "alternativet «Bondelaget» står ikke i", "feil")
    assert "annet =" not in bonde.fix


def test_annet_key_is_strict_with_suggestions():
    d = template()
    fs = d["frivilligsentral"]
    fs["sporsmal"] = {c: i for c, i in fs["sporsmal"].items() if not i.startswith("fs_partner_")}
    cases = {"A": ("fs_partner_kommunen", "fs_partner_annet"), "B": ("fs_partner_lag_org", "fs_form_kommunen_andre"),
             "C": ("fs_partner_idrettslag", "fs_faktor_okonomi"),
             "D": ("fs_partner_enkeltfrivillige", "k_partner_lag_org"), "E": ("fs_partner_naerbutikk", 7),
             "F": ("fs_partner_andre_private", "fs_partner_andre"),
             "G": ("fs_partner_andre_offentlige", "fs_partner_andre")}
    fs["flervalg"] = {c: {"alternativer": {"X": item}, "annet": other} for c, (item, other) in cases.items()}
    fs["sporsmal"] = {c: i for c, i in fs["sporsmal"].items() if i != "fs_faktor_okonomi"}
    got = "\n".join(problems(d))
    hint = "mente du «fs_partner_andre»?"
    for text in ('flervalg."A"].annet: mappingen peker på et spørsmål som ikke finnes i kodeboken: «fs_partner_annet»; '
                 + hint,
                 'flervalg."B"].annet: «fs_form_kommunen_andre» hører til et annet spørsmål enn alternativene '
                 f"(blokk form/frivilligsentral/kommunen); {hint}",
                 'flervalg."C"].annet: «fs_faktor_okonomi» er ikke et avkrysningsspørsmål',
                 f"«fremmende5», ikke «valgt»); {hint}",
                 'flervalg."D"].annet: spørsmålet «k_partner_lag_org» hører til en annen respondentgruppe (kommune); '
                 + hint,
                 'flervalg."E"].annet: må være tekst i anførselstegn',
                 'flervalg."G"].annet: spørsmålet «fs_partner_andre» er allerede koblet til kolonnen «F»'):
        assert text in got, got
    assert 'flervalg."F"]' not in got
    fs["flervalg"] = {"F": {"alternativer": {"Andre": "fs_partner_andre", "Kommunen": "fs_partner_kommunen"},
                            "annet": "fs_partner_andre"}}
    from dashboard.importer.mapping import from_dict

    assert from_dict(d, "m.toml").frivilligsentral.multi["F"].other == "fs_partner_andre"  # may repeat its own item
