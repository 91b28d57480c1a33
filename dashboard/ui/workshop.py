"""The co-creation workshop's answers, kept by the browser and never on the server: several municipalities'
checklists (status and note per question, the drivers/barriers note), written compactly into the link
(``?sk=``) and the browser's own storage (localStorage), and as a JSON file that can be uploaded to go on.

Why the link and the browser: a refresh, a laptop waking up or a browser restart keeps the link and the
browser's storage, and the link or the file carries the work to another machine; the server forgets
everything when the session ends, so nothing about a workshop is stored there.
"""

from __future__ import annotations

import base64
import json
import zlib
from dataclasses import dataclass, field

LEVELS = ("niva1", "niva2", "niva3")
QUESTIONS = ("q1", "q2", "q3")
ITEMS = tuple(f"{lv}_{q}" for lv in LEVELS for q in QUESTIONS)
STATUS = ("status_ikke_drottet", "status_avklart", "status_delvis", "status_ikke")
URL_KEY = "sk"
STORAGE_KEY = "frivilligsentraler.samskaping"
URL_MAX = 6000  # characters of ?sk= a link carries; a longer workshop is kept in the browser and the file
FILE_FORMAT = "frivilligsentraler-samskaping"
NONE = "-"  # the checklist of no municipality in particular


class WorkshopError(ValueError):
    """A workshop file or link that cannot be read: a message key (``samskaping.feil.<key>``) and the field."""

    def __init__(self, key: str, **fields: str):
        super().__init__(key, fields)
        self.key, self.fields = key, fields


@dataclass
class Checklist:
    status: dict[str, str] = field(default_factory=dict)  # item -> one of STATUS (missing: the first)
    notes: dict[str, str] = field(default_factory=dict)  # item -> note
    drivers: str = ""

    def empty(self) -> bool:
        return not any(s != STATUS[0] for s in self.status.values()) and not any(
            n.strip() for n in self.notes.values()) and not self.drivers.strip()

    def discussed(self) -> int:
        return sum(1 for i in ITEMS if self.status.get(i, STATUS[0]) != STATUS[0] or self.notes.get(i, "").strip())


@dataclass
class Workshop:
    active: str = NONE
    lists: dict[str, Checklist] = field(default_factory=dict)

    def kept(self) -> dict[str, Checklist]:
        return {k: c for k, c in self.lists.items() if not c.empty()}

    def get(self, kommune: str) -> Checklist:
        return self.lists.setdefault(kommune, Checklist())


def _compact(w: Workshop) -> dict:
    return {"a": w.active, "l": {k: {"s": "".join(str(STATUS.index(c.status.get(i, STATUS[0]))) for i in ITEMS),
                                     "n": {i: n for i, n in c.notes.items() if n.strip()}, "d": c.drivers}
                                 for k, c in w.kept().items()}}


def to_link(w: Workshop) -> str:
    """The workshop as a short URL-safe text ('' when nothing is written)."""
    if not w.kept():
        return ""
    raw = json.dumps(_compact(w), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return "1." + base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode("ascii").rstrip("=")


def from_link(text: str) -> Workshop:
    """Read :func:`to_link`'s text; raises WorkshopError naming what is wrong."""
    version, _, body = text.partition(".")
    if version != "1" or not body:
        raise WorkshopError("lenke")
    try:
        data = json.loads(zlib.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))).decode("utf-8"))
        lists = {}
        for k, c in data["l"].items():
            codes = c["s"]
            if len(codes) != len(ITEMS) or any(ch not in "0123" for ch in codes):
                raise WorkshopError("lenke")
            lists[str(k)] = Checklist({i: STATUS[int(ch)] for i, ch in zip(ITEMS, codes, strict=True)},
                                      {i: str(n) for i, n in c.get("n", {}).items() if i in ITEMS},
                                      str(c.get("d", "")))
        return Workshop(str(data.get("a", NONE)), lists)
    except WorkshopError:
        raise
    except Exception as exc:  # noqa: BLE001 - any damage to the text is the same answer
        raise WorkshopError("lenke") from exc


def to_file(w: Workshop, names: dict[str, str]) -> bytes:
    """The workshop as a readable JSON file (every municipality's checklist), to upload and go on."""
    data = {"format": FILE_FORMAT, "versjon": 1, "aktiv": w.active,
            "kommuner": {k: {"navn": names.get(k, ""), "status": {i: c.status.get(i, STATUS[0]) for i in ITEMS},
                             "notater": {i: c.notes.get(i, "") for i in ITEMS}, "drivere": c.drivers}
                         for k, c in w.kept().items()}}
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def from_file(raw: bytes, known: set[str]) -> Workshop:
    """Read :func:`to_file`'s JSON; raises WorkshopError naming the field that is wrong."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise WorkshopError("json", detalj=str(exc)) from exc
    if not isinstance(data, dict) or data.get("format") != FILE_FORMAT:
        raise WorkshopError("format", format=FILE_FORMAT)
    lists = {}
    lists_in = data.get("kommuner") or {}
    if not isinstance(lists_in, dict) or not all(isinstance(c, dict) for c in lists_in.values()):
        raise WorkshopError("kommuner", felt="kommuner")
    for k, c in lists_in.items():
        if k != NONE and k not in known:
            raise WorkshopError("kommune", felt=f"kommuner.{k}")
        status = c.get("status") or {}
        for i, s in status.items():
            if i not in ITEMS or s not in STATUS:
                raise WorkshopError("status", felt=f"kommuner.{k}.status.{i}", verdi=str(s))
        notes = c.get("notater") or {}
        if not all(isinstance(n, str) for n in notes.values()):
            raise WorkshopError("notat", felt=f"kommuner.{k}.notater")
        lists[k] = Checklist(dict(status), {i: n for i, n in notes.items() if i in ITEMS}, str(c.get("drivere", "")))
    active = str(data.get("aktiv") or NONE)
    return Workshop(active if active in lists or active == NONE else NONE, lists)
