"""Oppdater data: upload, mapping, check, preview against today, import, versions (administrators only).

The page is in the navigation only for administrators (and, as a login form, for a session that
asked for it with ?admin=1); see dashboard/admin/auth.py."""

import streamlit as st

from dashboard.admin import auth, login, panel

user = auth.current_user()
if user is not None:
    panel.render(user)
elif auth.page_visible():
    login.render()
else:  # never in the navigation for others; stop without a word should it run anyway
    st.stop()
