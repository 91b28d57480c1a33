"""The mapping step's widgets: one tab per file, the mapping's parts as editable tables with drop-downs
from the codebook, open TODOs marked "Må avgjøres", the draft's match scores, and download/upload
of the mapping as TOML."""

from __future__ import annotations

import tomllib
from functools import lru_cache

import pandas as pd
import streamlit as st

from dashboard.admin import mapping_table as mt
from dashboard.admin.flow import Flow
from dashboard.data import versions
from dashboard.ui import fmt, state
from dashboard.ui.i18n import t

CLASSIFIED = {"eierform": "eierform", "radgivende_organ": "radgivende_organ", "diskurs": "diskurs"}
YES_NO = ["ja", "nei"]
ENCODING = "utf-8-erstatt"  # fil.tegnkoding: a CSV that is UTF-8 but for a few bytes, read so
TODO_STYLE = "background-color: #fff3cd; color: #5c4400; font-weight: 600"


@lru_cache(maxsize=1)
def _codebook() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    v = versions.shipped()
    return tuple(pd.read_parquet(v.table_path(n)) for n in ("kodebok", "kodebok_skala", "klassifikasjoner", "kommuner"))


def item_options(group: str, scale: str | None = None) -> dict[str, str]:
    """Item id -> its label in the drop-downs; an item text shared by several items ("Andre områder" today
    and ahead) gets its question block and actor, so that no two labels are the same."""
    items = _codebook()[0]
    rows = items[items["respondentgruppe"] == group].sort_values(["blokk", "rekkefolge"])
    if scale is not None:
        rows = rows[rows["skala"] == scale]
    shared = rows["element_nb"].duplicated(keep=False)
    out = {}
    for r, twin in zip(rows.itertuples(), shared, strict=True):
        where = f" · {r.blokk.replace('_', ' ')}" + (f" · {r.aktor}" if twin and isinstance(r.aktor, str) else "")
        out[r.sporsmal_id] = f"{r.element_nb}{where if twin else ''} ({r.sporsmal_id})"
    return out


def choice_options(group: str) -> dict[str, str]:
    """The question table's drop-down: every item, then the roles a column can have instead."""
    return {**item_options(group), **{r: t(f"admin.rolle.som_valg.{r}") for r in mt.ROLES}}


def category_options(key: str) -> list[str] | None:
    _, scales, classes, _ = _codebook()
    if key in set(scales["skala"]):
        return scales.loc[scales["skala"] == key].sort_values("rekkefolge")["kode"].tolist()
    if key in CLASSIFIED:
        return classes.loc[classes["klassifikasjon"] == CLASSIFIED[key], "kode"].tolist()
    return YES_NO if key == "i_utvalg" else None


def municipality_options() -> dict[str, str]:
    k = _codebook()[3]
    return dict(zip(k["kommunenummer"], k["kommunenummer"] + " " + k["kommunenavn"]))


def _todo_style(df: pd.DataFrame):
    if "merknad" not in df or df.empty:
        return df
    return df.style.map(lambda v: TODO_STYLE if mt.is_todo(v) else "", subset=["merknad"])


def _blank_notes(df: pd.DataFrame) -> pd.DataFrame:
    """Read-only text cells show nothing, not "None", when empty."""
    if "merknad" in df:
        df = df.assign(merknad=df["merknad"].fillna(""))
    return df


def _editor(df: pd.DataFrame, key: str, config: dict, *, dynamic: bool = False, disabled=()) -> pd.DataFrame:
    return st.data_editor(_todo_style(_blank_notes(df)), key=key, column_config=config, hide_index=True,
                          width="stretch", num_rows="dynamic" if dynamic else "fixed", disabled=list(disabled),
                          placeholder="")  # an empty cell shows nothing, not "None"


def _label(key: str, **kw):
    return t(f"admin.kol.{key}", **kw)


def _section(tab: mt.SectionTables, name: str, key: str) -> mt.SectionTables:
    text, sel = st.column_config.TextColumn, st.column_config.SelectboxColumn
    note = text(_label("merknad"), disabled=True)
    st.markdown(f"**{t('admin.tab.filformat')}**")
    shape = _editor(tab.shape, f"{key}_fil", {"ark": text(_label("ark")),
                    "overskriftsrad": st.column_config.NumberColumn(_label("overskriftsrad"), min_value=1, step=1),
                    "overskriftsrader": sel(_label("overskriftsrader"), options=[1, 2]),
                    "tegnkoding": sel(_label("tegnkoding"), options=[ENCODING], help=t("admin.hjelp.tegnkoding")),
                    "merknad": note}, disabled=("merknad",))
    st.markdown(f"**{t('admin.tab.kolonner')}**")
    columns = _editor(tab.columns, f"{key}_kol", {"felt": text(_label("felt")), "kolonne": text(_label("kolonne")),
                                                  "merknad": note}, disabled=("felt", "merknad"))
    items, multi = tab.items, tab.multi
    if name in mt.SURVEYS:
        items = _questions(tab, name, key, note)
        multi = _multi(tab, name, key, note)
    values = {}
    for scale, df in tab.values.items():
        st.markdown(f"**{t('admin.tab.verdier', skala=scale)}**")
        opts = category_options(scale)
        cat = sel(_label("kategori"), options=opts) if opts else text(_label("kategori"))
        config = {"verdi": text(_label("verdi")), "kategori": cat, "merknad": note}
        values[scale] = _editor(df, f"{key}_v_{scale}", config, dynamic=True, disabled=("merknad",))
    return _rest(tab, key, shape, columns, items, values, multi)


def _rest(tab, key, shape, columns, items, values, multi) -> mt.SectionTables:
    text, sel = st.column_config.TextColumn, st.column_config.SelectboxColumn
    scales = ["alle", *sorted(_codebook()[1]["skala"].unique())]
    st.markdown(f"**{t('admin.tab.ikke_svar')}**")
    non = _editor(tab.non_answers, f"{key}_ns", {"skala": sel(_label("skala"), options=scales),
                                                 "verdi": text(_label("verdi"))}, dynamic=True)
    defaults = st.checkbox(t("admin.ikke_svar_standard"), value=tab.use_defaults, key=f"{key}_std")
    st.markdown(f"**{t('admin.tab.andre')}**")
    others = _editor(tab.others, f"{key}_andre", {"kolonne": text(_label("kolonne"), width="large"), "rolle": sel(
        _label("rolle"), options=[*mt.ROLES, mt.QUESTION], format_func=lambda r: t(f"admin.rolle.{r}"))},
        dynamic=True)
    st.markdown(f"**{t('admin.tab.kommuner')}**")
    munis = municipality_options()
    over = _editor(tab.overrides, f"{key}_kn", {"verdi": text(_label("verdi")), "kommunenummer": sel(
        _label("kommunenummer"), options=list(munis), format_func=lambda k: munis.get(k, k)),
        "merknad": text(_label("merknad"), disabled=True)}, dynamic=True, disabled=("merknad",))
    return mt.SectionTables(shape, columns, items, values, non, defaults, others, over, multi, tab.extra)


def _questions(tab: mt.SectionTables, name: str, key: str, note) -> pd.DataFrame:
    """Question rows: any row can be added or dropped, and a column can be made free text, ignored or
    contact data from the drop-down. Scores in Norwegian format."""
    opts = choice_options(name)
    st.markdown(f"**{t('admin.tab.sporsmal')}**")
    shown = tab.items.assign(treff=[fmt.number(x, 2) if isinstance(x, (int, float)) and not pd.isna(x) else ""
                                    for x in tab.items["treff"]])
    return _editor(shown, f"{key}_sp", {
        "kolonne": st.column_config.TextColumn(_label("kolonne"), width="large", help=t("admin.hjelp.kolonne")),
        "element": st.column_config.SelectboxColumn(_label("element"), options=list(opts), width="large",
                                                    format_func=lambda i: opts.get(i, i)),
        "treff": st.column_config.TextColumn(_label("treff"), disabled=True, width="small"), "merknad": note},
        dynamic=True, disabled=("treff", "merknad"))


def _multi(tab: mt.SectionTables, name: str, key: str, note) -> pd.DataFrame:
    """Multi-choice columns (``flervalg``): one row per option; the row «(annet)» names the «Andre» item."""
    opts = item_options(name, "valgt")
    st.markdown(f"**{t('admin.tab.flervalg')}**")
    st.caption(t("admin.tab.flervalg_tekst", annet=mt.ANNET))
    text = st.column_config.TextColumn
    return _editor(tab.multi, f"{key}_fv", {
        "kolonne": text(_label("kolonne"), width="large"), "skilletegn": text(_label("skilletegn"), width="small"),
        "alternativ": text(_label("alternativ")), "element": st.column_config.SelectboxColumn(
            _label("element"), options=list(opts), format_func=lambda i: opts.get(i, i), width="large"),
        "merknad": note}, dynamic=True, disabled=("merknad",))


def editor(flow: Flow) -> dict | None:
    """The tables for the current mapping; returns the edited mapping (schema dict)."""
    if flow.base is None:
        return None
    _rebase_if_remounted(flow)
    tabs = mt.tables(flow.base, flow.scores)
    notice = st.empty()  # filled after the tables, so it counts what is still open after this edit
    names = [n for n in mt.SECTIONS if n in tabs]
    edited, wanted = {}, None
    for name, tab in zip(names, st.tabs([t(f"admin.fil.{n}") for n in names]), strict=True):
        with tab:
            edited[name] = _section(tabs[name], name, f"map{flow.generation}_{name}")
            if name in mt.SURVEYS:
                wanted = _answer_table_button(flow, name) or wanted
    data = mt.to_data(edited, flow.base)
    if wanted is not None:
        _add_answer_table(flow, data, *wanted)
    open_todos = mt.todos(data)
    if open_todos:
        from dashboard.admin.settle import by_tab, open_paths

        notice.warning(t("admin.mapping.todo", antall=len(open_todos), hvor=by_tab(open_paths(data))),
                       icon=":material/edit_note:")
    if data != flow.data:
        flow.data = data
        flow.forget_check()
    return data


def _answer_table_button(flow: Flow, name: str) -> tuple[str, str] | None:
    """A scale without an answer table in this tab, to be drafted from the file's labels."""
    have = set((flow.base.get(name) or {}).get("verdier") or {})
    scales = [s for s in sorted(_codebook()[1]["skala"].unique()) if s not in have and s != "valgt"]
    if not scales:
        return None
    c1, c2 = st.columns([3, 2], vertical_alignment="bottom")
    scale = c1.selectbox(t("admin.svartabell.skala"), scales, index=None, placeholder=t("admin.avgjor.velg"),
                         key=f"map{flow.generation}_{name}_ny_skala")
    if c2.button(t("admin.svartabell.lag"), icon=":material/playlist_add:", disabled=scale is None,
                 key=f"map{flow.generation}_{name}_ny_tabell"):
        return name, scale
    return None


def _add_answer_table(flow: Flow, data: dict, name: str, scale: str) -> None:
    from dashboard.admin import answer_tables

    stored = flow.workspace.files.get(name)
    section = data.get(name) or {}
    columns = answer_tables.columns_of_scale(section, _codebook()[0], scale)
    labels = answer_tables.labels_seen(stored.path, section.get("fil"), columns) if stored else []
    rows = _codebook()[1]
    table = answer_tables.draft(rows[rows["skala"] == scale], labels) or {"": "TODO"}
    table.pop("", None)
    section.setdefault("verdier", {})[scale] = table or {t("admin.svartabell.eksempel"): "TODO"}
    flow.data = flow.base = data
    flow.generation += 1
    flow.forget_check()
    st.rerun()


def _rebase_if_remounted(flow: Flow) -> None:
    """The tables' edits live in their widgets, which Streamlit forgets when the page is left: on the way
    back (or in a new session) the tables start from the mapping as last edited, not from the draft."""
    if flow.data is None or flow.data == flow.base:
        return
    probe = f"map{flow.generation}_{next(n for n in mt.SECTIONS if n in flow.base)}_fil"
    if not state.widget(probe).present():
        flow.base = flow.data
        flow.generation += 1


def upload_mapping(flow: Flow) -> None:
    up = st.file_uploader(t("admin.mapping.last_opp"), type=["toml"], key=f"map_upload{flow.generation}")
    if up is None:
        return
    try:
        data = tomllib.loads(up.getvalue().decode("utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        st.error(t("admin.mapping.ugyldig", feil=f"{up.name}: {exc}"), icon=":material/error:")
        return
    flow.set_mapping(data, notes=[])
    st.rerun()


def download(flow: Flow) -> None:
    if flow.data is None:
        return
    header = t("admin.mapping.toml_topp", lang="nb")
    st.download_button(t("admin.mapping.last_ned"), mt.to_toml(flow.data, header), file_name="mapping.toml",
                       mime="application/toml", icon=":material/download:")
