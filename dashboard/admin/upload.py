"""The session's upload folder: the uploaded files live only here, in a private temporary folder of
the server (mode 0700), and are deleted after the import, on cancel, and when the session ends:
the folder is named after the Streamlit session, and a janitor thread deletes the folder of a
session that has been gone (not connected) for ``DASHBOARD_OPPLASTING_GRACE`` seconds (default
300, longer than Streamlit keeps a disconnected session for a reconnect). The folder also goes when
the session's state is garbage-collected, and a folder left by a crashed server after a day.

A file over the size limit (``DASHBOARD_OPPLASTING_MAKS_MB``, default 50 MB) is refused with a
message naming the file, its size and the limit; the earlier files of the session are kept.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import threading
import time
import weakref
from dataclasses import dataclass
from pathlib import Path

from dashboard.ui import fmt

ROOT_NAME = "frivilligsentral-opplasting"
DEFAULT_LIMIT_MB = 50
STALE_AFTER = 24 * 3600  # seconds
MB = 1024 * 1024
ROLES = ("register", "frivilligsentral", "kommune", "diskurs")
SUFFIXES = (".csv", ".xlsx", ".sav", ".txt")


def limit_bytes() -> int:
    return int(float(os.environ.get("DASHBOARD_OPPLASTING_MAKS_MB", DEFAULT_LIMIT_MB)) * MB)


class UploadRefused(ValueError):
    pass


@dataclass(frozen=True)
class Stored:
    role: str
    name: str
    path: Path
    size: int
    sha256: str


def _root() -> Path:
    """This server process's folder (replicas on one machine never judge each other's sessions)."""
    root = Path(tempfile.gettempdir()) / ROOT_NAME
    root.mkdir(mode=0o700, exist_ok=True)
    mine = root / f"p{os.getpid()}"
    mine.mkdir(mode=0o700, exist_ok=True)
    return mine


def _running(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


def sweep(now: float | None = None) -> list[str]:
    """Delete upload folders untouched for a day (left by a server that stopped mid-session)."""
    now = now or time.time()
    removed = []
    for p in _root().parent.glob("p*"):
        if p.is_dir() and not _running(p.name[1:]) and not any(p.iterdir()):
            p.rmdir()  # the empty folder of a server process that has ended
    for d in _root().parent.glob("p*/okt-*"):
        try:
            if d.is_dir() and now - d.stat().st_mtime > STALE_AFTER:
                shutil.rmtree(d, ignore_errors=True)
                removed.append(d.name)
        except OSError:
            continue
    return removed


def _grace() -> float:
    return float(os.environ.get("DASHBOARD_OPPLASTING_GRACE", "300"))


def _session_alive(session_id: str) -> bool:
    try:
        from streamlit.runtime import Runtime

        return Runtime.instance().is_active_session(session_id)
    except Exception:  # noqa: BLE001 - no Streamlit runtime (tests, command line): never judge
        return True


_gone_since: dict[str, float] = {}


def sweep_ended(now: float | None = None, alive=_session_alive) -> list[str]:
    """Delete the folders of sessions that have not been connected for the grace period."""
    now = now or time.time()
    removed = []
    for d in _root().iterdir():
        sid = d.name.removeprefix("okt-").split("--", 1)[0] if "--" in d.name else ""  # "okt-<session>--<random>"
        if not sid or alive(sid):
            _gone_since.pop(d.name, None)
            continue
        if now - _gone_since.setdefault(d.name, now) >= _grace():
            shutil.rmtree(d, ignore_errors=True)
            _gone_since.pop(d.name, None)
            removed.append(d.name)
    return removed


_janitor_lock = threading.Lock()
_janitor: list[threading.Thread] = []


def _start_janitor() -> None:
    with _janitor_lock:
        if _janitor:
            return

        def run() -> None:
            while True:
                time.sleep(max(1.0, min(60.0, _grace() / 2)))
                try:
                    sweep_ended()
                    sweep()
                except OSError:
                    continue

        thread = threading.Thread(target=run, name="opplasting-rydder", daemon=True)
        thread.start()
        _janitor.append(thread)


def session_id() -> str | None:
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        ctx = get_script_run_ctx(suppress_warning=True)
        return ctx.session_id if ctx is not None else None
    except Exception:  # noqa: BLE001 - outside Streamlit
        return None


def _safe_name(name: str) -> str:
    base = Path(name).name.replace("\x00", "")
    return base if base and base not in (".", "..") else "fil"


class Workspace:
    """One session's folder. ``files`` holds the latest upload per role."""

    def __init__(self):
        sweep()
        sid = session_id()
        self.path = Path(tempfile.mkdtemp(prefix=f"okt-{sid}--" if sid else "okt-", dir=_root()))
        if sid:
            _start_janitor()
        self.files: dict[str, Stored] = {}
        # deleted when the session's state is dropped (session end), even if nobody calls close()
        self._finalizer = weakref.finalize(self, shutil.rmtree, str(self.path), True)

    def save(self, role: str, name: str, data: bytes) -> Stored:
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}")
        name = _safe_name(name)
        if len(data) > limit_bytes():
            raise UploadRefused(f"{name}: filen er for stor ({fmt.number(len(data) / MB, 1)} MB); grensen er "
                                f"{fmt.number(limit_bytes() / MB, 1 if limit_bytes() < MB else 0)} MB per fil.")
        if not data:
            raise UploadRefused(f"{name}: filen er tom.")
        if Path(name).suffix.lower() not in SUFFIXES:
            raise UploadRefused(f"{name}: ukjent filtype; bruk CSV, XLSX eller SPSS (.sav).")
        folder = self.path / role
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(mode=0o700)
        target = folder / name
        target.write_bytes(data)
        stored = Stored(role, name, target, len(data), hashlib.sha256(data).hexdigest())
        self.files[role] = stored
        return stored

    def save_text(self, name: str, text: str) -> Path:
        """A working file of the session (the mapping as TOML)."""
        target = self.path / _safe_name(name)
        target.write_text(text, encoding="utf-8")
        return target

    def remove(self, role: str) -> None:
        self.files.pop(role, None)
        shutil.rmtree(self.path / role, ignore_errors=True)

    def close(self) -> None:
        self.files.clear()
        self._finalizer()

    @property
    def closed(self) -> bool:
        return not self._finalizer.alive
