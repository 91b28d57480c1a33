"""The mapping (schema dict, see the mapping contract) as editable tables, and back.

Per section (register, the two surveys, the optional discourse file) the page shows:
file shape, the id and municipality columns, every question column -> codebook item, every answer
label -> category per scale, non-answers, the other columns (ignore / free text / contact data) and
per-value municipality overrides, and the multi-choice columns (``flervalg``: one row per option, the row
``(annet)`` for the «Andre» item). A question row whose choice is a role (free text, ignore, contact data)
leaves the questions for that role, and another column given the role "sporsmal" joins the questions
(to be chosen). Choices come from the codebook (drop-downs); a value still holding
``TODO`` is shown blank with its note "Må avgjøres" and written back as it was, so the strict
mapping refuses it until a person decides. :func:`to_toml` writes the result for download.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import pandas as pd

SECTIONS = ("register", "frivilligsentral", "kommune", "diskurs")
SURVEYS = ("frivilligsentral", "kommune")
FIELDS = {
    "register": ("sentral_id", "organisasjonsnummer", "navn", "kommunenummer", "eierform", "radgivende_organ",
                 "etablert_aar", "i_utvalg", "utvalg_merknad"),
    "frivilligsentral": ("respondent_id", "sentral_id", "organisasjonsnummer", "kommunenummer"),
    "kommune": ("respondent_id", "kommunenummer"),
    "diskurs": ("kommunenummer", "diskurs"),
}
ROLES = ("ignorer", "fritekst", "kontaktinfo")
QUESTION = "sporsmal"   # in the other columns' role list: move the column to the questions (to be chosen)
ANNET = "(annet)"       # in the multi-choice table: the row naming the block's «Andre» item
TODO = "TODO"


def is_todo(value) -> bool:
    return isinstance(value, str) and TODO in value


@dataclass
class SectionTables:
    shape: pd.DataFrame                  # ark, overskriftsrad, overskriftsrader, tegnkoding, merknad (one row)
    columns: pd.DataFrame                # felt, kolonne, merknad
    items: pd.DataFrame                  # kolonne, element, treff, merknad
    values: dict[str, pd.DataFrame]      # scale or field -> verdi, kategori, merknad
    non_answers: pd.DataFrame            # skala, verdi
    use_defaults: bool
    others: pd.DataFrame                 # kolonne, rolle
    overrides: pd.DataFrame              # verdi, kommunenummer
    multi: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(MULTI_COLUMNS)))
    extra: dict = field(default_factory=dict)  # keys of the section the tables do not show, kept as they are


MULTI_COLUMNS = ("kolonne", "skilletegn", "alternativ", "element", "merknad")


def _multi_rows(multi: dict) -> pd.DataFrame:
    """``flervalg``: one row per option (and one ``(annet)`` row per block with an «Andre» item)."""
    rows = []
    for column, spec in (multi or {}).items():
        spec = spec if isinstance(spec, dict) else {}
        sep = spec.get("skilletegn", ";")
        for option, item in (spec.get("alternativer") or {}).items():
            rows.append({"kolonne": column, "skilletegn": sep, "alternativ": option,
                         "element": None if is_todo(item) else item, "merknad": _note(item)})
        if spec.get("annet"):
            rows.append({"kolonne": column, "skilletegn": sep, "alternativ": ANNET,
                         "element": None if is_todo(spec["annet"]) else spec["annet"], "merknad": _note(spec["annet"])})
    return pd.DataFrame(rows, columns=list(MULTI_COLUMNS))


def _multi_back(df: pd.DataFrame) -> dict:
    out: dict = {}
    for rec in df.to_dict("records"):
        column, option = _text(rec.get("kolonne")), _text(rec.get("alternativ"))
        if column is None or option is None:
            continue
        spec = out.setdefault(column, {"skilletegn": _text(rec.get("skilletegn")) or ";", "alternativer": {}})
        item = _text(rec.get("element")) or _text(rec.get("merknad")) or TODO
        if option == ANNET:
            spec["annet"] = item
        else:
            spec["alternativer"][option] = item
    for spec in out.values():
        if spec["skilletegn"] == ";":
            del spec["skilletegn"]
    return out


def _score(scores, section: str, kind: str, key: str):
    """The draft's match score for one line, whatever shape the draft keeps them in."""
    if not scores:
        return None
    for k in ((section, kind, key), (section, key), f"{section}.{kind}.{key}", f"{section}.{key}"):
        if isinstance(scores, dict) and k in scores:
            return scores[k]
    nested = scores.get(section, {}) if isinstance(scores, dict) else {}
    nested = nested.get(kind, nested) if isinstance(nested, dict) else {}
    value = nested.get(key) if isinstance(nested, dict) else None
    return value if isinstance(value, (int, float)) else None


def _note(value) -> str:
    return value if is_todo(value) else ""


def _pairs(mapping: dict, left: str, right: str, *, note: bool = False) -> pd.DataFrame:
    rows = [{left: str(k), right: None if is_todo(v) else v, **({"merknad": _note(v)} if note else {})}
            for k, v in (mapping or {}).items()]
    cols = [left, right] + (["merknad"] if note else [])
    return pd.DataFrame(rows, columns=cols)


def section_tables(sec: dict, name: str, scores=None) -> SectionTables:
    shape = sec.get("fil") or {}
    cols = sec.get("kolonner") or {}
    items = _pairs(sec.get("sporsmal") or {}, "kolonne", "element", note=True)
    items = items.iloc[items["merknad"].eq("").argsort(kind="stable")].reset_index(drop=True)  # open TODOs first
    items.insert(2, "treff", [_score(scores, name, "sporsmal", c) for c in items["kolonne"]])
    non = sec.get("ikke_svar") or {}
    others = [{"kolonne": c, "rolle": role} for role in ROLES for c in sec.get(role) or []]
    known = {"fil", "kolonner", "sporsmal", "verdier", "ikke_svar", "kommuner", "flervalg", *ROLES}
    return SectionTables(
        shape=pd.DataFrame([{"ark": shape.get("ark"), "overskriftsrad": shape.get("overskriftsrad"),
                             "overskriftsrader": shape.get("overskriftsrader"),
                             "tegnkoding": None if is_todo(shape.get("tegnkoding")) else shape.get("tegnkoding"),
                             "merknad": _note(shape.get("tegnkoding"))}]).astype(
            {"ark": "object", "overskriftsrad": "Int64", "overskriftsrader": "Int64", "tegnkoding": "object"}),
        columns=pd.DataFrame([{"felt": f, "kolonne": None if is_todo(cols.get(f)) else cols.get(f),
                               "merknad": _note(cols.get(f))} for f in FIELDS[name]]),
        items=items,
        values={k: _pairs(v, "verdi", "kategori", note=True) for k, v in (sec.get("verdier") or {}).items()},
        non_answers=pd.DataFrame([{"skala": k, "verdi": str(x)} for k, v in non.items() if k != "standard"
                                  for x in (v or [])], columns=["skala", "verdi"]),
        use_defaults=bool(non.get("standard", True)),
        others=pd.DataFrame(others, columns=["kolonne", "rolle"]),
        overrides=_pairs(sec.get("kommuner") or {}, "verdi", "kommunenummer", note=True),
        multi=_multi_rows(sec.get("flervalg") or {}),
        extra={k: v for k, v in sec.items() if k not in known},
    )


def tables(data: dict, scores=None) -> dict[str, SectionTables]:
    return {name: section_tables(data[name], name, scores) for name in SECTIONS if isinstance(data.get(name), dict)}


# -- back to the schema dict ------------------------------------------------------------------

def _text(v) -> str | None:
    if v is None or (isinstance(v, float) and pd.isna(v)) or v is pd.NA:
        return None
    s = str(v).strip()
    return s or None


def _back(df: pd.DataFrame, left: str, right: str) -> dict[str, str]:
    """Rows back to a {left: right} table; a blank choice keeps its TODO note (or becomes TODO)."""
    out = {}
    for rec in df.to_dict("records"):
        key = _text(rec.get(left))
        if key is None:
            continue
        out[key] = _text(rec.get(right)) or _text(rec.get("merknad")) or TODO
    return out


def _shape_back(df: pd.DataFrame) -> dict:
    rec = df.iloc[0].to_dict() if len(df) else {}
    out = {}
    if _text(rec.get("ark")):
        out["ark"] = _text(rec["ark"])
    for key in ("overskriftsrad", "overskriftsrader"):
        v = rec.get(key)
        if v is not None and not pd.isna(v):
            out[key] = int(v)
    encoding = _text(rec.get("tegnkoding")) or _text(rec.get("merknad"))  # a blank choice keeps its TODO
    if encoding:
        out["tegnkoding"] = encoding
    return out


def _columns_back(tab: SectionTables) -> dict:
    cols = {}
    for rec in tab.columns.to_dict("records"):
        col = _text(rec.get("kolonne")) or (_text(rec.get("merknad")))
        if col:
            cols[rec["felt"]] = col
    return cols


def _roles_back(tab: SectionTables) -> dict:
    """The other columns' roles, and the question rows whose choice is a role (free text, ignore, contact)."""
    out: dict = {}
    for role in ROLES:
        listed = [c for c in (_text(x) for x in tab.others.loc[tab.others["rolle"] == role, "kolonne"]) if c]
        listed += [c for c in (_text(x) for x in tab.items.loc[tab.items["element"] == role, "kolonne"])
                   if c and c not in listed]
        if listed:
            out[role] = listed
    return out


def _questions_back(tab: SectionTables) -> dict:
    """Question rows (a row whose choice is a role leaves the questions), and other columns moved here."""
    rows = tab.items[~tab.items["element"].isin(ROLES)] if len(tab.items) else tab.items
    out = _back(rows, "kolonne", "element") if len(rows) else {}
    for c in (_text(x) for x in tab.others.loc[tab.others["rolle"] == QUESTION, "kolonne"]):
        if c and c not in out:
            out[c] = TODO
    return out


def _non_answers_back(tab: SectionTables) -> dict:
    non: dict = {}
    for rec in tab.non_answers.to_dict("records"):
        scale, value = _text(rec.get("skala")), _text(rec.get("verdi"))
        if scale and value:
            non.setdefault(scale, []).append(value)
    if not tab.use_defaults:
        non["standard"] = False
    return non


def section_dict(tab: SectionTables) -> dict:
    out: dict = {}
    shape = _shape_back(tab.shape)
    if shape:
        out["fil"] = shape
    out["kolonner"] = _columns_back(tab)
    out.update(_roles_back(tab))
    questions = _questions_back(tab)
    if questions or len(tab.items):
        out["sporsmal"] = questions
    multi = _multi_back(tab.multi)
    if multi:
        out["flervalg"] = multi
    values = {k: _back(df, "verdi", "kategori") for k, df in tab.values.items()}
    if any(values.values()):
        out["verdier"] = {k: v for k, v in values.items() if v}
    non = _non_answers_back(tab)
    if non:
        out["ikke_svar"] = non
    overrides = _back(tab.overrides, "verdi", "kommunenummer")
    if overrides:
        out["kommuner"] = overrides
    out.update(tab.extra)
    return out


def to_data(tabs: dict[str, SectionTables], base: dict) -> dict:
    """The edited tables as a schema dict; top-level keys of ``base`` (versjon, ...) are kept."""
    out = {k: v for k, v in base.items() if k not in SECTIONS}
    for name in SECTIONS:
        if name in tabs:
            out[name] = section_dict(tabs[name])
    return out


def todos(data: dict, prefix: str = "") -> list[str]:
    """Where the mapping still holds TODO (dotted key paths)."""
    found = []
    items = data.items() if isinstance(data, dict) else enumerate(data if isinstance(data, list) else [])
    for k, v in items:
        here = f"{prefix}.{k}" if prefix else str(k)
        if is_todo(k) or is_todo(v):
            found.append(here)
        elif isinstance(v, (dict, list)):
            found += todos(v, here)
    return found


# -- TOML ----------------------------------------------------------------------------------------

_BARE = re.compile(r"[A-Za-z0-9_-]+")


def _key(k) -> str:
    k = str(k)
    return k if _BARE.fullmatch(k) else json.dumps(k, ensure_ascii=False)


def _value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, list):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{_key(a)} = {_value(b)}" for a, b in v.items()) + " }"
    return json.dumps(str(v), ensure_ascii=False)


INLINE = {"fil", "kolonner"}  # short tables written inline, as in the documented template


def _table(lines: list[str], path: list[str], table: dict) -> None:
    nested = {k: v for k, v in table.items() if isinstance(v, dict) and not (k in INLINE and len(path) == 1)}
    flat = [f"{_key(k)} = {_value(v)}" for k, v in table.items() if k not in nested]
    if flat or not nested:  # a table holding only sub-tables needs no header of its own
        lines += ["[" + ".".join(_key(p) for p in path) + "]", *flat, ""]
    for k, v in nested.items():
        _table(lines, [*path, k], v)


def to_toml(data: dict, header: str = "") -> str:
    lines = [f"# {ln}" if ln else "#" for ln in header.splitlines()]
    lines += [f"{_key(k)} = {_value(v)}" for k, v in data.items() if not isinstance(v, dict)]
    if lines:
        lines.append("")
    for k, v in data.items():
        if isinstance(v, dict):
            _table(lines, [k], v)
    return "\n".join(lines).rstrip() + "\n"
