"""Kommuneprofil: pick a municipality (or arrive from the map) and see its profile."""

from dashboard import state
from dashboard.page import Page, hint
from dashboard.panels import kommunebrief, kommuneprofil

page = Page("kommuneprofil.tittel", "kommuneprofil.intro")
f, view = state.current(), page.view
kommune = kommuneprofil.picker(f, view)
if kommune is None:
    hint(view.t("kommuneprofil.velg_hint"))
else:
    row = kommuneprofil.facts(page, kommune, view)
    kommunebrief.downloads(view, kommune, row)
    kommuneprofil.population(page, kommune, row, view)
    kommuneprofil.centres(page, kommune, view)
    kommuneprofil.comparison(page, kommune, row, view)
    kommuneprofil.survey_picture(page, kommune, row, view)
page.finish()
