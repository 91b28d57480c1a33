"""Samskapingsmodell: the report's draft co-creation framework (Figures 22-23) as a workshop
checklist for one municipality, downloadable as a Word document."""

from dashboard import state
from dashboard.page import Page
from dashboard.panels import samskaping

page = Page("samskaping.tittel", "samskaping.intro")
opts = state.options(state.lang())
kommune = samskaping.municipality(opts)
samskaping.model_diagram()
samskaping.checklist()
samskaping.drivers_prompts()
samskaping.download(opts, kommune)
page.finish()
