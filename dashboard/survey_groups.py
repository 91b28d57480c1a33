"""Survey numbers only for predefined groups of respondents, so no two views can be subtracted.

Each view passing the n >= 5 rule is not enough: municipalities A (5 answers) and A + one more
(6 answers) tell together what the sixth answered. So a survey query never runs on a free
selection. It runs on the smallest *predefined group* that contains the selection:

* county: one county, or all counties;
* centrality class: one class, or all classes;
* ownership group: kommunal, lag_forening or andre (the report's breakdown), or all.

A selection of municipalities, several counties, several classes or ownership forms from two
groups falls back to the wider group, and the page says which group it shows. Inside a view the
breakdowns (ownership group, kommunal / ikke-kommunal, role type) are groups too.

Which groups may be shown is decided once per data version and respondent group (centres,
municipalities): going from the largest group down, a group is shown only if it has 0 or at
least 5 respondents and differs from every group already shown by 0 or at least 5 respondents.
So for every pair of shown groups the difference is never 1-4 respondents.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from dashboard.anonymity import MIN_RESPONDENTS
from dashboard.derived import OWNER_GROUPS, owner_group  # selectable groups, as the report breaks it down
from dashboard.filters import Filters

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
    """The groups of one data version, and which of them may be shown."""

    def __init__(self, respondents: pd.DataFrame, municipalities: pd.DataFrame, eierformer: list[str]):
        self.kommune_fylke = dict(zip(municipalities["kommunenummer"], municipalities["fylkesnummer"]))
        self.kommune_klasse = {k: int(c) for k, c in zip(municipalities["kommunenummer"],
                                                          municipalities["sentralitetsklasse"])}
        self.forms = {g: tuple(sorted(e for e in eierformer if owner_group(e) == g)) for g in OWNER_GROUPS}
        self.classes = sorted({int(c) for c in respondents["sentralitetsklasse"].dropna()})
        self.n: dict[str, dict[tuple, int]] = {}
        self.shown: dict[str, set[tuple]] = {}
        for rg in RESPONDENT_GROUPS:
            sub = respondents[respondents["respondentgruppe"] == rg].reset_index(drop=True)
            cells, members = _cells(sub, self.classes)
            self.n[rg] = dict(zip(cells, members.sum(axis=1).tolist()))
            self.shown[rg] = _decide(cells, members)

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

    def _exact(self, f: Filters, grp: Group) -> bool:
        if f.kommuner or len(f.fylker) > 1 or (f.fylker and grp.fylke is None):
            return False
        if f.eierformer and (grp.eier is None or set(f.eierformer) != set(self.forms[grp.eier])):
            return False
        chosen = set(f.sentralitetsklasser) & set(self.classes) if f.sentralitetsklasser else set(self.classes)
        return grp.klasse is not None or chosen == set(self.classes)

    # -- which numbers may be shown -----------------------------------------------------------

    def is_shown(self, respondent_group: str, cell: tuple) -> bool:
        if EMPTY in cell:
            return True
        if UNKNOWN in cell:
            return False
        shown = self.shown.get(respondent_group, set())
        return cell in shown or self.n.get(respondent_group, {}).get(cell, 0) == 0

    def hidden_rows(self, df: pd.DataFrame, group: Group, breakdown: str | None, total: str | None,
                    respondents: str | None) -> pd.Series:
        """True for every row that rests on a group that may not be shown."""
        if df.empty or group.empty:
            return pd.Series(False, index=df.index)
        rg = df["respondentgruppe"] if respondents is None and "respondentgruppe" in df.columns else \
            pd.Series(respondents or "", index=df.index)
        value = df[breakdown] if breakdown else pd.Series(None, index=df.index, dtype=object)
        groups = rg.astype(object).where(rg.notna(), "")
        keys = pd.Series(list(zip(groups, value.astype(object).where(value.notna(), None))), index=df.index)
        verdict = {}
        for key in keys.unique():
            rgs = (key[0],) if key[0] in RESPONDENT_GROUPS else RESPONDENT_GROUPS
            cell = _breakdown_cell(group, key[1], total)
            verdict[key] = any(not self.is_shown(g, cell) for g in rgs)
        return keys.map(verdict).astype(bool)


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


def _decide(cells: list[tuple], members: np.ndarray) -> set[tuple]:
    """Largest groups first; keep a group if no kept group differs from it by 1-4 respondents."""
    n = members.sum(axis=1)
    m = members.astype(np.int32)
    inter = m @ m.T
    order = sorted(range(len(cells)), key=lambda i: (-n[i], sum(v is not None for v in cells[i]), str(cells[i])))
    kept: list[int] = []
    for i in order:
        if n[i] == 0:
            continue
        if n[i] < MIN_RESPONDENTS:
            continue
        if kept:
            k = np.array(kept)
            diff = n[i] + n[k] - 2 * inter[i, k]
            if np.any((diff > 0) & (diff < MIN_RESPONDENTS)):
                continue
        kept.append(i)
    return {cells[i] for i in kept}


_lock = threading.Lock()
_lattices: dict[str, Lattice] = {}


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
