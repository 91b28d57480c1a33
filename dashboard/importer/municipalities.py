"""Municipalities as people write them, resolved to 2024 kommunenummer.

Interface (used by the importer, the draft mapping and the browser import):

* ``MunicipalityResolver.from_version(version)`` builds the lookups once from the version's
  ``kommuner`` table and the SSB change tables in ``data/raw/ssb``.
* ``resolver.resolve(value, overrides, section=None)`` returns a :class:`Resolved`: the 2024
  number, or an error that says why not (for ambiguous names and split municipalities it lists
  the candidates, and ``fix`` shows the line for the mapping's ``[seksjon.kommuner]`` table);
  a conversion (old number, name, override) carries a note for the import report.
* ``resolver.check_overrides(overrides)`` lists overrides whose target is not a 2024 number.

Accepted: 4-digit numbers (a lost leading zero restored, '301.0'), numbers valid 2013-2023
(chained through SSB's change lists 2013-2020 and the 2020-2023 crosswalk), and names in any
official form (bokmål, nynorsk, Sami, Kven; '... kommune'), with or without the county
('Herøy (Nordland)', 'Herøy i Nordland', 'Herøy, Nordland'), case and diacritics insensitive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from dashboard.data import versions
from dashboard.importer.values import LETTERS, number_text, unaccent
from dashboard.paths import RAW

CROSSWALK = RAW / "ssb" / "kommunenummer-2020-2023-til-2024.csv"
CHANGES = RAW / "ssb" / "kommuneendringer-2013-2020.csv"

# county of a municipality number by its first two digits, before 2024 (2024 counties come from `kommuner`)
OLD_COUNTIES = {
    "01": "Østfold", "02": "Akershus", "03": "Oslo", "04": "Hedmark", "05": "Oppland", "06": "Buskerud",
    "07": "Vestfold", "08": "Telemark", "09": "Aust-Agder", "10": "Vest-Agder", "11": "Rogaland", "12": "Hordaland",
    "14": "Sogn og Fjordane", "15": "Møre og Romsdal", "16": "Sør-Trøndelag", "17": "Nord-Trøndelag",
    "18": "Nordland", "19": "Troms", "20": "Finnmark", "30": "Viken", "34": "Innlandet", "38": "Vestfold og Telemark",
    "42": "Agder", "46": "Vestland", "50": "Trøndelag", "54": "Troms og Finnmark",
}
NEW_PERIOD = "2020–2023"


@dataclass(frozen=True)
class Resolved:
    kommunenummer: str | None          # 2024 number, or None when not resolved
    note: str | None = None            # a conversion to report, e.g. "0511 Dovre (før 2020) er konvertert til ..."
    error: str | None = None           # why it could not be resolved (with the candidates)
    kind: str = "nummer"               # nummer | gammelt_nummer | navn | overstyrt | ukjent | tvetydig | delt
    fix: str | None = None             # how to settle it (the line for the mapping's [seksjon.kommuner] table)
    candidates: tuple[str, ...] = ()   # 2024 numbers it may mean (tvetydig, delt)


@dataclass(frozen=True)
class _Entry:
    """One municipality a name can stand for."""

    targets: tuple[str, ...]           # 2024 number(s); several = split
    counties: frozenset[str]           # folded county names the name may be qualified with
    old: str | None = None             # "Sande (0713) før 2020" when the name is a former municipality


_FOLD = str.maketrans({**LETTERS, "ı": "i", "ʼ": "", "'": ""})
_DASHES = re.compile(r"\s*[-‐‑‒–—]\s*")


def exact_key(text: str) -> str:
    """Case-insensitive key with diacritics kept; dashes and whitespace normalised, ' kommune' dropped."""
    key = _DASHES.sub("-", " ".join(str(text).split()).casefold())
    return re.sub(r"(?:^|\s)(?:kommune|kommun|suohkan|gielda|tjïelte)$", "", key).strip()


def fold_key(text: str) -> str:
    """exact_key without diacritics: 'Vågå' -> 'vaga', 'Kárášjohka' -> 'karasjohka', 'Porsáŋgu' -> 'porsangu'."""
    return unaccent(exact_key(text), _FOLD)


def _number(value: str) -> str:
    v = number_text(value)
    return "0" + v if re.fullmatch(r"\d{3}", v) else v  # Excel drops the leading zero of 0301


def _split_county(text: str) -> tuple[str, str] | None:
    """'Herøy (Nordland)' / 'Herøy i Nordland' / 'Herøy, Nordland' -> ('Herøy', 'Nordland')."""
    m = re.fullmatch(r"(.+?)\s*\((.+)\)", text) or re.fullmatch(r"(.+?)\s*,\s*(.+)", text) or \
        re.fullmatch(r"(.+?)\s+i\s+(.+)", text)
    return (m.group(1).strip(), m.group(2).strip()) if m else None


class MunicipalityResolver:
    def __init__(self, kommuner: pd.DataFrame, crosswalk: pd.DataFrame, changes: pd.DataFrame | None = None):
        self.current = {r.kommunenummer: r for r in kommuner.itertuples()}
        self._steps = _steps(changes if changes is not None else pd.DataFrame(columns=_CHANGE_COLUMNS))
        self._walk24, self._split24 = _crosswalk(crosswalk)
        self._old = _old_names(changes, crosswalk)
        self._direct = {n for step in self._steps for n, t in step.items() if len(t) > 1} | self._split24
        self._counties = {fold_key(c) for c in list(OLD_COUNTIES.values()) + list(kommuner["fylkesnavn"])}
        self._exact: dict[str, list[_Entry]] = {}
        self._folded: dict[str, list[_Entry]] = {}
        self._index_current()
        self._index_old()
        self._cache: dict[str, Resolved] = {}

    @classmethod
    def from_version(cls, version: versions.DataVersion) -> MunicipalityResolver:
        return cls(pd.read_parquet(version.table_path("kommuner"), columns=["kommunenummer", "kommunenavn",
                                                                           "visningsnavn", "kommunenavn_offisielt",
                                                                           "fylkesnavn"]),
                   pd.read_csv(CROSSWALK, dtype=str, keep_default_na=False),
                   pd.read_csv(CHANGES, dtype=str, keep_default_na=False))

    # -- public ----------------------------------------------------------------------------------

    def resolve(self, value: object, overrides: dict[str, str] | None = None, section: str | None = None) -> Resolved:
        text = " ".join(str(value if value is not None else "").split())
        if overrides:
            hit = _override(text, overrides)
            if hit is not None:
                return self._overridden(text, *hit)
        if text not in self._cache:
            self._cache[text] = self._resolve(text)
        res = self._cache[text]
        if res.fix and section:
            res = Resolved(res.kommunenummer, res.note, res.error, res.kind,
                           res.fix.replace("[seksjon.kommuner]", f"[{section}.kommuner]"), res.candidates)
        return res

    def check_overrides(self, overrides: dict[str, str]) -> list[str]:
        """Messages for overrides whose target is not a municipality number of 2024."""
        return [f"«{k}» = «{v}»: {self._not_2024(v)}" for k, v in overrides.items()
                if _number(str(v)) not in self.current]

    def label(self, number: str) -> str:
        """'1515 Herøy (Møre og Romsdal)'."""
        r = self.current[number]
        return f"{number} {_base_name(r.visningsnavn)} ({r.fylkesnavn})"

    # -- numbers ---------------------------------------------------------------------------------

    def _resolve(self, text: str) -> Resolved:
        if not text:
            return Resolved(None, error="kommune mangler (tom celle)", kind="ukjent")
        v = _number(text)
        if re.fullmatch(r"[0-9]+", v):
            return self._by_number(v, text)
        m = re.fullmatch(r"([0-9]{3,4})\s*[-–:]?\s*([^\d\s].*)", text)  # "3435 Vågå" as drop-down lists write it
        if m and _number(m.group(1)) in self.current:
            return self._number_and_name(_number(m.group(1)), m.group(2))
        return self._by_name(text)

    def _number_and_name(self, number: str, name: str) -> Resolved:
        entries = self._lookup(name)
        if entries and not any(number in e.targets for e in entries):
            return Resolved(None, error=f"nummeret og navnet peker på ulike kommuner: {number} er "
                                        f"{self.label(number)}, ikke «{name}»", kind="ukjent")
        return Resolved(number)

    def _by_number(self, v: str, raw: str) -> Resolved:
        if v in self.current:
            return Resolved(v)
        if len(v) != 4:
            return Resolved(None, error="ikke et kommunenummer (fire sifre) eller et kommunenavn", kind="ukjent")
        targets = self.chain(v)
        old = self._old.get(v)
        if old is None or not targets:
            return Resolved(None, error="kommunenummeret finnes ikke i 2024-inndelingen og heller ikke blant "
                                        "SSBs endringer 2013-2023", kind="ukjent")
        name, period = old
        if len(targets) > 1:
            return self._split(raw, f"{name} ({v})", targets, period)
        new = targets[0]
        return Resolved(new, note=f"{v} {name} ({period}) er konvertert til {self.label(new)} i 2024",
                        kind="gammelt_nummer")

    def chain(self, number: str) -> tuple[str, ...]:
        """The 2024 number(s) an old number became (several when it was split); () when unknown."""
        nums = {number}
        for step in self._steps:
            nums = {t for n in nums for t in step.get(n, (n,))}
        nums = {t for n in nums for t in self._walk24.get(n, (n,))}
        if len(nums) > 1 and number not in self._direct:
            name = self._old.get(number, ("", ""))[0]
            same = [n for n in nums if n in self.current and fold_key(self.current[n].kommunenavn) == fold_key(name)]
            if len(same) == 1:  # merged, then split out again under its own name (Haram 1534 -> 1507 -> 1580)
                return (same[0],)
        return tuple(sorted(nums)) if nums <= set(self.current) else ()

    # -- names -----------------------------------------------------------------------------------

    def _by_name(self, text: str) -> Resolved:
        entries = self._lookup(text)
        if not entries:
            return Resolved(None, error="verken et kommunenummer (fire sifre) eller et kjent kommunenavn",
                            kind="ukjent")
        targets = sorted({e.targets for e in entries})
        if len(targets) == 1 and len(targets[0]) == 1:
            new = targets[0][0]
            old = next((e.old for e in entries if e.old), None)
            note = (f"«{text}» er tolket som {self.label(new)}" + (f" ({old})" if old else ""))
            return Resolved(new, note=note, kind="navn")
        if len(targets) == 1:
            old = next((e for e in entries if e.old), None)
            return self._split(text, old.old if old else text, targets[0])
        return self._ambiguous(text, entries)

    def _lookup(self, text: str) -> list[_Entry]:
        for index, key in ((self._exact, exact_key), (self._folded, fold_key)):
            entries = index.get(key(text))
            if entries:
                found = self._prefer_current(entries)
                if len({e.targets for e in found}) == 1:
                    return found
                qualified = self._with_county(text, index, key)
                return qualified or found
        return self._with_county(text, self._folded, fold_key)

    def _with_county(self, text: str, index: dict[str, list[_Entry]], key) -> list[_Entry]:
        parts = _split_county(text)
        if not parts or fold_key(parts[1]) not in self._counties:
            return []
        county = fold_key(parts[1])
        entries = index.get(key(parts[0])) or self._folded.get(fold_key(parts[0]), [])
        return self._prefer_current([e for e in entries if county in e.counties])

    @staticmethod
    def _prefer_current(entries: list[_Entry]) -> list[_Entry]:
        """A former municipality whose successors include a current one of the same name gives way to it
        (Ålesund 1507, split in 2024, does not make 'Ålesund' ambiguous)."""
        now = {e.targets[0] for e in entries if e.old is None}
        return [e for e in entries if e.old is None or not (set(e.targets) & now)]

    # -- errors ----------------------------------------------------------------------------------

    def _split(self, raw: str, what: str, targets: tuple[str, ...], period: str | None = None) -> Resolved:
        names = " og ".join(self.label(t) for t in targets)
        when = f" (nummeret gjaldt {period})" if period else ""
        return Resolved(None, error=f"{what} ble delt mellom {names}{when}; hvilken kommune det gjelder, "
                                    "kan ikke avgjøres automatisk", kind="delt",
                        fix=self._fix(raw, targets), candidates=targets)

    def _ambiguous(self, raw: str, entries: list[_Entry]) -> Resolved:
        seen: dict[tuple[str, ...], str] = {}
        for e in sorted(entries, key=lambda e: (e.old is not None, e.targets)):
            desc = " / ".join(self.label(t) for t in e.targets)
            seen.setdefault(e.targets, desc + (f" – «{_base_name(raw)}» var {e.old}" if e.old else ""))
        numbers = tuple(t for ts in seen for t in ts)
        return Resolved(None, error=f"navnet «{raw}» kan bety flere kommuner: {'; '.join(seen.values())}",
                        kind="tvetydig", fix=self._fix(raw, numbers), candidates=numbers)

    def _fix(self, raw: str, candidates: tuple[str, ...]) -> str:
        lines = [f'"{raw}" = "{c}"  # {self.label(c)}' for c in candidates]
        return ("skriv kommunenummeret i filen, eller velg i mappingen under [seksjon.kommuner] med én av "
                "linjene: " + "  |  ".join(lines))

    def _overridden(self, text: str, key: str, target: str) -> Resolved:
        number = _number(str(target))
        if number not in self.current:
            return Resolved(None, error=f"mappingen sier «{key}» = «{target}», men {self._not_2024(target)}",
                            kind="ukjent", fix="rett tallet i mappingens [seksjon.kommuner]-tabell")
        return Resolved(number, note=f"«{text}» er satt til {self.label(number)} i mappingen", kind="overstyrt")

    def _not_2024(self, target: object) -> str:
        v = _number(str(target))
        if re.fullmatch(r"[0-9]{4}", v) and self.chain(v):
            return f"{v} er et gammelt kommunenummer; bruk 2024-nummeret ({' eller '.join(self.chain(v))})"
        return f"«{target}» er ikke et kommunenummer i 2024-inndelingen"

    # -- building the index ----------------------------------------------------------------------

    def _add(self, name: str, entry: _Entry) -> None:
        for index, key in ((self._exact, exact_key), (self._folded, fold_key)):
            k = key(name)
            if k and entry not in index.setdefault(k, []):
                index[k].append(entry)

    def _index_current(self) -> None:
        for nr, r in self.current.items():
            counties = {fold_key(r.fylkesnavn), fold_key(OLD_COUNTIES.get(nr[:2], ""))} - {""}
            entry = _Entry((nr,), frozenset(counties))
            for name in _forms(r.kommunenavn, r.visningsnavn, r.kommunenavn_offisielt):
                self._add(name, entry)

    def _index_old(self) -> None:
        for nr, (name, period) in self._old.items():
            targets = self.chain(nr)
            if nr in self.current or not targets:
                continue
            counties = {fold_key(OLD_COUNTIES.get(nr[:2], ""))}
            counties |= {fold_key(self.current[t].fylkesnavn) for t in targets}
            counties.discard("")
            qualified = _split_county(name)
            if qualified:
                counties.add(fold_key(qualified[1]))
            entry = _Entry(targets, frozenset(counties), f"{_base_name(name)} ({nr}) {period}")
            for form in _forms(name):
                self._add(form, entry)


_CHANGE_COLUMNS = ["fra_aar", "fra_nummer", "fra_navn", "til_aar", "til_nummer", "til_navn", "delt"]


def _steps(changes: pd.DataFrame) -> list[dict[str, tuple[str, ...]]]:
    """SSB's change lists in date order: old number -> new number(s) for each step."""
    steps = []
    for _, step in changes.groupby(["fra_aar", "til_aar"], sort=True):
        out: dict[str, tuple[str, ...]] = {}
        for fra, group in step.groupby("fra_nummer"):
            out[fra] = tuple(sorted(set(group["til_nummer"])))
        steps.append(out)
    return steps


def _crosswalk(crosswalk: pd.DataFrame) -> tuple[dict[str, tuple[str, ...]], set[str]]:
    """2020-2023 number -> 2024 number(s); a row whose note says it was split lists its successors as '(1580)'."""
    walk, split = {}, set()
    for r in crosswalk.itertuples():
        note = r.merknad if isinstance(r.merknad, str) else ""
        successors = tuple(sorted(set(re.findall(r"\((\d{4})\)", note)))) if "delt" in note else ()
        walk[r.kommunenummer_2020_2023] = successors or (r.kommunenummer_2024,)
        if successors:
            split.add(r.kommunenummer_2020_2023)
    return walk, split


def _old_names(changes: pd.DataFrame | None, crosswalk: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """Every number no longer valid in 2024 -> (its name, when it was valid)."""
    out: dict[str, tuple[str, str]] = {}
    if changes is not None:
        for r in changes.sort_values(["til_aar"]).itertuples():
            out[r.fra_nummer] = (r.fra_navn, f"før {r.til_aar}")
        for r in changes[changes["til_aar"] == "2020"].itertuples():
            out.setdefault(r.til_nummer, (r.til_navn, NEW_PERIOD))
    for r in crosswalk.itertuples():
        name, period = out.get(r.kommunenummer_2020_2023, (r.kommunenavn_2024, NEW_PERIOD))
        out[r.kommunenummer_2020_2023] = (name if period == NEW_PERIOD else r.kommunenavn_2024, NEW_PERIOD)
    return out


def _forms(*names: str) -> set[str]:
    """Every way a name may be written: the whole, without the county, and each language form
    ('Porsanger - Porsáŋgu - Porsanki' -> also 'Porsanger', 'Porsáŋgu', 'Porsanki')."""
    out = set()
    for name in names:
        if not isinstance(name, str) or not name.strip():
            continue
        out.add(name)
        base = _base_name(name)
        out.add(base)
        out.update(p.strip() for p in re.split(r"\s+-\s+", base) if p.strip())
    return out


def _base_name(name: str) -> str:
    parts = _split_county(name) if "(" in name else None
    return parts[0] if parts else name


def _override(text: str, overrides: dict[str, str]) -> tuple[str, str] | None:
    """The override for a value: exact (trimmed) key first, then case- and diacritics-insensitive."""
    for key, target in overrides.items():
        if " ".join(str(key).split()) == text:
            return key, target
    folded = fold_key(text)
    for key, target in overrides.items():
        if fold_key(str(key)) == folded and folded:
            return key, target
    return None


