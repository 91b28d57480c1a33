"""Om dataene: sources, licences, dates, demo tables, calibration, codebook, report numbers, downloads."""

from dashboard.page import Page
from dashboard.panels import om_dataene

page = Page("om.tittel", "om.intro")
view = page.view
om_dataene.sources(page, view)
om_dataene.anonymity_rule(page, view)
om_dataene.demo_explained(page, view)
om_dataene.codebook(page, view)
om_dataene.report_numbers(page, view)
om_dataene.downloads(page, view)
page.finish()
