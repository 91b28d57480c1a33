"""Display labels and the fixed order of group codes (respondent groups, ownership groups, district/central)."""

from __future__ import annotations

from dashboard.ui.i18n import t

GROUP_ORDER = ["alle", "frivilligsentral", "kommune", "kommunal", "ikke_kommunal", "lag_forening", "andre", "egenregi",
               "blanding", "bindeledd", "distrikt", "sentral"]


def group_rank(code) -> int:
    return GROUP_ORDER.index(code) if code in GROUP_ORDER else len(GROUP_ORDER)


def label_group(code, lang: str) -> str:
    """'Kommunal', 'Frivilligsentraler' ... for a group code; an unknown code as itself."""
    key = f"gruppe.{code}"
    try:
        return t(key, lang)
    except KeyError:
        return str(code)
