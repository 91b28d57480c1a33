"""One message catalogue, bokmål and nynorsk: every key has both, with the same placeholders, and
every literal key the code uses exists. (Pages run in both languages in test_app; a missing key
raises there.)"""

from __future__ import annotations

import re

import pytest

from dashboard.paths import ROOT
from dashboard.ui import fmt
from dashboard.ui.i18n import LANGUAGES, MissingMessage, catalogue, placeholders, report_catalogue, report_text, t
from tests.support.nynorsk import bokmal_left

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


def test_every_report_description_and_category_has_nynorsk(table):
    """The report numbers' descriptions (shown as «Utsegn») and categories in nynorsk: every one in the data has a
    line in rapporttall_nn.toml, and no description there keeps a bokmål-only word."""
    numbers = table("rapporttall")
    nn = report_catalogue()
    for field in ("sporsmal", "kategori"):
        wanted = set(numbers[field].dropna())
        assert wanted and not wanted - set(nn[field]), sorted(wanted - set(nn[field]))
        assert not set(nn[field]) - wanted, "lines for texts the data no longer have"
    leftover = {nb: text for field in ("sporsmal", "kategori") for nb, text in nn[field].items()
                if (field == "sporsmal" and nb == text) or bokmal_left(text)}
    assert not leftover, leftover
    assert report_text("sporsmal", "Antall casekommuner", "nn") == "Talet på casekommunar"
    assert report_text("sporsmal", "Antall casekommuner", "nb") == "Antall casekommuner"
    assert t("tabell.utsagn", lang="nn") == "Utsegn"


def test_norwegian_number_formats():
    assert fmt.percent(13.8, 1) == "13,8\u00a0%"
    assert fmt.integer(758133) == "758\u00a0133"
