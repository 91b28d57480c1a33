"""The map's deck JSON: the tooltip and a click still find their fields, the colours and outlines are as asked,
and nothing the browser does not use is sent with every polygon part (issue 13: ~0,8 MB per rerun)."""

from __future__ import annotations

import json
import re

import pytest

from dashboard.data import gateway, versions
from dashboard.data.filters import DEFAULT
from dashboard.ui import maps
from dashboard.ui.i18n import t

FIELDS = ["kommunenummer", "visningsnavn", "fylkesnavn", "sentralitetsklasse", "sentralitetsindeks", "sentraler",
          "sentroide_lon", "sentroide_lat", "distriktskommune", "eierformer"]


@pytest.fixture(scope="module")
def attrs():
    df = gateway.run("kart_kommuner", DEFAULT, sprak="nb").df
    return df.assign(klasse_tekst="klasse", befolkning_tekst="1", sentraler_tekst="2 sentraler")


def layers(deck) -> dict[str, list[dict]]:
    return {layer["id"]: layer["data"] for layer in json.loads(deck.to_json())["layers"]}


@pytest.mark.parametrize("tooltip", ["kart.tooltip", "kart.tooltip_kort"])
def test_tooltip_and_click_fields_are_on_the_picked_layer_and_nothing_else(attrs, tooltip):
    html = t(tooltip, "nb")
    deck = maps.municipality_map(attrs, fill={}, tooltip_html=html)
    picked = layers(deck)["kommuner"]
    wanted = {"polygon", *maps.PICK_FIELDS, *re.findall(r"\{(\w+)\}", html)}
    assert {frozenset(row) for row in picked} == {frozenset(wanted)}
    assert {row["kommunenummer"] for row in picked} == set(attrs["kommunenummer"])
    assert "sentroide_lon" not in json.dumps(picked)


def test_drawn_layer_keeps_colours_and_outlines_and_only_those(attrs):
    marked, coloured = attrs["kommunenummer"].iloc[0], attrs["kommunenummer"].iloc[1]
    deck = maps.municipality_map(attrs, fill={coloured: [1, 2, 3, 255]}, tooltip_html=t("kart.tooltip", "nb"),
                                 outlined={marked})
    drawn = layers(deck)["kommuneflater"]
    assert {frozenset(row) for row in drawn} == {frozenset({"polygon", "fill", "lc", "lw"})}
    polys = maps.municipality_polygons(versions.current().id)
    assert len(drawn) == len(polys[polys["kommunenummer"].isin(attrs["kommunenummer"])])
    parts = polys["kommunenummer"].tolist()
    by_kn = {kn: [row for k, row in zip(parts, drawn) if k == kn] for kn in (marked, coloured)}
    assert all(row["fill"] == [1, 2, 3, 255] for row in by_kn[coloured])
    assert all(row["lc"] == maps.OUTLINE and row["lw"] == 1.6 for row in by_kn[marked])
    others = [row for k, row in zip(parts, drawn) if k not in (marked, coloured)]
    assert all(row["fill"] == maps.FADED and row["lc"] == maps.WHITE for row in others)
    assert all(set(row) == {"path"} for row in layers(deck)["fylker"])


def test_the_map_of_all_municipalities_is_well_under_the_old_size(attrs):
    deck = maps.municipality_map(attrs[FIELDS + ["klasse_tekst", "befolkning_tekst", "sentraler_tekst"]],
                                 fill={}, tooltip_html=t("kart.tooltip", "nb"))
    assert len(deck.to_json()) < 500_000  # 765 kB before issue 13 (attributes sent with every part, twice)


# -- the overview's map, drawn on the server as SVG (issue 26) ----------------------------------------------------

def test_the_svg_map_colours_and_titles_every_municipality_and_fits_the_focus(attrs):
    import html as html_lib

    from dashboard.ui import svg_map

    fill = {"1804": maps.hex_rgb("#009E73"), "1871": maps.hex_rgb("#E69F00")}
    tip = "<b>{visningsnavn}</b><br/>{fylkesnavn} & {sentraler_tekst}"
    whole = svg_map.svg(attrs, fill, tip, list(attrs["kommunenummer"]))
    shapes = re.findall(r'<path class="k" d="[^"]+" fill="(#[0-9a-f]{6})"><title>([^<]*)</title></path>', whole)
    assert len(shapes) == len(attrs), "one shape per municipality"
    by_name = {html_lib.unescape(title).split("\n")[0]: colour for colour, title in shapes}
    name = dict(zip(attrs["kommunenummer"], attrs["visningsnavn"]))
    assert by_name[name["1804"]] == "#009e73" and by_name[name["1871"]] == "#e69f00"
    assert by_name[name["0301"]] == maps.rgb_hex(maps.FADED), "not in the fill: faded"
    bodo = next(title for _, title in shapes if title.startswith(html_lib.escape(name["1804"])))
    assert html_lib.unescape(bodo) == f"{name['1804']}\nNordland & 2 sentraler", "the template as plain text lines"

    def width(svg: str) -> float:
        return float(re.search(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ', svg).group(1))

    one = svg_map.svg(attrs, fill, tip, ["1871"])
    assert width(one) < width(whole) / 10, "fitted to the one municipality in focus"
    page = svg_map.element("test", attrs, fill, tip, ["1871"], height=300, alt="Kart «x»")
    script = page[page.index("<script>") + 8:page.index("</script>")]
    assert not re.search(r"<[/\w]", script), "a script that looks like markup is dropped by Streamlit's sanitiser"
    assert 'aria-label="Kart «x»"' in page and "height:300px" in page
