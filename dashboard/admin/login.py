"""The administrator's login (OpenID Connect through ``st.login``, or the local password) and logout.
Shown only to a session that asked for it (``?admin=1``) or is logged in through OpenID Connect
without being on the allow-list; see :func:`dashboard.admin.auth.page_visible`."""

from __future__ import annotations

import hashlib

import streamlit as st

from dashboard.admin import audit, auth, sessions
from dashboard.ui import fmt, state
from dashboard.ui.i18n import t


def _oidc() -> None:
    who = auth.oidc_identity()
    if who is None or auth.oidc_logged_out_elsewhere():
        st.markdown(t("admin.logg_inn.oidc_tekst" if who is None else "admin.logg_inn.logget_ut_annet_sted"))
        if st.button(t("admin.logg_inn.oidc_knapp"), type="primary", icon=":material/login:", key="admin_oidc"):
            provider = auth.oidc_provider()
            if provider:
                st.login(provider)
            else:
                st.login()
        return
    if not state.ADMIN_REFUSAL_LOGGED.get():
        audit.log("innlogging_feilet", who, metode="oidc", grunn="ikke på listen over administratorer")
        state.ADMIN_REFUSAL_LOGGED.set(True)
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
    address, tag = auth.client_address(), _session_tag()
    client = f"{address} {tag}"
    wait = auth.THROTTLE.blocked(address, auth.known_browser())
    if wait:
        audit.log("innlogging_feilet", "ukjent", metode="passord", klient=address, okt=tag, grunn="adressen er sperret")
        st.error(t("admin.logg_inn.sperret", minutter=fmt.integer(wait // 60 + 1)), icon=":material/block:")
        return
    hashes = auth.password_hashes()
    who = auth.THROTTLE.attempt(password, hashes, client, address) if hashes and password else None
    if who is not None:
        auth.log_in(who)
        audit.log("innlogging", who, metode="passord", klient=address, okt=tag)
        st.rerun()
    failures = auth.THROTTLE.failures(client)
    audit.log("innlogging_feilet", "ukjent", metode="passord", forsok_pa_rad=failures, klient=address, okt=tag)
    message = t("admin.logg_inn.feil", antall=failures, sekunder=fmt.number(auth.delay(failures)))
    st.error(message, icon=":material/error:")


def _session_tag() -> str:
    """A short tag of the Streamlit session (not its id), so the log tells one browser tab from another."""
    from dashboard.admin.upload import session_id

    sid = session_id()
    return hashlib.sha256(sid.encode()).hexdigest()[:8] if sid else "ukjent"


def render() -> None:
    st.title(t("admin.logg_inn.tittel"), anchor=False)
    if auth.method() == "oidc":
        _oidc()
    elif auth.method() == "passord":
        _password()


def record_login(user: str) -> None:
    """An OpenID Connect administrator's first visit of the page in a session goes into the log."""
    if auth.method() == "oidc" and not state.ADMIN_LOGIN_LOGGED.get():
        audit.log("innlogging", user, metode="oidc")
        state.ADMIN_LOGIN_LOGGED.set(True)


def logout_button(user: str) -> None:
    pending = state.ADMIN_COOKIE.pop()
    if pending:  # the login cookie, so that a reload of the page keeps this administrator logged in
        st.html(sessions.cookie_script(*pending), unsafe_allow_javascript=True)
    c1, c2 = st.columns([4, 1])
    c1.caption(t("admin.innlogget", bruker=fmt.plain(user)))
    if c2.button(t("admin.logg_ut"), icon=":material/logout:", key="admin_logout"):
        oidc = auth.method() == "oidc"
        auth.log_out(user)
        audit.log("utlogging", user, metode="oidc" if oidc else "passord", klient=auth.client_address())
        if oidc:
            st.logout()
        st.html(sessions.cookie_script(None), unsafe_allow_javascript=True)
        st.rerun()
