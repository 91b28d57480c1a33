"""Importing real files: the round trip demo -> export -> import, at least 30 kinds of bad input
(each with a clear message naming file, row, column and value, and the current data untouched),
versions, and an import killed midway."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from dashboard import paths
from dashboard.data import gateway, versions
from dashboard.data.filters import DEFAULT
from dashboard.importer import run_import
from dashboard.importer.template import mapping_text
from tests.support import timeouts

ROOT = paths.ROOT


def col(group: str, item: str) -> str:
    """The survey-tool column code of a codebook item in the demo export."""
    from dashboard.importer.template import column_codes

    items = pd.read_parquet(versions.shipped().table_path("kodebok"))
    return column_codes(items[items["undersokelse"] == "2024"].sort_values("rekkefolge"), group)[item]


FS_ECON = "fs_faktor_okonomi"
K_ECON = "k_faktor_okonomi"


def state_hashes() -> dict[str, str]:
    out = {}
    for base in (paths.VERSIONS, paths.BUILT):
        if base.exists():
            for p in sorted(base.rglob("*")):
                if p.is_file() and p.name != ".lock":
                    out[str(p)] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def do_import(files, **kw):
    args = {"register": files["register"], "frivilligsentral": files["frivilligsentral"],
            "kommune": files["kommune"], "mapping": files["mapping"], "diskurs": files.get("diskurs")}
    args.update(kw)
    return run_import(args.pop("register"), args.pop("frivilligsentral"), args.pop("kommune"), args.pop("mapping"),
                      progress=lambda m: None, **args)


# -- the round trip ------------------------------------------------------------------------------

def test_round_trip_reproduces_the_demo_data(files, isolated_state, table):
    result = do_import(files)
    assert result.ok, result.report()
    v = versions.current()
    assert v.kind == "import" and v.id != versions.shipped().id
    assert not v.demo_tables(), "an import must not leave any table marked as demo"
    reg = pd.read_parquet(v.table_path("sentraler")).drop(columns="kilde")
    assert reg.equals(table("sentraler").drop(columns="kilde"))
    # answers, keyed by what identifies a respondent outside the files: centre or municipality
    def keyed(resp, svar):
        r = resp.assign(key=resp["sentral_id"].fillna(resp["kommunenummer"]))
        return (svar.merge(r[["respondent_id", "key"]], on="respondent_id")[["key", "sporsmal_id", "svar_kode"]]
                .sort_values(["key", "sporsmal_id"]).reset_index(drop=True))
    got = keyed(pd.read_parquet(v.table_path("respondenter")), pd.read_parquet(v.table_path("svar")))
    want = keyed(table("respondenter"), table("svar"))
    assert got.equals(want)
    cal = pd.read_parquet(v.table_path("kalibrering"))
    assert cal["ok"].all(), "the imported copy of the demo data reproduces the report too"
    m = v.manifest
    assert {f["rolle"] for f in m["filer"]} == {"register", "frivilligsentral", "kommune", "diskurs"}
    assert all(len(f["sha256"]) == 64 and f["bytes"] > 0 for f in m["filer"])
    assert m["importert_av"] and m["importert"] and m["tabeller"]["svar"]["rader"] == len(table("svar"))


def test_dashboard_switches_to_the_import_and_drops_the_demo_notice(files, isolated_state):
    before = gateway.run("fordeling", DEFAULT, blokk="faktor", sprak="nb")
    assert before.demo
    assert do_import(files).ok
    after = gateway.run("fordeling", DEFAULT, blokk="faktor", sprak="nb")
    assert after.version != before.version and not after.demo
    assert after.df["andel"].tolist() == pytest.approx(before.df["andel"].tolist())
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=timeouts.APPTEST).run()
    at.switch_page("../pages/drivere.py").run()
    body = "\n".join(h.value for h in at.html) + "\n".join(c.value for c in at.caption)
    assert "DEMODATA" not in body and "import-" in "\n".join(c.value for c in at.sidebar.caption)


def test_versions_are_kept_and_can_be_restored(files, isolated_state):
    assert do_import(files).ok
    imported = versions.current().id
    assert [v.id for v in versions.available()] == [versions.shipped().id, imported]
    versions.use("levert")
    assert versions.current().id == versions.shipped().id
    versions.use(imported)
    assert versions.current().id == imported
    with pytest.raises(KeyError):
        versions.use("finnes-ikke")


def test_cli_import_and_data_commands(good, tmp_path):
    env = {**os.environ, "DASHBOARD_STATE_DIR": str(tmp_path / "state")}
    cmd = [sys.executable, "-m", "dashboard", "import", "--register", str(good["register"]), "--frivilligsentral",
           str(good["frivilligsentral"]), "--kommune", str(good["kommune"]), "--mapping", str(good["mapping"])]
    ok = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=ROOT)
    assert ok.returncode == 0, ok.stderr
    assert "Importert" in ok.stdout and "Kontrollerer" in ok.stderr  # progress on stderr
    listing = subprocess.run([sys.executable, "-m", "dashboard", "data", "list"], env=env, capture_output=True,
                             text=True, cwd=ROOT)
    assert listing.stdout.count("\n") == 2 and "* import-" in listing.stdout
    back = subprocess.run([sys.executable, "-m", "dashboard", "data", "use", "levert"], env=env,
                          capture_output=True, text=True, cwd=ROOT)
    assert back.returncode == 0 and "* demo-" in subprocess.run(
        [sys.executable, "-m", "dashboard", "data", "list"], env=env, capture_output=True, text=True, cwd=ROOT).stdout
    bad = subprocess.run(cmd[:-1] + [str(tmp_path / "mangler.toml")], env=env, capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode != 0 and "mappingfilen finnes ikke" in bad.stderr


# -- bad input ----------------------------------------------------------------------------------

def _csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _write_csv(df: pd.DataFrame, path: Path, **kw) -> None:
    df.to_csv(path, sep=kw.pop("sep", ";"), index=False, encoding=kw.pop("encoding", "utf-8-sig"), **kw)


def _xlsx(path: Path) -> pd.DataFrame:
    return pd.read_excel(path, dtype=str).fillna("")


def spoil_register(f, change):
    df = _csv(f["register"])
    df = change(df) if callable(change) else df
    _write_csv(df, f["register"])


def set_cell(df, row, col, value):
    df = df.copy()
    df.loc[row, col] = value
    return df


def spoil_kommune(f, change):
    df = change(_xlsx(f["kommune"]))
    df.to_excel(f["kommune"], index=False)


def spoil_fs_sav(f, change):
    import pyreadstat

    df, meta = pyreadstat.read_sav(str(f["frivilligsentral"]))
    df, labels = change(df, dict(meta.variable_value_labels))
    pyreadstat.write_sav(df, str(f["frivilligsentral"]), variable_value_labels=labels)


def spoil_mapping(f, old, new):
    text = f["mapping"].read_text(encoding="utf-8")
    assert old in text, old
    f["mapping"].write_text(text.replace(old, new, 1), encoding="utf-8")


def _truncate(path: Path, keep: float = 0.5):
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])


BAD = {
    "delimiter_pipe": (lambda f: _write_csv(_csv(f["register"]), f["register"], sep="|"), "fant ikke skilletegn"),
    "utf16": (lambda f: f["register"].write_bytes(f["register"].read_text(encoding="utf-8-sig").encode("utf-16")),
              "UTF-16"),
    "not_text": (lambda f: f["register"].write_bytes(bytes(range(128, 256)) * 50), "ukjent tegnkoding"),
    "empty_file": (lambda f: f["register"].write_bytes(b""), "filen er tom"),
    "header_only": (lambda f: f["register"].write_text("Sentral-ID;Navn på sentral;Kommunenr;Eierform\n",
                                                         encoding="utf-8"), "bare overskriftsrad"),
    "missing_column": (lambda f: spoil_register(f, lambda d: d.drop(columns=["Eierform"])),
                       "kolonnen mangler i filen"),
    "extra_column": (lambda f: spoil_register(f, lambda d: d.assign(Fargekode="blå")), "ukjent kolonne"),
    "duplicate_centre_id": (lambda f: spoil_register(f, lambda d: set_cell(d, 5, "Sentral-ID", d.loc[4, "Sentral-ID"])),
                            "sentral-id-en forekommer flere ganger"),
    "unknown_ownership": (lambda f: spoil_register(f, lambda d: set_cell(d, 3, "Eierform", "Borettslag")),
                          "ukjent eierform"),
    "text_in_year": (lambda f: spoil_register(f, lambda d: set_cell(d, 7, "Etableringsår", "nittitallet")),
                     "etableringsår må være et årstall"),
    "year_in_future": (lambda f: spoil_register(f, lambda d: set_cell(d, 7, "Etableringsår", "2099")),
                       "etableringsår må være et årstall"),
    "unknown_municipality_number": (lambda f: spoil_register(f, lambda d: set_cell(d, 2, "Kommunenr", "9999")),
                                    "finnes ikke i 2024-inndelingen"),
    "alesund_1507": (lambda f: spoil_register(f, lambda d: set_cell(d, 2, "Kommunenr", "1507")), "Ålesund (1507)"),
    "unknown_municipality_name": (lambda f: spoil_register(f, lambda d: set_cell(d, 2, "Kommunenr", "Atlantis")),
                                  "kjent kommunenavn"),
    "ambiguous_municipality_name": (lambda f: spoil_register(f, lambda d: set_cell(d, 2, "Kommunenr", "Herøy")),
                                    '"Herøy" = "1818"'),
    "ragged_row": (lambda f: f["register"].write_text(
        f["register"].read_text(encoding="utf-8-sig") + "X-1;Feil rad;0301\n", encoding="utf-8"), "raden har 3 felt"),
    "unknown_board": (lambda f: spoil_register(f, lambda d: set_cell(d, 1, "Styre/råd", "Bystyret")), "ukjent verdi"),
    "missing_centre_id": (lambda f: spoil_register(f, lambda d: set_cell(d, 1, "Sentral-ID", "")),
                          "mangler sentral-id"),
    "sav_unexpected_label": (lambda f: spoil_fs_sav(f, lambda d, lab: (
        d.assign(**{col("frivilligsentral", FS_ECON): d[col("frivilligsentral", FS_ECON)].where(d.index != 3, 9.0)}),
        {**lab, col("frivilligsentral", FS_ECON): {**lab[col("frivilligsentral", FS_ECON)], 9.0: "Kanskje"}})),
        "utenfor skalaen «fremmende5» (Kanskje)"),
    "sav_truncated": (lambda f: _truncate(f["frivilligsentral"], 0.3), "kunne ikke lese SPSS-filen"),
    "sav_unknown_centre": (lambda f: spoil_fs_sav(f, lambda d, lab: (
        d.assign(FS_ID=d["FS_ID"].where(d.index != 0, "DEMO-9999-9")), lab)), "finnes ikke i registeret"),
    "xlsx_truncated": (lambda f: _truncate(f["kommune"], 0.6), "XLSX"),
    "xlsx_not_a_workbook": (lambda f: f["kommune"].write_text("dette er ikke Excel", encoding="utf-8"),
                            "ikke en gyldig XLSX-fil"),
    "xlsx_out_of_scale": (lambda f: spoil_kommune(f, lambda d: set_cell(d, 10, col("kommune", K_ECON), "Kanskje")),
                          "utenfor skalaen"),
    "xlsx_duplicate_respondent": (lambda f: spoil_kommune(f, lambda d: set_cell(d, 2, "ResponseID",
                                                                                d.loc[1, "ResponseID"])),
                                  "respondent-id-en forekommer flere ganger"),
    "xlsx_unknown_column": (lambda f: spoil_kommune(f, lambda d: d.assign(Q99="1")), "ukjent kolonne"),
    "xlsx_missing_municipality_column": (lambda f: spoil_kommune(f, lambda d: d.drop(columns=["Kommunenr"])),
                                         "kolonnen mangler i filen"),
    "xlsx_empty_sheet": (lambda f: pd.DataFrame().to_excel(f["kommune"], index=False), "arket er tomt"),
    "mapping_unknown_item": (lambda f: spoil_mapping(f, '= "k_faktor_okonomi"', '= "k_faktor_vaer"'),
                             "ikke finnes i kodeboken"),
    "mapping_wrong_group": (lambda f: spoil_mapping(f, '= "k_faktor_okonomi"', '= "fs_faktor_okonomi"'),
                            "annen respondentgruppe"),
    "mapping_bad_toml": (lambda f: f["mapping"].write_text("[register\nkolonner = ", encoding="utf-8"), "ugyldig TOML"),
    "mapping_missing_section": (lambda f: f["mapping"].write_text('[kommune]\nkolonner = { respondent_id = "x" }\n',
                                                                    encoding="utf-8"), "mangler seksjonen [register]"),
    "wrong_file_type": (lambda f: f.update(register=f["register"].rename(f["register"].with_suffix(".pdf"))),
                        "ukjent filtype"),
    "missing_file": (lambda f: f.update(kommune=f["kommune"].with_name("finnes-ikke.xlsx")), "filen finnes ikke"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_is_rejected_clearly_and_changes_nothing(case, files, isolated_state):
    assert do_import(files).ok  # a current, imported version to protect
    before = state_hashes()
    current = versions.current().id
    spoil, expected = BAD[case]
    spoil(files)
    result = do_import(files)
    assert not result.ok
    report = result.report()
    assert expected in report, report[:2000]
    assert "Importen ble avvist" in report and current in report
    errors = [p for p in result.problems if p.severity == "feil"]
    assert errors and all(p.file for p in errors)
    assert versions.current().id == current
    assert state_hashes() == before, "a rejected import changed stored data"


def test_problems_name_file_row_column_and_value(files, isolated_state):
    spoil_register(files, lambda d: set_cell(set_cell(d, 3, "Eierform", "Borettslag"), 7, "Etableringsår", "x"))
    k_col = col("kommune", K_ECON)
    spoil_kommune(files, lambda d: set_cell(d, 10, k_col, "Kanskje"))
    result = do_import(files)
    texts = [p.text() for p in result.problems]
    assert any("frivilligsentraler-register.csv, rad 5, kolonne «Eierform», verdi «Borettslag»" in x for x in texts)
    assert any("rad 9, kolonne «Etableringsår», verdi «x»" in x for x in texts)
    assert any(f"undersokelse-kommuner.xlsx, rad 12, kolonne «{k_col}», verdi «Kanskje»" in x for x in texts)
    assert len([p for p in result.problems if p.severity == "feil"]) == 3  # all problems at once


# -- accepted variations ----------------------------------------------------------------------------

def test_windows_1252_decimal_comma_and_lost_leading_zero(files, isolated_state, table):
    df = _csv(files["register"])
    df["Etableringsår"] = df["Etableringsår"] + ",0"
    oslo = df["Kommunenr"] == "0301"
    df.loc[oslo, "Kommunenr"] = "301"
    df["Navn på sentral"] = df["Navn på sentral"].str.encode("cp1252", errors="replace").str.decode("cp1252")
    _write_csv(df, files["register"], encoding="cp1252")
    result = do_import(files)
    assert result.ok, result.report()
    reg = pd.read_parquet(versions.current().table_path("sentraler"))
    assert (reg["kommunenummer"] == "0301").sum() == oslo.sum()
    assert reg["etablert_aar"].tolist() == table("sentraler")["etablert_aar"].tolist()


def test_old_municipality_numbers_are_converted_and_reported(files, isolated_state):
    df = _csv(files["register"])
    walk = pd.read_csv(ROOT / "data" / "raw" / "ssb" / "kommunenummer-2020-2023-til-2024.csv", dtype=str)
    walk = walk[walk["kommunenummer_2020_2023"] != "1507"]
    new_to_old = dict(zip(walk["kommunenummer_2024"], walk["kommunenummer_2020_2023"]))
    idx = df.index[df["Kommunenr"].isin(new_to_old)][0]  # a municipality renumbered on 1 January 2024
    new = df.loc[idx, "Kommunenr"]
    old, centre = new_to_old[new], df.loc[idx, "Sentral-ID"]
    df.loc[idx, "Kommunenr"] = old
    _write_csv(df, files["register"])
    result = do_import(files)
    assert result.ok
    notes = [p.text() for p in result.problems if p.severity == "merknad"]
    assert any(old in n and new in n and "konvertert" in n for n in notes)
    reg = pd.read_parquet(versions.current().table_path("sentraler"))
    assert reg.loc[reg["sentral_id"] == centre, "kommunenummer"].item() == new


def test_yaml_mapping(files, isolated_state):
    import tomllib

    import yaml

    data = tomllib.loads(files["mapping"].read_text(encoding="utf-8"))
    yml = files["mapping"].with_suffix(".yaml")
    yml.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    files["mapping"] = yml
    assert do_import(files).ok


def test_dry_run_writes_nothing(files, isolated_state):
    before = state_hashes()
    result = do_import(files, dry_run=True)
    assert result.ok and result.version is None and result.counts["svar"] > 0
    assert state_hashes() == before


def test_free_text_is_never_imported(files, isolated_state):
    assert do_import(files).ok
    svar = pd.read_parquet(versions.current().table_path("svar"))
    free = svar[svar["sporsmal_id"].str.contains("samlok_")]
    assert set(free["svar_kode"]) == {"besvart"}
    assert not svar["svar_kode"].str.contains("idéer").any()


def test_template_covers_the_whole_codebook(table):
    import tomllib

    text = (ROOT / "data" / "import" / "mal-mapping.toml").read_text(encoding="utf-8")
    assert text == mapping_text(template=True), \
        "regenerate with: python -m dashboard mapping-mal > data/import/mal-mapping.toml"
    m = tomllib.loads(text)
    mapped = set(m["frivilligsentral"]["sporsmal"].values()) | set(m["kommune"]["sporsmal"].values())
    items = table("kodebok")
    assert set(items.loc[items["undersokelse"] == "2024", "sporsmal_id"]) == mapped
    demo = (ROOT / "data" / "import" / "demo-eksport-mapping.toml").read_text(encoding="utf-8")
    assert demo == mapping_text(template=False)


def test_large_file_shows_progress_and_names_the_bad_row(good, tmp_path, isolated_state):
    """A 50 MB municipality export (many copies of the respondents) with one bad value deep inside."""
    k = _xlsx(good["kommune"])
    reps = 1
    while True:
        big = pd.concat([k] * reps, ignore_index=True)
        big["ResponseID"] = [str(100000 + i) for i in range(len(big))]
        path = tmp_path / "kommuner-stor.csv"
        _write_csv(big, path)
        if path.stat().st_size >= 50 * 1024 * 1024:
            break
        reps = int(reps * 50 * 1024 * 1024 / path.stat().st_size) + 1
    bad_row = len(big) - 7
    k_col = col("kommune", K_ECON)
    big.loc[bad_row, k_col] = "Kanskje"
    _write_csv(big, path)
    messages = []
    t0 = time.perf_counter()
    result = run_import(good["register"], good["frivilligsentral"], path, good["mapping"],
                        progress=messages.append)
    elapsed = time.perf_counter() - t0
    assert not result.ok
    assert any(f"rad {bad_row + 2}, kolonne «{k_col}», verdi «Kanskje»" in p.text() for p in result.problems)
    assert any("MB" in m for m in messages) and any("spørsmål" in m for m in messages)
    assert elapsed < 600


# -- killed midway --------------------------------------------------------------------------------

def test_import_killed_midway_leaves_the_previous_version_readable(good, tmp_path):
    state = tmp_path / "state"
    env = {**os.environ, "DASHBOARD_STATE_DIR": str(state), "DASHBOARD_IMPORT_PAUSE": "0.4"}
    cmd = [sys.executable, "-m", "dashboard", "import", "--register", str(good["register"]), "--frivilligsentral",
           str(good["frivilligsentral"]), "--kommune", str(good["kommune"]), "--mapping", str(good["mapping"])]
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + timeouts.BACKGROUND
    while time.time() < deadline:  # wait until it is writing the new version, then kill it
        if state.exists() and any(p.name.startswith(".") and p.is_dir() for p in state.iterdir()):
            break
        time.sleep(0.05)
    time.sleep(1.0)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=timeouts.PROCESS_EXIT)
    assert proc.returncode == -signal.SIGKILL
    check = subprocess.run(
        [sys.executable, "-c", "from dashboard.data import versions, gateway; "
         "from dashboard.data.filters import DEFAULT; v = versions.current(); "
         "r = gateway.run('nokkeltall_kommuner', DEFAULT); "
         "print(v.id, v.kind, int(r.df.iloc[0]['sentraler']))"],
        env={**os.environ, "DASHBOARD_STATE_DIR": str(state)}, cwd=ROOT, capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    vid, kind, centres = check.stdout.split()
    assert kind == "demo" and vid == versions.shipped().id and centres == "210"
    listed = subprocess.run([sys.executable, "-m", "dashboard", "data", "list"], env={**os.environ,
                            "DASHBOARD_STATE_DIR": str(state)}, cwd=ROOT, capture_output=True, text=True).stdout
    assert listed.count("import-") == 0
    # the next import cleans up the half-written folder and succeeds
    again = subprocess.run(cmd, env={**os.environ, "DASHBOARD_STATE_DIR": str(state)}, cwd=ROOT,
                           capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert not [p for p in state.iterdir() if p.is_dir() and p.name.startswith(".")]


def test_figure_5_falls_back_to_the_report_without_discourse_file(files, isolated_state):
    from streamlit.testing.v1 import AppTest

    files = {k: v for k, v in files.items() if k != "diskurs"}
    result = do_import(files)
    assert result.ok, result.report()
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=timeouts.APPTEST)
    at.run()
    at.switch_page("../pages/betydning.py").run()
    at.segmented_control[0].set_value("politikk").run()  # Figure 5 is in the policy part of the page
    assert not at.exception
    captions = " ".join(c.value for c in at.caption)
    assert "har ikke dokumentanalysen" in captions
    assert "DEMODATA" not in " ".join(h.value for h in at.html)


def test_the_shipped_template_imports_the_real_looking_export(files, isolated_state):
    """The documented template itself (not only the demo's mapping) reads the survey-tool export."""
    files["mapping"] = ROOT / "data" / "import" / "mal-mapping.toml"
    result = do_import(files)
    assert result.ok, result.report()
    assert not versions.current().demo_tables()
