"""Sentralitetskart: all municipalities by centrality class or index, or the report's Figure 1,
with the volunteer centres as a second layer. Clicking a municipality opens its profile."""

from dashboard.panels import kart
from dashboard.ui.page import Page

page = Page("kart.tittel", "kart.intro")
view = page.view
mode, show_centres = kart.controls(view)
attrs = kart.national_map(page, mode, show_centres)
kart.municipality_table(page, attrs)
kart.figure1(page)
page.finish()
