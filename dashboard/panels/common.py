"""Helpers shared by the panels: the report's published numbers, labels, survey tables."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard import fmt, gateway, state
from dashboard.i18n import t
from dashboard.labels import label_group
from dashboard.page import Page, kpi


@dataclass(frozen=True)
class Published:
    value: float
    unit: str
    reference: str | None
    line: int
    quote: str | None
    precision: str | None = "eksakt"

    def say(self) -> str:
        """The value as the report says it: approximate numbers in the report's own words (fmt.reported)."""
        return fmt.reported(self.value, self.unit, self.precision, self.quote, state.lang())

    def text(self, scope_key: str = "rapport.alle_distrikt") -> str:
        ref = f", {self.reference}" if self.reference else ""
        return t("rapport.verdi", verdi=self.say(), omfang=t(scope_key)) + ref


def demo_mark(text, on: bool = True) -> str:
    """A demo value with its own visible mark beside it ('Kommunal (demodata)'), so a screenshot, a table
    view or an export of one panel can never pass it off as a fact about a real municipality."""
    return t("demo.merket", verdi=text) if on else str(text)


def demo_marks(values, on: bool) -> list[str]:
    return [demo_mark(v, on) for v in values]


def centre_text(attrs: pd.DataFrame, demo: bool) -> list[str]:
    """The tooltip's line about the centres; from the demo register it carries the «demodata» mark."""
    return demo_marks([t("kart.sentraler_tekst", n=n, former=e) if n else t("kart.ingen_sentral")
                       for n, e in zip(attrs["sentraler"], attrs["eierformer"])], demo)


def published(page: Page, *keys: str) -> dict[str, Published]:
    """The report's numbers for calibration-check keys (see dashboard/calibration.py)."""
    r = page.use(gateway.run("rapport_kontroller", kontroller=list(keys)))
    out = {}
    for row in r.df.itertuples():
        out[row.kontroll] = Published(row.rapport_verdi, row.enhet, row.referanse if pd.notna(row.referanse) else None,
                                      int(row.linje), row.sitat if pd.notna(row.sitat) else None,
                                      row.presisjon if pd.notna(row.presisjon) else None)
    return out


def report_kpis(items: list[tuple[str, Published]]) -> None:
    """Numbers the report states only in its prose, as key figures where the reader looks: label, the value in
    the report's words, and the figure and line it stands on."""
    st.caption(t("rapport.prosa_intro"))
    for col, (label, p) in zip(st.columns(len(items)), items):
        kpi(col, label, p.say(), t("rapport.kilde_ref", ref=p.reference or t("rapport.uten_figur"),
                                               linje=p.line), help=f"«{p.quote}»" if p.quote else None)


def survey_table(df: pd.DataFrame, label_col: str, *, group_col: str | None = None) -> pd.DataFrame:
    """The table view of a survey distribution: item, (group), category, share, count, N.

    Suppressed rows say 'for få svar' instead of a number.
    """
    cols = [label_col] + ([group_col] if group_col else []) + ["kategori", "andel", "antall", "n"]
    out = df[cols].copy()
    hidden = df["undertrykt"] if "undertrykt" in df else pd.Series(False, index=df.index)
    out["andel"] = [t("anon.for_faa_svar") if h else fmt.percent(v, 1) for v, h in zip(df["andel"], hidden)]
    out["antall"] = ["" if h else fmt.integer(v) for v, h in zip(df["antall"], hidden)]
    out["n"] = [fmt.integer(v) for v in df["n"]]
    if group_col:
        out[group_col] = out[group_col].map(label_group)
    return out.rename(columns={label_col: t("tabell.element"), "kategori": t("tabell.kategori"),
                               "andel": t("tabell.andel"), "antall": t("tabell.antall"), "n": "N",
                               **({group_col: t("tabell.gruppe")} if group_col else {})})


def share_of(df: pd.DataFrame, codes: tuple[str, ...], keys: list[str]) -> pd.DataFrame:
    """Sum the shares of some categories per key (e.g. 'svært godt' + 'godt' per item and group)."""
    sub = df[df["kode"].isin(codes)]
    agg = sub.groupby(keys, sort=False, dropna=False).agg(andel=("andel", lambda s: s.sum(min_count=1)),
                                                         antall=("antall", "sum"), n=("n", "max"),
                                                         undertrykt=("undertrykt", "max")).reset_index()
    agg.loc[agg["undertrykt"], "andel"] = pd.NA
    return agg


def all_hidden(df: pd.DataFrame) -> bool:
    return df.empty or bool(df["undertrykt"].all())
