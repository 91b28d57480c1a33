"""The data versions: id, when, by whom, the files with their sha256, row counts, and "Bruk denne"
to switch back and forth (the shipped demo build is always in the list)."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from dashboard import fmt, versions
from dashboard.admin import audit
from dashboard.admin import flow as ops
from dashboard.i18n import t

COUNTED = ("sentraler", "respondenter", "svar")


def when(v: versions.DataVersion) -> str:
    stamp = v.manifest.get("importert")
    if not stamp:
        return t("admin.versjon.levert")
    moment = dt.datetime.fromisoformat(stamp).astimezone(dt.UTC)
    return t("admin.versjon.tid", dato=fmt.date(moment.date()), klokke=moment.strftime("%H:%M"))


def who(v: versions.DataVersion, importers: dict[str, str]) -> str:
    return importers.get(v.id) or v.manifest.get("importert_av") or t("admin.versjon.bygget")


def rows(v: versions.DataVersion) -> str:
    tables = v.manifest.get("tabeller", {})
    return ", ".join(t(f"admin.versjon.rader.{n}", antall=fmt.integer(tables[n].get("rader", 0)))
                     for n in COUNTED if n in tables)


def _one(v: versions.DataVersion, current: str, importers: dict[str, str], user: str) -> None:
    with st.container(border=True):
        c1, c2 = st.columns([5, 1])
        mark = f" — **{t('admin.versjon.i_bruk')}**" if v.id == current else ""
        kind = t("data.demo") if v.kind == "demo" else t("data.importert")
        c1.markdown(f"**{v.id}** ({kind}){mark}  \n{when(v)} · {t('admin.versjon.av', bruker=who(v, importers))}"
                    f"  \n{rows(v)}")
        for f in v.manifest.get("filer", []):
            c1.caption(t("admin.versjon.fil", rolle=t(f"admin.fil.{f['rolle']}"), navn=f["navn"], sha=f["sha256"]))
        if c2.button(t("admin.bruk_denne"), key=f"use_{v.id}", disabled=v.id == current):
            ops.switch(v.id, user)
            st.session_state["_admin_switched"] = v.id
            st.rerun()


def render(user: str) -> None:
    st.header(t("admin.versjoner"), anchor=False)
    switched = st.session_state.pop("_admin_switched", None)
    if switched:
        st.success(t("admin.byttet", versjon=switched), icon=":material/swap_horiz:")
    current = versions.current().id
    importers = audit.importers()
    listed = versions.available()
    for v in [listed[0], *sorted(listed[1:], key=lambda x: x.manifest.get("importert", ""), reverse=True)]:
        _one(v, current, importers, user)
