"""Say exactly what the report says: approximate numbers stay words, every key-finding card cites the line
that holds its number, demo data never contradicts the report's text, demo values about a named municipality
carry their own mark, and every number of the report has a place in the UI (issue 12)."""

from __future__ import annotations

import base64
import json
import re

import pandas as pd
import pytest

from dashboard.data import calibration
from dashboard.data.calibration import Tables, checks
from dashboard.panels import common, oversikt, rapporttall
from dashboard.paths import ROOT
from dashboard.pipeline import demo
from dashboard.pipeline.report import report_lines
from dashboard.ui import charts, fmt, sections
from dashboard.ui.i18n import catalogue, t
from dashboard.ui.view import View
from tests.support.apptest import frames, run_page, texts

LINES = report_lines()
REPORT_TEXT = " ".join(" ".join(LINES).split())


def page(name: str, params: dict | None = None):
    """A page run in AppTest that must not raise."""
    at = run_page(name, params)
    assert not at.exception, [e.value for e in at.exception]
    return at


def whole(name: str) -> tuple[str, list[pd.DataFrame]]:
    """The text and every table of a page over all its parts (a long page builds one part per rerun)."""
    body, tables = [], []
    for part in sections.PARTS.get(name, (None,)):
        at = run_page(name, {"del": [part]} if part else None, direct=part is not None)
        assert not at.exception, [e.value for e in at.exception]
        body.append(texts(at))
        tables += frames(at)
    return "\n".join(body), tables


def _norm(s: str) -> str:
    return " ".join(str(s).replace("\u00a0", " ").replace("–", "-").split()).lower()


@pytest.fixture(scope="module")
def numbers(table):
    return table("rapporttall")


# -- approximate numbers render in the report's words ------------------------------------------------

def _approximate_rows():
    import csv
    with open(ROOT / "data" / "raw" / "rapport" / "rapporttall.csv", encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh) if r["presisjon"] != "eksakt"]


@pytest.mark.parametrize("row", _approximate_rows(), ids=lambda r: r["id"])
@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_approximate_row_renders_in_the_reports_words(row, lang):
    v, unit, quote = float(row["verdi"]), row["enhet"], row["sitat"]
    shown = fmt.reported(v, unit, row["presisjon"], quote, lang)
    assert shown != fmt.value(v, unit, lang), f"{row['id']}: shown as a precise number ({shown})"
    assert not re.search(r"\d,\d", shown) or re.search(r"\d,\d", quote), f"{row['id']}: invented decimals in {shown}"
    words = re.sub(r" (%|prosentpoeng|år)$", "", _norm(shown))
    line = int(row["linje"])
    around = _norm(" ".join(LINES[line - 1:line + 2])).replace("- ", "-")  # a phrase may run over a line break
    assert words.startswith("ca. ") or words in _norm(quote) or words in around, (
        f"{row['id']}: «{shown}» is not the report's wording «{quote}»")


def test_exact_rows_render_as_their_number(numbers):
    exact = numbers[numbers["presisjon"] == "eksakt"]
    for r in exact.itertuples():
        assert fmt.reported(r.verdi, r.enhet, r.presisjon, r.sitat) == fmt.value(r.verdi, r.enhet)


def test_the_published_value_of_an_approximate_check_is_words():
    p = common.Published(33.3, "prosent", "Figur 19", 3809, "rundt en tredjedel er ikke samlokaliserte", "omtrentlig")
    assert p.say() == "rundt en tredjedel"
    assert "33" not in p.text()


# -- key-finding cards -------------------------------------------------------------------------------

def _published(table, key: str) -> common.Published:
    link = table("rapportkobling").set_index("kontroll").loc[key]
    row = table("rapporttall").set_index("id").loc[link["rapporttall_id"]]
    return common.Published(link["rapport_verdi"], link["enhet"], row["referanse"], int(link["linje"]), row["sitat"],
                            row["presisjon"])


@pytest.mark.parametrize("keys,msg", oversikt.FINDINGS, ids=lambda x: x if isinstance(x, str) else ",".join(x))
def test_every_card_cites_a_report_row_whose_line_holds_its_number(table, keys, msg):
    links = table("rapportkobling").set_index("kontroll")
    numbers = table("rapporttall").set_index("id")
    values = [_published(table, k) for k in keys]
    cited = oversikt.citation(View(), values)
    for key, p in zip(keys, values):
        rid = links.loc[key, "rapporttall_id"]
        assert pd.notna(rid), f"{key}: the card cites no rapporttall row"
        row = numbers.loc[rid]
        assert int(row["linje"]) == p.line, f"{key}: cites line {p.line}, the row stands on {row['linje']}"
        number = fmt.number(p.value, 0 if float(p.value).is_integer() else 1)
        assert re.search(rf"(?<![\d,]){re.escape(number)}(?![\d,])", LINES[p.line - 1]), (
            f"{key}: line {p.line} does not hold {number}: {LINES[p.line - 1]!r}")
        assert f"linje {p.line}" in cited and (row["referanse"] is None or pd.isna(row["referanse"])
                                               or row["referanse"] in cited)


def test_welfare_card_is_worded_as_its_line(table):
    p = _published(table, "velferd_fs_kap3")
    line = LINES[p.line - 1]
    assert "frivilligsentralene" in line and "distriktskommuner" not in line
    assert "et stort flertall" in t("funn.velferd").lower() and "et stort flertall" in line.lower()
    assert p.say() == "om lag 85\u00a0%"


@pytest.fixture(scope="module")
def overview():
    return texts(page("oversikt"))


def test_cards_on_the_page(overview):
    assert "Figur 17 (linje 3632); Figur 18 (linje 3634)" in overview
    assert "om lag 85\u00a0%" in overview
    # the 22 % card carries the report's own caveats (L1208-1212, L1224-1239)
    assert "14\u00a0%" in overview and "7\u00a0%" in overview and "noe upresist" in overview


# -- demo data that points the way the report's text does ---------------------------------------------

@pytest.fixture(scope="module")
def tables(table):
    return Tables(table("kommuner"), table("sentraler"), table("respondenter"), table("svar"), table("diskurs"))


def _check(key):
    return next(c for c in checks() if c.key == key)


def test_every_stated_direction_is_a_ranking_check():
    keys = {c.key for c in checks()}
    for key in ("retning_fig7_eierskap", "retning_fig20_forskjeller", "retning_fig9_egne_i_dag",
                "retning_fig9_konkurrent_flertall", "retning_fig11_rekkefolge", "retning_fig14_utforing",
                "retning_fig16_verken", "retning_fig19_lag", "retning_fig20_sentraler_hoyere",
                "retning_fig21_kommuner_okning", "retning_fig21_sentraler_likt", "retning_fig5_rekkefolge"):
        assert key in keys
    assert all(c.enhet == "rangering" for c in checks() if c.key.startswith("retning_"))


def test_the_old_figure_20_gaps_are_refused():
    """The demo once had culture 85 - 70 = 15 above children's 14: the order check must refuse it."""
    old = {"andre": 29.6, "mangfold": 16.0, "barn": 14.4, "kultur": 15.0, "helse": 2.5}
    assert not calibration.strictly_descending(old, ["andre", "mangfold", "barn", {"kultur", "helse"}])
    new = {"andre": 29.6, "mangfold": 16.0, "barn": 14.8, "kultur": 12.2, "helse": 2.5}
    assert calibration.strictly_descending(new, ["andre", "mangfold", "barn", {"kultur", "helse"}])


def test_figure_7_by_ownership_is_refused_when_municipal_centres_do_more_in_house(tables):
    check = _check("retning_fig7_eierskap")
    assert check.metric(tables) == 1.0
    own = tables.sentraler.set_index("sentral_id")["eierform"]
    rid_group = tables.respondenter.assign(g=tables.respondenter["sentral_id"].map(own)).set_index("respondent_id")["g"]
    svar = tables.svar.copy()
    role = svar["sporsmal_id"] == "fs_rolle"
    muni = role & svar["respondent_id"].map(rid_group).eq("kommunal")
    svar.loc[muni, "svar_kode"] = "mest_egenregi"  # every municipal centre mostly in-house: the wrong way round
    flipped = Tables(tables.kommuner, tables.sentraler, tables.respondenter, svar, tables.diskurs)
    assert check.metric(flipped) == 0.0


def test_demo_generator_tilts_roles_without_changing_the_totals(table):
    svar = table("svar")
    counts = svar[svar["sporsmal_id"] == "fs_rolle"]["svar_kode"].value_counts().to_dict()
    assert counts == {k: v for k, v in demo.ROLLE.items()}


# -- named municipalities: every demo value carries its own mark ----------------------------------------

MARK = "(demodata)"


@pytest.fixture(scope="module")
def roest():
    return page("kommune", {"kommune": ["1856"]})


def test_profile_marks_every_demo_value(roest):
    shown = frames(roest)
    centres = next(f for f in shown if any("Demosentral" in str(v) for v in f.iloc[:, 0]))
    assert all(MARK in str(v) for v in centres.to_numpy().ravel()), centres
    body = texts(roest)
    assert f"Kommune 3.0 og samskaping {MARK}" in body or re.search(r"\*\*.+\(demodata\)\*\*", body)
    survey = [f for f in shown if "N" in f.columns and any(MARK in str(v) for v in f.iloc[:, 0])]
    assert survey, "the survey picture's table view has no demo mark"
    shares = [c for c in survey[0].columns if c.lower().startswith("andel")]
    assert all(MARK in str(v) or "for få" in str(v) for v in survey[0][shares[0]])
    assert "Rapportens egne tall for alle distriktskommuner" in body
    comparison = next(f for f in shown if any("%" in str(v) for v in f.iloc[:, -1]) and f.shape[1] >= 6)
    assert all(MARK in str(v) for v in comparison.iloc[:, -1])


def test_map_tooltips_mark_the_demo_register():
    attrs = pd.DataFrame({"sentraler": [2, 0], "eierformer": ["kommunal", None]})
    assert all(MARK in s for s in common.centre_text(View(), attrs, True))
    assert not any(MARK in s for s in common.centre_text(View(), attrs, False))
    assert "{sentraler_tekst}" in t("kart.tooltip") and "{sentraler_tekst}" in t("kart.tooltip_kort")
    decks = page("kart").get("deck_gl_json_chart")
    assert decks and all(MARK in d.proto.json for d in decks), "kart: the map's tooltips carry no demo mark"
    svg = [h.proto.body for h in page("oversikt").get("html") if "fs-svgmap" in h.proto.body]
    assert svg and svg[0].count("\\u003ctitle>") >= 200, "oversikt: the map has no hover titles"
    assert MARK in svg[0], "oversikt: the map's hover titles carry no demo mark"


def test_the_profile_shows_no_area(roest):
    """No official area table is at hand and the most detailed boundaries lose islands (Røst 6 km², officially
    about 11): the profile shows no area rather than a visibly wrong one (issue 25)."""
    body = texts(roest)
    assert "km²" not in body and "Areal" not in body
    assert not any(k.startswith("kommuneprofil.areal") for k in catalogue())


# -- completeness -----------------------------------------------------------------------------------

def test_every_report_number_has_a_place(numbers):
    figures = {f for p in rapporttall.PLACES.values() for f in p["figurer"]}
    chapters = {c for p in rapporttall.PLACES.values() for c in p["kapitler"]}
    placed = numbers["referanse"].isin(figures) | (numbers["referanse"].isna() & numbers["seksjon"].isin(chapters))
    left = numbers[~placed & ~numbers["id"].isin(list(rapporttall.NOT_SHOWN))]
    assert left.empty, left[["id", "referanse", "seksjon", "linje"]].to_string()
    assert all(len(why) > 15 for why in rapporttall.NOT_SHOWN.values())


def test_every_placed_figure_is_drawn_with_its_numbers():
    """Every figure and chapter a page is said to hold (rapporttall.PLACES) has its report numbers asked for when
    the page is drawn: read from the queries real page runs make, not from the panels' source."""
    from tests.support.pages import page_queries

    asked = {(path, name, value) for path, _part, name, params in page_queries() for key, value in params
             if (name, key) in (("rapporttall_figur", "referanse"), ("rapporttall_kapittel", "seksjon"))}
    for path, spec in rapporttall.PLACES.items():
        for ref in spec["figurer"]:
            assert (path, "rapporttall_figur", ref) in asked, (path, ref)
        for chapter in spec["kapitler"]:
            assert (path, "rapporttall_kapittel", chapter) in asked, (path, chapter)


def test_nine_clarifications_word_for_word():
    for level in ("niva1", "niva2", "niva3"):
        for q in ("q1", "q2", "q3"):
            text = " ".join(t(f"samskaping.{level}_{q}", lang="nb").split())
            assert text in REPORT_TEXT, f"{level}_{q}: {text}"
    assert "kan implementeres på nivå 2" in t("samskaping.niva2_q3", lang="nb")


@pytest.fixture(scope="module")
def cooperation():
    return whole("samarbeid")


def test_cooperation_page_shows_words_combinations_and_prose_numbers(cooperation):
    body, tables = cooperation
    assert "rundt en tredjedel er ikke samlokalisert" in body and "33,3" not in body
    for combo in ("ide_utforing", "plan_utforing", "bare_utforing", "ide_plan"):
        label = t("samarbeid.fasekombinasjon." + combo)
        assert any(label in str(v) for d in tables for v in d.iloc[:, 0]), label
    assert "47\u00a0%" in body and "nesten 70\u00a0%" in body and "89\u00a0%" in body and "83\u00a0%" in body
    assert "sett fra frivilligsentralen" in body and "sett fra Frivilligsentralen" not in body


def test_phase_combinations_add_up(table):
    from dashboard.data import gateway
    from dashboard.data.filters import DEFAULT
    from dashboard.panels.samarbeid import phase_totals
    df = gateway.run("faser_kombinasjoner", DEFAULT).df
    assert df["andel"].sum() == pytest.approx(100)
    data = Tables(table("kommuner"), table("sentraler"), table("respondenter"), table("svar"), table("diskurs"))
    totals = phase_totals(df).set_index("kode")["andel"]
    for kode in ("alle", "utforing", "tidlig"):
        assert totals[kode] == pytest.approx(calibration.phases(kode)(data)), kode


@pytest.fixture(scope="module")
def importance():
    return page("betydning")


def test_figure_2_in_words_and_compared_with_more_central():
    body, tables = whole("betydning")
    fig2 = next(d for d in tables if any("2020/2021" in str(v) for v in d.iloc[:, 0]))
    values = " ".join(map(str, fig2.iloc[:, 2]))
    assert "i overkant av halvparten" in values and "rundt en femtedel" in values and "50\u00a0%" not in values
    assert "En fjerdedel" in values and "25\u00a0%" not in values, values  # L1190, in the report's words (issue 25)
    assert "mer sentrale kommuner" in body and "63\u00a0%" in body


def test_figure_20_21_legend_runs_in_bar_order(importance):
    spec = json.loads(next(c.proto.spec for c in importance.get("plotly_chart")
                           if "Frivilligsentraler, i dag" in c.proto.spec))
    bars = [tr for tr in spec["data"] if tr.get("type") == "bar"]
    names = [tr["name"] for tr in bars]
    assert names == ["Frivilligsentraler, i dag", "Frivilligsentraler, fremover", "Kommuner, i dag",
                     "Kommuner, fremover"]
    assert [tr.get("legendrank") for tr in bars] == sorted(tr.get("legendrank") for tr in bars)
    assert "«i stor grad» eller «i svært stor grad»" in texts(importance)


def test_figure_9_shows_the_competitor_statement():
    body, _ = whole("eierskap")
    assert "lavere andel blant kommune-respondentene som avviser dette" in body


def test_figure_22_is_drawn_with_a_text_version():
    at = page("samskaping")
    html = " ".join(str(h.value) for h in at.html)
    drawing = re.search(r'src="data:image/svg\+xml;base64,([^"]+)" alt="" role="presentation"', html)
    assert drawing, "Figure 22's drawing is missing (or not marked decorative)"
    svg = base64.b64decode(drawing.group(1)).decode("utf-8")
    assert "<svg" in svg and "Frivilligsentralen" in svg and 'stroke-dasharray' in svg
    assert "Figur 22" in " ".join(s.value for s in at.subheader)
    assert "To eller flere aktører" in html and "stiplede" in html.lower()


def test_network_labels_sit_beside_their_nodes_and_the_centre_label_is_on_top():
    nodes = pd.DataFrame({"kode": ["c", "a", "b", "d", "e", "f", "g", "h"],
                          "etikett": ["Frivilligsentralen", "Kommunen", "Lag", "Enkelt", "Idrett",
                                      "Andre private bedrifter og næringsvirksomhet", "Nærbutikken", "Andre"]})
    links = pd.DataFrame({"kode": list("abdefgh"), "andel": [99.0] * 7, "tekst": ["99 %"] * 7})
    fig = charts.network(nodes, links, centre="c", presentation=False)
    assert any("Frivilligsentralen" in a.text for a in fig.layout.annotations), "centre label hidden"
    marker_trace = next(tr for tr in fig.data if tr.mode == "markers+text")
    positions = list(marker_trace.textposition)
    # labels go beside the nodes; at most one sits above and one below, so neighbours never run into each other
    assert positions.count("bottom center") <= 1 and positions.count("top center") <= 1, positions


def test_om_dataene_lists_what_is_left_out():
    at = page("om-dataene")
    body = texts(at)
    assert t("rapporttall.utelatt_tittel") in body
    assert (t("rapporttall.utelatt_ingen", n=270) in body) if not rapporttall.NOT_SHOWN else all(
        i in " ".join(str(v) for d in frames(at) for v in d.to_numpy().ravel()) for i in rapporttall.NOT_SHOWN)


def test_every_report_number_is_on_a_page(numbers):
    """Run every page that has a place for report numbers and find each row's quote in a table on it."""
    shown: set[str] = set()
    for name in rapporttall.PLACES:
        for d in whole(name)[1]:  # every part; expanders and table views are built when opened
            shown.update(str(v) for v in d.to_numpy().ravel())
    missing = numbers[~numbers["sitat"].isin(shown) & ~numbers["id"].isin(list(rapporttall.NOT_SHOWN))]
    assert missing.empty, missing[["id", "referanse", "seksjon", "linje", "sitat"]].to_string()


# -- second pass: words, units and attributions (issue 25) ---------------------------------------------

WORD_NUMBERS = re.compile(r"fjerdedel|femtedel|tredjedel|halvparten|to av tre|flertall", re.IGNORECASE)


def test_numbers_given_in_words_are_stored_as_approximate():
    """«En fjerdedel» (L1190) was stored as exact and shown as «25 %»."""
    import csv
    with open(ROOT / "data" / "raw" / "rapport" / "rapporttall.csv", encoding="utf-8") as fh:
        exact_words = [r["id"] for r in csv.DictReader(fh)
                       if r["presisjon"] == "eksakt" and WORD_NUMBERS.search(r["sitat"])]
    assert exact_words == []


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_values_keep_their_units_and_years_their_digits(numbers, lang):
    """«90 minutter» not «1,5»; «12 år», «2 timer», «20 kg»; «1991», never «1 991»."""
    assert fmt.value(1991, "år", lang) == "1991"
    assert fmt.value(90, "minutter", "nb") == "90\u00a0minutter" and fmt.value(2, "timer", "nn") == "2\u00a0timar"
    worded = numbers[(numbers["presisjon"] == "eksakt") & numbers["enhet"].isin(["år", "timer", "minutter", "kg",
                                                                                  "ganger", "kroner"])]
    assert len(worded) >= 10
    for r in worded.itertuples():
        shown = fmt.value(r.verdi, r.enhet, "nb").replace("\u00a0", " ")
        assert shown in LINES[r.linje - 1], f"{r.id}: «{shown}» is not how line {r.linje} says it"


def test_figure_6_caption_shows_the_footnotes_parts_and_labels_the_sums_as_computed():
    from dashboard.panels.eierskap import FIG6_PARTS
    footnote = " ".join(LINES[2266:2272])
    for lang in ("nb", "nn"):
        msg = t("eierskap.rapport_fig6", lang)
        for k, keys in FIG6_PARTS.items():
            assert all(f"{{{k}{i}}}" in msg for i in range(1, len(keys) + 1)), f"{lang}: {k}'s parts are not shown"
        assert "summert her" in msg
    checks_by_key = {c.key: c for c in checks()}
    for keys in FIG6_PARTS.values():
        for key in keys:
            assert f"{fmt.integer(checks_by_key[key].verdi)} prosent" in footnote, key


def test_classification_shares_name_their_source(table):
    """National ownership shares (13 %, 5 % ...) are not in the report: each names where it is from."""
    k = table("klassifikasjoner")
    for r in k.itertuples():
        text = r.beskrivelse if isinstance(r.beskrivelse, str) else ""
        for share in re.findall(r"(\d+) %", text):
            spans = [(int(a), int(b or a)) for a, b in re.findall(r"L(\d+)(?:-(\d+))?", text)]
            in_report = any(re.search(rf"(?<![\d,]){share}(?![\d,])", " ".join(LINES[a - 1:b])) for a, b in spans)
            assert in_report or "ikke i rapporten" in text, f"{r.kode}: {share} % has no source in «{text}»"


def test_cards_say_what_the_report_says():
    """62 % of the municipalities (L1833), not of their documents; no emphasis the report does not have;
    every quoted phrase verbatim, capital included."""
    assert t("funn.diskurs").startswith("av kommunene i målgruppen")
    assert "62 prosent av kommunene i målgruppen" in " ".join(LINES[1831:1834])
    for key in [m for _, m in oversikt.FINDINGS]:
        for lang in ("nb", "nn"):
            msg = t(key, lang)
            assert not re.search(r"\b(men bare|men berre|kun)\b", msg), f"{key} ({lang}): emphasis not in the report"
            for quoted in re.findall(r"«([^»]+)»", msg):
                assert quoted in REPORT_TEXT, f"{key} ({lang}): «{quoted}» is not verbatim in the report"


def test_quoted_line_ranges_end_where_the_sentence_ends():
    """«... en frivillighetspolitikk» (linje 1222-1224): a range must hold the whole quote and end on its last line."""
    seen = 0
    for key, entry in catalogue().items():
        for lang in ("nb", "nn"):
            for quote, a, b in re.findall(r"«([^»]{20,})»\s*\(linje (\d+)[–-](\d+)\)", entry.get(lang, "")):
                seen += 1
                a, b = int(a), int(b)
                span = _norm(" ".join(LINES[a - 1:b]))
                assert _norm(quote) in span, f"{key}: «{quote}» is not on lines {a}-{b}"
                assert _norm(quote).split()[-1] in _norm(LINES[b - 1]), f"{key}: the quote does not end on line {b}"
    assert seen >= 2


def test_the_competitor_item_belongs_to_the_figure_that_shows_it(table):
    """Shown in Figure 9 (N = 150/115), so the codebook says Figure 9, not Figure 6 (N = 116)."""
    kb = table("kodebok").set_index("sporsmal_id")
    for sid in ("k_pastand_konkurrent", "fs_pastand_konkurrent"):
        assert kb.loc[sid, "figur"] == "Figur 9"
    assert kb.loc["k_pastand_konkurrent", "n_rapport"] == 115


def test_map_table_counts_are_integers_and_an_empty_owner_cell_says_so():
    at = page("kart")
    shown = frames(at)
    tab = next(f for f in shown if t("tabell.eierformer") in f.columns)
    counts = tab[t("tabell.sentraler")].astype(str)
    assert not counts.str.contains(r"\d\.0\b").any(), counts[counts.str.contains(r"\.0")].head()
    owners = tab[t("tabell.eierformer")].astype(str).str.strip()
    assert not owners.isin([MARK, ""]).any()
    assert (owners.str.startswith(t("kart.ingen_sentral"))).any()
    decks = at.get("deck_gl_json_chart")
    assert decks and not re.search(r"Frivilligsentraler: \d+\.0", decks[0].proto.json)


def test_nynorsk_report_number_tables_describe_in_nynorsk():
    """The descriptions are nynorsk now (dashboard/ui/rapporttall_nn.toml), so the column no longer says bokmål;
    tests/test_language.py and tests/test_app.py check the texts and the pages."""
    from dashboard.ui.i18n import report_text

    assert t("tabell.utsagn", "nn") == "Utsegn" and "bokmål" not in t("tabell.utsagn", "nn")
    assert report_text("sporsmal", "Antall kommuner i landet totalt", "nn") == "Talet på kommunar i landet totalt"
