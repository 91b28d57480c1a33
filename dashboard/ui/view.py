"""How one rerun shows things: the language, presentation mode and a narrow window, read once from the session.

A page makes one View (``Page.view``) and hands it to its panels and chart builders, so they are
plain functions of their inputs instead of each reading the session for themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.ui.i18n import DEFAULT_LANGUAGE, t
from dashboard.ui.labels import label_group


@dataclass(frozen=True)
class View:
    lang: str = DEFAULT_LANGUAGE
    presentation: bool = False
    narrow: bool = False  # a phone or narrow window (dashboard.ui.viewport): charts with long labels read there

    def t(self, key: str, **kwargs) -> str:
        """A UI text in this view's language (see dashboard.ui.i18n)."""
        return t(key, self.lang, **kwargs)

    def group(self, code) -> str:
        """The label of a group code in this view's language (see dashboard.ui.labels)."""
        return label_group(code, self.lang)
