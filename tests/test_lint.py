"""House rules that keep the code easy to live in: ruff is clean and no function outside the tests is longer
than 60 lines (issue 14). Both run the real tools on the real tree, so a new long line or a long function fails."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CODE = ("dashboard", "pages", "bench")
MAX_LINES = 60


def test_ruff_is_clean():
    if shutil.which("ruff") is None and subprocess.run([sys.executable, "-m", "ruff", "--version"],
                                                        capture_output=True).returncode != 0:
        pytest.fail("ruff mangler: installer testavhengighetene (pip install -e '.[test]')")
    res = subprocess.run([sys.executable, "-m", "ruff", "check", "--output-format", "concise", "."], cwd=ROOT,
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr


def long_functions(folders=CODE, limit=MAX_LINES) -> list[str]:
    found = []
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    length = node.end_lineno - node.lineno + 1
                    if length > limit:
                        found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({length} linjer)")
    return found


def test_no_function_longer_than_60_lines():
    assert long_functions() == []


def test_the_length_check_sees_a_long_function(tmp_path, monkeypatch):
    folder = tmp_path / "pkg"
    folder.mkdir()
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_LINES))
    (folder / "m.py").write_text(f"def long():\n{body}\n", encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert long_functions(("pkg",)) == [f"pkg/m.py:1 long ({MAX_LINES + 1} linjer)"]


# the one module that may touch each of Streamlit's per-session stores (issue 22)
OWNERS = {"session_state": "dashboard/ui/state.py", "query_params": "dashboard/ui/url_state.py"}


def raw_session_access(folders=("dashboard", "pages")) -> list[str]:
    found = []
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            name = path.relative_to(ROOT).as_posix()
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Attribute) and OWNERS.get(node.attr, name) != name:
                    found.append(f"{name}:{node.lineno} st.{node.attr}")
    return found


def test_session_and_url_are_touched_only_by_their_modules():
    """Every session value has a name in dashboard/ui/state.py, every URL key is read and written through
    dashboard/ui/url_state.py: a raw ``st.session_state``/``st.query_params`` elsewhere fails."""
    assert raw_session_access() == []


def test_the_session_check_sees_a_raw_key(tmp_path, monkeypatch):
    (tmp_path / "dashboard").mkdir()
    (tmp_path / "dashboard" / "x.py").write_text("import streamlit as st\nst.session_state['k'] = 1\n")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert raw_session_access(("dashboard",)) == ["dashboard/x.py:2 st.session_state"]
