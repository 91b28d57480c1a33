"""Disclosure decisions kept between test runs (tests/decisions/), so a run does not decide again
what the same code decided for the same data before. A decision takes minutes for each new data
set the tests import (synthetic shapes, realistic exports); the suite imports a dozen of them.

Safe by construction: the app uses a kept decision only for the same data (its fingerprint), and the
seeds are used only while the code a decision rests on (CODE below) is unchanged, byte for byte;
after any change there they are ignored and the run decides anew. The audit in
tests/test_disclosure_audit.py proves whatever decision is shown safe either way.

Renew after a change to CODE: ``DASHBOARD_KEEP_DECISIONS=1 make test`` (keeps every decision the
run used)."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

from dashboard.paths import ROOT

SEEDS = ROOT / "tests" / "decisions"
STAMP = "code.sha256"
CODE = (*(f"dashboard/data/{m}.py" for m in ("disclosure", "survey_groups", "anonymity", "derived", "filters",
                                             "gateway", "catalogue", "connections", "protection")),
        "queries/respondent_grupper.sql", "queries/respondent_svar.sql", "queries/filter_eierformer.sql",
        "queries/filter_kommuner.sql")


def code_hash(root: Path = ROOT) -> str:
    h = hashlib.sha256()
    for name in CODE:
        h.update(name.encode() + b"\0" + (root / name).read_bytes() + b"\0")
    return h.hexdigest()


def plant(cache: Path, seeds: Path = SEEDS, code: str | None = None) -> int:
    """Copies the kept decisions into the run's decision cache if they were made by this code;
    returns how many (0 when the code changed since)."""
    stamp = seeds / STAMP
    if not stamp.exists() or stamp.read_text().strip() != (code or code_hash()):
        return 0
    planted = 0
    for f in sorted(seeds.glob("*.json.gz")):
        (cache / f.name.removesuffix(".gz")).write_bytes(gzip.decompress(f.read_bytes()))
        planted += 1
    return planted


def keep(cache: Path, seeds: Path = SEEDS, code: str | None = None) -> int:
    """Replaces the kept decisions with those in the run's cache, stamped with this code."""
    seeds.mkdir(parents=True, exist_ok=True)
    for old in seeds.glob("*.json.gz"):
        old.unlink()
    kept = 0
    for f in sorted(cache.glob("*.json")):
        (seeds / (f.name + ".gz")).write_bytes(gzip.compress(f.read_bytes(), mtime=0))
        kept += 1
    (seeds / STAMP).write_text((code or code_hash()) + "\n")
    return kept
