"""Where the co-creation checklist keeps its work: the link (``?sk=``) and the browser's own storage, plus a
JSON file to download and upload (see dashboard/ui/workshop.py for why). The session holds the workshop while
the page is open; every widget writes into it as it changes, and each rerun writes it to the link and,
by a small script, to localStorage. A new session without the link asks the browser for what it kept."""

from __future__ import annotations

import html
import json

import streamlit as st

from dashboard.ui import state, url_state
from dashboard.ui.view import View
from dashboard.ui.workshop import (
    ITEMS,
    NONE,
    STATUS,
    STORAGE_KEY,
    URL_KEY,
    URL_MAX,
    Checklist,
    Workshop,
    WorkshopError,
    from_file,
    from_link,
    to_file,
    to_link,
)

KEY = "sk_"  # session-state prefix of the checklist widgets
WS, RESTORE, NOTICE = state.WORKSHOP, state.WORKSHOP_RESTORE, state.WORKSHOP_NOTICE


def _widget(name: str) -> state.Slot:
    return state.widget(f"{KEY}{name}")


def _to_widgets(w: Workshop) -> None:
    c = w.get(w.active)
    _widget("kommune").set(None if w.active == NONE else w.active)
    for i in ITEMS:
        _widget(f"{i}_status").set(c.status.get(i, STATUS[0]))
        _widget(f"{i}_notat").set(c.notes.get(i, ""))
    _widget("drivere_notat").set(c.drivers)


def _from_widgets(w: Workshop) -> None:
    w.lists[w.active] = Checklist({i: _widget(f"{i}_status").get() or STATUS[0] for i in ITEMS},
                                  {i: _widget(f"{i}_notat").get() or "" for i in ITEMS},
                                  _widget("drivere_notat").get() or "")


def _from_url(opts) -> Workshop:
    text = url_state.param(URL_KEY)
    w = Workshop()
    if text:
        try:
            w = from_link(text)
        except WorkshopError as exc:
            NOTICE.set(("error", exc.key, exc.fields))
    w.lists = {k: c for k, c in w.lists.items() if k == NONE or k in opts.kommuner}
    if w.active not in w.lists and w.active not in opts.kommuner:
        w.active = NONE
    chosen = state.current().kommuner
    if w.active == NONE and not w.kept() and len(chosen) == 1 and chosen[0] in opts.kommuner:
        w.active = chosen[0]  # a workshop about the municipality the filter shows
    return w


def load(opts) -> Workshop:
    """The session's workshop: from the link on the session's first run, and into the widgets whenever
    they are about to be drawn afresh (first run, or back from another page)."""
    RESTORE.set(not WS.present() and not url_state.param(URL_KEY))
    if not WS.present():
        _to_widgets(WS.set(_from_url(opts)))
    elif not _widget("kommune").present():
        _to_widgets(WS.get())
    return WS.get()


def current() -> Checklist:
    w = WS.get()
    return w.get(w.active)


def save() -> None:
    """A widget changed: write the widgets into the open checklist."""
    _from_widgets(WS.get())


def switch() -> None:
    """Another municipality was chosen: keep the one open, open the chosen one."""
    w = WS.get()
    _from_widgets(w)
    w.active = _widget("kommune").get() or NONE
    _to_widgets(w)


def clear() -> None:
    """Empty the open municipality's checklist (the others stay)."""
    w = WS.get()
    w.lists.pop(w.active, None)
    _to_widgets(w)


def _texts(view: View) -> dict[str, str]:
    return {k: view.t(f"samskaping.lagret.{k}") for k in ("begge", "nettleser", "lenke", "ingen", "tom")}


def keep(view: View) -> None:
    """Write the workshop to the link and the browser, and say where it is kept (the script corrects the
    line if the browser refuses to store it). Leaving while a note is being typed asks first."""
    link = to_link(WS.get())
    in_link = bool(link) and len(link) <= URL_MAX
    url_state.set_page_param(URL_KEY, link if in_link else None)
    said = "tom" if not link else "begge" if in_link else "nettleser"
    texts = _texts(view)
    config = json.dumps({"key": STORAGE_KEY, "link": link, "inLink": in_link, "restore": bool(RESTORE.get()),
                         "url": URL_KEY, "texts": texts})
    script = _SCRIPT.replace("__CONFIG__", config.replace("</", "<\\/"))
    st.html(f'<p id="sk-keep" class="sk-keep" role="status" data-kept="{said}">{html.escape(texts[said])}</p>'
            f"<script>{script}</script>{_STYLE}", unsafe_allow_javascript=True)
    if (NOTICE.get() or ("", ""))[1] == "lenke":
        NOTICE.pop()
        st.warning(view.t("samskaping.feil.lenke"), icon=":material/link_off:")
    with st.expander(view.t("samskaping.lagring_tittel"), icon=":material/save:"):
        st.markdown(view.t("samskaping.lagring_hvorfor"))


_STYLE = """<style>.sk-keep { border-left: 6px solid #1a7f37; background: #eef8f0; color: #12361d; margin: 0;
  padding: .5rem .8rem; border-radius: .3rem; font-weight: 600; }
.sk-keep[data-kept="tom"] { border-color: #6e7781; background: #f1f4f8; color: #1f2328; font-weight: 400; }
.sk-keep[data-kept="ingen"] { border-color: #b42318; background: #fdeceb; color: #5c0f0a; }</style>"""

# The browser's side: restore from localStorage on a session's first run without a link (by reloading
# with it in the link), else store or forget; say where the work is kept; warn before leaving while a
# note is typed but not yet sent (Streamlit sends a note when the box loses focus).
_SCRIPT = """(() => {
  const c = __CONFIG__, w = window, line = document.getElementById('sk-keep');
  let stored = false;
  try {
    if (c.restore) {
      const old = localStorage.getItem(c.key), u = new URL(location.href);
      if (old && !u.searchParams.has(c.url)) { u.searchParams.set(c.url, old); location.replace(u.href); return; }
    } else if (c.link) { localStorage.setItem(c.key, c.link); } else { localStorage.removeItem(c.key); }
    stored = true;
  } catch (e) { stored = false; }
  const kept = !c.link ? 'tom' : (stored && c.inLink) ? 'begge' : stored ? 'nettleser' : c.inLink ? 'lenke' : 'ingen';
  if (line && !c.restore) { line.dataset.kept = kept; line.textContent = c.texts[kept]; }
  w.__skUnkept = kept === 'ingen';
  if (!w.__skGuard) {
    w.__skGuard = true;
    const isNote = e => e.target && e.target.tagName === 'TEXTAREA' && document.getElementById('sk-keep');
    document.addEventListener('input', e => { if (isNote(e)) w.__skDirty = true; }, true);
    document.addEventListener('focusout', e => { if (isNote(e)) w.__skDirty = false; }, true);
    w.addEventListener('beforeunload', e => {
      const unkept = w.__skDirty || w.__skUnkept;
      if (document.getElementById('sk-keep') && unkept) { e.preventDefault(); e.returnValue = ''; }
    });
  }
})();"""


def _upload(known: set[str]) -> None:
    f = _widget("fil").get()
    if f is None:
        return
    try:
        w = from_file(f.getvalue(), known)
    except WorkshopError as exc:
        NOTICE.set(("error", exc.key, exc.fields | {"fil": f.name}))
        return
    _to_widgets(WS.set(w))
    NOTICE.set(("success", "lastet_opp", {"fil": f.name, "antall": str(len(w.kept()))}))


def files(opts, view: View) -> None:
    """The whole workshop (every municipality) as a JSON file, and the upload that goes on from one."""
    from dashboard.ui.charts import slug

    w = WS.get()
    names = {k: opts.kommuner.get(k, "") for k in w.lists}
    st.download_button(view.t("samskaping.last_ned_json"), data=to_file(w, names),
                       file_name=f"samskaping-verksted-{slug('-'.join(n for n in names.values() if n) or 'tom')}.json",
                       mime="application/json", icon=":material/data_object:", on_click="ignore",
                       help=view.t("samskaping.last_ned_json_hjelp"), disabled=not w.kept(), key=f"{KEY}json")
    st.file_uploader(view.t("samskaping.last_opp"), type=["json"], key=f"{KEY}fil", on_change=_upload,
                     args=(set(opts.kommuner),), help=view.t("samskaping.last_opp_hjelp"))
    notice = NOTICE.pop()
    if notice and notice[0] == "success":
        st.success(view.t("samskaping.lastet_opp", **notice[2]), icon=":material/upload_file:")
    elif notice:
        st.error(view.t(f"samskaping.feil.{notice[1]}", **notice[2]), icon=":material/error:")
