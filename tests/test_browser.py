"""End-to-end in headless Chromium against the real server: every page renders its charts and map
with the right numbers and no errors, filters change the view, a map click opens the municipality
profile, a shared URL reproduces the view, presentation mode and nynorsk work, and axe-core finds
no serious or critical accessibility violations. Screenshots go to output/screenshots/."""

from __future__ import annotations

import contextlib
import io
import json
import re

import pytest

from dashboard.data import gateway
from dashboard.data.filters import DEFAULT, Filters
from dashboard.ui import maps, navigation
from dashboard.ui.i18n import t
from tests.browser import AXE, BENIGN, SHOTS, poll, require, streamlit_server, wait_rendered
from tests.support import timeouts

pytestmark = pytest.mark.browser

EXPECTED = {  # url path -> (title key, text that must be on the page, minimum number of plotly charts)
    "oversikt": ("oversikt.tittel", ["212", "210", "23"], 0),
    "kart": ("kart.tittel", ["Sentralitetsklasse"], 0),
    "eierskap": ("eierskap.tittel", ["Kommunal"], 3),
    "samarbeid": ("samarbeid.tittel", ["Figur 13"], 4),
    "drivere": ("drivere.tittel", ["Økonomiske rammebetingelser"], 2),
    "betydning": ("betydning.tittel", ["Figur 20"], 2),
    "kommune": ("kommuneprofil.tittel", [], 0),
    "samskaping": ("samskaping.tittel", ["Nivå 1: Forankring og ansvarsfordeling"], 0),
    "om-dataene": ("om.tittel", ["Demodata og kalibrering"], 0),
    "tilgjengelighet": ("tilgjengelighet.tittel", ["WCAG"], 0),
}
# every page of the app, in its order (the first is served at ""); a page without expectations fails here
PAGES = {("" if i == 0 else path): EXPECTED[path] for i, path in enumerate(navigation.URL_PATHS)}
MAPS = {"": ".fs-svgmap svg", "kart": '[data-testid="stDeckGlJsonChart"] canvas'}  # how each map shows it drew


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1500, "height": 2200}, locale="nb-NO")
    pg = context.new_page()
    pg.console_errors = []
    pg.on("console", lambda m: pg.console_errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.console_errors.append(str(e)))
    yield pg
    context.close()


def visit(page, url: str) -> None:
    page.goto(url)
    wait_rendered(page)


def real_errors(page) -> list[str]:
    return [e for e in page.console_errors if not any(b in e for b in BENIGN)]


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def body(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


@pytest.mark.parametrize("path", list(PAGES), ids=lambda p: p or "oversikt")
def test_page_renders(server, page, path):
    title_key, must, charts = PAGES[path]
    visit(page, f"{server}/{path}")
    assert page.locator("h1").first.inner_text().strip() == t(title_key)
    text = body(page)
    for s in must:
        assert s in text, s
    assert page.locator('[data-testid="stException"]').count() == 0
    if charts:
        page.wait_for_function(f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}",
                               timeout=timeouts.ACTION_MS)
    if path in MAPS:
        page.locator(MAPS[path]).first.wait_for(timeout=timeouts.ACTION_MS)
    assert "Kilde" in text
    assert not real_errors(page), real_errors(page)
    shot(page, path or "oversikt")


def test_filter_change_updates_the_numbers(server, page):
    visit(page, server + "/")
    expected = gateway.run("nokkeltall_kommuner", Filters(fylker=("18",), sentralitetsklasser=(5, 6))).df.iloc[0]
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(
        has_text=t("filter.fylke")).first
    box.locator("input").click()
    page.keyboard.type("Nordland")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    wait_rendered(page)
    page.wait_for_function("() => new URL(location.href).searchParams.get('fylke') === '18'",
                           timeout=timeouts.ACTION_MS)
    metric = page.locator('[data-testid="stMetric"]').filter(has_text=t("kpi.distriktskommuner")).first
    shown = metric.locator('[data-testid="stMetricValue"]').inner_text().strip()
    assert shown == str(int(expected["distriktskommuner"]))
    assert int(expected["distriktskommuner"]) < 212
    assert not real_errors(page)


def test_sidebar_reset_click_lands_right_after_a_long_filter_choice(server, page):
    """Choose a long ownership form and click "Nullstill filtre" with the mouse while the box still has focus.

    Streamlit widens a focused multiselect's input, which put it on a second line below the long chip; the
    mouse-down on the button took focus away, the box shrank and the button moved up before mouse-up, so the
    click never landed. The button is clicked where it was before the press, as a user's mouse does."""
    visit(page, server + "/")
    form = gateway.run("filter_eierformer", sprak="nb").df.set_index("kode")["etikett"]["lag_forening"]
    sidebar = page.locator('[data-testid="stSidebar"]')
    box = sidebar.locator('[data-testid="stMultiSelect"]').filter(has_text=t("filter.eierform")).first
    box.locator("input").click()
    page.keyboard.type(form)
    page.locator('[role="option"]').filter(has_text=form).first.click()
    page.keyboard.press("Escape")  # closes the options; the focus stays in the box
    page.wait_for_function("() => new URL(location.href).searchParams.get('eierform') === 'lag_forening'",
                           timeout=timeouts.ACTION_MS)
    wait_rendered(page)
    assert box.locator("input").evaluate("e => e === document.activeElement")
    button = sidebar.get_by_role("button", name=t("filter.nullstill"))
    at = button.bounding_box()
    page.mouse.click(at["x"] + at["width"] / 2, at["y"] + at["height"] / 2)
    page.wait_for_function("() => !new URL(location.href).searchParams.has('eierform')", timeout=timeouts.ACTION_MS)
    wait_rendered(page)
    assert box.locator("[data-tag]").count() == 0 and form not in box.inner_text()
    assert not real_errors(page)


def test_shared_url_reproduces_the_view(server, page):
    visit(page, server + "/eierskap?fylke=18&eierform=kommunal")
    sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
    assert "Nordland" in sidebar and "Kommunal" in sidebar
    shared = body(page)
    visit(page, server + "/eierskap?fylke=18&eierform=kommunal")
    assert body(page) == shared
    assert page.locator('[data-testid="stAlert"]').filter(has_text="fylke=").count() == 0


def test_a_part_of_a_long_page_has_its_own_url(server, page):
    """/samarbeid?del=faser opens that part only; choosing another part puts it in the URL."""
    visit(page, server + "/samarbeid?del=faser")
    text = body(page)
    assert "Figur 14" in text and "Figur 13" not in text
    page.locator("[data-testid=stButtonGroup]").get_by_text(t("del.samarbeid.lokaler")).click()
    page.wait_for_url(re.compile(r".*del=lokaler.*"), timeout=timeouts.ACTION_MS)
    wait_rendered(page)
    page.get_by_text("Tabell 1:").first.wait_for(timeout=timeouts.ACTION_MS)
    assert "Figur 14" not in body(page) and not real_errors(page)


def test_a_copied_figure_link_opens_the_page_at_that_figure_with_the_filters(server, browser):
    """«Kopier lenke» under Figure 9 (part Roller, Nordland, nynorsk) gives an absolute link; opened in a new
    window of laptop size it shows that part with the filters, scrolled so that Figure 9's heading is in view."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="nb-NO")
    try:
        pg = context.new_page()
        visit(pg, server + "/eierskap?fylke=18&lang=nn&del=roller")
        pg.get_by_role("tab", name=t("vis.lenke", lang="nn")).nth(2).click()
        link = pg.locator('[data-testid="stCode"]').first.inner_text(timeout=timeouts.ACTION_MS).strip()
        assert link.startswith(server + "/eierskap?"), link
        require(f"axe-core ({AXE}; kjør `npm install`)", AXE.exists())
        assert not serious_violations(pg), "the open «Kopier lenke» tab"
        fresh = open_copied_link(context, link, "fig-fig9", "Figur 9",
                                 {"fylke": ["18"], "lang": ["nn"], "del": ["roller"]})
        SHOTS.mkdir(parents=True, exist_ok=True)
        pg.screenshot(path=str(SHOTS / "figurlenke_kopier.png"))
        fresh.screenshot(path=str(SHOTS / "figurlenke_opna.png"))  # the window as opened, not the whole page
    finally:
        context.close()


def test_the_maps_copied_link_opens_the_page_at_the_map_with_the_filters(server, browser):
    """The overview's map has «Kopier lenke» in an expander below it (a popover at its heading kept the map
    from drawing): the map draws, the link holds the filters and the map's id, and opened in a new window it
    shows the map, drawn, with the filters, scrolled to its heading."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="nb-NO")
    try:
        pg = context.new_page()
        visit(pg, server + "/?fylke=18")
        pg.locator(MAPS[""]).first.wait_for(timeout=timeouts.ACTION_MS)
        box = pg.locator('[data-testid="stExpander"]').filter(has_text=t("vis.lenke")).first
        box.locator("summary").click()
        link = box.locator('[data-testid="stCode"]').inner_text(timeout=timeouts.ACTION_MS).strip()
        assert link.startswith(server), link
        assert "(Fylke: Nordland;" in box.inner_text()
        require(f"axe-core ({AXE}; kjør `npm install`)", AXE.exists())
        assert not serious_violations(pg), "the open «Kopier lenke» below the map"
        fresh = open_copied_link(context, link, "fig-oversikt_kart", t("oversikt.kart_tittel"), {"fylke": ["18"]})
        drawn = fresh.locator(MAPS[""]).first
        drawn.wait_for(timeout=timeouts.ACTION_MS)
        assert drawn.bounding_box()["height"] > 100
        SHOTS.mkdir(parents=True, exist_ok=True)
        pg.screenshot(path=str(SHOTS / "kartlenke_kopier.png"), full_page=True)
        fresh.screenshot(path=str(SHOTS / "kartlenke_opnet.png"))
    finally:
        context.close()


def open_copied_link(context, link: str, anchor: str, title: str, params: dict):
    """The copied ``link`` holds exactly ``params`` and ends in ``#anchor``; opened in a new window of the
    context it shows the heading ``anchor`` (starting with ``title``) in view, scrolled there, with the
    filters in the sidebar. Returns the new window."""
    from urllib.parse import parse_qs, urlsplit

    parts = urlsplit(link)
    assert parts.fragment == anchor and parse_qs(parts.query) == params, link
    fresh = context.new_page()
    visit(fresh, link)
    heading = fresh.locator(f"#{anchor}")
    assert heading.inner_text().startswith(title)
    box, height = heading.bounding_box(), fresh.viewport_size["height"]
    assert box is not None and 0 <= box["y"] < height, (box, height)
    assert fresh.evaluate("window.scrollY") > 0 or fresh.evaluate(
        "document.querySelector('[data-testid=stMain]').scrollTop") > 0, "the page did not scroll"
    assert urlsplit(fresh.url).fragment == anchor and "Nordland" in fresh.locator(
        '[data-testid="stSidebar"]').inner_text()
    return fresh


def test_director_path_one_municipality_gets_figures_for_the_nearest_group(server, page):
    """Issue 19: a municipal director selects his own municipality (Hemsedal) and opens Samarbeid: every
    figure draws, each says which wider group it shows, and no «For få svar» box stands in for a figure."""
    for part in ("partnere", "tjenester"):
        visit(page, f"{server}/samarbeid?kommune=3326&del={part}")
        page.get_by_text("den nærmeste gruppen rundt Hemsedal").first.wait_for(timeout=timeouts.PAGE_MS)
        text = body(page)
        assert "den nærmeste gruppen rundt Hemsedal" in text
        assert "For få svar:" not in text
        charts = page.locator("[data-testid='stPlotlyChart'], [data-testid='stImage'] img, [data-testid='stHtml'] svg")
        charts.first.wait_for(timeout=timeouts.PAGE_MS)
        assert not real_errors(page)
        shot(page, f"regissor-hemsedal-samarbeid-{part}")


def test_bad_url_gives_a_notice_not_a_crash(server, page):
    visit(page, server + "/?fylke=99&klasse=7")
    text = body(page)
    assert "fylke=99" in text and "klasse=7" in text
    assert page.locator('[data-testid="stException"]').count() == 0


def test_map_click_opens_the_profile(server, page):
    visit(page, server + "/kart")
    attrs = gateway.run("kart_kommuner", DEFAULT, sprak="nb").df
    district = attrs[attrs["distriktskommune"]]
    target = district[district["kommunenummer"] == "5612"].iloc[0]  # Kautokeino, the largest: easy to hit
    kn = target["kommunenummer"]
    xs, ys = maps.centroid_xy(attrs["sentroide_lon"], attrs["sentroide_lat"])
    canvas = page.locator("#deckgl-overlay").first
    canvas.wait_for()
    boxc = canvas.bounding_box()
    view = maps.view_for(xs, ys, height_px=720)
    scale = 2 ** view.zoom
    tx, ty = maps.centroid_xy(attrs.loc[attrs["kommunenummer"] == kn, "sentroide_lon"],
                              attrs.loc[attrs["kommunenummer"] == kn, "sentroide_lat"])
    px = boxc["x"] + boxc["width"] / 2 + (float(tx[0]) - view.target[0]) * scale
    py = boxc["y"] + boxc["height"] / 2 + (float(ty[0]) - view.target[1]) * scale
    # Software rendering (no GPU) is slow: hover until the map has picked the municipality under the pointer
    # (its tooltip shows), then press like a hand (~0.15 s); try again a few times before failing.
    tip = page.locator(".deck-tooltip").filter(has_text=target["visningsnavn"])
    for _attempt in range(4):
        page.mouse.move(px, py)
        with contextlib.suppress(Exception):  # not picked in time: the click below shows whether it counts
            tip.wait_for(state="visible", timeout=timeouts.ACTION_MS)
        page.screenshot()
        page.mouse.down()
        page.wait_for_timeout(150)  # the press itself: a hand holds the button this long
        page.mouse.up()
        try:
            page.wait_for_url(re.compile(r".*/kommune.*"), timeout=timeouts.ACTION_MS)
            break
        except Exception:  # noqa: BLE001 - click not registered: move away and try again
            page.mouse.move(px + 40, py + 40)
            with contextlib.suppress(Exception):  # the pointer has left: the tooltip goes
                tip.wait_for(state="hidden", timeout=timeouts.ACTION_MS)
    page.wait_for_url(re.compile(r".*/kommune.*"), timeout=timeouts.ACTION_MS)
    wait_rendered(page)
    assert target["visningsnavn"] in body(page)
    assert f"kommune={kn}" in page.url
    shot(page, "kart-klikk-profil")


def test_presentation_mode_and_next_view(server, page):
    visit(page, server + "/drivere?pres=1")
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    size = page.evaluate("() => parseFloat(getComputedStyle("
                         "document.querySelector('[data-testid=stAppViewContainer]')).fontSize)")
    assert size >= 20
    shot(page, "presentasjon-drivere")
    page.get_by_text(t("pres.neste", side=t("nav.betydning"))).first.click()  # the one at the top
    page.wait_for_url(re.compile(r".*/betydning.*"), timeout=timeouts.ACTION_MS)
    wait_rendered(page)
    assert "pres=1" in page.url
    assert page.locator("h1").first.inner_text().strip() == t("betydning.tittel")
    assert not real_errors(page)


def test_nynorsk_in_the_browser(server, page):
    visit(page, server + "/?lang=nn")
    assert page.locator("h1").first.inner_text().strip() == t("oversikt.tittel", lang="nn")
    text = body(page)
    assert "Distriktskommunar" in text
    assert page.evaluate("() => document.documentElement.lang") in ("nn", "nn-NO", "no", "nb", "en")
    shot(page, "nynorsk-oversikt")


def test_nothing_is_fetched_from_outside(server, page):
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(server) and not r.url.startswith("data:")
            and not r.url.startswith("blob:") else None)
    visit(page, server + "/kart")
    visit(page, server + "/drivere")
    assert not outside, outside


@pytest.mark.parametrize("path", list(PAGES), ids=lambda p: p or "oversikt")
def test_axe_no_serious_or_critical_violations(server, page, path):
    require(f"axe-core ({AXE}; kjør `npm install`)", AXE.exists())
    visit(page, f"{server}/{path}")
    bad = serious_violations(page)
    assert not bad, json.dumps(bad, ensure_ascii=False, indent=1)


def serious_violations(page) -> list[dict]:
    """axe-core's serious and critical WCAG 2.1 A/AA violations on the page as it is now."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => {
        const r = await axe.run(document,
                                {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
    return [v for v in result if v["impact"] in ("serious", "critical")]


def test_keyboard_reaches_filters_and_downloads(server, page):
    """Tab through /drivere; at the first figure's tabs go right to 'Last ned' and press Enter (the downloads
    are built when opened), then tab on into them."""
    visit(page, server + "/drivere")
    seen, opened = set(), False
    for _ in range(120):
        page.keyboard.press("Tab")
        focus = page.evaluate("""() => { const e = document.activeElement;
            return [(e.closest('[data-testid]') || e).getAttribute('data-testid') + '|'
                    + (e.innerText || e.getAttribute('aria-label') || '').slice(0, 40),
                    e.getAttribute('role') || '']; }""")
        seen.add(focus[0])
        if not opened and focus[1] == "tab":  # the tab list is one stop; arrows move to 'Last ned'
            for _ in range(2):
                page.keyboard.press("ArrowRight")
            page.keyboard.press("Enter")
            page.get_by_role("button", name=t("eksport.csv")).first.wait_for(timeout=timeouts.ACTION_MS)
            opened = True
    joined = " ".join(seen)
    assert opened, "no Last ned tab reached by keyboard"
    assert "stMultiSelect" in joined or "Fylke" in joined
    assert "Last ned CSV" in joined


def test_download_states_the_filters_and_language_of_the_page(server, page):
    """/eierskap under non-default filters in nynorsk: the first CSV says those filters, in nynorsk."""
    import csv
    import io
    from pathlib import Path

    from dashboard.data import versions
    from dashboard.ui.export import filter_text

    visit(page, server + "/eierskap?fylke=18&eierform=kommunal&lang=nn")
    page.get_by_role("tab", name=t("vis.last_ned", lang="nn")).first.click()
    button = page.get_by_role("button", name=t("eksport.csv", lang="nn")).first
    with page.expect_download(timeout=timeouts.ACTION_MS) as info:
        button.click()
    text = Path(info.value.path()).read_text(encoding="utf-8-sig")
    head = [row[0] for row in csv.reader(io.StringIO(text.partition("\n\n")[0]), delimiter=";")]
    # the first figure compares the classes, so it queries every class: the file states what it queried
    expected = filter_text(Filters(fylker=("18",), eierformer=("kommunal",)), "nn")
    assert f"# {t('eksport.filtre', lang='nn')}: {expected}" in head, head
    assert "Eigarform: Kommunal" in expected and "Fylke: Nordland" in expected and "Alle klassar" in expected
    assert f"# {t('eksport.versjon', lang='nn')}: {versions.current().id}" in head
    sources = [line for line in head if line.startswith(f"# {t('eksport.kilder', lang='nn')}: ")]
    assert sources and t("kilde.demo", lang="nn") in sources[0], "the sources in nynorsk too"
    assert any(line.startswith("# Laga: ") for line in head), "the date line is in nynorsk"


def test_profile_downloads_the_municipality_brief_as_one_pdf_page(server, page):
    """/kommune?kommune=4036&lang=nn: «Last ned kommunebrief (PDF)» gives one A4 page about Vinje, in nynorsk."""
    from pathlib import Path

    from pypdf import PdfReader

    visit(page, server + "/kommune?kommune=4036&lang=nn")
    with page.expect_download(timeout=timeouts.WORK_MS) as info:
        page.get_by_role("button", name=t("kommunebrief.last_ned", lang="nn")).click()
    assert info.value.suggested_filename == "kommunebrief-vinje.pdf"
    pages = PdfReader(Path(info.value.path())).pages
    text = " ".join(pages[0].extract_text().split())
    assert len(pages) == 1 and "Kommunebrief: Vinje" in text and "DEMODATA" in text
    assert t("kommunebrief.rapport_tittel", lang="nn") in text and "laga" in text
    shoot_pdf(Path(info.value.path()), "kommunebrief-vinje-nn")
    with page.expect_download(timeout=timeouts.WORK_MS) as info:
        page.get_by_role("button", name=t("kommunebrief.last_ned_fylke", lang="nn", fylke="Telemark")).click()
    assert info.value.suggested_filename == "fylkesbrief-telemark.pdf"
    pages = PdfReader(Path(info.value.path())).pages
    assert len(pages) == 1 and "Fylkesbrief: Telemark" in " ".join(pages[0].extract_text().split())
    shoot_pdf(Path(info.value.path()), "fylkesbrief-telemark-nn")


def shoot_pdf(path, name: str) -> None:
    """The PDF's page as a picture in output/screenshots/<name>.png (poppler's pdftoppm, where installed)."""
    import shutil
    import subprocess

    if shutil.which("pdftoppm"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        subprocess.run(["pdftoppm", "-r", "110", "-png", "-singlefile", str(path), str(SHOTS / name)], check=True,
                       timeout=timeouts.CLI)


def test_printing_a_page_leaves_out_the_sidebar_and_keeps_charts_within_a4(server, page):
    """The browser's «Skriv ut» of /eierskap: A4 pages without the sidebar, each chart narrower than the paper."""
    from pypdf import PdfReader

    visit(page, server + "/eierskap")
    page.emulate_media(media="print")
    widths = page.eval_on_selector_all('[data-testid="stPlotlyChart"] .main-svg',
                                       "els => els.map(e => e.getBoundingClientRect().width)")
    assert widths and max(widths) <= 760, widths  # A4 less 12 mm margins is 186 mm, about 703 CSS pixels
    pages = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True))).pages
    text = " ".join(p.extract_text() for p in pages)
    assert t("eierskap.tittel") in text and t("filter.nullstill") not in text and t("sidebar.language") not in text
    assert [float(v) for v in pages[0].mediabox[2:]] == pytest.approx([595, 842], abs=2), "A4"


HOSTILE_VALUES = ["![x](http://example.invalid/u.png)", "[Dataene er utdatert](https://example.invalid/login)",
                  '<img src="http://example.invalid/h.png">', "<script src=//example.invalid/s.js></script>",
                  "http://example.invalid/bare www.example.invalid", ":material/home: :red[x] $x$",
                  "<iframe src=https://example.invalid/f></iframe>"]
HOSTILE_FILE = '![f](http://example.invalid/f.png) <img src="http://example.invalid/g.png"> [lenke](http://example.invalid).csv'


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    """A server whose current data version names its source files with markup (as an import could)."""
    from dashboard.data import versions

    state_dir = tmp_path_factory.mktemp("hostile")
    shipped = versions.shipped()
    manifest = json.loads(json.dumps(shipped.manifest))
    manifest["versjon"] = "import-markup"
    for name in ("sentraler", "svar", "respondenter", "diskurs"):
        manifest["tabeller"][name] |= {"demo": False, "importfil": HOSTILE_FILE}
    folder = state_dir / "import-markup"
    folder.mkdir()
    for table in shipped.path.glob("*.parquet"):
        (folder / table.name).symlink_to(table)
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    (state_dir / "CURRENT").write_text("import-markup", encoding="utf-8")
    with streamlit_server(state_dir) as (url, _proc):
        yield url


def test_no_outside_request_whatever_the_url_or_file_names_hold(hostile_server, page):
    from urllib.parse import urlencode

    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(hostile_server)
            and not r.url.startswith(("data:", "blob:")) else None)
    keys = ["fylke", "kommune", "eierform", "klasse", "lang", "pres", "ukjent"]
    for i, path in enumerate(["", "eierskap", "samarbeid", "kommune", "om-dataene"]):
        query = urlencode([(k, HOSTILE_VALUES[(i + j) % len(HOSTILE_VALUES)]) for j, k in enumerate(keys)])
        visit(page, f"{hostile_server}/{path}?{query}")
        main = page.locator('[data-testid="stMain"]')
        assert main.locator('[data-testid="stException"]').count() == 0
        linked = 'img[src*="example"], a[href*="example"], iframe[src*="example"], script[src*="example"]'
        assert main.locator(linked).count() == 0
        notice = main.locator('[data-testid="stAlert"]').filter(has_text="lenk").first.inner_text()
        assert "example.invalid" in notice, "the values are shown, as text"
        if path in ("eierskap", "samarbeid"):
            shown = main.inner_text().replace("\u2060", "")  # the word joiners that break autolinks
            assert "importert fil: ![f](http://example.invalid/f.png)" in shown
    assert not outside, outside

# -- Figure 11 at desktop widths (issue 25: at 1400 px, side by side, «44 %» and «70 %» were hidden under
# «Frivilligsentralen» and partner names were cut off) ------------------------------------------------------

# every annotation (share labels and the centre box) and every partner label of each plotly chart
BOXES = """() => [...document.querySelectorAll('.js-plotly-plot')].map(plot => {
  const box = r => { const b = r.getBoundingClientRect(); return {l: b.left, r: b.right, t: b.top, b: b.bottom}; };
  return {plot: box(plot.querySelector('.main-svg')),
          ann: [...plot.querySelectorAll('.annotation')].map(a => ({text: a.textContent, ...box(a)})),
          labels: [...plot.querySelectorAll('g.textpoint')].map(a => ({text: a.textContent, ...box(a)}))};
})"""


def _overlap(a: dict, b: dict) -> bool:
    return min(a["r"], b["r"]) > max(a["l"], b["l"]) and min(a["b"], b["b"]) > max(a["t"], b["t"])


@pytest.mark.parametrize("width", [1280, 1440, 1920])
def test_figure_11_keeps_its_labels_and_shares_visible(server, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 1000}, locale="nb-NO")
    page = context.new_page()
    try:
        page.goto(server + "/samarbeid?del=partnere")
        wait_rendered(page)
        page.wait_for_function("document.querySelectorAll('.js-plotly-plot g.textpoint').length >= 12",
                               timeout=timeouts.PAGE_MS)
        networks = [p for p in page.evaluate(BOXES) if any("%" in a["text"] for a in p["ann"])]
        assert len(networks) == 2, "both networks of Figure 11 should be drawn"
        for net in networks:
            centre = [a for a in net["ann"] if "%" not in a["text"]]
            shares = [a for a in net["ann"] if "%" in a["text"]]
            assert len(centre) == 1 and len(shares) >= 5
            covered = [s["text"] for s in shares + net["labels"] if _overlap(centre[0], s)]
            assert not covered, f"{width} px: the centre box covers {covered}"
            plot = net["plot"]
            cut = [x["text"] for x in shares + net["labels"] if x["l"] < plot["l"] - 1 or x["r"] > plot["r"] + 1]
            assert not cut, f"{width} px: labels leave the plot: {cut}"
    finally:
        context.close()


def _choose(page, kommune: str) -> None:
    from playwright.sync_api import expect

    page.locator('[data-testid="stSelectbox"]').first.click()
    page.keyboard.type(kommune)
    page.keyboard.press("Enter")
    wait_rendered(page)
    expect(page.locator('[data-testid="stSelectbox"] input').first).to_have_value(kommune)


def _checklist(page, kommune: str, status: str, note: str) -> None:
    """Open ``kommune``'s checklist, set the first question's status and write its note (sent on leaving the box)."""
    from playwright.sync_api import expect

    _choose(page, kommune)
    page.locator("[data-testid=stRadio]").first.get_by_text(t(f"samskaping.{status}"), exact=True).click()
    wait_rendered(page)
    page.locator("textarea").first.fill(note)
    page.locator("h1").click()  # leaving the box sends the note
    wait_rendered(page)
    expect(page.locator("#sk-keep")).to_have_attribute("data-kept", "begge")


def _expect_checklist(page, kommune: str, status: str, note: str) -> None:
    from playwright.sync_api import expect

    expect(page.locator('[data-testid="stSelectbox"] input').first).to_have_value(kommune, timeout=timeouts.ACTION_MS)
    expect(page.locator("textarea").first).to_have_value(note, timeout=timeouts.ACTION_MS)
    radio = page.locator("[data-testid=stRadio]").first.get_by_role("radio", name=t(f"samskaping.{status}"), exact=True)
    expect(radio).to_be_checked()


def test_the_checklist_survives_a_refresh_a_new_browser_and_the_link(server, browser, page):
    """Two municipalities' checklists in one workshop; F5 keeps both; a new browser with the same storage
    (a restart) and a browser with only the link open them again; the server keeps nothing between them."""
    from playwright.sync_api import expect

    visit(page, server + "/samskaping")
    expect(page.locator("#sk-keep")).to_have_attribute("data-kept", "tom")
    _checklist(page, "Bodø", "status_avklart", "Fast møte hver måned – Åse følger opp")
    _checklist(page, "Vinje", "status_delvis", "Avtalen revideres i mars")
    assert "Bodø" in page.locator('[data-testid="stCaptionContainer"]').filter(
        has_text=t("samskaping.andre_kommuner", kommuner="")[:20]).first.inner_text()
    shot(page, "samskaping-lagret")
    page.reload()
    wait_rendered(page)
    _expect_checklist(page, "Vinje", "status_delvis", "Avtalen revideres i mars")
    link = page.url
    assert "sk=" in link
    restarted = browser.new_context(storage_state=page.context.storage_state(),
                                    viewport={"width": 1500, "height": 1400})
    again = restarted.new_page()
    again.goto(server + "/samskaping")  # no link: the browser's storage brings the workshop back
    wait_rendered(again)
    _expect_checklist(again, "Vinje", "status_delvis", "Avtalen revideres i mars")
    _choose(again, "Bodø")  # switching back: Bodø's checklist is as it was left
    _expect_checklist(again, "Bodø", "status_avklart", "Fast møte hver måned – Åse følger opp")
    restarted.close()
    elsewhere = browser.new_context(viewport={"width": 1500, "height": 1400})  # another machine: only the link
    other = elsewhere.new_page()
    other.goto(link)
    wait_rendered(other)
    _expect_checklist(other, "Vinje", "status_delvis", "Avtalen revideres i mars")
    elsewhere.close()
    assert not real_errors(page)


def test_leaving_while_a_note_is_being_typed_asks_first(server, page):
    visit(page, server + "/samskaping")
    page.locator("textarea").first.click()
    page.keyboard.type("Ikke sendt ennå")
    asked = []
    page.on("dialog", lambda d: (asked.append(d.type), d.dismiss()))
    page.close(run_before_unload=True)
    poll(page, lambda: asked)
    assert asked == ["beforeunload"]


FIGURE_FITS = """() => { const chart = document.querySelector('[data-testid="stPlotlyChart"]');
  const heads = [...document.querySelectorAll('[data-testid="stMain"] h3')]
    .filter(h => h.compareDocumentPosition(chart) & Node.DOCUMENT_POSITION_FOLLOWING);
  const title = heads[heads.length - 1], bar = document.querySelector('.st-key-pres_bar');
  const sticky = bar && getComputedStyle(bar).position === 'sticky' ? bar.getBoundingClientRect().height : 0;
  title.scrollIntoView();
  document.querySelector('[data-testid="stMain"]').scrollBy(0, -sticky - 4);
  const top = title.getBoundingClientRect().top, bottom = chart.getBoundingClientRect().bottom;
  return {top, bottom, sticky, height: innerHeight}; }"""


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_presentation_mode_fits_a_projector(server, browser, size):
    """A figure and its title fit the screen, the bar on top holds previous/next, where we are and a compact
    demo mark (no banner), and stays on screen where there is room."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, locale="nb-NO")
    page = context.new_page()
    for path in ("samarbeid?pres=1&del=faser", "betydning?pres=1", "eierskap?pres=1"):
        visit(page, f"{server}/{path}")
        page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=timeouts.ACTION_MS)
        bar = page.locator(".st-key-pres_bar")
        assert bar.locator(".fs-demo-mark").is_visible() and page.locator("div.fs-demo").count() == 0
        assert t("pres.neste", side="").strip() in bar.locator(".st-key-pres_topp_neste").inner_text()
        fit = page.evaluate(FIGURE_FITS)
        assert fit["top"] >= fit["sticky"] - 1 and fit["bottom"] <= fit["height"], (path, fit)
        assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")
        if path.startswith("samarbeid"):
            assert t("pres.posisjon", nr=4, antall=10, side=t("nav.samarbeid")) in bar.inner_text()
            assert t("del.samarbeid.faser") in bar.inner_text()
            page.screenshot(path=str(SHOTS / f"presentasjon-{size[0]}x{size[1]}.png"))
    context.close()


def test_presentation_mode_follows_the_keyboard_and_a_clicker(server, page):
    """Arrow keys and PageDown/PageUp (what a presenter's clicker sends) step through parts and pages; Esc leaves."""
    visit(page, server + "/samarbeid?pres=1")
    page.keyboard.press("ArrowRight")
    page.wait_for_url(re.compile(r".*del=faser.*"), timeout=timeouts.ACTION_MS)
    wait_rendered(page)
    page.keyboard.press("PageDown")
    page.wait_for_url(re.compile(r".*del=tjenester.*"), timeout=timeouts.ACTION_MS)
    wait_rendered(page)
    page.keyboard.press("PageUp")
    page.wait_for_url(re.compile(r".*del=faser.*"), timeout=timeouts.ACTION_MS)
    wait_rendered(page)
    visit(page, server + "/drivere?pres=1")
    page.keyboard.press("ArrowLeft")  # the first view of Drivere: back to the previous page's last part
    page.wait_for_url(re.compile(r".*/samarbeid.*"), timeout=timeouts.ACTION_MS)
    wait_rendered(page)
    assert "pres=1" in page.url and page.locator("h1").first.inner_text().strip() == t("samarbeid.tittel")
    page.keyboard.press("Escape")
    page.wait_for_function("() => !new URL(location.href).searchParams.has('pres')", timeout=timeouts.ACTION_MS)
    wait_rendered(page)
    assert page.locator('[data-testid="stSidebar"]').is_visible()
    assert not real_errors(page)
