"""The page's steps: upload, mapping, check, preview against today, take into use."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from dashboard.admin import check_report, mapping_editor, preview, settle, upload, versions_panel, work
from dashboard.admin import flow as ops
from dashboard.admin.flow import Flow
from dashboard.data import gateway, versions
from dashboard.ui import fmt, state
from dashboard.ui.i18n import t

EXPECTED_MESSAGES = 12  # progress messages of a typical import: the bar's scale


def current_flow(user: str) -> Flow:
    """This session's work; a new session (reload, new login) takes up the administrator's saved work."""
    flow = state.ADMIN_FLOW.get()
    if flow is None or flow.workspace.closed:
        flow = state.ADMIN_FLOW.set(work.restore(user) or Flow())
    return flow


def restored_notice(flow: Flow) -> None:
    if not flow.restored_at:
        return
    missing = [t(f"admin.fil.{r}") + f" ({fmt.plain(m['navn'])})" for r, m in flow.expected.items()
               if r not in flow.workspace.files]
    st.info(t("admin.arbeid.hentet", tid=_clock(flow.restored_at)) +
            (" " + t("admin.arbeid.last_opp_igjen", filer="; ".join(missing)) if missing else ""),
            icon=":material/restore:")


def _clock(stamp: str) -> str:
    moment = dt.datetime.fromisoformat(stamp).astimezone(dt.UTC)
    return t("admin.arbeid.tid", dato=fmt.date(moment.date()), klokke=moment.strftime("%H:%M"))


def import_lock_notice(user: str) -> bool:
    """Another administrator's import running now, said on the page; True when one is."""
    running = ops.import_in_progress()
    if running is None or running[0] == user:
        return False
    _lock_warning(*running)
    return True


def _lock_warning(who: str, since: float) -> None:
    klokke = dt.datetime.fromtimestamp(since, dt.UTC).strftime("%H:%M")
    st.warning(t("admin.las.importerer", bruker=fmt.plain(who), klokke=klokke), icon=":material/lock_clock:")


def _progress(bar):
    seen = [0]

    def report(message: str) -> None:
        seen[0] += 1
        bar.progress(min(seen[0] / EXPECTED_MESSAGES, 0.95), text=message[:140])

    return report


def upload_step(flow: Flow) -> None:
    st.header(t("admin.steg1"), anchor=False)
    st.markdown(t("admin.steg1_tekst", grense=fmt.integer(upload.limit_bytes() // (1024 * 1024))))
    for role in upload.ROLES:
        got = st.file_uploader(t(f"admin.fil.{role}"), type=[s.lstrip(".") for s in upload.SUFFIXES],
                               key=f"up_{role}_{id(flow.workspace)}")
        stored = flow.workspace.files.get(role)
        if got is not None and (stored is None or stored.name != got.name or stored.size != got.size):
            try:
                stored = flow.workspace.save(role, got.name, got.getvalue())
                flow.forget_check()
            except upload.UploadRefused as exc:
                flow.workspace.remove(role)
                st.error(fmt.plain(str(exc), 300), icon=":material/block:")
                continue
        if stored is not None:  # kept when the uploader is emptied (a page switch); replaced by a new upload
            st.caption(t("admin.fil.lagret", fil=fmt.plain(stored.name), storrelse=fmt.integer(stored.size),
                         sha=stored.sha256))
            expected = flow.expected.get(role)
            if expected and expected["sha256"] != stored.sha256 and flow.base is not None:
                st.warning(t("admin.arbeid.annen_fil", fil=fmt.plain(stored.name), navn=fmt.plain(expected["navn"])),
                           icon=":material/difference:")


def mapping_step(flow: Flow) -> None:
    st.header(t("admin.steg2"), anchor=False)
    st.markdown(t("admin.steg2_tekst"))
    if st.button(t("admin.mapping.lag_forslag"), icon=":material/auto_fix_high:", disabled=not flow.ready(),
                 key="admin_draft"):
        _make_draft(flow)
    mapping_editor.upload_mapping(flow)
    for note in flow.notes:
        st.info(note, icon=":material/info:")
    open_choices = st.container()  # drawn above the tables, filled after them: it lists what is open after this edit
    mapping_editor.editor(flow)
    with open_choices:
        settle.render(flow)
    mapping_editor.download(flow)


def _make_draft(flow: Flow) -> None:
    try:
        from dashboard.importer.draft import DraftError, draft
    except ImportError:
        st.warning(t("admin.mapping.ingen_forslag"), icon=":material/construction:")
        return
    f = flow.workspace.files
    try:
        with st.spinner(t("admin.mapping.lager_forslag")):
            d = draft(f["register"].path, f["frivilligsentral"].path, f["kommune"].path,
                      diskurs=f["diskurs"].path if "diskurs" in f else None)
    except DraftError as exc:
        st.error(fmt.plain(str(exc), 300), icon=":material/error:")
        return
    notes = [f"[{sec}] {key}: {why}" for sec, key, why in getattr(d, "todos", [])]
    notes += [f"[{sec}] {text}" for sec, text in getattr(d, "warnings", [])]
    flow.set_mapping(d.data, getattr(d, "scores", {}), notes)


def check_step(flow: Flow) -> None:
    st.header(t("admin.steg3"), anchor=False)
    st.markdown(t("admin.steg3_tekst"))
    if st.button(t("admin.kontroller"), icon=":material/fact_check:", disabled=not (flow.ready() and flow.data),
                 key="admin_check"):
        bar = st.progress(0.0, text=t("admin.kontrollerer"))
        ops.check(flow, _progress(bar))
        bar.empty()
    c = flow.check
    if c is None:
        return
    names = {s.name: r for r, s in flow.workspace.files.items()}
    report, problems = check_report.markdown(c.result, names) if c.result is not None else (c.report, c.errors)
    if c.fingerprint != flow.fingerprint():
        st.info(t("admin.kontroll_utdatert"), icon=":material/update:")
    elif c.ok:
        st.success(t("admin.kontroll_ok", merknader=fmt.integer(c.warnings)), icon=":material/check_circle:")
    else:
        st.error(t("admin.kontroll_feil", antall=fmt.integer(problems)), icon=":material/error:")
    with st.expander(t("admin.rapport"), expanded=not c.ok):
        st.markdown(report)


def preview_step(flow: Flow, user: str) -> None:
    st.header(t("admin.steg4"), anchor=False)
    held = ops.supports_preview()
    st.markdown(t("admin.steg4_tekst" if held else "admin.steg4_uten_forhand"))
    label = t("admin.forhandsvis" if held else "admin.importer_direkte")
    locked = import_lock_notice(user)
    clicked = flow.new_version is None and st.button(label, type="primary", icon=":material/preview:",
                                                     disabled=not flow.checked() or locked, key="admin_import")
    # locked: a click from a page drawn before another admin's import began is refused (the notice says why)
    if clicked and not locked:
        bar = st.progress(0.0, text=t("admin.importerer"))
        try:
            result = ops.write_new(flow, user, _progress(bar))
        except ops.Busy as busy:  # another import started after this page was drawn: nothing was written
            bar.empty()
            _lock_warning(*busy.args)
            return
        bar.progress(1.0, text=t("admin.importert"))
        if not result.ok:
            st.rerun()
    if flow.new_version and held:
        _show_preview(flow)


def _privacy_warning(flow: Flow, p: preview.Preview) -> None:
    """Survey groups shown before and after that differ by 1-4 respondents, and a button to withhold them."""
    if not p.small_differences:
        return
    listed = "\n".join(f"- {d}" for d in p.small_differences[:20])
    more = len(p.small_differences) - 20
    st.warning(t("admin.forhand.liten_forskjell_tittel", antall=len(p.small_differences)) + "\n\n" + listed
               + (f"\n- {t('admin.forhand.flere', antall=more)}" if more > 0 else "")
               + "\n\n" + t("admin.forhand.liten_forskjell_rad"), icon=":material/privacy_tip:")
    if st.button(t("admin.forhand.skjul_grupper"), key="admin_withhold", icon=":material/visibility_off:"):
        with st.spinner(t("admin.forhand.beregner")):
            gateway.withhold_differences(versions.current(), preview.find(flow.new_version))
        flow.preview = None
        st.rerun()


def _show_preview(flow: Flow) -> None:
    if flow.preview is None:
        with st.spinner(t("admin.forhand.beregner")):
            flow.preview = preview.compare(versions.current(), preview.find(flow.new_version), state.lang())
    p = flow.preview
    st.info(t("admin.forhand.skrevet", versjon=flow.new_version), icon=":material/visibility_off:")
    if p.warnings:
        st.warning(t("admin.forhand.se_over") + "\n" + "\n".join(f"- {w}" for w in p.warnings),
                   icon=":material/warning:")
    _privacy_warning(flow, p)
    st.subheader(t("admin.forhand.nokkeltall_tittel"), anchor=False)
    st.table(p.headline.set_index(p.headline.columns[0]))
    st.subheader(t("admin.forhand.endringer_tittel"), anchor=False)
    if p.summary:
        st.markdown("\n".join(f"- {s}" for s in p.summary))  # codebook labels and numbers, no file text
        st.dataframe(p.changes, hide_index=True, width="stretch")
    else:
        st.markdown(t("admin.forhand.ingen_endringer"))
    st.subheader(t("admin.forhand.n_tittel"), anchor=False)
    st.table(p.n.set_index(list(p.n.columns[:2])))


def use_step(flow: Flow, user: str) -> None:
    st.header(t("admin.steg5"), anchor=False)
    done = state.ADMIN_DONE.get()
    if done:
        st.success(t("admin.tatt_i_bruk", versjon=done), icon=":material/check_circle:")
    if flow.new_version and flow.new_version != versions.current().id:
        if flow.previewed_from and flow.previewed_from != versions.current().id:
            st.error(t("admin.utdatert_forhand", versjon=versions.current().id), icon=":material/sync_problem:")
            return
        if st.button(t("admin.ta_i_bruk"), type="primary", icon=":material/published_with_changes:",
                     key="admin_use"):
            state.ADMIN_CONFIRM.set("use")
        if state.ADMIN_CONFIRM.get() == "use":
            _confirm_use(flow, user)
    elif flow.new_version:  # an importer without switch=False already made it current
        state.ADMIN_DONE.set(flow.new_version)
        flow.workspace.close()
        work.forget(user)
        state.ADMIN_FLOW.pop()
        st.rerun()


def _confirm_use(flow: Flow, user: str) -> None:
    with st.container(border=True):
        st.markdown(t("admin.bekreft.ta_i_bruk", hva=versions_panel.public_view(preview.find(flow.new_version))))
        c1, c2 = st.columns(2)
        yes = c1.button(t("admin.bekreft.ja_ta_i_bruk"), type="primary", key="admin_use_yes")
        if c2.button(t("admin.bekreft.nei"), key="admin_use_no"):
            state.ADMIN_CONFIRM.pop()
            st.rerun()
    if not yes:
        return
    state.ADMIN_CONFIRM.pop()
    try:
        v = ops.take_into_use(flow, user)
    except ops.Stale:
        st.rerun()
    state.ADMIN_DONE.set(v.id)
    work.forget(user)
    state.ADMIN_FLOW.pop()
    st.rerun()


def cancel_button(flow: Flow, user: str) -> None:
    anything = flow.workspace.files or flow.new_version or flow.base is not None
    if st.button(t("admin.avbryt"), icon=":material/delete:", disabled=not anything, key="admin_cancel"):
        ops.cancel(flow, user)
        work.forget(user)
        state.ADMIN_FLOW.pop()
        state.ADMIN_CANCELLED.set(True)
        st.rerun()
    if state.ADMIN_CANCELLED.pop(False):
        st.success(t("admin.avbrutt"), icon=":material/delete:")
