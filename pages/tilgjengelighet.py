"""Tilgjengelighetserklæring: what the dashboard meets of WCAG 2.1 AA, what it does not, how to report."""

import streamlit as st

from dashboard.ui.page import Page

page = Page("tilgjengelighet.tittel", "tilgjengelighet.intro")
for section in ("status", "oppfylt", "mangler", "melde"):
    st.subheader(page.view.t(f"tilgjengelighet.{section}_tittel"), anchor=False)
    st.markdown(page.view.t(f"tilgjengelighet.{section}"))
st.caption(page.view.t("tilgjengelighet.dato"))
page.finish()
