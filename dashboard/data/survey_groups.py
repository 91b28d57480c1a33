"""Survey numbers only for predefined groups of respondents, chosen so that no combination of views
reveals the answers of 1-4 respondents.

A survey query never runs on a free selection. It runs on a predefined *group*:

* county: one county, or all counties;
* centrality class: one class, or all classes;
* ownership group: kommunal, lag_forening or andre (the report's breakdown), or all.

Inside a view the breakdowns (ownership group, kommunal / ikke-kommunal, role type) are groups too
(cells). Which cells may be shown is decided once per data version, per respondent group (centres,
municipalities) and per *answered set* (the respondents who answered a question; questions some
skipped have smaller cells), by exact secondary suppression (dashboard.data.disclosure): cells are
taken in the order of their use to a visitor and kept only while no linear combination of the kept
cells rests on 1-4 respondents. The cells of an answered set are chosen among those kept for all
respondents, so the bases N (counts over all respondents) are safe too.

A selection is shown through the nearest group that holds it and can draw the figure
(:meth:`Lattice.chain`): the selection's own group, then without the class, without the county,
and so on up to all district municipalities; the page says which group it shows.
"""

from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from dashboard.data import disclosure
from dashboard.data.derived import OWNER_GROUPS, owner_group  # selectable groups, as the report breaks it down
from dashboard.data.filters import Filters

BREAKDOWN_OWNER = OWNER_GROUPS + ("ikke_kommunal",)         # also used inside views
ROLES = ("egenregi", "blanding", "bindeledd")
RESPONDENT_GROUPS = ("frivilligsentral", "kommune")
EMPTY = "tom"  # a cell no respondent can belong to (e.g. kommunal within lag_forening)
UNKNOWN = "ukjent"  # a breakdown value the lattice does not know


@dataclass(frozen=True)
class Group:
    """A predefined survey group: None in a field means 'all'."""

    fylke: str | None = None
    klasse: int | None = None
    eier: str | None = None
    empty: bool = False      # the selection holds no municipality of the survey's classes
    exact: bool = True       # False when the group is wider than the user's selection

    def cell(self) -> tuple:
        return (self.fylke, self.klasse, self.eier, None)

    def filters(self, forms: dict[str, tuple[str, ...]], selection: Filters) -> Filters:
        if self.empty:
            return Filters(sentralitetsklasser=selection.sentralitetsklasser)
        return Filters(fylker=(self.fylke,) if self.fylke else (),
                       eierformer=forms.get(self.eier, ()) if self.eier else (),
                       sentralitetsklasser=(self.klasse,) if self.klasse is not None else ())


class Lattice:
    """The groups of one data version, and which of them may be shown for which question."""

    def __init__(self, respondents: pd.DataFrame, municipalities: pd.DataFrame, eierformer: list[str],
                 answers: pd.DataFrame | None = None, patterns: tuple[str, ...] = (), decided: dict | None = None,
                 withheld: dict[str, list] | None = None):
        self.kommune_fylke = dict(zip(municipalities["kommunenummer"], municipalities["fylkesnummer"]))
        self.kommune_klasse = {k: int(c) for k, c in zip(municipalities["kommunenummer"],
                                                          municipalities["sentralitetsklasse"])}
        self.forms = {g: tuple(sorted(e for e in eierformer if owner_group(e) == g)) for g in OWNER_GROUPS}
        self.classes = sorted({int(c) for c in respondents["sentralitetsklasse"].dropna()})
        answered = _answered_sets(answers, patterns) if decided is None else {}
        self.n: dict[str, dict[tuple, int]] = {}
        self.shown: dict[str, set[tuple]] = {}                 # cells shown for all respondents (bases N)
        self.shown_for: dict[str, dict[str, set[tuple]]] = {}  # question or pattern -> cells shown for it
        for rg in RESPONDENT_GROUPS:
            sub = respondents[respondents["respondentgruppe"] == rg].reset_index(drop=True)
            cells, members = _cells(sub, self.classes)
            self.n[rg] = dict(zip(cells, members.sum(axis=1).tolist()))
            if decided is not None:
                self.shown[rg] = {tuple(c) for c in decided["alle"][rg]}
                self.shown_for[rg] = {q: {tuple(c) for c in cs} for q, cs in decided["per_sporsmal"][rg].items()}
                continue
            never = {tuple(c) for c in (withheld or {}).get(rg, [])}  # groups an administrator withheld
            order = [i for i in _priority(cells, members.sum(axis=1)) if cells[i] not in never]
            kept = disclosure.choose(members, order)
            self.shown[rg] = {cells[i] for i in kept}
            self.shown_for[rg] = _per_answered_set(sub, cells, members, kept, answered)

    def decision(self) -> dict:
        """What was decided, as JSON-ready data (stored with the data version, read back by ``decided``)."""
        def cells(cs):
            return sorted((list(c) for c in cs), key=str)
        return {"alle": {rg: cells(cs) for rg, cs in self.shown.items()},
                "per_sporsmal": {rg: {q: cells(cs) for q, cs in per.items()} for rg, per in self.shown_for.items()}}

    # -- from a selection to a group ----------------------------------------------------------

    def group(self, f: Filters) -> Group:
        """The smallest predefined group that contains the selection."""
        fylker, klasser = set(f.fylker), set(f.sentralitetsklasser) or set(range(1, 7))
        if f.kommuner:
            fylker = {self.kommune_fylke[k] for k in f.kommuner if k in self.kommune_fylke}
            klasser &= {self.kommune_klasse[k] for k in f.kommuner if k in self.kommune_klasse}
        in_survey = klasser & set(self.classes)
        if self.classes and not in_survey:
            return Group(empty=True)
        fylke = next(iter(fylker)) if len(fylker) == 1 else None
        klasse = next(iter(in_survey)) if len(in_survey) == 1 and len(self.classes) > 1 else None
        owners = {owner_group(e) for e in f.eierformer}
        eier = next(iter(owners)) if len(owners) == 1 else None
        grp = Group(fylke, klasse, eier)
        return replace(grp, exact=self._exact(f, grp))

    def chain(self, f: Filters) -> list[Group]:
        """The groups a selection may be shown through, nearest first: its own group, then without
        the class, without the county, without both; then the same without the ownership group."""
        own = self.group(f)
        if own.empty:
            return [own]
        out: list[Group] = []
        for eier in dict.fromkeys((own.eier, None)):
            for fylke, klasse in ((own.fylke, own.klasse), (own.fylke, None), (None, own.klasse), (None, None)):
                g = Group(fylke, klasse, eier)
                g = replace(g, exact=g == replace(own, exact=True) and own.exact)
                if g not in out:
                    out.append(g)
        return out

    def _exact(self, f: Filters, grp: Group) -> bool:
        if f.kommuner or len(f.fylker) > 1 or (f.fylker and grp.fylke is None):
            return False
        if f.eierformer and (grp.eier is None or set(f.eierformer) != set(self.forms[grp.eier])):
            return False
        chosen = set(f.sentralitetsklasser) & set(self.classes) if f.sentralitetsklasser else set(self.classes)
        return grp.klasse is not None or chosen == set(self.classes)

    # -- which numbers may be shown -----------------------------------------------------------

    def is_shown(self, respondent_group: str, cell: tuple, question: str | None = None) -> bool:
        if EMPTY in cell:
            return True
        if UNKNOWN in cell:
            return False
        if self.n.get(respondent_group, {}).get(cell, 0) == 0:
            return True
        if question is None:
            return cell in self.shown.get(respondent_group, set())
        per = self.shown_for.get(respondent_group, {})
        return cell in per.get(question, set())

    def hidden_rows(self, df: pd.DataFrame, group: Group, breakdown: str | None, total: str | None,
                    respondents: str | None, questions: tuple[str, ...] = ()) -> pd.Series:
        """True for every row that rests on a cell that may not be shown (for the row's questions)."""
        if df.empty or group.empty:
            return pd.Series(False, index=df.index)
        rg = df["respondentgruppe"] if respondents is None and "respondentgruppe" in df.columns else \
            pd.Series(respondents or "", index=df.index)
        value = df[breakdown] if breakdown else pd.Series(None, index=df.index, dtype=object)
        asked = [df[q] if q in df.columns else pd.Series(q, index=df.index) for q in questions]
        keys = pd.Series(list(zip(rg.astype(object).where(rg.notna(), ""),
                                  value.astype(object).where(value.notna(), None), *asked)), index=df.index)
        verdict = {key: self._hidden(group, key, total) for key in keys.unique()}
        return keys.map(verdict).astype(bool)

    def _hidden(self, group: Group, key: tuple, total: str | None) -> bool:
        cell = _breakdown_cell(group, key[1], total)
        rgs = (key[0],) if key[0] in RESPONDENT_GROUPS else RESPONDENT_GROUPS
        if len(key) == 2:
            return any(not self.is_shown(g, cell) for g in rgs)
        asked = [q for q in key[2:] if isinstance(q, str) and q]
        return any(not self.is_shown(g, cell) or not all(self.is_shown(g, cell, q) for q in asked
                                                          if _question_group(self, q) == g)
                   for g in rgs)


def differences(old: Lattice, new: Lattice) -> list[tuple[str, tuple, int, int]]:
    """Cells shown in both versions whose respondents differ by 1-4: anyone who saved the old numbers
    could subtract them from the new ones and read the answers of those few (respondent group, cell,
    respondents before, after), largest groups first."""
    out = []
    for rg in RESPONDENT_GROUPS:
        for cell in new.shown.get(rg, set()) & old.shown.get(rg, set()):
            a, b = old.n[rg].get(cell, 0), new.n[rg].get(cell, 0)
            if 0 < abs(a - b) <= disclosure.SMALL:
                out.append((rg, cell, a, b))
    return sorted(out, key=lambda d: (-d[3], str(d[1])))


def fingerprint(respondents: pd.DataFrame, answers: pd.DataFrame, eierformer: list[str],
                patterns: tuple[str, ...], withheld: dict | None = None) -> str:
    """A hash of everything a decision rests on (and of the rule's version): a stored decision is
    used only for the same inputs. Respondent ids do not count: each respondent is its groups and
    the questions it answered, so the same answers imported again under other ids hash the same."""
    h = hashlib.sha256(disclosure.RULE_VERSION.encode())
    cols = ["respondentgruppe", "fylkesnummer", "sentralitetsklasse", "rolletype"]
    asked = answers.groupby("respondent_id")["sporsmal_id"].agg(lambda q: ",".join(sorted(q)))
    people = respondents[cols].astype(str).assign(
        eierformer=respondents["eierformer"].map(lambda x: ",".join(sorted(x)) if x is not None else ""),
        sporsmal=respondents["respondent_id"].map(asked).fillna(""))
    h.update(people.sort_values(list(people.columns)).to_csv(index=False).encode())
    h.update(repr((sorted(eierformer), sorted(patterns), sorted((withheld or {}).items()))).encode())
    return h.hexdigest()


def _question_group(lat: Lattice, question: str) -> str | None:
    for rg, per in lat.shown_for.items():
        if question in per:
            return rg
    return None


def _priority(cells: list[tuple], n: np.ndarray) -> list[int]:
    """Candidate cells in the order of their use to a visitor: all; one class, ownership group or
    role; one county; two of class, ownership and role; county and class; then the rest."""
    def rank(i: int) -> tuple:
        fy, kl, ei, ro = cells[i]
        dims = sum(v is not None for v in cells[i])
        return dims, fy is not None, kl is None, -int(n[i]), str(cells[i])
    return sorted(range(len(cells)), key=rank)


def _answered_sets(answers: pd.DataFrame | None, patterns: tuple[str, ...]) -> dict[str, frozenset]:
    """Question (or LIKE pattern such as 'fs_partner_%') -> the respondents who answered it."""
    if answers is None or answers.empty:
        return {}
    out = {q: frozenset(ids) for q, ids in answers.groupby("sporsmal_id")["respondent_id"]}
    for pat in patterns:
        rx = re.compile("^" + re.escape(pat).replace("%", ".*").replace("_", ".") + "$")
        out[pat] = frozenset().union(*(ids for q, ids in out.items() if rx.match(q) and "%" not in q))
    return out


def _per_answered_set(sub: pd.DataFrame, cells: list[tuple], members: np.ndarray, kept: list[int],
                      answered: dict[str, frozenset]) -> dict[str, set[tuple]]:
    """For each question of this respondent group, the cells shown for it: chosen among the cells
    kept for all respondents, by the same rule, over those who answered. Equal sets decide once."""
    ids = sub["respondent_id"].to_numpy()
    decided: dict[frozenset, set[tuple]] = {}
    out: dict[str, set[tuple]] = {}
    for q, who in answered.items():
        mask = np.isin(ids, list(who))
        if not mask.any():
            continue
        key = frozenset(ids[mask])
        if key not in decided:
            chosen = disclosure.choose(members[:, mask], kept)
            decided[key] = {cells[i] for i in chosen}
        out[q] = decided[key]
    return out


def _breakdown_cell(group: Group, value, total: str | None) -> tuple:
    fylke, klasse, eier, _ = group.cell()
    if value is None or pd.isna(value) or value == total:
        return group.cell()
    if value in ROLES:
        return (fylke, klasse, eier, value)
    if value in BREAKDOWN_OWNER:
        if eier is None or eier == value:
            return (fylke, klasse, value, None)
        if value == "ikke_kommunal" and eier != "kommunal":
            return group.cell()
        return (fylke, klasse, EMPTY, None)
    return (fylke, klasse, eier, UNKNOWN)  # a breakdown the lattice does not know: never shown


def _cells(resp: pd.DataFrame, classes: list[int]) -> tuple[list[tuple], np.ndarray]:
    """Every group (fylke, klasse, eier, rolle) and a cells x respondents membership matrix."""
    fylker = [None] + sorted(resp["fylkesnummer"].dropna().unique().tolist())
    klasser = [None] + classes
    roller = [None] + [r for r in ROLES if r in set(resp["rolletype"].dropna())]
    forms = [set(x) if x is not None else set() for x in resp["eierformer"]]
    by_dim = {
        "fylke": {v: resp["fylkesnummer"].eq(v).to_numpy() for v in fylker if v},
        "klasse": {v: resp["sentralitetsklasse"].eq(v).to_numpy() for v in klasser if v is not None},
        "eier": {g: np.array([_owns(s, g) for s in forms], dtype=bool) for g in BREAKDOWN_OWNER},
        "rolle": {v: resp["rolletype"].eq(v).to_numpy() for v in roller if v},
    }
    everyone = np.ones(len(resp), dtype=bool)
    cells, rows = [], []
    for fy in fylker:
        for kl in klasser:
            for ei in [None, *BREAKDOWN_OWNER]:
                for ro in roller:
                    m = everyone.copy()
                    for dim, v in (("fylke", fy), ("klasse", kl), ("eier", ei), ("rolle", ro)):
                        if v is not None:
                            m &= by_dim[dim][v]
                    cells.append((fy, kl, ei, ro))
                    rows.append(m)
    return cells, np.array(rows, dtype=bool).reshape(len(cells), len(resp))


def _owns(forms: set[str], group: str) -> bool:
    if group == "ikke_kommunal":
        return not forms or any(f != "kommunal" for f in forms)
    return any(owner_group(f) == group for f in forms)


_lock = threading.Lock()
_lattices: dict[str, Lattice] = {}


def forget(version_id: str) -> None:
    """Drop a version's lattice from the process (its decision changed on disk)."""
    with _lock:
        _lattices.pop(version_id, None)


def lattice_for(version_id: str, build) -> Lattice:
    """The lattice of a data version, built once per process by ``build()``."""
    with _lock:
        lat = _lattices.get(version_id)
    if lat is None:
        lat = build()
        with _lock:
            while len(_lattices) >= 4:
                _lattices.pop(next(iter(_lattices)))
            _lattices[version_id] = lat
    return lat
