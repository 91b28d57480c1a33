"""The data versions: id, when, by whom, the files with their sha256, row counts, and "Bruk denne"
to switch back and forth (the shipped demo build is always in the list)."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from dashboard.admin import audit
from dashboard.admin import flow as ops
from dashboard.data import versions
from dashboard.ui import fmt, state
from dashboard.ui.i18n import t

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
            state.ADMIN_CONFIRM_SWITCH.set(v.id)
        used = ops.mapping_of(v)
        if used is not None:
            c2.download_button(t("admin.versjon.mapping"), used, file_name=f"mapping-{v.id}.toml",
                               mime="application/toml", icon=":material/download:", key=f"map_{v.id}")
        if state.ADMIN_CONFIRM_SWITCH.get() == v.id:
            _confirm(v, current, user)


def _confirm(v: versions.DataVersion, current: str, user: str) -> None:
    st.markdown(t("admin.bekreft.bruk_denne", hva=public_view(v)))
    c1, c2 = st.columns(2)
    if c1.button(t("admin.bekreft.ja_bytt"), type="primary", key=f"use_yes_{v.id}"):
        state.ADMIN_CONFIRM_SWITCH.pop()
        try:
            ops.switch(v.id, user, expect=current)
        except ops.Stale:
            state.ADMIN_SWITCH_STALE.set(True)
            st.rerun()
        state.ADMIN_SWITCHED.set(v.id)
        st.rerun()
    if c2.button(t("admin.bekreft.nei"), key=f"use_no_{v.id}"):
        state.ADMIN_CONFIRM_SWITCH.pop()
        st.rerun()


def public_view(v: versions.DataVersion) -> str:
    """What every visitor sees with version ``v``: its kind, its sources and its row counts."""
    kind = t("admin.bekreft.demo" if v.kind == "demo" else "admin.bekreft.importert")
    tables = v.manifest.get("tabeller", {})
    counts = ", ".join(t(f"admin.versjon.rader.{n}", antall=fmt.integer(tables[n].get("rader", 0)))
                       for n in ("sentraler", "respondenter") if n in tables)
    files = ", ".join(fmt.plain(f["navn"]) for f in v.manifest.get("filer", []))
    return t("admin.bekreft.hva", versjon=v.id, type=kind, antall=counts) + (
        " " + t("admin.bekreft.filer", filer=files) if files else "")


def render(user: str) -> None:
    st.header(t("admin.versjoner"), anchor=False)
    if state.ADMIN_SWITCH_STALE.pop(False):
        st.warning(t("admin.bytte_utdatert"), icon=":material/sync_problem:")
    switched = state.ADMIN_SWITCHED.pop()
    if switched:
        st.success(t("admin.byttet", versjon=switched), icon=":material/swap_horiz:")
    current = versions.current().id
    importers = audit.importers()
    listed = versions.available()
    for v in [listed[0], *sorted(listed[1:], key=lambda x: x.manifest.get("importert", ""), reverse=True)]:
        _one(v, current, importers, user)
