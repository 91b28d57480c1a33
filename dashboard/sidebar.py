"""The sidebar shared by every page: language, the global filters, data version and sources."""

from __future__ import annotations

import streamlit as st

from dashboard import state, versions
from dashboard.filters import DEFAULT
from dashboard.i18n import LANGUAGES
from dashboard.view import View


def _reset() -> None:
    state.set_filters(DEFAULT)


def render(view: View | None = None) -> None:
    view = view or state.view()  # bench/floor_app draws the sidebar without a page
    opts = state.options(view.lang)
    with st.sidebar:
        st.segmented_control(view.t("sidebar.language"), LANGUAGES, key=state.LANG,
                             format_func=lambda code: view.t(f"lang.{code}"), selection_mode="single",
                             required=True)
        st.toggle(view.t("pres.modus"), key=state.PRES, help=view.t("pres.hjelp"))
        st.header(view.t("sidebar.filters"), anchor=False)
        st.multiselect(view.t("filter.fylke"), list(opts.fylker), key=state.KEYS["fylker"],
                       format_func=lambda c: opts.fylker.get(c, c), placeholder=view.t("filter.alle_fylker"))
        allowed = state.municipalities_in_chosen_counties(opts)
        st.multiselect(view.t("filter.kommune"), list(allowed), key=state.KEYS["kommuner"],
                       format_func=lambda c: allowed.get(c, c), placeholder=view.t("filter.alle_kommuner"))
        st.multiselect(view.t("filter.eierform"), list(opts.eierformer), key=state.KEYS["eierformer"],
                       format_func=lambda c: opts.eierformer.get(c, c), placeholder=view.t("filter.alle_eierformer"),
                       help=view.t("filter.eierform_hjelp"))
        st.multiselect(view.t("filter.klasse"), list(opts.sentralitetsklasser), key=state.KEYS["sentralitetsklasser"],
                       format_func=lambda k: view.t("filter.klasse_verdi", klasse=k),
                       placeholder=view.t("filter.alle_klasser"), help=view.t("filter.klasse_hjelp"))
        st.button(view.t("filter.nullstill"), on_click=_reset, icon=":material/restart_alt:",
                  disabled=state.current() == DEFAULT, width="stretch")
        st.divider()
        v = versions.current()
        kind = view.t("data.demo") if v.kind == "demo" else view.t("data.importert")
        st.caption(view.t("sidebar.dataversjon", versjon=v.id, type=kind))
        st.caption(view.t("sidebar.kilder"))
