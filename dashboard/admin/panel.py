"""The page "Oppdater data" for a logged-in administrator: the five steps and the versions."""

from __future__ import annotations

import streamlit as st

from dashboard.admin import login, steps, versions_panel
from dashboard.i18n import t


def render(user: str) -> None:
    st.title(t("admin.tittel"), anchor=False)
    login.record_login(user)
    login.logout_button(user)
    st.markdown(t("admin.intro"))
    flow = steps.current_flow()
    steps.upload_step(flow)
    steps.cancel_button(flow, user)
    if flow.ready() or flow.base is not None:
        steps.mapping_step(flow)
        steps.check_step(flow)
        steps.preview_step(flow, user)
    steps.use_step(flow, user)
    st.divider()
    versions_panel.render(user)
