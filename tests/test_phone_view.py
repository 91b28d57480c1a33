"""The phone layout (issue 24): a narrow window gets horizontal-bar charts with each label above its bars
across the whole width, and the same numbers (the wide layout keeps labels beside the bars), tables keep their
first column in view, and a page whose numbers follow the filters says the selection in one line under its
title. The browser half (a real 390 px window reports itself narrow, the line's button opens the filters) is in
tests/test_browser_viewports.py."""

from __future__ import annotations

import json

import pandas as pd

from dashboard.ui import charts, state
from tests.support.apptest import open_views, run_page


def specs(at) -> list[dict]:
    return [json.loads(e.proto.spec) for e in at.get("plotly_chart")]


def test_a_narrow_window_puts_the_labels_above_the_bars():
    at = run_page("drivere")
    wide = specs(at)
    assert wide and all(s["layout"]["yaxis"].get("showticklabels") is not False for s in wide)
    at.session_state[state.NARROW.key] = True  # what the component's callback stores when the browser reports it
    at.run()
    assert not at.exception
    narrow = specs(at)
    assert len(narrow) == len(wide)
    for w, n in zip(wide, narrow, strict=True):
        assert n["layout"]["yaxis"]["showticklabels"] is False
        rows = list(dict.fromkeys(y for tr in w["data"] for y in tr["y"]))
        shown = [a["text"].replace("<br>", " ") for a in n["layout"]["annotations"]]
        assert shown == [r.replace("<br>", " ") for r in rows]  # every label, in order, as text above its bars
        assert [tr["x"] for tr in n["data"]] == [tr["x"] for tr in w["data"]]  # the same numbers


def test_a_narrow_window_keeps_the_first_column_of_a_table_in_view():
    at = run_page("drivere")
    wide = [json.loads(d.proto.columns or "{}") for d in open_views(at).dataframe]
    at.session_state[state.NARROW.key] = True
    narrow = [json.loads(d.proto.columns or "{}") for d in open_views(at).dataframe]
    assert narrow and len(narrow) == len(wide)
    for w, n, d in zip(wide, narrow, at.dataframe, strict=True):
        first = d.value.columns[0]
        assert n[first] == {"pinned": True} and not w.get(first, {}).get("pinned")


def test_phone_layout_wraps_long_labels_and_grows_with_them():
    long = "Grad av forankring av samarbeidet i ledelsen – Frivilligsentraler"
    df = pd.DataFrame({"rad": [long, "Kort"], "andel": [40.0, 60.0]})
    fig = charts.bars(df, "rad", "andel", presentation=False)
    small = charts.phone(fig)
    assert small is not fig and charts.phone(fig) is small  # made once, kept on the cached figure
    texts = [a.text for a in small.layout.annotations]
    assert all(len(line) <= charts.PHONE_WRAP for t in texts for line in t.split("<br>"))
    assert texts[0].count("<br>") >= 1 and texts[1] == "Kort"
    many = charts.phone(charts.bars(pd.DataFrame({"rad": [f"{long} {i}" for i in range(8)], "andel": [50.0] * 8}),
                                    "rad", "andel", presentation=False))
    assert many.layout.height > small.layout.height
    assert fig.layout.yaxis.showticklabels is not False  # the wide figure is untouched


def test_charts_without_horizontal_bars_keep_their_layout():
    df = pd.DataFrame({"aar": [2000, 2001], "indeks": [100.0, 101.0], "serie": ["a", "a"]})
    fig = charts.line(df, "aar", "indeks", "serie", presentation=False)
    assert charts.phone(fig) is fig


def selection_lines(at) -> list[str]:
    return [h.value for h in at.html if str(h.value).startswith("<div class=\"fs-selection\"")]


def test_the_selection_is_one_line_under_the_title_of_a_filtered_page():
    at = run_page("drivere", {"fylke": ["18"], "eierform": ["kommunal"]})
    assert not at.exception
    lines = selection_lines(at)
    assert len(lines) == 1
    assert "Utvalg:" in lines[0] and "Fylke: Nordland" in lines[0] and "Eierform: Kommunal" in lines[0]
    assert "Sentralitetsklasse: 5, 6" in lines[0] and "Endre utvalg" in lines[0]
    nynorsk = selection_lines(run_page("drivere", {"lang": ["nn"], "fylke": ["18"]}))
    assert "Utval:" in nynorsk[0] and "Endre utvalet" in nynorsk[0]


def test_pages_whose_numbers_no_filter_narrows_have_no_selection_line():
    for page in ("om-dataene", "tilgjengelighet"):
        at = run_page(page, {"fylke": ["18"]})
        assert not at.exception and at.title
        assert selection_lines(at) == [], page


def test_a_network_on_a_phone_has_short_names_and_room_for_them():
    names = ["Frivilligsentralen", "Frivillige lag og organisasjoner", "Kommunen"]
    nodes = pd.DataFrame({"kode": ["fs", "a", "b"], "etikett": names})
    links = pd.DataFrame({"kode": ["a", "b"], "andel": [98.0, 99.0], "tekst": ["98 %", "99 %"]})
    fig = charts.network(nodes, links, centre="fs", presentation=False)
    small = charts.phone(fig)
    assert small is not fig
    names = next(tr.text for tr in small.data if tr.mode == "markers+text")
    assert names[0] == "Frivillige<br>lag og<br>organisasjoner" and names[1] == "Kommunen"
    assert tuple(small.layout.xaxis.range) == (-charts.PHONE_NETWORK_X, charts.PHONE_NETWORK_X)
    assert tuple(fig.layout.xaxis.range) == (-3.2, 3.2)  # the wide figure is untouched
