"""Shared fixtures. The shipped build in data/built is what the app reads; tests read it too. The demo export
the import tests spoil, and the Streamlit server and headless Chromium the browser tests share (one of each per
test module, as each module of browser tests needs its own server state)."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pytest

from dashboard import paths
from dashboard.data import versions
from dashboard.importer.template import export_demo, mapping_text
from tests.browser import CHROMIUM, launch, require, streamlit_server
from tests.support import seeds

# AppTest runs pages outside a browser session; Streamlit logs a harmless warning about it.
logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").setLevel(logging.ERROR)

# Disclosure decisions by data fingerprint, shared by every test, worker and subprocess of this run: the many
# imports of the same test files decide once (set before the workers start, so they inherit it), and the
# decisions kept from earlier runs of the same code are planted in it (tests/support/seeds.py).
PLANTED = None
CODE = seeds.code_hash()  # the code the decisions of this run rest on (kept only if unchanged at the end)
if "DASHBOARD_DECISION_CACHE" not in os.environ:
    os.environ["DASHBOARD_DECISION_CACHE"] = tempfile.mkdtemp(prefix="vern-")
    PLANTED = seeds.plant(Path(os.environ["DASHBOARD_DECISION_CACHE"]))


def pytest_report_header(config):
    if PLANTED == 0:
        return ("tests/decisions: kept disclosure decisions are from other code, this run decides anew "
                "(renew them: DASHBOARD_KEEP_DECISIONS=1 make test)")
    return f"tests/decisions: {PLANTED} kept disclosure decisions planted" if PLANTED else None


def pytest_sessionfinish(session, exitstatus):
    # Collecting no tests is a failure here, never a silent pass (pytest's exit code 5).
    if session.testscollected == 0 and exitstatus == 5:
        session.exitstatus = 1
    if os.environ.get("DASHBOARD_KEEP_DECISIONS") and not hasattr(session.config, "workerinput"):
        if seeds.code_hash() == CODE:
            seeds.keep(Path(os.environ["DASHBOARD_DECISION_CACHE"]), code=CODE)
        else:
            print("\ntests/decisions: koden endret seg under kjøringen; beslutningene er ikke lagret")


@pytest.fixture(scope="session")
def built():
    return versions.shipped()


@pytest.fixture(scope="session")
def table(built):
    cache: dict[str, pd.DataFrame] = {}

    def read(name: str) -> pd.DataFrame:
        if name not in cache:
            cache[name] = pd.read_parquet(built.table_path(name))
        return cache[name].copy()

    return read


@pytest.fixture()
def isolated_state(tmp_path, monkeypatch):
    """Imported versions and the version marker in a temporary folder."""
    monkeypatch.setattr(paths, "VERSIONS", tmp_path / "versions")
    return tmp_path / "versions"


# -- the demo export, for the import tests ----------------------------------------------------------

@pytest.fixture(scope="session")
def good(tmp_path_factory):
    """The demo data exported the way a survey tool and a register would deliver them."""
    out = tmp_path_factory.mktemp("demo_export")
    files = export_demo(out)
    mapping = out / "mapping.toml"
    mapping.write_text(mapping_text(template=False), encoding="utf-8")
    files["mapping"] = mapping
    return files


@pytest.fixture()
def files(good, tmp_path):
    """A private copy of the good files for one test to spoil."""
    out = {}
    for role, p in good.items():
        out[role] = tmp_path / p.name
        shutil.copy(p, out[role])
    return out


# -- a real server and headless Chromium, for the browser tests --------------------------------------

@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with streamlit_server(tmp_path_factory.mktemp("state")) as (url, _proc):
        yield url


@pytest.fixture(scope="module")
def browser():
    require("Chromium (/usr/bin/chromium)", CHROMIUM is not None)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()
