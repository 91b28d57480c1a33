"""The URL and the session: the URL is read into the session once per session, and the session written
back to the URL after every rerun.

The URL holds codes, not labels (``?fylke=18&klasse=5&klasse=6&lang=nn``), so a shared link
reproduces the view in either language. Values in a URL that do not exist are dropped, and the
page says so (``url_notices``); they never crash the app. A page's own keys (the part of a long page,
the workshop) are read and written through ``page_param``/``set_page_param``.
"""

from __future__ import annotations

import streamlit as st

from dashboard import errors
from dashboard.data.filters import DEFAULT, from_query_params, to_query_params
from dashboard.ui import state
from dashboard.ui.i18n import DEFAULT_LANGUAGE, LANGUAGES
from dashboard.ui.options import options

OTHER_URL_KEYS = ("lang", "pres")
# keys one page owns: the part of a long page (dashboard/ui/sections.py), the workshop (dashboard/ui/workshop.py)
PAGE_URL_KEYS = ("del", "sk")


def _query_params() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params.keys()}


def init() -> None:
    """Read the URL once per session into session state. This cannot fail: whatever goes wrong
    gives the default view with a notice, and the traceback goes to the server log."""
    if state.INITIALISED.get():
        state.keep_language_and_presentation()
        return
    try:
        _read_url()
    except Exception:  # noqa: BLE001 - the start of a session must never crash
        errors.log("could not read the URL; showing the default view")
        state.start(DEFAULT_LANGUAGE, False, DEFAULT, notices=[], unreadable=True)
    state.INITIALISED.set(True)


def _read_url() -> None:
    qp = _query_params()
    notices: list[tuple[str, str]] = []
    lang = (qp.get("lang") or [DEFAULT_LANGUAGE])[0]
    if lang not in LANGUAGES:
        notices.append(("lang", lang))
        lang = DEFAULT_LANGUAGE
    pres = (qp.get("pres") or ["0"])[0]
    if pres not in ("0", "1"):
        notices.append(("pres", pres))
    parsed = from_query_params(qp, options(lang))
    state.start(lang, pres == "1", parsed.filters, notices=notices + parsed.ignored, unreadable=False)


def url_notices() -> list[tuple[str, str]]:
    """(key, value) pairs of the URL that were dropped because they do not exist."""
    return state.URL_NOTICES.get() or []


def url_unreadable() -> bool:
    return bool(state.URL_UNREADABLE.get())


def share_params() -> dict[str, list[str]]:
    """The URL parameters that give someone else this view: the filters and the language (default values are
    left out); not presentation mode, and none of a page's own keys."""
    params = to_query_params(state.current())
    if state.lang() != DEFAULT_LANGUAGE:
        params["lang"] = [state.lang()]
    return params


def sync_url() -> None:
    """Write the current state back to the URL (default values are left out)."""
    params = share_params()
    if state.presentation():
        params["pres"] = ["1"]
    for key in PAGE_URL_KEYS:  # a page's own keys: the page checks and writes them
        if _query_params().get(key):
            params[key] = _query_params()[key][:1]
    if params != _query_params():
        st.query_params.from_dict(params)


def param(key: str) -> str | None:
    """The first value of ``key`` in the URL (a page's own key, or ``admin``)."""
    return st.query_params.get(key)


def set_page_param(key: str, value: str | None) -> None:
    """Write a page's own key into the URL (None takes it out); unchanged values are not written again."""
    if value is None:
        st.query_params.pop(key, None)
    elif st.query_params.get(key) != value:
        st.query_params[key] = value
