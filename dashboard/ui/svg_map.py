"""A map of the municipalities drawn on the server as SVG (the overview's map): no WebGL context, no map
library in the browser, painted at once by any browser; each municipality says its name and numbers on hover
(an SVG ``<title>``). The same projected outlines as the pydeck maps (dashboard.ui.maps), fitted to the
municipalities in focus. st.html strips inline SVG, so a few lines of script put it into the page.
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache

import pandas as pd

from dashboard.data import versions
from dashboard.data.lru import LRU, frame_key
from dashboard.ui import maps

PAD = 0.04  # of the focus' extent, around it
STYLE = """<style>
.fs-svgmap svg { width: 100%; height: 100%; display: block; }
.fs-svgmap .k { stroke: #ffffff; stroke-width: .5px; vector-effect: non-scaling-stroke; }
.fs-svgmap .k:hover { stroke: #111111; stroke-width: 2.5px; }
.fs-svgmap .f { fill: none; stroke: #3c3c3c; stroke-width: 1.6px; vector-effect: non-scaling-stroke;
  pointer-events: none; }
</style>"""


def _n(v: float) -> str:
    return f"{v:.1f}".removesuffix(".0")


def _d(rings, x0: float, y0: float) -> str:
    return "".join("M" + " ".join(f"{_n(x - x0)} {_n(y - y0)}" for x, y in ring) + "Z" for ring in rings)


@lru_cache(maxsize=4)
def _outlines(version_id: str) -> tuple[dict[str, str], dict[str, tuple[float, float, float, float]], str]:
    """Per municipality its SVG path and extent, and the county borders as one path (km from the country's
    north-west corner, y down: shorter numbers than UTM's). Cached."""
    polys = maps.municipality_polygons(version_id)
    x0 = min(x for p in polys["polygon"] for x, _ in p[0])
    y0 = min(y for p in polys["polygon"] for _, y in p[0])
    paths, extent = {}, {}
    for kn, sub in polys.groupby("kommunenummer", sort=False):
        paths[kn] = "".join(_d(p, x0, y0) for p in sub["polygon"])
        xs = [x - x0 for p in sub["polygon"] for x, _ in p[0]]
        ys = [y - y0 for p in sub["polygon"] for _, y in p[0]]
        extent[kn] = (min(xs), min(ys), max(xs), max(ys))
    borders = "".join(_d([p], x0, y0)[:-1] for p in maps.county_paths(version_id)["path"])
    return paths, extent, borders


def _tooltip(template: str, row: dict) -> str:
    """The map's tooltip template (HTML with {fields}) as plain text lines, for an SVG <title>."""
    text = re.sub(r"\{(\w+)\}", lambda m: str(row.get(m.group(1), "")), template)
    return html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<br\s*/?>", "\n", text)))


def _view_box(extent: dict, focus: list[str]) -> str:
    boxes = [extent[k] for k in focus if k in extent] or list(extent.values())
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    pad = PAD * max(x1 - x0, y1 - y0, 10.0)
    return f"{x0 - pad:.1f} {y0 - pad:.1f} {x1 - x0 + 2 * pad:.1f} {y1 - y0 + 2 * pad:.1f}"


def svg(attrs: pd.DataFrame, fill: dict[str, list[int]], tooltip_html: str, focus: list[str]) -> str:
    """The map as an SVG document: every municipality of ``attrs`` coloured by ``fill`` (faded if absent),
    titled by the tooltip template, with county borders, fitted to the municipalities in ``focus``."""
    paths, extent, borders = _outlines(versions.current().id)
    shapes = []
    for row in attrs.to_dict("records"):
        kn = row["kommunenummer"]
        if kn in paths:
            colour = maps.rgb_hex(fill.get(kn, maps.FADED))
            shapes.append(f'<path class="k" d="{paths[kn]}" fill="{colour}">'
                          f"<title>{html.escape(_tooltip(tooltip_html, row))}</title></path>")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{_view_box(extent, focus)}" '
            f'preserveAspectRatio="xMidYMid meet" aria-hidden="true">{"".join(shapes)}'
            f'<path class="f" d="{borders}"/></svg>')


_built = LRU(64)
# The script may run before its box is in the page: it looks again on the next frames (for up to ~5 s).
PUT = """(() => {
  const put = n => {
    const el = document.getElementById(__BOX__);
    if (el) { el.innerHTML = __SVG__; } else if (n < 300) { requestAnimationFrame(() => put(n + 1)); }
  };
  put(0);
})();"""


def _js_string(text: str) -> str:
    """A JavaScript string literal without a literal «<»: Streamlit's sanitiser drops a script whose text looks like
    markup, and none can end the script early."""
    return json.dumps(text).replace("<", "\\u003c")


def element(key: str, attrs: pd.DataFrame, fill: dict[str, list[int]], tooltip_html: str, focus: list[str],
            *, height: int, alt: str) -> str:
    """The HTML for st.html(..., unsafe_allow_javascript=True): a box with the map's alt text, and the script that
    puts the SVG into it. Cached by its inputs."""
    cache_key = (versions.current().id, key, frame_key(attrs), tuple(sorted((k, tuple(v)) for k, v in fill.items())),
                 tooltip_html, tuple(focus), height, alt)
    built = _built.get(cache_key)
    if built is None:
        box = f"fs-svgmap-{key}"
        script = PUT.replace("__BOX__", json.dumps(box)).replace("__SVG__", _js_string(svg(attrs, fill, tooltip_html,
                                                                                              focus)))
        built = (f'<div class="fs-svgmap" id="{box}" role="img" aria-label="{html.escape(alt)}" '
                 f'style="height:{height}px"></div>{STYLE}<script>{script}</script>')
        _built.put(cache_key, built)
    return built
