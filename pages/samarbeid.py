"""Samarbeid (tjenesteøkosystem): partners, forms, phases, compensation, satisfaction,
services by role type, welfare areas, co-location and Table 1."""

from dashboard import sections, state
from dashboard.page import Page
from dashboard.panels import rapporttall, samarbeid

page = Page("samarbeid.tittel", "samarbeid.intro")
f, view = state.current(), page.view
sections.show(view, "samarbeid", {
    "partnere": lambda: (samarbeid.ecosystem(page, f, view), samarbeid.forms(page, f, view)),
    "faser": lambda: (samarbeid.phases(page, f, view), samarbeid.satisfaction(page, f, view)),
    "tjenester": lambda: (samarbeid.services(page, f, view), samarbeid.welfare(page, f, view)),
    "lokaler": lambda: (samarbeid.colocation(page, f, view), samarbeid.table1(page, view)),
})
rapporttall.chapter_numbers(page, "samarbeid", view)
page.finish()
