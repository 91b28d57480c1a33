"""Tilgjengelighetserklæring: what the dashboard meets of WCAG 2.1 AA, what it does not, how to report."""

import streamlit as st

from dashboard.i18n import t
from dashboard.page import Page

page = Page("uu.tittel", "uu.intro")
for section in ("status", "oppfylt", "mangler", "melde"):
    st.subheader(t(f"uu.{section}_tittel"), anchor=False)
    st.markdown(t(f"uu.{section}"))
st.caption(t("uu.dato"))
page.finish()
