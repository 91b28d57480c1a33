"""The strict shape check of a mapping (used by dashboard.importer.mapping): parsing TOML/YAML safely,
types, unknown keys with "mente du ...?" suggestions, codebook items and categories, TODO places.

Every check appends to a :class:`Checker` and goes on, so all problems are reported at once. Nothing
here recurses into the parsed data except :func:`find_todo`, which is bounded in depth and size."""

from __future__ import annotations

import difflib
import re

from dashboard.importer.codebook import Codebook, norm
from dashboard.importer.readers import FileShape
from dashboard.importer.values import fold

SECTION_KEYS = {
    "register": {"fil", "kolonner", "ignorer", "kontaktinfo", "verdier", "kommuner"},
    "frivilligsentral": {"fil", "kolonner", "ignorer", "fritekst", "kontaktinfo", "sporsmal", "verdier", "ikke_svar",
                         "kommuner", "flervalg"},
    "kommune": {"fil", "kolonner", "ignorer", "fritekst", "kontaktinfo", "sporsmal", "verdier", "ikke_svar",
                "kommuner", "flervalg"},
    "diskurs": {"fil", "kolonner", "ignorer", "kontaktinfo", "verdier", "kommuner"},
}
REGISTER_VALUES = {"eierform": "eierform", "radgivende_organ": "radgivende_organ", "i_utvalg": None}
YES_NO = {"ja": ("Ja", "Ja"), "nei": ("Nei", "Nei")}
MAX_DEPTH = 12
MAX_NODES = 200_000
TYPE_NAMES = {dict: "en tabell", list: "en liste", str: "tekst", int: "et heltall", float: "et desimaltall",
              bool: "sann/usann"}


def kind(value) -> str:
    return TYPE_NAMES.get(type(value), type(value).__name__)


def shown(value) -> str:
    if isinstance(value, dict | list):
        return kind(value)
    text = repr(value) if not isinstance(value, str) else f"«{value}»"
    return text if len(text) <= 60 else text[:57] + "..."


def suggest(word: str, candidates) -> str:
    close = difflib.get_close_matches(str(word), sorted(set(candidates)), n=1, cutoff=0.6)
    return f"; mente du «{close[0]}»?" if close else ""


def _loader(suffix: str):
    """(format name, loads, its error type) for a mapping file's suffix, or None."""
    if suffix == ".toml":
        import tomllib

        return "TOML", tomllib.loads, tomllib.TOMLDecodeError
    if suffix in (".yaml", ".yml"):
        import yaml

        return "YAML", yaml.safe_load, yaml.YAMLError
    return None


def parse(raw: bytes, suffix: str, name: str, error: type[Exception]):
    loader = _loader(suffix)
    if loader is None:
        raise error(f"{name}: mappingfilen må være .toml, .yaml eller .yml")
    what, loads, parse_error = loader
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(f"{name}: mappingfilen må være UTF-8 ({exc.reason})") from exc
    try:
        return loads(text)
    except parse_error as exc:
        raise error(f"{name}: ugyldig {what}: {str(exc)[:300]}") from exc
    except RecursionError as exc:
        raise error(f"{name}: ugyldig {what}: nestet for dypt") from exc


class Checker:
    def __init__(self) -> None:
        self.errors: list[str] = []

    def err(self, where: str, message: str) -> None:
        self.errors.append(f"{where}: {message}")

    def table(self, value, where: str) -> dict | None:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.err(where, f"må være en tabell (nøkkel = verdi), ikke {kind(value)}")
            return None
        return value

    def keys(self, table: dict, allowed, where: str, *, what: str) -> None:
        for k in table:
            if k not in allowed:
                self.err(where, f"ukjent {what} «{k}»{suggest(k, allowed)} (tillatt: {', '.join(sorted(allowed))})")

    def text(self, value, where: str, *, empty_ok: bool = False) -> str | None:
        if not isinstance(value, str):
            self.err(where, f"må være tekst i anførselstegn, ikke {kind(value)} ({shown(value)})")
            return None
        if not value.strip() and not empty_ok:
            self.err(where, "er tom")
            return None
        return None if "TODO" in value else value.strip()  # a TODO is reported once, by find_todo

    def key_text(self, key, where: str) -> str | None:
        """A key of a value table: text, or a whole number (YAML reads 1: valgt as a number)."""
        if isinstance(key, bool) or not isinstance(key, str | int):
            self.err(where, f"nøkkelen {shown(key)} må være tekst i anførselstegn")
            return None
        return str(key).strip()

    def strings(self, value, where: str) -> list[str]:
        if not isinstance(value, list):
            self.err(where, f"må være en liste med kolonnenavn, f.eks. [\"A\", \"B\"], ikke {kind(value)}")
            return []
        out = [self.text(v, f"{where}[{i + 1}]") for i, v in enumerate(value)]
        return [v for v in out if v is not None]


def find_todo(chk: Checker, data) -> None:
    """List every key or value still holding TODO; refuse structures nested too deep or too large."""
    stack = [(data, "", 0)]
    nodes = 0
    while stack:
        node, where, depth = stack.pop()
        nodes += 1
        if nodes > MAX_NODES:
            chk.err("mappingen", f"er for stor (over {MAX_NODES} verdier)")
            return
        if depth > MAX_DEPTH:
            chk.err(where, f"er nestet for dypt (mer enn {MAX_DEPTH} nivåer)")
            continue
        if isinstance(node, dict):
            for k, v in node.items():
                place = f"{where}.{k}" if where else str(k)
                if "TODO" in str(k):
                    chk.err(place, "nøkkelen inneholder TODO: avgjør denne linjen før import")
                stack.append((v, place, depth + 1))
        elif isinstance(node, list):
            stack.extend((v, f"{where}[{i + 1}]", depth + 1) for i, v in enumerate(node))
        elif isinstance(node, str) and "TODO" in node:
            chk.err(where, f"inneholder TODO ({shown(node)}): avgjør denne linjen før import")


def columns(chk: Checker, raw, where: str, fields) -> dict[str, str]:
    table = chk.table(raw, where)
    if not table:
        return {}
    chk.keys(table, fields, where, what="felt")
    out = {}
    for f, col in table.items():
        text = chk.text(col, f"{where}.{f}")
        if f in fields and text is not None:
            out[f] = text
    return out


def shape(chk: Checker, raw, where: str) -> FileShape:
    table = chk.table(raw, where)
    if not table:
        return FileShape()
    chk.keys(table, {"ark", "overskriftsrad", "overskriftsrader", "tegnkoding"}, where, what="nøkkel")
    sheet = chk.text(table["ark"], f"{where}.ark") if "ark" in table else None
    row = _int(chk, table.get("overskriftsrad"), f"{where}.overskriftsrad", 1, 10_000)
    rows = _int(chk, table.get("overskriftsrader", 1), f"{where}.overskriftsrader", 1, 2)
    encoding = chk.text(table["tegnkoding"], f"{where}.tegnkoding") if "tegnkoding" in table else None
    if encoding not in (None, "utf-8-erstatt"):
        chk.err(f"{where}.tegnkoding", f"må være \"utf-8-erstatt\" (fikk {shown(encoding)}); utelat nøkkelen ellers")
    return FileShape(sheet=sheet, header_row=row, header_rows=rows or 1, replace_bad_bytes=encoding == "utf-8-erstatt")


def _int(chk: Checker, value, where: str, low: int, high: int) -> int | None:
    if value is None:
        return None
    if type(value) is not int or not low <= value <= high:
        chk.err(where, f"må være et heltall fra {low} til {high} (fikk {shown(value)})")
        return None
    return value


def overrides(chk: Checker, raw, where: str, book: Codebook) -> dict[str, str]:
    table = chk.table(raw, where)
    out = {}
    for key, number in (table or {}).items():
        k = chk.key_text(key, where)
        n = chk.text(number, f"{where} «{key}»")
        if k is None or n is None:
            continue
        if not re.fullmatch(r"\d{4}", n) or n not in book.municipalities:
            chk.err(f"{where} «{key}»", f"«{n}» er ikke et kommunenummer i 2024-inndelingen (fire sifre, f.eks. "
                                        f"\"1515\"){suggest(n, book.municipalities)}")
            continue
        out[k] = n
    return out


def items(chk: Checker, raw, group: str, book: Codebook) -> dict[str, str]:
    where = f"[{group}.sporsmal]"
    table = chk.table(raw, where)
    out: dict[str, str] = {}
    seen: dict[str, str] = {}
    for column, item in (table or {}).items():
        place = f"{where} «{column}»"
        col, it = chk.key_text(column, where), chk.text(item, place)
        if col is not None and it is not None and _known_item(chk, place, it, group, book, seen, col):
            out[col] = it
    return out


def _known_item(chk: Checker, place: str, it: str, group: str, book: Codebook, seen: dict[str, str],
                column: str, *, block_of: str | None = None, hint: str | None = None) -> bool:
    """``it`` is a codebook item of ``group`` not yet taken by another column (then it is recorded in ``seen``);
    with ``block_of``, a checkbox of that item's block. ``hint``: the "mente du" (default: the closest item)."""
    hint = suggest(it, book.item_ids(group)) if hint is None else hint
    if it not in book.items.index:
        chk.err(place, f"mappingen peker på et spørsmål som ikke finnes i kodeboken: «{it}»{hint}")
    elif book.items.at[it, "respondentgruppe"] != group:
        chk.err(place, f"spørsmålet «{it}» hører til en annen respondentgruppe "
                       f"({book.items.at[it, 'respondentgruppe']}){hint}")
    elif block_of and book.scale_of(it) != "valgt":
        chk.err(place, f"«{it}» er ikke et avkrysningsspørsmål (skala «{book.scale_of(it)}», ikke «valgt»){hint}")
    elif block_of and book.block_of(it) != book.block_of(block_of):
        chk.err(place, f"«{it}» hører til et annet spørsmål enn alternativene "
                       f"(blokk {'/'.join(filter(None, book.block_of(it)))}){hint}")
    elif it in seen:
        chk.err(place, f"spørsmålet «{it}» er allerede koblet til kolonnen «{seen[it]}»; ett spørsmål, én kolonne")
    else:
        seen[it] = column
        return True
    return False


MULTI_KEYS = {"skilletegn", "alternativer", "annet"}


def multi_choice(chk: Checker, raw, group: str, book: Codebook, single: dict[str, str]
                 ) -> dict[str, tuple[str, dict[str, str], str | None]]:
    """[group.flervalg."column"]: skilletegn (default ";"), alternativer (option in the cell -> item) and
    annet (the item every other option counts for). The items must be checkboxes (scale valgt) of one
    block, each used once in the whole section (annet may repeat one of the column's own)."""
    table = chk.table(raw, f"[{group}.flervalg]") or {}
    seen = {it: col for col, it in single.items()}
    out = {}
    for column, spec in table.items():
        where = f"[{group}.flervalg.\"{column}\"]"
        col, sub = chk.key_text(column, f"[{group}.flervalg]"), chk.table(spec, where)
        if col is None or sub is None:
            continue
        chk.keys(sub, MULTI_KEYS, where, what="nøkkel")
        sep = chk.text(sub.get("skilletegn", ";"), f"{where}.skilletegn")
        if sep is not None and len(sep) > 3:
            chk.err(f"{where}.skilletegn", f"må være ett til tre tegn, f.eks. \";\" (fikk {shown(sep)})")
        if "alternativer" not in sub:
            chk.err(where, "mangler alternativer = { \"alternativ i cellen\" = \"element i kodeboken\", ... }")
        options = _options(chk, sub.get("alternativer", {}), f"{where}.alternativer", group, book, seen, col)
        other = _other(chk, sub["annet"], f"{where}.annet", group, book, seen, col, options) if "annet" in sub else None
        if sep and len(sep) <= 3 and options:
            out[col] = (sep, options, other)
    return out


def _other(chk: Checker, raw, where: str, group: str, book: Codebook, seen: dict[str, str], column: str,
           options: dict[str, str]) -> str | None:
    """annet = "item": a checkbox of the same block as the column's alternativer (usually its «Andre»)."""
    it = chk.text(raw, where)
    if it is None or it in options.values() or not options:
        return it
    first = next(iter(options.values()))
    andre = book.other_items(first)
    hint = f"; mente du «{andre[0]}»?" if len(andre) == 1 else suggest(it, book.block_items(first))
    return it if _known_item(chk, where, it, group, book, seen, column, block_of=first, hint=hint) else None


def _options(chk: Checker, raw, where: str, group: str, book: Codebook, seen: dict[str, str],
             column: str) -> dict[str, str]:
    out: dict[str, str] = {}
    folded: dict[str, str] = {}
    for key, item in (chk.table(raw, where) or {}).items():
        place = f"{where} «{key}»"
        label, it = chk.key_text(key, where), chk.text(item, place)
        if label is None or it is None:
            continue
        if not label:
            chk.err(where, "et alternativ kan ikke være tomt: en tom celle betyr at ingen alternativer er valgt")
        elif fold(label) in folded:
            chk.err(place, f"står to ganger (som «{folded[fold(label)]}»); alternativer sammenlignes uten hensyn "
                           "til store/små bokstaver, mellomrom og aksenter")
        elif _known_item(chk, place, it, group, book, seen, column):
            folded[fold(label)] = label
            out[label] = it
    if out and any(book.scale_of(i) != "valgt" for i in out.values()):
        bad = sorted(i for i in out.values() if book.scale_of(i) != "valgt")
        chk.err(where, f"alternativene må peke på avkrysningsspørsmål (skala «valgt»), ikke {', '.join(bad)}")
    elif len({book.block_of(i) for i in out.values()}) > 1:
        chk.err(where, "alternativene i én kolonne må høre til samme spørsmål (samme blokk og aktør i kodeboken); "
                       f"fikk {', '.join(sorted({'/'.join(filter(None, book.block_of(i))) for i in out.values()}))}")
    return out


def non_answers(chk: Checker, raw, group: str, book: Codebook) -> tuple[dict[str, list[str]], bool]:
    where = f"[{group}.ikke_svar]"
    table = chk.table(raw, where) or {}
    allowed = {"standard", "alle", *_scales(book, group)}
    chk.keys(table, allowed, where, what="skala")
    standard = table.get("standard", True)
    if not isinstance(standard, bool):
        chk.err(f"{where}.standard", f"må være true eller false, ikke {kind(standard)}")
        standard = True
    out = {k: chk.strings(v, f"{where}.{k}") for k, v in table.items() if k != "standard" and k in allowed}
    return out, standard


def _scales(book: Codebook, group: str) -> set[str]:
    return {book.scale_of(i) for i in book.item_ids(group)} - {"fritekst"}


def values(chk: Checker, raw, role: str, book: Codebook, sec) -> dict[str, dict[str, str]]:
    where = f"[{role}.verdier]"
    table = chk.table(raw, where) or {}
    targets = _value_targets(role, book)
    chk.keys(table, targets, where, what="skala" if role in ("frivilligsentral", "kommune") else "felt")
    out = {}
    for name, sub in table.items():
        if name not in targets:
            continue
        place = f"[{role}.verdier.{name}]"
        pairs = chk.table(sub, place)
        out[name] = _value_table(chk, pairs or {}, place, name, targets[name])
        clash = {norm(k) for k in out[name]} & (sec.explicit_non_answers(name) if role in ("frivilligsentral",
                                                                                           "kommune") else set())
        for v in sorted(clash):
            chk.err(place, f"«{v}» står både her og i [{role}.ikke_svar.{name}]; velg ett av dem")
    return out


def _value_targets(role: str, book: Codebook) -> dict[str, dict]:
    if role == "register":
        return {f: (book.classes.get(k, {}) if k else YES_NO) for f, k in REGISTER_VALUES.items()}
    if role == "diskurs":
        return {"diskurs": book.classes.get("diskurs", {})}
    return {s: book.scales.get(s, {}) for s in _scales(book, role)}


def _value_table(chk: Checker, pairs: dict, where: str, name: str, codes: dict) -> dict[str, str]:
    out: dict[str, str] = {}
    seen: dict[str, str] = {}
    for key, code in pairs.items():
        k, c = chk.key_text(key, where), chk.text(code, f"{where} «{key}»")
        if k is None or c is None:
            continue
        if k == "":
            chk.err(where, _blank_hint(name))
        elif c not in codes:
            chk.err(f"{where} «{k}»", f"ukjent kategori «{c}» for «{name}»{suggest(c, codes)} "
                                      f"(gyldige: {', '.join(codes)})")
        elif seen.get(norm(k), c) != c:
            chk.err(f"{where} «{k}»", f"verdien står to ganger med ulike kategorier («{seen[norm(k)]}» og «{c}»); "
                                      "verdier sammenlignes uten hensyn til store/små bokstaver og mellomrom")
        else:
            seen[norm(k)] = c
            out[k] = c
    return out


def _blank_hint(scale: str) -> str:
    if scale == "valgt":
        return ('«"" = ...» (tom celle) kan ikke oversettes: i avkrysningsblokker får tomme celler «ikke_valgt» '
                "automatisk når respondenten har krysset av minst én boks i spørsmålet, ellers regnes hele "
                "spørsmålet som ubesvart. Fjern linjen")
    return ('«"" = ...» (tom celle) kan ikke oversettes: en tom celle er alltid et manglende svar. Fjern linjen, '
            "eller list verdier som betyr «ikke svar» under ikke_svar")


# the fields each section must name a column for (and, below, the either-or fields)
REQUIRED = {"register": ("navn", "kommunenummer", "eierform"), "frivilligsentral": ("respondent_id",),
            "kommune": ("respondent_id", "kommunenummer"), "diskurs": ("kommunenummer", "diskurs")}


def required(chk: Checker, role: str, cols: dict[str, str]) -> None:
    where = f"[{role}].kolonner"
    for f in REQUIRED[role]:
        if f not in cols:
            chk.err(where, f"mangler {f}")
    if role == "register" and not {"sentral_id", "organisasjonsnummer"} & set(cols):
        chk.err(where, "trenger sentral_id eller organisasjonsnummer (organisasjonsnummeret blir da sentral-id-en)")
    if role == "frivilligsentral" and not {"sentral_id", "organisasjonsnummer", "kommunenummer"} & set(cols):
        chk.err(where, "trenger sentral_id, organisasjonsnummer eller kommunenummer for å koble svaret til en sentral")


def one_role_per_column(chk: Checker, role: str, sec) -> None:
    """A column is mapped once: as a field, a question, ignored, contact data or free text."""
    roles: dict[str, str] = {}
    uses = [(c, f"kolonner.{f}") for f, c in sec.columns.items()] + [(c, "sporsmal") for c in sec.items]
    uses += [(c, "ignorer") for c in sec.ignore] + [(c, "kontaktinfo") for c in sec.contact]
    uses += [(c, "fritekst") for c in sec.free_text] + [(c, "flervalg") for c in sec.multi]
    for column, use in uses:
        if column in roles and not (use.startswith("kolonner") and roles[column].startswith("kolonner")):
            chk.err(f"[{role}]", f"kolonnen «{column}» står både i {roles[column]} og i {use}")
        roles.setdefault(column, use)
