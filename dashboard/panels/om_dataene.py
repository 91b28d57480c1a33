"""Om dataene: sources, licences and dates; which tables are demo; the calibration table; the
codebook; every number from the report; downloads of the underlying tables."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.data import anonymity, gateway, versions
from dashboard.panels import rapporttall
from dashboard.ui import figures, fmt
from dashboard.ui.i18n import report_text
from dashboard.ui.page import Page
from dashboard.ui.view import View

DOWNLOADS = ["kommuner", "fylker", "befolkning", "sentraler", "klassifikasjoner"]


def sources(page: Page) -> None:
    view = page.view
    st.subheader(view.t("om.kilder_tittel"), anchor=False)
    st.markdown(view.t("om.kilder_tekst"))
    r = page.use(gateway.run("kilder"))
    df = r.df
    st.dataframe(pd.DataFrame({
        view.t("tabell.tabell"): df["tabell"], view.t("tabell.beskrivelse"): df["beskrivelse"],
        view.t("tabell.kilde"): df["kilde"],
        view.t("tabell.lisens"): df["lisens"],
        view.t("tabell.dato"): [fmt.date(d, view.lang) if pd.notna(d) else "–" for d in df["dato"]],
        view.t("tabell.demo"): [view.t("ja") if d else view.t("nei") for d in df["demo"]],
        view.t("tabell.rader"): df["rader"],
    }), hide_index=True, width="stretch")
    v = versions.current()
    kind = view.t("data.demo") if v.kind == "demo" else view.t("data.importert")
    st.caption(view.t("om.versjon", versjon=v.id, type=kind))


def anonymity_rule(page: Page) -> None:
    """The rule that protects the respondents, in words."""
    view = page.view
    st.subheader(view.t("om.anonymitet_tittel"), anchor=False)
    st.markdown(view.t("om.anonymitet_tekst", n=anonymity.MIN_RESPONDENTS, under=anonymity.MIN_RESPONDENTS - 1))


def demo_explained(page: Page) -> None:
    view = page.view
    st.subheader(view.t("om.demo_tittel"), anchor=False)
    st.markdown(view.t("om.demo_tekst"))
    r = page.use(gateway.run("kalibrering"))
    df = r.df
    ok = int(df["ok"].sum())
    st.markdown(view.t("om.kalibrering_oppsummering", ok=ok, alle=len(df)))
    st.dataframe(pd.DataFrame({
        view.t("tabell.kontroll"): df["beskrivelse"], view.t("tabell.figur"): df["referanse"].fillna("–"),
        view.t("tabell.rapport"): [fmt.reported(v, u, p, q, view.lang) for v, u, p, q in
                              zip(df["rapport_verdi"], df["enhet"], df["presisjon"], df["sitat"])],
        view.t("tabell.demo_verdi"): [fmt.value(v, u, view.lang, decimals=None if u == "antall" else 1)
                                 for v, u in zip(df["demo_verdi"], df["enhet"])],
        view.t("tabell.toleranse"): [fmt.value(v, "prosentpoeng" if u != "antall" else "antall", view.lang)
                                     if u != "rangering" else "–" for v, u in zip(df["toleranse"], df["enhet"])],
        view.t("tabell.ok"): [view.t("ja") if x else view.t("nei") for x in df["ok"]],
        view.t("tabell.linje"): df["linje"],
    }), hide_index=True, width="stretch")
    figures.table_downloads(view, view.t("om.kalibrering_fil"), r, "kalibrering")


def codebook(page: Page) -> None:
    view = page.view
    st.subheader(view.t("om.kodebok_tittel"), anchor=False)
    st.markdown(view.t("om.kodebok_tekst"))
    items = page.use(gateway.run("kodebok_tabell", sprak=view.lang))
    scales = page.use(gateway.run("kodebok_skalaer", sprak=view.lang))
    tab1, tab2 = st.tabs([view.t("om.kodebok_sporsmal"), view.t("om.kodebok_skalaer")])
    with tab1:
        st.dataframe(items.df, hide_index=True, width="stretch")
        figures.table_downloads(view, view.t("om.kodebok_fil"), items, "kodebok")
    with tab2:
        st.dataframe(scales.df, hide_index=True, width="stretch")


def report_numbers(page: Page) -> None:
    view = page.view
    st.subheader(view.t("om.rapporttall_tittel"), anchor=False)
    r = page.use(gateway.run("rapporttall_alle"))
    st.markdown(view.t("om.rapporttall_tekst", n=len(r.df)))
    st.dataframe(r.df, hide_index=True, width="stretch")
    figures.table_downloads(view, view.t("om.rapporttall_fil"), r, "rapporttall")
    not_shown(view, r.df)


def not_shown(view: View, numbers: pd.DataFrame) -> None:
    """The report's numbers that no page shows (rapporttall.NOT_SHOWN), each with the reason."""
    st.markdown(f"**{view.t('rapporttall.utelatt_tittel')}**")
    left = numbers[numbers["id"].isin(list(rapporttall.NOT_SHOWN))]
    if left.empty:
        st.markdown(view.t("rapporttall.utelatt_ingen", n=len(numbers)))
        return
    st.markdown(view.t("rapporttall.utelatt_tekst", n=len(left)))
    said = [report_text("sporsmal", x, view.lang) for x in left["sporsmal"]]
    st.dataframe(pd.DataFrame({"id": left["id"], view.t("tabell.utsagn"): said,
                               view.t("tabell.sitat"): left["sitat"],
                               view.t("tabell.linje"): left["linje"],
                               view.t("rapporttall.grunn"): left["id"].map(rapporttall.NOT_SHOWN)}),
                 hide_index=True, width="stretch")


def downloads(page: Page) -> None:
    view = page.view
    st.subheader(view.t("om.nedlasting_tittel"), anchor=False)
    st.markdown(view.t("om.nedlasting_tekst"))
    for name in DOWNLOADS:
        r = page.use(gateway.run(f"last_ned_{name}"))
        title = view.t(f"tabell.{name}")
        with st.container(border=True):
            st.markdown(f"**{title}** – {view.t('om.rader', n=fmt.integer(len(r.df)))}"
                        + (f" · {view.t('demo.tittel')}" if r.demo else ""))
            figures.table_downloads(view, title, r, f"last_ned_{name}")
