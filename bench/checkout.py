"""Another commit of the project, checked out as a git worktree in a temporary folder, so the browser
benchmark can measure the app as it was ("before") in the same run as today's app and the floor. The
old app runs with today's venv (``streamlit run dashboard/app.py`` in the worktree; the app puts its own
folder first on ``sys.path``, so it imports its own ``dashboard`` package and reads its own data)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dashboard.paths import ROOT


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()


def resolve(rev: str) -> str:
    """The full commit id of ``rev`` (an error naming it when git does not know it)."""
    try:
        return _git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    except subprocess.CalledProcessError:
        raise ValueError(f"ukjent commit: {rev}") from None


@contextmanager
def worktree(rev: str) -> Iterator[Path]:
    """The project at ``rev`` in a temporary folder; the worktree is removed afterwards."""
    sha = resolve(rev)
    folder = Path(tempfile.mkdtemp(prefix=f"bench-ref-{sha[:9]}-"))
    _git("worktree", "add", "--detach", str(folder), sha)
    try:
        yield folder
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(folder)], cwd=ROOT, capture_output=True)


def url_paths(folder: Path) -> list[str]:
    """The page paths of the app in ``folder``, in its sidebar's order (read by its own code)."""
    layered = (folder / "dashboard" / "ui" / "navigation.py").exists()  # the layout since issue 22
    module = "dashboard.ui.navigation" if layered else "dashboard" + ".navigation"
    code = f"import sys, importlib; sys.path.insert(0, {str(folder)!r}); " \
           f"print(','.join(importlib.import_module({module!r}).URL_PATHS))"
    out = subprocess.run([sys.executable, "-c", code], cwd=folder, check=True, capture_output=True, text=True)
    return out.stdout.strip().split(",")
