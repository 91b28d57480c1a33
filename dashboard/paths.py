"""Where things live. Everything is relative to the project root (the folder above this package).

DASHBOARD_STATE_DIR moves the imported data versions and the version marker elsewhere (tests and
benchmarks use a temporary folder so they never touch the installation's own data).
DASHBOARD_DECISION_CACHE moves the disclosure decisions kept by data fingerprint (see decisions()).
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "queries"
PAGES = ROOT / "pages"
RAW = ROOT / "data" / "raw"
# The shipped build (committed, demo data). Imported versions live in VERSIONS.
BUILT = Path(os.environ.get("DASHBOARD_BUILT_DIR", ROOT / "data" / "built"))
VERSIONS = Path(os.environ.get("DASHBOARD_STATE_DIR", ROOT / "data" / "versions"))
OUTPUT = ROOT / "output"  # ignored by git: screenshots, benchmark scratch, test artefacts


def decisions() -> Path:
    """Disclosure decisions by data fingerprint, kept beside the imported versions: importing data that was
    decided before (a preview imported again, the same files after a restart) reuses its decision."""
    return Path(os.environ.get("DASHBOARD_DECISION_CACHE") or VERSIONS / ".vern")
