"""Session state shared by all pages: language, global filters, and their link to the URL, and every other
value one rerun hands to the next (page switches, the map's selection, the charts drawn, built decks).

Every session key outside a widget's own module is read and written here, through named functions.
The URL holds codes, not labels (``?fylke=18&klasse=5&klasse=6&lang=nn``), so a shared link
reproduces the view in either language. Values in a URL that do not exist are dropped, and the
page says so (``url_notices``); they never crash the app.
"""

from __future__ import annotations

import streamlit as st

from dashboard import errors, gateway, viewport
from dashboard.filters import DEFAULT, SPECS, URL_KEYS, Filters, Options, from_query_params, to_query_params
from dashboard.i18n import DEFAULT_LANGUAGE, LANGUAGES
from dashboard.view import View

KEYS = {spec.field: spec.widget for spec in SPECS}  # the filters' sidebar widgets
OTHER_URL_KEYS = ("lang", "pres")
# keys one page owns: the part of a long page (dashboard/sections.py), the workshop (dashboard/workshop.py)
PAGE_URL_KEYS = ("del", "sk")
LANG, PRES = "lang", "pres"  # also the keys of the sidebar's language control and presentation toggle
URL_NOTICES, URL_UNREADABLE = "url_notices", "url_unreadable"
CURRENT_PAGE = "_current_page"  # url path of the page being drawn
GOTO = "_goto"  # a page to switch to on the next rerun (a map click opens the profile)
WIDENED = "_widened"  # filters widened by the last selection of one municipality, said once
MAP_N = "_kart_n"  # bumped after a map click, so the map is drawn with a fresh selection
MAP_KEY = "_kart_key"  # widget key of the map drawn last
PAGE_CHARTS = "_page_charts"  # the charts of the page drawn last (what its presentation holds)
PAGE_PARTS = "_sections"  # (widget key, parts) of the page being drawn in parts, else None


def options(lang: str) -> Options:
    k = gateway.run("filter_kommuner").df
    e = gateway.run("filter_eierformer", sprak=lang).df
    return Options(
        fylker=dict(k.drop_duplicates("fylkesnummer").sort_values("fylkesnummer")[["fylkesnummer", "fylkesnavn"]]
                    .itertuples(index=False, name=None)),
        kommuner=dict(k[["kommunenummer", "visningsnavn"]].itertuples(index=False, name=None)),
        kommune_fylke=dict(k[["kommunenummer", "fylkesnummer"]].itertuples(index=False, name=None)),
        eierformer=dict(e[["kode", "etikett"]].itertuples(index=False, name=None)),
    )


def _query_params() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params.keys()}


def init() -> None:
    """Read the URL once per session into session state. This cannot fail: whatever goes wrong
    gives the default view with a notice, and the traceback goes to the server log."""
    ss = st.session_state
    if ss.get("_initialised"):
        # a page switch can drop widget values; never let language or presentation mode become None
        if ss.get(LANG) not in LANGUAGES:
            ss[LANG] = ss.get("_lang_saved", DEFAULT_LANGUAGE)
        if not isinstance(ss.get(PRES), bool):
            ss[PRES] = bool(ss.get("_pres_saved", False))
        ss["_lang_saved"], ss["_pres_saved"] = ss[LANG], ss[PRES]
        return
    try:
        _read_url(ss)
    except Exception:  # noqa: BLE001 - the start of a session must never crash
        errors.log("could not read the URL; showing the default view")
        ss[LANG], ss[PRES], ss[URL_NOTICES], ss[URL_UNREADABLE] = DEFAULT_LANGUAGE, False, [], True
        set_filters(DEFAULT)
    ss["_initialised"] = True


def _read_url(ss) -> None:
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
    ss[LANG], ss[PRES] = lang, pres == "1"
    set_filters(parsed.filters)
    ss[URL_NOTICES] = notices + parsed.ignored


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
    """The language, presentation mode and window width class of this rerun, read once (see dashboard.view)."""
    return View(lang(), presentation(), viewport.narrow())


def set_presentation(on: bool) -> None:
    st.session_state[PRES] = on


def url_notices() -> list[tuple[str, str]]:
    """(key, value) pairs of the URL that were dropped because they do not exist."""
    return st.session_state.get(URL_NOTICES) or []


def url_unreadable() -> bool:
    return bool(st.session_state.get(URL_UNREADABLE))


def current_page() -> str | None:
    return st.session_state.get(CURRENT_PAGE)


def set_current_page(url_path: str) -> None:
    st.session_state[CURRENT_PAGE] = url_path


def request_page(url_path: str) -> None:
    """Switch to another page on the next rerun (from a callback, where st.switch_page cannot run)."""
    st.session_state[GOTO] = url_path


def take_page_request() -> str | None:
    return st.session_state.pop(GOTO, None)


def select_municipality_and_note(kommunenummer: str, klasse: int) -> None:
    """Make one municipality the filter and note which filters had to be widened (said once by the profile)."""
    st.session_state[WIDENED] = select_municipality(kommunenummer, options(lang()), klasse)


def take_widened() -> list[str] | None:
    return st.session_state.pop(WIDENED, None)


def map_key() -> str:
    """The widget key for the map about to be drawn (remembered, so the selection callback can read it)."""
    key = f"kart_{st.session_state.get(MAP_N, 0)}"
    st.session_state[MAP_KEY] = key
    return key


def map_selection() -> dict | None:
    """The selection event of the map drawn last, if any."""
    return st.session_state.get(st.session_state.get(MAP_KEY))


def renew_map() -> None:
    """Draw the map with a new key next time, so a municipality picked on it is not picked again."""
    st.session_state[MAP_N] = st.session_state.get(MAP_N, 0) + 1


def set_page_charts(charts: list[dict]) -> None:
    st.session_state[PAGE_CHARTS] = charts


def page_charts() -> list[dict]:
    return st.session_state.get(PAGE_CHARTS) or []


def page_parts() -> tuple[str, tuple[str, ...]] | None:
    return st.session_state.get(PAGE_PARTS)


def set_page_parts(value: tuple[str, tuple[str, ...]] | None) -> None:
    st.session_state[PAGE_PARTS] = value


def deck(key: str) -> bytes | None:
    """A PowerPoint built earlier in this session under ``key`` (one per page and part)."""
    return st.session_state.get(key)


def store_deck(key: str, data: bytes) -> None:
    st.session_state[key] = data


def share_params() -> dict[str, list[str]]:
    """The URL parameters that give someone else this view: the filters and the language (default values are
    left out); not presentation mode, and none of a page's own keys."""
    params = to_query_params(current())
    if lang() != DEFAULT_LANGUAGE:
        params["lang"] = [lang()]
    return params


def sync_url() -> None:
    """Write the current state back to the URL (default values are left out)."""
    params = share_params()
    if presentation():
        params["pres"] = ["1"]
    for key in PAGE_URL_KEYS:  # a page's own keys: the page checks and writes them
        if _query_params().get(key):
            params[key] = _query_params()[key][:1]
    if params != _query_params():
        st.query_params.from_dict(params)


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


__all__ = ["KEYS", "URL_KEYS", "init", "current", "lang", "presentation", "sync_url", "options",
           "select_municipality", "set_filters", "municipalities_in_chosen_counties", "view", "set_presentation",
           "url_notices", "url_unreadable", "current_page",
           "set_current_page", "request_page", "take_page_request", "select_municipality_and_note", "take_widened",
           "map_key", "map_selection", "renew_map", "set_page_charts", "page_charts", "page_parts", "set_page_parts",
           "deck", "store_deck", "share_params"]
