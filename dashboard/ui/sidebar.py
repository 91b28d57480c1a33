"""The sidebar shared by every page: language, the global filters, data version and sources."""

from __future__ import annotations

import streamlit as st

from dashboard.data import versions
from dashboard.data.filters import DEFAULT, SPECS, FilterSpec, Options
from dashboard.ui import state
from dashboard.ui.i18n import LANGUAGES
from dashboard.ui.options import options
from dashboard.ui.view import View


def _reset() -> None:
    state.set_filters(DEFAULT)


def _choices(spec: FilterSpec, opts: Options, view: View) -> dict:
    """The values a filter's widget offers, with their labels; municipalities only in the chosen counties
    (asked between the county and the municipality widgets, which SPECS' order gives)."""
    if spec.field == "kommuner":
        return state.municipalities_in_chosen_counties(opts)
    values = getattr(opts, spec.field)
    if spec.value_label is None:
        return dict(values)
    return {v: view.t(spec.value_label, **{spec.url: v}) for v in values}


def render(view: View | None = None) -> None:
    view = view or state.view()  # bench/floor_app draws the sidebar without a page
    opts = options(view.lang)
    with st.sidebar:
        st.segmented_control(view.t("sidebar.language"), LANGUAGES, key=state.LANG,
                             format_func=lambda code: view.t(f"lang.{code}"), selection_mode="single",
                             required=True)
        st.toggle(view.t("pres.modus"), key=state.PRES, help=view.t("pres.hjelp"))
        st.header(view.t("sidebar.filters"), anchor=False)
        for spec in SPECS:
            choices = _choices(spec, opts, view)
            st.multiselect(view.t(spec.label), list(choices), key=spec.widget,
                           format_func=lambda c, choices=choices: choices.get(c, c),
                           placeholder=view.t(spec.placeholder), help=view.t(spec.help) if spec.help else None)
        st.button(view.t("filter.nullstill"), on_click=_reset, icon=":material/restart_alt:",
                  disabled=state.current() == DEFAULT, width="stretch")
        st.divider()
        v = versions.current()
        kind = view.t("data.demo") if v.kind == "demo" else view.t("data.importert")
        st.caption(view.t("sidebar.dataversjon", versjon=v.id, type=kind))
        st.caption(view.t("sidebar.kilder"))
