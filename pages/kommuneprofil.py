"""Kommuneprofil: pick a municipality (or arrive from the map) and see its profile."""

from dashboard.panels import kommunebrief, kommuneprofil
from dashboard.ui.page import Page, hint

page = Page("kommuneprofil.tittel", "kommuneprofil.intro")
f, view = page.filters, page.view
kommune = kommuneprofil.picker(f, view)
if kommune is None:
    hint(view.t("kommuneprofil.velg_hint"))
else:
    row = kommuneprofil.facts(page, kommune)
    kommunebrief.downloads(view, kommune, row)
    kommuneprofil.population(page, kommune, row)
    kommuneprofil.centres(page, kommune)
    kommuneprofil.comparison(page, kommune, row)
    kommuneprofil.survey_picture(page, kommune, row)
page.finish()
