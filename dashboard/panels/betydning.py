"""Betydning og politikk: the centre's importance per welfare area today and in future, centres
vs municipalities (Figures 20-21); municipal volunteering policy (Figures 2-4) and the four
plan discourses (Figure 5)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.data import gateway
from dashboard.data.filters import Filters
from dashboard.panels.common import alt_text, nothing_to_show, published, share_cells, share_of
from dashboard.panels.rapporttall import figure_numbers
from dashboard.panels.rapporttall import table as report_table
from dashboard.panels.survey import scale_chart, share_chart
from dashboard.ui import charts, fmt
from dashboard.ui.figures import figure_downloads, table_view
from dashboard.ui.page import Page, no_data
from dashboard.ui.source_lines import n_range, n_text, source_line
from dashboard.ui.view import View

POS = ("svaert_stor", "stor")
SERIES = [("frivilligsentral", "i_dag"), ("frivilligsentral", "fremover"), ("kommune", "i_dag"),
          ("kommune", "fremover")]
SERIES_COLOURS = {"frivilligsentral|i_dag": "#0072B2", "frivilligsentral|fremover": "#56B4E9",
                  "kommune|i_dag": "#D55E00", "kommune|fremover": "#E69F00"}
SERIES_PATTERNS = {"frivilligsentral|i_dag": "", "frivilligsentral|fremover": ".", "kommune|i_dag": "/",
                   "kommune|fremover": "x"}


def importance(page: Page) -> None:
    f, view = page.filters, page.view
    now = page.use(gateway.run("fordeling", f, blokk="betydning", sprak=view.lang))
    fut = page.use(gateway.run("fordeling", f, blokk="betydning_fremover", sprak=view.lang))
    rep = published(page, "fig20_gap_andre", "fig20_gap_mangfold", "fig20_gap_barn", "fig20_gap_helse",
                    "fig20_fs_mangfold", "fig21_fs_mangfold", "fig21_k_okning_barn", "fig21_k_okning_andre",
                    "fig21_k_okning_kultur", "fig21_k_okning_mangfold")
    both = pd.concat([now.df.assign(tid="i_dag"), fut.df.assign(tid="fremover")], ignore_index=True)
    df = share_of(both, POS, ["element", "element_tekst", "respondentgruppe", "tid"])
    df["serie"] = df["respondentgruppe"] + "|" + df["tid"]
    df["rad"] = df["element_tekst"]
    labels = {f"{g}|{tid}": f"{view.group(g)}, {view.t('tid.' + tid)}" for g, tid in SERIES}
    title = view.t("betydning.fig2021_tittel")
    report = view.t("betydning.rapport_fig20", andre=rep["fig20_gap_andre"].say(),
               mangfold=rep["fig20_gap_mangfold"].say(),
               barn=rep["fig20_gap_barn"].say(),
               helse=rep["fig20_gap_helse"].say(),
               fs=rep["fig20_fs_mangfold"].say(),
               fsf=rep["fig21_fs_mangfold"].say()) + " " + view.t(
        "betydning.rapport_fig21", barn=rep["fig21_k_okning_barn"].say(),
        kultur=rep["fig21_k_okning_kultur"].say(),
        mangfold=rep["fig21_k_okning_mangfold"].say())
    df["serie_tekst"] = df["serie"].map(labels)
    if nothing_to_show(view, df, title):
        return
    visible = df[~df["undertrykt"]]
    # traces in the legend's order, so that the bars in each group run in the order the legend lists them
    visible = visible.assign(_rank=visible["serie"].map(list(labels).index)).sort_values("_rank", kind="stable")
    fig = charts.bars(visible, "rad", "andel", group="serie", group_labels=labels, colours=SERIES_COLOURS,
                      patterns=SERIES_PATTERNS, order=list(dict.fromkeys(df["rad"])), presentation=view.presentation)
    table = pd.DataFrame({view.t("tabell.omrade"): df["rad"], view.t("tabell.gruppe"): df["serie_tekst"],
                          view.t("betydning.tab.andel_stor"): share_cells(view, df["andel"], df["undertrykt"]),
                          "N": df["n"]})
    alt = alt_text(view, [f"{a}: " + ", ".join(f"{x.serie_tekst.lower()} {fmt.percent(x.andel)}"
                                               for x in sub.itertuples())
                          for a, sub in visible.groupby("rad", sort=False)])
    page.figure(fig, [now, fut], title, table, n=n_range(view, df), note=report, alt=alt, key="fig2021",
                      intro=view.t("betydning.fig2021_forklaring"))
    figure_numbers(page, "Figur 20", view)
    figure_numbers(page, "Figur 21", view)

    with st.expander(view.t("betydning.fordeling_tittel")):
        tid = st.segmented_control(view.t("betydning.tidspunkt"), ("i_dag", "fremover"), default="i_dag", required=True,
                                   key="betydning_tid", format_func=lambda x: view.t("tid." + x))
        d = (now if tid == "i_dag" else fut).df.copy()
        d["rad"] = [f"{e} – {view.group(g)}" for e, g in zip(d["element_tekst"], d["respondentgruppe"])]
        scale_chart(page, [now if tid == "i_dag" else fut], d, label="rad",
                    title=view.t("betydning.fordeling_figur", tid=view.t("tid." + tid)), key=f"fig2021_{tid}",
                    n=n_text(view, d, "respondentgruppe"))


def policy(page: Page) -> None:
    f, view = page.filters, page.view
    r = page.use(gateway.run("fordeling", f, blokk="politikk", sprak=view.lang))
    rep = published(page, "fig3_formalisert", "fig3_under_utarbeidelse", "fig3_har_ikke_vet_ikke")
    df = r.df.copy()
    df["rad"] = df["kategori"]
    share_chart(page, [r], df, label="rad", title=view.t("betydning.fig3_tittel"), key="fig3", n=n_text(view, df),
                report=view.t("betydning.rapport_fig3", formalisert=rep["fig3_formalisert"].say(),
                         under=rep["fig3_under_utarbeidelse"].say(),
                         ikke=rep["fig3_har_ikke_vet_ikke"].say()))
    figure_numbers(page, "Figur 3", view)
    report_numbers(page, "Figur 2", view.t("betydning.fig2_tittel"), view.t("betydning.fig2_forklaring"))
    central_comparison(page, rep["fig3_formalisert"].say())

    p = page.use(gateway.run("fordeling", f, blokk="plan", sprak=view.lang))
    rep = published(page, "fig4_stor", "fig4_liten")
    d = p.df.copy()
    d["rad"] = d["element_tekst"]
    scale_chart(page, [p], d, label="rad", title=view.t("betydning.fig4_tittel"), key="fig4", n=n_range(view, d),
                report=view.t("betydning.rapport_fig4", stor=rep["fig4_stor"].say(),
                         liten=rep["fig4_liten"].say()))
    figure_numbers(page, "Figur 4", view)


def central_comparison(page: Page, formalised_2024: str) -> None:
    """Figure 2's split between district municipalities and more central ones, as far as the text gives it
    (L1194-1198, L1222-1224): the report states the district share, not the central one."""
    rows = page.use(gateway.run("rapporttall_rader", ider=["R063", "R066"])).df.set_index("id")
    say = {k: fmt.reported(r.verdi, r.enhet, r.presisjon, r.sitat) for k, r in rows.iterrows()}
    st.markdown(page.view.t("betydning.fig2_sentrale", distrikt=say["R066"], alle=say["R063"],
                            formalisert=formalised_2024))


def report_numbers(page: Page, reference: str, title: str, intro: str) -> None:
    """A figure we have no data for (e.g. Figure 2, another survey): the report's own numbers."""
    st.subheader(title, anchor=False)
    st.markdown(intro)
    r = page.use(gateway.run("rapporttall_figur", referanse=reference))
    if r.df.empty:
        no_data(page.view)
        return
    table = report_table(r.df, page.view)
    table_view(page.view, table)
    source_line(page.view, [r])
    figure_downloads(page.view, table, [r], title, f"rapport_{reference}")


def has_discourse_data(view: View) -> bool:
    """Whether the current data version holds the per-municipality document analysis at all."""
    whole = gateway.run("diskurser", Filters(sentralitetsklasser=()), sprak=view.lang).df
    return not whole.empty and int(whole["n"].max()) > 0


def discourses(page: Page) -> None:
    f, view = page.filters, page.view
    r = page.use(gateway.run("diskurser", f, sprak=view.lang))
    rep = published(page, "fig5_mobilisering", "fig5_kommune3", "fig5_stedsutvikling", "fig5_selvstendig")
    df = r.df.copy()
    df["rad"] = df["kategori"]
    df["undertrykt"] = False
    keys = {"mobilisering": "fig5_mobilisering", "kommune3": "fig5_kommune3", "stedsutvikling": "fig5_stedsutvikling",
            "selvstendig": "fig5_selvstendig"}
    if not has_discourse_data(view):
        # a data version without the document analysis (an import without the optional file): the report's numbers
        rk = page.use(gateway.run("rapport_kontroller", kontroller=list(keys.values())))
        df["andel"] = df["kode"].map(lambda c: rep[keys[c]].value)
        df["antall"], df["n"] = pd.NA, 189
        share_chart(page, [rk], df, label="rad", title=view.t("betydning.fig5_tittel"), key="fig5",
                    n=view.t("n.kommuner", n=fmt.integer(189)), report=view.t("betydning.fig5_bare_rapport"))
        figure_numbers(page, "Figur 5", view)
        return
    report = view.t("betydning.rapport_fig5", tall=", ".join(f"{k} {rep[keys[c]].say()}"
                                                        for c, k in zip(df["kode"], df["kategori"])))
    share_chart(page, [r], df, label="rad", title=view.t("betydning.fig5_tittel"), key="fig5",
                n=view.t("n.kommuner", n=fmt.integer(int(df["n"].max()) if not df.empty else 0)), report=report)
    figure_numbers(page, "Figur 5", view)
    with st.expander(view.t("betydning.diskurs_forklaring_tittel")):
        for x in df.itertuples():
            st.markdown(f"**{x.kategori}** – {view.t('diskurs.beskrivelse.' + x.kode)}")
