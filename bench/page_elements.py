"""Every page's elements in four URL states, today and at another commit, compared: the proof that a
restructuring changed no behaviour a user can see (texts, numbers, widgets, chart specs).

    python -m bench.page_elements --compare-ref HEAD~3

Each side runs in its own process with its own code (a git worktree for the other commit) and the same
venv; pages run in Streamlit's AppTest, opened straight from their URL. Exit code 1 when they differ,
with the first differences printed."""

from __future__ import annotations

import argparse
import difflib
import json
import os
import subprocess
import sys
from pathlib import Path

from bench import checkout
from dashboard.paths import ROOT

STATES = ({}, {"fylke": ["18"]}, {"kommune": ["3326"], "lang": ["nn"]},
          {"eierform": ["kommunal"], "klasse": ["6"], "pres": ["1"]})

_DUMP = r"""
import json, re, sys
sys.path.insert(0, {root!r})
from streamlit.testing.v1 import AppTest
try:
    from dashboard.ui import navigation
except ImportError:  # a commit from before the layered layout (issue 22)
    from dashboard import navigation

ID = re.compile(r'(\b(?:deferred_file_)?id: "[^"]*"|"uid": "[^"]*"|\$\$ID-[0-9a-f]+)')


def walk(node, out, depth=0):
    for child in getattr(node, "children", {{}}).values():
        proto = getattr(child, "proto", None)
        text = ID.sub("", str(proto)) if proto is not None else ""
        out.append("  " * depth + type(child).__name__ + " " + text.replace("\n", " | ")[:4000])
        walk(child, out, depth + 1)


pages = {{path: "../pages/" + file for file, path, *_ in navigation.SPECS}}
result = {{}}
for state in json.loads({states!r}):
    for path in navigation.URL_PATHS:
        at = AppTest.from_file({app!r}, default_timeout=180)
        for k, v in state.items():
            at.query_params[k] = v
        if path != navigation.URL_PATHS[0]:
            at.switch_page(pages[path])
        at.run()
        out = []
        walk(at.main, out)
        walk(at.sidebar, out)
        result[path + "?" + json.dumps(state, sort_keys=True)] = out
print(json.dumps(result))
"""


def dump(folder: Path) -> dict[str, list[str]]:
    """{page?state: element lines} of the app in ``folder``, from its own code."""
    code = _DUMP.format(root=str(folder), states=json.dumps(STATES), app=str(folder / "dashboard" / "app.py"))
    env = {**os.environ, "PYTHONHASHSEED": "0"}  # the same set order on both sides
    out = subprocess.run([sys.executable, "-c", code], cwd=folder, capture_output=True, text=True, check=True, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def differences(before: dict[str, list[str]], after: dict[str, list[str]], most: int = 40) -> list[str]:
    lines: list[str] = []
    for view in sorted(set(before) | set(after)):
        a, b = before.get(view), after.get(view)
        if a != b:
            lines.append(f"== {view}")
            lines += list(difflib.unified_diff(a or [], b or [], lineterm="", n=0))[2:12]
    return lines[:most]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--compare-ref", metavar="COMMIT", required=True, help="commit to compare today's pages with")
    args = ap.parse_args(argv)
    after = dump(ROOT)
    with checkout.worktree(args.compare_ref) as ref:
        before = dump(ref)
    diff = differences(before, after)
    views, elements = len(after), sum(len(v) for v in after.values())
    print(f"{views} views, {elements} elements: " + ("identical" if not diff else "DIFFERENT"))
    print("\n".join(diff))
    return 1 if diff else 0


if __name__ == "__main__":
    raise SystemExit(main())
