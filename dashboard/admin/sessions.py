"""Administrator sessions that outlive a browser reload and end everywhere on logout.

A password login gets a random token, kept in the browser as a cookie (``SameSite=Strict``, the
app's path) and on the server only as its sha256 in ``<state folder>/okter/<sha256>.json`` with the
administrator, the client address and the time. A reload (a new Streamlit session) reads the cookie
and resumes the login when the record exists, is younger than ``MAX_AGE`` and comes from the same
address. Logout deletes every record of that administrator and writes the time of the logout, so
every other tab of that administrator (password or OpenID Connect) is logged out on its next click.

A browser that has logged in also gets a long-lived cookie naming it as known (``nettleser-<sha256>.json``):
it may still try a password when its address has had too many failures (dashboard.admin.auth.Throttle).
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import time

from dashboard import paths

FOLDER = "okter"
COOKIE = "fs_admin_okt"
BROWSER_COOKIE = "fs_admin_nettleser"   # a browser that has logged in before (exempt from an address's cap)
MAX_AGE = 12 * 3600  # seconds a login lasts without a new password
BROWSER_AGE = 365 * 24 * 3600


def _folder():
    return paths.VERSIONS / FOLDER


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _write(path, payload: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


def start(user: str, client: str, now: float | None = None) -> str:
    """A new login of ``user`` from ``client``; returns the token for the browser's cookie."""
    token = secrets.token_urlsafe(32)
    _write(_folder() / f"{_digest(token)}.json", {"bruker": user, "klient": client, "start": now or time.time()})
    return token


def resume(token: str | None, client: str, now: float | None = None) -> tuple[str, float] | None:
    """(user, login time) of a valid token from the same client, else None (an expired record is deleted)."""
    if not token:
        return None
    path = _folder() / f"{_digest(token)}.json"
    try:
        rec = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    now = now or time.time()
    if now - rec["start"] > MAX_AGE or ended(rec["bruker"], rec["start"]):
        path.unlink(missing_ok=True)
        return None
    return (rec["bruker"], rec["start"]) if rec.get("klient") == client else None


def _logout_path(user: str):
    return _folder() / f"utlogget-{_digest(user)}"


def ended(user: str, since: float | None) -> bool:
    """``user`` logged out (in some tab) after ``since`` (the login this session rests on)."""
    try:
        stamp = float(_logout_path(user).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return since is None or stamp >= since


def end_everywhere(user: str, now: float | None = None) -> int:
    """Log ``user`` out in every tab and browser: records deleted, the logout time written. Returns
    how many saved logins were deleted."""
    removed = 0
    folder = _folder()
    for path in folder.glob("*.json") if folder.is_dir() else []:
        try:
            if json.loads(path.read_text(encoding="utf-8")).get("bruker") == user:
                path.unlink(missing_ok=True)
                removed += 1
        except (OSError, ValueError):
            continue
    stamp = _logout_path(user)
    stamp.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp.write_text(repr(now or time.time()), encoding="utf-8")
    return removed


def remember_browser(user: str) -> str:
    """A token for a browser that has logged in (kept on the server as its sha256 only)."""
    token = secrets.token_urlsafe(32)
    _write(_folder() / f"nettleser-{_digest(token)}.json", {"bruker": user, "start": time.time()})
    return token


def known_browser(token: str | None, now: float | None = None) -> bool:
    if not token:
        return False
    try:
        rec = json.loads((_folder() / f"nettleser-{_digest(token)}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (now or time.time()) - rec["start"] <= BROWSER_AGE


def _set(name: str, value: str, age: int) -> str:
    return (f"document.cookie = '{name}={value}; Max-Age={age}; Path=/; SameSite=Strict'"
            f" + (location.protocol === 'https:' ? '; Secure' : '');")


def cookie_script(token: str | None, browser: str | None = None) -> str:
    """JavaScript that stores the login cookie (and a new browser's cookie), or with None deletes the login."""
    if token is None:
        return f"<script>{_set(COOKIE, '', 0)}</script>"
    known = _set(BROWSER_COOKIE, browser, BROWSER_AGE) if browser else ""
    return f"<script>{_set(COOKIE, token, MAX_AGE)}{known}</script>"
