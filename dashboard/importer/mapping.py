"""The mapping file (TOML or YAML): from a file's column names and answer codes to the codebook.

    [register]
    kolonner = { sentral_id = "ID", navn = "Navn", kommunenummer = "Kommunenr", eierform = "Eierform",
                 radgivende_organ = "Styre", etablert_aar = "Etablert" }
    [register.verdier.eierform]        # value in the file -> code in the classification
    "Kommunal" = "kommunal"

    [frivilligsentral]
    kolonner = { respondent_id = "ResponseID", sentral_id = "FS_ID" }
    ignorer = ["StartDate"]            # columns to skip (survey tool metadata)
    fritekst = ["Q24_TEXT"]            # free text: never imported, never shown
    [frivilligsentral.sporsmal]        # column -> codebook item
    Q17_4 = "fs_faktor_okonomi"
    [frivilligsentral.verdier.fremmende5]   # per answer scale: code or value label -> category
    "1" = "svaert_fremmende"

    [kommune]  ... the same for the municipalities' survey
    [diskurs]  ... optional: kolonner = { kommunenummer = "...", diskurs = "..." } and verdier.diskurs
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

REGISTER_FIELDS = ("sentral_id", "navn", "kommunenummer", "eierform", "radgivende_organ", "etablert_aar", "i_utvalg",
                   "utvalg_merknad")
REGISTER_REQUIRED = ("sentral_id", "navn", "kommunenummer", "eierform")
SURVEY_FIELDS = ("respondent_id", "sentral_id", "kommunenummer")
DISCOURSE_FIELDS = ("kommunenummer", "diskurs")


class MappingError(ValueError):
    pass


@dataclass
class Section:
    columns: dict[str, str] = field(default_factory=dict)          # field -> column in the file
    items: dict[str, str] = field(default_factory=dict)            # column -> codebook item
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # field or scale -> {value: code}
    ignore: list[str] = field(default_factory=list)
    free_text: list[str] = field(default_factory=list)


@dataclass
class Mapping:
    path: Path
    register: Section
    frivilligsentral: Section
    kommune: Section
    diskurs: Section | None = None


def _load_raw(path: Path) -> dict:
    text = path.read_bytes()
    if path.suffix.lower() == ".toml":
        try:
            return tomllib.loads(text.decode("utf-8-sig"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise MappingError(f"{path.name}: ugyldig TOML: {exc}") from exc
    if path.suffix.lower() in (".yaml", ".yml"):
        import yaml

        try:
            data = yaml.safe_load(text.decode("utf-8-sig"))
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise MappingError(f"{path.name}: ugyldig YAML: {exc}") from exc
        if not isinstance(data, dict):
            raise MappingError(f"{path.name}: mappingen må være en tabell med seksjoner")
        return data
    raise MappingError(f"{path.name}: mappingfilen må være .toml, .yaml eller .yml")


def _norm(v) -> str:
    return str(v).strip()


def _section(raw: dict, name: str, path: Path, fields: tuple[str, ...]) -> Section:
    sec = raw.get(name)
    if not isinstance(sec, dict):
        raise MappingError(f"{path.name}: mangler seksjonen [{name}]")
    cols = {k: _norm(v) for k, v in (sec.get("kolonner") or {}).items()}
    unknown = set(cols) - set(fields)
    if unknown:
        raise MappingError(f"{path.name}: [{name}].kolonner har ukjente felt {sorted(unknown)}; tillatt: {list(fields)}")
    values = {k: {_norm(a): _norm(b) for a, b in (v or {}).items()} for k, v in (sec.get("verdier") or {}).items()}
    return Section(columns=cols, items={_norm(k): _norm(v) for k, v in (sec.get("sporsmal") or {}).items()},
                   values=values, ignore=[_norm(x) for x in sec.get("ignorer") or []],
                   free_text=[_norm(x) for x in sec.get("fritekst") or []])


def load(path: Path) -> Mapping:
    path = Path(path)
    if not path.exists():
        raise MappingError(f"{path}: mappingfilen finnes ikke")
    raw = _load_raw(path)
    reg = _section(raw, "register", path, REGISTER_FIELDS)
    missing = [f for f in REGISTER_REQUIRED if f not in reg.columns]
    if missing:
        raise MappingError(f"{path.name}: [register].kolonner mangler {missing}")
    fs = _section(raw, "frivilligsentral", path, SURVEY_FIELDS)
    k = _section(raw, "kommune", path, SURVEY_FIELDS)
    for name, sec in (("frivilligsentral", fs), ("kommune", k)):
        if "respondent_id" not in sec.columns:
            raise MappingError(f"{path.name}: [{name}].kolonner mangler respondent_id")
    if "sentral_id" not in fs.columns and "kommunenummer" not in fs.columns:
        raise MappingError(f"{path.name}: [frivilligsentral].kolonner trenger sentral_id eller kommunenummer")
    if "kommunenummer" not in k.columns:
        raise MappingError(f"{path.name}: [kommune].kolonner mangler kommunenummer")
    dis = _section(raw, "diskurs", path, DISCOURSE_FIELDS) if "diskurs" in raw else None
    return Mapping(path, reg, fs, k, dis)
