"""Session state shared by all pages: language, global filters, and their link to the URL.

The URL holds codes, not labels (``?fylke=18&klasse=5&klasse=6&lang=nn``), so a shared link
reproduces the view in either language. Values in a URL that do not exist are dropped, and the
page says so (``url_notices``); they never crash the app.
"""

from __future__ import annotations

import streamlit as st

from dashboard import errors, gateway
from dashboard.filters import DEFAULT, URL_KEYS, Filters, Options, from_query_params, to_query_params
from dashboard.i18n import DEFAULT_LANGUAGE, LANGUAGES

KEYS = {"fylker": "f_fylke", "kommuner": "f_kommune", "eierformer": "f_eierform",
        "sentralitetsklasser": "f_klasse"}
OTHER_URL_KEYS = ("lang", "pres")


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
        if ss.get("lang") not in LANGUAGES:
            ss["lang"] = ss.get("_lang_saved", DEFAULT_LANGUAGE)
        if not isinstance(ss.get("pres"), bool):
            ss["pres"] = bool(ss.get("_pres_saved", False))
        ss["_lang_saved"], ss["_pres_saved"] = ss["lang"], ss["pres"]
        return
    try:
        _read_url(ss)
    except Exception:  # noqa: BLE001 - the start of a session must never crash
        errors.log("could not read the URL; showing the default view")
        ss["lang"], ss["pres"], ss["url_notices"], ss["url_unreadable"] = DEFAULT_LANGUAGE, False, [], True
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
    ss["lang"], ss["pres"] = lang, pres == "1"
    set_filters(parsed.filters)
    ss["url_notices"] = notices + parsed.ignored


def set_filters(f: Filters) -> None:
    """Put a filter into the widget keys (only before the widgets are drawn, or in a callback)."""
    for fld, key in KEYS.items():
        st.session_state[key] = list(getattr(f, fld))


def current() -> Filters:
    ss = st.session_state
    return Filters(**{fld: tuple(ss.get(key, getattr(DEFAULT, fld))) for fld, key in KEYS.items()})


def lang() -> str:
    value = st.session_state.get("lang")
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def presentation() -> bool:
    return bool(st.session_state.get("pres", False))


def sync_url() -> None:
    """Write the current state back to the URL (default values are left out)."""
    params = to_query_params(current())
    if lang() != DEFAULT_LANGUAGE:
        params["lang"] = [lang()]
    if presentation():
        params["pres"] = ["1"]
    if _query_params().get("del"):
        params["del"] = _query_params()["del"][:1]  # the page's part (dashboard.sections checks and writes it)
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
           "select_municipality", "set_filters"]
