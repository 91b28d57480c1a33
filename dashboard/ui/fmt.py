"""Norwegian number and date formatting (Babel, nb_NO / nn_NO): 758 133, 13,8 %, 30. august 2024.

Thousands are grouped with a no-break space (U+00A0), so a number never wraps on screen.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
from functools import lru_cache

from babel.dates import format_date as _format_date
from babel.numbers import format_decimal

NBSP = "\u00a0"
LOCALES = {"nb": "nb_NO", "nn": "nn_NO"}


def _locale(lang: str | None) -> str:
    return LOCALES.get(lang or "nb", "nb_NO")


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is _NA


try:  # pandas.NA, when pandas is around
    from pandas import NA as _NA
except ImportError:  # pragma: no cover
    _NA = object()


def number(value, decimals: int = 0, lang: str | None = None) -> str:
    """758133 -> '758 133'; 323021.94, 1 -> '323 021,9'. Missing values give an en dash."""
    if _missing(value):
        return "–"
    return _format(round(float(value), decimals), decimals, _locale(lang))


@lru_cache(maxsize=8192)
def _format(value: float, decimals: int, locale: str) -> str:
    """Babel is exact but slow (~60 µs a call); the same numbers recur on every rerun."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(value, format=pattern, locale=locale)


def integer(value, lang: str | None = None) -> str:
    return number(value, 0, lang)


def percent(value, decimals: int = 0, lang: str | None = None) -> str:
    """A share already in percent: 13.81, 1 -> '13,8 %'."""
    if _missing(value):
        return "–"
    return f"{number(value, decimals, lang)}{NBSP}%"


def points(value, decimals: int = 0, lang: str | None = None) -> str:
    """Percentage points: 29 -> '29 prosentpoeng' is left to the caller's text; this gives '29 pp'."""
    if _missing(value):
        return "–"
    return f"{number(value, decimals, lang)}{NBSP}pp"


def date(value: dt.date | str, lang: str | None = None) -> str:
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return _format_date(value, format="d. MMMM yyyy", locale=_locale(lang))


def value(v, unit: str, lang: str | None = None, decimals: int | None = None) -> str:
    """Format a value by its unit as used in rapporttall/kalibrering (prosent, antall, prosentpoeng ...)."""
    if unit == "prosent":
        d = decimals if decimals is not None else (0 if float(v).is_integer() else 1)
        return percent(v, d, lang)
    if unit == "prosentpoeng":
        d = decimals if decimals is not None else (0 if float(v).is_integer() else 1)
        return f"{number(v, d, lang)}{NBSP}prosentpoeng"
    if unit == "rangering":
        return "✓" if float(v) >= 1 else "✗"
    d = decimals if decimals is not None else (0 if _missing(v) or float(v).is_integer() else 1)
    if _missing(v) or unit not in UNIT_WORDS:
        return number(v, d, lang)
    if unit == "år" and float(v) >= 1000:  # a calendar year: 1991, never «1 991»
        return str(int(v))
    if unit == "klokkeslett":
        return f"kl.{NBSP}{number(v, d, lang)}"
    from dashboard.ui.i18n import t
    return f"{number(v, d, lang)}{NBSP}{t(UNIT_WORDS[unit], lang)}"


# units of the report's numbers (rapporttall.enhet) that are shown with a word after the number
UNIT_WORDS = {"år": "enhet.aar", "timer": "enhet.timer", "minutter": "enhet.minutter", "kg": "enhet.kg",
              "ganger": "enhet.ganger", "kroner": "enhet.kroner", "klokkeslett": "enhet.klokkeslett"}


# Text from outside (a URL, a file, a file name) is shown as one line of plain text, never as markup.
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
# Every character that can start Markdown or Streamlit markup on one line: links, images, emphasis,
# code, HTML and entities, headings, lists, quotes, tables, LaTeX ($), colours and icons (:name[...]),
# autolinks (http:, www.). Not needed on one line: = , ; ? ' " % / @ (they stay readable in 'fylke=99').
MARKDOWN_SPECIAL = "\\`*_{}[]()#+-.!|<>~$:&^"
_MARKDOWN_SPECIAL = re.compile("([" + re.escape(MARKDOWN_SPECIAL) + "])")
CLIP = 80
WORD_JOINER = "\u2060"
_AUTOLINK = re.compile(r"[:@]|(?i:www)(?=\.)")


def clip(text, max_len: int | None = CLIP) -> str:
    """One line: control and invisible characters become spaces, whitespace runs one space, and text
    longer than ``max_len`` is cut with '…'."""
    raw = str(text)
    if max_len is not None:
        raw = raw[: max_len * 4 + 16]  # never scan a 60 kB value to show 80 characters
    s = " ".join(_INVISIBLE.sub(" ", raw).split())
    if max_len is not None and len(s) > max_len:
        s = s[: max_len - 1].rstrip() + "…"
    return s


def plain(text, max_len: int | None = CLIP, *, target: str = "markdown") -> str:
    """``text`` clipped (see :func:`clip`) and escaped so that Markdown (st.markdown, st.caption,
    st.warning ...) or HTML (``target="html"``, st.html) shows it literally: no link, image, tag,
    colour, icon or formula can come out of it."""
    s = clip(text, max_len)
    if target == "html":
        return html.escape(s, quote=True)
    # Autolinks (http://, www., a@b.no) and Streamlit's icons and emoji (:name:) are found in the text after
    # escapes are read, so an invisible word joiner after ':' and '@' and inside 'www.' breaks them.
    s = _AUTOLINK.sub(lambda m: m.group(0) + WORD_JOINER, s)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", s)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text) -> str:
    """Text a Word or PowerPoint file can hold: characters XML 1.0 forbids are dropped, lines are kept."""
    return _NOT_XML.sub("", str(text))


# -- the report's own numbers -------------------------------------------------------------------
# A number the report gives in words or with a qualifier ("rundt en tredjedel", "i overkant av halvparten",
# "om lag 85 prosent") is shown in the report's words, never as a precise number (rapporttall.presisjon).
_QUALIFIER = r"(?:i overkant av|litt under|litt over|så godt som|om lag|omtrent|rundt|nesten|ca\.|drøyt|over|under)"
_AMOUNT = (r"(?:\d+ av \d+|\d+(?:[ \u00a0]\d{3})*(?:,\d+)?(?:\s*(?:-|–|til)\s*\d+)?(?:-tallet|-(?=$))?|"
           r"en tredjedel|en femtedel|en fjerdedel|halvparten|samtlige|to eller flere|et par-tre|"
           r"(?:det |de )?siste (?:tiåret|ti årene)|en ukes mellomrom)")
_APPROX = re.compile(rf"((?:{_QUALIFIER}\s+)*)({_AMOUNT})(\s+prosentpoeng|\s+prosent\b|\s+år\b)?", re.IGNORECASE)
_WORDY = re.compile(r"[a-zæøå]|–", re.IGNORECASE)


def reported(v, unit: str, precision: str | None = "eksakt", quote: str | None = None,
             lang: str | None = None) -> str:
    """A value from the report (rapporttall): exact values as :func:`value`; approximate ones in the report's
    own words taken from the quote ('rundt en tredjedel', 'om lag 85 %', '80–85 %'), else 'ca. <value>'."""
    if _missing(precision) or precision == "eksakt" or _missing(v):
        return value(v, unit, lang)
    m = _APPROX.search("" if _missing(quote) else str(quote))
    if not m:
        return f"ca. {value(v, unit, lang)}"
    qualifier, amount, unit_word = m.group(1).lower(), m.group(2), (m.group(3) or "").strip().lower()
    amount = re.sub(r"(\d)\s*-\s*(\d)", "\\1–\\2", re.sub(r"(\d)[ \u00a0](\d{3})", rf"\1{NBSP}\2", amount))
    amount = amount + "tallet" if amount.endswith("-") else amount
    if not qualifier and not _WORDY.search(amount):
        qualifier = "ca. "
    suffix = {"prosent": f"{NBSP}%", "prosentpoeng": f"{NBSP}prosentpoeng", "år": f"{NBSP}år"}.get(unit_word, "")
    if not suffix and unit in ("prosent", "prosentpoeng") and amount[-1].isdigit() and " av " not in amount:
        suffix = f"{NBSP}%" if unit == "prosent" else f"{NBSP}prosentpoeng"
    return f"{qualifier}{amount}{suffix}"
