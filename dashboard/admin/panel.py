"""The page "Oppdater data" for a logged-in administrator: the five steps and the versions."""

from __future__ import annotations

import streamlit as st

from dashboard.admin import login, steps, versions_panel, widget_text, work
from dashboard.ui import state
from dashboard.ui.i18n import t


def render(user: str) -> None:
    st.title(t("admin.tittel"), anchor=False)
    widget_text.apply()
    login.record_login(user)
    login.logout_button(user)
    st.markdown(t("admin.intro"))
    flow = steps.current_flow(user)
    steps.restored_notice(flow)
    steps.upload_step(flow)
    steps.cancel_button(flow, user)
    if flow.ready() or flow.base is not None:
        steps.mapping_step(flow)
        steps.check_step(flow)
        steps.preview_step(flow, user)
    steps.use_step(flow, user)
    if state.ADMIN_FLOW.get() is flow and not flow.workspace.closed:
        work.save(user, flow)  # after every change: a reload, a page switch or a new login finds it again
    st.divider()
    versions_panel.render(user)
