"""Session state: every value one rerun hands to the next, under a name declared here (language, the
filters' widgets, page switches, the map's selection, the charts drawn, built decks, the admin page's
flow and login). No other module touches ``st.session_state``: a named value is a :class:`Slot` below,
and a widget's value is read or set through :func:`widget` with the key its widget was drawn with.

The URL's part (read once, written back every rerun) is dashboard.ui.url_state; the filters' allowed values
are dashboard.ui.options.
"""

from __future__ import annotations

import streamlit as st

from dashboard.data.filters import DEFAULT, SPECS, Filters, Options
from dashboard.ui.i18n import DEFAULT_LANGUAGE, LANGUAGES
from dashboard.ui.options import options
from dashboard.ui.view import View


class Slot:
    """One value kept for the session under ``key``."""

    __slots__ = ("key",)

    def __init__(self, key: str):
        self.key = key

    def get(self, default=None):
        return st.session_state.get(self.key, default)

    def set(self, value):
        st.session_state[self.key] = value
        return value

    def setdefault(self, value):
        return st.session_state.setdefault(self.key, value)

    def pop(self, default=None):
        return st.session_state.pop(self.key, default)

    def present(self) -> bool:
        return self.key in st.session_state


def widget(key: str) -> Slot:
    """The value of the widget drawn with ``key`` (the key is its module's; set it only before the widget is
    drawn, or in a callback)."""
    return Slot(key)


KEYS = {spec.field: spec.widget for spec in SPECS}  # the filters' sidebar widgets
LANG, PRES = "lang", "pres"  # also the keys of the sidebar's language control and presentation toggle
INITIALISED = Slot("_initialised")  # the URL has been read into this session
LANG_SAVED, PRES_SAVED = Slot("_lang_saved"), Slot("_pres_saved")  # a page switch can drop widget values
URL_NOTICES, URL_UNREADABLE = Slot("url_notices"), Slot("url_unreadable")
CURRENT_PAGE = Slot("_current_page")  # url path of the page being drawn
GOTO = Slot("_goto")  # a page to switch to on the next rerun (a map click opens the profile)
WIDENED = Slot("_widened")  # filters widened by the last selection of one municipality, said once
MAP_N = Slot("_kart_n")  # bumped after a map click, so the map is drawn with a fresh selection
MAP_KEY = Slot("_kart_key")  # widget key of the map drawn last
PAGE_CHARTS = Slot("_page_charts")  # the charts of the page drawn last (what its presentation holds)
PAGE_PARTS = Slot("_sections")  # (widget key, parts) of the page being drawn in parts, else None
NARROW = Slot("_narrow")  # the browser reported a narrow window (dashboard.ui.viewport)
# the admin page (dashboard/admin): who is logged in since when, the import flow, confirmations said once
ADMIN_USER = Slot("_admin_user")
ADMIN_LOGIN_REQUESTED = Slot("_admin_login")
ADMIN_SINCE = Slot("_admin_since")
ADMIN_COOKIE = Slot("_admin_cookie")  # a login's cookie, set on the next page drawn
ADMIN_REFUSAL_LOGGED = Slot("_admin_refusal_logged")
ADMIN_LOGIN_LOGGED = Slot("_admin_login_logged")
ADMIN_FLOW = Slot("_admin_flow")  # the import in progress (dashboard.admin.flow.Flow)
ADMIN_CONFIRM = Slot("_admin_confirm")
ADMIN_DONE = Slot("_admin_done")
ADMIN_CANCELLED = Slot("_admin_cancelled")
ADMIN_CONFIRM_SWITCH = Slot("_admin_confirm_switch")
ADMIN_SWITCH_STALE = Slot("_admin_switch_stale")
ADMIN_SWITCHED = Slot("_admin_switched")
# the workshop checklist (dashboard/panels/samskaping_lagring.py)
WORKSHOP = Slot("_sk_workshop")  # the Workshop of this session
WORKSHOP_RESTORE = Slot("_sk_restore")  # first run of a session without a link: the browser may hold it
WORKSHOP_NOTICE = Slot("_sk_notice")  # (kind, message key, fields) said once: an upload's result, a damaged link


def start(lang: str, pres: bool, f: Filters, *, notices: list, unreadable: bool) -> None:
    """The session's first values (from the URL, see dashboard.ui.url_state)."""
    st.session_state[LANG], st.session_state[PRES] = lang, pres
    set_filters(f)
    URL_NOTICES.set(notices)
    URL_UNREADABLE.set(unreadable)


def keep_language_and_presentation() -> None:
    """A page switch can drop widget values; never let language or presentation mode become None."""
    ss = st.session_state
    if ss.get(LANG) not in LANGUAGES:
        ss[LANG] = LANG_SAVED.get(DEFAULT_LANGUAGE)
    if not isinstance(ss.get(PRES), bool):
        ss[PRES] = bool(PRES_SAVED.get(False))
    LANG_SAVED.set(ss[LANG])
    PRES_SAVED.set(ss[PRES])


def set_filters(f: Filters) -> None:
    """Put a filter into the widget keys (only before the widgets are drawn, or in a callback)."""
    for fld, key in KEYS.items():
        st.session_state[key] = list(getattr(f, fld))


def resend_sidebar() -> None:
    """Send the sidebar's values to the browser again with the next rerun (in a callback). A phone's sidebar starts
    closed and draws its widgets only when opened: a rerun before that (the window reporting itself narrow) would
    otherwise leave them to show their defaults, and send those back, instead of the URL's language and filters."""
    ss = st.session_state
    for key in (LANG, PRES, *KEYS.values()):
        if key in ss:
            ss[key] = ss[key]


def municipalities_in_chosen_counties(opts: Options) -> dict[str, str]:
    """The municipalities of the counties chosen so far; chosen municipalities outside them are dropped
    (called between the county and the municipality widgets)."""
    ss = st.session_state
    allowed = opts.kommuner_i(ss[KEYS["fylker"]])
    kept = [k for k in ss[KEYS["kommuner"]] if k in allowed]
    if kept != ss[KEYS["kommuner"]]:
        ss[KEYS["kommuner"]] = kept
    return allowed


def current() -> Filters:
    ss = st.session_state
    return Filters(**{fld: tuple(ss.get(key, getattr(DEFAULT, fld))) for fld, key in KEYS.items()})


def lang() -> str:
    value = st.session_state.get(LANG)
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def presentation() -> bool:
    return bool(st.session_state.get(PRES, False))


def view() -> View:
    """The language, presentation mode and window width class of this rerun, read once (see dashboard.ui.view)."""
    return View(lang(), presentation(), narrow())


def narrow() -> bool:
    """What the browser reported last (False until it has: the wide layout is the default; dashboard.ui.viewport)."""
    return bool(NARROW.get(False))


def set_presentation(on: bool) -> None:
    st.session_state[PRES] = on


def current_page() -> str | None:
    return CURRENT_PAGE.get()


def set_current_page(url_path: str) -> None:
    CURRENT_PAGE.set(url_path)


def request_page(url_path: str) -> None:
    """Switch to another page on the next rerun (from a callback, where st.switch_page cannot run)."""
    GOTO.set(url_path)


def take_page_request() -> str | None:
    return GOTO.pop()


def select_municipality_and_note(kommunenummer: str, klasse: int) -> None:
    """Make one municipality the filter and note which filters had to be widened (said once by the profile)."""
    WIDENED.set(select_municipality(kommunenummer, options(lang()), klasse))


def take_widened() -> list[str] | None:
    return WIDENED.pop()


def map_key() -> str:
    """The widget key for the map about to be drawn (remembered, so the selection callback can read it)."""
    return MAP_KEY.set(f"kart_{MAP_N.get(0)}")


def map_selection() -> dict | None:
    """The selection event of the map drawn last, if any."""
    return st.session_state.get(MAP_KEY.get())


def renew_map() -> None:
    """Draw the map with a new key next time, so a municipality picked on it is not picked again."""
    MAP_N.set(MAP_N.get(0) + 1)


def set_page_charts(charts: list[dict]) -> None:
    PAGE_CHARTS.set(charts)


def page_charts() -> list[dict]:
    return PAGE_CHARTS.get() or []


def page_parts() -> tuple[str, tuple[str, ...]] | None:
    return PAGE_PARTS.get()


def set_page_parts(value: tuple[str, tuple[str, ...]] | None) -> None:
    PAGE_PARTS.set(value)


def deck(key: str) -> bytes | None:
    """A PowerPoint built earlier in this session under ``key`` (one per page and part)."""
    return st.session_state.get(key)


def store_deck(key: str, data: bytes) -> None:
    st.session_state[key] = data


def select_municipality(kommunenummer: str, opts: Options, klasse: int) -> list[str]:
    """Make one municipality the filter (from a map click or the profile picker).

    Widens the county and class filters if they would hide it; returns what was widened.
    """
    f = current()
    widened = []
    fylke = opts.kommune_fylke[kommunenummer]
    fylker = f.fylker
    if fylker and fylke not in fylker:
        fylker = (*fylker, fylke)
        widened.append("fylke")
    klasser = f.sentralitetsklasser
    if klasser and klasse not in klasser:
        klasser = (*klasser, klasse)
        widened.append("klasse")
    set_filters(f.with_(kommuner=(kommunenummer,), fylker=fylker, sentralitetsklasser=klasser))
    return widened
