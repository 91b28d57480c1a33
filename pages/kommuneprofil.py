"""Kommuneprofil: pick a municipality (or arrive from the map) and see its profile."""

from dashboard import state
from dashboard.i18n import t
from dashboard.page import Page, hint
from dashboard.panels import kommuneprofil

page = Page("profil.tittel", "profil.intro")
f, lang = state.current(), state.lang()
kommune = kommuneprofil.picker(f, lang)
if kommune is None:
    hint(t("profil.velg_hint"))
else:
    row = kommuneprofil.facts(page, kommune, lang)
    kommuneprofil.population(page, kommune, row, lang)
    kommuneprofil.centres(page, kommune, lang)
    kommuneprofil.comparison(page, kommune, row, lang)
    kommuneprofil.survey_picture(page, kommune, row, lang)
page.finish()
