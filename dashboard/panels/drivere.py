"""Drivere og barrierer: every factor on the five-point helping-hindering scale (Figures 17-18),
centres and municipalities side by side, sortable, and where the two sides disagree."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.data import gateway
from dashboard.panels.common import alt_text, nothing_to_show, published
from dashboard.panels.rapporttall import figure_numbers
from dashboard.panels.survey import scale_chart
from dashboard.ui import charts, fmt
from dashboard.ui.page import Page
from dashboard.ui.source_lines import n_text
from dashboard.ui.view import View

SORTS = ("rapport", "fremmende", "hemmende", "navn")
HELP = ("svaert_fremmende", "fremmende")
HINDER = ("hemmende", "svaert_hemmende")


def sort_control(view: View) -> str:
    return st.segmented_control(view.t("drivere.sorter"), SORTS, default="rapport", required=True, key="drivere_sort",
                                format_func=lambda s: view.t("drivere.sort." + s))


def _order(df: pd.DataFrame, how: str) -> list[str]:
    """Factor order: as in the report, by the centres' share helping/hindering, or by name."""
    base = df.drop_duplicates("element").sort_values("element_rekkefolge")
    fs = df[(df["respondentgruppe"] == "frivilligsentral") & ~df["undertrykt"]]
    if how == "navn":
        return sorted(base["element_tekst"])
    if how in ("fremmende", "hemmende") and not fs.empty:
        codes = HELP if how == "fremmende" else HINDER
        score = fs[fs["kode"].isin(codes)].groupby("element_tekst")["andel"].sum()
        rest = [x for x in base["element_tekst"] if x not in score.index]
        return list(score.sort_values(ascending=False).index) + rest
    return list(base["element_tekst"])


def side_by_side(page: Page, how: str) -> None:
    """Figures 17 and 18 in one chart: for each factor the centres' bar right above the municipalities'."""
    f, view = page.filters, page.view
    r = page.use(gateway.run("fordeling", f, blokk="faktor", sprak=view.lang))
    rep = published(page, "fig17_okonomi", "fig18_okonomi", "fig17_n", "fig18_n")
    df = r.df.copy()
    df["rad"] = [f"{e} – {view.group(g)}" for e, g in zip(df["element_tekst"], df["respondentgruppe"])]
    order = [f"{e} – {view.group(g)}" for e in _order(df, how) for g in ("frivilligsentral", "kommune")]
    st.markdown(view.t("drivere.rapport_rangering"))
    report = " ".join(view.t("drivere.rapport_okonomi", verdi=rep[k].say(), n=fmt.integer(rep[nk].value),
                        fig=fig, hvem=view.t(who))
                      for k, nk, fig, who in (("fig17_okonomi", "fig17_n", "Figur 17", "drivere.sentralene"),
                                              ("fig18_okonomi", "fig18_n", "Figur 18", "drivere.kommunene")))
    scale_chart(page, [r], df, label="rad", title=view.t("drivere.fig1718_tittel"), key="fig1718",
                n=n_text(view, df, "respondentgruppe"), report=report, order=order)
    figure_numbers(page, "Figur 17", view)
    figure_numbers(page, "Figur 18", view)


def disagreement(page: Page) -> None:
    f, view = page.filters, page.view
    r = page.use(gateway.run("faktorer_uenighet", f, sprak=view.lang))
    df = r.df
    title = view.t("drivere.uenighet_tittel")
    if nothing_to_show(view, df, title):
        return
    visible = df[~df["undertrykt"]]
    fig = go.Figure()
    for col, name, colour, shape in (("diff_fremmende", view.t("drivere.diff_fremmende"), "#5e3c99", ""),
                                       ("diff_hemmende", view.t("drivere.diff_hemmende"), "#e66101", "/")):
        fig.add_trace(go.Bar(
            y=[charts.wrap(x) for x in visible["element_tekst"]], x=visible[col], orientation="h", name=name,
            marker=dict(color=colour, line=dict(color=charts.OUTLINE, width=1), pattern=charts.pattern(shape, colour)),
            text=[f"{v:+.0f}".replace("-", "−") for v in visible[col]], textposition="outside", cliponaxis=False,
            hovertemplate="%{y}: %{x:+.1f} " + view.t("enhet.pp") + "<extra>%{fullData.name}</extra>"))
    fig.update_layout(barmode="group", height=charts.height_for(len(visible) * 1.4, presentation=view.presentation),
                      yaxis=dict(autorange="reversed"))
    fig.update_xaxes(title_text=view.t("drivere.diff_akse"), zeroline=True, zerolinewidth=2)
    table = pd.DataFrame({
        view.t("tabell.faktor"): df["element_tekst"],
        view.t("drivere.tab.fremmende_fs"): [fmt.percent(v, 1) for v in df["fremmende_fs"]],
        view.t("drivere.tab.fremmende_k"): [fmt.percent(v, 1) for v in df["fremmende_k"]],
        view.t("drivere.tab.hemmende_fs"): [fmt.percent(v, 1) for v in df["hemmende_fs"]],
        view.t("drivere.tab.hemmende_k"): [fmt.percent(v, 1) for v in df["hemmende_k"]],
        view.t("drivere.tab.diff_fremmende"): [fmt.number(v, 1) for v in df["diff_fremmende"]],
        view.t("drivere.tab.diff_hemmende"): [fmt.number(v, 1) for v in df["diff_hemmende"]],
        "N": [f"{fmt.integer(a)} / {fmt.integer(b)}" for a, b in zip(df["n_fs"], df["n_k"])],
    })
    alt = alt_text(view, [
        view.t("alt.uenighet_rad", faktor=x.element_tekst, fs=fmt.percent(x.fremmende_fs), k=fmt.percent(x.fremmende_k),
               hfs=fmt.percent(x.hemmende_fs), hk=fmt.percent(x.hemmende_k)) for x in visible.itertuples()])
    n = view.t("drivere.uenighet_n", fs=fmt.integer(int(df["n_fs"].max())), k=fmt.integer(int(df["n_k"].max())))
    page.figure(fig, [r], title, table, n=n, alt=alt, key="uenighet", intro=view.t("drivere.uenighet_forklaring"))
