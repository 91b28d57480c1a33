"""Work in progress, kept per administrator in the state folder so that nothing is lost: the mapping
as edited (and the draft it came from, its scores and notes), the uploaded files' names and sha256,
and the version written for the preview. Saved after every change on the page; read again by a new
session of the same administrator (a reload, a new login, another browser). Deleted when the version
is taken into use or the work is cancelled.

    <state folder>/arbeid/<sha256 of the administrator>.json

The uploaded files themselves stay in the session's private temporary folder (never in the state
folder: they may hold contact data and free text). A new session takes them over while that folder
still exists (the grace period after a reload) and their hashes match; otherwise the page asks for the
same files again and tells when a file is not the one the mapping was made for.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

from dashboard import paths
from dashboard.admin import upload
from dashboard.admin.flow import Flow

FOLDER = "arbeid"


def path(user: str) -> Path:
    return paths.VERSIONS / FOLDER / f"{hashlib.sha256(user.encode('utf-8')).hexdigest()[:32]}.json"


def _scores(scores) -> list:
    if not isinstance(scores, dict):
        return []
    return [[*k, v] for k, v in scores.items() if isinstance(k, tuple) and isinstance(v, (int, float))]


def payload(user: str, flow: Flow) -> dict:
    files = {r: {"navn": s.name, "storrelse": s.size, "sha256": s.sha256} for r, s in flow.workspace.files.items()}
    return {"bruker": user, "filer": files or flow.expected, "mappe": str(flow.workspace.path), "base": flow.base,
            "data": flow.data, "treff": _scores(flow.scores), "merknader": flow.notes,
            "ny_versjon": flow.new_version, "laget": flow.created, "i_bruk_ved_forhandsvisning": flow.previewed_from}


def save(user: str, flow: Flow) -> bool:
    """Write the work if it changed since the last save of this flow; True when written."""
    if not (flow.workspace.files or flow.base is not None or flow.new_version):
        return False
    body = payload(user, flow)
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, default=str)
    if text == flow.saved:
        return False
    target = path(user)
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamped = json.dumps({**body, "lagret": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")},
                         ensure_ascii=False, indent=1, default=str)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.write_text(stamped, encoding="utf-8")
    os.replace(tmp, target)
    flow.saved = text
    return True


def load(user: str) -> dict | None:
    try:
        return json.loads(path(user).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def forget(user: str) -> None:
    path(user).unlink(missing_ok=True)


def _take_over_files(flow: Flow, saved: dict) -> None:
    """Copy the files of the earlier session's folder when it still holds exactly these files."""
    folder = Path(saved.get("mappe") or "")
    for role, meta in (saved.get("filer") or {}).items():
        old = folder / role / meta["navn"]
        try:
            data = old.read_bytes()
        except OSError:
            continue
        if hashlib.sha256(data).hexdigest() == meta["sha256"]:
            try:
                flow.workspace.save(role, meta["navn"], data)
            except upload.UploadRefused:
                continue


def restore(user: str) -> Flow | None:
    """The saved work of ``user`` as a new Flow (None when there is none)."""
    saved = load(user)
    if not saved:
        return None
    flow = Flow()
    flow.expected = saved.get("filer") or {}
    base, data = saved.get("base"), saved.get("data")
    if base is not None:
        flow.set_mapping(data if data is not None else base,
                         {(a, b): v for a, b, v in saved.get("treff") or []}, saved.get("merknader") or [])
    _take_over_files(flow, saved)
    written = saved.get("ny_versjon")
    flow.new_version = written if written and (paths.VERSIONS / written).is_dir() else None
    flow.created = bool(saved.get("laget"))
    flow.previewed_from = saved.get("i_bruk_ved_forhandsvisning")
    flow.restored_at = saved.get("lagret")
    return flow
