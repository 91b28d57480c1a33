"""The pages, their ASCII url paths and their fixed order (also the order of presentation mode)."""

from __future__ import annotations

import streamlit as st

from dashboard.paths import PAGES
from dashboard.ui.view import View

SPECS = [  # (file in pages/, url_path, title message key, icon)
    ("oversikt.py", "oversikt", "nav.oversikt", ":material/home:"),
    ("kart.py", "kart", "nav.kart", ":material/map:"),
    ("eierskap.py", "eierskap", "nav.eierskap", ":material/account_balance:"),
    ("samarbeid.py", "samarbeid", "nav.samarbeid", ":material/hub:"),
    ("drivere.py", "drivere", "nav.drivere", ":material/balance:"),
    ("betydning.py", "betydning", "nav.betydning", ":material/insights:"),
    ("kommuneprofil.py", "kommune", "nav.kommune", ":material/location_city:"),
    ("samskaping.py", "samskaping", "nav.samskaping", ":material/handshake:"),
    ("om_dataene.py", "om-dataene", "nav.om", ":material/info:"),
    ("tilgjengelighet.py", "tilgjengelighet", "nav.tilgjengelighet", ":material/accessibility_new:"),
]
URL_PATHS = [s[1] for s in SPECS]
ADMIN = ("oppdater_data.py", "oppdater-data", ":material/upload_file:")  # not in SPECS: admins only


def page(url_path: str, view: View) -> st.Page:
    for i, (file, path, key, icon) in enumerate(SPECS):
        if path == url_path:
            return st.Page(PAGES / file, title=view.t(key), url_path=path, icon=icon, default=i == 0)
    raise KeyError(url_path)


def title_key(url_path: str) -> str:
    return next(s[2] for s in SPECS if s[1] == url_path)


def admin_page(view: View) -> st.Page | None:
    """The page «Oppdater data»: only for administrators (or, as a login form, a session that asked for it)."""
    from dashboard.admin import auth

    if not auth.page_visible():
        return None
    return st.Page(PAGES / ADMIN[0], title=view.t("nav.oppdater" if auth.is_admin() else "nav.admin"),
                   url_path=ADMIN[1], icon=ADMIN[2])


def all_pages(view: View) -> list[st.Page]:
    extra = admin_page(view)
    return [page(p, view) for p in URL_PATHS] + ([extra] if extra else [])
