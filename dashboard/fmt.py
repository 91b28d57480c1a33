"""Norwegian number and date formatting (Babel, nb_NO / nn_NO): 758 133, 13,8 %, 30. august 2024.

Thousands are grouped with a no-break space (U+00A0), so a number never wraps on screen.
"""

from __future__ import annotations

import datetime as dt
import math
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
    return number(v, d, lang)
