"""AppTest: every page runs on default filters and on other filter combinations, shows the right
key numbers, hides small groups, and ignores bad URL values with a notice."""

from __future__ import annotations

import json
from itertools import pairwise

import pytest

from dashboard.data import gateway, protection
from dashboard.data.filters import DEFAULT, Filters
from tests.support.apptest import PAGES, open_views, run_page, texts

COMBOS = {
    "default": {},
    "nordland_kommunal": {"fylke": ["18"], "eierform": ["kommunal"]},
    "alle_klasser_innlandet": {"fylke": ["34"], "klasse": ["alle"]},
    "en_kommune": {"kommune": ["4036"]},
    "nynorsk_klasse6": {"lang": ["nn"], "klasse": ["6"]},
}


@pytest.mark.parametrize("combo", sorted(COMBOS))
@pytest.mark.parametrize("page", sorted(PAGES))
def test_page_runs_without_exception(page, combo):
    at = run_page(page, COMBOS[combo])
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "page has no title"
    body = texts(at)
    assert "Kilde" in body or "Kjelde" in body, "no source line on the page"


def test_overview_key_numbers_match_the_data():
    at = run_page("oversikt")
    metrics = {m.label: m.value for m in at.metric}
    k = gateway.run("nokkeltall_kommuner", DEFAULT).df.iloc[0]
    assert metrics["Distriktskommuner"] == str(k["distriktskommuner"]) == "212"
    assert metrics["Frivilligsentraler"] == "210"
    assert metrics["Kommuner uten frivilligsentral"] == "23"
    assert metrics["Svarprosent, frivilligsentraler"] == "76\u00a0%"
    assert metrics["Svarprosent, kommuner"] == "71\u00a0%"
    body = texts(at)
    assert "Rapporten (alle distriktskommuner): 210" in body


def test_overview_follows_filters():
    at = run_page("oversikt", {"fylke": ["18"]})
    k = gateway.run("nokkeltall_kommuner", Filters(fylker=("18",), sentralitetsklasser=(5, 6))).df.iloc[0]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Distriktskommuner"] == str(k["distriktskommuner"])
    assert metrics["Frivilligsentraler"] == str(k["sentraler"])
    assert k["distriktskommuner"] < 212


def test_demo_notice_shown_when_demo_tables_feed_the_page():
    at = run_page("drivere")
    assert "DEMODATA" in texts(at)


def test_single_municipality_survey_shows_its_predefined_group(table):
    """A municipality's own answers are never shown: the survey views say which group they show."""
    r = table("respondenter")
    kommune = sorted(set(r.loc[r["respondentgruppe"] == "frivilligsentral", "kommunenummer"])
                     & set(r.loc[r["respondentgruppe"] == "kommune", "kommunenummer"]))[0]
    name = table("kommuner").set_index("kommunenummer").loc[kommune, "visningsnavn"]
    at = run_page("drivere", {"kommune": [kommune]})
    body = texts(at)
    assert "ikke for fritt valgte kommuner" in body and f"den nærmeste gruppen rundt {name} med nok svar" in body
    assert not at.exception


def test_small_group_in_a_breakdown_steps_the_figure_up(table):
    """A county where some ownership group may not be shown: its numbers are never shown there; the figure
    is drawn for the nearest wider group that shows the breakdown, and the page says so."""
    lat = protection.lattice(gateway.versions.current())
    for fylke in sorted(set(table("kommuner")["fylkesnummer"])):
        f = Filters(fylker=(fylke,), sentralitetsklasser=(5, 6))
        own = next(g for g in lat.chain(f))
        r = gateway.run("fordeling_gruppe", f, blokk="rolle", sprak="nb", inndeling="eiergruppe")
        if not lat.is_shown("frivilligsentral", (fylke, None, "andre", None)) and lat.n["frivilligsentral"].get(
                (fylke, None, "andre", None), 0) > 0:
            break
    assert r.group != own and r.group.fylke is None and not r.df["undertrykt"].all()
    shown = r.df[~r.df["undertrykt"]]
    assert {"kommunal", "lag_forening"} <= set(shown["gruppe"]) and (shown["n"] >= 5).all()
    at = run_page("eierskap", {"fylke": [fylke], "del": ["roller"]}, direct=True)  # the roles part
    assert "den nærmeste gruppen rundt " + lat_name(fylke) in texts(at)


def lat_name(fylke: str) -> str:
    from dashboard.ui.options import options

    return options("nb").fylker[fylke]


def test_bad_query_string_is_ignored_with_a_notice():
    at = run_page("oversikt", {"fylke": ["99", "18"], "klasse": ["7"], "lang": ["de"]})
    assert not at.exception
    warning = " ".join(w.value for w in at.warning)
    assert "fylke=99" in warning and "klasse=7" in warning and "lang=de" in warning
    assert at.session_state["f_fylke"] == ["18"]
    assert at.session_state["f_klasse"] == [5, 6]


def test_nynorsk():
    at = run_page("oversikt", {"lang": ["nn"]})
    assert at.title[0].value == "Frivilligsentralar i distrikts-Noreg"
    assert "Distriktskommunar" in {m.label for m in at.metric}


def test_profile_shows_the_picture_of_the_nearest_group_with_enough_answers():
    """Vinje: the nearest group of its chain (Telemark and class 6, Telemark, class 6, all) that can draw the
    profile's picture, named in the figure's title and in the line under it, as on every other page."""
    at = run_page("kommune", {"kommune": ["4036"]})
    body = texts(at)
    assert "Vinje" in body
    assert "aldri for éin" not in body and "aldri for én enkelt kommune" in body
    r = gateway.run("profil_indikatorer", Filters(kommuner=("4036",)))
    lat = protection.lattice(gateway.versions.current())
    assert r.group in lat.chain(Filters(kommuner=("4036",))) and not r.group.exact
    assert "Bildet fra spørreundersøkelsene: " + ("Telemark, " if r.group.fylke else "alle fylker, ") in body
    assert "den nærmeste gruppen rundt Vinje med nok svar" in body


def test_map_page_figure1_counts():
    at = run_page("kart", {"klasse": ["alle"]})
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Distriktskommuner med sentral"] == "189"
    assert metrics["Distriktskommuner uten sentral"] == "23"
    assert metrics["Andre kommuner med sentral"] == "144"


def test_every_figure_keeps_its_views_built_when_opened():
    """Samarbeid: each chart draws with its screen-reader text; its table, CSV/XLSX and the report's numbers
    are built only when their tab or expander is opened, and then every one of them is there."""
    from dashboard.ui.i18n import t

    at = run_page("samarbeid")
    views = [k for k in at.session_state if k.startswith("vis_")]
    numbers = [k for k in at.session_state if k.startswith("tall_")]
    charts = at.get("plotly_chart")
    assert len(views) >= 4 and len(charts) == len(views) and len(numbers) >= 3
    # no plotly mode bar: its English buttons and its camera's PNG without title or source give way to «Last ned»
    assert all(json.loads(c.proto.config).get("displayModeBar") is False for c in charts), charts[0].proto.config
    assert sum('class="sr-only"' in str(h.value) for h in at.html) == len(views), "alt text beside every chart"
    assert not at.dataframe and not at.get("download_button"), "hidden views are not sent"
    assert len(at.session_state["_page_charts"]) == len(views)

    open_views(at)
    assert not at.exception and not at.get("plotly_chart")
    assert len(at.dataframe) == len(views) + len(numbers)
    assert len(at.get("download_button")) == 2 * len(numbers)
    open_views(at, "vis.last_ned", numbers=False)
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels.count(t("eksport.csv")) == labels.count(t("eksport.xlsx")) == len(views)
    assert texts(at).count("Kilde") >= len(views), "the source line stays whatever tab is open"

    at.session_state["pres"] = True  # presentation mode has no downloads: the chart is shown instead
    at.run()
    assert not at.exception and len(at.get("plotly_chart")) == len(views) and not at.get("download_button")


def test_a_figure_link_holds_the_filters_and_opens_that_figure():
    """«Kopier lenke» under every figure: the page, its part, the filters, the language and the figure's id (its
    heading's anchor, to which the browser scrolls); the page opened from the link shows that figure under the
    same filters. On the first part under default filters the link is the bare page with the anchor."""
    from urllib.parse import parse_qs, urlsplit

    asked = {"fylke": ["18"], "eierform": ["kommunal"], "lang": ["nn"], "del": ["roller"]}
    at = run_page("eierskap", asked, direct=True)
    headings = {s.proto.anchor: s.value for s in at.subheader if s.proto.anchor}
    open_views(at, "vis.lenke", numbers=False)
    links = [urlsplit(c.value) for c in at.code]
    assert not at.exception and len(links) == len(headings) >= 3
    assert all(u.path == "/eierskap" and parse_qs(u.query) == asked for u in links), links
    assert [u.fragment for u in links] == list(headings), "each figure links to its own heading"
    said = [c.value for c in at.caption if c.value.startswith("Lenke til figuren")]
    assert len(said) == len(links) and all("(Fylke: Nordland; Eigarform: Kommunal;" in x for x in said), said

    opened = run_page("eierskap", parse_qs(links[-1].query), direct=True)
    shown = {s.proto.anchor: s.value for s in opened.subheader}
    assert shown.get(links[-1].fragment) == headings[links[-1].fragment]
    assert opened.session_state["f_fylke"] == ["18"] and opened.session_state["f_eierform"] == ["kommunal"]

    plain = open_views(run_page("samarbeid"), "vis.lenke", numbers=False)
    assert [c.value for c in plain.code] == [f"/samarbeid#{s.proto.anchor}" for s in plain.subheader
                                             if s.proto.anchor]
    # figures drawn outside Page.figure (the overview's map, Figure 1's cards under the big map) carry the id a
    # link opens and offer the link in an expander below them, not in a popover beside the heading: that kept
    # the map's canvas from drawing (test_page_renders)
    for page, key, title in (("kart", "figur1", "Figur 1"), ("oversikt", "oversikt_kart", "Kommunene")):
        at = run_page(page, {"fylke": ["18"]}, direct=True)
        assert any(s.proto.anchor == f"fig-{key}" and s.value.startswith(title) for s in at.subheader)
        [box] = [e for e in at.expander if e.label == "Kopier lenke"]
        [code] = box.code
        assert urlsplit(code.value).fragment == f"fig-{key}" and parse_qs(urlsplit(code.value).query) == {
            "fylke": ["18"]}, code.value
        assert "(Fylke: Nordland;" in box.caption[0].value
        at.session_state["pres"] = True  # presentation mode shows no link
        assert not at.run().exception and not at.code and not [e for e in at.expander if e.label == "Kopier lenke"]


@pytest.mark.parametrize("page,params", [("eierskap", {"del": ["roller"]}), ("betydning", {"del": ["politikk"]})])
def test_nynorsk_report_number_tables_describe_in_nynorsk(page, params):
    """On a nynorsk page every «Utsegn» and «Kategori» of the report's numbers is nynorsk (the figure's numbers,
    the chapter's numbers and Figure 2's table), and no column says it is bokmål."""
    from dashboard.ui.i18n import report_catalogue, t
    from tests.support.nynorsk import bokmal_left

    nn = report_catalogue()
    at = open_views(run_page(page, {"lang": ["nn"], **params}, direct=True), "vis.diagram", numbers=True)
    tables = [d.value for d in at.dataframe if "Utsegn" in d.value.columns]
    assert not at.exception and len(tables) >= 3
    said = [x for df in tables for x in df["Utsegn"]]
    kinds = [x for df in tables for x in df["Kategori"] if x]
    assert said and all(x in nn["sporsmal"].values() and x not in nn["sporsmal"] for x in said), said[:5]
    assert kinds and all(x in nn["kategori"].values() for x in kinds), kinds[:5]
    assert not [c for d in at.dataframe for c in d.value.columns if "bokmål" in str(c)]
    assert "bokmål" not in texts(at)
    # nothing else on the page is bokmål either, but the report's own words: «quotes» and the Sitat column
    quote = t("tabell.sitat", lang="nn")
    shown = [texts(at)] + [str(v) for d in at.dataframe for c in d.value.columns if c != quote for v in d.value[c]]
    left = {line: bokmal_left(line) for text in shown for line in text.split("\n") if bokmal_left(line)}
    assert not left, left


@pytest.mark.parametrize("name", ["samarbeid", "eierskap", "betydning"])
def test_long_pages_build_one_part_per_rerun_and_reach_every_part(name):
    """Each part runs from the URL (?del=...) and from the chooser; presentation's next steps through them."""
    from dashboard.ui import sections
    from dashboard.ui.i18n import t

    parts = sections.PARTS[name]
    seen = []
    for part in parts:
        at = run_page(name, {"del": [part]}, direct=True)
        assert not at.exception, [e.value for e in at.exception]
        assert at.session_state[sections.key(name)] == part and "Kilde" in texts(at)
        seen.append({s.value for s in at.subheader})
    assert all(seen) and all(not (a & b) - {t("rapporttall.kapitler_tittel")} for a, b in pairwise(seen))

    at = run_page(name)
    assert at.session_state[sections.key(name)] == parts[0] and "del" not in at.query_params
    at.session_state[sections.key(name)] = parts[-1]
    at.run()
    assert at.query_params["del"] in (parts[-1], [parts[-1]]) and {s.value for s in at.subheader} == seen[-1]

    at = run_page(name, {"pres": ["1"]})
    for part in parts[1:]:
        at.button(key="pres_del_neste").click().run()
        assert at.session_state[sections.key(name)] == part and not at.exception
    assert not at.get("button") or all(b.key != "pres_del_neste" for b in at.button), "last part links on"
