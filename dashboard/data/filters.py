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
class FilterSpec:
    """One global filter, declared once: its URL key, sidebar widget, field of the SQL filter struct, value
    type, default and texts. Filters, the URL, the sidebar and the export texts are made from SPECS; what a filter
    means for the survey groups is dashboard.data.survey_groups' rule, and its SQL the macros'."""

    field: str                 # the Filters attribute, and the Options attribute holding the allowed values
    url: str                   # URL key (?fylke=18); its message "filter.<url>" names it on screen
    column: str                # the column it filters, and its field in the SQL filter struct ($filtre)
    noun: str                  # its name in the message about a value that does not exist
    placeholder: str           # message key of "all" in the sidebar and in export texts
    help: str | None = None    # message key of the sidebar's help text
    cast: type = str           # the type of one value
    default: tuple = ()        # the value when the URL says nothing; a filter with a default is always stated
    value_label: str | None = None  # message key of one value in the sidebar («Klasse {klasse}»); else Options' labels

    @property
    def widget(self) -> str:
        return f"f_{self.url}"

    @property
    def label(self) -> str:
        return f"filter.{self.url}"


SPECS = (
    FilterSpec("fylker", "fylke", "fylkesnummer", "fylke", "filter.alle_fylker"),
    FilterSpec("kommuner", "kommune", "kommunenummer", "kommune", "filter.alle_kommuner"),
    FilterSpec("eierformer", "eierform", "eierform", "eierform", "filter.alle_eierformer", "filter.eierform_hjelp"),
    FilterSpec("sentralitetsklasser", "klasse", "sentralitetsklasse", "sentralitetsklasse", "filter.alle_klasser",
               "filter.klasse_hjelp", cast=int, default=(5, 6), value_label="filter.klasse_verdi"),
)

PARAM = "filtre"  # the one SQL parameter every filter macro takes (queries/_macros.sql)


class Struct(dict):
    """The value bound to $filtre: column -> tuple of values. DuckDB binds a dict as a STRUCT (a tuple as a
    list; an empty one as NULL[], which every list function accepts). It hashes by its content, so the
    bound parameters stay a cache key; it is never changed once made."""

    def __hash__(self):
        return hash(tuple(self.items()))


@dataclass(frozen=True)
class Filters:  # one field per FilterSpec, in the same order (tests/test_filters.py checks)
    fylker: tuple[str, ...] = ()
    kommuner: tuple[str, ...] = ()
    eierformer: tuple[str, ...] = ()
    sentralitetsklasser: tuple[int, ...] = ()

    def __post_init__(self):
        # Canonical form: sorted, no duplicates; so equal filters hash equally (cache keys).
        for spec in SPECS:
            values = getattr(self, spec.field)
            try:
                canonical = tuple(sorted({spec.cast(v) for v in values}))
            except (TypeError, ValueError) as exc:
                raise FilterError(f"{spec.noun}: {values!r} er ikke heltall") from exc
            object.__setattr__(self, spec.field, canonical)

    def params(self) -> dict[str, Struct]:
        """The bound parameter of the SQL filter macros: {"filtre": {column: values, ...}}, one field per spec."""
        return {PARAM: Struct({spec.column: getattr(self, spec.field) for spec in SPECS})}

    def validate(self, options: Options) -> Filters:
        problems = []
        for spec in SPECS:
            allowed = getattr(options, spec.field)
            bad = [v for v in getattr(self, spec.field) if v not in allowed]
            if bad:
                problems.append(f"{spec.noun}: ukjent verdi {', '.join(repr(b) for b in bad)}")
        if problems:
            raise FilterError("; ".join(problems))
        return self

    def with_(self, **changes) -> Filters:
        return replace(self, **changes)

    def is_default(self) -> bool:
        return self == DEFAULT


DEFAULT = Filters(**{spec.field: spec.default for spec in SPECS})

# URL keys (query string) for each field, e.g. ?fylke=18&klasse=5&klasse=6
URL_KEYS = {spec.field: spec.url for spec in SPECS}
ALL = "alle"  # "?klasse=alle" = every class (a filter whose default is not everything)


@dataclass
class ParsedFilters:
    filters: Filters
    ignored: list[tuple[str, str]] = field(default_factory=list)  # (url key, value) that were dropped


def _allowed(spec: FilterSpec, options: Options) -> dict[str, object]:
    """The exact URL texts a filter accepts, with the value each stands for ('5' -> 5; '²', '①', '05'
    or a 5 000-digit number are not classes, whatever str.isdigit says)."""
    return {str(v): v for v in getattr(options, spec.field)}


def from_query_params(params: Mapping[str, list[str]], options: Options) -> ParsedFilters:
    """Read filters from URL query params, dropping (and reporting) values that do not exist.

    Every value is compared as text with its field's allowed set; nothing is converted before that.
    """
    ignored: list[tuple[str, str]] = []
    values: dict[str, tuple] = {}
    for spec in SPECS:
        raw = [v for v in params.get(spec.url, []) if v != ""]
        if spec.default and raw == [ALL]:
            values[spec.field] = ()
            continue
        allowed = _allowed(spec, options)
        ok = tuple(allowed[v] for v in raw if v in allowed)
        ignored += [(spec.url, v) for v in raw if v not in allowed]
        values[spec.field] = ok or spec.default
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
    for spec in SPECS:
        values = getattr(f, spec.field)
        if values != spec.default:
            out[spec.url] = [str(v) for v in values] or [ALL]
    return out
