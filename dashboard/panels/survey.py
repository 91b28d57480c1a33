"""Generic survey panels: a five-point scale as diverging bars, shares as bars, with table view,
N, text alternative, the report's numbers and the n >= 5 rule applied (suppressed rows are left
out of the chart and say 'for få svar' in the table)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from dashboard.data.gateway import Result
from dashboard.panels.common import (
    FEW_ANSWERS,
    alt_text,
    count_cells,
    demo_marks,
    nothing_to_show,
    share_cells,
    survey_table,
)
from dashboard.ui import charts, fmt
from dashboard.ui.labels import group_rank
from dashboard.ui.page import Page
from dashboard.ui.view import View


def _hidden_note(view: View, df: pd.DataFrame, label: str) -> str | None:
    hidden = list(dict.fromkeys(df.loc[df["undertrykt"], label]))
    if not hidden:
        return None
    return view.t("anon.skjult_rader", rader=", ".join(str(h).replace("<br>", " ") for h in hidden))


def _few_note(view: View, df: pd.DataFrame) -> str | None:
    """A word of caution when a shown share rests on fewer than FEW_ANSWERS answers."""
    shown = df[~df["undertrykt"] & (df["n"] > 0)]
    return view.t("anon.usikker") if not shown.empty and shown["n"].min() < FEW_ANSWERS else None


def _in_group_order(df: pd.DataFrame) -> pd.DataFrame:
    """Rows in the fixed group order (all, municipal, association, other ...), else as queried."""
    for col in ("gruppe", "respondentgruppe"):
        if col in df.columns:
            return df.assign(_rank=df[col].map(group_rank)).sort_values("_rank", kind="stable").drop(
                columns="_rank")
    return df


def _join(*parts: str | None) -> str | None:
    text = " · ".join(p for p in parts if p)
    return text or None


def scale_alt(view: View, df: pd.DataFrame, label: str) -> str:
    """A text alternative: per row, the share at the positive and the negative end."""
    parts = []
    for row, sub in df[~df["undertrykt"]].groupby(label, sort=False):
        sub = sub.sort_values("rekkefolge")
        pos = sub["andel"].iloc[:2].sum()
        neg = sub["andel"].iloc[3:].sum()
        parts.append(view.t("alt.skala_rad", rad=str(row).replace("<br>", " "), pos=fmt.percent(pos),
                       pos_tekst=" / ".join(sub["kategori"].iloc[:2]).lower(), neg=fmt.percent(neg),
                       neg_tekst=" / ".join(sub["kategori"].iloc[3:]).lower()))
    return alt_text(view, parts)


def scale_chart(page: Page, results: Sequence[Result], df: pd.DataFrame, *, label: str, title: str, key: str,
                n: str | None = None, report: str | None = None, order: Sequence[str] | None = None) -> None:
    """Diverging stacked bars for a five-point scale; one bar per value of ``label``."""
    if nothing_to_show(page.view, df, title, results, n, report):
        return
    df = _in_group_order(df)
    cats = df.sort_values("rekkefolge").drop_duplicates("kode")
    visible = df[~df["undertrykt"]]
    fig = charts.diverging(visible, label, "kode", "andel", categories=list(cats["kode"]),
                           category_labels=dict(zip(cats["kode"], cats["kategori"])),
                           order=[o for o in (order or dict.fromkeys(visible[label])) if o in set(visible[label])],
                      presentation=page.view.presentation)
    table = survey_table(page.view, df.assign(**{label: df[label].astype(str).str.replace("<br>", " ")}), label)
    notes = _join(report, _hidden_note(page.view, df, label), _few_note(page.view, df))
    page.figure(fig, results, title, table, n=n, note=notes,
                      alt=scale_alt(page.view, df, label), key=key)


def share_figure(view: View, df: pd.DataFrame, *, label: str, group: str | None = None,
                 order: Sequence[str] | None = None,
                 demo: bool = False) -> tuple[pd.DataFrame, pd.DataFrame, go.Figure]:
    """The bars of :func:`share_chart` (also drawn in the municipality brief): the rows in group order (marked
    when ``demo``), the rows shown (not suppressed) and the figure."""
    df = _in_group_order(df)
    if demo:
        df = df.assign(**{label: demo_marks(view, df[label], True)})
    visible = df[~df["undertrykt"]]
    labels = {g: view.group(g) for g in df[group].unique()} if group else None
    fig = charts.bars(visible, label, "andel", group=group, group_labels=labels,
                      colours=charts.GROUP_COLOURS if group == "respondentgruppe" else None,
                      patterns=charts.GROUP_PATTERNS if group == "respondentgruppe" else None,
                      order=[o for o in (order or dict.fromkeys(visible[label])) if o in set(visible[label])],
                      presentation=view.presentation)
    return df, visible, fig


def share_chart(page: Page, results: Sequence[Result], df: pd.DataFrame, *, label: str, title: str, key: str,
                group: str | None = None, n: str | None = None, report: str | None = None,
                order: Sequence[str] | None = None, demo: bool = False) -> None:
    """Horizontal bars of one share per row (and per group, e.g. centres vs municipalities). With ``demo``
    every row label and every share carries the «demodata» mark (chart, table view and export)."""
    if nothing_to_show(page.view, df, title, results, n, report):
        return
    df, visible, fig = share_figure(page.view, df, label=label, group=group, order=order, demo=demo)
    table = df[[label] + ([group] if group else []) + ["andel", "antall", "n", "undertrykt"]].copy()
    table[label] = table[label].astype(str).str.replace("<br>", " ")
    shown = pd.DataFrame({page.view.t("tabell.element"): table[label]})
    if group:
        shown[page.view.t("tabell.gruppe")] = table[group].map(page.view.group)
    shown[page.view.t("tabell.andel")] = share_cells(page.view, table["andel"], table["undertrykt"], demo=demo,
                                                            counts=table["antall"], bases=table["n"])
    shown[page.view.t("tabell.antall")] = count_cells(table["antall"], table["undertrykt"])
    shown["N"] = [fmt.integer(v) for v in table["n"]]
    alt_rows = [f"{str(r[label]).replace('<br>', ' ')}"
                + (f" ({page.view.group(r[group])})" if group else "") + f": {fmt.percent(r['andel'])}"
                for _, r in visible.iterrows()]
    notes = _join(report, _hidden_note(page.view, df, label), _few_note(page.view, df))
    page.figure(fig, results, title, shown, n=n, note=notes,
                      alt=alt_text(page.view, alt_rows), key=key)
