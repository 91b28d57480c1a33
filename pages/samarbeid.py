"""Samarbeid (tjenesteøkosystem): partners, forms, phases, compensation, satisfaction,
services by role type, welfare areas, co-location and Table 1."""

from dashboard import sections, state
from dashboard.page import Page
from dashboard.panels import rapporttall, samarbeid

page = Page("samarbeid.tittel", "samarbeid.intro")
f, lang = state.current(), state.lang()
sections.show("samarbeid", {
    "partnere": lambda: (samarbeid.ecosystem(page, f, lang), samarbeid.forms(page, f, lang)),
    "faser": lambda: (samarbeid.phases(page, f, lang), samarbeid.satisfaction(page, f, lang)),
    "tjenester": lambda: (samarbeid.services(page, f, lang), samarbeid.welfare(page, f, lang)),
    "lokaler": lambda: (samarbeid.colocation(page, f, lang), samarbeid.table1(page, lang)),
})
rapporttall.chapter_numbers(page, "samarbeid", lang)
page.finish()
