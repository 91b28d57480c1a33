"""Small pure functions that read one cell as people write it: organisation numbers, years,
categories in free words and names. Each returns the value (or None) and, where something is
wrong or was interpreted, a message in Norwegian bokmål for the import report.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping

ORGNR_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)
YEAR_MIN = 1900
NAME_MAX = 200

# ownership in free words -> classification code (klassifikasjon 'eierform'); keys are matched
# with norm(): trimmed, case-insensitive, inner whitespace collapsed
EIERFORM_SYNONYMS: dict[str, str] = {
    "kommunal": "kommunal", "kommunalt": "kommunal", "kommune": "kommunal", "kommunen": "kommunal",
    "kommunalt eid": "kommunal", "eid av kommunen": "kommunal", "kommunal eierform": "kommunal",
    "kommunal virksomhet": "kommunal", "komm.": "kommunal",
    "lag": "lag_forening", "forening": "lag_forening", "foreining": "lag_forening",
    "lag/forening": "lag_forening", "lag og forening": "lag_forening", "lag eller forening": "lag_forening",
    "frivillig lag/forening": "lag_forening", "frivillig lag/foreining": "lag_forening",
    "frivillig lag": "lag_forening", "frivillig forening": "lag_forening", "frivillig organisasjon": "lag_forening",
    "frivillig lag eller forening": "lag_forening", "ideell forening": "lag_forening",
    "stiftelse": "stiftelse", "stifting": "stiftelse",
    "sa": "samvirkeforetak", "samvirke": "samvirkeforetak", "samvirkeforetak": "samvirkeforetak",
    "samvirkeføretak": "samvirkeforetak", "samvirkeforetak (sa)": "samvirkeforetak",
    "as": "aksjeselskap", "aksjeselskap": "aksjeselskap", "aksjeselskap (as)": "aksjeselskap",
    "annen": "annet", "annet": "annet", "anna": "annet", "annen eierform": "annet", "anna eigarform": "annet",
    "ingen": "ingen", "ingen eierform": "ingen", "ingen registrert eierform": "ingen",
    "ingen registrert eigarform": "ingen",
    # Enhetsregisteret's organisation forms (Organisasjonsform.kode and .beskrivelse)
    "komm": "kommunal", "orgl": "kommunal", "organisasjonsledd": "kommunal", "kf": "kommunal",
    "kommunalt foretak": "kommunal", "iks": "kommunal", "interkommunalt selskap": "kommunal",
    "fli": "lag_forening", "forening/lag/innretning": "lag_forening", "sti": "stiftelse",
    "annen juridisk person": "annet", "ans": "annet", "da": "annet", "ba": "annet",
}

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_CELL_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_YEAR_WORDS = re.compile(r"^(ca\.?|c\.|cirka|omkring|omtrent|rundt|ikring|om lag|~|år)\s*", re.IGNORECASE)


def norm(value: object) -> str:
    """The key a free word is matched on: trimmed, case-insensitive, inner whitespace collapsed."""
    return " ".join(str(value).split()).casefold()


LETTERS = {"ø": "o", "æ": "ae", "đ": "d", "ŋ": "n", "ŧ": "t", "ß": "ss"}  # letters NFKD does not take apart
_FOLD = str.maketrans(LETTERS)


def unaccent(text: str, table: dict = _FOLD) -> str:
    """``text`` with LETTERS replaced (by ``table``) and every diacritic removed: 'Vågå' -> 'Vaga'."""
    key = unicodedata.normalize("NFKD", text.translate(table))
    return "".join(ch for ch in key if not unicodedata.combining(ch))


def fold(value: object) -> str:
    """norm() without diacritics: 'Nærbutikken' = 'naerbutikken', 'Kulturaktører' = 'kulturaktorer'."""
    return unaccent(norm(value))


def number_text(value: object) -> str:
    """'1995', '1995.0', '1995,0', 1995.0 -> '1995'; other text trimmed and unchanged."""
    v = str(value).strip()
    m = re.fullmatch(r"(-?\d+)(?:[.,]0+)?", v)
    return m.group(1) if m else v


# -- organisation numbers ------------------------------------------------------------------------

def orgnr(value: object) -> tuple[str | None, str | None]:
    """A Norwegian organisation number as 9 digits, or an error. Accepts '971 526 920',
    '971.526.920', 'NO 971526920 MVA', and Excel numbers ('971526920.0', '9.7152692E8').
    Empty -> (None, None); whether it is required is the caller's rule."""
    text = str(value if value is not None else "").strip()
    if not text:
        return None, None
    if re.fullmatch(r"\d+[.,]0+", text):  # stored as a number in Excel: 971526920.0
        core = number_text(text)
    elif re.fullmatch(r"\d(?:[.,]\d+)?[eE]\+?\d{1,2}", text):  # 9.7152692E+08
        core = str(round(float(text.replace(",", "."))))
    else:
        core = re.sub(r"[\s.\u00a0\u202f-]", "", re.sub(r"(?i)^no\s*|\s*mva$", "", text))
    if not core.isdigit() or not core.isascii():
        return None, "organisasjonsnummeret må være ni sifre (f.eks. 971 526 920)"
    if len(core) != 9:
        return None, f"organisasjonsnummeret har {len(core)} sifre; det skal ha ni"
    if _mod11(core[:8]) != core[8]:
        return None, "organisasjonsnummeret har feil kontrollsiffer (MOD11); sjekk at sifrene er skrevet riktig"
    return core, None


def _mod11(digits: str) -> str | None:
    rest = sum(int(d) * w for d, w in zip(digits, ORGNR_WEIGHTS)) % 11
    check = (11 - rest) % 11
    return None if check == 10 else str(check)


# -- years ---------------------------------------------------------------------------------------

def year(value: object, *, lo: int = YEAR_MIN, hi: int | None = None,
         what: str = "etableringsår") -> tuple[int | None, str | None, str | None]:
    """A year: '1995', '1995.0' -> 1995; 'ca. 1995', 'omkring 1995', '1995?' -> 1995 with a note;
    anything else, or a year outside lo..hi (default: this year), is an error.
    Returns (year, note, error); empty -> (None, None, None)."""
    hi = hi if hi is not None else dt.date.today().year
    text = " ".join(str(value if value is not None else "").split())
    if not text:
        return None, None, None
    plain = number_text(text)
    note = None
    dated = date_year(text)
    if dated is not None:
        plain, kind = str(dated[0]), dated[1]
        note = f"{kind}: «{text}» er lest som {plain}"
    elif not plain.isdigit():
        m = re.fullmatch(r"(\d{4})\s*\??", _YEAR_WORDS.sub("", text))
        if not m:
            return None, None, f"{what} må være et årstall (f.eks. 1998)"
        plain = m.group(1)
        note = f"{APPROXIMATE}: «{text}» er lest som {plain}"
    y = int(plain) if len(plain) <= 6 else -1
    if not lo <= y <= hi:
        return None, None, f"{what} må være et årstall mellom {lo} og {hi}"
    return y, note, None


APPROXIMATE = "omtrentlig årstall"
DATE = "dato"
SERIAL = "Excel-serienummer for en dato"
_DATE = re.compile(r"(?P<d>\d{1,2})[./-](?P<m>\d{1,2})[./-](?P<y>\d{4})|(?P<y2>\d{4})-(?P<m2>\d{1,2})-(?P<d2>\d{1,2})"
                   r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
EXCEL_EPOCH = dt.date(1899, 12, 30)
SERIAL_RANGE = (10_000, 99_999)   # 1927-05-18 .. 2173: five digits are a date, never a year


def date_year(text: str) -> tuple[int, str] | None:
    """The year of a date as registers write it: '01.08.2003', '1/8/2003', '2003-08-01' (an Excel date cell
    reads so), '2003-08-01 00:00:00', or an Excel serial number (37834 = 2003-08-01). Returns (year, kind:
    DATE or SERIAL), or None when the text is no date."""
    m = _DATE.fullmatch(text.strip())
    if m:
        y, mo, d = (int(m["y"]), int(m["m"]), int(m["d"])) if m["y"] else (int(m["y2"]), int(m["m2"]), int(m["d2"]))
        try:
            return dt.date(y, mo, d).year, DATE
        except ValueError:
            return None
    plain = number_text(text)
    if plain.isdigit() and SERIAL_RANGE[0] <= int(plain) <= SERIAL_RANGE[1]:
        return (EXCEL_EPOCH + dt.timedelta(days=int(plain))).year, SERIAL
    return None


# -- categories ----------------------------------------------------------------------------------

def category(value: object, codes: Iterable[str], synonyms: Mapping[str, str] | None = None) -> str | None:
    """The code a free word stands for: the code itself or a synonym, trimmed and case-insensitive.
    `synonyms` (word -> code) may come from the mapping and the built-in tables; a synonym that
    points outside `codes` does not count. None when nothing matches."""
    key = norm(value)
    if not key:
        return None
    by_key = {norm(c): c for c in codes}
    if key in by_key:
        return by_key[key]
    for word, code in (synonyms or {}).items():
        if norm(word) == key and code in by_key.values():
            return code
    return None


# -- names and other short text ------------------------------------------------------------------

def clean_text(value: object, max_len: int = NAME_MAX, what: str = "navnet") -> tuple[str, str | None]:
    """A name as stored: trimmed, inner whitespace kept. An error message when it is empty, holds
    control characters (NUL, line breaks, direction overrides ...) or is longer than max_len."""
    text = str(value if value is not None else "").strip()
    if not text:
        return "", f"{what} er tomt"
    bad = _CONTROL.search(text)
    if bad:
        return _CONTROL.sub("", text), (f"{what} inneholder et kontrolltegn (U+{ord(bad.group()):04X} ved tegn "
                                        f"{bad.start() + 1}); fjern det i filen")
    if len(text) > max_len:
        return text[:max_len], f"{what} er {len(text):,} tegn langt; grensen er {max_len}".replace(",", " ")
    return text, None


def strip_controls(text: str) -> tuple[str, str | None]:
    """text without control characters other than tab and line breaks (NUL, DEL, C1 controls,
    zero-width and direction-override characters), and the first one removed as 'U+0000' (or None)."""
    bad = _CELL_CONTROL.search(text)
    if bad is None:
        return text, None
    return _CELL_CONTROL.sub("", text), f"U+{ord(bad.group()):04X}"


# -- multi-choice cells --------------------------------------------------------------------------

def split_options(cell: object, separator: str, known: Iterable[str] = (), merge_unknown: bool = True) -> list[str]:
    """The options in a one-cell multi-choice answer, trimmed, empty parts (a trailing separator) left out.
    ``known`` option texts may hold the separator themselves (Google Forms joins with ", " and an option
    reads "Lag, foreninger og organisasjoner"): the parts are matched to them longest first (case and
    accents aside). With a comma separator, parts that fit no known option and stand next to each other
    are one text (an own-words «Other» answer with commas in it)."""
    sep = separator.strip() or separator
    parts = [p.strip() for p in str(cell).split(sep)]
    whole = {fold(k) for k in known}
    keyed = {k for k in whole if sep in k}
    if not keyed and sep != ",":
        return [p for p in parts if p]
    joiner = sep + " " if sep == "," else sep
    longest = max((k.count(sep) for k in keyed), default=0) + 1
    out: list[str] = []
    loose: list[str] = []    # parts that fit no known option, in a row
    i = 0
    while i < len(parts):
        j = next((j for j in range(min(len(parts), i + longest), i + 1, -1)
                  if fold(joiner.join(parts[i:j])) in keyed), i + 1)
        if j > i + 1 or not whole or fold(parts[i]) in whole:
            out += [joiner.join(loose)] if loose else []
            loose = []
            out.append(joiner.join(parts[i:j]))
        elif parts[i]:
            loose.append(parts[i])
            if not merge_unknown:
                out.append(loose.pop())
        i = j
    out += [joiner.join(loose)] if loose else []
    return [p for p in out if p]
