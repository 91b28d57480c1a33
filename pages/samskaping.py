"""Samskapingsmodell: the report's draft co-creation framework (Figures 22-23) as a workshop
checklist for one municipality, downloadable as a Word document."""

from dashboard.panels import samskaping
from dashboard.ui.options import options
from dashboard.ui.page import Page

page = Page("samskaping.tittel", "samskaping.intro")
opts = options(page.view.lang)
kommune = samskaping.municipality(opts, page.view)
samskaping.model_diagram(page.view)
samskaping.checklist(page.view)
samskaping.drivers_prompts(page.view)
samskaping.download(opts, kommune, page.view)
page.finish()
