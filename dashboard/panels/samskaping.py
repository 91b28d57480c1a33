"""Samskapingsmodell (Figures 22-23): the report's draft co-creation framework as a workshop
checklist for one or several municipalities, downloadable as a Word document. Nothing is stored on the
server: the answers are kept in the link and the browser (dashboard/panels/samskaping_lagring.py)."""

from __future__ import annotations

import base64
import datetime as dt
import html
import io

import streamlit as st

from dashboard.panels import samskaping_lagring as keeper
from dashboard.panels.rapporttall import figure_numbers
from dashboard.panels.samskaping_lagring import KEY
from dashboard.ui import fmt
from dashboard.ui.charts import wrap
from dashboard.ui.i18n import t
from dashboard.ui.view import View
from dashboard.ui.workshop import ITEMS, LEVELS, NONE, QUESTIONS, STATUS

PROCESSES = ("prosess_samskaping", "prosess_samproduksjon", "prosess_evaluering")
PROMPTS = ("prompt1", "prompt2", "prompt3", "prompt4", "prompt5")


def municipality(opts, view: View) -> str | None:
    """The municipality whose checklist is open; switching keeps every other municipality's checklist."""
    w = keeper.load(opts)
    names = sorted(opts.kommuner, key=lambda k: opts.kommuner[k])
    chosen = st.selectbox(view.t("samskaping.kommune"), names, key=f"{KEY}kommune", on_change=keeper.switch,
                          format_func=lambda k: opts.kommuner[k], placeholder=view.t("samskaping.velg_kommune"),
                          index=None)
    others = [k for k in w.kept() if k not in (w.active, NONE) and k in opts.kommuner]
    if others:
        st.caption(view.t("samskaping.andre_kommuner", kommuner=", ".join(
            view.t("samskaping.kommune_drottet", kommune=opts.kommuner[k], antall=w.lists[k].discussed(),
                   av=len(ITEMS)) for k in others)))
    keeper.keep(view)
    return chosen


ACTORS = (("kommunen", 80, 80), ("frivilligsentralen", 240, 80), ("lag", 60, 190), ("enkeltfrivillige", 170, 230),
          ("naeringsliv", 280, 180))
TIES = (("kommunen", "frivilligsentralen", True), ("frivilligsentralen", "lag", True), ("kommunen", "lag", False),
        ("frivilligsentralen", "enkeltfrivillige", False), ("frivilligsentralen", "naeringsliv", False),
        ("enkeltfrivillige", "lag", False))


def _ecosystem_svg(view: View) -> str:
    at = {a: (x, y) for a, x, y in ACTORS}
    lines = "".join(
        f'<line x1="{at[a][0]}" y1="{at[a][1]}" x2="{at[b][0]}" y2="{at[b][1]}" stroke="#1f2328" '
        + ('stroke-width="6"/>' if strong else 'stroke-width="2" stroke-dasharray="7 6"/>') for a, b, strong in TIES)
    nodes = "".join(f'<circle cx="{x}" cy="{y}" r="15" fill="#1f2328"/>'
                    f'<text x="{x}" y="{y - 24 if y < 100 else y + 34}" text-anchor="middle" font-size="14" '
                    f'fill="#1f2328">{html.escape(view.t("samskaping.fig22." + a))}</text>'
                    for a, x, y in ACTORS)
    boxes = "".join(
        f'<rect x="{x}" y="70" width="150" height="130" rx="8" fill="{fill}" stroke="#0b4f8a" stroke-width="2"/>'
        + "".join(f'<text x="{x + 75}" y="{139 + 17 * i - 8.5 * (len(rows) - 1)}" text-anchor="middle" font-size="13" '
                  f'fill="#10263b">{html.escape(row)}</text>' for i, row in enumerate(rows))
        for x, fill, rows in ((370, "#eef5fb", wrap(view.t("samskaping.fig22.tjeneste"), 20).split("<br>")),
                              (560, "#fff4e5", wrap(view.t("samskaping.fig22.verdi"), 20).split("<br>"))))
    arrows = ('<path d="M318 135 H362" stroke="#0b4f8a" stroke-width="3" marker-end="url(#fs-arrow)"/>'
              '<path d="M522 135 H552" stroke="#0b4f8a" stroke-width="3" marker-end="url(#fs-arrow)"/>')
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 720 280" font-family="sans-serif">'
           '<defs><marker id="fs-arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="6" markerHeight="6" '
           'orient="auto"><path d="M0 0 L10 5 L0 10 z" fill="#0b4f8a"/></marker></defs>'
           f"{lines}{nodes}{boxes}{arrows}</svg>")
    # an <img> of the drawing (st.html strips inline SVG); decorative, the same content follows as text
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img src="data:image/svg+xml;base64,{data}" alt="" role="presentation" style="width:100%;max-width:900px">'


def ecosystem_diagram(view: View) -> None:
    """Figure 22 (the service ecosystem) redrawn from the report's description (L5057-5083): actors as
    black circles, thick lines for formal or regular ties, dashed for informal ones, serving a user group
    and creating value. The drawing is decorative; the same content stands beside it as text."""
    st.subheader(view.t("samskaping.fig22.tittel"), anchor=False)
    items = "".join(f"<li>{html.escape(view.t('samskaping.fig22.tekst' + str(i)))}</li>" for i in range(1, 5))
    st.html(f"""<figure class="sk-eco" role="group" aria-label="{html.escape(view.t('samskaping.fig22.tittel'))}">
      {_ecosystem_svg(view)}
      <figcaption><ul>{items}</ul></figcaption></figure>
      <style>.sk-eco {{ margin: 0; }} .sk-eco figcaption ul {{ margin: .4rem 0 0 0; }}</style>""")
    st.caption(view.t("samskaping.fig22.kilde"))
    figure_numbers(None, "Figur 22", view)


def model_diagram(view: View) -> None:
    """Figure 23 redrawn as accessible HTML: three levels, three cross-cutting processes."""
    ecosystem_diagram(view)
    st.subheader(view.t("samskaping.modell_tittel"), anchor=False)
    levels = "".join(f'<li class="sk-level"><strong>{html.escape(view.t("samskaping." + lv))}</strong></li>'
                     for lv in LEVELS)
    procs = "".join(f"<li>{html.escape(view.t('samskaping.' + p))}</li>" for p in PROCESSES)
    st.html(f"""<div class="sk-model" role="group" aria-label="{html.escape(view.t('samskaping.diagram_alt'))}">
      <div><h4>{html.escape(view.t('samskaping.nivaer'))}</h4><ol class="sk-levels">{levels}</ol></div>
      <div><h4>{html.escape(view.t('samskaping.prosesser'))}</h4><ul class="sk-procs">{procs}</ul></div></div>
      <style>.sk-model {{ display: grid; grid-template-columns: 1fr 1fr; gap: 1.2rem; }}
      .sk-levels {{ list-style: none; padding: 0; margin: 0; }}
      .sk-level {{ border: 2px solid #0b4f8a; border-radius: .4rem; padding: .7rem 1rem; margin-bottom: .5rem;
                   background: #eef5fb; color: #10263b; }}
      .sk-procs li {{ margin-bottom: .5rem; }}</style>""")
    if not view.presentation:
        st.caption(view.t("samskaping.oppstroms"))
    figure_numbers(None, "Figur 23", view)


def checklist(view: View) -> None:
    for lv in LEVELS:
        st.subheader(view.t(f"samskaping.{lv}"), anchor=False)
        if not view.presentation:
            st.markdown(view.t(f"samskaping.{lv}_tekst"))
        for q in QUESTIONS:
            with st.container(border=True):
                st.markdown(f"**{view.t(f'samskaping.{lv}_{q}')}**")
                c1, c2 = st.columns([1, 3])
                with c1:
                    st.radio(view.t("samskaping.status"), STATUS, key=f"{KEY}{lv}_{q}_status",
                             format_func=lambda s: view.t(f"samskaping.{s}"), on_change=keeper.save)
                with c2:
                    st.text_area(view.t("samskaping.notat"), key=f"{KEY}{lv}_{q}_notat",
                                 help=view.t("samskaping.notat_hjelp"), height=110, on_change=keeper.save)


def drivers_prompts(view: View) -> None:
    st.subheader(view.t("samskaping.drivere_tittel"), anchor=False)
    st.markdown(view.t("samskaping.drivere_tekst"))
    st.markdown("\n".join(f"- {view.t('samskaping.' + p)}" for p in PROMPTS))
    st.text_area(view.t("samskaping.notat_drivere"), key=f"{KEY}drivere_notat", height=120,
                 on_change=keeper.save)


def answers() -> dict:
    c = keeper.current()
    return {i: (c.status.get(i, STATUS[0]), c.notes.get(i, "")) for i in ITEMS} | {"drivere": c.drivers}


def document(kommune: str | None, data: dict, lang: str) -> bytes:
    """The checklist as a Word document (python-docx)."""
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)
    name = kommune or t("samskaping.ingen_kommune", lang=lang)
    doc.add_heading(t("samskaping.dok_tittel", lang=lang, kommune=name), 0)
    doc.add_paragraph(t("samskaping.dok_dato", lang=lang, dato=fmt.date(dt.date.today(), lang)))
    doc.add_paragraph(t("samskaping.kilde", lang=lang))
    doc.add_heading(t("samskaping.prosesser", lang=lang), 1)
    for p in PROCESSES:
        doc.add_paragraph(t(f"samskaping.{p}", lang=lang), style="List Bullet")
    for lv in LEVELS:
        doc.add_heading(t(f"samskaping.{lv}", lang=lang), 1)
        doc.add_paragraph(t(f"samskaping.{lv}_tekst", lang=lang))
        for q in QUESTIONS:
            status, note = data[f"{lv}_{q}"]
            para = doc.add_paragraph(style="List Number")
            para.add_run(t(f"samskaping.{lv}_{q}", lang=lang)).bold = True
            doc.add_paragraph(f"{t('samskaping.status', lang=lang)}: {t('samskaping.' + status, lang=lang)}")
            note = fmt.xml_safe(note).strip()
            doc.add_paragraph(f"{t('samskaping.notat', lang=lang)}: {note or t('samskaping.ingen_notat', lang=lang)}")
    doc.add_heading(t("samskaping.drivere_tittel", lang=lang), 1)
    doc.add_paragraph(t("samskaping.drivere_tekst", lang=lang).replace("**", ""))
    for p in PROMPTS:
        doc.add_paragraph(t(f"samskaping.{p}", lang=lang), style="List Bullet")
    doc.add_paragraph(f"{t('samskaping.notat_drivere', lang=lang)}: "
                      f"{fmt.xml_safe(data['drivere']).strip() or t('samskaping.ingen_notat', lang=lang)}")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def download(opts, kommune: str | None, view: View) -> None:
    from dashboard.ui.charts import slug

    lang = view.lang
    name = opts.kommuner.get(kommune) if kommune else None
    c1, c2 = st.columns([2, 1])
    with c1:
        shown = answers()  # read now: the file is built on the click, outside the session
        st.download_button(view.t("samskaping.last_ned"), data=lambda: document(name, shown, lang),
                           file_name=f"samskapingsmodell-{slug(name or 'sjekkliste')}.docx",
                           mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                           help=view.t("samskaping.last_ned_hjelp"), icon=":material/download:", on_click="ignore",
                           key="sk_last_ned", type="primary")
    with c2:
        st.button(view.t("samskaping.nullstill"), on_click=keeper.clear, icon=":material/delete_sweep:")
    st.caption(view.t("samskaping.kilde"))
    keeper.files(opts, view)
