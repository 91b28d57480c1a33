"""One administrator's way through an update, without the widgets: the uploaded files, the mapping
being edited, the check (dry run), the new version written beside today's (``switch=False``), the
atomic switch, cancel, and switching back. Every import, switch and cancel is written to the log.
"""

from __future__ import annotations

import contextlib
import hashlib
import inspect
import json
import os
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from dashboard import paths
from dashboard.admin import audit, mapping_table, upload
from dashboard.data import versions
from dashboard.importer import run_import, write

MAPPING_FILE = "mapping.toml"


@dataclass
class Check:
    ok: bool
    report: str
    errors: int
    warnings: int
    fingerprint: str
    result: object = None   # the ImportResult, for the page's own report (dashboard/admin/check_report.py)


@dataclass
class Flow:
    workspace: upload.Workspace = field(default_factory=upload.Workspace)
    base: dict | None = None           # the mapping the tables were made from (draft or uploaded file)
    scores: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)   # what the draft says a person must settle or know
    generation: int = 0                # bumps when the tables are replaced, so the editors start afresh
    data: dict | None = None           # the mapping as edited in the tables
    check: Check | None = None
    new_version: str | None = None     # written by the import, not yet in use
    created: bool = False              # the import wrote a new folder (not an identical earlier version)
    preview: object | None = None
    previewed_from: str | None = None  # the version in use when the preview was written
    expected: dict = field(default_factory=dict)  # role -> name, size, sha256 of the files saved work was made for
    saved: str | None = None           # the last saved work (dashboard/admin/work.py), to skip unchanged saves
    restored_at: str | None = None     # when the work this flow was restored from was saved
    settled: list = field(default_factory=list)  # (what, chosen) settled in the list of open choices

    def set_mapping(self, data: dict, scores=None, notes: list[str] | None = None) -> None:
        self.base, self.data = data, data
        self.scores, self.notes = scores or {}, notes or []
        self.generation += 1
        self.forget_check()

    def forget_check(self) -> None:
        self.check, self.preview = None, None

    def ready(self) -> bool:
        return all(r in self.workspace.files for r in ("register", "frivilligsentral", "kommune"))

    def fingerprint(self) -> str:
        files = sorted((r, s.sha256) for r, s in self.workspace.files.items())
        return hashlib.sha256(json.dumps([files, self.data], sort_keys=True, default=str).encode()).hexdigest()

    def checked(self) -> bool:
        """The check passed for exactly these files and this mapping."""
        return bool(self.check and self.check.ok and self.check.fingerprint == self.fingerprint())


def supports_preview() -> bool:
    """The importer can write a version without switching to it (``switch=False``)."""
    return "switch" in inspect.signature(run_import).parameters


def _arguments(flow: Flow) -> tuple[list[Path], dict]:
    f = flow.workspace.files
    mapping = flow.workspace.save_text(MAPPING_FILE, mapping_table.to_toml(flow.data or {}))
    kwargs = {"diskurs": f["diskurs"].path if "diskurs" in f else None}
    return [f["register"].path, f["frivilligsentral"].path, f["kommune"].path, mapping], kwargs


def _severity_counts(result) -> tuple[int, int]:
    """Every occurrence counted (result.problems holds only the first examples of each group)."""
    return result.count("feil"), result.count("advarsel") + result.count("merknad")


def check(flow: Flow, progress: Callable[[str], None]) -> Check:
    args, kwargs = _arguments(flow)
    result = run_import(*args, **kwargs, dry_run=True, progress=progress)
    errors, warnings = _severity_counts(result)
    flow.check = Check(bool(result.ok), result.report(), errors, warnings, flow.fingerprint(), result)
    flow.preview = None
    return flow.check


IMPORTING = ".import-pagar.json"
IMPORT_STALE = 3600  # seconds: a note older than this was left by a server that stopped mid-import


class Busy(RuntimeError):
    """Another import is running now: (who, since when as a Unix time) in ``args``."""


@contextlib.contextmanager
def importing(user: str):
    """A note in the state folder while ``user`` imports, so other administrators see it; taken atomically, so
    that two imports never run at once (Busy when another one holds it; a note left by a stopped server is
    replaced)."""
    paths.VERSIONS.mkdir(parents=True, exist_ok=True)
    note = paths.VERSIONS / IMPORTING
    tmp = note.with_name(f"{IMPORTING}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_text(json.dumps({"bruker": user, "start": time.time()}, ensure_ascii=False), encoding="utf-8")
    try:
        _take(tmp, note)
    finally:
        tmp.unlink(missing_ok=True)
    try:
        yield
    finally:
        note.unlink(missing_ok=True)


def _take(tmp: Path, note: Path) -> None:
    """Link the complete note into place (fails when one is there); a stale note is removed once."""
    for _ in range(2):
        try:
            os.link(tmp, note)
            return
        except FileExistsError:
            running = import_in_progress()
            if running is not None:
                raise Busy(*running) from None
            note.unlink(missing_ok=True)
    raise Busy(*(import_in_progress() or ("?", time.time())))


def import_in_progress(now: float | None = None) -> tuple[str, float] | None:
    """(who, since when as a Unix time) of an import running now, or None."""
    try:
        rec = json.loads((paths.VERSIONS / IMPORTING).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if (now or time.time()) - rec["start"] > IMPORT_STALE:
        return None
    return rec["bruker"], rec["start"]


class Stale(RuntimeError):
    """The version in use changed (another administrator) since the preview was made."""


def write_new(flow: Flow, user: str, progress: Callable[[str], None]):
    """Import the checked files into a new version that is not yet in use (or, with an importer
    that cannot hold it back, in use at once), with the mapping used beside it. Returns the ImportResult."""
    if not flow.checked():
        raise RuntimeError("the files and mapping must pass the check first")
    args, kwargs = _arguments(flow)
    before = {v.id for v in versions.available()}
    in_use = versions.current().id
    held = supports_preview()
    with importing(user):
        result = run_import(*args, **kwargs, progress=progress, **({"switch": False} if held else {}))
    if not result.ok or result.version is None:
        flow.check = Check(False, result.report(), *_severity_counts(result), flow.fingerprint(), result)
        return result
    flow.new_version, flow.created = result.version.id, result.version.id not in before
    flow.previewed_from = in_use
    audit.log("import", user, versjon=result.version.id, tatt_i_bruk=not held, rader=dict(result.counts),
              filer=[{"rolle": s.role, "navn": s.name, "sha256": s.sha256} for s in flow.workspace.files.values()])
    return result


def mapping_of(v: versions.DataVersion) -> bytes | None:
    """The mapping a version was imported with (None: the shipped build, or an import from the command line)."""
    try:
        return (v.path / write.MAPPING_FILE).read_bytes()
    except OSError:
        return None


def switch(version_id: str, user: str, *, expect: str | None = None) -> versions.DataVersion:
    """Make a version current (atomic, one switch at a time) and log it. With ``expect``: only when the
    version in use is still ``expect`` (else Stale, nothing changed)."""
    with versions.lock():
        before = versions.current().id
        if expect is not None and before != expect:
            raise Stale(before)
        v = versions.use(version_id)
    audit.log("bytt", user, fra=before, til=v.id)
    return v


def take_into_use(flow: Flow, user: str) -> versions.DataVersion:
    """The preview's version into use, unless another administrator switched since the preview (Stale)."""
    v = switch(flow.new_version, user, expect=flow.previewed_from)
    flow.workspace.close()  # the uploaded files are deleted after the import
    return v


def cancel(flow: Flow, user: str) -> None:
    """Delete the uploaded files and the version this flow wrote, unless it is in use by now."""
    removed = None
    if flow.new_version and flow.created:
        with versions.lock():
            if flow.new_version != versions.current().id:
                shutil.rmtree(paths.VERSIONS / flow.new_version, ignore_errors=True)
                removed = flow.new_version
    flow.workspace.close()
    audit.log("avbrutt", user, **({"slettet_versjon": removed} if removed else {}))
