"""Eierskap: ownership forms, boards, roles (Figures 6-9) by ownership and from both sides."""

from dashboard import sections, state
from dashboard.page import Page
from dashboard.panels import eierskap, rapporttall

page = Page("eierskap.tittel", "eierskap.intro")
f, lang = state.current(), state.lang()
sections.show("eierskap", {
    "eierform": lambda: (eierskap.ownership(page, f, lang), eierskap.boards(page, f, lang)),
    "roller": lambda: (eierskap.roles(page, f, lang), eierskap.roles_both_sides(page, f, lang),
                       eierskap.supplement(page, f, lang)),
})
rapporttall.chapter_numbers(page, "eierskap", lang)
page.finish()
