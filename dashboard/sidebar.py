"""The sidebar shared by every page: language, the global filters, data version and sources."""

from __future__ import annotations

import streamlit as st

from dashboard import state, versions
from dashboard.filters import DEFAULT
from dashboard.i18n import LANGUAGES, t


def _reset() -> None:
    state.set_filters(DEFAULT)


def render() -> None:
    lang = state.lang()
    opts = state.options(lang)
    with st.sidebar:
        st.segmented_control(t("sidebar.language"), LANGUAGES, key=state.LANG,
                             format_func=lambda code: t(f"lang.{code}"), selection_mode="single",
                             required=True)
        st.toggle(t("pres.modus"), key=state.PRES, help=t("pres.hjelp"))
        st.header(t("sidebar.filters"), anchor=False)
        st.multiselect(t("filter.fylke"), list(opts.fylker), key=state.KEYS["fylker"],
                       format_func=lambda c: opts.fylker.get(c, c), placeholder=t("filter.alle_fylker"))
        allowed = state.municipalities_in_chosen_counties(opts)
        st.multiselect(t("filter.kommune"), list(allowed), key=state.KEYS["kommuner"],
                       format_func=lambda c: allowed.get(c, c), placeholder=t("filter.alle_kommuner"))
        st.multiselect(t("filter.eierform"), list(opts.eierformer), key=state.KEYS["eierformer"],
                       format_func=lambda c: opts.eierformer.get(c, c), placeholder=t("filter.alle_eierformer"),
                       help=t("filter.eierform_hjelp"))
        st.multiselect(t("filter.klasse"), list(opts.sentralitetsklasser), key=state.KEYS["sentralitetsklasser"],
                       format_func=lambda k: t("filter.klasse_verdi", klasse=k), placeholder=t("filter.alle_klasser"),
                       help=t("filter.klasse_hjelp"))
        st.button(t("filter.nullstill"), on_click=_reset, icon=":material/restart_alt:",
                  disabled=state.current() == DEFAULT, width="stretch")
        st.divider()
        v = versions.current()
        kind = t("data.demo") if v.kind == "demo" else t("data.importert")
        st.caption(t("sidebar.dataversjon", versjon=v.id, type=kind))
        st.caption(t("sidebar.kilder"))
