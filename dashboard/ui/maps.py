"""Offline maps with pydeck: no basemap, no tiles, nothing fetched from outside.

The municipalities are drawn in an orthographic (flat) view in UTM zone 33 (EPSG:25833), the
projection Norwegian maps use, so the country has its familiar shape and no web-mercator
basemap is needed. Geometry is decoded and projected once per process and data version
(cached); each rerun only attaches the current attributes and colours.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

import numpy as np
import pandas as pd
import pydeck as pdk
import pyproj
import shapely

from dashboard.data import gateway, versions
from dashboard.data.lru import LRU, frame_key

PROJECTION = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:25833", always_xy=True)
KM = 1000.0
MIN_ISLAND_KM2 = 3.0  # parts smaller than this are left out of the overview map (the largest part stays)

# Centrality class 1 (most central) ... 6 (least central): light to dark, the district classes 5-6
# strongest (colour-blind-safe sequential blues/greens, YlGnBu).
CLASS_COLOURS = {1: "#ffffcc", 2: "#c7e9b4", 3: "#7fcdbb", 4: "#41b6c4", 5: "#1d91c0", 6: "#0c2c84"}
FIG1_COLOURS = {"distrikt_med": "#009E73", "distrikt_uten": "#E69F00", "andre_med": "#56B4E9", "andre_uten": "#8c8c8c"}
OWNER_COLOURS = {"kommunal": "#0072B2", "lag_forening": "#E69F00", "andre": "#CC79A7"}
FADED = [236, 239, 243, 255]  # outside the filters
BORDER = [60, 60, 60, 255]
OUTLINE = [25, 25, 25, 255]
WHITE = [255, 255, 255, 255]


def hex_rgb(colour: str, alpha: int = 255) -> list[int]:
    c = colour.lstrip("#")
    return [int(c[i:i + 2], 16) for i in (0, 2, 4)] + [alpha]


def rgb_hex(rgba: list[int]) -> str:
    return "#" + "".join(f"{c:02x}" for c in rgba[:3])


def _project(geom):
    def fn(coords):
        x, y = PROJECTION.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([np.round(np.asarray(x) / KM, 1), np.round(-np.asarray(y) / KM, 1)])
    return shapely.transform(geom, fn)


def _rings(poly) -> list[list[list[float]]]:
    return [poly.exterior.coords[:]] + [h.coords[:] for h in poly.interiors]


@lru_cache(maxsize=4)
def municipality_polygons(version_id: str) -> pd.DataFrame:
    """One row per polygon part: kommunenummer, polygon (rings of [x, y] km, y flipped). Cached."""
    geo = gateway.run("geometri_kommuner").df
    rows = []
    for kn, wkb in zip(geo["kommunenummer"], geo["geometri"]):
        g = _project(shapely.from_wkb(bytes(wkb)))
        parts = sorted(getattr(g, "geoms", [g]), key=lambda p: -p.area)
        for i, part in enumerate(parts):
            if i > 0 and part.area < MIN_ISLAND_KM2:
                continue
            rows.append({"kommunenummer": kn, "polygon": [[list(c) for c in ring] for ring in _rings(part)]})
    return pd.DataFrame(rows)


PICK_TOLERANCE_KM = 5.0
PICK_MIN_PART_KM2 = 20.0


@lru_cache(maxsize=4)
def pick_polygons(version_id: str) -> pd.DataFrame:
    """Coarser outlines used only for hover and click picking.

    Picking renders the pickable layers once more; with the full outlines (about 10 000 vertices)
    that takes long enough in software-rendered browsers (no GPU, e.g. projector laptops in
    remote-desktop sessions, and headless test browsers) that deck.gl no longer recognises a
    click. A transparent layer of outlines simplified to ~5 km (~4 000 vertices) does the picking.
    """
    rows = []
    for kn, sub in municipality_polygons(version_id).groupby("kommunenummer", sort=False):
        for i, poly in enumerate(sub["polygon"]):
            g = shapely.Polygon(poly[0], poly[1:])
            if i > 0 and g.area < PICK_MIN_PART_KM2:
                continue
            g = shapely.simplify(g, PICK_TOLERANCE_KM, preserve_topology=True)
            if g.is_empty:
                continue
            rows.append({"kommunenummer": kn, "polygon": [[list(c) for c in ring] for ring in _rings(g)]})
    return pd.DataFrame(rows)


@lru_cache(maxsize=4)
def county_paths(version_id: str) -> pd.DataFrame:
    geo = gateway.run("geometri_fylker").df
    rows = []
    for fn, wkb in zip(geo["fylkesnummer"], geo["geometri"]):
        g = _project(shapely.from_wkb(bytes(wkb)))
        for part in getattr(g, "geoms", [g]):
            if part.area < MIN_ISLAND_KM2:
                continue
            rows.append({"fylkesnummer": fn, "path": [list(c) for c in part.exterior.coords]})
    return pd.DataFrame(rows)


class CompactDeck(pdk.Deck):
    """A Deck serialised without indentation: pydeck pretty-prints (indent=2), which makes the map of
    all municipalities about 1,5 MB on the wire instead of about 0,4 MB."""

    def to_json(self):
        from pydeck.bindings.json_tools import default_serialize

        cached = getattr(self, "_fs_json", None)
        if cached is None:
            cached = json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))
            self._fs_json = cached  # the deck is not changed after it is built (and cached, see below)
        return cached


def centroid_xy(lon: pd.Series, lat: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    x, y = PROJECTION.transform(lon.to_numpy(), lat.to_numpy())
    return np.round(np.asarray(x) / KM, 1), np.round(-np.asarray(y) / KM, 1)


def view_for(xs: np.ndarray, ys: np.ndarray, width_px: int = 900, height_px: int = 640) -> pdk.ViewState:
    """An orthographic view that fits the given projected points."""
    x0, x1, y0, y1 = float(np.min(xs)), float(np.max(xs)), float(np.min(ys)), float(np.max(ys))
    span = max((x1 - x0) / width_px, (y1 - y0) / height_px, 1e-3)
    zoom = float(np.log2(1 / span)) - 0.25
    return pdk.ViewState(target=[(x0 + x1) / 2, (y0 + y1) / 2, 0], zoom=zoom, min_zoom=zoom - 1, max_zoom=zoom + 6)


_decks = LRU(64)


def municipality_map(attrs: pd.DataFrame, **kwargs) -> pdk.Deck:
    """The map (see _municipality_map), cached by its inputs: building the layers and serialising
    about 0,6 MB of JSON took most of a rerun of the map pages."""
    def norm(v):
        if isinstance(v, pd.DataFrame):
            return frame_key(v)
        if isinstance(v, dict):
            return tuple(sorted((k, tuple(c) if isinstance(c, list) else c) for k, c in v.items()))
        if isinstance(v, (set, frozenset)):
            return tuple(sorted(v))
        return v

    key = (versions.current().id, frame_key(attrs), tuple(sorted((k, norm(v)) for k, v in kwargs.items())))
    deck = _decks.get(key)
    if deck is None:
        deck = _municipality_map(attrs, **kwargs)
        deck.to_json()  # serialise once, before the deck is shared
        _decks.put(key, deck)
    return deck


# What a click hands on (dashboard/panels/kart.py reads both from the picked object).
PICK_FIELDS = ("kommunenummer", "sentralitetsklasse")


def _drawn(version: str, attrs: pd.DataFrame, fill: dict[str, list[int]], outlined) -> pd.DataFrame:
    """The drawn (not pickable) polygons: outline and colours only. Every field is sent once per
    polygon part in the deck's JSON, so nothing the layer does not draw goes with it."""
    polys = municipality_polygons(version)
    polys = polys[polys["kommunenummer"].isin(attrs["kommunenummer"])]
    kn = polys["kommunenummer"]
    marked = kn.isin(outlined)
    return pd.DataFrame({"polygon": polys["polygon"],
                         "fill": [fill.get(k, FADED) for k in kn],
                         "lc": [OUTLINE if m else WHITE for m in marked],
                         "lw": np.where(marked, 1.6, 0.5)})


def _picked(version: str, attrs: pd.DataFrame, tooltip_html: str) -> pd.DataFrame:
    """The picking polygons with the fields the tooltip shows and a click hands on, nothing more."""
    shown = [c for c in dict.fromkeys([*PICK_FIELDS, *re.findall(r"\{(\w+)\}", tooltip_html)]) if c in attrs]
    return pick_polygons(version).merge(attrs[shown], on="kommunenummer", how="inner")


def _municipality_map(attrs: pd.DataFrame, *, fill: dict[str, list[int]], tooltip_html: str,
                     centres: pd.DataFrame | None = None, focus: pd.DataFrame | None = None,
                     height: int = 640, outlined: set[str] | frozenset[str] = frozenset()) -> pdk.Deck:
    """The map: municipalities coloured by ``fill`` (kommunenummer -> RGBA), county borders,
    optionally circles for volunteer centres, in a flat UTM view fitted to ``focus`` (or all).

    ``attrs`` has one row per municipality with the fields the tooltip shows; municipalities in
    ``outlined`` (e.g. the district municipalities) get a dark outline.
    """
    version = versions.current().id
    layers = [
        pdk.Layer("PolygonLayer", id="kommuneflater", data=_drawn(version, attrs, fill, outlined),
                  get_polygon="polygon", get_fill_color="fill", get_line_color="lc", get_line_width="lw",
                  line_width_units="pixels", stroked=True, filled=True, pickable=False),
        pdk.Layer("PolygonLayer", id="kommuner", data=_picked(version, attrs, tooltip_html),
                  get_polygon="polygon", get_fill_color=[0, 0, 0, 0],
                  stroked=False, filled=True, pickable=True, auto_highlight=True,
                  highlight_color=[255, 200, 0, 150]),
        pdk.Layer("PathLayer", id="fylker", data=county_paths(version)[["path"]], get_path="path", get_color=BORDER,
                  get_width=1.6, width_units="pixels", pickable=False),
    ]
    if centres is not None and not centres.empty:
        layers.append(pdk.Layer("ScatterplotLayer", id="sentraler", data=centres, get_position="[x, y]",
                                get_radius="radius", radius_units="pixels", get_fill_color="farge",
                                get_line_color=[20, 20, 20, 255], line_width_min_pixels=1.2, stroked=True,
                                pickable=True))
    f = focus if focus is not None and not focus.empty else attrs
    xs, ys = centroid_xy(f["sentroide_lon"], f["sentroide_lat"])
    return CompactDeck(
        layers=layers,
        views=[pdk.View(type="OrthographicView", controller=True)],
        initial_view_state=view_for(xs, ys, height_px=height),
        map_provider=None,
        map_style=None,
        tooltip={"html": tooltip_html, "style": {"backgroundColor": "#ffffff", "color": "#1f2328", "fontSize": "15px",
                                                 "border": "1px solid #555", "padding": "6px"}},
        parameters={"clearColor": [1, 1, 1, 1]},
    )
