"""The co-creation workshop's keeping (dashboard/ui/workshop.py, panels/samskaping_lagring.py): the link and the
file carry every municipality's checklist; damaged links and bad files are refused with the field named;
the page keeps each municipality's checklist when another is chosen, and reads the link in a new session."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.ui.workshop import (
    ITEMS,
    URL_MAX,
    Checklist,
    Workshop,
    WorkshopError,
    from_file,
    from_link,
    to_file,
    to_link,
)
from tests.support import timeouts
from tests.support.apptest import APP, PAGES


def _workshop() -> Workshop:
    return Workshop("1804", {"1804": Checklist({"niva1_q1": "status_avklart"}, {"niva2_q3": "Møte «hver» uke\n– Åse"},
                                               "Økonomi er en barriere"),
                             "3818": Checklist({"niva3_q2": "status_ikke"}, {}, ""),
                             "3401": Checklist()})


def test_link_and_file_carry_every_municipality():
    w = _workshop()
    back = from_link(to_link(w))
    assert back.active == "1804" and set(back.lists) == {"1804", "3818"}, "empty checklists are left out"
    assert back.lists["1804"].notes["niva2_q3"] == "Møte «hver» uke\n– Åse"
    assert back.lists["3818"].status["niva3_q2"] == "status_ikke" and back.lists["1804"].drivers.startswith("Øko")
    again = from_file(to_file(w, {"1804": "Bodø"}), {"1804", "3818"})
    assert again.lists["1804"].status == {i: w.lists["1804"].status.get(i, "status_ikke_drottet") for i in ITEMS}
    assert json.loads(to_file(w, {"1804": "Bodø"}))["kommuner"]["1804"]["navn"] == "Bodø"
    assert len(to_link(w)) < 300 and to_link(Workshop()) == ""


def test_a_workshop_too_long_for_a_link_is_still_written_compactly():
    w = Workshop("1804", {"1804": Checklist({}, {i: "Notat " * 900 + i for i in ITEMS}, "")})
    assert len(to_link(w)) < URL_MAX, "repeated text compresses"


@pytest.mark.parametrize(("raw", "key", "field"), [
    (b"not json", "json", None),
    (json.dumps({"format": "noe annet"}).encode(), "format", None),
    (json.dumps({"format": "frivilligsentraler-samskaping", "kommuner": {"9999": {}}}).encode(), "kommune",
     "kommuner.9999"),
    (json.dumps({"format": "frivilligsentraler-samskaping",
                 "kommuner": {"1804": {"status": {"niva1_q1": "ferdig"}}}}).encode(), "status",
     "kommuner.1804.status.niva1_q1"),
    (json.dumps({"format": "frivilligsentraler-samskaping",
                 "kommuner": {"1804": {"notater": {"niva1_q1": 3}}}}).encode(), "notat", "kommuner.1804.notater"),
    (json.dumps({"format": "frivilligsentraler-samskaping", "kommuner": ["1804"]}).encode(), "kommuner", "kommuner"),
])
def test_a_bad_file_is_refused_naming_the_field(raw, key, field):
    with pytest.raises(WorkshopError) as err:
        from_file(raw, {"1804"})
    assert err.value.key == key and err.value.fields.get("felt") == field


@pytest.mark.parametrize("text", ["2.abc", "1.", "1.!!!", "1." + "A" * 40, "x"])
def test_a_damaged_link_is_refused(text):
    with pytest.raises(WorkshopError):
        from_link(text)


def test_the_page_keeps_each_municipality_and_reads_the_link():
    at = AppTest.from_file(APP, default_timeout=timeouts.APPTEST)
    at.switch_page(PAGES["samskaping"]).run()
    at.selectbox(key="sk_kommune").select("1804").run()
    at.radio(key="sk_niva1_q1_status").set_value("status_avklart").run()
    at.text_area(key="sk_niva1_q2_notat").input("Møte hver måned").run()
    at.selectbox(key="sk_kommune").select("3401").run()
    assert at.radio(key="sk_niva1_q1_status").value == "status_ikke_drottet"
    assert at.text_area(key="sk_niva1_q2_notat").value == ""
    assert any("Bodø (2 av 9" in c.value for c in at.caption)
    at.selectbox(key="sk_kommune").select("1804").run()
    assert at.text_area(key="sk_niva1_q2_notat").value == "Møte hver måned"
    link = at.query_params["sk"]
    link = link[0] if isinstance(link, list) else link
    fresh = AppTest.from_file(APP, default_timeout=timeouts.APPTEST)
    fresh.query_params["sk"] = link
    fresh.switch_page(PAGES["samskaping"]).run()
    assert fresh.selectbox(key="sk_kommune").value == "1804"
    assert fresh.radio(key="sk_niva1_q1_status").value == "status_avklart"
    assert not fresh.exception


def test_a_damaged_link_says_so_and_starts_empty():
    at = AppTest.from_file(APP, default_timeout=timeouts.APPTEST)
    at.query_params["sk"] = "1.skadet"
    at.switch_page(PAGES["samskaping"]).run()
    assert any("sk=" in w.value for w in at.warning) and not at.exception
    assert at.text_area(key="sk_niva1_q1_notat").value == ""
