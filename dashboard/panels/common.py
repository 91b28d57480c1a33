"""Helpers shared by the panels: the report's published numbers, labels, survey tables."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard.data import gateway
from dashboard.data.gateway import Result
from dashboard.ui import fmt
from dashboard.ui.i18n import DEFAULT_LANGUAGE, t
from dashboard.ui.page import Page, kpi, no_data, too_few
from dashboard.ui.source_lines import source_line
from dashboard.ui.view import View


@dataclass(frozen=True)
class Published:
    value: float
    unit: str
    reference: str | None
    line: int
    quote: str | None
    precision: str | None = "eksakt"
    lang: str = DEFAULT_LANGUAGE  # the language it is said in

    def say(self) -> str:
        """The value as the report says it: approximate numbers in the report's own words (fmt.reported)."""
        return fmt.reported(self.value, self.unit, self.precision, self.quote, self.lang)

    def text(self, scope_key: str = "rapport.alle_distrikt") -> str:
        ref = f", {self.reference}" if self.reference else ""
        return t("rapport.verdi", self.lang, verdi=self.say(), omfang=t(scope_key, self.lang)) + ref


def demo_mark(view: View, text, on: bool = True) -> str:
    """A demo value with its own visible mark beside it ('Kommunal (demodata)'), so a screenshot, a table
    view or an export of one panel can never pass it off as a fact about a real municipality."""
    return view.t("demo.merket", verdi=text) if on else str(text)


def demo_marks(view: View, values, on: bool) -> list[str]:
    return [demo_mark(view, v, on) for v in values]


def centre_text(view: View, attrs: pd.DataFrame, demo: bool) -> list[str]:
    """The tooltip's line about the centres; from the demo register it carries the «demodata» mark."""
    return demo_marks(view, [view.t("kart.sentraler_tekst", n=n, former=e) if n else view.t("kart.ingen_sentral")
                       for n, e in zip(attrs["sentraler"], attrs["eierformer"])], demo)


def published(page: Page, *keys: str) -> dict[str, Published]:
    """The report's numbers for calibration-check keys (see dashboard/data/calibration.py)."""
    r = page.use(gateway.run("rapport_kontroller", kontroller=list(keys)))
    out = {}
    for row in r.df.itertuples():
        out[row.kontroll] = Published(row.rapport_verdi, row.enhet, row.referanse if pd.notna(row.referanse) else None,
                                      int(row.linje), row.sitat if pd.notna(row.sitat) else None,
                                      row.presisjon if pd.notna(row.presisjon) else None, page.view.lang)
    return out


def report_kpis(view: View, items: list[tuple[str, Published]]) -> None:
    """Numbers the report states only in its prose, as key figures where the reader looks: label, the value in
    the report's words, and the figure and line it stands on."""
    st.caption(view.t("rapport.prosa_intro"))
    for col, (label, p) in zip(st.columns(len(items)), items):
        kpi(col, label, p.say(), view.t("rapport.kilde_ref", ref=p.reference or view.t("rapport.uten_figur"),
                                               linje=p.line), help=f"«{p.quote}»" if p.quote else None)


def survey_table(view: View, df: pd.DataFrame, label_col: str, *, group_col: str | None = None) -> pd.DataFrame:
    """The table view of a survey distribution: item, (group), category, share, count, N.

    Suppressed rows say 'for få svar' instead of a number.
    """
    cols = [label_col] + ([group_col] if group_col else []) + ["kategori", "andel", "antall", "n"]
    out = df[cols].copy()
    hidden = df["undertrykt"] if "undertrykt" in df else pd.Series(False, index=df.index)
    out["andel"] = share_cells(view, df["andel"], hidden, counts=df["antall"], bases=df["n"])
    out["antall"] = count_cells(df["antall"], hidden)
    out["n"] = [fmt.integer(v) for v in df["n"]]
    if group_col:
        out[group_col] = out[group_col].map(view.group)
    return out.rename(columns={label_col: view.t("tabell.element"), "kategori": view.t("tabell.kategori"),
                               "andel": view.t("tabell.andel"), "antall": view.t("tabell.antall"), "n": "N",
                               **({group_col: view.t("tabell.gruppe")} if group_col else {})})


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


FEW_ANSWERS = 20  # a share on fewer answers is shown with its count («83,3 % (5 av 6)»): it is uncertain


def share_cells(view: View, values: Iterable, hidden: Iterable[bool], decimals: int = 1,
                demo: bool = False, counts: Iterable | None = None, bases: Iterable | None = None) -> list[str]:
    """A table column of shares: 'for få svar' where the n >= 5 rule hides the value, else the share
    (with the «demodata» mark when ``demo``); with ``counts`` and ``bases``, a share on fewer than
    FEW_ANSWERS answers carries its count, «83,3 % (5 av 6)», so it is not read as precise."""
    values, hidden = list(values), list(hidden)
    counts = list(counts) if counts is not None else [None] * len(values)
    bases = list(bases) if bases is not None else [None] * len(values)
    out = []
    for v, h, c, n in zip(values, hidden, counts, bases):
        text = fmt.percent(v, decimals)
        if c is not None and n is not None and pd.notna(c) and pd.notna(n) and 0 < n < FEW_ANSWERS:
            text += " " + view.t("anon.av_n", antall=fmt.integer(c), n=fmt.integer(n))
        out.append(view.t("anon.for_faa_svar") if h else demo_mark(view, text, demo))
    return out


def count_cells(values: Iterable, hidden: Iterable[bool]) -> list[str]:
    """A table column of counts: blank where the n >= 5 rule hides the value."""
    return ["" if h else fmt.integer(v) for v, h in zip(values, hidden)]


def alt_text(view: View, parts: Iterable[str]) -> str:
    """The screen-reader text of a chart: 'Diagrammet viser: a; b; c.'"""
    return view.t("alt.prefiks") + " " + "; ".join(parts) + "."


def nothing_to_show(view: View, df: pd.DataFrame, title: str, results: Sequence[Result] | None = None,
                    n: str | None = None, report: str | None = None) -> bool:
    """Say "no data" or "too few answers" under the title instead of a chart; True when it did.

    With ``results``, "too few answers" is followed by the source line (with ``n`` and ``report``)."""
    if not df.empty and not all_hidden(df):
        return False
    st.subheader(title, anchor=False)
    if df.empty:
        no_data(view)
    else:
        too_few(view, title)
        if results is not None:
            source_line(view, results, n, report)
    return True


def percent_sum(rep: dict[str, Published], *keys: str) -> str:
    """Several of the report's shares added up (e.g. 'svært godt' + 'godt'), as a percent."""
    return fmt.value(sum(rep[k].value for k in keys), "prosent")


def legend(items: list[tuple[str, str]]) -> str:
    """A colour legend (swatch and label per item) as accessible HTML for st.html."""
    rows = "".join(f'<div role="listitem"><span class="swatch" aria-hidden="true" style="background:{c}"></span>'
                   f'{html.escape(label)}</div>'
                   for c, label in items)
    return f'<div class="fs-legend" role="list">{rows}</div>'
