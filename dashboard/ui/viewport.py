"""Whether the browser window is narrow (a phone, or a narrow window): the server cannot see the screen, so a
tiny component in the page reports it, and charts with long labels switch to a layout that reads there.

The component only speaks when the window's width class differs from what the server last heard: a wide
window costs no extra rerun, a phone one rerun on first load (and one when the window crosses the limit).
"""

from __future__ import annotations

import streamlit as st

from dashboard.ui import state

NARROW_PX = 640  # a window at most this wide gets the phone layout (the same limit as page.style's @media)
KEY = "_viewport"  # the component's state in the session: {"narrow": bool}

_JS = """
export default function(component) {
  const { data, setStateValue } = component;
  const q = window.matchMedia('(max-width: %dpx)');
  const report = () => { if (q.matches !== Boolean(data && data.narrow)) setStateValue('narrow', q.matches); };
  report();
  q.addEventListener('change', report);
  return () => q.removeEventListener('change', report);
}
""" % NARROW_PX

_component = st.components.v2.component("fs_viewport", js=_JS)


def narrow() -> bool:
    """What the browser reported last (False until it has: the wide layout is the default)."""
    return state.narrow()


def _heard(then) -> None:
    try:
        state.NARROW.set(bool(state.widget(KEY).get()["narrow"]))
    except (KeyError, TypeError):
        state.NARROW.set(False)
    then()


def probe(then=lambda: None) -> None:
    """Mount the reporter (draws nothing); a change of width class reruns the app, after ``then()`` (a callback:
    it may set widget values)."""
    _component(key=KEY, data={"narrow": narrow()}, default={"narrow": False},
               on_narrow_change=lambda: _heard(then), height=0)
