"""Everything a visitor can reach of the survey numbers, and whose answers each number sums.

The respondents behind a shown row are worked out here from the Parquet tables alone (respondenter,
sentraler, kommuner, svar, kodebok, klassifikasjoner; who is within a group by bench.oracle, the filter
semantics the query benchmark checks too), never through the SQL, dashboard.data.survey_groups or
dashboard.data.disclosure: the group the gateway says it ran on (``Result.group``: county, class,
ownership group), the breakdown value in the row, the respondent group, and the question's answered
set. Every shown base (n, svar) is compared with the size of that set, so the oracle is checked
against the app on every row."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pandas as pd

from bench import oracle
from dashboard.data import anonymity, gateway
from dashboard.data.filters import Filters, to_query_params
from dashboard.paths import QUERIES

OWNERS = ("kommunal", "lag_forening", "andre")
ROLES = ("egenregi", "blanding", "bindeledd")
EVERYONE = "alle respondenter"   # the answered-set key of base counts over the whole respondent group
# query -> value columns; the shown numbers of each query
VALUES = {"fordeling": ("antall", "andel"), "fordeling_gruppe": ("antall", "andel"), "nokkeltall_svar": ("svar",),
          "profil_indikatorer": ("antall", "andel"), "samarbeidsmodell": ("antall", "andel"),
          "faser_kombinasjoner": ("antall", "andel"),
          "faktorer_uenighet": ("fremmende_fs", "fremmende_k", "hemmende_fs", "hemmende_k")}
INTERNAL = {"respondent_grupper", "respondent_svar"}  # read by the gateway's own decision, not by pages


def owner(form) -> str | None:
    if not isinstance(form, str):
        return None
    return form if form in OWNERS[:2] else "andre"


@dataclass
class Survey:
    """The survey of one data version as the audit sees it."""

    people: pd.DataFrame                  # bench.oracle.respondents() and the role type (rolle); index respondent_id
    answered: dict[str, frozenset]        # question -> respondents with an answer row
    question_group: dict[str, str]        # question -> respondent group (kodebok)
    faktor: dict[str, dict[str, str]]     # factor element -> respondent group -> question
    indicators: dict[str, tuple[str, ...]]
    _members: dict = field(default_factory=dict)

    @classmethod
    def read(cls, table) -> Survey:
        r, k, s, svar, kb, kl = (table(t) for t in ("respondenter", "kommuner", "sentraler", "svar", "kodebok",
                                                   "klassifikasjoner"))
        kinds = kl[kl["klassifikasjon"] == "rolletype"]
        role_of = {c: kind for kind, codes in zip(kinds["kode"], kinds["fra_kategorier"]) for c in codes.split(",")}
        role = svar[svar["sporsmal_id"] == "fs_rolle"].set_index("respondent_id")["svar_kode"].map(role_of)
        people = oracle.respondents(r, s, k)
        people["rolle"] = people.index.map(role).to_numpy()
        answered = {q: frozenset(ids) for q, ids in svar.groupby("sporsmal_id")["respondent_id"]}
        faktor: dict[str, dict[str, str]] = {}
        for q, e, g in kb[kb["blokk"] == "faktor"][["sporsmal_id", "element", "respondentgruppe"]].itertuples(False):
            faktor.setdefault(e, {})[g] = q
        return cls(people, answered, dict(zip(kb["sporsmal_id"], kb["respondentgruppe"])), faktor, _indicators())

    def members(self, rg: str, fylke, klasse, eier, breakdown=None) -> frozenset:
        """The respondents of a group (county, class, ownership group; None = all) and breakdown value."""
        key = (rg, fylke, klasse, eier, breakdown)
        if key not in self._members:
            p = self.people
            forms = tuple(sorted({x for xs in p["eierformer"] for x in xs if owner(x) == eier}))
            m = (p["respondentgruppe"] == rg) & oracle.within(p, Filters(
                fylker=() if fylke is None else (fylke,), sentralitetsklasser=() if klasse is None else (klasse,),
                eierformer=forms))
            if eier is not None and not forms:  # an ownership group no centre has selects nobody
                m &= False
            if breakdown in OWNERS:
                m &= p["eierform"].map(owner) == breakdown
            elif breakdown == "ikke_kommunal":
                m &= p["eierform"] != "kommunal"
            elif breakdown in ROLES:
                m &= p["rolle"] == breakdown
            elif breakdown is not None:
                raise AssertionError(f"ukjent inndeling {breakdown!r}")
            self._members[key] = frozenset(p.index[m])
        return self._members[key]

    def answered_by(self, questions) -> frozenset:
        out: set = set()
        for q in questions:
            if "%" in q:
                rx = re.compile("^" + re.escape(q).replace("%", ".*") + "$")
                for k, ids in self.answered.items():
                    if rx.match(k):
                        out |= ids
            else:
                out |= self.answered.get(q, frozenset())
        return frozenset(out)

    def everyone(self, rg: str) -> frozenset:
        return self.members(rg, None, None, None)


def _indicators() -> dict[str, tuple[str, ...]]:
    """Indicator -> its questions, read from queries/profil_indikatorer.sql."""
    sql = (QUERIES / "profil_indikatorer.sql").read_text(encoding="utf-8")
    out = {}
    for name, listed, one in re.findall(r"SELECT '(\w+)'.*?FROM s WHERE sporsmal_id (?:IN \(([^)]*)\)|= '(\w+)')",
                                        sql, re.S):
        out[name] = tuple(re.findall(r"'(\w+)'", listed)) if listed else (one,)
    assert len(out) >= 5, out
    return out


# -- the cells behind one result -------------------------------------------------------------------

def _url(view: tuple, f: Filters) -> str:
    path, part = view
    q = ({"del": part} if part else {}) | {k: v if len(v) > 1 else v[0] for k, v in to_query_params(f).items()}
    return f"/{path}" + ("?" + urlencode(q, doseq=True) if q else "")


def _shown(row, cols) -> bool:
    return not bool(row.get(anonymity.FLAG, False)) and any(c in row and pd.notna(row[c]) for c in cols)


def items_of(survey: Survey, name: str, r: gateway.Result) -> dict[tuple, tuple[frozenset, frozenset]]:
    """Every shown survey number of a result by item (respondent group, questions, breakdown value):
    (the respondents it sums, the universe they are taken from: answered set or whole group)."""
    g = r.group
    assert g is not None, f"{name}: et undersøkelsestall uten gruppe"
    out: dict[tuple, tuple[frozenset, frozenset]] = {}
    for rg, breakdown, questions, _n in _rows(survey, name, r.df):
        everyone = survey.everyone(rg)
        base = frozenset() if g.empty else survey.members(rg, g.fylke, g.klasse, g.eier, breakdown)
        universe = everyone if questions is None else survey.answered_by(questions) & everyone
        out[(rg, questions, breakdown)] = (base & universe, universe)
    return out


def cells_of(survey: Survey, name: str, r: gateway.Result) -> tuple[list[tuple], list[str]]:
    """(respondent group, universe, respondents) of every shown number of a result, plus the base
    counts over everyone; and the rows whose shown base differs from the audit's own count."""
    g = r.group
    assert g is not None, f"{name}: et undersøkelsestall uten gruppe"
    out, wrong = [], []
    for rg, breakdown, questions, shown_n in _rows(survey, name, r.df):
        everyone = survey.everyone(rg)
        base = frozenset() if g.empty else survey.members(rg, g.fylke, g.klasse, g.eier, breakdown)
        out.append((rg, everyone, base))
        cell = base
        if questions is not None:
            universe = survey.answered_by(questions) & everyone
            cell = base & universe
            out.append((rg, universe, cell))
        if shown_n is not None and pd.notna(shown_n) and int(shown_n) != len(cell):
            wrong.append(f"{name} {g} {rg} {breakdown} {questions}: viser {int(shown_n)}, "
                         f"revisjonen teller {len(cell)}")
    return out, wrong


def _rows(survey: Survey, name: str, df: pd.DataFrame):
    """(respondent group, breakdown value, questions or None for everyone, shown base) per shown row."""
    for _, row in df.iterrows():
        if name == "faktorer_uenighet":
            for rg, side in (("frivilligsentral", "fs"), ("kommune", "k")):
                if _shown(row, (f"fremmende_{side}", f"hemmende_{side}")):
                    yield rg, None, (survey.faktor[row["element"]][rg],), row[f"n_{side}"]
        elif _shown(row, VALUES[name]):
            yield _row(survey, name, row)


def _row(survey: Survey, name: str, row) -> tuple:
    if name == "fordeling":
        return row["respondentgruppe"], None, (row["sporsmal_id"],), row["n"]
    if name == "fordeling_gruppe":
        breakdown = None if row["gruppe"] == "alle" else row["gruppe"]
        return "frivilligsentral", breakdown, (row["sporsmal_id"],), row["n"]
    if name == "nokkeltall_svar":
        return row["respondentgruppe"], None, None, row["svar"]
    if name == "profil_indikatorer":
        rg = row["respondentgruppe"]
        return rg, None, tuple(q for q in survey.indicators[row["indikator"]]
                               if survey.question_group.get(q) == rg), row["n"]
    if name in ("samarbeidsmodell", "faser_kombinasjoner"):
        return "frivilligsentral", None, ("fs_partner_%" if name == "samarbeidsmodell" else "fs_fase_%",), row["n"]
    raise AssertionError(f"revisjonen kjenner ikke undersøkelsesspørringen {name}")
