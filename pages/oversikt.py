"""Oversikt: what this is, headline numbers, a small map and the report's key findings."""

from dashboard.panels import oversikt, rapporttall
from dashboard.ui.page import Page

page = Page("oversikt.tittel", "oversikt.intro")
oversikt.headline_numbers(page)
oversikt.overview_map(page)
oversikt.key_findings(page)
rapporttall.chapter_numbers(page, "oversikt")
page.finish()
