"""Which survey numbers may be shown: the disclosure decision of a data version (dashboard.data.survey_groups'
lattice of predefined groups), made once per version at build and import, stored with the version folder
and reused for the same data; and the groups withheld because a new version differs from an old one by
1-4 respondents."""

from __future__ import annotations

import json
import logging
import os
import threading
from pathlib import Path

from dashboard import paths
from dashboard.data import survey_groups, versions
from dashboard.data.catalogue import question_patterns
from dashboard.data.connections import read

log = logging.getLogger(__name__)


def lattice(version: versions.DataVersion) -> survey_groups.Lattice:
    return survey_groups.lattice_for(version.id, lambda: _build_lattice(version))


DECISION_FILE = "vern.json"


WITHHELD_FILE = "skjulte_grupper.json"


def _withheld(version: versions.DataVersion) -> dict[str, list]:
    try:
        return json.loads((version.path / WITHHELD_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def withhold(old: versions.DataVersion, new: versions.DataVersion) -> int:
    """Withhold, in the new version, every survey group shown in both that differs by 1-4 respondents
    (stored with the version; its decision is made again). Returns how many groups were withheld."""
    found = survey_groups.differences(lattice(old), lattice(new))
    withheld = _withheld(new)
    for rg, cell, _, _ in found:
        withheld.setdefault(rg, []).append(list(cell))
    tmp = new.path / (WITHHELD_FILE + ".tmp")
    tmp.write_text(json.dumps(withheld, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    tmp.replace(new.path / WITHHELD_FILE)
    survey_groups.forget(new.id)
    return len(found)


def decide_protection(version: versions.DataVersion) -> None:
    """Decide (once per data version, at build and import) which survey cells may be shown, and store
    the decision with the version folder (see dashboard.data.survey_groups), even when a version with
    the same id was read before."""
    _build_lattice(version)


_decided: dict[str, dict] = {}  # decisions made in this process, by fingerprint (the same data imported again)


def _read_decision(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _build_lattice(version: versions.DataVersion) -> survey_groups.Lattice:
    """The version's lattice; its decision is read from the version folder when it was made for the
    same inputs, else made now (tens of seconds) and stored there for the next process."""
    people = read("respondent_grupper", version)
    answers = read("respondent_svar", version)
    forms = read("filter_eierformer", version, sprak="nb")["kode"].tolist()
    withheld = _withheld(version)
    args = (people, read("filter_kommuner", version), forms, answers, question_patterns())
    fp = survey_groups.fingerprint(people, answers, forms, question_patterns(), withheld)
    path = version.path / DECISION_FILE
    own = _read_decision(path)
    if own and own.get("fingerprint") == fp:
        return survey_groups.Lattice(*args, decided=own)
    known = next((d for d in (_decided.get(fp), _read_decision(paths.BUILT / DECISION_FILE),
                              _read_decision(paths.decisions() / f"{fp}.json"))
                  if d and d.get("fingerprint") == fp), None)  # the same data decided before: copied, not redone
    lat = survey_groups.Lattice(*args, decided=known, withheld=withheld)
    _decided[fp] = {"fingerprint": fp, **lat.decision()}
    _write_decision(path, _decided[fp])
    if known is None:
        _write_decision(paths.decisions() / f"{fp}.json", _decided[fp])
    return lat


def _write_decision(path: Path, decision: dict) -> None:
    """Written whole or not at all (a unique temporary file renamed), so two processes never mix."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_text(json.dumps(decision, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:  # a read-only data folder: decided again in the next process
        log.warning("kunne ikke lagre vernebeslutningen i %s: %s", path, exc)


def group_size(group: survey_groups.Group, version: versions.DataVersion | None = None) -> dict[str, int]:
    """Respondents per respondent group in a predefined survey group (for 'N = 41 frivilligsentraler')."""
    lat = lattice(version or versions.current())
    return {rg: lat.n[rg].get(group.cell(), 0) for rg in survey_groups.RESPONDENT_GROUPS}


def version_differences(old: versions.DataVersion, new: versions.DataVersion) -> list[tuple[str, survey_groups.Group,
                                                                                         str | None, int, int]]:
    """Survey groups shown in both versions whose respondents differ by 1-4 (see survey_groups.differences):
    (respondent group, group, breakdown value or None, respondents before, after)."""
    out = []
    for rg, (fy, kl, ei, ro), a, b in survey_groups.differences(lattice(old), lattice(new)):
        own = ei if ei in survey_groups.OWNER_GROUPS else None
        out.append((rg, survey_groups.Group(fy, kl, own), ro or (ei if own is None else None), a, b))
    return out
