"""Oversikt: what this is, headline numbers, a small map and the report's key findings."""

from dashboard import state
from dashboard.page import Page
from dashboard.panels import oversikt, rapporttall

page = Page("oversikt.tittel", "oversikt.intro")
f, view = state.current(), page.view
oversikt.headline_numbers(page, f, view)
oversikt.overview_map(page, f, view)
oversikt.key_findings(page, view)
rapporttall.chapter_numbers(page, "oversikt", view)
page.finish()
