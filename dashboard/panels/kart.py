"""Sentralitetskart: all 357 municipalities by centrality, district municipalities outlined,
county borders, volunteer centres as a second layer, and the report's Figure 1 as a mode.
Clicking a municipality selects it and opens its profile."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from dashboard.data import gateway
from dashboard.panels.common import centre_text, demo_marks, legend, published
from dashboard.panels.rapporttall import figure_numbers
from dashboard.ui import fmt, maps, state
from dashboard.ui.figures import figure_downloads, heading, link_below, table_view
from dashboard.ui.page import Page, kpi
from dashboard.ui.source_lines import source_line
from dashboard.ui.view import View

MODES = ("klasse", "indeks", "figur1")
INDEX_RAMP = ["#0c2c84", "#225ea8", "#1d91c0", "#41b6c4", "#7fcdbb", "#c7e9b4", "#ffffcc"]  # low index = dark


def _ramp(value: float) -> list[int]:
    """Centrality index 0-1000 on a colour-blind-safe ramp (dark = least central)."""
    x = min(max(value / 1000.0, 0.0), 1.0) * (len(INDEX_RAMP) - 1)
    i = min(int(x), len(INDEX_RAMP) - 2)
    a, b = np.array(maps.hex_rgb(INDEX_RAMP[i])), np.array(maps.hex_rgb(INDEX_RAMP[i + 1]))
    return [int(v) for v in a + (b - a) * (x - i)]


def _fig1_group(row) -> str:
    return ("distrikt" if row.distriktskommune else "andre") + ("_med" if row.sentraler > 0 else "_uten")


def _on_select() -> None:
    event = state.map_selection()
    if not event:
        return
    objects = event["selection"]["objects"]
    for layer in ("kommuner", "sentraler"):
        for obj in objects.get(layer, []):
            kn = obj.get("kommunenummer")
            if kn:
                state.select_municipality_and_note(kn, int(obj.get("sentralitetsklasse", 0)))
                state.renew_map()
                state.request_page("kommune")
                return


def controls(view: View) -> tuple[str, bool]:
    c1, c2 = st.columns([3, 2])
    with c1:
        mode = st.segmented_control(view.t("kart.modus"), MODES, default="klasse", required=True, key="kart_modus",
                                    format_func=lambda m: view.t(f"kart.modus.{m}"))
    with c2:
        show_centres = st.toggle(view.t("kart.vis_sentraler"), value=True, key="kart_sentraler")
    return mode, show_centres


def national_map(page: Page, mode: str, show_centres: bool) -> pd.DataFrame:
    f, view = page.filters, page.view
    if mode == "figur1":  # Figure 1 is the split by class itself: show every class
        f = f.with_(sentralitetsklasser=())
    r = page.use(gateway.run("kart_kommuner", f, sprak=view.lang))
    attrs = r.df
    attrs["sentraler"] = attrs["sentraler"].fillna(0).astype("int64")  # a count: «1», never «1.0»
    attrs["befolkning_tekst"] = [fmt.integer(v, view.lang) for v in attrs["befolkning_2024"]]
    attrs["klasse_tekst"] = [view.t("filter.klasse_verdi", klasse=k) for k in attrs["sentralitetsklasse"]]
    attrs["sentraler_tekst"] = centre_text(view, attrs, "sentraler" in r.demo_tables)
    inside = attrs[attrs["i_filter"]]
    fill: dict[str, list[int]] = {}
    for row in inside.itertuples():
        if mode == "klasse":
            fill[row.kommunenummer] = maps.hex_rgb(maps.CLASS_COLOURS[row.sentralitetsklasse])
        elif mode == "indeks":
            fill[row.kommunenummer] = _ramp(row.sentralitetsindeks)
        else:
            fill[row.kommunenummer] = maps.hex_rgb(maps.FIG1_COLOURS[_fig1_group(row)])
    district = set(inside.loc[inside["distriktskommune"], "kommunenummer"])

    centres = None
    if show_centres:
        c = inside[inside["sentraler"] > 0].copy()
        c["x"], c["y"] = maps.centroid_xy(c["sentroide_lon"], c["sentroide_lat"])
        c["radius"] = 3 + 3.2 * np.sqrt(c["sentraler"])
        c["farge"] = [maps.hex_rgb(maps.OWNER_COLOURS.get(g, "#999999")) for g in c["eiergruppe"]]
        centres = c[["kommunenummer", "visningsnavn", "fylkesnavn", "klasse_tekst", "sentralitetsindeks",
                     "befolkning_tekst", "sentraler_tekst", "sentralitetsklasse", "x", "y", "radius", "farge"]]

    tooltip_cols = ["kommunenummer", "visningsnavn", "fylkesnavn", "klasse_tekst", "sentralitetsindeks",
                    "befolkning_tekst", "sentraler_tekst", "sentralitetsklasse"]
    deck = maps.municipality_map(attrs[tooltip_cols + ["sentroide_lon", "sentroide_lat"]], fill=fill,
                                 tooltip_html=view.t("kart.tooltip"), centres=centres,
                                 focus=inside if len(inside) < len(attrs) and f.fylker else None,
                                 height=720, outlined=district)
    key = state.map_key()
    left, right = st.columns([3, 1])
    with left:
        st.pydeck_chart(deck, height=720, key=key, on_select=_on_select, selection_mode="single-object",
                        alt=view.t("kart.alt", n=len(inside)))
    with right:
        _legend(view, mode, show_centres)
        st.caption(view.t("kart.klikk_hjelp"))
    source_line(view, [page.results[-1]], view.t("n.kommuner", n=fmt.integer(len(inside))),
                           view.t("kart.kilde_merknad"))
    return attrs


def _legend(view: View, mode: str, show_centres: bool) -> None:
    if mode == "klasse":
        items = [(maps.CLASS_COLOURS[k], view.t("filter.klasse_verdi", klasse=k)) for k in range(1, 7)]
        title = view.t("kart.modus.klasse")
    elif mode == "indeks":
        items = [(INDEX_RAMP[0], view.t("kart.indeks_lav")), (INDEX_RAMP[3], "500"),
                 (INDEX_RAMP[-1], view.t("kart.indeks_hoy"))]
        title = view.t("kart.modus.indeks")
    else:
        items = [(maps.FIG1_COLOURS[k], view.t(f"fig1.{k}")) for k in maps.FIG1_COLOURS]
        title = view.t("kart.modus.figur1")
    items.append((maps.rgb_hex(maps.FADED), view.t("kart.utenfor")))
    st.markdown(f"**{title}**")
    st.html(legend(items))
    st.caption(view.t("kart.distrikt_omriss"))
    if show_centres:
        st.markdown(f"**{view.t('kart.sentraler_tittel')}**")
        st.html(legend([(maps.OWNER_COLOURS[g], view.t(f"gruppe.{g}")) for g in maps.OWNER_COLOURS]))
        st.caption(view.t("kart.sirkel_storrelse"))


def municipality_table(page: Page, attrs: pd.DataFrame) -> None:
    view = page.view
    inside = attrs[attrs["i_filter"]].sort_values(["fylkesnavn", "visningsnavn"])
    title = view.t("kart.tabell_tittel", n=len(inside))
    demo = any("sentraler" in r.demo_tables for r in page.results if r.query == "kart_kommuner")
    owners = [e if isinstance(e, str) and e else view.t("kart.ingen_sentral") for e in inside["eierformer"]]
    with st.expander(title):
        table = pd.DataFrame({
            view.t("tabell.kommune"): inside["visningsnavn"], view.t("tabell.fylke"): inside["fylkesnavn"],
            view.t("tabell.klasse"): inside["sentralitetsklasse"],
            view.t("tabell.indeks"): inside["sentralitetsindeks"],
            view.t("tabell.befolkning"): inside["befolkning_tekst"],
            view.t("tabell.sentraler"): demo_marks(view, inside["sentraler"], demo),
            view.t("tabell.eierformer"): demo_marks(view, owners, demo),
        })
        table_view(view, table)
        figure_downloads(view, table, [r for r in page.results if r.query == "kart_kommuner"][-1:], title,
                                    "kart_tabell")


def figure1(page: Page) -> None:
    f, view = page.filters, page.view
    heading(view.t("fig1.tittel"), "figur1")
    r = page.use(gateway.run("figur1", f.with_(sentralitetsklasser=())))
    rep = published(page, "reg_kommuner_distrikt_med", "reg_distrikt_uten", "reg_sentraler_distrikt")
    df = r.df.set_index("gruppe")
    cols = st.columns(4)
    report = {"distrikt_med": rep["reg_kommuner_distrikt_med"].text(), "distrikt_uten": rep["reg_distrikt_uten"].text()}
    for col, key in zip(cols, maps.FIG1_COLOURS):
        kommuner = int(df.loc[key, "kommuner"]) if key in df.index else 0
        sentraler = int(df.loc[key, "sentraler"]) if key in df.index else 0
        extra = view.t("fig1.sentraler", n=fmt.integer(sentraler)) if key.endswith("_med") else ""
        kpi(col, view.t(f"fig1.{key}"), fmt.integer(kommuner, view.lang),
                       " · ".join(x for x in (extra, report.get(key, "")) if x))
    source_line(view, [r], note=view.t("fig1.merknad"))
    st.caption(view.t("fig1.alle_klasser"))
    link_below(view, "figur1")
    figure_numbers(page, "Figur 1", view)
