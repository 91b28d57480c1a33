"""Unexpected errors: a friendly Norwegian message for the visitor, the traceback in the server log.

Visitors never see code, file paths or exception text (``client.showErrorDetails = "none"`` in
.streamlit/config.toml covers what escapes this). Under Streamlit's test harness (AppTest) errors
are raised as before, so a page that fails still fails its test.
"""

from __future__ import annotations

import logging
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

LOG = logging.getLogger("dashboard")
if not LOG.handlers:  # the server's own log (stderr), with time and traceback
    _handler = logging.StreamHandler(sys.stderr)
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    LOG.addHandler(_handler)
    LOG.setLevel(logging.INFO)

SURFACE_IN_TESTS = True  # tests of the friendly message itself set this to False


def surface() -> bool:
    """True when running under AppTest: let the exception reach the test."""
    return SURFACE_IN_TESTS and "streamlit.testing.v1.app_test" in sys.modules


def log(what: str) -> str:
    """Log the exception being handled with a short reference the visitor can quote; return it."""
    ref = uuid.uuid4().hex[:8]
    LOG.exception("%s (referanse %s)", what, ref)
    return ref


@contextmanager
def friendly(what: str = "page failed") -> Iterator[None]:
    """Run a block; an unexpected exception becomes a friendly message (st.rerun, st.stop and
    st.switch_page raise BaseException and pass through untouched)."""
    try:
        yield
    except Exception:
        if surface():
            raise
        ref = log(what)
        import streamlit as st

        from dashboard.ui.i18n import t

        st.error(t("feil.side", ref=ref), icon=":material/error:")
