"""Helpers for the import tests: the mapping as a dict, an import run on spoiled copies of the demo export,
the report's groups by text, and the strict mapping's problems. The demo export itself is the ``good`` and
``files`` fixtures in tests/conftest.py."""

from __future__ import annotations

import tomllib

import pandas as pd
import pytest

from dashboard import paths
from dashboard.importer import run_import
from dashboard.importer.mapping import MappingError, from_dict

TEMPLATE = paths.ROOT / "data" / "import" / "mal-mapping.toml"


def mapping(f) -> dict:
    return tomllib.loads(f["mapping"].read_text(encoding="utf-8"))


def run(f, m: dict | None = None, **kw):
    mp = from_dict(m, "mapping.toml") if m is not None else f["mapping"]
    return run_import(f["register"], f["frivilligsentral"], f["kommune"], mp, diskurs=f.get("diskurs"),
                      progress=lambda _: None, **kw)


def read_kommune(f) -> pd.DataFrame:
    return pd.read_excel(f["kommune"], dtype=str).fillna("")


def groups(result, severity=None):
    return [g for g in result.groups if severity is None or g.severity == severity]


def find(result, text, severity=None):
    hits = [g for g in groups(result, severity) if text in g.message]
    assert hits, "\n".join(f"{g.severity}: {g.message}" for g in result.groups)
    return hits


def template() -> dict:
    return tomllib.loads(TEMPLATE.read_text(encoding="utf-8"))


def problems(data) -> list[str]:
    with pytest.raises(MappingError) as exc:
        from_dict(data, "m.toml")
    assert exc.value.problems and all(p in str(exc.value) for p in exc.value.problems)
    return exc.value.problems
