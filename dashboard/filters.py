"""The global filters: one typed object passed to every query.

An empty tuple means "all". Values are codes (fylkesnummer, kommunenummer, eierform code,
sentralitetsklasse 1-6), never display labels, so a shared link works in both languages.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace


class FilterError(ValueError):
    """A filter value that does not exist (the message names the field and the value)."""


@dataclass(frozen=True)
class Options:
    """The values a filter may take, with labels for display."""

    fylker: dict[str, str]                 # fylkesnummer -> fylkesnavn
    kommuner: dict[str, str]               # kommunenummer -> visningsnavn
    kommune_fylke: dict[str, str]          # kommunenummer -> fylkesnummer
    eierformer: dict[str, str]             # code -> label
    sentralitetsklasser: tuple[int, ...] = (1, 2, 3, 4, 5, 6)

    def kommuner_i(self, fylker: Iterable[str]) -> dict[str, str]:
        fylker = set(fylker)
        if not fylker:
            return dict(self.kommuner)
        return {k: v for k, v in self.kommuner.items() if self.kommune_fylke[k] in fylker}


@dataclass(frozen=True)
class Filters:
    fylker: tuple[str, ...] = ()
    kommuner: tuple[str, ...] = ()
    eierformer: tuple[str, ...] = ()
    sentralitetsklasser: tuple[int, ...] = ()

    def __post_init__(self):
        # Canonical form: sorted, no duplicates; so equal filters hash equally (cache keys).
        object.__setattr__(self, "fylker", tuple(sorted({str(v) for v in self.fylker})))
        object.__setattr__(self, "kommuner", tuple(sorted({str(v) for v in self.kommuner})))
        object.__setattr__(self, "eierformer", tuple(sorted({str(v) for v in self.eierformer})))
        try:
            klasser = tuple(sorted({int(v) for v in self.sentralitetsklasser}))
        except (TypeError, ValueError) as exc:
            raise FilterError(f"sentralitetsklasse: {self.sentralitetsklasser!r} er ikke heltall") from exc
        object.__setattr__(self, "sentralitetsklasser", klasser)

    def params(self) -> dict[str, list]:
        """Bound parameters for the SQL macros ($fylker, $kommuner, $eierformer, $klasser)."""
        return {"fylker": list(self.fylker), "kommuner": list(self.kommuner),
                "eierformer": list(self.eierformer), "klasser": list(self.sentralitetsklasser)}

    def validate(self, options: Options) -> Filters:
        problems = []
        for name, values, allowed in (("fylke", self.fylker, options.fylker),
                                      ("kommune", self.kommuner, options.kommuner),
                                      ("eierform", self.eierformer, options.eierformer),
                                      ("sentralitetsklasse", self.sentralitetsklasser, options.sentralitetsklasser)):
            bad = [v for v in values if v not in allowed]
            if bad:
                problems.append(f"{name}: ukjent verdi {', '.join(repr(b) for b in bad)}")
        if problems:
            raise FilterError("; ".join(problems))
        return self

    def with_(self, **changes) -> Filters:
        return replace(self, **changes)

    def is_default(self) -> bool:
        return self == DEFAULT


DEFAULT = Filters(sentralitetsklasser=(5, 6))

# URL keys (query string) for each field, e.g. ?fylke=18&klasse=5&klasse=6
URL_KEYS = {"fylker": "fylke", "kommuner": "kommune", "eierformer": "eierform", "sentralitetsklasser": "klasse"}
ALL = "alle"  # "?klasse=alle" = every class (the default is 5 and 6)


@dataclass
class ParsedFilters:
    filters: Filters
    ignored: list[tuple[str, str]] = field(default_factory=list)  # (url key, value) that were dropped


def _allowed(fld: str, options: Options) -> dict[str, object]:
    """The exact URL texts a field accepts, with the value each stands for ('5' -> 5; '²', '①', '05'
    or a 5 000-digit number are not classes, whatever str.isdigit says)."""
    if fld == "sentralitetsklasser":
        return {str(k): k for k in options.sentralitetsklasser}
    return {code: code for code in getattr(options, fld)}


def from_query_params(params: Mapping[str, list[str]], options: Options) -> ParsedFilters:
    """Read filters from URL query params, dropping (and reporting) values that do not exist.

    Every value is compared as text with its field's allowed set; nothing is converted before that.
    """
    ignored: list[tuple[str, str]] = []
    values: dict[str, tuple] = {}
    for fld, key in URL_KEYS.items():
        raw = [v for v in params.get(key, []) if v != ""]
        klasse = fld == "sentralitetsklasser"
        if klasse and raw == [ALL]:
            values[fld] = ()
            continue
        allowed = _allowed(fld, options)
        ok = tuple(allowed[v] for v in raw if v in allowed)
        ignored += [(key, v) for v in raw if v not in allowed]
        values[fld] = DEFAULT.sentralitetsklasser if klasse and not ok else ok
    f = Filters(**values)
    # A municipality outside the chosen counties cannot be shown: drop it with a notice.
    if f.fylker and f.kommuner:
        inside = tuple(k for k in f.kommuner if options.kommune_fylke[k] in f.fylker)
        ignored += [(URL_KEYS["kommuner"], k) for k in f.kommuner if k not in inside]
        f = f.with_(kommuner=inside)
    return ParsedFilters(f, list(dict.fromkeys(ignored)))


def to_query_params(f: Filters) -> dict[str, list[str]]:
    """The URL form of a filter; default values are left out to keep links short."""
    out: dict[str, list[str]] = {}
    if f.fylker:
        out["fylke"] = list(f.fylker)
    if f.kommuner:
        out["kommune"] = list(f.kommuner)
    if f.eierformer:
        out["eierform"] = list(f.eierformer)
    if f.sentralitetsklasser != DEFAULT.sentralitetsklasser:
        out["klasse"] = [str(k) for k in f.sentralitetsklasser] or [ALL]
    return out
