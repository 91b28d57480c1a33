"""Betydning og politikk: importance per welfare area today and in future (Figures 20-21),
municipal volunteering policy (Figures 2-4) and the four plan discourses (Figure 5)."""

from dashboard.panels import betydning, rapporttall
from dashboard.ui import sections
from dashboard.ui.page import Page

page = Page("betydning.tittel", "betydning.intro")
view = page.view
sections.show(view, "betydning", {
    "velferd": lambda: betydning.importance(page),
    "politikk": lambda: (betydning.policy(page), betydning.discourses(page)),
})
rapporttall.chapter_numbers(page, "betydning")
page.finish()
