"""Om dataene: sources, licences, dates, demo tables, calibration, codebook, report numbers, downloads."""

from dashboard import state
from dashboard.page import Page
from dashboard.panels import om_dataene

page = Page("om.tittel", "om.intro")
lang = state.lang()
om_dataene.sources(page, lang)
om_dataene.anonymity_rule(page, lang)
om_dataene.demo_explained(page, lang)
om_dataene.codebook(page, lang)
om_dataene.report_numbers(page, lang)
om_dataene.downloads(page, lang)
page.finish()
