"""Eierskap: ownership forms, boards, roles (Figures 6-9) by ownership and from both sides."""

from dashboard import sections, state
from dashboard.page import Page
from dashboard.panels import eierskap, rapporttall

page = Page("eierskap.tittel", "eierskap.intro")
f, view = state.current(), page.view
sections.show(view, "eierskap", {
    "eierform": lambda: (eierskap.ownership(page, f, view), eierskap.boards(page, f, view)),
    "roller": lambda: (eierskap.roles(page, f, view), eierskap.roles_both_sides(page, f, view),
                       eierskap.supplement(page, f, view)),
})
rapporttall.chapter_numbers(page, "eierskap", view)
page.finish()
