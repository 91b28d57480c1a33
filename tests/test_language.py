"""One message catalogue, bokmål and nynorsk: every key has both, with the same placeholders, and
every literal key the code uses exists. (Pages run in both languages in test_app; a missing key
raises there.)"""

from __future__ import annotations

import re

import pytest

from dashboard import fmt
from dashboard.i18n import LANGUAGES, MissingMessage, catalogue, placeholders, t
from dashboard.paths import ROOT

KEY_CALL = re.compile(r"""\bt\(\s*["']([a-z0-9_]+\.[a-z0-9_.]*[a-z0-9_])["']\s*[,)]""")


def test_every_message_has_both_languages_with_the_same_placeholders():
    problems = []
    for key, entry in catalogue().items():
        for lang in LANGUAGES:
            if not str(entry.get(lang, "")).strip():
                problems.append(f"{key}: mangler {lang}")
        if placeholders(entry.get("nb", "")) != placeholders(entry.get("nn", "")):
            problems.append(f"{key}: ulike plassholdere")
    assert not problems, problems


def test_every_literal_key_in_the_code_exists():
    used = set()
    for path in list((ROOT / "dashboard").rglob("*.py")) + list((ROOT / "pages").glob("*.py")):
        used |= set(KEY_CALL.findall(path.read_text(encoding="utf-8")))
    assert len(used) > 200
    missing = sorted(k for k in used if k not in catalogue())
    assert not missing, missing


def test_missing_key_is_an_error_not_a_silent_fallback():
    with pytest.raises(MissingMessage):
        t("finnes.ikke")


def test_nynorsk_differs_where_it_should():
    assert t("nav.tilgjengelighet", lang="nb") == "Tilgjengelighet"
    assert t("nav.tilgjengelighet", lang="nn") == "Tilgjenge"


def test_norwegian_number_formats():
    assert fmt.percent(13.8, 1) == "13,8\u00a0%"
    assert fmt.integer(758133) == "758\u00a0133"
