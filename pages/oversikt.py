"""Oversikt: what this is, headline numbers, a small map and the report's key findings."""

from dashboard import state
from dashboard.page import Page
from dashboard.panels import oversikt, rapporttall

page = Page("oversikt.tittel", "oversikt.intro")
f, lang = state.current(), state.lang()
oversikt.headline_numbers(page, f, lang)
oversikt.overview_map(page, f, lang)
oversikt.key_findings(page, lang)
rapporttall.chapter_numbers(page, "oversikt", lang)
page.finish()
