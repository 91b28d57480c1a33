"""Eierskap: ownership forms, boards, roles (Figures 6-9) by ownership and from both sides."""

from dashboard.panels import eierskap, rapporttall
from dashboard.ui import sections
from dashboard.ui.page import Page

page = Page("eierskap.tittel", "eierskap.intro")
view = page.view
sections.show(view, "eierskap", {
    "eierform": lambda: (eierskap.ownership(page), eierskap.boards(page)),
    "roller": lambda: (eierskap.roles(page), eierskap.roles_both_sides(page),
                       eierskap.supplement(page)),
})
rapporttall.chapter_numbers(page, "eierskap")
page.finish()
