"""Om dataene: sources, licences, dates, demo tables, calibration, codebook, report numbers, downloads."""

from dashboard.panels import om_dataene
from dashboard.ui.page import Page

page = Page("om.tittel", "om.intro")
view = page.view
om_dataene.sources(page)
om_dataene.anonymity_rule(page)
om_dataene.demo_explained(page)
om_dataene.codebook(page)
om_dataene.report_numbers(page)
om_dataene.downloads(page)
page.finish()
