"""Eierskap: ownership forms (register) by centrality class, county and district vs central;
boards and advisory bodies; roles (Figures 7-9) by ownership and from both sides; the centre as
a supplement on whose terms (Figure 6 and its footnote 12)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.data import gateway
from dashboard.panels.common import alt_text, percent_sum, published, share_of
from dashboard.panels.rapporttall import figure_numbers
from dashboard.panels.survey import scale_chart, share_chart
from dashboard.ui import charts, fmt
from dashboard.ui.page import Page, no_data
from dashboard.ui.source_lines import n_range, n_text

POS = ("svaert_godt", "godt")

# Figure 6's footnote 12 (L2267-2272) gives the parts; the caption shows them and labels their sums as ours
FIG6_PARTS = {"fk": ("fig6_friv_svaert_godt_kommunal", "fig6_friv_godt_kommunal"),
              "fa": ("fig6_friv_svaert_godt_andre", "fig6_friv_godt_andre"),
              "kk": ("fig6_komm_svaert_darlig_kommunal", "fig6_komm_darlig_kommunal"),
              "ka": ("fig6_komm_svaert_darlig_andre", "fig6_komm_darlig_andre")}


def _ownership_figure(page: Page, df: pd.DataFrame, *, title: str, key: str, order=None, report: str | None = None,
                      label_col: str = "gruppe_tekst") -> None:
    if df.empty:
        st.subheader(title, anchor=False)
        no_data(page.view)
        return
    cats = df.sort_values("rekkefolge").drop_duplicates("eierform")
    fig = charts.stacked(df, label_col, "eierform", "andel", categories=list(cats["eierform"]),
                         category_labels=dict(zip(cats["eierform"], cats["eierform_tekst"])), order=order,
                         presentation=page.view.presentation)
    table = pd.DataFrame({page.view.t("tabell.gruppe"): df[label_col],
                          page.view.t("tabell.eierform"): df["eierform_tekst"],
                          page.view.t("tabell.andel"): [fmt.percent(v, 1) for v in df["andel"]],
                          page.view.t("tabell.antall"): df["antall"], "N": df["n"]})
    n = page.view.t("n.sentraler", n=fmt.integer(int(df.drop_duplicates("gruppe")["n"].sum())))
    alt = alt_text(page.view, [
        f"{g}: " + ", ".join(f"{r.eierform_tekst} {fmt.percent(r.andel)}" for r in sub.itertuples() if r.andel >= 1)
        for g, sub in df.groupby(label_col, sort=False)])
    page.figure(fig, [page.results[-1]], title, table, n=n, note=report, alt=alt, key=key)


def ownership(page: Page) -> None:
    f, view = page.filters, page.view
    rep = published(page, "reg_eier_kommunal_distrikt", "reg_eier_lag_distrikt", "reg_eier_kommunal_sentral",
                    "reg_eier_lag_sentral")
    report = view.t("eierskap.rapport_eierform", kd=rep["reg_eier_kommunal_distrikt"].say(),
               ld=rep["reg_eier_lag_distrikt"].say(),
               ks=rep["reg_eier_kommunal_sentral"].say(),
               ls=rep["reg_eier_lag_sentral"].say(),
               ref=rep["reg_eier_kommunal_distrikt"].reference or view.t("rapport.uten_figur"),
               linje=rep["reg_eier_kommunal_distrikt"].line)
    every_class = f.with_(sentralitetsklasser=())  # these comparisons are across classes by design
    tab1, tab2, tab3 = st.tabs([view.t("eierskap.fane.distrikt"), view.t("eierskap.fane.klasse"),
                                view.t("eierskap.fane.fylke")])
    with tab1:
        df = page.use(gateway.run("eierform_fordeling", every_class, inndeling="distrikt", sprak=view.lang)).df
        df["gruppe_tekst"] = df["gruppe"].map(lambda g: view.t(f"gruppe.{g}"))
        _ownership_figure(page, df, title=view.t("eierskap.distrikt_tittel"), key="eier_distrikt", report=report)
        st.caption(view.t("eierskap.alle_klasser"))
    with tab2:
        df = page.use(gateway.run("eierform_fordeling", every_class, inndeling="klasse", sprak=view.lang)).df
        df["gruppe_tekst"] = df["gruppe"].map(lambda k: view.t("filter.klasse_verdi", klasse=k))
        _ownership_figure(page, df, title=view.t("eierskap.klasse_tittel"), key="eier_klasse", report=report)
        st.caption(view.t("eierskap.alle_klasser"))
    with tab3:
        df = page.use(gateway.run("eierform_fordeling", f, inndeling="fylke", sprak=view.lang)).df
        df["gruppe_tekst"] = df["gruppe_navn"]
        _ownership_figure(page, df, title=view.t("eierskap.fylke_tittel"), key="eier_fylke", report=report)


def boards(page: Page) -> None:
    f, view = page.filters, page.view
    r = page.use(gateway.run("radgivende_organ", f.with_(sentralitetsklasser=()), sprak=view.lang))
    rep = published(page, "reg_styre_distrikt", "reg_radgivende_distrikt", "reg_styre_differanse")
    df = r.df.copy()
    df["gruppe_tekst"] = df["gruppe"].map(lambda g: view.t(f"gruppe.{g}"))
    title = view.t("eierskap.styre_tittel")
    if df.empty:
        st.subheader(title, anchor=False)
        no_data(view)
        return
    cats = df.sort_values("rekkefolge").drop_duplicates("kode")
    fig = charts.stacked(df, "gruppe_tekst", "kode", "andel", categories=list(cats["kode"]),
                         category_labels=dict(zip(cats["kode"], cats["tekst"])), presentation=view.presentation)
    table = pd.DataFrame({view.t("tabell.gruppe"): df["gruppe_tekst"], view.t("tabell.kategori"): df["tekst"],
                          view.t("tabell.andel"): [fmt.percent(v, 1) for v in df["andel"]],
                          view.t("tabell.antall"): df["antall"],
                          "N": df["n"]})
    note = view.t("eierskap.rapport_styre", styre=rep["reg_styre_distrikt"].text(),
             radgivende=rep["reg_radgivende_distrikt"].say(),
             diff=rep["reg_styre_differanse"].say())
    alt = alt_text(view, [f"{g}: " + ", ".join(f"{x.tekst} {fmt.percent(x.andel)}" for x in sub.itertuples())
                          for g, sub in df.groupby("gruppe_tekst", sort=False)])
    n = view.t("n.sentraler", n=fmt.integer(int(df.drop_duplicates("gruppe")["n"].sum())))
    page.figure(fig, [r], title, table, n=n,
                      note=note, alt=alt, key="styre")
    st.caption(view.t("eierskap.styre_motstrid") + " " + view.t("eierskap.alle_klasser"))


def roles(page: Page) -> None:
    """Figure 7 by ownership, and Figure 8 (link role fits well) by ownership."""
    f, view = page.filters, page.view
    r = page.use(gateway.run("fordeling_gruppe", f, blokk="rolle", sprak=view.lang, inndeling="eiergruppe"))
    rep = published(page, "fig7_egenregi", "fig7_blanding", "fig7_bindeledd", "fig8_kommunal", "fig8_lag")
    df = r.df.copy()
    df["rad"] = df["gruppe"].map(view.group)
    order = [view.group(g) for g in ("alle", "kommunal", "lag_forening", "andre")]
    report7 = view.t("eierskap.rapport_fig7", egen=rep["fig7_egenregi"].say(),
                blanding=rep["fig7_blanding"].say(),
                bindeledd=rep["fig7_bindeledd"].say())
    scale_chart(page, [r], df, label="rad", title=view.t("eierskap.fig7_tittel"), key="fig7",
                n=n_text(view, df[df["gruppe"] == "alle"]), report=report7, order=order)
    figure_numbers(page, "Figur 7", view)

    r8 = page.use(gateway.run("fordeling_gruppe", f, blokk="pastand", sprak=view.lang, inndeling="eiergruppe"))
    d8 = share_of(r8.df[r8.df["element"] == "bindeledd"], POS, ["gruppe"])
    d8["rad"] = d8["gruppe"].map(view.group)
    report8 = view.t("eierskap.rapport_fig8", kommunal=rep["fig8_kommunal"].say(),
                lag=rep["fig8_lag"].say())
    share_chart(page, [r8], d8, label="rad", title=view.t("eierskap.fig8_tittel"), key="fig8",
                n=n_text(view, d8[d8["gruppe"] == "alle"]), report=report8, order=order)
    figure_numbers(page, "Figur 8", view)


def roles_both_sides(page: Page) -> None:
    """Figure 9: centres and municipalities on the role today and in future."""
    f, view = page.filters, page.view
    now = page.use(gateway.run("fordeling", f, blokk="pastand", sprak=view.lang))
    fut = page.use(gateway.run("fordeling", f, blokk="pastand_fremover", sprak=view.lang))
    rep = published(page, "fig9_fs_bindeledd", "fig9_k_bindeledd", "fig9_fs_fremover", "fig9_k_fremover",
                    "fig9_fs_egne_fremover", "fig9_k_egne_fremover")
    df = pd.concat([now.df.assign(tid="i_dag"), fut.df.assign(tid="fremover")])
    # the two roles (Figure 9), and the competitor statement the report discusses with it (L2606-2612)
    df = df[df["element"].isin(["bindeledd", "egne_aktiviteter"])
            | ((df["element"] == "konkurrent") & (df["tid"] == "i_dag"))].copy()
    df["rad"] = [f"{view.t('eierskap.kort.' + e)} – {view.group(g)}, {view.t('tid.' + tid)}"
                 for e, g, tid in zip(df["element"], df["respondentgruppe"], df["tid"])]
    order = [f"{view.t('eierskap.kort.' + e)} – {view.group(g)}, {view.t('tid.' + tid)}"
             for e in ("bindeledd", "egne_aktiviteter", "konkurrent") for tid in ("i_dag", "fremover")
             for g in ("frivilligsentral", "kommune")]
    report = view.t("eierskap.rapport_fig9", fs=rep["fig9_fs_bindeledd"].say(),
               k=rep["fig9_k_bindeledd"].say(),
               fsf=rep["fig9_fs_fremover"].say(), kf=rep["fig9_k_fremover"].say(),
               fse=rep["fig9_fs_egne_fremover"].say(),
               ke=rep["fig9_k_egne_fremover"].say()) + " " + view.t("eierskap.rapport_fig9_konkurrent")
    scale_chart(page, [now, fut], df, label="rad", title=view.t("eierskap.fig9_tittel"), key="fig9",
                n=n_range(view, df), report=report, order=order)
    figure_numbers(page, "Figur 9", view)


def supplement(page: Page) -> None:
    """Figure 6 with footnote 12: supplement on whose terms, by ownership (centres) and municipalities."""
    f, view = page.filters, page.view
    by_owner = page.use(gateway.run("fordeling_gruppe", f, blokk="pastand", sprak=view.lang, inndeling="kommunal"))
    both = page.use(gateway.run("fordeling", f, blokk="pastand", sprak=view.lang))
    items = ["supplement_frivillighet", "supplement_kommune"]
    a = by_owner.df[by_owner.df["element"].isin(items) & (by_owner.df["gruppe"] != "alle")].copy()
    a["rad"] = [f"{view.t('eierskap.kort.' + e)} – {view.group(g)}" for e, g in zip(a["element"], a["gruppe"])]
    b = both.df[both.df["element"].isin(items)].copy()
    b["rad"] = [f"{view.t('eierskap.kort.' + e)} – {view.group(g)}"
                for e, g in zip(b["element"], b["respondentgruppe"])]
    df = pd.concat([a, b], ignore_index=True)
    order = [f"{view.t('eierskap.kort.' + e)} – {view.group(g)}" for e in items
             for g in ("frivilligsentral", "kommunal", "ikke_kommunal", "kommune")]
    rep = published(page, *[k for keys in FIG6_PARTS.values() for k in keys])
    said = {f"{k}{i}": rep[key].say() for k, keys in FIG6_PARTS.items() for i, key in enumerate(keys, start=1)}
    report = view.t("eierskap.rapport_fig6", **said, **{k: percent_sum(rep, *keys) for k, keys in FIG6_PARTS.items()})
    scale_chart(page, [by_owner, both], df, label="rad", title=view.t("eierskap.fig6_tittel"), key="fig6",
                n=n_range(view, b), report=report, order=order)
    figure_numbers(page, "Figur 6", view)
