"""`python -m dashboard import` as users run it (subprocess): a successful --dry-run (issue 9, item 1:
it crashed with AttributeError), the report as Markdown or JSON, --ikke-ta-i-bruk, a TODO mapping."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from dashboard import paths
from dashboard.importer.template import export_demo, mapping_text
from tests.support import timeouts

ROOT = paths.ROOT


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo_export_cli")
    files = export_demo(out)
    files["mapping"] = out / "mapping.toml"
    files["mapping"].write_text(mapping_text(template=False), encoding="utf-8")
    return files


def dashboard(args: list[str], state) -> subprocess.CompletedProcess:
    env = {**os.environ, "DASHBOARD_STATE_DIR": str(state)}
    return subprocess.run([sys.executable, "-m", "dashboard", *args], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=timeouts.CLI, check=False)


def import_args(files, *extra) -> list[str]:
    return ["import", "--register", str(files["register"]), "--frivilligsentral", str(files["frivilligsentral"]),
            "--kommune", str(files["kommune"]), "--diskurs", str(files["diskurs"]), "--mapping",
            str(files["mapping"]), *extra]


def test_dry_run_of_valid_files_exits_0_and_prints_the_summary(demo, tmp_path):
    state = tmp_path / "state"
    r = dashboard(import_args(demo, "--dry-run"), state)
    assert r.returncode == 0, r.stderr
    assert "Kontroll uten import (--dry-run): filene er gyldige" in r.stdout
    assert "| svar | 16\u00a0136 |" in r.stdout and "0 feil" in r.stdout
    assert "Traceback" not in r.stderr and "AttributeError" not in r.stderr
    assert not state.exists() or not [p for p in state.iterdir() if p.is_dir()]


def test_report_files_by_suffix_and_json_on_stdout(demo, tmp_path):
    state = tmp_path / "state"
    md, js = tmp_path / "rapport.md", tmp_path / "rapport.json"
    r = dashboard(import_args(demo, "--dry-run", "--rapport", str(md)), state)
    assert r.returncode == 0 and md.read_text(encoding="utf-8").startswith("# Importrapport")
    r = dashboard(import_args(demo, "--dry-run", "--rapport", str(js), "--json"), state)
    assert r.returncode == 0, r.stderr
    out, written = json.loads(r.stdout), json.loads(js.read_text(encoding="utf-8"))
    assert out["ok"] is True and out["dry_run"] is True and out["version"] is None
    assert written["counts"]["svar"] == 16136 and written["totals"]["errors"] == 0
    assert {"severity", "file", "column", "message", "fix", "count", "rows", "values"} <= set(written["problems"][0])


def test_import_without_switching_then_use(demo, tmp_path):
    state = tmp_path / "state"
    r = dashboard(import_args(demo, "--ikke-ta-i-bruk"), state)
    assert r.returncode == 0, r.stderr
    assert "er skrevet, men ikke tatt i bruk" in r.stdout
    listing = dashboard(["data", "list"], state).stdout
    imported = next(line.split()[0] for line in listing.splitlines() if "import-" in line)
    assert listing.startswith("* demo-") and imported.startswith("import-")
    assert dashboard(["data", "use", imported], state).returncode == 0
    assert f"* {imported}" in dashboard(["data", "list"], state).stdout
    kept = state / imported / "mapping.toml"  # the mapping used, kept with the version (issue 21)
    assert kept.read_bytes() == demo["mapping"].read_bytes()
    again = dashboard(import_args(demo, "--ikke-ta-i-bruk"), state)
    assert again.returncode == 0 and dashboard(["data", "list"], state).stdout.count("import-") == 2, \
        "the same files imported again get their own version id"


def test_a_mapping_with_todo_is_refused_with_the_places(demo, tmp_path):
    state = tmp_path / "state"
    text = demo["mapping"].read_text(encoding="utf-8").replace('Q2 = "k_velferd"', 'Q2 = "TODO"', 1)
    text = text.replace("[register]", "[register]\nfarge = \"blå\"", 1)
    mapping = tmp_path / "mapping.toml"
    mapping.write_text(text, encoding="utf-8")
    files = {**demo, "mapping": mapping}
    report = tmp_path / "r.md"
    r = dashboard(import_args(files, "--rapport", str(report)), state)
    assert r.returncode == 2
    assert "Importen ble avvist: 2 feil" in r.stderr
    assert "kommune.sporsmal.Q2: inneholder TODO" in r.stderr and "ukjent nøkkel «farge»" in r.stderr
    assert report.read_text(encoding="utf-8").count("TODO") >= 1
    assert not state.exists() or not [p for p in state.iterdir() if p.is_dir()]


def test_a_folder_given_as_a_file_is_a_clear_error(demo, tmp_path):
    r = dashboard(import_args({**demo, "register": tmp_path}), tmp_path / "state")
    assert r.returncode == 2 and "Importen ble avvist" in r.stderr
    assert tmp_path.name in r.stderr
