"""What a view rests on, as text: its sources, N, and the predefined survey group it describes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd
import streamlit as st

from dashboard.data import gateway, protection, versions
from dashboard.data.filters import Filters
from dashboard.data.gateway import Result
from dashboard.ui import fmt
from dashboard.ui.options import options
from dashboard.ui.view import View


def sources(view: View, results: Iterable[Result]) -> str:
    """Short source labels for the tables behind some results (report, SSB, Kartverket, demo, file).

    Plain text (an imported file's name is cut short); escape it before showing it as Markdown."""
    version = versions.current()
    labels: list[str] = []
    for r in results:
        for tab in sorted(r.tables):
            entry = version.manifest["tabeller"].get(tab, {})
            if tab in version.demo_tables():
                label = view.t("kilde.demo")
            elif entry.get("importfil"):
                label = view.t("kilde.importert", fil=fmt.clip(entry["importfil"]))
            else:
                label = view.t(f"kilde.{tab}")
            if label not in labels:
                labels.append(label)
    return "; ".join(labels)


def source_line(view: View, results: Sequence[Result], n: str | None = None, note: str | None = None) -> None:
    parts = [view.t("kilde.prefiks", kilder=fmt.plain(sources(view, results), None))]
    if n:
        parts.append(n)
    if note:
        parts.append(note)
    group = survey_group_text(view, results)
    if group:
        parts.append(group)
    st.caption(" · ".join(parts))


def survey_group_text(view: View, results: Sequence[Result]) -> str:
    """Which predefined groups the survey numbers describe, when wider than the selection: every one of them,
    narrowest first (figures on one line may have stepped up to different groups)."""
    groups = {r.group for r in results if r.group is not None and (r.group.empty or not r.group.exact)}
    if not groups:
        return ""
    shown = sorted((g for g in groups if not g.empty), key=_narrowest_first)
    if not shown:
        return view.t("anon.gruppe_tom")
    return view.t("anon.gruppe", gruppe="; ".join(group_label(view, g) for g in shown))


def _narrowest_first(g) -> tuple:
    return g.fylke is None, g.klasse is None, g.eier is None, g.fylke or "", g.klasse or 0, g.eier or ""


def group_heading(view: View, results: Sequence[Result]) -> str:
    """The line under a survey figure's title when its numbers describe a wider group than the
    selection: «Tallene gjelder alle distriktskommuner i Nordland (N = 41 frivilligsentraler): den
    nærmeste gruppen rundt Hemsedal med nok svar»."""
    wider = [r for r in results if r.group is not None and not r.group.empty and not r.group.exact]
    if not wider:
        return ""
    r = wider[0]
    size = protection.group_size(r.group)
    n = ", ".join(view.t("anon.n_gruppe", n=fmt.integer(size[rg]), gruppe=view.group(rg).lower())
                  for rg in gateway.respondent_groups(r))
    return view.t("anon.gjelder", gruppe=group_phrase(view, r.group), n=n, rundt=selection_phrase(view, r.filters))


def group_phrase(view: View, g) -> str:
    """'alle distriktskommuner i Nordland, sentralitetsklasse 6, kommunalt eide sentraler'."""
    parts = [view.t("anon.alle_distrikt")]
    if g.fylke:
        parts[0] += " " + view.t("anon.i_fylke", fylke=options(view.lang).fylker.get(g.fylke, g.fylke))
    if g.klasse is not None:
        parts.append(view.t("anon.klasse", klasse=g.klasse))
    if g.eier:
        parts.append(view.t("anon.eiergruppe", gruppe=view.group(g.eier).lower()))
    return ", ".join(parts)


def selection_phrase(view: View, f: Filters | None) -> str:
    """The selection in words for «rundt ...»: one municipality or county by name, else 'utvalget ditt'."""
    f = f or Filters()
    opts = options(view.lang)
    if len(f.kommuner) == 1:
        return opts.kommuner.get(f.kommuner[0], f.kommuner[0])
    narrowed = f.eierformer or (f.sentralitetsklasser and set(f.sentralitetsklasser) != {5, 6})
    if len(f.fylker) == 1 and not f.kommuner and not narrowed:
        return opts.fylker.get(f.fylker[0], f.fylker[0])
    return view.t("anon.utvalget_ditt")


def group_label(view: View, g) -> str:
    """'Nordland, sentralitetsklasse 6, alle eierformer' for a predefined survey group."""
    fylker = options(view.lang).fylker
    parts = [fylker.get(g.fylke, g.fylke) if g.fylke else view.t("anon.alle_fylker"),
             view.t("anon.klasse", klasse=g.klasse) if g.klasse is not None else view.t("anon.alle_klasser"),
             view.group(g.eier) if g.eier else view.t("anon.alle_eierformer")]
    return ", ".join(parts)


def n_text(view: View, df: pd.DataFrame, group_col: str | None = None, n_col: str = "n") -> str:
    """'N = 140' or 'N = 140 (frivilligsentraler), 110 (kommuner)' from a result's base column."""
    if df.empty or n_col not in df:
        return view.t("n.ingen")
    if group_col is None:
        return view.t("n.en", n=fmt.integer(int(df[n_col].max())))
    parts = []
    for g, sub in df.groupby(group_col, sort=False):
        n = fmt.integer(int(sub[n_col].max()))  # «6 frivilligsentraler, 4 kommuner»; breakdowns in brackets
        parts.append(f"{n} {view.group(g).lower()}" if group_col == "respondentgruppe" else f"{n} ({view.group(g)})")
    return view.t("n.flere", verdier=", ".join(parts))


def n_range(view: View, df: pd.DataFrame, n_col: str = "n") -> str:
    if df.empty:
        return view.t("n.ingen")
    lo, hi = int(df[n_col].min()), int(df[n_col].max())
    if lo == hi:
        return view.t("n.en", n=fmt.integer(hi))
    return view.t("n.spenn", fra=fmt.integer(lo), til=fmt.integer(hi))
