"""Samarbeid (tjenesteøkosystem): who the centres and municipalities collaborate with (Figures
11-12), how (13, 15), in which phases (14), compensation, satisfaction (16), services by role
type (10), welfare areas, co-location (19) and Table 1."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from dashboard.data import gateway
from dashboard.panels.common import (
    alt_text,
    count_cells,
    nothing_to_show,
    published,
    report_kpis,
    share_cells,
    share_of,
)
from dashboard.panels.rapporttall import figure_numbers
from dashboard.panels.survey import scale_chart, share_chart
from dashboard.ui import charts, fmt
from dashboard.ui.page import Page
from dashboard.ui.source_lines import n_range, n_text, source_line

FS_CENTRE, K_CENTRE = "frivilligsentralen", "kommunen"


def _network(page: Page, results, df: pd.DataFrame, centre: str, centre_label: str, title: str, key: str,
             report: str | None) -> None:
    if nothing_to_show(page.view, df, title):
        return
    nodes = pd.DataFrame({"kode": [centre] + list(df["element"]),
                          "etikett": [centre_label] + list(df["element_tekst"])})
    links = pd.DataFrame({"kode": df["element"], "andel": df["andel"],
                          "tekst": share_cells(page.view, df["andel"], df["undertrykt"], decimals=0)})
    fig = charts.network(nodes, links, centre=centre, presentation=page.view.presentation)
    table = pd.DataFrame({page.view.t("tabell.aktor"): df["element_tekst"],
                          page.view.t("tabell.andel"): links["tekst"].to_numpy(),
                          page.view.t("tabell.antall"): count_cells(df["antall"], df["undertrykt"]),
                          "N": [fmt.integer(v) for v in df["n"]]})
    alt = page.view.t("alt.nettverk", sentrum=centre_label[:1].lower() + centre_label[1:],
            koblinger="; ".join(f"{a}: {b}" for a, b in zip(df["element_tekst"], links["tekst"])))
    page.figure(fig, results, title, table, n=n_text(page.view, df), note=report, alt=alt, key=key)


def ecosystem(page: Page) -> None:
    f, view = page.filters, page.view
    r = page.use(gateway.run("fordeling", f, blokk="partner", sprak=view.lang))
    rep = published(page, "fig11_kommunen", "fig11_lag_org", "fig11_enkeltfrivillige", "fig11_idrettslag",
                    "fig11_andre_private", "fig11_naerbutikk", "fig11_andre_offentlige", "fig11_n_fs")
    valgt = r.df[r.df["kode"] == "valgt"]
    fs = valgt[valgt["respondentgruppe"] == "frivilligsentral"]
    k = valgt[valgt["respondentgruppe"] == "kommune"]
    report = view.t("samarbeid.rapport_fig11", n=fmt.integer(rep["fig11_n_fs"].value),
               tall=", ".join(f"{view.t('aktor.' + a)} {fmt.integer(rep['fig11_' + a].value)}"
                              for a in ("kommunen", "lag_org", "enkeltfrivillige", "idrettslag", "andre_private",
                                        "naerbutikk", "andre_offentlige")))
    st.markdown(view.t("samarbeid.nettverk_forklaring"))
    # one network under the other: side by side, each is under 500 px wide at 1280-1440 px with the sidebar
    # open, and the labels are clipped or the centre box covers the shares on the horizontal links
    _network(page, [r], fs, FS_CENTRE, view.t("aktor.frivilligsentralen"), view.t("samarbeid.fig11_fs_tittel"),
             "fig11_fs", report)
    _network(page, [r], k, K_CENTRE, view.t("aktor.kommunen"), view.t("samarbeid.fig11_k_tittel"), "fig11_k", None)

    m = page.use(gateway.run("samarbeidsmodell", f, sprak=view.lang))
    df = m.df.copy()
    df["rad"] = df["kategori"]
    figure_numbers(page, "Figur 11", view)
    share_chart(page, [m], df, label="rad", title=view.t("samarbeid.fig12_tittel"), key="fig12",
                n=n_text(view, df), report=view.t("samarbeid.fig12_merknad"))
    figure_numbers(page, "Figur 12", view)


def forms(page: Page) -> None:
    f, view = page.filters, page.view
    r = page.use(gateway.run("fordeling", f, blokk="form", sprak=view.lang))
    rep = published(page, "fig13_samarbeidsavtale", "fig13_intensjonsavtale", "fig13_uformelt",
                    "fig15_uformelt_butikk", "fig15_uformelt_private", "fig15_privat_eller_butikk")
    df = r.df[r.df["kode"] == "valgt"].copy()
    df["rad"] = df["aktor"].map(lambda a: view.t("aktor." + a))
    df["form"] = df["element_tekst"]
    title = view.t("samarbeid.fig13_tittel")
    report = view.t("samarbeid.rapport_fig13", avtale=rep["fig13_samarbeidsavtale"].say(),
               intensjon=rep["fig13_intensjonsavtale"].say(),
               uformelt=rep["fig13_uformelt"].say(),
               butikk=rep["fig15_uformelt_butikk"].say())
    share_chart(page, [r], df, label="rad", group="form", title=title, key="fig13", n=n_range(view, df),
                report=report)
    figure_numbers(page, "Figur 13", view)
    report_kpis(view, [(view.t("samarbeid.kpi_privat"), rep["fig15_privat_eller_butikk"]),
                 (view.t("samarbeid.kpi_uformelt_privat"), rep["fig15_uformelt_butikk"])])
    figure_numbers(page, "Figur 15", view)

    g = page.use(gateway.run("fordeling_gruppe", f, blokk="form", sprak=view.lang, inndeling="eiergruppe"))
    k = g.df[(g.df["aktor"] == "kommunen") & (g.df["kode"] == "valgt")].copy()
    k["rad"] = k["gruppe"].map(view.group)
    k["form"] = k["element_tekst"]
    share_chart(page, [g], k, label="rad", group="form", title=view.t("samarbeid.fig13_eier_tittel"), key="fig13_eier",
                n=n_text(view, k[k["gruppe"] == "alle"]), report=view.t("samarbeid.fig13_eier_merknad"))


# the combinations of Figure 14 that include each phase the report sums up (L3242-3258)
PHASE_TOTALS = {"alle": ("alle",),
                "utforing": ("alle", "ide_utforing", "plan_utforing", "bare_utforing"),
                "tidlig": ("alle", "ide_utforing", "plan_utforing", "ide_plan", "bare_ide", "bare_plan")}


def phase_totals(combos: pd.DataFrame) -> pd.DataFrame:
    """The report's three totals (all phases, execution, idea or planning) from the combinations."""
    rows = []
    for kode, parts in PHASE_TOTALS.items():
        sub = combos[combos["kode"].isin(parts)]
        hidden = bool(sub["undertrykt"].any())
        rows.append({"kode": kode, "andel": pd.NA if hidden else sub["andel"].sum(),
                     "antall": pd.NA if hidden else sub["antall"].sum(), "n": combos["n"].max(), "undertrykt": hidden})
    return pd.DataFrame(rows)


def phases(page: Page) -> None:
    """Figure 14 as the report draws it (the combinations of phases), and the three totals its text gives."""
    f, view = page.filters, page.view
    r = page.use(gateway.run("faser_kombinasjoner", f))
    rep = published(page, "fig14_alle", "fig14_utforing", "fig14_tidlig")
    report = view.t("samarbeid.rapport_fig14", alle=rep["fig14_alle"].say(),
               utforing=rep["fig14_utforing"].say(),
               tidlig=rep["fig14_tidlig"].say())
    combos = r.df[(r.df["kode"] != "ingen") | (r.df["antall"].fillna(1) > 0)].copy()
    combos["rad"] = combos["kode"].map(lambda k: view.t("samarbeid.fasekombinasjon." + k))
    share_chart(page, [r], combos, label="rad", title=view.t("samarbeid.fig14_tittel"), key="fig14_kombinasjoner",
                n=n_text(view, combos), report=report)
    totals = phase_totals(r.df) if not r.df.empty else r.df
    if not totals.empty:
        totals["rad"] = totals["kode"].map(lambda k: view.t("samarbeid.fase." + k))
    share_chart(page, [r], totals, label="rad", title=view.t("samarbeid.fig14_sum_tittel"), key="fig14",
                n=n_text(view, totals), report=report)
    figure_numbers(page, "Figur 14", view)

    c = page.use(gateway.run("fordeling", f, blokk="kompensasjon", sprak=view.lang))
    rep = published(page, "komp_ingen", "komp_lokal", "komp_indirekte", "komp_direkte")
    df = c.df.copy()
    df["rad"] = df["kategori"]
    report = view.t("samarbeid.rapport_komp",
               tall=", ".join(rep[k].say() for k in ("komp_ingen", "komp_lokal", "komp_indirekte", "komp_direkte")))
    share_chart(page, [c], df, label="rad", title=view.t("samarbeid.komp_tittel"), key="komp",
                n=n_text(view, df), report=report)


def satisfaction(page: Page) -> None:
    f, view = page.filters, page.view
    r = page.use(gateway.run("fordeling", f, blokk="fornoyd", sprak=view.lang))
    rep = published(page, "fig16_misfornoyde")
    df = r.df.copy()
    df["rad"] = df["element_tekst"]
    scale_chart(page, [r], df, label="rad", title=view.t("samarbeid.fig16_tittel"), key="fig16",
                n=n_range(view, df),
                report=view.t("samarbeid.rapport_fig16", n=fmt.integer(rep["fig16_misfornoyde"].value)))
    figure_numbers(page, "Figur 16", view)


def services(page: Page) -> None:
    f, view = page.filters, page.view
    r = page.use(gateway.run("fordeling_gruppe", f, blokk="aktivitet", sprak=view.lang, inndeling="rolletype"))
    df = share_of(r.df, ("selv", "sammen"), ["element", "element_tekst", "gruppe"])
    df["rad"] = df["element_tekst"]
    df = df[df["gruppe"] != "alle"]
    title = view.t("samarbeid.fig10_tittel")
    if nothing_to_show(view, df, title):
        return
    share_chart(page, [r], df, label="rad", group="gruppe", title=title, key="fig10",
                n=n_text(view, df, "gruppe"), report=view.t("samarbeid.fig10_merknad"))
    figure_numbers(page, "Figur 10", view)


def welfare(page: Page) -> None:
    f, view = page.filters, page.view
    v = page.use(gateway.run("fordeling", f, blokk="velferd", sprak=view.lang))
    rep = published(page, "velferd_fs_kap3", "velferd_k_80_85", "velferd_fs_kommunal", "velferd_fs_ovrige",
                    "omrade_mangfold", "omrade_helse", "omrade_barn", "omrade_kultur", "omrade_alle_fire")
    df = v.df[v.df["kode"] == "ja"].copy()
    df["rad"] = df["respondentgruppe"].map(view.group)
    share_chart(page, [v], df, label="rad", title=view.t("samarbeid.velferd_tittel"), key="velferd",
                n=n_text(view, df, "respondentgruppe"),
                report=view.t("samarbeid.rapport_velferd", fs=rep["velferd_fs_kap3"].say(),
                         kommunal=rep["velferd_fs_kommunal"].say(),
                         ovrige=rep["velferd_fs_ovrige"].say()))
    report_kpis(view, [(view.t("samarbeid.kpi_velferd_kommunal"), rep["velferd_fs_kommunal"]),
                 (view.t("samarbeid.kpi_velferd_ovrige"), rep["velferd_fs_ovrige"]),
                 (view.t("samarbeid.kpi_alle_fire"), rep["omrade_alle_fire"])])
    a = page.use(gateway.run("fordeling", f, blokk="omrade", sprak=view.lang))
    df = a.df.copy()
    df["rad"] = df["element_tekst"]
    title = view.t("samarbeid.omrade_tittel")
    report = view.t("samarbeid.rapport_omrade", mangfold=rep["omrade_mangfold"].say(),
               barn=rep["omrade_barn"].say(), alle=rep["omrade_alle_fire"].say())
    if nothing_to_show(view, df, title):
        return
    cats = df.sort_values("rekkefolge").drop_duplicates("kode")
    visible = df[~df["undertrykt"]]
    fig = charts.stacked(visible, "rad", "kode", "andel", categories=list(cats["kode"]),
                         category_labels=dict(zip(cats["kode"], cats["kategori"])),
                         colours=["#0072B2", "#56B4E9", "#e3e3e3"], presentation=view.presentation)
    table = pd.DataFrame({view.t("tabell.element"): df["rad"], view.t("tabell.kategori"): df["kategori"],
                          view.t("tabell.andel"): share_cells(view, df["andel"], df["undertrykt"]), "N": df["n"]})
    alt = alt_text(view, [f"{r}: " + ", ".join(f"{x.kategori.lower()} {fmt.percent(x.andel)}"
                                               for x in sub.itertuples())
                          for r, sub in visible.groupby("rad", sort=False)])
    page.figure(fig, [a], title, table, n=n_text(view, df), note=report, alt=alt, key="omrade")


def colocation(page: Page) -> None:
    f, view = page.filters, page.view
    r = page.use(gateway.run("fordeling_gruppe", f, blokk="samlokalisering", sprak=view.lang, inndeling="eiergruppe"))
    rep = published(page, "fig19_ikke")
    df = r.df[r.df["kode"] == "valgt"].copy()
    df["rad"] = df["element_tekst"]
    share_chart(page, [r], df, label="rad", group="gruppe", title=view.t("samarbeid.fig19_tittel"), key="fig19",
                n=n_text(view, df[df["gruppe"] == "alle"]),
                report=view.t("samarbeid.rapport_fig19", ikke=rep["fig19_ikke"].say()))
    figure_numbers(page, "Figur 19", view)


def table1(page: Page) -> None:
    view = page.view
    st.subheader(view.t("samarbeid.tab1_tittel"), anchor=False)
    r = page.use(gateway.run("tabell1", sprak=view.lang))
    rep = published(page, "tab1_fs_fordeler", "tab1_k_fordeler", "tab1_fs_ulemper", "tab1_k_ulemper")
    cols = st.columns(3)
    for col, who in zip(cols, ("frivilligsentral", "kommune", "begge")):
        with col:
            st.markdown(f"**{view.t('samarbeid.tab1_nevnt.' + who)}**")
            for kind in ("fordel", "ulempe"):
                rows = r.df[(r.df["nevnt_av"] == who) & (r.df["type"] == kind)]
                items = "".join(f"<li>{html.escape(x)}</li>" for x in rows["tekst"])
                st.html(f"<div><em>{view.t('samarbeid.tab1_' + kind)}</em><ul>{items}</ul></div>")
    source_line(view, [r], view.t("samarbeid.tab1_n", fsf=fmt.integer(rep["tab1_fs_fordeler"].value),
                                  kf=fmt.integer(rep["tab1_k_fordeler"].value),
                                  fsu=fmt.integer(rep["tab1_fs_ulemper"].value),
                                  ku=fmt.integer(rep["tab1_k_ulemper"].value)),
                           view.t("samarbeid.tab1_merknad"))
    figure_numbers(page, "Tabell 1", view)
