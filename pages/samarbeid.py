"""Samarbeid (tjenesteøkosystem): partners, forms, phases, compensation, satisfaction,
services by role type, welfare areas, co-location and Table 1."""

from dashboard.panels import rapporttall, samarbeid
from dashboard.ui import sections
from dashboard.ui.page import Page

page = Page("samarbeid.tittel", "samarbeid.intro")
view = page.view
sections.show(view, "samarbeid", {
    "partnere": lambda: (samarbeid.ecosystem(page), samarbeid.forms(page)),
    "faser": lambda: (samarbeid.phases(page), samarbeid.satisfaction(page)),
    "tjenester": lambda: (samarbeid.services(page), samarbeid.welfare(page)),
    "lokaler": lambda: (samarbeid.colocation(page), samarbeid.table1(page)),
})
rapporttall.chapter_numbers(page, "samarbeid")
page.finish()
