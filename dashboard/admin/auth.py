"""Who is an administrator.

Two ways, in this order:

1. **OpenID Connect** through Streamlit's built-in login (``st.login``), configured in the ``[auth]``
   section of ``.streamlit/secrets.toml`` (Microsoft Entra ID, ID-porten, ...). An administrator is a
   logged-in user whose e-mail (or ``[admin] felt``: the claim to compare) is on the allow-list
   ``[admin] epost = [...]`` in the secrets (or ``DASHBOARD_ADMIN_EPOST``, comma-separated).
2. Where no identity provider is configured: a **local admin password**, stored only as a scrypt hash
   (``DASHBOARD_ADMIN_PASSORD_HASH`` or ``[admin] passord_hash``; make one with
   ``python -m dashboard.admin passord``), compared in constant time, with a growing delay after
   failed attempts (one attempt at a time in the whole process).

Where neither is configured, nobody is an administrator and the page does not exist.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import os
import secrets
import threading
import time
from collections.abc import Callable

import streamlit as st

ENV_HASH = "DASHBOARD_ADMIN_PASSORD_HASH"
ENV_EMAILS = "DASHBOARD_ADMIN_EPOST"
SCRYPT = {"n": 2**14, "r": 8, "p": 1}  # 16 MB of memory per check
DEFAULT_CLAIMS = ("email", "preferred_username", "upn")
PASSWORD_USER = "lokal administrator (passord)"
SESSION_USER = "_admin_user"
LOGIN_REQUESTED = "_admin_login"
log = logging.getLogger(__name__)


# -- configuration ---------------------------------------------------------------------------------

def _secrets() -> dict:
    try:
        return st.secrets.to_dict()
    except Exception:  # noqa: BLE001 - no secrets file (or an unreadable one): nothing configured
        return {}


def _admin_settings() -> dict:
    section = _secrets().get("admin")
    return section if isinstance(section, dict) else {}


def oidc_provider() -> str | None:
    """The provider name for ``st.login`` ("" = the default ``[auth]`` provider), None if not configured."""
    section = _secrets().get("auth")
    if not isinstance(section, dict):
        return None
    if "client_id" in section and "server_metadata_url" in section:
        return ""
    named = [k for k, v in section.items() if isinstance(v, dict) and "client_id" in v]
    return named[0] if named else None


def allow_list() -> set[str]:
    listed = _admin_settings().get("epost", [])
    if isinstance(listed, str):
        listed = listed.split(",")
    listed = [*listed, *os.environ.get(ENV_EMAILS, "").split(",")]
    return {str(e).strip().lower() for e in listed if str(e).strip()}


def password_hash() -> str | None:
    value = os.environ.get(ENV_HASH) or _admin_settings().get("passord_hash")
    if not value:
        return None
    try:
        _parse(value)
    except ValueError:
        log.error("%s / [admin] passord_hash is not a valid scrypt hash; password login is off", ENV_HASH)
        return None
    return value


def method() -> str | None:
    """'oidc', 'passord', or None (no administrators: the page does not exist)."""
    if oidc_provider() is not None:
        return "oidc"
    return "passord" if password_hash() else None


# -- password hashing ----------------------------------------------------------------------------

def _b64(b: bytes) -> str:
    return base64.b64encode(b).decode("ascii")


def make_hash(password: str, *, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, dklen=32, **SCRYPT)
    return f"scrypt${SCRYPT['n']}${SCRYPT['r']}${SCRYPT['p']}${_b64(salt)}${_b64(digest)}"


def _parse(stored: str) -> tuple[int, int, int, bytes, bytes]:
    parts = stored.strip().split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        raise ValueError("expected scrypt$n$r$p$salt$hash")
    n, r, p = (int(x) for x in parts[1:4])
    return n, r, p, base64.b64decode(parts[4]), base64.b64decode(parts[5])


def verify(password: str, stored: str) -> bool:
    n, r, p, salt, digest = _parse(stored)
    candidate = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=len(digest),
                               maxmem=128 * n * r * p + 2**20)
    return hmac.compare_digest(candidate, digest)


# -- failed attempts: a growing delay -----------------------------------------------------------

MAX_DELAY = 30.0      # seconds
RESET_AFTER = 900.0   # seconds without a failure before the count starts again


def delay(failures: int) -> float:
    """Seconds a failed attempt waits: 1, 2, 4, 8, 16, then 30 for every further failure."""
    return 0.0 if failures <= 0 else min(2.0 ** (failures - 1), MAX_DELAY)


class Throttle:
    """Process-wide: attempts run one at a time, and each failure waits longer than the one before, so
    opening more sessions does not buy more guesses."""

    def __init__(self, sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic):
        self.failures = 0
        self.last = 0.0
        self._lock = threading.Lock()
        self._sleep, self._clock = sleep, clock

    def attempt(self, password: str, stored: str) -> bool:
        with self._lock:
            if self._clock() - self.last > RESET_AFTER:
                self.failures = 0
            if verify(password, stored):
                self.failures = 0
                return True
            self.failures += 1
            self.last = self._clock()
            self._sleep(delay(self.failures))
            return False


THROTTLE = Throttle()


# -- the session's user ----------------------------------------------------------------------------

def _claim() -> str | None:
    try:
        if not st.user.is_logged_in:
            return None
        wanted = _admin_settings().get("felt")
        for claim in ([wanted] if wanted else DEFAULT_CLAIMS):
            value = st.user.get(claim)
            if value:
                return str(value).strip()
    except Exception:  # noqa: BLE001 - no auth configured or no session: nobody is logged in
        return None
    return None


def oidc_identity() -> str | None:
    """Who is logged in through OpenID Connect (admin or not), or None."""
    return _claim() if method() == "oidc" else None


def current_user() -> str | None:
    """The administrator using this session, or None."""
    m = method()
    if m == "oidc":
        who = _claim()
        return who if who and who.lower() in allow_list() else None
    if m == "passord":
        return st.session_state.get(SESSION_USER)
    return None


def is_admin() -> bool:
    return current_user() is not None


def login_requested() -> bool:
    """``?admin=1`` (or ``?admin``) in the URL of this session asks for the login."""
    ss = st.session_state
    if not ss.get(LOGIN_REQUESTED) and "admin" in st.query_params:
        ss[LOGIN_REQUESTED] = True
    return bool(ss.get(LOGIN_REQUESTED))


def page_visible() -> bool:
    """The admin page is in the navigation only for administrators, and (as a login form) for a
    session that asked for it with ``?admin=1`` or is logged in through OpenID Connect."""
    if method() is None:
        return False
    return is_admin() or login_requested() or oidc_identity() is not None
