"""versions.current() is read from disk only when the marker (or a manifest) changed."""

from __future__ import annotations

import json
import shutil

from dashboard import paths
from dashboard.data import versions


def _copy_shipped(dest, vid: str) -> None:
    dest.mkdir(parents=True)
    manifest = dict(versions.shipped().manifest, versjon=vid)
    (dest / versions.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")


def test_current_is_cached_until_the_marker_changes(isolated_state, monkeypatch):
    reads = []
    real = versions._read_current
    monkeypatch.setattr(versions, "_read_current", lambda: reads.append(1) or real())
    first = versions.current()
    assert versions.current() is first and versions.current() is first
    assert len(reads) == 1, "the marker and manifest were read again though nothing changed"

    _copy_shipped(isolated_state / "v2", "v2")
    assert versions.use("v2").id == "v2"
    assert versions.current().id == "v2" and len(reads) == 2
    versions.use("levert")
    assert versions.current().id == first.id and len(reads) == 3


def test_a_removed_version_falls_back_to_the_shipped_build(isolated_state):
    _copy_shipped(isolated_state / "v3", "v3")
    versions.use("v3")
    assert versions.current().id == "v3"
    shutil.rmtree(isolated_state / "v3")
    assert versions.current().id == versions.shipped().id
    assert paths.VERSIONS == isolated_state
