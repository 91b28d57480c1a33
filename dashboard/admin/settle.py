"""The choices the mapping still leaves open ("TODO"), in one list above the tables: each with every
scored candidate, best first, the best one chosen in advance when it is clearly ahead of the next; the
person confirms them all at once. A settled choice is written into the mapping (and listed as settled),
the tables start again from the mapping so chosen, and the counter says which tab holds what is left.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

import streamlit as st

from dashboard.admin import mapping_editor as me
from dashboard.admin import mapping_table as mt
from dashboard.admin.flow import Flow
from dashboard.importer.schema_check import REQUIRED
from dashboard.ui import fmt
from dashboard.ui.i18n import t

CLEARLY_AHEAD = 0.10   # the best candidate is chosen in advance when it leads the next by this much ...
AT_LEAST = 0.50        # ... and scores this much
SHOWN = 0.05           # candidates scoring less are not offered (the rest of the codebook is in the tables)
NO_COLUMN = "-"        # "none": no column for a field the import can do without; no encoding key
LINKS = ("sentral_id", "organisasjonsnummer", "kommunenummer")  # a section may need one of these: always a column


@dataclass
class Choice:
    path: tuple            # keys into the mapping, e.g. ("kommune", "sporsmal", "Q5_3")
    what: str              # what is to be chosen, in the page's words
    options: dict          # value -> label, best first
    chosen: str | None     # chosen in advance (clearly ahead), else None


def open_paths(data, prefix: tuple = ()) -> list[tuple]:
    """Key paths of every value still holding TODO (keys themselves never do in a drafted mapping)."""
    found = []
    for k, v in (data.items() if isinstance(data, dict) else []):
        if isinstance(v, dict):
            found += open_paths(v, (*prefix, k))
        elif mt.is_todo(v):
            found.append((*prefix, k))
    return found


def _value(data: dict, path: tuple):
    for k in path:
        data = data[k]
    return data


def _scored(group: str, text: str, allowed: dict[str, str]) -> list[tuple[str, float]]:
    """Candidates for ``text`` (a column name or an option label) among ``allowed``, best first."""
    try:
        from dashboard.importer.draft.match import item_scores, prepare_items
    except ImportError:
        return []
    items = me._codebook()[0]
    scores = item_scores(text, prepare_items(items[items["sporsmal_id"].isin(allowed)]))
    return sorted(((i, s) for i, s in scores.items() if s >= SHOWN), key=lambda x: -x[1])


def _ranked(group: str, text: str, allowed: dict[str, str], hint: str) -> tuple[dict, str | None]:
    ranked = _scored(group, text, allowed)
    hinted = _guess(hint)
    if hinted in allowed and hinted not in dict(ranked):
        ranked.insert(0, (hinted, 0.0))
    options = {i: f"{allowed[i]} – {fmt.number(s, 2)}" if s else allowed[i] for i, s in ranked}
    options.update({i: label for i, label in allowed.items() if i not in options})
    top = [s for _, s in ranked[:2]] + [0.0]
    ahead = ranked and top[0] >= AT_LEAST and top[0] - top[1] >= CLEARLY_AHEAD
    return options, (ranked[0][0] if ahead else None)


def _municipalities(name: str, notes: list[str]) -> tuple[dict, None]:
    every = me.municipality_options()
    named = [n for note in notes if name in note for n in re.findall(r"\b(\d{4})\b", note) if n in every]
    same = [k for k, label in every.items() if label.split(" ", 1)[1].lower().startswith(name.lower()[:4])]
    first = list(dict.fromkeys([*named, *same]))
    return {**{k: every[k] for k in first}, **{k: v for k, v in every.items() if k not in first}}, None


def _guess(hint: str) -> str:
    """The draft's guess in a "TODO: guess" value ("" for a bare TODO)."""
    return hint.split(":", 1)[1].strip() if ":" in hint else ""


def _why(flow: Flow, section: str, key: str) -> str:
    """The draft's reason for an open line ("to kommunekolonner er uenige på 89 rader: velg «A» eller «B»")."""
    head = f"[{section}] {key}: "
    return next((n[len(head):] for n in flow.notes if n.startswith(head)), "")


def used_columns(sec: dict) -> set[str]:
    """The columns a section gives a field, a question, a multi-choice block or a role (ignore, ...)."""
    used = {v for v in (sec.get("kolonner") or {}).values() if not mt.is_todo(v)}
    used |= set(sec.get("sporsmal") or {}) | set(sec.get("flervalg") or {})
    return used | {c for r in mt.ROLES for c in sec.get(r) or []}


def _columns(flow: Flow, section: str, field: str, hint: str) -> Choice:
    """A field's column: the columns the draft names first (its guess, then those its note names), then
    every column the section only ignores or keeps as contact data or free text; for a field the import
    can do without, also "no column" (the draft's guess is then ignored)."""
    sec = flow.data[section]
    why = _why(flow, section, f"kolonner.{field}")
    named = [c for c in [_guess(hint), *re.findall(r"«([^»]+)»", why)] if c]
    spare = [c for r in mt.ROLES for c in sec.get(r) or []]
    options = {c: c for c in dict.fromkeys([*named, *spare])}
    if field not in REQUIRED.get(section, ()) and field not in LINKS:
        options[NO_COLUMN] = t("admin.avgjor.ingen_kolonne")
    what = t("admin.avgjor.kolonne", fane=t(f"admin.fil.{section}"), felt=field) + (f" ({why})" if why else "")
    return Choice((section, "kolonner", field), what, options, None)


def choice(flow: Flow, path: tuple) -> Choice:
    section, kind, *rest = path
    hint = str(_value(flow.data, path))
    where = t(f"admin.fil.{section}")
    if kind == "sporsmal":
        options, pre = _ranked(section, rest[0], me.item_options(section), hint)
        options.update({r: t(f"admin.rolle.som_valg.{r}") for r in mt.ROLES})
        return Choice(path, t("admin.avgjor.sporsmal", fane=where, kolonne=rest[0]), options, pre)
    if kind == "flervalg":
        options, pre = _ranked(section, rest[-1], me.item_options(section, "valgt"), hint)
        return Choice(path, t("admin.avgjor.flervalg", fane=where, kolonne=rest[0], alternativ=rest[-1]), options,
                      pre)
    if kind == "verdier":
        cats = me.category_options(rest[0]) or []
        return Choice(path, t("admin.avgjor.verdi", fane=where, skala=rest[0], verdi=rest[-1]),
                      {c: c for c in cats}, None)
    if kind == "kolonner":
        return _columns(flow, section, rest[0], hint)
    if kind == "fil" and rest == ["tegnkoding"]:
        return Choice(path, t("admin.avgjor.tegnkoding", fane=where), {
            me.ENCODING: t("admin.avgjor.tegnkoding_ja"), NO_COLUMN: t("admin.avgjor.tegnkoding_nei")}, None)
    if kind == "kommuner":
        options, pre = _municipalities(rest[0], flow.notes)
        return Choice(path, t("admin.avgjor.kommune", fane=where, verdi=rest[0]), options, pre)
    return Choice(path, t("admin.avgjor.annet", fane=where, felt=".".join(map(str, (kind, *rest)))), {}, None)


def _apply_column(sec: dict, field: str, value: str) -> None:
    """A field's column chosen: it leaves the role lists (a column has one use); the draft's guess, when
    not chosen and used nowhere else, is ignored, so the check knows every column of the file."""
    guess = _guess(str((sec.get("kolonner") or {}).get(field, "")))
    for role in mt.ROLES:
        if value in (sec.get(role) or []):
            sec[role].remove(value)
            if not sec[role]:
                del sec[role]
    if value == NO_COLUMN:
        sec["kolonner"].pop(field, None)
    else:
        sec["kolonner"][field] = value
    if guess and guess != value and guess not in used_columns(sec):
        sec.setdefault("ignorer", []).append(guess)


def apply(data: dict, path: tuple, value: str) -> dict:
    """The mapping with ``value`` at ``path``; a question column given a role leaves the questions."""
    out = copy.deepcopy(data)
    section, kind, *rest = path
    if kind == "kolonner":
        _apply_column(out[section], rest[0], value)
        return out
    if value == NO_COLUMN:  # the file's encoding left as it is: the check will name the bad bytes
        out[section][kind].pop(rest[-1], None)
        return out
    if kind == "sporsmal" and value in mt.ROLES:
        out[section]["sporsmal"].pop(rest[0], None)
        listed = out[section].setdefault(value, [])
        if rest[0] not in listed:
            listed.append(rest[0])
        return out
    target = out
    for k in path[:-1]:
        target = target[k]
    target[path[-1]] = value
    return out


def by_tab(paths: list[tuple]) -> str:
    """'3 in «Spørreundersøkelsen til kommunene», 1 in «Register ...»'."""
    counts: dict[str, int] = {}
    for p in paths:
        counts[p[0]] = counts.get(p[0], 0) + 1
    return ", ".join(t("admin.avgjor.i_fane", antall=n, fane=t(f"admin.fil.{s}")) for s, n in counts.items())


def render(flow: Flow) -> None:
    """The open choices as one form; on "Lagre valgene" every choice made is written into the mapping."""
    if flow.data is None:
        return
    paths = open_paths(flow.data)
    if paths:
        _form(flow, [choice(flow, p) for p in paths], flow.settled)
    if flow.settled:
        with st.expander(t("admin.avgjor.avgjort", antall=len(flow.settled))):
            st.markdown("\n".join(f"- {fmt.plain(what)}: **{fmt.plain(label)}**" for what, label in flow.settled))


def _form(flow: Flow, choices: list[Choice], settled: list) -> None:
    with st.form(f"avgjor{flow.generation}", border=True):
        st.markdown(t("admin.avgjor.tittel", antall=len(choices), hvor=by_tab([c.path for c in choices])))
        picked = {}
        for i, c in enumerate(choices):
            if not c.options:
                st.caption(c.what + " " + t("admin.avgjor.i_tabellen"))
                continue
            keys = list(c.options)
            picked[i] = st.selectbox(c.what, keys, index=keys.index(c.chosen) if c.chosen in keys else None,
                                     format_func=lambda k, o=c.options: o.get(k, k),
                                     placeholder=t("admin.avgjor.velg"), key=f"avgjor{flow.generation}_{i}")
        sent = st.form_submit_button(t("admin.avgjor.lagre"), type="primary", icon=":material/done_all:")
    if not sent:
        return
    data = flow.data
    for i, value in picked.items():
        if value is not None:
            data = apply(data, choices[i].path, value)
            settled.append((choices[i].what, choices[i].options[value]))
    if data is not flow.data:
        flow.data = flow.base = data
        flow.generation += 1
        flow.forget_check()
        st.rerun()
