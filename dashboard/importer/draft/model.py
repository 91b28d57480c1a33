"""The draft mapping's parts shared by every section: the entries it writes, the codebook and
municipality lookups, and the columns that link a row to a municipality, an organisation or a centre."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from dashboard.data import versions
from dashboard.importer.draft import detect
from dashboard.importer.draft.match import categories, norm, prepare_items
from dashboard.importer.draft.read import ReadFile
from dashboard.importer.municipalities import MunicipalityResolver

ACCEPT = 0.75        # a match at least this good, and clearly better than the next, is taken
MARGIN = 0.04
SUGGEST = 0.5        # below this there is no suggestion worth writing
GROUPS = ("frivilligsentral", "kommune")


@dataclass
class Entry:
    key: str
    value: object = None
    score: float | None = None
    comment: str = ""
    todo: str | None = None          # why a person must decide (the value then holds "TODO")
    candidates: list[str] = field(default_factory=list)   # a TODO question line's candidate items


@dataclass
class SectionDraft:
    name: str
    file: ReadFile
    columns: list[Entry] = field(default_factory=list)
    ignore: list[Entry] = field(default_factory=list)
    contact: list[Entry] = field(default_factory=list)
    free_text: list[Entry] = field(default_factory=list)
    items: list[Entry] = field(default_factory=list)
    values: dict[str, list[Entry]] = field(default_factory=dict)
    non_answers: dict[str, list[str]] = field(default_factory=dict)
    municipalities: list[Entry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    multi: list = field(default_factory=list)                   # draft_multi.MultiDraft: one-cell multi-choice
    known: dict[str, list[str]] = field(default_factory=dict)   # field -> values the importer knows as they are

    def column(self, fieldname: str) -> str | None:
        return next((e.value for e in self.columns if e.key == fieldname and not e.todo), None)


class Context:
    """The codebook and the municipality resolver of the shipped build."""

    def __init__(self, base: versions.DataVersion | None = None):
        base = base or versions.shipped()
        items = pd.read_parquet(base.table_path("kodebok"))
        self.items = items[items["undersokelse"] == "2024"].copy()
        self.scales = pd.read_parquet(base.table_path("kodebok_skala"))
        self.classes = pd.read_parquet(base.table_path("klassifikasjoner"))
        actors = self.classes[self.classes["klassifikasjon"] == "aktor"]
        self.items["aktor_tekst"] = self.items["aktor"].map(dict(zip(actors["kode"], actors["etikett_nb"])))
        self.resolver = MunicipalityResolver.from_version(base)
        kommuner = pd.read_parquet(base.table_path("kommuner"))
        self.names = dict(zip(kommuner["kommunenummer"], kommuner["kommunenavn"]))

        self.units = {g: [(list(b["sporsmal_id"]), str(b["skala"].iloc[0]))
                          for _, b in self.items[self.items["respondentgruppe"] == g].groupby(
                              ["blokk", self.items["aktor"].fillna("")], sort=False)] for g in GROUPS}
        self.scale_of = dict(zip(self.items["sporsmal_id"], self.items["skala"]))
        self.prepared = {g: prepare_items(self.items[self.items["respondentgruppe"] == g]) for g in GROUPS}
        self.scale_cats = {k: categories(f) for k, f in self.scales.groupby("skala")}
        self.class_cats = {k: categories(f) for k, f in self.classes.groupby("klassifikasjon")}


def score_text(score: float | None) -> str:
    return "" if score is None else f"{score:.2f}".replace(".", ",")


# -- municipalities ---------------------------------------------------------------------------------

def _municipality_share(ctx: Context, series: pd.Series) -> float:
    def known(v: str) -> bool:
        r = ctx.resolver.resolve(v)
        return r.kommunenummer is not None or r.kind in ("tvetydig", "delt")

    return detect.share(series, known)


def _municipality_entries(ctx: Context, series: pd.Series) -> list[Entry]:
    """Overrides for values the resolver cannot settle alone (ambiguous names, split municipalities).
    A name that is today's name of exactly one candidate is settled as that municipality (a survey
    or register kept in 2024 uses 2024 names); the line says so, for a person to check."""
    out = []
    for value in sorted(set(detect.nonempty(series).str.strip())):
        r = ctx.resolver.resolve(value)
        if r.kommunenummer is not None:
            continue
        today = [c for c in r.candidates if norm(ctx.names.get(c, "")) == norm(value)]
        if r.kind == "tvetydig" and len(today) == 1:
            out.append(Entry(value, today[0], 0.9, f"dagens {ctx.resolver.label(today[0])}; {r.error}"))
        else:
            out.append(Entry(value, "TODO", None, "skriv kommunenummeret",
                             todo=f"kommunen «{value}» kan ikke avgjøres automatisk: {r.error or 'ukjent'}"))
    return out


def label_text(cats: tuple, code: str) -> str:
    return next((texts[1] if len(texts) > 1 else code for c, texts in cats if c == code), code)




# -- columns that link a row ------------------------------------------------------------------------

# where a register keeps two addresses (Enhetsregisteret): the business address says where the centre is
ADDRESS = {"forretningsadresse": 0.05, "beliggenhetsadresse": 0.05, "besoksadresse": 0.04, "postadresse": -0.05}


def _address(header: str) -> str:
    return next((w for w in ADDRESS if w in norm(header).replace(" ", "")), "")


def _municipality_rank(ctx: Context, df: pd.DataFrame, c: str) -> float:
    """How much a column looks like the municipality: known values, the header, numbers before names,
    the business address before the postal one."""
    numbers = detect.share(df[c], lambda v: v.strip().isdigit())
    return _municipality_share(ctx, df[c]) + (0.1 if "kommune" in norm(c) else 0) + 0.02 * numbers + \
        ADDRESS.get(_address(c), 0.0)


def _disagreement(ctx: Context, df: pd.DataFrame, chosen: str, munis: list[tuple[float, str]]) -> Entry | None:
    """A TODO when a municipality column of another address names another municipality on some rows."""
    mine = df[chosen].map(lambda v: ctx.resolver.resolve(v).kommunenummer)
    for score, other in munis:
        if score < 0.8 or _address(other) == _address(chosen):
            continue
        theirs = df[other].map(lambda v: ctx.resolver.resolve(v).kommunenummer)
        differ = int((mine.notna() & theirs.notna() & (mine != theirs)).sum())
        if differ:
            return Entry("kommunenummer", f"TODO: {chosen}", None,
                         f"«{chosen}» og «{other}» er ulike kommuner på {differ} av {len(df)} rader; "
                         f"forretningsadressen sier hvor sentralen er",
                         todo=f"to kommunekolonner er uenige på {differ} rader: velg «{chosen}» eller «{other}»")
    return None


def link_columns(ctx: Context, sec: SectionDraft, df: pd.DataFrame, rest: list[str],
                 register_ids: set[str]) -> list[str]:
    """The municipality, organisation number and centre id columns."""
    munis = sorted(((_municipality_rank(ctx, df, c), c) for c in rest), reverse=True)
    if munis and munis[0][0] >= 0.8:
        c = munis[0][1]
        sec.columns.append(_disagreement(ctx, df, c, munis[1:]) or Entry(
            "kommunenummer", c, round(min(munis[0][0], 1.0), 2), "verdiene er kommunenummer eller kommunenavn"
            + (f"; {_address(c)} foretrekkes" if _address(c) else "")))
        sec.municipalities = _municipality_entries(ctx, df[c])
        rest = [x for x in rest if x != c]
    for c in list(rest):
        if detect.orgnr_share(df[c]) >= 0.8:
            sec.columns.append(Entry("organisasjonsnummer", c, round(detect.orgnr_share(df[c]), 2),
                                     "gyldige organisasjonsnummer (MOD11)"))
            rest.remove(c)
            break
    if sec.name == "frivilligsentral" and register_ids:
        for c in list(rest):
            if detect.share(df[c], lambda v: v.strip() in register_ids) >= 0.8:
                sec.columns.append(Entry("sentral_id", c, 1.0, "verdiene er sentral-id-ene i registeret"))
                rest.remove(c)
                break
    return rest


