"""Long pages in parts: only the chosen part's figures are built and sent per rerun.

A segmented control at the top of the page picks the part; the choice is kept in the URL (``?del=...``)
and for the session, and presentation mode's previous/next steps through the parts before leaving the page.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from dashboard.ui import state, url_state
from dashboard.ui.view import View

URL_KEY = "del"
# page (url path) -> its parts, in order; labels are "del.<page>.<part>" in messages.toml
PARTS: dict[str, tuple[str, ...]] = {
    "samarbeid": ("partnere", "faser", "tjenester", "lokaler"),
    "eierskap": ("eierform", "roller"),
    "betydning": ("velferd", "politikk"),
}


def key(page_path: str) -> str:
    return f"del_{page_path}"


def label(view: View, page_path: str, part: str) -> str:
    return view.t(f"del.{page_path}.{part}")


def show(view: View, page_path: str, parts: dict[str, Callable[[], None]]) -> str:
    """Draw the part chooser and the chosen part (from the control, the URL, the session, or the first)."""
    names = PARTS[page_path]
    assert tuple(parts) == names, f"{page_path}: parts {tuple(parts)} != {names}"
    k = key(page_path)
    # the widget's value is dropped when another page is shown; the saved copy is not
    chosen, saved = state.widget(k), state.widget(f"_{k}")
    if chosen.get() not in names:
        asked = url_state.param(URL_KEY)
        chosen.set(asked if asked in names else saved.get() if saved.get() in names else names[0])
    state.set_page_parts((k, names))
    st.segmented_control(view.t("del.velg"), names, format_func=lambda p: label(view, page_path, p), key=k,
                         required=True)
    part = saved.set(chosen.get())
    url_state.set_page_param(URL_KEY, None if part == names[0] else part)
    parts[part]()
    return part


def step(view: View, offset: int) -> tuple[str, str, str] | None:
    """(widget key, part, label) of the part ``offset`` away on this page, if there is one."""
    current = state.page_parts()
    if not current:
        return None
    k, names = current
    i = names.index(state.widget(k).get()) + offset
    if not 0 <= i < len(names):
        return None
    page_path = k.removeprefix("del_")
    return k, names[i], label(view, page_path, names[i])


def shown() -> tuple[str, str] | None:
    """(page, part) of the part on screen, if the page is drawn in parts."""
    current = state.page_parts()
    return (current[0].removeprefix("del_"), state.widget(current[0]).get()) if current else None


def titled(view: View, title: str) -> str:
    """A page's title with the part on screen ('Samarbeid – Faser og tilfredshet'), for the presentation."""
    part = shown()
    return f"{title} – {label(view, *part)}" if part else title


def begin_page() -> None:
    """A new page is being drawn: it has no parts until :func:`show` says so."""
    state.set_page_parts(None)


def end_page() -> None:
    """After the page is drawn: a part of another page in the URL means nothing here."""
    if state.page_parts() is None:
        url_state.set_page_param(URL_KEY, None)


def go(k: str, part: str) -> None:
    state.widget(k).set(part)
