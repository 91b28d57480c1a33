"""Betydning og politikk: importance per welfare area today and in future (Figures 20-21),
municipal volunteering policy (Figures 2-4) and the four plan discourses (Figure 5)."""

from dashboard import sections, state
from dashboard.page import Page
from dashboard.panels import betydning, rapporttall

page = Page("betydning.tittel", "betydning.intro")
f, view = state.current(), page.view
sections.show(view, "betydning", {
    "velferd": lambda: betydning.importance(page, f, view),
    "politikk": lambda: (betydning.policy(page, f, view), betydning.discourses(page, f, view)),
})
rapporttall.chapter_numbers(page, "betydning", view)
page.finish()
