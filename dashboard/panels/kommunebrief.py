"""«Last ned kommunebrief (PDF)» and the county's brief on the profile: what a one-page brief says, gathered
from the same queries as the profile while the page is drawn; dashboard.ui.brief lays it out and prints it
when the button is clicked."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard.data import gateway, versions
from dashboard.data.filters import Filters
from dashboard.data.gateway import Result
from dashboard.panels.common import demo_mark, demo_marks
from dashboard.panels.kommuneprofil import fact_rows, survey_result
from dashboard.panels.survey import share_figure
from dashboard.ui import brief, brief_word, charts, fmt, slides
from dashboard.ui.export import file_name
from dashboard.ui.i18n import t
from dashboard.ui.source_lines import group_label, n_text, sources
from dashboard.ui.view import View

# the report's headline numbers beside the survey picture: indicator, centres' key, municipalities' key
REPORT = (("velferd", "velferd_fs_kap3", "velferd_k_80_85"), ("bindeledd", "fig9_fs_bindeledd", "fig9_k_bindeledd"),
          ("avtale", "fig13_samarbeidsavtale", None), ("okonomi_hemmer", "fig17_okonomi", "fig18_okonomi"))
WIDE, NARROW = (430, 290), (300, 215)  # chart sizes in CSS pixels: the survey picture, the chart beside the facts
MAX_CENTRES = 8  # rows of the centres table that fit the page; the rest are counted


def downloads(view: View, kommune: str, row: pd.Series) -> None:
    """The two PDF buttons (the municipality's brief and its county's); each PDF is printed on the click."""
    if view.presentation:
        return
    if slides.chromium() is None:
        st.caption(view.t("kommunebrief.mangler_chromium"))
        return
    brief.PRINTER.warm()  # the first click need not wait for the browser to start
    municipality = municipality_brief(view, kommune, row)
    county = county_brief(view, row["fylkesnummer"], row["fylkesnavn"])
    with st.container(horizontal=True):
        st.download_button(view.t("kommunebrief.last_ned"), data=lambda: brief.pdf(municipality),
                           file_name=file_name(view.t("kommunebrief.fil_kommune", navn=row["visningsnavn"]), "pdf"),
                           mime=brief.MIME, key="brief_kommune", icon=":material/picture_as_pdf:", on_click="ignore",
                           help=view.t("kommunebrief.hjelp"))
        st.download_button(view.t("kommunebrief.last_ned_fylke", fylke=row["fylkesnavn"]),
                           data=lambda: brief.pdf(county),
                           file_name=file_name(view.t("kommunebrief.fil_fylke", navn=row["fylkesnavn"]), "pdf"),
                           mime=brief.MIME, key="brief_fylke", icon=":material/picture_as_pdf:", on_click="ignore",
                           help=view.t("kommunebrief.hjelp"))
    with st.container(horizontal=True):  # the same briefs as Word documents, to edit before handing them out
        for kind, b, label, name in (
                ("kommune", municipality, view.t("kommunebrief.last_ned_word"),
                 view.t("kommunebrief.fil_kommune", navn=row["visningsnavn"])),
                ("fylke", county, view.t("kommunebrief.last_ned_fylke_word", fylke=row["fylkesnavn"]),
                 view.t("kommunebrief.fil_fylke", navn=row["fylkesnavn"]))):
            st.download_button(label, data=lambda b=b: brief_word.docx(b), file_name=file_name(name, "docx"),
                               mime=brief_word.MIME, key=f"brief_{kind}_docx", icon=":material/description:",
                               on_click="ignore", help=view.t("kommunebrief.word_hjelp"))


def _source(view: View, results: list[Result], *extra: str) -> str:
    return " · ".join([view.t("kilde.prefiks", kilder=sources(view, results)), *[e for e in extra if e]])


def municipality_brief(view: View, kommune: str, row: pd.Series) -> brief.Brief:
    """One municipality: facts, population trend, its centres, the survey picture of its group, the report."""
    fakta = gateway.run("kommune_fakta", kommune=kommune)
    r = gateway.run("sentraler_kommune", kommune=kommune, sprak=view.lang)
    demo = r.df["kilde"].eq("demo").tolist()
    facts = [*fact_rows(view, row),
             (view.t("kommunebrief.sentraler"), demo_mark(view, fmt.integer(len(r.df)), any(demo)), "")]
    listed = r.df.head(MAX_CENTRES)
    table = pd.DataFrame({
        view.t("tabell.navn"): [demo_mark(view, v, d) for v, d in zip(listed["navn"], demo)],
        view.t("tabell.eierform"): [demo_mark(view, v, d) for v, d in zip(listed["eierform"], demo)],
        view.t("tabell.etablert"): [demo_mark(view, v, d) for v, d in zip(listed["etablert_aar"], demo)],
        view.t("tabell.radgivende"): [demo_mark(view, v, d) for v, d in zip(listed["radgivende_organ"], demo)],
    })
    pop = gateway.run("befolkning_trend", kommune=kommune)
    labels = {"kommune": row["visningsnavn"],
              "klasse": view.t("kommuneprofil.serie_klasse", klasse=int(row["sentralitetsklasse"])),
              "fylke": view.t("kommuneprofil.serie_fylke", fylke=row["fylkesnavn"])}
    line = charts.line(pop.df, "aar", "indeks", "serie", group_labels=labels,
                       y_title=view.t("kommuneprofil.indeks_1986"), presentation=False)
    shown = [fakta, r, pop]
    chart_list = [brief.Chart(view.t("kommuneprofil.befolkning_tittel"), line, _source(view, [pop]), *NARROW)]
    survey = survey_result(kommune, row) if row["distriktskommune"] else None
    chart_list += _survey_chart(view, survey, shown)
    return _finish(view, shown, brief.Brief(
        view.lang, view.t("kommunebrief.tittel_kommune", navn=row["visningsnavn"]),
        view.t("kommunebrief.undertittel_kommune", offisielt=row["kommunenavn_offisielt"], nr=kommune,
               fylke=row["fylkesnavn"]),
        facts, _source(view, [fakta]), view.t("kommuneprofil.sentraler_tittel"), table,
        _centres_note(view, r), chart_list,
        view.t("kommunebrief.rapport_tittel"), [], ""), survey_missing=not row["distriktskommune"])


def _centres_note(view: View, r: Result) -> str:
    if r.df.empty:
        return view.t("kommuneprofil.ingen_sentraler")
    more = len(r.df) - MAX_CENTRES
    return _source(view, [r], view.t("kommunebrief.flere_sentraler", antall=more) if more > 0 else "")


def _survey_chart(view: View, r: Result | None, shown: list[Result]) -> list[brief.Chart]:
    """The survey picture of the predefined group, named, with N (none when no group has enough answers)."""
    if r is None or r.df.empty or r.df["undertrykt"].all():
        return []
    shown.append(r)
    df = r.df.assign(rad=r.df["indikator"].map(lambda i: view.t("kommuneprofil.ind." + i)))
    df, _, fig = share_figure(view, df, label="rad", group="respondentgruppe", demo=r.demo)
    label = group_label(view, r.group)
    return [brief.Chart(view.t("kommuneprofil.undersokelse_figur", niva=label), fig,
                        _source(view, [r], n_text(view, df, "respondentgruppe"),
                                view.t("kommunebrief.gruppe", gruppe=label)), *WIDE)]


def county_brief(view: View, fylke: str, navn: str) -> brief.Brief:
    """One county: municipalities and centres, ownership, municipalities by class, the county's survey picture."""
    f = Filters(fylker=(fylke,))
    key = gateway.run("nokkeltall_kommuner", f)
    owners = gateway.run("eierform_fordeling", f, inndeling="fylke", sprak=view.lang)
    places = gateway.run("kart_kommuner", f, sprak=view.lang)
    k, demo = key.df.iloc[0], key.demo
    kommunal = owners.df.loc[owners.df["eierform"] == "kommunal", "andel"].sum()
    facts = [
        (view.t("kommunebrief.kommuner"), fmt.integer(k["kommuner"]), ""),
        (view.t("kommunebrief.distriktskommuner"), fmt.integer(k["distriktskommuner"]),
         view.t("kommunebrief.distrikt_merknad")),
        (view.t("kommuneprofil.befolkning"), fmt.integer(k["befolkning_2024"]), ""),
        (view.t("kommunebrief.sentraler"), demo_mark(view, fmt.integer(k["sentraler"]), demo), ""),
        (view.t("kommunebrief.med_sentral"), demo_mark(view, view.t("kommunebrief.av", n=int(k["kommuner_med_sentral"]),
                                                                    av=int(k["kommuner"])), demo), ""),
        (view.t("kommuneprofil.tab.kommunale"), demo_mark(view, fmt.percent(kommunal, 0), demo), ""),
    ]
    by_class = places.df[places.df["i_filter"]].groupby("sentralitetsklasse").agg(kommuner=("kommunenummer", "count"),
                                                           befolkning=("befolkning_2024", "sum"),
                                                           med=("sentraler", lambda s: int((s > 0).sum())))
    table = pd.DataFrame({
        view.t("filter.klasse"): [str(c) for c in by_class.index],
        view.t("tabell.kommuner"): [fmt.integer(v) for v in by_class["kommuner"]],
        view.t("kommuneprofil.befolkning"): [fmt.integer(v) for v in by_class["befolkning"]],
        view.t("kommunebrief.med_sentral"): demo_marks(view, [fmt.integer(v) for v in by_class["med"]], demo),
    })
    bars = charts.bars(owners.df.assign(eierform_tekst=demo_marks(view, owners.df["eierform_tekst"], owners.demo)),
                       "eierform_tekst", "andel", presentation=False)
    shown = [key, owners, places]
    chart_list = [brief.Chart(view.t("kommunebrief.eierform_tittel"), bars,
                              _source(view, [owners], view.t("n.en", n=fmt.integer(int(k["sentraler"])))), *NARROW)]
    chart_list += _survey_chart(view, gateway.run("profil_indikatorer", f), shown)
    return _finish(view, shown, brief.Brief(
        view.lang, view.t("kommunebrief.tittel_fylke", navn=navn), view.t("kommunebrief.undertittel_fylke", nr=fylke),
        facts, _source(view, [key]), view.t("kommunebrief.klassetabell_tittel"), table, _source(view, [places]),
        chart_list, view.t("kommunebrief.rapport_tittel"), [], ""))


def _finish(view: View, shown: list[Result], b: brief.Brief, *, survey_missing: bool = False) -> brief.Brief:
    """The report's headline numbers, the footer (sources, data version, date) and the demo notice."""
    rep = gateway.run("rapport_kontroller", kontroller=[k for _, *keys in REPORT for k in keys if k])
    shown.append(rep)
    values = {row.kontroll: fmt.reported(row.rapport_verdi, row.enhet, row.presisjon if pd.notna(row.presisjon)
                                         else None, row.sitat if pd.notna(row.sitat) else None, view.lang)
              for row in rep.df.itertuples()}
    b.side = [view.t("kommunebrief.rapport_begge" if k else "kommunebrief.rapport_en",
                     hva=view.t("kommuneprofil.ind." + ind), fs=values.get(fs, "–"), k=values.get(k, "–"))
              for ind, fs, k in REPORT]
    b.side_note = " ".join(([view.t("kommuneprofil.ikke_i_undersokelsen")] if survey_missing else [])
                           + [view.t("kommunebrief.rapport_merknad")])
    b.footer = [view.t("kilde.prefiks", kilder=sources(view, shown)),
                view.t("kommunebrief.versjon_dato", versjon=versions.current().id,
                       dato=fmt.date(dt.date.today(), view.lang)),
                view.t("kommunebrief.lenke")]
    if any(r.demo for r in shown):
        b.demo = t("eksport.demo_tekst", lang=view.lang)
    return b
