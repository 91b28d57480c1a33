"""The administrator's login (OpenID Connect through ``st.login``, or the local password) and logout.
Shown only to a session that asked for it (``?admin=1``) or is logged in through OpenID Connect
without being on the allow-list; see :func:`dashboard.admin.auth.page_visible`."""

from __future__ import annotations

import streamlit as st

from dashboard import fmt
from dashboard.admin import audit, auth
from dashboard.i18n import t

REFUSED_LOGGED = "_admin_refusal_logged"


def _oidc() -> None:
    who = auth.oidc_identity()
    if who is None:
        st.markdown(t("admin.logg_inn.oidc_tekst"))
        if st.button(t("admin.logg_inn.oidc_knapp"), type="primary", icon=":material/login:", key="admin_oidc"):
            provider = auth.oidc_provider()
            if provider:
                st.login(provider)
            else:
                st.login()
        return
    if not st.session_state.get(REFUSED_LOGGED):
        audit.log("innlogging_feilet", who, metode="oidc", grunn="ikke på listen over administratorer")
        st.session_state[REFUSED_LOGGED] = True
    st.warning(t("admin.logg_inn.ikke_tilgang", bruker=fmt.plain(who)), icon=":material/block:")
    if st.button(t("admin.logg_ut"), icon=":material/logout:", key="admin_oidc_logout"):
        st.logout()


def _password() -> None:
    with st.form("admin_login", enter_to_submit=True):
        password = st.text_input(t("admin.logg_inn.passord"), type="password", key="admin_password")
        sent = st.form_submit_button(t("admin.logg_inn.knapp"), type="primary", icon=":material/login:",
                                     key="admin_login_submit")
    if not sent:
        return
    stored = auth.password_hash()
    if stored and password and auth.THROTTLE.attempt(password, stored):
        st.session_state[auth.SESSION_USER] = auth.PASSWORD_USER
        audit.log("innlogging", auth.PASSWORD_USER, metode="passord")
        st.rerun()
    failures = auth.THROTTLE.failures
    audit.log("innlogging_feilet", "ukjent", metode="passord", forsok_pa_rad=failures)
    message = t("admin.logg_inn.feil", antall=failures, sekunder=fmt.number(auth.delay(failures)))
    st.error(message, icon=":material/error:")


def render() -> None:
    st.title(t("admin.logg_inn.tittel"), anchor=False)
    if auth.method() == "oidc":
        _oidc()
    elif auth.method() == "passord":
        _password()


def record_login(user: str) -> None:
    """An OpenID Connect administrator's first visit of the page in a session goes into the log."""
    if auth.method() == "oidc" and not st.session_state.get("_admin_login_logged"):
        audit.log("innlogging", user, metode="oidc")
        st.session_state["_admin_login_logged"] = True


def logout_button(user: str) -> None:
    c1, c2 = st.columns([4, 1])
    c1.caption(t("admin.innlogget", bruker=fmt.plain(user)))
    if c2.button(t("admin.logg_ut"), icon=":material/logout:", key="admin_logout"):
        if auth.method() == "oidc":
            st.logout()
        st.session_state.pop(auth.SESSION_USER, None)
        st.session_state.pop(auth.LOGIN_REQUESTED, None)
        st.rerun()
