"""Oversikt: headline numbers, a small map, and the report's key findings as cards."""

from __future__ import annotations

import html

import streamlit as st

from dashboard.data import gateway
from dashboard.panels.common import Published, centre_text, legend, published
from dashboard.ui import fmt, maps, navigation, svg_map
from dashboard.ui.figures import heading, link_below
from dashboard.ui.page import Page, kpi, no_data
from dashboard.ui.source_lines import source_line
from dashboard.ui.view import View

FINDINGS = [  # (calibration check key(s) whose values fill the card, message key)
    (("reg_eier_kommunal_distrikt", "reg_eier_kommunal_sentral"), "funn.eierskap"),
    (("velferd_fs_kap3",), "funn.velferd"),
    (("fig9_fs_bindeledd", "fig9_k_bindeledd"), "funn.bindeledd"),
    (("fig9_fs_fremover", "fig9_k_fremover"), "funn.fremover"),
    (("fig17_okonomi", "fig18_okonomi"), "funn.okonomi"),
    (("fig13_samarbeidsavtale", "fig13_uformelt"), "funn.avtale"),
    (("fig5_kommune3",), "funn.diskurs"),
    (("fig3_formalisert", "fig3_under_utarbeidelse"), "funn.politikk"),
]
CAVEAT_ROWS = ("R067", "R069")  # Frivillighet Norge 2024: 14 % adopted, 7 % in process (L1208-1210)


def headline_numbers(page: Page) -> None:
    f, view = page.filters, page.view
    k = page.use(gateway.run("nokkeltall_kommuner", f)).df.iloc[0]
    resp = page.use(gateway.run("nokkeltall_svar", f)).df.set_index("respondentgruppe")
    welfare = page.use(gateway.run("fordeling", f, blokk="velferd", sprak=view.lang)).df
    rep = published(page, "reg_sentraler_distrikt", "reg_distrikt_uten", "svar_prosent_sentraler",
                    "svar_prosent_kommuner", "velferd_fs_kap3", "reg_kommuner_distrikt_med")

    def rate(group: str) -> str:
        row = resp.loc[group]
        if bool(row["undertrykt"]):
            return view.t("anon.for_faa_svar")
        if not row["populasjon"]:
            return "–"
        return fmt.percent(100 * row["svar"] / row["populasjon"], 0, view.lang)

    def answered(group: str) -> str:
        row = resp.loc[group]
        return "–" if bool(row["undertrykt"]) else fmt.integer(row["svar"])

    fs_yes = welfare[(welfare["respondentgruppe"] == "frivilligsentral") & (welfare["kode"] == "ja")]
    if fs_yes.empty:
        welfare_text, welfare_n = "–", view.t("n.ingen")
    elif bool(fs_yes["undertrykt"].iloc[0]):
        welfare_text, welfare_n = view.t("anon.for_faa_svar"), ""
    else:
        welfare_text = fmt.percent(fs_yes["andel"].iloc[0], 0, view.lang)
        welfare_n = view.t("n.en", n=fmt.integer(fs_yes["n"].iloc[0]))

    cols = st.columns(3)
    kpi(cols[0], view.t("kpi.distriktskommuner"), fmt.integer(k["distriktskommuner"], view.lang),
                   view.t("kpi.distriktskommuner_av", alle=fmt.integer(k["kommuner"], view.lang),
                     befolkning=fmt.integer(k["befolkning_2024"], view.lang)),
                   help=view.t("kpi.distriktskommuner_hjelp"))
    kpi(cols[1], view.t("kpi.sentraler"), fmt.integer(k["sentraler"], view.lang),
                   rep["reg_sentraler_distrikt"].text(), help=view.t("kpi.sentraler_hjelp"))
    owned = "_eierform" if f.eierformer else ""  # under an ownership filter it counts centres of those forms
    kpi(cols[2], view.t("kpi.uten_sentral" + owned), fmt.integer(k["kommuner_uten_sentral"], view.lang),
                   rep["reg_distrikt_uten"].text(), help=view.t("kpi.uten_sentral_hjelp" + owned))
    cols = st.columns(3)
    kpi(cols[0], view.t("kpi.svar_fs"), rate("frivilligsentral"),
                   view.t("kpi.svar_av", svar=answered("frivilligsentral"),
                     av=fmt.integer(resp.loc["frivilligsentral", "populasjon"])) + " · "
                   + rep["svar_prosent_sentraler"].text())
    kpi(cols[1], view.t("kpi.svar_k"), rate("kommune"),
                   view.t("kpi.svar_av", svar=answered("kommune"),
                     av=fmt.integer(resp.loc["kommune", "populasjon"])) + " · "
                   + rep["svar_prosent_kommuner"].text())
    kpi(cols[2], view.t("kpi.velferd"), welfare_text,
                   " · ".join(x for x in (welfare_n, rep["velferd_fs_kap3"].text()) if x),
                   help=view.t("kpi.velferd_hjelp"))
    source_line(view, page.results)


def overview_map(page: Page) -> None:
    f, view = page.filters, page.view
    heading(view.t("oversikt.kart_tittel"), "oversikt_kart")
    r = page.use(gateway.run("kart_kommuner", f, sprak=view.lang))
    attrs = r.df.assign(sentraler_tekst=centre_text(view, r.df, "sentraler" in r.demo_tables))
    inside = attrs[attrs["i_filter"]]
    if inside.empty:
        no_data(view)
        return
    fill = {}
    for row in inside.itertuples():
        key = ("distrikt" if row.distriktskommune else "andre") + ("_med" if row.sentraler > 0 else "_uten")
        fill[row.kommunenummer] = maps.hex_rgb(maps.FIG1_COLOURS[key])
    with_centre = int((inside["sentraler"] > 0).sum())
    alt = view.t("oversikt.kart_alt", med=with_centre, uten=len(inside) - with_centre)
    left, right = st.columns([3, 2])
    with left:  # drawn on the server as SVG: no WebGL context on the first page (issue 26)
        st.html(svg_map.element("oversikt_kart", attrs, fill, view.t("kart.tooltip_kort"),
                                inside["kommunenummer"].tolist(), height=460, alt=alt), unsafe_allow_javascript=True)
    with right:
        st.html(legend([(maps.FIG1_COLOURS[k], view.t(f"fig1.{k}")) for k in maps.FIG1_COLOURS]
                       + [(maps.rgb_hex(maps.FADED), view.t("kart.utenfor"))]))
        st.page_link(navigation.page("kart", view), label=view.t("oversikt.til_kartet"), icon=":material/map:")
    source_line(view, [page.results[-1]], view.t("n.kommuner", n=fmt.integer(len(inside))))
    link_below(view, "oversikt_kart")


def citation(view: View, values: list[Published]) -> str:
    """'Rapporten, Figur 17 (linje 3632); Figur 18 (linje 3634)': every value's own figure and line, once each."""
    refs = dict.fromkeys((v.reference or view.t("rapport.uten_figur"), v.line) for v in values)
    return "; ".join(view.t("rapport.kilde_ref" if i == 0 else "rapport.kilde_ref_flere", ref=ref, linje=line)
                     for i, (ref, line) in enumerate(refs))


def card_html(view: View, values: list[Published], msg: str, caveat: str | None = None) -> str:
    extra = {f"v{j}": v.say() for j, v in enumerate(values)}
    note = f'<div class="fs-ref">{html.escape(caveat)}</div>' if caveat else ""
    return (f'<div class="fs-card"><div class="fs-big">{html.escape(values[0].say())}</div>'
            f"<div>{html.escape(view.t(msg, **extra))}</div>{note}"
            f'<div class="fs-ref">{html.escape(citation(view, values))}</div></div>')


def policy_caveat(page: Page) -> str:
    """The report's own reservations about the 22 % (L1208-1212, L1224-1239)."""
    rows = page.use(gateway.run("rapporttall_rader", ider=list(CAVEAT_ROWS))).df.set_index("id")
    say = {k: fmt.reported(r.verdi, r.enhet, r.presisjon, r.sitat) for k, r in rows.iterrows()}
    return page.view.t("funn.politikk_forbehold", vedtatt=say["R067"], prosess=say["R069"],
                       linje=int(rows.loc["R067", "linje"]), linje2=int(rows.loc["R069", "linje"]))


def key_findings(page: Page) -> None:
    view = page.view
    st.subheader(view.t("oversikt.funn_tittel"), anchor=False)
    st.caption(view.t("oversikt.funn_intro"))
    keys = [k for keys, _ in FINDINGS for k in keys]
    rep = published(page, *keys)
    caveat = policy_caveat(page)
    cols = st.columns(4)
    for i, (keys, msg) in enumerate(FINDINGS):
        with cols[i % 4]:
            st.html(card_html(view, [rep[k] for k in keys], msg, caveat if msg == "funn.politikk" else None))
