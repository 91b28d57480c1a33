"""Every export type is produced and parsed back: CSV for Norwegian Excel, XLSX, the PowerPoint of
a page (rendered with kaleido and the system Chromium), and the Word checklist of the
Samskapingsmodell page."""

from __future__ import annotations

import io
from dataclasses import replace

import pandas as pd
import pytest

from dashboard.data import gateway, protection, versions
from dashboard.data.filters import DEFAULT, Filters
from dashboard.ui import slides
from dashboard.ui.export import Export, file_name, to_csv, to_xlsx
from dashboard.ui.i18n import t
from dashboard.ui.source_lines import survey_group_text
from dashboard.ui.view import View
from tests.support import timeouts, word_pages


@pytest.fixture()
def chromium():
    """Chromium draws the charts of PowerPoint decks and briefs: without it these tests skip, and fail under
    CI=1 (as the browser tests do), so a missing browser is never a silent pass there."""
    from tests.browser import require

    require("Chromium (CI installerer den)", slides.chromium() is not None)


@pytest.fixture(scope="module")
def survey_export():
    r = gateway.run("fordeling", DEFAULT, blokk="faktor", sprak="nb")
    table = pd.DataFrame({"Faktor": r.df["element_tekst"], "Kategori": r.df["kategori"],
                          "Andel": r.df["andel"].round(1), "N": r.df["n"]})
    return Export("Figur 17: faktorer", table, [r], Filters(fylker=("18",), sentralitetsklasser=(5, 6)), "demodata",
                  "nb")


def test_csv_opens_in_norwegian_excel(survey_export):
    data = to_csv(survey_export)
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 byte order mark"
    text = data.decode("utf-8-sig")
    head, _, body = text.partition("\n\n")
    assert "DEMODATA" in head.upper() and "Fylke: Nordland" in head and versions.current().id in head
    back = pd.read_csv(io.StringIO(body), sep=";", decimal=",")
    assert list(back.columns) == ["Faktor", "Kategori", "Andel", "N"]
    assert len(back) == len(survey_export.table)
    assert back["Andel"].sum() == pytest.approx(survey_export.table["Andel"].sum())
    assert "," in body.splitlines()[1]  # decimal comma in the data rows
    assert "Økonomiske rammebetingelser" in body


def test_xlsx_round_trip(survey_export):
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(to_xlsx(survey_export)))
    ws = wb.active
    rows = list(ws.iter_rows(values_only=True))
    assert str(rows[0][1]).startswith(t("eksport.demo_tekst")[:20])
    header = next(i for i, r in enumerate(rows) if r[:4] == ("Faktor", "Kategori", "Andel", "N"))
    data = [r for r in rows[header + 1:] if r[0] is not None]
    assert len(data) == len(survey_export.table)
    assert sum(r[2] for r in data) == pytest.approx(survey_export.table["Andel"].sum())


def test_register_export_has_no_demo_notice_when_no_demo_table():
    r = gateway.run("last_ned_kommuner")
    e = Export("Kommuner", r.df.drop(columns=["geometri"], errors="ignore"), [r], None, "SSB", "nb")
    assert not e.demo
    assert "DEMODATA" not in to_csv(e).decode("utf-8-sig").split("\n\n")[0].upper()


def test_file_names_are_meaningful():
    assert file_name("Figur 17–18: Fremmende eller hemmende for samarbeidet", "csv") == \
        "figur-17-18-fremmende-eller-hemmende-for-samarbeidet.csv"


@pytest.mark.usefixtures("chromium")
def test_pptx_has_title_slide_and_one_slide_per_chart():
    from pptx import Presentation

    from dashboard.ui import charts

    r = gateway.run("fordeling", DEFAULT, blokk="faktor", sprak="nb")
    df = r.df[r.df["respondentgruppe"] == "frivilligsentral"]
    figs = []
    for code in ("svaert_fremmende", "svaert_hemmende"):
        sub = df[df["kode"] == code]
        fig = charts.finish(charts.bars(sub, "element_tekst", "andel", presentation=False), presentation=False)
        figs.append(slides.Chart(f"Andel {code}", fig,
                                 "Kilde: demodata", "N = 140", True))
    data = slides.build("Drivere og barrierer", "Fylke: alle", versions.current().id, "demodata", figs, lang="nb")
    prs = Presentation(io.BytesIO(data))
    assert len(prs.slides) == 1 + len(figs)
    texts = [" ".join(sh.text_frame.text for sh in s.shapes if sh.has_text_frame) for s in prs.slides]
    assert "Drivere og barrierer" in texts[0] and versions.current().id in texts[0]
    assert all("DEMODATA" in x for x in texts), "DEMODATA on every slide"
    assert "Andel svaert_fremmende" in texts[1] and "N = 140" in texts[1] and "Kilde: demodata" in texts[1]
    pictures = [sh for sh in prs.slides[1].shapes if sh.shape_type == 13]
    assert len(pictures) == 1 and pictures[0].image.size[0] >= 1600


def test_pptx_without_chromium_says_so(monkeypatch):
    monkeypatch.setattr(slides, "chromium", lambda: None)
    import plotly.graph_objects as go

    with pytest.raises(slides.ChromiumMissing, match="Chromium"):
        slides.render_png(go.Figure(), "nb")


def test_a_renderer_whose_page_was_not_ready_is_started_afresh_once(monkeypatch):
    """kaleido's first image on a loaded machine can fail with «kaleido_scopes is not defined» (its page not
    loaded yet): the renderer is restarted and the image drawn again; any other error is raised as it is."""
    import kaleido
    import plotly.graph_objects as go
    import plotly.io as pio

    calls = []
    monkeypatch.setattr(slides, "chromium", lambda: "/usr/bin/chromium")
    monkeypatch.setattr(slides, "_server", [])
    monkeypatch.setattr(kaleido, "start_sync_server", lambda **k: calls.append("start"))
    monkeypatch.setattr(kaleido, "stop_sync_server", lambda **k: calls.append("stop"))
    answers = [RuntimeError("ReferenceError: kaleido_scopes is not defined"), b"png"]

    def to_image(*a, **k):
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer
    monkeypatch.setattr(pio, "to_image", to_image)
    assert slides.render_png(go.Figure(), "nb") == b"png" and calls == ["start", "stop", "start"]
    answers[:] = [RuntimeError("something else")]
    with pytest.raises(RuntimeError, match="something else"):
        slides.render_png(go.Figure(), "nb")


def test_checklist_docx_round_trip():
    from docx import Document

    from dashboard.panels import samskaping

    data = {f"{lv}_{q}": ("status_delvis", f"notat {lv} {q}") for lv in samskaping.LEVELS for q in samskaping.QUESTIONS}
    data["drivere"] = "Økonomien er stram; faste møter hver måned."
    doc = Document(io.BytesIO(samskaping.document("Vinje", data, "nn")))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Samskapingsmodell – sjekkliste for Vinje" in text
    for lv in samskaping.LEVELS:
        assert t(f"samskaping.{lv}", lang="nn") in text
        for q in samskaping.QUESTIONS:
            assert t(f"samskaping.{lv}_{q}", lang="nn") in text and f"notat {lv} {q}" in text
    assert text.count("Delvis avklart") == 9
    assert "Økonomien er stram" in text and "Kjelde: rapporten" in text


@pytest.mark.usefixtures("chromium")
def test_page_presentation_button_builds_the_deck_of_that_page():
    """'Lag presentasjon' on the Drivere page: one slide per chart on the page, DEMODATA on each."""
    from pptx import Presentation
    from streamlit.testing.v1 import AppTest

    from dashboard.paths import ROOT

    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=timeouts.APPTEST_HEAVY)
    at.query_params["fylke"] = ["18"]
    at.run()
    at.switch_page("../pages/drivere.py").run()
    charts = at.session_state["_page_charts"]
    assert len(charts) >= 2
    at.button(key="pptx_drivere_lag").click().run()
    assert not at.exception
    prs = Presentation(io.BytesIO(at.session_state["pptx_drivere"]))
    assert len(prs.slides) == 1 + len(charts)
    texts = [" ".join(sh.text_frame.text for sh in s.shapes if sh.has_text_frame) for s in prs.slides]
    assert t("drivere.tittel") in texts[0] and "Fylke: Nordland" in texts[0]
    assert all("DEMODATA" in x for x in texts)
    for x, c in zip(texts[1:], charts):
        assert c["title"] in x and c["n"] in x and "Kilde:" in x


HOSTILE_CELLS = ["=HYPERLINK(\"http://example.invalid\",\"klikk\")", "=cmd|' /C calc'!A0", "+1+1", "-2+3",
                 "@SUM(A1:A9)",
                 "\t=1", "\r=1", "Demosentral Vinje 1", "-"]


@pytest.fixture()
def hostile_export():
    table = pd.DataFrame({"Navn": HOSTILE_CELLS, "Tall": [-1.5, 2, -3, 4, 5, 6, 7, 8, 9]})
    return Export("=Tittel", table, [], Filters(fylker=("18",), sentralitetsklasser=(5, 6)),
                  "importert fil: a;=cmd|' /C calc'!A0.csv", "nb")


def test_csv_neutralises_formulas_and_keeps_numbers(hostile_export):
    import csv

    text = to_csv(hostile_export).decode("utf-8-sig")
    head, _, body = text.partition("\n\n")
    rows = list(csv.reader(io.StringIO(head), delimiter=";"))
    assert all(len(r) == 1 and r[0].startswith("# ") for r in rows), "each metadata line is one cell"
    assert any("=cmd" in r[0] for r in rows)
    back = pd.read_csv(io.StringIO(body), sep=";", decimal=",", keep_default_na=False)
    for shown, original in zip(back["Navn"], HOSTILE_CELLS):
        if original[:1] in ("=", "+", "-", "@", "\t", "\r"):
            assert shown == "'" + original.replace("\r", "\n")  # a CR in a cell is written as a line break
        else:
            assert shown == original
    assert list(back["Tall"]) == [-1.5, 2, -3, 4, 5, 6, 7, 8, 9], "numbers are numbers, signs kept"


def test_xlsx_writes_text_as_text_never_as_formula(hostile_export):
    import zipfile

    from openpyxl import load_workbook

    data = to_xlsx(hostile_export)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet, "no formula in the sheet"
    ws = load_workbook(io.BytesIO(data)).active
    cells = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    for original in HOSTILE_CELLS:
        cell = cells[original]
        assert cell.data_type == "s"
        assert cell.quotePrefix == (original[:1] in ("=", "+", "-", "@", "\t", "\r"))
    assert ws["B1"].value.endswith("=Tittel") and ws["B1"].data_type == "s"
    numbers = [c.value for row in ws.iter_rows() for c in row if c.column == 2 and isinstance(c.value, (int, float))]
    assert numbers == [-1.5, 2, -3, 4, 5, 6, 7, 8, 9]


def test_export_keeps_the_version_and_language_it_was_made_with(monkeypatch, hostile_export):
    made = versions.current().id
    nn = Export("Tittel", hostile_export.table, [], Filters(fylker=("18",), eierformer=("kommunal",)), "SSB", "nn")
    monkeypatch.setattr(versions, "current", lambda: (_ for _ in ()).throw(AssertionError("read at click")))
    head = to_csv(nn).decode("utf-8-sig").partition("\n\n")[0]
    assert f"# Dataversjon: {made}" in head
    assert "# Kjelder: SSB" in head and "Eigarform: Kommunal" in head and "Fylke: Nordland" in head


def test_pptx_and_docx_carry_user_text_literally():
    """The presentation and the checklist hold text, never fields or links, and survive control characters."""
    import zipfile

    from docx import Document
    from pptx import Presentation

    from dashboard.panels import samskaping

    evil = "=HYPERLINK(\"http://example.invalid\") [x](http://example.invalid) <b>\x00\x1b"
    deck = slides.build(evil, "Fylke: =1+1", versions.current().id, "importert fil: " + evil, [], lang="nb")
    prs = Presentation(io.BytesIO(deck))
    text = " ".join(sh.text_frame.text for s in prs.slides for sh in s.shapes if sh.has_text_frame)
    assert "=HYPERLINK(\"http://example.invalid\") [x](http://example.invalid) <b>" in text
    with zipfile.ZipFile(io.BytesIO(deck)) as z:
        xml = " ".join(z.read(n).decode() for n in z.namelist() if n.startswith("ppt/slides/slide"))
    assert "hlinkClick" not in xml and "<a:fld" not in xml

    answers = {f"{lv}_{q}": ("status_delvis", evil) for lv in samskaping.LEVELS for q in samskaping.QUESTIONS}
    doc_bytes = samskaping.document("Vinje", answers | {"drivere": evil}, "nb")
    doc = Document(io.BytesIO(doc_bytes))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert body.count("=HYPERLINK(\"http://example.invalid\") [x](http://example.invalid) <b>") == 10
    with zipfile.ZipFile(io.BytesIO(doc_bytes)) as z:
        xml = z.read("word/document.xml").decode()
    assert "instrText" not in xml and "fldSimple" not in xml and "hyperlink" not in xml


def test_export_of_a_free_selection_names_the_survey_group():
    """Survey numbers for a chosen municipality describe its predefined group; the file says which."""

    f = Filters(kommuner=("1811",))
    r = gateway.run("fordeling", f, blokk="velferd", sprak="nb")
    note = survey_group_text(View(), [r])
    assert "Nordland" in note and "ikke for fritt valgte kommuner" in note
    text = to_csv(Export("Velferd", r.df[["kategori", "andel"]], [r], f, "demodata", "nb",
                         survey_group=note)).decode("utf-8-sig")
    assert "Spørreundersøkelsen" in text.partition("\n\n")[0] and "Nordland" in text.partition("\n\n")[0]
    exact = gateway.run("fordeling", Filters(fylker=("18",)), blokk="velferd", sprak="nb")
    assert survey_group_text(View(), [exact]) == ""


@pytest.mark.usefixtures("chromium")
def test_presentation_of_a_long_page_is_the_part_on_screen_and_says_so():
    """Samarbeid is drawn in parts: 'Lag presentasjon' makes the deck of the part shown, named in its title."""
    from pptx import Presentation

    from tests.support.apptest import run_page

    at = run_page("samarbeid", {"del": ["faser"]}, direct=True)
    charts = at.session_state["_page_charts"]
    assert charts and all(c["title"] in {s.value for s in at.subheader} for c in charts)
    at.button(key="pptx_samarbeid_faser_lag").click().run()
    assert not at.exception
    prs = Presentation(io.BytesIO(at.session_state["pptx_samarbeid_faser"]))
    assert len(prs.slides) == 1 + len(charts)
    first = " ".join(sh.text_frame.text for sh in prs.slides[0].shapes if sh.has_text_frame)
    assert f"{t('samarbeid.tittel')} – {t('del.samarbeid.faser')}" in first


# -- exports that need no fixing (issue 23) ---------------------------------------------------------

@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_filters_are_written_as_names_in_both_languages(lang):
    from dashboard.ui.export import filter_text

    text = filter_text(Filters(fylker=("18",), kommuner=("1804",), eierformer=("kommunal",),
                               sentralitetsklasser=(5, 6)), lang)
    assert text == (f"Fylke: Nordland; Kommune: Bodø; {t('filter.eierform', lang=lang)}: Kommunal; "
                    "Sentralitetsklasse: 5, 6")
    assert "18" not in text and "1804" not in text


def test_export_states_the_filters_its_result_was_queried_with_not_the_sessions():
    """The map's Figure 1 mode queries every class: its download says so, whatever the session's filter."""
    from dashboard.ui.figures import export_context

    r = gateway.run("kart_kommuner", Filters(fylker=("18",)), sprak="nb")
    assert r.filters == Filters(fylker=("18",))
    context = export_context([r], View())
    head = to_csv(Export("Kart", r.df[["kommunenummer"]], [r], context["filters"], context["sources"],
                         "nb")).decode("utf-8-sig").partition("\n\n")[0]
    assert "Fylke: Nordland; Sentralitetsklasse: Alle klasser" in head
    assert export_context([gateway.run("kommune_fakta", kommune="1804")], View(),
                          Filters(kommuner=("1804",)))["filters"] == Filters(kommuner=("1804",))


@pytest.fixture()
def shown_survey_table():
    """A table as the survey panels show it: shares and counts as Norwegian text, demo marks in the cells."""
    from dashboard.panels.common import count_cells, demo_marks, share_cells

    r = gateway.run("profil_indikatorer", Filters(fylker=("18",)))
    df = r.df
    view = View()
    return r, pd.DataFrame({
        "Indikator": demo_marks(view, df["indikator"], True),
        "Andel": share_cells(view, df["andel"], df["undertrykt"], demo=True),
        "Antall": count_cells(df["antall"], df["undertrykt"]),
        "N": [f"{v:,}".replace(",", "\u00a0") for v in df["n"]],
        "Kommunenummer": ["1804"] * len(df),
    })


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_xlsx_numbers_are_numbers_and_the_demo_mark_is_in_the_header(shown_survey_table, lang):
    from openpyxl import load_workbook

    r, table = shown_survey_table
    if lang == "nn":
        table = table.map(lambda v: v.replace("for få svar", t("anon.for_faa_svar", lang="nn")))
    ws = load_workbook(io.BytesIO(to_xlsx(Export("Profil", table, [r], r.filters, "demodata", lang)))).active
    rows = [list(row) for row in ws.iter_rows()]
    header = next(i for i, row in enumerate(rows) if row[0].value and str(row[0].value).startswith("Indikator"))
    names = [c.value for c in rows[header] if c.value]
    assert names[:2] == ["Indikator (demodata)", "Andel (demodata)"], "the mark moved to the header"
    data = [row for row in rows[header + 1:] if row[0].value is not None]
    assert len(data) == len(table)
    shown = r.df[~r.df["undertrykt"]]
    shares = [row[1] for row in data if isinstance(row[1].value, (int, float))]
    assert len(shares) == len(shown) > 0
    assert [c.value for c in shares] == pytest.approx([v / 100 for v in shown["andel"].round(1)])
    assert all(c.number_format == "0.0\\ %" and c.data_type == "n" for c in shares)
    assert all(isinstance(row[2].value, int) for row in data if row[2].value is not None)
    assert all(isinstance(row[3].value, int) and row[3].number_format == "#,##0" for row in data)
    assert all(row[4].value == "1804" and row[4].data_type == "s" for row in data), "codes stay text"
    cells = [str(c.value) for row in data for c in row if c.value is not None]
    assert not any("demodata" in c for c in cells), "no mark inside a cell"
    assert str(rows[0][1].value).startswith(t("eksport.demo_tekst", lang=lang)[:20])


def test_csv_keeps_decimal_comma_with_the_demo_mark_in_the_header(shown_survey_table):
    r, table = shown_survey_table
    body = to_csv(Export("Profil", table, [r], r.filters, "demodata", "nb")).decode("utf-8-sig").partition("\n\n")[2]
    back = pd.read_csv(io.StringIO(body), sep=";", dtype=str, keep_default_na=False)
    assert list(back.columns[:2]) == ["Indikator (demodata)", "Andel (demodata)"]
    assert any(v.endswith("\u00a0%") and "," in v for v in back["Andel (demodata)"])
    assert "(demodata)" not in "".join(back["Andel (demodata)"])


def test_a_column_with_some_demo_rows_gets_a_demodata_column():
    from openpyxl import load_workbook

    table = pd.DataFrame({"Navn": ["Demosentral Bodø 1 (demodata)", "Ekte sentral"], "Etablert": ["2001", "1999"]})
    ws = load_workbook(io.BytesIO(to_xlsx(Export("Sentraler", table, [], None, "", "nb")))).active
    rows = [r for r in ws.iter_rows(values_only=True) if r[0] in ("Navn", "Demosentral Bodø 1", "Ekte sentral")]
    assert rows == [("Navn", "Etablert", "Demodata"), ("Demosentral Bodø 1", "2001", "Ja"),
                    ("Ekte sentral", "1999", "Nei")]


# -- the one-page brief of a municipality and a county (issue 23) ------------------------------------

def pdf_pages(data: bytes):
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(data)).pages


def vector_only(page) -> bool:
    """No raster image on the page: the charts are drawn as vector graphics."""
    xobjects = page.get("/Resources", {}).get("/XObject", {}) or {}
    return all(x.get_object().get("/Subtype") != "/Image" for x in xobjects.values())


@pytest.mark.usefixtures("chromium")
@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_municipality_brief_is_one_a4_page_with_facts_centres_survey_group_and_report(lang):
    from dashboard.panels import kommunebrief
    from dashboard.ui import brief

    row = gateway.run("kommune_fakta", kommune="4036").df.iloc[0]
    pages = pdf_pages(brief.pdf(kommunebrief.municipality_brief(View(lang), "4036", row)))
    assert len(pages) == 1
    assert [round(float(v)) for v in pages[0].mediabox[2:]] == [595, 842], "A4 portrait"
    text = " ".join(pages[0].extract_text().split())
    assert "Kommunebrief: Vinje" in text and "Telemark" in text and "km²" not in text
    assert "DEMODATA" in text and t("eksport.demo_tekst", lang=lang)[:30] in text
    assert "Demosentral Vinje 1 (demodata)" in text, "centres with their demo mark"
    assert t("kommuneprofil.undersokelse_figur", lang=lang, niva="Telemark")[:25] in text
    assert "N = " in text and t("kommunebrief.rapport_tittel", lang=lang) in text
    assert "85 %" in text.replace("\u00a0", " "), "the report's headline numbers"
    assert versions.current().id in text and t("kommunebrief.lenke", lang=lang)[:20] in text
    assert t("kommuneprofil.serie_fylke", lang=lang, fylke="Telemark") in text, "chart legend as vector text"
    assert vector_only(pages[0])


@pytest.mark.usefixtures("chromium")
@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_county_brief_is_one_page_with_ownership_classes_and_the_county_survey_group(lang):
    from dashboard.panels import kommunebrief
    from dashboard.ui import brief

    pages = pdf_pages(brief.pdf(kommunebrief.county_brief(View(lang), "18", "Nordland")))
    assert len(pages) == 1
    text = " ".join(pages[0].extract_text().split()).replace("\u00a0", " ")
    key = gateway.run("nokkeltall_kommuner", Filters(fylker=("18",))).df.iloc[0]
    assert "Fylkesbrief: Nordland" in text and f"{key['kommuner']} av {key['kommuner']}" not in text
    assert f"{key['kommuner_med_sentral']} av {key['kommuner']} (demodata)" in text
    assert "243 081" in text and t("kommunebrief.klassetabell_tittel", lang=lang) in text
    assert "Kommunal (demodata)" in text and "Gruppe: Nordland" in text
    assert vector_only(pages[0])


@pytest.mark.usefixtures("chromium")
def test_brief_of_a_municipality_with_many_centres_still_fits_one_page():
    from dashboard.panels import kommunebrief
    from dashboard.ui import brief

    row = gateway.run("kommune_fakta", kommune="0301").df.iloc[0]
    n = len(gateway.run("sentraler_kommune", kommune="0301", sprak="nb").df)
    assert n > kommunebrief.MAX_CENTRES
    pages = pdf_pages(brief.pdf(kommunebrief.municipality_brief(View(), "0301", row)))
    text = " ".join(pages[0].extract_text().split())
    assert len(pages) == 1 and f"{n - kommunebrief.MAX_CENTRES} sentraler til" in text
    assert t("kommuneprofil.ikke_i_undersokelsen") in text, "no survey picture outside the district municipalities"
    from docx import Document

    from dashboard.ui import brief_word

    word = Document(io.BytesIO(brief_word.docx(kommunebrief.municipality_brief(View(), "0301", row))))
    assert len(word.tables[1].rows) == kommunebrief.MAX_CENTRES + 1 and word_pages.pages(word) == 1


def tiny_png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 3), "white").save(out, format="PNG")
    return out.getvalue()


def docx_text(data: bytes) -> tuple[str, object]:
    """Every paragraph of a .docx, in tables (nested too) and out, as one text in document order, and the
    document."""
    from docx import Document
    from docx.text.paragraph import Paragraph

    doc = Document(io.BytesIO(data))
    paragraphs = [Paragraph(p, doc).text for p in doc.element.body.xpath(".//w:p")]
    return " ".join(" ".join(paragraphs).split()).replace("\u00a0", " "), doc


@pytest.mark.usefixtures("chromium")
@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_the_briefs_as_word_documents_say_what_the_pdf_says(lang):
    """«Kommunebrief (Word)» and the county's: A4, the same heading, facts, demo marks, survey group, report numbers
    and footer as the PDF, in the page's language, each chart a picture; read back with python-docx."""
    from docx.shared import Cm

    from dashboard.panels import kommunebrief
    from dashboard.ui import brief_word

    view = View(lang)
    row = gateway.run("kommune_fakta", kommune="4036").df.iloc[0]
    made = kommunebrief.municipality_brief(view, "4036", row)
    text, doc = docx_text(brief_word.docx(made))
    assert abs(doc.sections[0].page_width - Cm(21)) < Cm(0.1) and abs(doc.sections[0].page_height - Cm(29.7)) < Cm(0.1)
    assert doc.core_properties.title == "Kommunebrief: Vinje" and text.startswith("Kommunebrief: Vinje")
    assert "DEMODATA" in text and t("eksport.demo_tekst", lang=lang)[:30] in text
    assert "Demosentral Vinje 1 (demodata)" in text and "Telemark" in text and "km²" not in text
    assert t("kommuneprofil.undersokelse_figur", lang=lang, niva="Telemark")[:25] in text and "N = " in text
    assert "85 %" in text and versions.current().id in text and t("kommunebrief.lenke", lang=lang)[:20] in text
    assert all(line.replace("\u00a0", " ") in text for line in made.side)
    assert len(doc.inline_shapes) == len(made.charts) >= 2, "each chart as a picture"
    assert word_pages.pages(doc) == 1, word_pages.content_height(doc)

    county = kommunebrief.county_brief(view, "18", "Nordland")
    text, doc = docx_text(brief_word.docx(county))
    assert text.startswith("Fylkesbrief: Nordland") and "Gruppe: Nordland" in text
    assert t("kommuneprofil.tab.kommunale", lang=lang) in text and "243 081" in text
    assert t("kommunebrief.klassetabell_tittel", lang=lang) in text and len(doc.inline_shapes) == len(county.charts)
    assert word_pages.pages(doc) == 1, word_pages.content_height(doc)


def test_word_page_estimate_counts_what_runs_past_a_page():
    """The estimate behind the Word brief's one page (tests/support/word_pages.py) is no constant: text wraps
    at the page's width, a picture counts at its size, and more than a page of content counts as two."""
    from docx import Document
    from docx.shared import Cm, Pt

    doc = Document()
    doc.styles["Normal"].paragraph_format.space_after, doc.styles["Normal"].font.size = Pt(0), Pt(10)
    doc.add_paragraph("ord " * 40)
    height, room = word_pages.content_height(doc)
    assert 2 * 10 * word_pages.EM <= height <= 4 * 10 * word_pages.EM * 1.15, height  # 160 characters: 2-4 lines
    doc.add_paragraph().add_run().add_picture(io.BytesIO(tiny_png()), height=Cm(12))
    assert word_pages.pages(doc) == 1
    doc.add_paragraph().add_run().add_picture(io.BytesIO(tiny_png()), height=Cm(12))
    assert word_pages.pages(doc) == 2 and word_pages.content_height(doc)[0] > Cm(24).pt


# -- every chart as an image that stands alone (issue 23) ---------------------------------------------

def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


@pytest.mark.usefixtures("chromium")
@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_chart_image_carries_title_selection_n_source_and_demo_mark(lang):
    import base64
    import re

    from dashboard.panels.survey import share_figure
    from dashboard.ui import chart_image
    from dashboard.ui.export import filter_text

    view = View(lang)
    f = Filters(kommuner=("1811",), sentralitetsklasser=(5, 6))
    r = gateway.run("profil_indikatorer", f)
    df = r.df.assign(rad=r.df["indikator"].map(lambda i: view.t("kommuneprofil.ind." + i)))
    _, _, fig = share_figure(view, df, label="rad", group="respondentgruppe", demo=True)
    spec = dict(title="Bildet fra undersøkelsene", selection=filter_text(r.filters, lang) + " · "
                + survey_group_text(view, [r]), footer="Kilde: demodata · N = 20", demo=True, lang=lang)
    assert png_size(chart_image.image(fig, **spec)) == (1600, 900)
    assert png_size(chart_image.image(fig, size="kvadrat", **spec)) == (1080, 1080)
    svg = chart_image.image(fig, fmt="svg", **spec).decode()
    words = " ".join(re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S))
    assert "Bildet fra undersøkelsene" in words and "Kommune: Bindal" in words and "Nordland" in words
    assert "N = 20" in words and "DEMODATA" in words
    inner = base64.b64decode(re.search(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", svg).group(1)).decode()
    assert view.t("kommuneprofil.ind.velferd") in inner and "<image" not in inner, "the chart itself as vectors"
    assert fig.layout.title.text in (None, ""), "the figure on screen is not changed"


def test_chart_file_names_say_the_figure_and_the_selection():
    from dashboard.ui.export import selection_name

    name = selection_name(Filters(fylker=("18",), eierformer=("kommunal",)), "nb")
    assert file_name("Figur 17: faktorer", "png", name) == "figur-17-faktorer-nordland-kommunal.png"
    assert file_name("Figur 17: faktorer", "svg", selection_name(None, "nb")) == "figur-17-faktorer.svg"


@pytest.mark.usefixtures("chromium")
def test_profile_offers_the_briefs_and_every_figure_as_png_and_svg():
    from tests.support.apptest import open_views, run_page

    at = open_views(run_page("kommune", {"kommune": ["1811"]}), "vis.last_ned")
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert t("kommunebrief.last_ned") in labels and t("kommunebrief.last_ned_fylke", fylke="Nordland") in labels
    assert t("kommunebrief.last_ned_word") in labels
    assert t("kommunebrief.last_ned_fylke_word", fylke="Nordland") in labels
    figures = len(at.session_state["_page_charts"])
    assert figures >= 2
    for key in ("eksport.png", "eksport.png_kvadrat", "eksport.svg"):
        assert labels.count(t(key)) == figures, key


@pytest.mark.usefixtures("chromium")
@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_profile_deck_is_titled_with_the_municipality_with_key_figures_and_centres(lang):
    """'Lag presentasjon' on Vinje's profile: the title names Vinje and the filter in words; the key figures and
    the centres (with their demo marks) are slides of their own, before one slide per chart."""
    from pptx import Presentation

    from tests.support.apptest import run_page

    at = run_page("kommune", {"kommune": ["4036"], "lang": [lang]})
    charts = at.session_state["_page_charts"]
    at.button(key="pptx_kommune_lag").click().run()
    assert not at.exception
    prs = Presentation(io.BytesIO(at.session_state["pptx_kommune"]))
    texts = [" ".join(sh.text_frame.text for sh in s.shapes if sh.has_text_frame) for s in prs.slides]
    cells = [" | ".join(c.text for sh in s.shapes if sh.has_table for row in sh.table.rows for c in row.cells)
             for s in prs.slides]
    assert len(prs.slides) == 3 + len(charts)
    assert t("kommuneprofil.deck_tittel", lang=lang, navn="Vinje") in texts[0] and "Kommune: Vinje" in texts[0]
    assert "4036" not in texts[0]
    assert t("kommuneprofil.nokkeltall", lang=lang, navn="Vinje") in texts[1]
    assert "Telemark" in cells[1] and "km²" not in cells[1]
    assert t("kommuneprofil.sentraler_tittel", lang=lang) in texts[2]
    assert "Demosentral Vinje 1 (demodata)" in cells[2] and "DEMODATA" in texts[2]
    assert "DEMODATA" in texts[0] and "DEMODATA" not in texts[1], "the key figures are SSB's and Kartverket's"
    assert all(("DEMODATA" in x) == c["demo"] for x, c in zip(texts[3:], charts))


def test_a_line_over_figures_shown_through_different_groups_names_every_group_narrowest_first():
    """Hemsedal's front page: one figure steps up to Buskerud, another to class 5 in all counties; the source
    line names both, in the same order in every process (it once named one of them, chosen by hash order)."""
    f = Filters(kommuner=("3326",), sentralitetsklasser=(5, 6))
    lat = protection.lattice(gateway.versions.current())
    county, klasse = lat.chain(f)[1], lat.chain(f)[2]
    results = [replace(gateway.run("nokkeltall_svar", f), group=g) for g in (klasse, county)]
    note = survey_group_text(View(), results)
    assert note.index("Buskerud") < note.index("sentralitetsklasse 5") and note.count(";") == 1
    assert survey_group_text(View(), list(reversed(results))) == note
