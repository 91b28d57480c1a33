"""versions.using_data: a tool (the benchmark) points the gateway at another build and back, through a
public function instead of patching module globals."""

from __future__ import annotations

import json
import shutil

import pandas as pd

from dashboard import paths
from dashboard.data import gateway, versions
from dashboard.data.filters import Filters


def _smaller_copy(dest):
    """The shipped build with only ten centres, under another version id."""
    shutil.copytree(paths.BUILT, dest)
    s = pd.read_parquet(dest / "sentraler.parquet")
    s.head(10).to_parquet(dest / "sentraler.parquet", index=False)
    manifest = json.loads((dest / versions.MANIFEST).read_text(encoding="utf-8"))
    manifest["versjon"] = "test-ti-sentraler"
    (dest / versions.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")


def _centres() -> int:
    return int(gateway.run("nokkeltall_kommuner", Filters()).df.iloc[0]["sentraler"])


def test_the_gateway_reads_the_other_folder_inside_the_block_and_the_shipped_build_after(tmp_path, isolated_state):
    _smaller_copy(tmp_path / "built")
    shipped_id, shipped_centres = versions.current().id, _centres()
    assert shipped_centres > 10
    with versions.using_data(built=tmp_path / "built") as v:
        assert v.id == versions.current().id == "test-ti-sentraler"
        assert _centres() == 10
    assert versions.current().id == shipped_id and _centres() == shipped_centres
    assert paths.BUILT != tmp_path / "built" and paths.VERSIONS == isolated_state


def test_a_state_folder_with_a_marker_chooses_the_version_and_is_left_afterwards(tmp_path, isolated_state):
    state = tmp_path / "state"
    _smaller_copy(state / "test-ti-sentraler")
    (state / versions.MARKER).write_text("test-ti-sentraler\n", encoding="utf-8")
    with versions.using_data(state=state):
        assert versions.current().id == "test-ti-sentraler" and _centres() == 10
    assert versions.current().id == versions.shipped().id and paths.VERSIONS == isolated_state
