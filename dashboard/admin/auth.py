"""Who is an administrator.

Two ways, in this order:

1. **OpenID Connect** through Streamlit's built-in login (``st.login``), configured in the ``[auth]``
   section of ``.streamlit/secrets.toml`` (Microsoft Entra ID, ID-porten, ...). An administrator is a
   logged-in user whose e-mail (or ``[admin] felt``: the claim to compare) is on the allow-list
   ``[admin] epost = [...]`` in the secrets (or ``DASHBOARD_ADMIN_EPOST``, comma-separated).
2. Where no identity provider is configured: **local admin passwords**, stored only as scrypt hashes
   (``DASHBOARD_ADMIN_PASSORD_HASH`` or ``[admin] passord_hash``: ``navn:hash`` entries separated by
   commas, or ``[admin] passord = { Kari = "scrypt$..." }``; make one with
   ``python -m dashboard.admin passord --navn Kari``), compared in constant time, with a growing delay
   after failed attempts per client address (one client's failures never delay another client).

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
from dataclasses import dataclass, field

import streamlit as st

from dashboard.admin import sessions
from dashboard.ui import state, url_state

ENV_HASH = "DASHBOARD_ADMIN_PASSORD_HASH"
ENV_EMAILS = "DASHBOARD_ADMIN_EPOST"
SCRYPT = {"n": 2**14, "r": 8, "p": 1}  # 16 MB of memory per check
DEFAULT_CLAIMS = ("email", "preferred_username", "upn")
PASSWORD_USER = "lokal administrator (passord)"
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


def _entries(value) -> dict[str, str]:
    """``navn:scrypt$...`` or a bare ``scrypt$...`` (the unnamed local administrator), comma-separated."""
    out = {}
    for part in str(value or "").split(","):
        part = part.strip()
        if not part:
            continue
        name, _, stored = part.rpartition(":") if ":" in part.split("$", 1)[0] else ("", "", part)
        out[name.strip() or PASSWORD_USER] = stored.strip()
    return out


def password_hashes() -> dict[str, str]:
    """Administrator name -> scrypt hash, from the environment and the secrets (invalid ones left out)."""
    settings = _admin_settings()
    found = {**_entries(settings.get("passord_hash")), **_entries(os.environ.get(ENV_HASH))}
    named = settings.get("passord")
    if isinstance(named, dict):
        found.update({str(k): str(v) for k, v in named.items()})
    valid = {}
    for name, stored in found.items():
        try:
            _parse(stored)
        except ValueError:
            log.error("the password hash of %r (%s / [admin]) is not a valid scrypt hash; left out", name, ENV_HASH)
            continue
        valid[name] = stored
    return valid


def password_hash() -> str | None:
    """The first configured hash (None: no password login)."""
    return next(iter(password_hashes().values()), None)


def method() -> str | None:
    """'oidc', 'passord', or None (no administrators: the page does not exist)."""
    if oidc_provider() is not None:
        return "oidc"
    return "passord" if password_hashes() else None


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


ADDRESS_CAP = 30      # failures from one address within RESET_AFTER: then only browsers known from a login try


@dataclass
class _Client:
    failures: int = 0
    last: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


class Throttle:
    """Per client (its address and browser session): its attempts one at a time, each failure waiting
    longer than the one before. A client guessing never delays another (the real administrator in
    another browser, even behind the same proxy address). New sessions do not buy unlimited guesses:
    after ``ADDRESS_CAP`` failures from one address within a quarter of an hour, that address may only
    try again from a browser that has logged in before (see sessions.known_browser)."""

    def __init__(self, sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic):
        self._clients: dict[str, _Client] = {}
        self._addresses: dict[str, list[float]] = {}
        self._guard = threading.Lock()
        self._sleep, self._clock = sleep, clock

    def _client(self, client: str) -> _Client:
        with self._guard:
            return self._clients.setdefault(client, _Client())

    def failures(self, client: str = "") -> int:
        return self._client(client).failures

    def blocked(self, address: str, known: bool = False) -> float:
        """Seconds until ``address`` may try again without a known browser (0: it may now)."""
        now = self._clock()
        with self._guard:
            recent = [x for x in self._addresses.get(address, []) if now - x <= RESET_AFTER]
            self._addresses[address] = recent
        return 0.0 if known or len(recent) < ADDRESS_CAP else RESET_AFTER - (now - recent[0])

    def attempt(self, password: str, stored: str | dict[str, str], client: str = "",
                address: str | None = None) -> str | None:
        """The name of the administrator whose password this is (``stored``: name -> hash, or one
        hash), or None after the client's delay."""
        hashes = stored if isinstance(stored, dict) else {PASSWORD_USER: stored}
        c = self._client(client)
        with c.lock:
            if self._clock() - c.last > RESET_AFTER:
                c.failures = 0
            who = next((name for name, h in hashes.items() if password and verify(password, h)), None)
            if who is not None:
                c.failures = 0
                return who
            c.failures += 1
            c.last = self._clock()
            with self._guard:
                self._addresses.setdefault(address if address is not None else client, []).append(c.last)
            self._sleep(delay(c.failures))
            return None


THROTTLE = Throttle()


def client_address() -> str:
    """The client's address as the server sees it (behind a proxy: the proxy's unless it forwards it)."""
    try:
        value = st.context.ip_address
    except Exception:  # noqa: BLE001 - outside a Streamlit session
        return "ukjent"
    return value if isinstance(value, str) and value else "ukjent"


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
    """The administrator using this session, or None (also after a logout in another tab)."""
    m = method()
    if m == "oidc":
        who = _claim()
        if not (who and who.lower() in allow_list()):
            return None
        since = state.ADMIN_SINCE.setdefault(time.time())
        return None if sessions.ended(who, since) else who
    if m == "passord":
        return _password_user()
    return None


def oidc_logged_out_elsewhere() -> bool:
    """An allowed OpenID Connect user whose login in this session ended by a logout in another tab."""
    who = oidc_identity()
    return bool(who and who.lower() in allow_list() and sessions.ended(who, state.ADMIN_SINCE.get()))


def _cookie(name: str = sessions.COOKIE) -> str | None:
    try:
        value = st.context.cookies.get(name)
    except Exception:  # noqa: BLE001 - no request (AppTest, command line)
        return None
    return value if isinstance(value, str) else None


def _password_user() -> str | None:
    user = state.ADMIN_USER.get()
    if user is not None:
        if sessions.ended(user, state.ADMIN_SINCE.get()):
            state.ADMIN_USER.pop()
            state.ADMIN_SINCE.pop()
            return None
        return user
    resumed = sessions.resume(_cookie(), client_address())
    if resumed is None:
        return None
    state.ADMIN_USER.set(resumed[0])
    state.ADMIN_SINCE.set(resumed[1])
    return resumed[0]


def log_in(user: str) -> None:
    """This session belongs to ``user`` from now on; the browser gets a cookie so a reload keeps it."""
    state.ADMIN_USER.set(user)
    since = state.ADMIN_SINCE.set(time.time())
    known = sessions.known_browser(_cookie(sessions.BROWSER_COOKIE))
    state.ADMIN_COOKIE.set((sessions.start(user, client_address(), since),
                            None if known else sessions.remember_browser(user)))


def known_browser() -> bool:
    """This browser has logged in as an administrator before (its cookie names a saved record)."""
    return sessions.known_browser(_cookie(sessions.BROWSER_COOKIE))


def log_out(user: str) -> None:
    """End ``user``'s login in this tab and every other (their saved logins are deleted)."""
    sessions.end_everywhere(user)
    for slot in (state.ADMIN_USER, state.ADMIN_SINCE, state.ADMIN_LOGIN_REQUESTED, state.ADMIN_COOKIE):
        slot.pop()


def is_admin() -> bool:
    return current_user() is not None


def login_requested() -> bool:
    """``?admin=1`` (or ``?admin``) in the URL of this session asks for the login."""
    if not state.ADMIN_LOGIN_REQUESTED.get() and url_state.param("admin") is not None:
        state.ADMIN_LOGIN_REQUESTED.set(True)
    return bool(state.ADMIN_LOGIN_REQUESTED.get())


def page_visible() -> bool:
    """The admin page is in the navigation only for administrators, and (as a login form) for a
    session that asked for it with ``?admin=1`` or is logged in through OpenID Connect."""
    if method() is None:
        return False
    return is_admin() or login_requested() or oidc_identity() is not None
