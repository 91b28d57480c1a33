"""What a mapping may point at, read from a data version: codebook items, scale categories,
classifications and municipality numbers. Shared by the mapping check and the import engine."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from dashboard.data import versions
from dashboard.importer import values


def norm(value) -> str:
    """How values are matched: trimmed, inner whitespace collapsed, case-insensitive; '1.0' = '1'."""
    return values.norm(values.number_text(value))


OTHER_WORDS = frozenset({"andre", "annet", "anna", "other", "others", "ovrige", "annen"})


def is_other(*texts) -> bool:
    """An item meaning «Andre»/«Annet»/"Other": its element code or text is one of those words."""
    return any(isinstance(t, str) and values.fold(t) in OTHER_WORDS for t in texts)


@dataclass(frozen=True)
class Codebook:
    items: pd.DataFrame                          # kodebok, indexed by sporsmal_id
    scales: dict[str, dict[str, tuple[str, str]]]   # scale -> {category code: (label nb, label nn)}
    classes: dict[str, dict[str, tuple[str, str]]]  # classification -> {code: (label nb, label nn)}
    municipalities: frozenset[str]
    district: frozenset[str]

    @classmethod
    def from_version(cls, version: versions.DataVersion) -> Codebook:
        return _load(version.path, version.id)

    def item_ids(self, group: str | None = None) -> list[str]:
        items = self.items if group is None else self.items[self.items["respondentgruppe"] == group]
        return list(items.index)

    def scale_of(self, item: str) -> str:
        return str(self.items.at[item, "skala"])

    def block_of(self, item: str) -> tuple[str, str, str]:
        """The checkbox block an item belongs to: (blokk, respondentgruppe, aktor or '')."""
        row = self.items.loc[item]
        aktor = row["aktor"] if isinstance(row["aktor"], str) else ""
        return str(row["blokk"]), str(row["respondentgruppe"]), aktor

    def block_items(self, item: str) -> list[str]:
        """The items of ``item``'s block (same blokk, group and actor), in codebook order."""
        return [i for i in self.items.index if self.block_of(i) == self.block_of(item)]

    def other_items(self, item: str) -> list[str]:
        """The «Andre»/«Annet» items of ``item``'s block (where a form's "Other" free text belongs)."""
        rows = self.items.loc[self.block_items(item)]
        return [i for i, r in rows.iterrows() if is_other(r["element"], r["element_nb"], r["element_nn"])]

    def category_lookup(self, scale: str) -> dict[str, str]:
        """norm(code or label in either language) -> category code."""
        return _lookup(self.scales.get(scale, {}))

    def class_lookup(self, klass: str) -> dict[str, str]:
        return _lookup(self.classes.get(klass, {}))


def _lookup(cats: dict[str, tuple[str, str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for code, labels in cats.items():
        for text in (*labels, code):
            if isinstance(text, str) and text:
                out.setdefault(norm(text), code)
    return out


@lru_cache(maxsize=4)
def _load(path, version_id: str) -> Codebook:
    def read(name: str) -> pd.DataFrame:
        return pd.read_parquet(path / f"{name}.parquet")

    items = read("kodebok").set_index("sporsmal_id")
    scales: dict[str, dict[str, tuple[str, str]]] = {}
    for r in read("kodebok_skala").sort_values("rekkefolge").itertuples():
        scales.setdefault(r.skala, {})[r.kode] = (r.etikett_nb, r.etikett_nn)
    classes: dict[str, dict[str, tuple[str, str]]] = {}
    for r in read("klassifikasjoner").sort_values("rekkefolge").itertuples():
        classes.setdefault(r.klassifikasjon, {})[r.kode] = (r.etikett_nb, r.etikett_nn)
    kommuner = read("kommuner")[["kommunenummer", "distriktskommune"]]
    return Codebook(items, scales, classes, frozenset(kommuner["kommunenummer"]),
                    frozenset(kommuner.loc[kommuner["distriktskommune"], "kommunenummer"]))
