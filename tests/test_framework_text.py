"""Streamlit's own English strings in Norwegian (issue 24): every string on the list has a bokmål and a nynorsk
message that is not the English, the patterns keep what they capture, and every page carries the script with the
session's language. The browser half (no English string on any page, <html lang>) is in
tests/test_browser_viewports.py."""

from __future__ import annotations

import json
import re

import pytest

from dashboard.ui import framework_text
from dashboard.ui.view import View
from tests.support.apptest import run_page


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_every_framework_string_has_a_norwegian_text(lang):
    cfg = framework_text.config(View(lang))
    assert cfg["lang"] == lang
    assert set(cfg["exact"]) == set(framework_text.EXACT)
    for en, no in cfg["exact"].items():
        assert no and no != en, en
    for pattern, to in cfg["patterns"]:
        assert "$1" in to and not re.match(pattern, to), pattern


def test_the_patterns_match_what_streamlit_writes():
    said = {"Help for Eierform": "Hjelp om Eierform", "Remove Klasse 5": "Fjern Klasse 5",
            "16 options available.": "16 valg tilgjengelig.", "50MB per file": "50 MB per fil",
            "Fullscreen: Kart": "Fullskjerm: Kart"}
    cfg = framework_text.config(View("nb"))
    for en, no in said.items():
        hits = [re.sub(p, to.replace("$1", r"\1"), en) for p, to in cfg["patterns"] if re.match(p, en)]
        assert hits == [no], en


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_every_page_carries_the_script_in_its_language(lang):
    at = run_page("eierskap", {"lang": [lang]})
    assert not at.exception
    scripts = [str(h.value) for h in at.html if "window.__fsUi = " in str(h.value)]
    assert len(scripts) == 1
    cfg = json.loads(scripts[0].split("window.__fsUi = ", 1)[1].split(";\n", 1)[0])
    assert cfg == framework_text.config(View(lang))
