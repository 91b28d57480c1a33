"""Kommuneprofil: one municipality's centrality, population trend, centres and ownership, how it
compares with its class and county, and the survey picture where the n >= 5 rule allows it
(otherwise the county's or the class's picture, labelled as such)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.data import gateway
from dashboard.data.filters import Filters
from dashboard.panels.common import demo_mark, demo_marks, published
from dashboard.panels.survey import share_chart
from dashboard.ui import charts, fmt, navigation, slides, state
from dashboard.ui.figures import figure_downloads, table_view
from dashboard.ui.options import options
from dashboard.ui.page import Page, kpi, too_few
from dashboard.ui.source_lines import group_label, n_text, source_line, sources
from dashboard.ui.view import View

PICKER = "profil_kommune"
PICKED = state.widget(PICKER)  # the picker's value


def _picked() -> None:
    kn = PICKED.get()
    if kn:
        klasse = int(gateway.run("kommune_fakta", kommune=kn).df["sentralitetsklasse"].iloc[0])
        state.select_municipality_and_note(kn, klasse)


def picker(f: Filters, view: View) -> str | None:
    """The municipality to show: the one in the filter, or the user's pick."""
    opts = options(view.lang)
    current = f.kommuner[0] if len(f.kommuner) == 1 else None
    if current is not None:
        PICKED.set(current)
    elif PICKED.get() not in opts.kommuner:
        PICKED.set(None)
    names = dict(sorted(opts.kommuner.items(), key=lambda kv: kv[1]))
    st.selectbox(view.t("kommuneprofil.velg"), list(names), key=PICKER, format_func=lambda k: f"{names[k]} ({k})",
                 placeholder=view.t("kommuneprofil.velg_placeholder"), on_change=_picked)
    widened = state.take_widened()
    if widened:
        st.info(view.t("kommuneprofil.utvidet", hva=", ".join(view.t("filter." + w) for w in widened)),
                icon=":material/info:")
    if len(f.kommuner) > 1:
        st.caption(view.t("kommuneprofil.flere_valgt"))
    return PICKED.get()


def facts(page: Page, kommune: str) -> pd.Series:
    view = page.view
    row = page.use(gateway.run("kommune_fakta", kommune=kommune)).df.iloc[0]
    st.header(row["visningsnavn"], anchor=False)
    if row["kommunenavn_offisielt"] != row["visningsnavn"]:
        st.caption(row["kommunenavn_offisielt"])
    rows = fact_rows(view, row)
    for col, (label, value, note) in zip(st.columns(len(rows)), rows):
        kpi(col, label, value, note)
    source_line(view, [page.results[-1]])
    page.deck_title = view.t("kommuneprofil.deck_tittel", navn=row["visningsnavn"])
    page.tables.append(slides.Table(view.t("kommuneprofil.nokkeltall", navn=row["visningsnavn"]),
                                    pd.DataFrame(rows, columns=["", view.t("tabell.verdi"), " "]),
                                    view.t("kilde.prefiks", kilder=sources(view, [page.results[-1]])), False))
    st.page_link(navigation.page("kart", view), label=view.t("kommuneprofil.tilbake"), icon=":material/arrow_back:")
    return row


def fact_rows(view: View, row: pd.Series) -> list[tuple[str, str, str]]:
    """The municipality's key figures as (label, value, note): on the profile, in its brief and its slides."""
    change = 100 * (row["befolkning_2024"] - row["befolkning_2014"]) / row["befolkning_2014"]
    district = view.t("kommuneprofil.distrikt") if row["distriktskommune"] else view.t("kommuneprofil.ikke_distrikt")
    return [
        (view.t("kommuneprofil.fylke"), row["fylkesnavn"], ""),
        (view.t("kommuneprofil.klasse"), view.t("filter.klasse_verdi", klasse=int(row["sentralitetsklasse"])),
         district),
        (view.t("kommuneprofil.indeks"), fmt.integer(row["sentralitetsindeks"], view.lang),
         view.t("kommuneprofil.rangering", nr=int(row["rangering"]))),
        (view.t("kommuneprofil.befolkning"), fmt.integer(row["befolkning_2024"], view.lang),
         view.t("kommuneprofil.endring_mangler") if pd.isna(change) else
         view.t("kommuneprofil.endring", endring=fmt.number(change, 1, view.lang).replace("-", "−"))),
    ]


def population(page: Page, kommune: str, row: pd.Series) -> None:
    view = page.view
    r = page.use(gateway.run("befolkning_trend", kommune=kommune))
    df = r.df
    labels = {"kommune": row["visningsnavn"],
              "klasse": view.t("kommuneprofil.serie_klasse", klasse=int(row["sentralitetsklasse"])),
              "fylke": view.t("kommuneprofil.serie_fylke", fylke=row["fylkesnavn"])}
    fig = charts.line(df, "aar", "indeks", "serie", group_labels=labels, y_title=view.t("kommuneprofil.indeks_1986"),
                      presentation=view.presentation)
    k = df[df["serie"] == "kommune"]
    table = pd.DataFrame({view.t("tabell.aar"): k["aar"],
                          view.t("tabell.befolkning"): [fmt.integer(v) for v in k["befolkning"]]})
    first, last = k.iloc[0], k[k["aar"] == 2024].iloc[0]
    alt = view.t("alt.befolkning", kommune=row["visningsnavn"], fra=fmt.integer(first["befolkning"]),
            til=fmt.integer(last["befolkning"]))
    page.figure(fig, [r], view.t("kommuneprofil.befolkning_tittel"), table, alt=alt, key="befolkning",
                note=view.t("kommuneprofil.befolkning_merknad"), filters=Filters(kommuner=(kommune,)))


def centres(page: Page, kommune: str) -> None:
    view = page.view
    st.subheader(view.t("kommuneprofil.sentraler_tittel"), anchor=False)
    r = page.use(gateway.run("sentraler_kommune", kommune=kommune, sprak=view.lang))
    d = page.use(gateway.run("diskurs_kommune", kommune=kommune, sprak=view.lang))
    if r.df.empty:
        st.info(view.t("kommuneprofil.ingen_sentraler"), icon=":material/info:")
    else:
        demo = r.df["kilde"].eq("demo").tolist()

        def marked(values) -> list[str]:
            return [demo_mark(view, v, d) for v, d in zip(values, demo)]

        table = pd.DataFrame({
            view.t("tabell.navn"): marked(r.df["navn"]), view.t("tabell.eierform"): marked(r.df["eierform"]),
            view.t("tabell.radgivende"): marked(r.df["radgivende_organ"]),
            view.t("tabell.etablert"): marked(r.df["etablert_aar"]),
            view.t("tabell.i_utvalg"): marked(view.t("ja") if x else view.t("nei") for x in r.df["i_utvalg"]),
        })
        table_view(view, table)
        page.tables.append(slides.Table(view.t("kommuneprofil.sentraler_tittel"), table,
                                        view.t("kilde.prefiks", kilder=sources(view, [r])), any(demo)))
        figure_downloads(view, table, [r], view.t("kommuneprofil.sentraler_tittel"), "profil_sentraler",
                         filters=Filters(kommuner=(kommune,)))
    if not d.df.empty:
        discourse = demo_mark(view, d.df["kategori"].iloc[0], d.df["kilde"].iloc[0] == "demo")
        st.markdown(view.t("kommuneprofil.diskurs", diskurs=discourse))
    source_line(view, [r, d])


def _share_or_yes(view: View, share: float, municipalities: int) -> str:
    """A share of municipalities, or «Ja»/«Nei» for the one municipality itself."""
    if municipalities == 1:
        return view.t("ja") if share >= 50 else view.t("nei")
    return fmt.percent(share, 0)


def comparison(page: Page, kommune: str, row: pd.Series) -> None:
    view = page.view
    r = page.use(gateway.run("sammenligning_kommune", kommune=kommune))
    df = r.df
    names = {"kommune": row["visningsnavn"],
             "klasse": view.t("kommuneprofil.serie_klasse", klasse=int(row["sentralitetsklasse"])),
             "fylke": view.t("kommuneprofil.serie_fylke", fylke=row["fylkesnavn"]),
             "distrikt": view.t("gruppe.distrikt")}
    st.subheader(view.t("kommuneprofil.sammenligning_tittel"), anchor=False)
    demo = "sentraler" in r.demo_tables
    table = pd.DataFrame({
        view.t("tabell.gruppe"): df["gruppe"].map(names),
        view.t("tabell.kommuner"): df["kommuner"],
        view.t("kommuneprofil.tab.endring"): [fmt.percent(v, 1) for v in df["befolkningsendring"]],
        view.t("kommuneprofil.tab.per10000"): demo_marks(view, [fmt.number(v, 1) for v in df["sentraler_per_10000"]],
                                                         demo),
        view.t("kommuneprofil.tab.med_sentral"): demo_marks(view, [_share_or_yes(view, v, n) for v, n in
                                                                   zip(df["andel_med_sentral"], df["kommuner"])], demo),
        view.t("kommuneprofil.tab.kommunale"): demo_marks(view, [fmt.percent(v, 0) for v in df["andel_kommunale"]],
                                                          demo),
    })
    table_view(view, table)
    source_line(view, [r])
    figure_downloads(view, table, [r], view.t("kommuneprofil.sammenligning_tittel"), "profil_sammenligning",
                     filters=Filters(kommuner=(kommune,)))


def survey_result(kommune: str, row: pd.Series) -> gateway.Result | None:
    """Survey numbers exist only for predefined groups (dashboard.data.survey_groups): the gateway shows the
    nearest one around the municipality that can draw the picture, as on every page; None when none can."""
    r = gateway.run("profil_indikatorer", Filters(kommuner=(kommune,)))
    return None if r.df.empty or r.df["undertrykt"].all() else r


def survey_picture(page: Page, kommune: str, row: pd.Series) -> None:
    """The municipality's own survey picture if n >= 5, else its county's, else its class's."""
    view = page.view
    if not row["distriktskommune"]:
        st.subheader(view.t("kommuneprofil.undersokelse_tittel"), anchor=False)
        st.info(view.t("kommuneprofil.ikke_i_undersokelsen"), icon=":material/info:")
        return
    r = survey_result(kommune, row)
    title = view.t("kommuneprofil.undersokelse_tittel")
    if r is None:
        st.subheader(title, anchor=False)
        too_few(view, title)
        return
    label = group_label(view, r.group)
    page.use(r)
    df = r.df.copy()
    df["rad"] = df["indikator"].map(lambda i: view.t("kommuneprofil.ind." + i))
    st.info(view.t("kommuneprofil.erstatning", niva=label), icon=":material/visibility_off:")
    share_chart(page, [r], df, label="rad", group="respondentgruppe",
                title=view.t("kommuneprofil.undersokelse_figur", niva=label), key="profil_undersokelse",
                n=n_text(view, df, "respondentgruppe"), demo=r.demo, report=report_picture(page) if r.demo else None)


def report_picture(page: Page) -> str:
    """The report's own numbers for the same indicators (all district municipalities), shown beside the demo picture."""
    rep = published(page, "velferd_fs_kap3", "velferd_k_80_85", "fig9_fs_bindeledd", "fig9_k_bindeledd",
                    "fig13_samarbeidsavtale", "fig17_okonomi", "fig18_okonomi")
    return page.view.t("kommuneprofil.rapportbilde", **{k: v.say() for k, v in rep.items()})
