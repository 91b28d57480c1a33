"""Browser-test helpers. CI installs Debian's chromium (see .ci/run) and sets CI=1; there a missing
browser is a failure, never a skip."""

from __future__ import annotations

import os

import pytest

from bench.live import AXE, BENIGN, CHROMIUM, launch, streamlit_server, wait_rendered  # noqa: F401
from dashboard.paths import OUTPUT

SHOTS = OUTPUT / "screenshots"


def require(thing: str, ok: bool) -> None:
    if not ok:
        msg = f"{thing} mangler"
        if os.environ.get("CI"):
            pytest.fail(msg + " (i CI er en hoppet nettlesertest en feil)")
        pytest.skip(msg)
