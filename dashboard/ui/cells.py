"""A shown table made ready for a file: the «(demodata)» mark moved out of the cells (into the column
header, or a column of its own when only some rows are demo), and the Norwegian-formatted numbers the
panels show ('50,0 %', '1 811', '−3,2') read back as numbers with the Excel format that shows them the same.

Codes stay text: a column holding a zero-padded value ('0301') or four or more digits without the
thousands space fmt always writes ('1811' is a municipality number, 1 811 a count) is never converted,
nor is a column whose name says it holds numbers of things ('kommunenummer', 'kode').
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from dashboard.ui.i18n import t

SPACES = "\u00a0\u202f "
NUMBER_RE = re.compile(r"^[−-]?\d{1,3}(?:[\u00a0\u202f ]\d{3})*(?:,\d+)?$")
PERCENT_RE = re.compile(r"^([−-]?\d{1,3}(?:[\u00a0\u202f ]\d{3})*(?:,\d+)?)[\u00a0\u202f ]?%$")
CODE_RE = re.compile(r"^(0\d+|\d{4,})$")
CODE_COLUMNS = ("nummer", "kode", "nr.")
MISSING = ("", "–", "-")


@dataclass
class Column:
    name: str
    values: list          # numbers (int/float), text, or None
    number_format: str | None = None  # Excel format code of the numbers, None for text or as-is


def demo_affix(lang: str) -> tuple[str, str]:
    """What the «(demodata)» mark puts before and after a value, in a language."""
    before, _, after = t("demo.merket", lang=lang, verdi="\x00").partition("\x00")
    return before, after


def _unmark(value, affix: tuple[str, str]) -> tuple[object, bool]:
    before, after = affix
    if isinstance(value, str) and value.endswith(after) and value.startswith(before) and after:
        return value[len(before):len(value) - len(after)], True
    return value, False


def unmarked(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The table with the demo mark out of its cells: a column marked throughout says so in its header;
    when only some rows carry it, a column «Demodata» says which rows (ja/nei)."""
    affix = demo_affix(lang)
    empty = (*MISSING, t("anon.for_faa_svar", lang=lang))
    out = pd.DataFrame(index=table.index)
    rows = pd.Series(False, index=table.index)
    names = {}
    for col in table.columns:
        if not (pd.api.types.is_object_dtype(table[col]) or pd.api.types.is_string_dtype(table[col])):
            out[col] = table[col]
            continue
        pairs = [_unmark(v, affix) for v in table[col]]
        marks = pd.Series([m for _, m in pairs], index=table.index)
        out[col] = [v for v, _ in pairs] if marks.any() else table[col]
        filled = table[col].map(lambda v: isinstance(v, str) and v.strip() not in empty)
        if marks.any() and marks[filled].all():
            names[col] = t("demo.merket", lang=lang, verdi=str(col))
        else:
            rows |= marks
    out = out.rename(columns=names)
    if rows.any():
        out[t("tabell.demo_verdi", lang=lang)] = [t("ja", lang=lang) if r else t("nei", lang=lang) for r in rows]
    return out


def _number(text: str) -> tuple[float, int] | None:
    """'1 811' -> (1811, 0); '−3,25' -> (-3.25, 2); None when it is not a number as fmt writes one."""
    if not NUMBER_RE.match(text):
        return None
    clean = text.replace("−", "-")
    for s in SPACES:
        clean = clean.replace(s, "")
    whole, _, decimals = clean.partition(",")
    return (float(f"{whole}.{decimals}") if decimals else int(whole)), len(decimals)


def _parse(value, suppressed: str):
    """(kind, number, decimals) of one cell: kind is 'pct', 'num', 'skip' (blank or a suppression text) or 'text'."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "skip", None, 0
    if not isinstance(value, str):
        return "as_is", value, 0
    text = value.strip()
    if text in MISSING or text == suppressed:
        return "skip", None, 0
    if CODE_RE.match(text):
        return "text", None, 0
    m = PERCENT_RE.match(text)
    if m:
        parsed = _number(m.group(1))
        return ("pct", parsed[0] / 100, parsed[1]) if parsed else ("text", None, 0)
    parsed = _number(text)
    return ("num", *parsed) if parsed else ("text", None, 0)


def _format(kind: str, decimals: int) -> str:
    digits = "0" + ("." + "0" * decimals if decimals else "")
    return f"{digits}\\ %" if kind == "pct" else "#,##0" + ("." + "0" * decimals if decimals else "")


def typed(table: pd.DataFrame, lang: str) -> list[Column]:
    """The columns of a (demo-unmarked) table, each either as numbers with an Excel format or as it was."""
    suppressed = t("anon.for_faa_svar", lang=lang)
    out = []
    for col in table.columns:
        values = list(table[col])
        parsed = [_parse(v, suppressed) for v in values]
        kinds = {k for k, _, _ in parsed} - {"skip"}
        code_name = any(word in str(col).lower() for word in CODE_COLUMNS)
        if len(kinds) != 1 or not kinds <= {"pct", "num"} or code_name:
            out.append(Column(str(col), [_plain(v) for v in values]))
            continue
        kind = kinds.pop()
        decimals = max(d for k, _, d in parsed if k == kind)
        numbers = [n if k == kind else (v if k == "skip" and isinstance(v, str) and v.strip() == suppressed else None)
                   for (k, n, _), v in zip(parsed, values)]
        out.append(Column(str(col), numbers, _format(kind, decimals)))
    return out


def _plain(value):
    """A cell as a spreadsheet takes it: None for missing, Python numbers for numpy ones."""
    if value is pd.NA or value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value
