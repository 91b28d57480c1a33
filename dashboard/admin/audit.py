"""The administrators' log: every import, version switch and login (failed or not), one JSON object
per line in ``<state folder>/admin-logg.jsonl`` (the folder where the data versions live).

    {"tid": "2026-11-26T01:02:03+00:00", "hendelse": "import", "bruker": "ola@example.no", "versjon": "import-..."}

Appending one short line with O_APPEND is atomic on a local file system, so concurrent sessions
never interleave their entries. The log never holds passwords, file contents or free text.
"""

from __future__ import annotations

import datetime as dt
import json
import os

from dashboard import paths

FILE = "admin-logg.jsonl"
EVENTS = ("import", "bytt", "innlogging", "innlogging_feilet", "utlogging", "avbrutt")


def path():
    return paths.VERSIONS / FILE


def log(event: str, user: str, **details) -> dict:
    if event not in EVENTS:
        raise ValueError(f"unknown audit event {event!r}")
    entry = {"tid": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "hendelse": event,
             "bruker": user, **details}
    paths.VERSIONS.mkdir(parents=True, exist_ok=True)
    line = (json.dumps(entry, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8")
    fd = os.open(path(), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        os.write(fd, line)
    finally:
        os.close(fd)
    return entry


def entries() -> list[dict]:
    """All entries, oldest first (a damaged line is skipped, never fatal)."""
    try:
        lines = path().read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    out = []
    for ln in lines:
        try:
            out.append(json.loads(ln))
        except ValueError:
            continue
    return out


def importers() -> dict[str, str]:
    """Version id -> who imported it (the last import entry for that id)."""
    return {e["versjon"]: e["bruker"] for e in entries() if e.get("hendelse") == "import" and "versjon" in e}
