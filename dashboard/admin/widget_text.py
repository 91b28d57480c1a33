"""Streamlit's own words on the page in Norwegian where the framework lets a page change them: the file
uploader's button and its size line ("Upload", "50MB per file • CSV ...") are drawn by the browser
from English strings with no setting to change them, so a style sheet hides them and shows the
catalogue's text in their place (the size limit stays visible on the widget, not in a tooltip).
"""

from __future__ import annotations

import json

import streamlit as st

from dashboard.admin import upload
from dashboard.ui import fmt
from dashboard.ui.i18n import t

ZONE = '[data-testid="stFileUploaderDropzone"]'
BUTTON = f'{ZONE} button:not([data-testid="stFileChips"] button)'  # the upload button, not a file's delete button
RULES = """
{button}, {button} * {{ font-size: 0 !important; }}
{button}::after {{ content: {label}; font-size: 0.875rem; white-space: nowrap; }}
[data-testid="stFileUploaderDropzoneInstructions"] * {{ font-size: 0 !important; }}
[data-testid="stFileUploaderDropzoneInstructions"]::after {{ content: {limit}; font-size: 0.8rem; opacity: 0.8; }}
"""


def css() -> str:
    limit = t("admin.opplasting.grense", mb=fmt.integer(upload.limit_bytes() // upload.MB))
    return "<style>" + RULES.format(button=BUTTON, label=_string(t("admin.opplasting.knapp")),
                                    limit=_string(limit)) + "</style>"


def _string(text: str) -> str:
    """A CSS string: quoted, Norwegian letters as they are (JSON's \\u escapes mean nothing in CSS)."""
    return json.dumps(text, ensure_ascii=False).replace("<", "\\3C ")


def apply() -> None:
    st.html(css())
