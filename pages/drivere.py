"""Drivere og barrierer: helping and hindering factors (Figures 17-18), both sides, sortable,
and where they disagree. Use the sidebar to filter by ownership form and county."""

from dashboard.panels import drivere
from dashboard.ui.page import Page

page = Page("drivere.tittel", "drivere.intro")
view = page.view
how = drivere.sort_control(view)
drivere.side_by_side(page, how)
drivere.disagreement(page)
page.finish()
