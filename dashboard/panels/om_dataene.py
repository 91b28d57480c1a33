"""Om dataene: sources, licences and dates; which tables are demo; the calibration table; the
codebook; every number from the report; downloads of the underlying tables."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import anonymity, figures, fmt, gateway, versions
from dashboard.i18n import t
from dashboard.page import Page
from dashboard.panels import rapporttall

DOWNLOADS = ["kommuner", "fylker", "befolkning", "sentraler", "klassifikasjoner"]


def sources(page: Page, lang: str) -> None:
    st.subheader(t("om.kilder_tittel"), anchor=False)
    st.markdown(t("om.kilder_tekst"))
    r = page.use(gateway.run("kilder"))
    df = r.df
    st.dataframe(pd.DataFrame({
        t("tabell.tabell"): df["tabell"], t("tabell.beskrivelse"): df["beskrivelse"], t("tabell.kilde"): df["kilde"],
        t("tabell.lisens"): df["lisens"],
        t("tabell.dato"): [fmt.date(d, lang) if pd.notna(d) else "–" for d in df["dato"]],
        t("tabell.demo"): [t("ja") if d else t("nei") for d in df["demo"]], t("tabell.rader"): df["rader"],
    }), hide_index=True, width="stretch")
    v = versions.current()
    st.caption(t("om.versjon", versjon=v.id, type=t("data.demo") if v.kind == "demo" else t("data.importert")))


def anonymity_rule(page: Page, lang: str) -> None:
    """The rule that protects the respondents, in words."""
    st.subheader(t("om.anonymitet_tittel"), anchor=False)
    st.markdown(t("om.anonymitet_tekst", n=anonymity.MIN_RESPONDENTS))


def demo_explained(page: Page, lang: str) -> None:
    st.subheader(t("om.demo_tittel"), anchor=False)
    st.markdown(t("om.demo_tekst"))
    r = page.use(gateway.run("kalibrering"))
    df = r.df
    ok = int(df["ok"].sum())
    st.markdown(t("om.kalibrering_oppsummering", ok=ok, alle=len(df)))
    st.dataframe(pd.DataFrame({
        t("tabell.kontroll"): df["beskrivelse"], t("tabell.figur"): df["referanse"].fillna("–"),
        t("tabell.rapport"): [fmt.reported(v, u, p, q, lang) for v, u, p, q in
                              zip(df["rapport_verdi"], df["enhet"], df["presisjon"], df["sitat"])],
        t("tabell.demo_verdi"): [fmt.value(v, u, lang, decimals=None if u == "antall" else 1)
                                 for v, u in zip(df["demo_verdi"], df["enhet"])],
        t("tabell.toleranse"): [fmt.value(v, "prosentpoeng" if u != "antall" and u != "rangering" else "antall", lang)
                                if u != "rangering" else "–" for v, u in zip(df["toleranse"], df["enhet"])],
        t("tabell.ok"): [t("ja") if x else t("nei") for x in df["ok"]], t("tabell.linje"): df["linje"],
    }), hide_index=True, width="stretch")
    figures.table_downloads(t("om.kalibrering_fil"), r, lang, "kalibrering")


def codebook(page: Page, lang: str) -> None:
    st.subheader(t("om.kodebok_tittel"), anchor=False)
    st.markdown(t("om.kodebok_tekst"))
    items = page.use(gateway.run("kodebok_tabell", sprak=lang))
    scales = page.use(gateway.run("kodebok_skalaer", sprak=lang))
    tab1, tab2 = st.tabs([t("om.kodebok_sporsmal"), t("om.kodebok_skalaer")])
    with tab1:
        st.dataframe(items.df, hide_index=True, width="stretch")
        figures.table_downloads(t("om.kodebok_fil"), items, lang, "kodebok")
    with tab2:
        st.dataframe(scales.df, hide_index=True, width="stretch")


def report_numbers(page: Page, lang: str) -> None:
    st.subheader(t("om.rapporttall_tittel"), anchor=False)
    r = page.use(gateway.run("rapporttall_alle"))
    st.markdown(t("om.rapporttall_tekst", n=len(r.df)))
    st.dataframe(r.df, hide_index=True, width="stretch")
    figures.table_downloads(t("om.rapporttall_fil"), r, lang, "rapporttall")
    not_shown(r.df)


def not_shown(numbers: pd.DataFrame) -> None:
    """The report's numbers that no page shows (rapporttall.NOT_SHOWN), each with the reason."""
    st.markdown(f"**{t('rapporttall.utelatt_tittel')}**")
    left = numbers[numbers["id"].isin(list(rapporttall.NOT_SHOWN))]
    if left.empty:
        st.markdown(t("rapporttall.utelatt_ingen", n=len(numbers)))
        return
    st.markdown(t("rapporttall.utelatt_tekst", n=len(left)))
    st.dataframe(pd.DataFrame({"id": left["id"], t("tabell.utsagn"): left["sporsmal"], t("tabell.sitat"): left["sitat"],
                               t("tabell.linje"): left["linje"],
                               t("rapporttall.grunn"): left["id"].map(rapporttall.NOT_SHOWN)}),
                 hide_index=True, width="stretch")


def downloads(page: Page, lang: str) -> None:
    st.subheader(t("om.nedlasting_tittel"), anchor=False)
    st.markdown(t("om.nedlasting_tekst"))
    for name in DOWNLOADS:
        r = page.use(gateway.run(f"last_ned_{name}"))
        title = t(f"tabell.{name}")
        with st.container(border=True):
            st.markdown(f"**{title}** – {t('om.rader', n=fmt.integer(len(r.df)))}"
                        + (f" · {t('demo.tittel')}" if r.demo else ""))
            figures.table_downloads(title, r, lang, f"last_ned_{name}")
