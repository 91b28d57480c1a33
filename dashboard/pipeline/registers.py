"""The real registers: municipalities and counties (SSB, Kartverket) and the population series (SSB)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import shapely

from dashboard.paths import RAW

SSB_SOURCE = "SSB"
SIMPLIFY_TOLERANCE = 0.03  # degrees; shared-boundary (coverage) simplification keeps neighbours gap-free
PRECISION = 1e-5  # ~1 m; rounding keeps the WKB small and byte-identical between builds


def _features(name: str) -> list[dict]:
    return json.loads((RAW / "kartverket" / name).read_text(encoding="utf-8"))["features"]


def _polygonal(geom):
    """make_valid may return a collection; keep its polygons."""
    geom = shapely.make_valid(geom)
    if geom.geom_type == "GeometryCollection":
        polys = [g for g in geom.geoms if g.geom_type in ("Polygon", "MultiPolygon")]
        geom = shapely.union_all(polys)
    return geom


def _clean(geoms: list) -> list:
    out = []
    for g in geoms:
        g = _polygonal(shapely.set_precision(_polygonal(g), PRECISION))
        out.append(shapely.normalize(g))
    return out


def _wkb(geoms: list) -> list[bytes]:
    return [shapely.to_wkb(g, output_dimension=2, byte_order=1) for g in geoms]


def _simplified(geoms: list) -> list:
    """Coverage simplification (neighbours share the simplified edge); falls back per polygon."""
    simple = shapely.coverage_simplify(np.array(geoms, dtype=object), SIMPLIFY_TOLERANCE)
    out = []
    for detailed, s in zip(geoms, simple):
        s = _polygonal(s)
        if s.is_empty or not s.is_valid or s.geom_type not in ("Polygon", "MultiPolygon"):
            s = detailed
        out.append(shapely.normalize(_polygonal(shapely.set_precision(s, PRECISION))))
    return out


def centrality() -> pd.DataFrame:
    return pd.read_csv(RAW / "ssb" / "sentralitet-2024.csv", dtype={"kommunenummer": str, "fylkesnummer": str})


def population() -> pd.DataFrame:
    b = pd.read_csv(RAW / "ssb" / "befolkning-1986-2026-kommuner-2024.csv", dtype={"kom2024": str})
    b = b.rename(columns={"kom2024": "kommunenummer"})
    out = b[["kommunenummer", "aar", "befolkning"]].astype({"aar": "int64", "befolkning": "Int64"})
    # SSB gives 0 where a municipality has no figure on 2024 borders (split or merged after 2019)
    out.loc[out["befolkning"] == 0, "befolkning"] = pd.NA
    out = out.sort_values(["kommunenummer", "aar"]).reset_index(drop=True)
    out["kilde"] = "SSB, tabell 07459"
    return out


def municipalities(progress=print) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(kommuner, kommuner_detalj)."""
    c = centrality()
    pop = population()
    names = (pd.read_csv(RAW / "ssb" / "befolkning-1986-2026-kommuner-2024.csv", dtype={"kom2024": str})
             .drop_duplicates("kom2024").set_index("kom2024")["navn"])
    wide = pop.pivot(index="kommunenummer", columns="aar", values="befolkning")

    progress("  kommunegrenser: reparerer (make_valid) og forenkler ...")
    det = {f["properties"]["kommunenummer"]: shapely.geometry.shape(f["geometry"])
           for f in _features("kommuner-2024-m.geojson")}
    numbers = sorted(c["kommunenummer"])
    if set(det) != set(numbers):
        raise ValueError("kommuner-2024-m.geojson: kommunenumrene stemmer ikke med SSBs sentralitetsfil")
    detailed = _clean([det[k] for k in numbers])
    small = {f["properties"]["kommunenummer"]: shapely.geometry.shape(f["geometry"])
             for f in _features("kommuner-2024-s.geojson")}
    simple = _simplified(_clean([small[k] for k in numbers]))

    k = c.set_index("kommunenummer").loc[numbers].reset_index()
    # SSB writes counties with Sami/Kven forms ("Troms - Romsa - Tromssa"); the UI uses the Norwegian short form
    # and keeps the official name in fylker.fylkesnavn_offisielt
    k["fylkesnavn"] = k["fylkesnavn"].str.split(" - ").str[0]
    dup = k["kommunenavn"].duplicated(keep=False)
    k["visningsnavn"] = np.where(dup, k["kommunenavn"] + " (" + k["fylkesnavn"] + ")", k["kommunenavn"])
    k["kommunenavn_offisielt"] = [names.get(n, nm) for n, nm in zip(k["kommunenummer"], k["kommunenavn"])]
    k["distriktskommune"] = k["sentralitetsklasse"].isin([5, 6])
    if wide.loc[numbers, 2024].isna().any():
        raise ValueError("befolkning: mangler folketall 2024 for noen kommuner")
    k["befolkning_2024"] = wide.loc[numbers, 2024].astype("int64").to_numpy()
    # 1 Jan 2023 on 2024 borders: missing for Haram (split from Ålesund on 1 Jan 2024)
    k["befolkning_2023"] = wide.loc[numbers, 2023].to_numpy()
    # No area: no official area table is at hand, and even the most detailed boundaries (kommuner-2024-m) lose
    # islands (Røst 6 km², officially about 11), so an area computed from them would be visibly wrong.
    points = [g.point_on_surface() for g in detailed]
    k["sentroide_lon"] = [round(p.x, 5) for p in points]
    k["sentroide_lat"] = [round(p.y, 5) for p in points]
    k["geometri"] = _wkb(simple)
    k["kilde"] = "SSB (sentralitet 2024, folketall); Kartverket (grenser 2024)"
    k = k.astype({"sentralitetsindeks": "int64", "sentralitetsklasse": "int64"})
    detalj = pd.DataFrame({"kommunenummer": numbers, "geometri": _wkb(detailed), "kilde": "Kartverket"})
    return k, detalj


def counties(kommuner: pd.DataFrame) -> pd.DataFrame:
    feats = _features("fylker-2024-s.geojson")
    geo = {f["properties"]["fylkesnummer"]: (f["properties"]["fylkesnavn"], shapely.geometry.shape(f["geometry"]))
           for f in feats}
    numbers = sorted(geo)
    geoms = _simplified(_clean([geo[n][1] for n in numbers]))
    g = kommuner.groupby("fylkesnummer")
    f = pd.DataFrame({"fylkesnummer": numbers})
    f["fylkesnavn"] = [g.get_group(n)["fylkesnavn"].iloc[0] for n in numbers]  # short form (see municipalities)
    f["fylkesnavn_offisielt"] = [geo[n][0] for n in numbers]
    f["antall_kommuner"] = [len(g.get_group(n)) for n in numbers]
    f["antall_distriktskommuner"] = [int(g.get_group(n)["distriktskommune"].sum()) for n in numbers]
    f["befolkning_2024"] = [int(g.get_group(n)["befolkning_2024"].sum()) for n in numbers]
    f["geometri"] = _wkb(geoms)
    f["kilde"] = "Kartverket (grenser 2024); SSB"
    return f.astype({"antall_kommuner": "int64", "antall_distriktskommuner": "int64", "befolkning_2024": "int64"})
