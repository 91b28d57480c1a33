"""The View: panels and chart builders get the language and presentation mode as an argument, so what they
draw follows the View they are given, not whatever the session holds."""

from __future__ import annotations

import pandas as pd

from dashboard.ui import charts
from dashboard.ui.i18n import t
from dashboard.ui.view import View


def test_view_speaks_its_own_language():
    assert View("nn").t("nav.tilgjengelighet") == "Tilgjenge"
    assert View("nb").t("nav.tilgjengelighet") == "Tilgjengelighet"
    assert View("nn").t("n.en", n="5") == t("n.en", lang="nn", n="5")
    assert View("nn").group("kommune") == t("gruppe.kommune", lang="nn") != View("nb").group("kommune")
    assert View("nb").group("no_such_group") == "no_such_group"


def test_chart_size_follows_the_presentation_argument():
    df = pd.DataFrame({"rad": ["a", "b", "c"], "andel": [10.0, 20.0, 30.0]})
    plain = charts.bars(df, "rad", "andel", presentation=False)
    big = charts.bars(df, "rad", "andel", presentation=True)
    assert big is not plain, "the cache keeps the two apart"
    assert big.layout.height == int(plain.layout.height * 1.3)
    assert (plain.layout.font.size, big.layout.font.size) == (16, 22)
    assert charts.finish(plain, presentation=False) is plain
