"""Import fuzz (issue 10): a valid import set (the demo export and data/import/demo-eksport-mapping.toml)
mutated in 240 seeded ways - duplicate, missing and renamed columns, title rows, shuffled rows and
columns, encodings, control characters, huge cells, formula cells, far cells, extra sheets, truncated
and corrupt files, folders given as files, mappings of the wrong shape, nested 1 000 levels, with
TODO, tags or garbage. For each: run_import either imports cleanly or rejects with clear messages
(no traceback text, no exception escaping), and a rejection leaves the state folder byte-identical.

CI runs a seeded sample (FUZZ_SAMPLE cases, default 12, and one case through the command);
`make fuzz` (FUZZ_FULL=1) runs all.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import random
import re
import shutil
import traceback
from pathlib import Path

import pytest

from dashboard import paths
from dashboard.data import versions
from dashboard.importer import run_import
from dashboard.importer.template import export_demo
from tests.support import timeouts

ROOT = paths.ROOT
MAPPING = ROOT / "data" / "import" / "demo-eksport-mapping.toml"
N_CASES = 240
FULL = os.environ.get("FUZZ_FULL", "") not in ("", "0")
SAMPLE = int(os.environ.get("FUZZ_SAMPLE", "12"))
ROLES = ("register", "frivilligsentral", "kommune", "diskurs")
TEXTS = ["", " ", "Navn", "navn ", "Ærlig Østre Ål", "ResponseID", "=HYPERLINK(\"http://x.invalid\")", "+1+1",
         "@SUM(A1)", "\x00", "a\x07b", "\u202eevil", "[x](http://x.invalid)", "<script>alert(1)</script>",
         "Q1_1", "Sentral-ID", "x" * 5000, "Vet ikke", "1e309", "NaN", "None", "-0", "²", "①", "🙂",
         "Herøy", "0000", "kommune - Kommunen", "\t", "\r\n", "'", '"', ";", ",", "TODO"]


# -- the valid set --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def good(tmp_path_factory):
    out = tmp_path_factory.mktemp("fuzz_demo")
    files = export_demo(out)
    files["mapping"] = out / "mapping.toml"
    shutil.copy(MAPPING, files["mapping"])
    return files


@pytest.fixture()
def files(good, tmp_path):
    out = {}
    for role, p in good.items():
        out[role] = tmp_path / "in" / p.name
        out[role].parent.mkdir(exist_ok=True)
        shutil.copy(p, out[role])
    return out


def tree_hash(folder: Path) -> str:
    h = hashlib.sha256()
    if folder.exists():
        for p in sorted(folder.rglob("*")):
            h.update(str(p.relative_to(folder)).encode())
            if p.is_file() and p.name != ".lock":
                h.update(p.read_bytes())
    return h.hexdigest()


# -- helpers to spoil files ---------------------------------------------------------------------

def read_csv(path: Path) -> tuple[list[list[str]], str]:
    text = path.read_bytes().decode("utf-8-sig")
    delim = ";" if text.split("\n", 1)[0].count(";") else ","
    return list(csv.reader(io.StringIO(text), delimiter=delim)), delim


def write_csv(path: Path, rows: list[list[str]], delim: str = ";", encoding: str = "utf-8-sig") -> None:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delim, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding, errors="replace"))


def csv_role(rng: random.Random) -> str:
    return rng.choice(["register", "register", "diskurs"])


def edit_csv(files, rng, change) -> str:
    role = csv_role(rng)
    rows, delim = read_csv(files[role])
    what = change(rows, rng)
    write_csv(files[role], rows, delim)
    return f"{role}: {what}"


def edit_xlsx(files, rng, change) -> str:
    import openpyxl

    wb = openpyxl.load_workbook(files["kommune"])
    what = change(wb, wb.active, rng)
    wb.save(files["kommune"])
    return f"kommune: {what}"


def random_cell(rows, rng) -> tuple[int, int]:
    r = rng.randrange(1, len(rows))
    return r, rng.randrange(len(rows[r]))


# -- CSV mutations ---------------------------------------------------------------------------------

def csv_dup_header(files, rng):
    def change(rows, rng):
        a, b = rng.sample(range(len(rows[0])), 2)
        rows[0][b] = rows[0][a]
        return f"column {b} renamed to {rows[0][a]!r}"
    return edit_csv(files, rng, change)


def csv_drop_column(files, rng):
    def change(rows, rng):
        j = rng.randrange(len(rows[0]))
        name = rows[0][j]
        for r in rows:
            del r[j:j + 1]
        return f"dropped {name!r}"
    return edit_csv(files, rng, change)


def csv_rename_column(files, rng):
    def change(rows, rng):
        j = rng.randrange(len(rows[0]))
        rows[0][j] = rng.choice(TEXTS)
        return f"column {j} renamed to {rows[0][j][:20]!r}"
    return edit_csv(files, rng, change)


def csv_title_rows(files, rng):
    def change(rows, rng):
        n = rng.randint(1, 3)
        rows[0:0] = [["Eksport fra spørreverktøyet"]] + [[]] * (n - 1)
        return f"{n} title rows"
    return edit_csv(files, rng, change)


def csv_shuffle_rows(files, rng):
    def change(rows, rng):
        body = rows[1:]
        rng.shuffle(body)
        rows[1:] = body
        return "rows shuffled"
    return edit_csv(files, rng, change)


def csv_shuffle_columns(files, rng):
    def change(rows, rng):
        order = list(range(len(rows[0])))
        rng.shuffle(order)
        rows[:] = [[r[j] if j < len(r) else "" for j in order] for r in rows]
        return "columns shuffled"
    return edit_csv(files, rng, change)


def csv_blank_lines(files, rng):
    def change(rows, rng):
        at = rng.choice([len(rows), len(rows), rng.randrange(1, len(rows))])
        rows[at:at] = [[]] * rng.randint(1, 3)
        return f"blank lines at {at}"
    return edit_csv(files, rng, change)


def csv_duplicate_row(files, rng):
    def change(rows, rng):
        r = rng.randrange(1, len(rows))
        rows.append(list(rows[r]))
        return f"row {r} repeated"
    return edit_csv(files, rng, change)


def csv_cells(files, rng):
    def change(rows, rng):
        out = []
        for _ in range(rng.randint(1, 4)):
            r, c = random_cell(rows, rng)
            rows[r][c] = rng.choice(TEXTS)
            out.append(f"{r},{c}={rows[r][c][:12]!r}")
        return "cells " + " ".join(out)
    return edit_csv(files, rng, change)


def csv_control_chars(files, rng):
    def change(rows, rng):
        r, c = random_cell(rows, rng)
        ch = rng.choice(["\x00", "\x01", "\x07", "\x1b", "\x7f", "\u0085", "\u200b", "\u202e", "\ufeff"])
        rows[r][c] = rows[r][c][:2] + ch + rows[r][c][2:]
        return f"control U+{ord(ch):04X} in {r},{c}"
    return edit_csv(files, rng, change)


def csv_huge_cell(files, rng):
    def change(rows, rng):
        r, c = random_cell(rows, rng)
        n = rng.choice([1_000, 40_000, 100_000, 200_000])
        rows[r][c] = "x" * n
        return f"cell {r},{c} of {n} chars"
    return edit_csv(files, rng, change)


def csv_encoding(files, rng):
    role = csv_role(rng)
    rows, delim = read_csv(files[role])
    enc = rng.choice(["utf-8", "cp1252", "utf-16", "utf-32", "latin-1", "utf-8-sig"])
    write_csv(files[role], rows, delim, encoding=enc)
    return f"{role}: written as {enc}"


def csv_delimiter(files, rng):
    role = csv_role(rng)
    rows, _ = read_csv(files[role])
    delim = rng.choice([",", "\t", "|", " "])
    write_csv(files[role], rows, delim)
    return f"{role}: delimiter {delim!r}"


def csv_broken_quotes(files, rng):
    role = csv_role(rng)
    text = files[role].read_text(encoding="utf-8-sig").splitlines(keepends=True)
    i = rng.randrange(1, len(text))
    text[i] = '"' + text[i]
    files[role].write_text("".join(text), encoding="utf-8")
    return f"{role}: unbalanced quote on line {i + 1}"


# -- XLSX mutations --------------------------------------------------------------------------------

def set_random_cells(ws, rng, choices, first_row: int) -> list[str]:
    cells = []
    for _ in range(rng.randint(1, 5)):
        cell = ws.cell(rng.randint(first_row, ws.max_row), rng.randint(1, ws.max_column))
        cell.value = rng.choice(choices)
        cells.append(cell.coordinate)
    return cells


def xlsx_dup_header(files, rng):
    def change(wb, ws, rng):
        a, b = rng.sample(range(1, ws.max_column + 1), 2)
        ws.cell(1, b).value = ws.cell(1, a).value
        return f"column {b} renamed to {ws.cell(1, a).value!r}"
    return edit_xlsx(files, rng, change)


def xlsx_drop_column(files, rng):
    def change(wb, ws, rng):
        j = rng.randint(1, ws.max_column)
        name = ws.cell(1, j).value
        ws.delete_cols(j)
        return f"dropped {name!r}"
    return edit_xlsx(files, rng, change)


def xlsx_title_rows(files, rng):
    def change(wb, ws, rng):
        n = rng.randint(1, 3)
        ws.insert_rows(1, n)
        ws.cell(1, 1).value = "Rapport: Kommuneundersøkelsen 2024"
        return f"{n} title rows"
    return edit_xlsx(files, rng, change)


def xlsx_formulas(files, rng):
    def change(wb, ws, rng):
        formulas = ["=1+1", "=A2", "=SUM(B2:B5)", '=HYPERLINK("http://x.invalid","1")']
        return f"formulas in {set_random_cells(ws, rng, formulas, first_row=2)}"
    return edit_xlsx(files, rng, change)


def xlsx_far_cell(files, rng):
    def change(wb, ws, rng):
        cell = rng.choice(["XFD1048576", "A1048576", "XFD1", "CCC3", "A300000"])
        ws[cell] = "x"
        return f"cell at {cell}"
    return edit_xlsx(files, rng, change)


def xlsx_extra_sheet(files, rng):
    def change(wb, ws, rng):
        extra = wb.create_sheet(rng.choice(["Info", "Ark2", "Sheet1 (2)"]), index=rng.randint(0, 1))
        if rng.random() < 0.7:
            extra["A1"] = "Om undersøkelsen"
        return f"extra sheet {extra.title!r} ({'filled' if extra['A1'].value else 'empty'})"
    return edit_xlsx(files, rng, change)


def xlsx_cells(files, rng):
    import datetime as dt

    def change(wb, ws, rng):
        odd = [1.5, -3, 10 ** 20, True, dt.datetime(2024, 2, 29), dt.time(12, 0), None, "x" * 10, "x" * 40_000,
               "\u202e1", rng.choice(TEXTS).replace("\x00", "").replace("\x07", "")]
        return f"odd values in {set_random_cells(ws, rng, odd, first_row=1)}"
    return edit_xlsx(files, rng, change)


def xlsx_empty_sheet(files, rng):
    def change(wb, ws, rng):
        ws.delete_rows(1, ws.max_row)
        return "sheet emptied"
    return edit_xlsx(files, rng, change)


def xlsx_shuffle_columns(files, rng):
    def change(wb, ws, rng):
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        order = list(range(len(rows[0])))
        rng.shuffle(order)
        ws.delete_rows(1, ws.max_row)
        for r in rows:
            ws.append([r[j] for j in order])
        return "columns shuffled"
    return edit_xlsx(files, rng, change)


def add_to_section(files, section: str, line: str) -> None:
    text = files["mapping"].read_text(encoding="utf-8")
    files["mapping"].write_text(text.replace(f"[{section}]\n", f"[{section}]\n{line}\n", 1), encoding="utf-8")


def xlsx_title_rows_with_shape(files, rng):
    """Title rows above the header, and the header row named in the mapping: must import."""
    n = rng.randint(1, 4)

    def change(wb, ws, rng):
        ws.insert_rows(1, n)
        ws.cell(1, 2).value = "Tittel"
        return "title"
    edit_xlsx(files, rng, change)
    add_to_section(files, "kommune", f"fil = {{ overskriftsrad = {n + 1} }}")
    return f"kommune: {n} rows above the header, overskriftsrad = {n + 1} in the mapping"


def xlsx_sheet_chosen(files, rng):
    """A second filled sheet, and the data sheet named in the mapping (in other letter case): must import."""
    def change(wb, ws, rng):
        wb.create_sheet("Info", index=0)["A1"] = "Om undersøkelsen"
        return ws.title
    title = edit_xlsx(files, rng, change).split(": ", 1)[1]
    add_to_section(files, "kommune", f'fil = {{ ark = "{title.upper()}" }}')
    return f"kommune: extra sheet, ark = {title.upper()!r} in the mapping"


# -- SPSS mutations --------------------------------------------------------------------------------

def edit_sav(files, rng, change) -> str:
    import pyreadstat

    df, meta = pyreadstat.read_sav(str(files["frivilligsentral"]))
    df, labels, what = change(df, dict(meta.variable_value_labels), rng)
    pyreadstat.write_sav(df, str(files["frivilligsentral"]), variable_value_labels=labels)
    return f"frivilligsentral: {what}"


def sav_drop_variable(files, rng):
    def change(df, labels, rng):
        col = rng.choice(list(df.columns))
        return df.drop(columns=[col]), {k: v for k, v in labels.items() if k != col}, f"dropped {col}"
    return edit_sav(files, rng, change)


def sav_odd_values(files, rng):
    def change(df, labels, rng):
        col = rng.choice([c for c in df.columns if df[c].dtype.kind == "f"] or list(df.columns))
        df.loc[rng.randrange(len(df)), col] = rng.choice([99.0, -1.0, 1e12, 0.5, float("nan")])
        return df, labels, f"odd value in {col}"
    return edit_sav(files, rng, change)


# -- any file ------------------------------------------------------------------------------------

def any_truncate(files, rng):
    role = rng.choice(ROLES)
    data = files[role].read_bytes()
    keep = rng.choice([0.05, 0.3, 0.5, 0.8, 0.99])
    files[role].write_bytes(data[: int(len(data) * keep)])
    return f"{role}: truncated to {keep:.0%}"


def any_corrupt(files, rng):
    role = rng.choice(ROLES)
    data = bytearray(files[role].read_bytes())
    for _ in range(rng.choice([1, 10, 200])):
        data[rng.randrange(len(data))] = rng.randrange(256)
    files[role].write_bytes(bytes(data))
    return f"{role}: bytes flipped"


def any_folder(files, rng):
    role = rng.choice(ROLES + ("mapping",))
    folder = files[role].with_suffix(files[role].suffix + ".d") if rng.random() < 0.5 else files[role]
    files[role].unlink()
    folder.mkdir()
    files[role] = folder
    return f"{role}: a folder"


def any_missing(files, rng):
    role = rng.choice(ROLES + ("mapping",))
    files[role].unlink()
    return f"{role}: missing"


def any_empty(files, rng):
    role = rng.choice(ROLES + ("mapping",))
    files[role].write_bytes(rng.choice([b"", b"\n", b"\xef\xbb\xbf", b" \r\n\r\n"]))
    return f"{role}: empty"


def any_wrong_suffix(files, rng):
    role = rng.choice(ROLES)
    new = files[role].with_suffix(rng.choice([".xlsx", ".csv", ".sav", ".txt", ".json", ".xls", ""]))
    files[role] = files[role].rename(new)
    return f"{role}: renamed to {new.name}"


def any_garbage(files, rng):
    role = rng.choice(ROLES)
    files[role].write_bytes(bytes(rng.randrange(256) for _ in range(rng.choice([10, 5000]))))
    return f"{role}: random bytes"


# -- mapping mutations ------------------------------------------------------------------------------

def mapping_data() -> dict:
    import tomllib

    return tomllib.loads(MAPPING.read_text(encoding="utf-8"))


def write_yaml_mapping(files, data) -> None:
    import yaml

    path = files["mapping"].with_suffix(".yaml")
    files["mapping"].unlink()
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    files["mapping"] = path


ODD_VALUES = [[], [1, 2], 0, -1, 10 ** 30, 1.5, "x", "", True, None, {"a": {"b": [1]}}, ["Navn", ["nested"]]]


def map_wrong_type(files, rng):
    data = mapping_data()
    section = rng.choice(["register", "frivilligsentral", "kommune", "diskurs"])
    key = rng.choice(["kolonner", "sporsmal", "ignorer", "fritekst", "verdier", "kommuner", "fil", "kontaktinfo",
                      "ikke_svar", "<section>", "<item>"])
    value = rng.choice([v for v in ODD_VALUES if v is not None])
    if key == "<section>":
        data[section] = value
    elif key == "<item>":
        sub = data[section].get("kolonner") or data[section].get("sporsmal")
        sub[rng.choice(list(sub))] = value
    else:
        data[section][key] = value
    write_yaml_mapping(files, data)
    return f"mapping [{section}] {key} = {str(value)[:30]}"


def map_nested(files, rng):
    depth = rng.choice([100, 1000, 5000])
    if rng.random() < 0.5:
        text = MAPPING.read_text(encoding="utf-8") + "\n[dyp]\nx = " + "{a = " * depth + "1" + "}" * depth + "\n"
        files["mapping"].write_text(text, encoding="utf-8")
        return f"TOML nested {depth}"
    path = files["mapping"].with_suffix(".yaml")
    files["mapping"].unlink()
    path.write_text("register: " + "[" * depth + "1" + "]" * depth + "\n", encoding="utf-8")
    files["mapping"] = path
    return f"YAML nested {depth}"


def map_text_edit(files, rng):
    text = MAPPING.read_text(encoding="utf-8")
    edits = [
        ("unknown section", text + "\n[ukjent]\nx = 1\n"),
        ("unknown key", text.replace("[register]\n", "[register]\nkolonnr = {}\n", 1)),
        ("TODO", text.replace('Q1_1 = "fs_plan_frivillighetspolitikk"', 'Q1_1 = "TODO"', 1)),
        ("duplicate key", text.replace("[register]\n", '[register]\nignorer = []\nignorer = ["x"]\n', 1)),
        ("unknown item", text.replace('"fs_plan_frivillighetspolitikk"', '"fs_plan_finnes_ikke"', 1)),
        ("truncated", text[: rng.randrange(len(text))]),
        ("huge key", text.replace("[register]\n", '[register]\n"' + "k" * 1_000_000 + '" = 1\n', 1)),
        ("fil shape", text.replace("[kommune]\n", "[kommune]\nfil = { ark = \"Finnes ikke\", overskriftsrad = "
                                   f"{rng.choice(['-1', '0', '1e30', '2.5', '99999999999999999999'])} }}\n", 1)),
        ("header rows", text.replace("[kommune]\n", f"[kommune]\nfil = {{ overskriftsrader = "
                                     f"{rng.choice(['0', '3', '2', '-2'])} }}\n", 1)),
        ("bad override", text.replace("[kommune]\n", '[kommune]\nkommuner = { "Herøy" = "1507", "x" = 5 }\n', 1)),
        ("not UTF-8", None),
    ]
    what, new = rng.choice(edits)
    if new is None:
        files["mapping"].write_bytes(text.encode("utf-16"))
    else:
        files["mapping"].write_text(new, encoding="utf-8")
    return f"mapping: {what}"


def map_yaml_hostile(files, rng):
    path = files["mapping"].with_suffix(".yaml")
    files["mapping"].unlink()
    path.write_text(rng.choice([
        "!!python/object/apply:os.system ['echo hacked']\n",
        "- register\n- kommune\n",
        "register: &a [*a]\n",
        ("a: &a [\"lol\",\"lol\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b]\n"
         "d: &d [*c,*c,*c,*c,*c,*c,*c,*c]\nregister: [*d,*d,*d,*d,*d,*d,*d,*d]\n"),
        "register: {kolonner: {navn: !!binary aGVp}}\n",
        "42\n",
        "register:\n  kolonner:\n    navn: [unclosed\n",
    ]), encoding="utf-8")
    files["mapping"] = path
    return "mapping: hostile YAML"


OPS = [csv_dup_header, csv_drop_column, csv_rename_column, csv_title_rows, csv_shuffle_rows, csv_shuffle_columns,
       csv_blank_lines, csv_duplicate_row, csv_cells, csv_control_chars, csv_huge_cell, csv_encoding, csv_delimiter,
       csv_broken_quotes, xlsx_dup_header, xlsx_drop_column, xlsx_title_rows, xlsx_formulas, xlsx_far_cell,
       xlsx_extra_sheet, xlsx_cells, xlsx_empty_sheet, xlsx_shuffle_columns, xlsx_title_rows_with_shape,
       xlsx_sheet_chosen, sav_drop_variable, sav_odd_values, any_truncate, any_corrupt, any_folder,
       any_missing, any_empty, any_wrong_suffix, any_garbage, map_wrong_type, map_nested, map_text_edit,
       map_yaml_hostile]

# mutations that must be rejected / must import; the others may go either way
MUST_REJECT = {csv_dup_header, xlsx_dup_header, xlsx_formulas, xlsx_far_cell, xlsx_empty_sheet, any_folder,
               any_missing, any_empty, any_garbage, map_wrong_type, map_nested, map_yaml_hostile, csv_duplicate_row}
MUST_IMPORT = {csv_title_rows, xlsx_title_rows, csv_shuffle_rows, csv_shuffle_columns, xlsx_shuffle_columns,
               xlsx_title_rows_with_shape, xlsx_sheet_chosen}

# cases found to crash in code this test does not own (importer/__init__.py, mapping.py): seed -> reason
KNOWN_CRASHES: dict[int, str] = {}


def case_ids() -> list[int]:
    if FULL:
        return list(range(N_CASES))
    return sorted(random.Random(20241126).sample(range(N_CASES), SAMPLE))


def _param(seed: int):
    marks = [pytest.mark.xfail(reason=KNOWN_CRASHES[seed], strict=False)] if seed in KNOWN_CRASHES else []
    return pytest.param(seed, id=f"{seed:03d}-{OPS[seed % len(OPS)].__name__}", marks=marks)


TRACE = re.compile(r"Traceback|File \"|\.py\", line|^\w+(Error|Exception):|object has no attribute|"
                   r"not subscriptable|is not iterable|unhashable type|truth value of", re.MULTILINE)


CAUGHT = re.compile(r"uventet feil", re.IGNORECASE)  # run_import's catch-all: an exception it did not expect


def check_clear(result) -> None:
    caught = [p.message for p in result.problems if CAUGHT.search(p.message)]
    assert not caught, f"an exception reached run_import's catch-all: {caught[0][:300]}"
    errors = [p for p in result.problems if p.severity == "feil"]
    assert errors, "a rejection without an error"
    for p in result.problems:
        assert isinstance(p.message, str) and p.message.strip() and p.file, p
        assert not TRACE.search(p.message), f"traceback-like text in a problem: {p.message[:300]}"
    report = result.report()
    assert isinstance(report, str) and not TRACE.search(report), report[:2000]


@pytest.mark.parametrize("seed", [_param(s) for s in case_ids()])
def test_mutated_import_is_clean_or_clearly_rejected(seed, files, isolated_state, capfd):
    op = OPS[seed % len(OPS)]
    what = op(files, random.Random(seed))
    before = tree_hash(isolated_state)
    try:
        result = run_import(files["register"], files["frivilligsentral"], files["kommune"], files["mapping"],
                            diskurs=files.get("diskurs"), progress=lambda m: None)
    except BaseException as exc:  # noqa: BLE001 - the point of the test: nothing may escape
        pytest.fail(f"{what}: run_import raised {type(exc).__name__}: {exc!s:.300}\n{traceback.format_exc()}")
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err, f"{what}: traceback printed"
    if result.ok:
        assert op not in MUST_REJECT, f"{what}: imported, but must be rejected"
        assert versions.current().kind == "import"
        return
    assert op not in MUST_IMPORT, f"{what}: rejected, but must import:\n{result.report()[:3000]}"
    try:
        check_clear(result)
    except AssertionError as exc:
        raise AssertionError(f"{what}: {exc}") from None
    assert tree_hash(isolated_state) == before, f"{what}: a rejected import changed the state folder"


@pytest.mark.parametrize("spoil", [csv_dup_header, any_folder, map_nested] if FULL else [csv_dup_header])
def test_the_command_rejects_without_a_traceback(spoil, files, tmp_path):
    """The issue's own crashes, through `python -m dashboard import` as a user runs it."""
    import subprocess
    import sys

    spoil(files, random.Random(3))
    state = tmp_path / "state"
    cmd = [sys.executable, "-m", "dashboard", "import", "--mapping", str(files["mapping"])]
    for role in ROLES:
        cmd += [f"--{role}", str(files[role])]
    out = subprocess.run(cmd, env={**os.environ, "DASHBOARD_STATE_DIR": str(state)}, cwd=ROOT,
                         capture_output=True, text=True, timeout=timeouts.CLI, check=False)
    assert out.returncode != 0
    assert not TRACE.search(out.stdout + out.stderr), (out.stdout + out.stderr)[-3000:]
    text = out.stdout + out.stderr
    assert "FEIL" in text or "avvist" in text, text[-3000:]
    assert tree_hash(state) == tree_hash(tmp_path / "none"), "a rejected import wrote to the state folder"


def test_the_unmutated_set_imports(files, isolated_state):
    result = run_import(files["register"], files["frivilligsentral"], files["kommune"], files["mapping"],
                        diskurs=files["diskurs"], progress=lambda m: None, dry_run=True)
    assert result.ok, result.report()[:3000]


def test_every_mutation_is_used_and_there_are_at_least_200_cases():
    assert N_CASES >= 200 and len(OPS) <= N_CASES // 5
    assert {OPS[s % len(OPS)] for s in range(N_CASES)} == set(OPS)
    assert MUST_REJECT.isdisjoint(MUST_IMPORT)


def test_built_data_is_untouched_by_the_fuzz():
    """Runs last in this module (pytest keeps file order): the shipped build was never written."""
    assert tree_hash(paths.BUILT) == _BUILT_HASH


_BUILT_HASH = tree_hash(paths.BUILT)
