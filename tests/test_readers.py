"""The reader: CSV dialects, XLSX streamed with limits, sheet and header row, title rows, two-row
headers, duplicate and empty column names, formulas, control characters, hostile workbooks."""

from __future__ import annotations

import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from dashboard.importer import readers
from dashboard.importer.readers import FileShape, Limits, read
from dashboard.paths import ROOT
from tests.support import timeouts

HEADER = ["Respondent", "Kommune", "Eierform"]
ROWS = [["1", "Vågå", "Kommunal"], ["2", "Herøy (Nordland)", "SA"], ["3", "0301", "Forening"]]


def errors(problems):
    return [p for p in problems if p.severity == "feil"]


def texts(problems):
    return "\n".join(p.text() + (f" | {p.fix}" if p.fix else "") for p in problems)


def write_xlsx(path: Path, sheets: dict[str, list[list]]) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def patch_sheet_xml(path: Path, change, sheet: str = "xl/worksheets/sheet1.xml") -> None:
    """Rewrite one part of an XLSX (to build files openpyxl would not write itself)."""
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    parts[sheet] = change(parts[sheet].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


# -- CSV dialects --------------------------------------------------------------------------------

@pytest.mark.parametrize("sep, encoding, newline, suffix", [
    (";", "utf-8-sig", "\r\n", ".csv"), (",", "utf-8", "\n", ".csv"), (";", "cp1252", "\r\n", ".csv"),
    ("\t", "utf-8", "\n", ".tsv"), ("\t", "cp1252", "\r\n", ".txt"), (",", "utf-8-sig", "\n", ".txt"),
])
def test_csv_dialects(tmp_path, sep, encoding, newline, suffix):
    path = tmp_path / f"f{suffix}"
    path.write_bytes(newline.join(sep.join(r) for r in [HEADER, *ROWS]).encode(encoding) + newline.encode())
    table, problems = read(path)
    assert not problems
    assert list(table.df.columns) == HEADER and table.df.values.tolist() == ROWS
    assert table.header_row == 1


def test_csv_quoted_cells_with_delimiters_and_line_breaks(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text('Respondent;Kommentar;Kommune\n1;"a; b\nc";Vågå\n2;"""sitat""";Lom\n', encoding="utf-8")
    table, problems = read(path)
    assert not problems and table.df["Kommentar"].tolist() == ["a; b\nc", '"sitat"']


def test_utf16_is_refused_with_the_fix(tmp_path):
    path = tmp_path / "f.csv"
    path.write_bytes("Respondent;Kommune\n1;Vågå\n".encode("utf-16"))
    table, problems = read(path)
    assert table is None and "UTF-16" in problems[0].message and "CSV UTF-8" in problems[0].fix


# -- header row and title rows ---------------------------------------------------------------------

def test_csv_title_row_is_skipped_with_a_note(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("Undersøkelse om frivilligsentraler 2024\n\n" + "\n".join(";".join(r) for r in [HEADER, *ROWS]),
                    encoding="utf-8")
    table, problems = read(path)
    assert not errors(problems) and list(table.df.columns) == HEADER
    assert table.header_row == 3 and len(table.df) == 3
    note = problems[0]
    assert note.severity == "merknad" and note.row == 1
    assert "rad 1 ser ut som en tittel og er hoppet over; overskriftene står i rad 3" in note.message
    assert "overskriftsrad" in note.fix


def test_xlsx_title_row_and_row_numbers_as_excel_shows_them(tmp_path):
    path = write_xlsx(tmp_path / "f.xlsx", {"Ark1": [["Eksport fra Questback", None, None], [], HEADER, *ROWS]})
    table, problems = read(path)
    assert list(table.df.columns) == HEADER and table.header_row == 3
    # "0301" stands in Excel row 6
    i = table.df.index[table.df["Kommune"] == "0301"][0]
    assert table.file_row(i) == 6 and table.rows == [4, 5, 6]
    assert "rad 1 ser ut som en tittel" in texts(problems)


def test_blank_rows_are_left_out_and_the_numbering_kept(tmp_path):
    path = write_xlsx(tmp_path / "f.xlsx", {"Ark1": [HEADER, ROWS[0], [], [None, " "], ROWS[1], [None, None, None]]})
    table, problems = read(path)
    assert not problems and table.df.values.tolist() == [ROWS[0], ROWS[1]]
    assert table.rows == [2, 5] and [table.file_row(i) for i in range(2)] == [2, 5]
    csv_path = tmp_path / "f.csv"
    csv_path.write_text("A;B;C\n1;2;3\n\n;;\n4;5\n", encoding="utf-8")
    table, problems = read(csv_path)
    assert table.rows == [2, 5] and [(p.row, p.message[:16]) for p in problems] == [(5, "raden har 2 felt")]


def test_header_row_by_number(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("Eksportert;2024-05-01;av;Nettskjema\n\n" + "\n".join(";".join(r) for r in [HEADER, *ROWS]),
                    encoding="utf-8")
    table, problems = read(path, shape=FileShape(header_row=3))
    assert not problems and list(table.df.columns) == HEADER and table.header_row == 3
    missing, problems = read(path, shape=FileShape(header_row=40))
    assert missing is None and "rad 40" in problems[0].message and "overskriftsrad = " in problems[0].fix


def test_header_only_and_empty_files(tmp_path):
    only = tmp_path / "h.csv"
    only.write_text(";".join(HEADER) + "\n", encoding="utf-8")
    assert "bare overskriftsrad" in read(only)[1][0].message
    blank = tmp_path / "b.csv"
    blank.write_text("\n\n  \n", encoding="utf-8")
    assert read(blank)[0] is None
    empty = tmp_path / "e.csv"
    empty.write_bytes(b"")
    assert read(empty)[1][0].message == "filen er tom"
    sheet = write_xlsx(tmp_path / "e.xlsx", {"Ark1": []})
    assert "arket er tomt" in read(sheet)[1][0].message


def test_two_row_header_question_and_item(tmp_path):
    q = "Hvem samarbeider sentralen med?"
    rows = [["Respondent", "Kommune", q, None, None, "Andre kommentarer"],
            [None, None, "Kommunen", "Lag og foreninger", "Skolen", None],
            ["1", "Vågå", "1", None, "1", "fint"]]
    path = write_xlsx(tmp_path / "f.xlsx", {"Svar": rows})
    wb = openpyxl.load_workbook(path)
    wb["Svar"].merge_cells("C1:E1")  # the question merged over its block, as survey tools write it
    wb.save(path)
    table, problems = read(path, shape=FileShape(header_rows=2))
    assert not problems
    assert list(table.df.columns) == ["Respondent", "Kommune", f"{q} - Kommunen", f"{q} - Lag og foreninger",
                                      f"{q} - Skolen", "Andre kommentarer"]
    assert table.header_row == 2 and table.df.iloc[0, 4] == "1"


def test_two_row_header_below_a_title(tmp_path):
    rows = [["Rapport"], ["Respondent", "Spørsmål 1", None], [None, "a", "b"], ["1", "x", "y"]]
    table, problems = read(write_xlsx(tmp_path / "f.xlsx", {"A": rows}), shape=FileShape(header_rows=2))
    assert "rad 1 ser ut som en tittel" in texts(problems)
    assert list(table.df.columns) == ["Respondent", "Spørsmål 1 - a", "Spørsmål 1 - b"] and table.header_row == 3


def test_header_whitespace_and_line_breaks_are_normalised(tmp_path):
    path = write_xlsx(tmp_path / "f.xlsx", {"A": [["Respondent", "Hvor fornøyd\ner du?  "], ["1", "2"]]})
    assert list(read(path)[0].df.columns) == ["Respondent", "Hvor fornøyd er du?"]


# -- sheets --------------------------------------------------------------------------------------

def test_several_filled_sheets_without_a_choice_is_an_error_naming_them(tmp_path):
    path = write_xlsx(tmp_path / "f.xlsx", {"Forside": [["Om undersøkelsen"], ["tekst"]],
                                            "Register": [HEADER, *ROWS], "Tom": []})
    table, problems = read(path)
    assert table is None
    msg = texts(problems)
    assert "«Forside», «Register»" in msg and "«Tom»" not in problems[0].message
    assert 'ark = "Forside"' in problems[0].fix
    table, problems = read(path, shape=FileShape(sheet="register"))  # case-insensitive
    assert not problems and list(table.df.columns) == HEADER and table.sheets == ("Forside", "Register", "Tom")


def test_unknown_sheet_suggests_the_closest(tmp_path):
    path = write_xlsx(tmp_path / "f.xlsx", {"Register": [HEADER, *ROWS], "Svar": [HEADER, *ROWS]})
    table, problems = read(path, shape=FileShape(sheet="Registr"))
    assert table is None and "Mente du «Register»" in problems[0].message and 'ark = "Register"' in problems[0].fix


def test_one_filled_sheet_among_empty_ones_is_used(tmp_path):
    path = write_xlsx(tmp_path / "f.xlsx", {"Tom": [], "Data": [HEADER, *ROWS]})
    table, problems = read(path)
    assert not problems and len(table.df) == 3


# -- column names ---------------------------------------------------------------------------------

def test_duplicate_column_names_csv(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("Navn;Kommune;Navn\nA;Vågå;B\n", encoding="utf-8")
    table, problems = read(path)
    assert [p.message for p in errors(problems)] == ["kolonnenavnet «Navn» forekommer flere ganger (kolonne A og C)"]
    assert problems[0].fix and table.df.columns.is_unique
    assert list(table.df.columns) == ["Navn", "Kommune", "Navn (2)"]


def test_duplicate_column_names_xlsx(tmp_path):
    path = write_xlsx(tmp_path / "f.xlsx", {"A": [["Respondent", "Q1", "Q1", "Q1"], ["1", "a", "b", "c"]]})
    table, problems = read(path)
    assert len(errors(problems)) == 2 and "kolonne B og C" in problems[0].message
    assert "kolonne B og D" in problems[1].message
    assert table.df.columns.is_unique


def test_unnamed_columns(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("Respondent;;Kommune;;\n1;x;Vågå;;\n2;;Lom;;\n", encoding="utf-8")
    table, problems = read(path)
    assert list(table.df.columns) == ["Respondent", "Kommune"]
    assert len(problems) == 1 and problems[0].severity == "advarsel" and "kolonne B har data" in problems[0].message


def test_ragged_csv_rows(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("A;B;C\n1;2;3\n4;5\n6;7;8;9\n10;11;12;\n", encoding="utf-8")
    _, problems = read(path)
    assert [(p.row, p.message[:20]) for p in errors(problems)] == [(3, "raden har 2 felt, ov"),
                                                                   (4, "raden har 4 felt, ov")]


# -- cells ---------------------------------------------------------------------------------------

def test_numbers_and_dates_as_text(tmp_path):
    import datetime as dt

    path = write_xlsx(tmp_path / "f.xlsx", {"A": [["Org", "År", "Dato", "Andel", "Ja"],
                                                  [971526920.0, 1995, dt.datetime(2024, 5, 1), 0.25, True]]})
    assert read(path)[0].df.iloc[0].tolist() == ["971526920", "1995", "2024-05-01", "0.25", "True"]


def test_control_characters_are_removed_and_reported(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("Respondent;Navn\n1;Demo\x00sentral\n2;Lin\x07je\n3;Tab\there\n", encoding="utf-8")
    table, problems = read(path)
    assert table.df["Navn"].tolist() == ["Demosentral", "Linje", "Tab\there"]
    assert [(p.row, p.column, p.severity) for p in problems] == [(2, "Navn", "advarsel"), (3, "Navn", "advarsel")]
    assert "U+0000" in problems[0].message


def test_control_characters_in_xlsx(tmp_path):
    path = write_xlsx(tmp_path / "f.xlsx", {"A": [["Respondent", "Navn"], ["1", "Snu\u202etekst"]]})
    table, problems = read(path)
    assert table.df["Navn"].tolist() == ["Snutekst"] and "U+202E" in problems[0].message


def test_over_long_cell_is_an_error_naming_the_cell(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("Respondent;Navn\n1;" + "x" * 100_000 + "\n", encoding="utf-8")
    table, problems = read(path)
    err = errors(problems)
    assert len(err) == 1 and (err[0].row, err[0].column) == (2, "Navn") and "100 000 tegn" in err[0].message
    assert len(table.df.iloc[0, 1]) == readers.LIMITS.cell_chars


def test_formula_without_saved_value_is_an_error(tmp_path):
    path = write_xlsx(tmp_path / "f.xlsx", {"A": [["Respondent", "Q1"], ["1", "=1+1"], ["2", "3"]]})
    table, problems = read(path)
    assert table.df["Q1"].tolist() == ["", "3"]
    err = errors(problems)
    assert len(err) == 1 and (err[0].row, err[0].column, err[0].value) == (2, "Q1", "=1+1")
    assert "formel" in err[0].message and "lim inn som verdier" in err[0].fix


def test_formula_with_saved_value_uses_it_with_a_warning(tmp_path):
    path = write_xlsx(tmp_path / "f.xlsx", {"A": [["Respondent", "Q1"], ["1", "=1+1"]]})
    patch_sheet_xml(path, lambda x: re.sub(r"(<f>1\+1</f>)(<v\s*/>|<v></v>)?", r"\1<v>2</v>", x))
    table, problems = read(path)
    assert table.df["Q1"].tolist() == ["2"]
    assert [(p.severity, p.row, p.column) for p in problems] == [("advarsel", 2, "Q1")]


# -- files that are not what they say ------------------------------------------------------------

def test_folder_missing_unknown_and_old_formats(tmp_path):
    assert "mappe" in read(tmp_path)[1][0].message
    assert read(tmp_path / "nope.csv")[1][0].message == "filen finnes ikke"
    (tmp_path / "f.pdf").write_bytes(b"%PDF")
    assert "ukjent filtype" in read(tmp_path / "f.pdf")[1][0].message
    (tmp_path / "f.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    assert ".xlsx" in read(tmp_path / "f.xls")[1][0].fix
    (tmp_path / "f.xlsx").write_text("ikke excel", encoding="utf-8")
    assert "ikke en gyldig XLSX-fil" in read(tmp_path / "f.xlsx")[1][0].message


def test_truncated_and_corrupt_workbooks(tmp_path):
    path = write_xlsx(tmp_path / "f.xlsx", {"A": [HEADER, *ROWS]})
    data = path.read_bytes()
    for cut in (0.3, 0.6, 0.9):
        path.write_bytes(data[: int(len(data) * cut)])
        table, problems = read(path)
        assert table is None and "XLSX" in problems[0].message
    write_xlsx(path, {"A": [HEADER, *ROWS]})
    patch_sheet_xml(path, lambda x: x[: len(x) // 2])  # a sheet part cut in the middle
    table, problems = read(path)
    assert table is None and "skadet" in problems[0].message


def test_bad_shape_values(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("A;B\n1;2\n", encoding="utf-8")
    assert "1 eller 2" in read(path, shape=FileShape(header_rows=3))[1][0].message
    assert "radnummer" in read(path, shape=FileShape(header_row=0))[1][0].message


# -- limits and hostile workbooks -----------------------------------------------------------------

def _far_cell_workbook(path: Path, cell: str) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append(ROWS[0])
    ws[cell] = "x"
    wb.save(path)
    return path


def test_a_cell_at_xfd1048576_is_refused_fast_with_little_memory(tmp_path):
    """Issue 10 item 7: a 27 kB workbook with one cell at XFD1048576 took 12 GB. Measured in a fresh process."""
    path = _far_cell_workbook(tmp_path / "far.xlsx", "XFD1048576")
    assert path.stat().st_size < 30_000
    # peak memory from VmHWM: ru_maxrss survives exec and would report the forking pytest process's size
    code = ("import re, sys, time; from dashboard.importer.readers import read; t = time.perf_counter(); "
            f"table, problems = read({str(path)!r}); "
            "hwm = int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)); "
            "print(table is None, round(time.perf_counter() - t, 2), hwm // 1024, problems[0].message)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=timeouts.CLI,
                         check=False)
    assert out.returncode == 0, out.stderr
    refused, seconds, mb, message = out.stdout.split(" ", 3)
    assert refused == "True" and "grensen" in message
    assert float(seconds) < 5 and int(mb) < 400, out.stdout


@pytest.mark.parametrize("cell, words", [("A250001", "rader"), ("BZZ2", "kolonner"), ("XFD1", "kolonne XFD")])
def test_far_cells_hit_named_limits(tmp_path, cell, words):
    table, problems = read(_far_cell_workbook(tmp_path / "far.xlsx", cell))
    assert table is None and words in problems[0].message and "grensen" in problems[0].message


def test_the_dimension_element_is_not_trusted(tmp_path):
    path = write_xlsx(tmp_path / "f.xlsx", {"A": [HEADER, *ROWS]})
    patch_sheet_xml(path, lambda x: re.sub(r'<dimension ref="[^"]+"\s*/>', '<dimension ref="A1"/>', x))
    table, _ = read(path)
    assert len(table.df) == 3 and list(table.df.columns) == HEADER


def test_row_and_column_limits_in_csv(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "LIMITS", Limits(rows=100, columns=5))
    many = tmp_path / "rows.csv"
    many.write_text("A;B\n" + "1;2\n" * 300, encoding="utf-8")
    assert "100 rader" in read(many)[1][0].message
    wide = tmp_path / "cols.csv"
    wide.write_text(";".join(f"K{i}" for i in range(10)) + "\n" + ";".join("1" * 10) + "\n", encoding="utf-8")
    assert "5 kolonner" in read(wide)[1][0].message


def test_unpacked_size_limit(tmp_path, monkeypatch):
    path = write_xlsx(tmp_path / "f.xlsx", {"A": [HEADER, *ROWS]})
    monkeypatch.setattr(readers, "LIMITS", Limits(unzipped=1000))
    table, problems = read(path)
    assert table is None and "pakket ut" in problems[0].message


def test_billion_laughs_and_external_entities_are_refused(tmp_path):
    secret = tmp_path / "hemmelig.txt"
    secret.write_text("HEMMELIG", encoding="utf-8")
    lol = ('<!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)) + "]>")
    xxe = f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    for doctype, ref in ((lol, "&lol9;"), (xxe, "&xxe;")):
        path = write_xlsx(tmp_path / "f.xlsx", {"A": [HEADER, ["1", "PLACEHOLDER", "x"]]})
        patch_sheet_xml(path, lambda x, d=doctype, r=ref: x.replace("<worksheet", d + "<worksheet", 1).replace(
            '<c r="B2" t="inlineStr"><is><t>PLACEHOLDER</t></is></c>',
            f'<c r="B2" t="inlineStr"><is><t>{r}</t></is></c>'))
        t0 = time.perf_counter()
        table, problems = read(path)
        assert time.perf_counter() - t0 < 5
        cells = "" if table is None else " ".join(table.df.astype(str).values.ravel())
        assert "HEMMELIG" not in cells and "lollollol" not in cells
        assert table is None or errors(problems), problems


def test_sum_and_formula_rows_under_the_data_are_skipped_with_a_note(tmp_path):
    """A register kept in Excel ends with «Sum» and a row of formulas; a row of spaces is an empty row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in [HEADER, ROWS[0], ["   ", "  ", " "], ROWS[1], ROWS[2], ["Sum", None, "=COUNTA(C2:C5)"],
              [None, "=COUNTA(B2:B5)", "=COUNTA(C2:C5)"]]:
        ws.append(r)
    path = tmp_path / "sum.xlsx"
    wb.save(path)
    table, problems = read(path)
    assert table.df.values.tolist() == ROWS and table.rows == [2, 4, 5]
    assert [(p.row, p.severity) for p in problems] == [(6, "merknad"), (7, "merknad")]
    assert "«Sum»" in problems[0].message and "bare formler" in problems[1].message
    csv_path = tmp_path / "sum.csv"
    csv_path.write_text("A;B\nx;1\ny;2\n  ;  \nTotalt:;3\n", encoding="utf-8")
    table, problems = read(csv_path)
    assert table.df["A"].tolist() == ["x", "y"] and [p.row for p in problems] == [5]
    assert "«Totalt:»" in problems[0].message
    lone, _ = read(tmp_path / "sum.csv", shape=FileShape(header_row=3))  # a single row is never taken for a sum
    assert lone is not None and len(lone.df) == 1


def test_almost_utf8_is_named_by_row_and_byte_and_read_when_the_mapping_says_so(tmp_path):
    """One byte pasted from a Windows-1252 text into a UTF-8 file: never read as Windows-1252 (that garbles
    every «å» into «Ã¥»); the rejection names row and byte; fil.tegnkoding reads it with the byte replaced."""
    path = tmp_path / "nesten.csv"
    text = "Navn på sentral;Kommune\nÅsnes frivilligsentral;Åsnes\nVågå frivilligsentral;Vågå\n"
    path.write_bytes(text.encode("utf-8").replace("Vågå f".encode(), b"V\xe5g\xe5 f"))
    table, problems = read(path)
    assert table is None and len(problems) == 2 and {p.row for p in problems} == {3}
    assert "nesten UTF-8" in problems[0].message and "0xE5 (byte nr. 2 i raden)" in problems[0].message
    assert "Navn pÃ¥" not in texts(problems) and 'tegnkoding = "utf-8-erstatt"' in problems[0].fix
    table, problems = read(path, shape=FileShape(replace_bad_bytes=True))
    assert list(table.df.columns) == ["Navn på sentral", "Kommune"]
    assert table.df["Kommune"].tolist() == ["Åsnes", "Vågå"]
    assert table.df.iloc[1, 0] == "V\ufffdg\ufffd frivilligsentral"
    assert [p.severity for p in problems] == ["advarsel", "advarsel"] and problems[0].row == 3
    cp1252 = tmp_path / "ansi.csv"  # a Windows-1252 file is still read as such
    cp1252.write_bytes(text.encode("cp1252"))
    assert read(cp1252)[0].df["Kommune"].tolist() == ["Åsnes", "Vågå"]
