"""A new answer table (``verdier.<scale>``) drafted from the labels seen in the file: every distinct
answer in the columns mapped to items of that scale, each matched to the category whose label, code or
number it is (trimmed, case- and diacritics-insensitive); the rest left to choose ("TODO")."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.importer import readers
from dashboard.importer.readers import FileShape
from dashboard.importer.values import fold

MAX_LABELS = 200


def shape_of(fil: dict | None) -> FileShape:
    fil = fil or {}
    return FileShape(fil.get("ark"), fil.get("overskriftsrad"), int(fil.get("overskriftsrader") or 1))


def labels_seen(path: Path, fil: dict | None, columns: list[str]) -> list[str]:
    """The distinct answers (a .sav file's value labels where it has them) in ``columns``, in order seen."""
    table, _problems = readers.read(path, shape=shape_of(fil))
    if table is None:
        return []
    seen: dict[str, None] = {}
    for c in (c for c in columns if c in table.df.columns):
        labels = table.labels.get(c, {})
        for raw in table.df[c].dropna().astype(str):
            value = labels.get(raw.strip(), raw).strip()
            if value:
                seen.setdefault(value, None)
            if len(seen) >= MAX_LABELS:
                return list(seen)
    return list(seen)


def draft(scale_rows: pd.DataFrame, labels: list[str]) -> dict[str, str]:
    """label -> category code where it is plainly one (its label, code or number), else TODO."""
    known = {}
    for r in scale_rows.itertuples():
        for text in (r.etikett_nb, r.etikett_nn, r.kode, str(r.verdi)):
            if isinstance(text, str) and text:
                known.setdefault(fold(text), r.kode)
    return {label: known.get(fold(label), "TODO") for label in labels}


def columns_of_scale(section: dict, items: pd.DataFrame, scale: str) -> list[str]:
    """The file columns this section maps to items of ``scale``."""
    of_scale = set(items.loc[items["skala"] == scale, "sporsmal_id"])
    return [c for c, item in (section.get("sporsmal") or {}).items() if item in of_scale]
