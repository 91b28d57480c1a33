"""Exports no one tuned the importer to (tests/fixtures_realistic.py): each set goes through the
commands exactly as a user runs them - `mapping-forslag`, `import --dry-run`, `import` - and a
handful of the figures' numbers are recomputed straight from the raw files with pandas and compared
with what the dashboard's queries return after the import."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pandas as pd
import pytest

from dashboard import paths
from dashboard.data import gateway, versions
from dashboard.data.filters import Filters
from tests import fixtures_realistic as fx
from tests.support import timeouts

# TODO lines the draft may leave per fixture set (a person's decision); 0 = the draft is complete.
EXPECTED_TODOS = {tool: 0 for tool in fx.TOOLS}
# Enhetsregisteret: the business and the postal address name different municipalities for some centres; the
# draft proposes the business address and asks (a person accepts the proposal: "TODO: X" -> "X")
EXPECTED_TODOS["brreg_spss"] = 1
NON_ANSWERS = {"", "vet ikke", "ikke relevant", "veit ikkje", "ikkje relevant"}
ONE_CELL = {"msforms", "google_forms"}   # tools writing a checkbox question into one cell
# blocks compared per group: Figure 11 partners and Figure 19 co-location (checkboxes), Figure 7 role, a grad5
# and a fremmende5 battery; Forms' one-cell multi-choice questions are all compared (_check_multi)
BLOCKS = {"frivilligsentral": ("partner", "rolle", "plan", "faktor", "samlokalisering"),
          "kommune": ("partner", "faktor", "betydning")}


def cli(*args, state: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "DASHBOARD_STATE_DIR": str(state)}
    return subprocess.run([sys.executable, "-m", "dashboard", *map(str, args)], capture_output=True, text=True,
                          check=False, env=env, cwd=paths.ROOT, timeout=timeouts.CLI)


def todo_lines(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if "TODO" in ln.split("#", 1)[0]]


def raw_table(path: Path, shape: dict) -> pd.DataFrame:
    """The survey file read with plain pandas, as an analyst would."""
    if path.suffix == ".sav":  # value labels applied; user-missing codes are missing; checkboxes as 1/0
        import pyreadstat

        df, _ = pyreadstat.read_sav(str(path), apply_value_formats=True)
        df = df.astype(object).where(df.notna(), "")
        return df.map(lambda v: {"Valgt": "1", "Ikke valgt": "0"}.get(v, v)).astype(str)
    if path.suffix == ".csv" and shape.get("kilde") == "google_forms":
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    if path.suffix == ".csv":
        return pd.read_csv(path, sep=";", encoding="cp1252", dtype=str, keep_default_na=False)
    df = pd.read_excel(path, sheet_name=shape.get("ark", 0), header=shape["overskriftsrad"] - 1, dtype=str)
    if shape.get("kilde") == "codes_workbook":
        return _labelled(path, df.fillna(""))
    return df.fillna("")


def _labelled(path: Path, df: pd.DataFrame) -> pd.DataFrame:
    """A codes-only workbook's codes replaced by the labels in its label sheet (long or wide), as an analyst
    joins them; checkboxes back to 1/0."""
    sheets = pd.read_excel(path, sheet_name=None, dtype=str)
    labels: dict[str, dict[str, str]] = {}
    if "Etiketter" in sheets:
        long = sheets["Etiketter"].fillna("")
        long["Variabel"] = long["Variabel"].replace("", pd.NA).ffill()
        for r in long[long["Verdi"] != ""].itertuples():
            labels.setdefault(r.Variabel, {})[r.Verdi] = r.Etikett
    else:
        wide = sheets["Kodebok"].set_index("Variabel").drop(columns="Spørsmål")
        labels = {v: {k: t for k, t in row.items() if isinstance(t, str)} for v, row in wide.iterrows()}
    out = df.copy()
    for col, table in labels.items():
        out[col] = df[col].map(lambda v, t=table: t.get(v, v)).replace({"Valgt": "1", "Ikke valgt": "0"})
    return out


def expected_multi(df: pd.DataFrame, survey: fx.Survey) -> dict[str, dict]:
    """sporsmal_id -> {"n", "valgt"} for the multi-choice questions written into one cell ("a;b;"): n is
    the respondents who chose at least one option, valgt those who chose the item's option (for the
    question's «Andre» item: also those who wrote their own words, an option not in the form's list)."""
    out = {}
    own = 0
    for column, options in survey.multi.items():
        cells = df[column].astype(str).map(lambda v, o=tuple(options): analyst_split(v, survey.separator, o))
        own += int(cells.map(lambda c, o=set(options): bool(c - o)).sum())
        other = survey.other.get(column)
        chosen = cells.map(lambda c, o=options, a=other: _as_analyst(c, o, a))
        answered = chosen.map(bool)
        for option, item in options.items():
            out[item] = {"n": int(answered.sum()), "valgt": int(chosen[answered].map(lambda c, o=option: o in c).sum())}
    assert own == len(survey.other_texts)  # every own words written, one per cell
    return out


def analyst_split(cell: str, separator: str, options: tuple[str, ...]) -> set[str]:
    """The options in a cell as an analyst reads it: the form's option texts cut out (longest first, they may
    hold the separator); what is left is one own-words text (an «Other» answer)."""
    if separator == ";":
        return {p.strip() for p in cell.split(";") if p.strip()}
    rest, found = f"{separator}{cell}{separator}", set()
    for o in sorted(options, key=len, reverse=True):
        if f"{separator}{o}{separator}" in rest:
            found.add(o)
            rest = rest.replace(f"{separator}{o}{separator}", separator)
    rest = rest.strip().strip(",").strip()
    return found | ({rest} if rest else set())


def _as_analyst(cell: set[str], options: dict[str, str], other: str | None) -> set[str]:
    """A cell's options; with ``other`` (the question's «Andre» item), own words count as its option."""
    if other is None or not cell - set(options):
        return cell
    return (cell & set(options)) | {next(o for o, i in options.items() if i == other)}


def expected_counts(df: pd.DataFrame, survey: fx.Survey, items: pd.DataFrame, block: str) -> dict[str, dict]:
    """sporsmal_id -> {"n": respondents answering, category code: count}, from the raw cells."""
    cols = {c: i for c, i in survey.items.items() if i in set(items.loc[items["blokk"] == block, "sporsmal_id"])}
    if not cols:
        return {}
    scale = items.loc[items["sporsmal_id"].isin(cols.values()), "skala"].iloc[0]
    out = {}
    if scale == "valgt":  # blanks are 'not chosen' for a respondent who ticked a box of the block, else missing
        cells = df[list(cols)].astype(str).apply(lambda s: s.str.strip())
        ticked = cells.apply(lambda s: ~s.isin(["", "0"]))
        for c, item in cols.items():
            answered = ticked.any(axis=1) | (cells[c] == "0")
            out[item] = {"n": int(answered.sum()), "valgt": int(ticked.loc[answered, c].sum())}
        return out
    inverse = {label.lower(): code for code, label in survey.labels[scale].items()}
    for c, item in cols.items():
        codes = df[c].astype(str).str.strip().str.lower()
        codes = codes[~codes.isin(NON_ANSWERS)].map(inverse)
        out[item] = {"n": int(codes.notna().sum()), **codes.value_counts().to_dict()}
    return out


def dashboard_counts(block: str, version: versions.DataVersion) -> dict[str, dict]:
    res = gateway.run("fordeling", Filters(), data_version=version, blokk=block, sprak="nb").df
    out: dict[str, dict] = {}
    for r in res.itertuples():
        out.setdefault(r.sporsmal_id, {"n": int(r.n)})[r.kode] = int(r.antall)
    return out


@pytest.fixture(scope="module")
def codebook():
    items = pd.read_parquet(versions.shipped().table_path("kodebok"))
    return items[items["undersokelse"] == "2024"]


def _draft(s: fx.FixtureSet, out: Path, state: Path) -> tuple[Path, dict]:
    r = cli("mapping-forslag", "--register", s.register, "--frivilligsentral", s.frivilligsentral, "--kommune",
            s.kommune, "--out", out, state=state)
    assert r.returncode == 0, r.stderr[-3000:]
    text = out.read_text(encoding="utf-8")
    assert len(todo_lines(text)) == EXPECTED_TODOS[s.tool], "\n".join(todo_lines(text))
    assert f"# TODO-linjer i dette utkastet: {EXPECTED_TODOS[s.tool]}" in text  # the count the header states
    text = text.replace('"TODO: ', '"')  # a person accepts the draft's proposals
    out.write_text(text, encoding="utf-8")
    return out, tomllib.loads(text)


def _check_lines(s: fx.FixtureSet, data: dict) -> None:
    """The draft line by line against the generator's truth: each field's column, and each answer in a value
    table translated to its true category (labels as the tool wrote them; codes in a codes-only workbook)."""
    for section, fields in s.columns.items():
        assert data[section]["kolonner"] == fields, section
    for group, survey in s.surveys.items():
        for scale, table in data[group].get("verdier", {}).items():
            if scale == "valgt":
                continue
            truth = {label.lower(): code for code, label in survey.labels[scale].items()}
            if s.tool == "codes_workbook":
                truth = {str(n): code for n, code in enumerate(fx.LABELS[scale], start=1)}
            wrong = {k: v for k, v in table.items() if truth.get(k.lower()) != v}
            assert not wrong, f"{s.tool}/{group}/{scale}: {wrong}"


def _check_items(s: fx.FixtureSet, data: dict) -> None:
    """Every question column the generator wrote is matched to the right codebook item."""
    for group, survey in s.surveys.items():
        drafted = data[group].get("sporsmal", {})
        wrong = {c: (drafted.get(c), i) for c, i in survey.items.items() if drafted.get(c) != i}
        assert not wrong, f"{s.tool}/{group}: {wrong}"
        drafted_multi = {c: m["alternativer"] for c, m in data[group].get("flervalg", {}).items()}
        assert drafted_multi == survey.multi, f"{s.tool}/{group}"  # every option of a one-cell multi-choice
        drafted_other = {c: m["annet"] for c, m in data[group].get("flervalg", {}).items() if "annet" in m}
        assert drafted_other == survey.other, f"{s.tool}/{group}"  # «Annet» own words -> the question's Andre item
        assert all(m["skilletegn"] == survey.separator for m in data[group].get("flervalg", {}).values())


@pytest.mark.slow
@pytest.mark.parametrize("tool", list(fx.TOOLS))
def test_export_imports_with_its_draft_and_numbers_match(tool, tmp_path, monkeypatch, codebook):
    s = fx.make(tool, tmp_path / "files")
    state = tmp_path / "versions"
    mapping, data = _draft(s, tmp_path / "mapping.toml", state)
    _check_items(s, data)
    _check_lines(s, data)
    files = ["--register", s.register, "--frivilligsentral", s.frivilligsentral, "--kommune", s.kommune,
             "--mapping", mapping]
    dry = cli("import", *files, "--dry-run", state=state)
    assert dry.returncode == 0, (dry.stdout + dry.stderr)[-3000:]
    if tool == "google_forms":  # the register's Sum row and founding dates: said in the report, counted
        assert "rad 537 ser ut som en summerings- eller totalrad" in dry.stdout, dry.stdout[-3000:]
        for kind, n in (("dato", 320), ("Excel-serienummer for en dato", 106)):
            assert f"«Drift - Etablert dato» – {n} rader**: {kind} lest som etableringsåret" in dry.stdout, kind
    assert not (state / "CURRENT").exists()
    real = cli("import", *files, state=state)
    assert real.returncode == 0, (real.stdout + real.stderr)[-3000:]

    monkeypatch.setattr(paths, "VERSIONS", state)
    version = versions.current()
    assert version.kind == "import"
    for group, blocks in BLOCKS.items():
        raw = raw_table(Path(getattr(s, group)), {**data[group]["fil"], "kilde": tool})
        for block in blocks:
            want = expected_counts(raw, s.surveys[group], codebook[codebook["respondentgruppe"] == group], block)
            got = dashboard_counts(block, version)
            for item, counts in want.items():
                have = got.get(item, {"n": 0})
                assert {k: have.get(k, 0) for k in counts} == counts, f"{tool} {group} {item}"
            if not want:  # a checkbox block the tool wrote into one cell (Forms): compared in _check_multi
                assert tool in ONE_CELL and block in ("partner", "samlokalisering")
        if s.surveys[group].multi:
            _check_multi(raw, s.surveys[group], codebook, version)
    _check_own_words_not_stored(s, mapping, version)
    _check_register(s, version)


def _check_multi(raw: pd.DataFrame, survey: fx.Survey, codebook: pd.DataFrame, version: versions.DataVersion) -> None:
    """Every one-cell multi-choice question (Forms): each option's count and N equal the raw cells'."""
    want = expected_multi(raw, survey)
    blocks = set(codebook.loc[codebook["sporsmal_id"].isin(want), "blokk"])
    got = {i: c for b in blocks for i, c in dashboard_counts(b, version).items()}
    assert {i: {k: got.get(i, {}).get(k, 0) for k in c} for i, c in want.items()} == want
    assert want and sum(c["valgt"] for c in want.values()) < sum(c["n"] for c in want.values())  # not all 100 %


def _check_own_words_not_stored(s: fx.FixtureSet, mapping: Path, version: versions.DataVersion) -> None:
    """The «Annet» own words (Forms) are in no table of the new version, nor in the mapping the draft wrote."""
    texts = [t for survey in s.surveys.values() for t in survey.other_texts]
    assert (s.tool in ONE_CELL) == bool(texts)
    text = mapping.read_text(encoding="utf-8")
    assert not [t for t in texts if t in text]
    for table in version.path.glob("*.parquet"):
        df = pd.read_parquet(table)
        cells = {str(v) for c in df.select_dtypes(include=["object", "string"]).columns for v in df[c].dropna()}
        assert not [t for t in texts if any(t in v for v in cells)], table.name


def _check_register(s: fx.FixtureSet, version: versions.DataVersion) -> None:
    """Table 1: centres by ownership, counted from the register's free words; with founding dates (the Google
    Sheets register), the founding years too."""
    if s.tool == "brreg_spss":
        _check_brreg(s, version)
        return
    dates = s.tool == "google_forms"
    raw = pd.read_excel(s.register, sheet_name="Register" if dates else "Sentraler", header=2)
    raw = raw[raw.iloc[:, 0].astype(str).str.strip().ne("") & raw.iloc[:, 0].notna()]
    raw = raw[raw.iloc[:, 0] != "Sum"]  # the summary row under the data
    words = {w.strip().lower(): code for code, ws in fx.EIERFORM_WORDS.items() for w in ws}
    want = raw["Eierform"].astype(str).str.strip().str.lower().map(words).value_counts().to_dict()
    res = gateway.run("eierform_fordeling", Filters(), data_version=version, inndeling="distrikt", sprak="nb").df
    got = res.groupby("eierform")["antall"].sum().to_dict()
    assert {k: int(v) for k, v in got.items()} == want
    assert len(raw) == 532
    if dates:
        years = raw["Etablert dato"].map(_founding_year).value_counts().sort_index()
        stored = pd.read_parquet(version.table_path("sentraler"))["etablert_aar"].value_counts().sort_index()
        assert years.to_dict() == {int(k): int(v) for k, v in stored.items()} and years.sum() == 532


def _check_brreg(s: fx.FixtureSet, version: versions.DataVersion) -> None:
    """Enhetsregisteret: ownership from the organisation form codes, the municipality from the business
    address (not the postal one), the founding year from Stiftelsesdato."""
    raw = pd.read_csv(s.register, dtype=str, keep_default_na=False)
    stored = pd.read_parquet(version.table_path("sentraler")).set_index("sentral_id")
    want = raw["Organisasjonsform.kode"].map(fx.ORG_FORM_TRUTH).value_counts().to_dict()
    assert stored["eierform"].value_counts().to_dict() == want
    by_org = raw.set_index("Organisasjonsnummer")
    assert (stored["kommunenummer"] == by_org.loc[stored.index, "Forretningsadresse.kommunenummer"]).all()
    assert (by_org["Forretningsadresse.kommunenummer"] != by_org["Postadresse.kommunenummer"]).sum() > 50
    years = pd.to_datetime(by_org.loc[stored.index, "Stiftelsesdato"]).dt.year
    assert (stored["etablert_aar"].astype(int) == years).all() and len(stored) == 532


def _founding_year(v) -> int:
    """An analyst's reading of the register's founding dates: date cells, "dd.mm.yyyy", ISO, serials, years."""
    if isinstance(v, pd.Timestamp | dt.datetime):
        return v.year
    text = str(v).strip()
    if text.isdigit():
        n = int(text)
        return n if n < 3000 else (pd.Timestamp("1899-12-30") + pd.Timedelta(days=n)).year
    return pd.to_datetime(text, dayfirst="." in text).year


def test_nettskjema_csv_is_written_as_norwegian_excel_saves_it(tmp_path):
    s = fx.make("nettskjema_csv", tmp_path)
    raw = s.kommune.read_bytes()
    assert b"\r\n" in raw and raw.split(b"\r\n")[0].startswith(b"$submission_id;$created")
    raw.decode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    df = pd.read_csv(s.kommune, sep=";", encoding="cp1252", dtype=str, keep_default_na=False)
    assert len(df) == 135 and set(df["partner_lag_org"]) == {"1", ""}
    assert df["kommune"].str.fullmatch(r"\d{4}").sum() == 0  # names, not numbers


def test_register_is_kept_by_hand(tmp_path):
    s = fx.make("questback", tmp_path)
    raw = pd.read_excel(s.register, sheet_name="Sentraler", header=2, dtype=str).fillna("")
    assert "0511" in set(raw["Kommune"]) and "Herøy (Nordland)" in set(raw["Kommune"])
    assert {"SA", "kommunal ", "Kommunal"} <= set(raw["Eierform"])
    assert raw["Etablert"].str.startswith("ca. ").any()
    assert raw["Org.nr."].str.fullmatch(r"\d{3} \d{3} \d{3}").sum() > 300 and "971 526 920" in set(raw["Org.nr."])
    assert {"Guovdageaidnu", "Vågå"} & set(raw["Kommune"])
    assert not any("id" in c.lower().split() for c in raw.columns)
