"""The mapping file, version 2 (TOML or YAML): from a file's columns and answers to the codebook.

Sections [register], [frivilligsentral], [kommune] (required) and [diskurs] (optional); top-level
``versjon = 2`` optional. Per section (``data/import/mal-mapping.toml`` shows them in use):

    fil = { ark = "Register", overskriftsrad = 3, overskriftsrader = 1 }   # file shape, all optional
    kolonner = { navn = "Navn", kommunenummer = "Kommune", ... }           # field -> column in the file
    ignorer = [...]; kontaktinfo = [...] (never stored); fritekst = [...] (never stored)
    [seksjon.sporsmal]    column -> codebook item (surveys)
    [seksjon.flervalg."kolonne"]  one column holding a multi-choice answer ("a;b;c;", as Microsoft Forms
                          writes it): skilletegn = ";" (optional) and alternativer = { option -> item }, the
                          items (scale valgt) of one checkbox block, and optionally annet = "item": the
                          block's «Andre» item, which every option not listed counts for (a form's "Other"
                          free text; the text itself is never stored) (surveys)
    [seksjon.verdier.X]   value in the file -> code; X = a scale (surveys) or eierform, radgivende_organ,
                          i_utvalg (register) or diskurs; matched trimmed and case-insensitive
    [seksjon.ikke_svar]   alle / <scale> = [values meaning "no answer"], standard = true|false (surveys)
    [seksjon.kommuner]    value in the municipality column -> 2024 number (settles ambiguous names)

Register: navn, kommunenummer, eierform and sentral_id or organisasjonsnummer (then the org number is
the centre id). Surveys: respondent_id; the centres' survey links by sentral_id, organisasjonsnummer
or kommunenummer; the municipalities' needs kommunenummer. The check is strict: every unknown
section, key, field, codebook item or category, every wrong type and every ``TODO`` left in the file
is an error, and all of them are reported at once in one :class:`MappingError` (``.problems`` holds
one line per problem). A blank value (``"" = ...``) cannot be translated: blanks are missing, and
checkbox blanks follow the checkbox rule (see dashboard.importer.survey).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dashboard.importer import schema_check as sc
from dashboard.importer.codebook import Codebook, norm
from dashboard.importer.readers import FileShape

REGISTER_FIELDS = ("sentral_id", "organisasjonsnummer", "navn", "kommunenummer", "eierform", "radgivende_organ",
                   "etablert_aar", "i_utvalg", "utvalg_merknad")
SURVEY_FIELDS = ("respondent_id", "sentral_id", "organisasjonsnummer", "kommunenummer")
DISCOURSE_FIELDS = ("kommunenummer", "diskurs")
SURVEYS = ("frivilligsentral", "kommune")
# Values meaning "no answer" unless a scale has them as a real category (politikk4: "Vet ikke")
DEFAULT_NON_ANSWERS = ("", "Vet ikke", "Ikke relevant", "Ønsker ikke å svare", "Ubesvart")
MAX_BYTES = 5 * 1024 * 1024


class MappingError(ValueError):
    """The mapping cannot be used; ``problems`` lists every problem found (one line each)."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = problems or [message]


@dataclass
class MultiChoice:
    """One file column holding the chosen options of a checkbox block, joined by ``separator``."""

    separator: str = ";"
    options: dict[str, str] = field(default_factory=dict)   # option label in the file -> codebook item
    other: str | None = None    # item every option not in ``options`` counts for (a form's "Other" free text)


@dataclass
class Section:
    columns: dict[str, str] = field(default_factory=dict)          # field -> column in the file
    items: dict[str, str] = field(default_factory=dict)            # column -> codebook item
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # field or scale -> {value: code}
    ignore: list[str] = field(default_factory=list)
    free_text: list[str] = field(default_factory=list)
    shape: FileShape = field(default_factory=FileShape)
    contact: list[str] = field(default_factory=list)               # personal data columns: never stored
    non_answers: dict[str, list[str]] = field(default_factory=dict)  # scale or "alle" -> values meaning no answer
    use_default_non_answers: bool = True
    municipality_overrides: dict[str, str] = field(default_factory=dict)  # value in file -> 2024 number
    multi: dict[str, MultiChoice] = field(default_factory=dict)    # column -> its options (one-cell multi-choice)

    def non_answer_set(self, scale: str) -> set[str]:
        """norm(value) meaning no answer for ``scale`` from defaults and ``alle`` (a real category wins)."""
        base = DEFAULT_NON_ANSWERS if self.use_default_non_answers else ("",)
        return {norm(v) for v in (*base, *self.non_answers.get("alle", []))}

    def explicit_non_answers(self, scale: str) -> set[str]:
        """norm(value) listed under [seksjon.ikke_svar.<scale>]: missing even when it is a category label."""
        return {norm(v) for v in self.non_answers.get(scale, [])}


@dataclass
class Mapping:
    path: Path | None
    register: Section
    frivilligsentral: Section
    kommune: Section
    diskurs: Section | None = None
    name: str = ""

    def section(self, role: str) -> Section | None:
        return getattr(self, role)


def load(path: Path, codebook: Codebook | None = None) -> Mapping:
    """Read and check a mapping file (.toml, .yaml or .yml); raises MappingError listing every problem."""
    path = Path(path)
    if not path.exists():
        raise MappingError(f"{path}: mappingfilen finnes ikke")
    if not path.is_file():
        raise MappingError(f"{path}: er ikke en fil (en mappe?); oppgi selve mappingfilen")
    if path.stat().st_size > MAX_BYTES:
        raise MappingError(f"{path.name}: mappingfilen er for stor (over {MAX_BYTES // 1_000_000} MB)")
    data = sc.parse(path.read_bytes(), path.suffix.lower(), path.name, MappingError)
    mapping = from_dict(data, path.name, codebook)
    mapping.path = path
    return mapping


def from_dict(data: dict, name: str, codebook: Codebook | None = None) -> Mapping:
    """Check an in-memory mapping (as parsed from TOML/YAML) the same way as :func:`load`."""
    if codebook is None:
        from dashboard.data import versions

        codebook = Codebook.from_version(versions.shipped())
    chk = sc.Checker()
    if not isinstance(data, dict):
        chk.err("mappingen", f"må være en tabell med seksjoner, ikke {sc.kind(data)}")
        raise _error(name, chk)
    sc.find_todo(chk, data)
    chk.keys(data, {"versjon", "register", *SURVEYS, "diskurs"}, "mappingen", what="seksjon")
    if "versjon" in data and (type(data["versjon"]) is not int or data["versjon"] != 2):
        chk.err("versjon", f"må være 2 (fikk {sc.shown(data['versjon'])})")
    sections = {}
    for role in ("register", *SURVEYS, "diskurs"):
        if role not in data:
            if role != "diskurs":
                chk.err(f"[{role}]", f"mangler seksjonen [{role}]")
            continue
        sections[role] = _section(chk, data[role], role, codebook)
    if chk.errors:
        raise _error(name, chk)
    return Mapping(None, sections["register"], sections["frivilligsentral"], sections["kommune"],
                   sections.get("diskurs"), name)


def _error(name: str, chk: sc.Checker) -> MappingError:
    lines = chk.errors
    head = f"{name}: mappingen har {len(lines)} feil" if len(lines) > 1 else f"{name}: {lines[0]}"
    return MappingError(head + ("".join(f"\n  - {x}" for x in lines) if len(lines) > 1 else ""), lines)


def _section(chk: sc.Checker, raw, role: str, book: Codebook) -> Section | None:
    where = f"[{role}]"
    table = chk.table(raw, where)
    if table is None:
        return None
    chk.keys(table, sc.SECTION_KEYS[role], where, what="nøkkel")
    fields = {"register": REGISTER_FIELDS, "diskurs": DISCOURSE_FIELDS}.get(role, SURVEY_FIELDS)
    sec = Section(columns=sc.columns(chk, table.get("kolonner"), f"[{role}].kolonner", fields),
                  ignore=chk.strings(table.get("ignorer", []), f"[{role}].ignorer"),
                  free_text=chk.strings(table.get("fritekst", []), f"[{role}].fritekst"),
                  contact=chk.strings(table.get("kontaktinfo", []), f"[{role}].kontaktinfo"),
                  shape=sc.shape(chk, table.get("fil"), f"[{role}].fil"),
                  municipality_overrides=sc.overrides(chk, table.get("kommuner"), f"[{role}.kommuner]", book))
    if role in SURVEYS:
        sec.items = sc.items(chk, table.get("sporsmal"), role, book)
        sec.multi = {col: MultiChoice(*spec) for col, spec in
                     sc.multi_choice(chk, table.get("flervalg"), role, book, sec.items).items()}
        sec.non_answers, sec.use_default_non_answers = sc.non_answers(chk, table.get("ikke_svar"), role, book)
    sec.values = sc.values(chk, table.get("verdier"), role, book, sec)
    sc.required(chk, role, sec.columns)
    sc.one_role_per_column(chk, role, sec)
    return sec
