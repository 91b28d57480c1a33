"""Every number the report states, where a user would look for it: under each figure an expander with all
the numbers the report gives for that figure, and at the end of each page the numbers from the text of the
chapters the page covers. ``PLACES`` says which page shows which figure and chapter; a test checks that
together they cover every row of rapporttall, apart from ``NOT_SHOWN`` (listed with the reason on «Om dataene»)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.data import gateway
from dashboard.ui import fmt
from dashboard.ui.figures import export_context, figure_downloads, table_view
from dashboard.ui.i18n import report_text
from dashboard.ui.page import Page
from dashboard.ui.view import View

# page (url path) -> the figures/tables it draws and the chapters whose text numbers it lists
PLACES: dict[str, dict[str, tuple[str, ...]]] = {
    "oversikt": {"figurer": (), "kapitler": ("Forord", "Sammendrag", "1 Bakgrunn", "6 Konklusjoner")},
    "kart": {"figurer": ("Figur 1",), "kapitler": ()},
    "eierskap": {"figurer": ("Figur 6", "Figur 7", "Figur 8", "Figur 9"),
                 "kapitler": ("3 Frivilligsentralenes rolle",)},
    "samarbeid": {"figurer": ("Figur 10", "Figur 11", "Figur 12", "Figur 13", "Figur 14", "Figur 15", "Figur 16",
                              "Figur 19", "Tabell 1"), "kapitler": ("4 Partnerskap",)},
    "drivere": {"figurer": ("Figur 17", "Figur 18"), "kapitler": ()},
    "betydning": {"figurer": ("Figur 2", "Figur 3", "Figur 4", "Figur 5", "Figur 20", "Figur 21"),
                  "kapitler": ("2 Strategiske og politiske rammer", "5 Verdibidrag")},
    "samskaping": {"figurer": ("Figur 22", "Figur 23"), "kapitler": ()},
}

# rapporttall rows deliberately not shown anywhere but the full table on «Om dataene», with the reason
NOT_SHOWN: dict[str, str] = {}


def table(df: pd.DataFrame, view: View) -> pd.DataFrame:
    """The report's numbers as a user reads them: the value in the report's words, the quote and the line."""
    return pd.DataFrame({
        view.t("tabell.utsagn"): [report_text("sporsmal", s, view.lang) for s in df["sporsmal"]],
        view.t("tabell.kategori"): [report_text("kategori", k, view.lang) for k in df["kategori"].fillna("")],
        view.t("tabell.verdi"): [fmt.reported(v, u, p, q, view.lang) for v, u, p, q in
                            zip(df["verdi"], df["enhet"], df["presisjon"], df["sitat"])],
        view.t("tabell.sitat"): df["sitat"], view.t("tabell.linje"): df["linje"],
    })


def _expander(page: Page | None, result, title: str, key: str, view: View) -> None:
    if page is not None:
        page.use(result)
    if result.df.empty:
        return
    _numbers(result, title, key, view, export_context([result], view))


@st.fragment
def _numbers(result, title: str, key: str, view: View, context: dict) -> None:
    """The expander's table and downloads are built only while it is open; opening it reruns only this."""
    box = st.expander(view.t("rapporttall.utvid", tittel=title, n=len(result.df)), key=f"tall_{key}", on_change="rerun")
    if box.open:
        with box:
            shown = table(result.df, view)
            table_view(view, shown)
            figure_downloads(view, shown, [result], title, key, context)


def figure_numbers(page: Page | None, reference: str, view: View) -> None:
    """Under a figure: every number the report states for it."""
    r = gateway.run("rapporttall_figur", referanse=reference)
    _expander(page, r, reference, f"rapporttall_{reference}", view)


def chapter_numbers(page: Page, page_path: str) -> None:
    """At the end of a page: the numbers from the text (outside figures) of the chapters the page covers."""
    view = page.view
    chapters = PLACES[page_path]["kapitler"]
    if not chapters:
        return
    st.subheader(view.t("rapporttall.kapitler_tittel"), anchor=False)
    st.caption(view.t("rapporttall.kapitler_tekst"))
    for chapter in chapters:
        r = gateway.run("rapporttall_kapittel", seksjon=chapter)
        _expander(page, r, chapter, f"rapporttall_{chapter}", view)
