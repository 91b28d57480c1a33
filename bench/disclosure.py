"""How long the disclosure decision takes: ``python -m bench.disclosure [--runs 3]`` writes its section
of BENCHMARKS.md (replacing an older one). The decision (dashboard.data.disclosure through
dashboard.data.survey_groups) is made once per data version, at build and import, and stored with the
version; the app then only reads it. Both are measured on the shipped build, in a copy of it."""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from bench.host import machine
from bench.stats import median
from dashboard import paths
from dashboard.data import protection, survey_groups, versions

START = "\n## Personvern: vernebeslutningen per dataversjon"


def _time(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def measure(runs: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-vern-") as tmp:
        built = Path(tmp) / "built"
        shutil.copytree(paths.BUILT, built)
        version = versions._load(built)
        decide, read = [], []
        for _ in range(runs):
            (built / protection.DECISION_FILE).unlink(missing_ok=True)
            survey_groups.forget(version.id)
            decide.append(_time(lambda: protection.decide_protection(version)))
            survey_groups.forget(version.id)
            read.append(_time(lambda: protection.lattice(version)))
        lat = protection.lattice(version)
        per = {rg: len({frozenset(c) for c in lat.shown_for[rg].values()}) for rg in lat.shown}
        return {"decide": median(decide), "read": median(read), "runs": runs,
                "cells": {rg: (len(cs), len(lat.n[rg])) for rg, cs in lat.shown.items()}, "sets": per,
                "questions": {rg: len(q) for rg, q in lat.shown_for.items()}}


def section(r: dict) -> str:
    rows = [f"| {rg} | {kept} av {total} | {r['questions'][rg]} | {r['sets'][rg]} |"
            for rg, (kept, total) in r["cells"].items()]
    return "\n".join([
        START.strip(), "",
        f"Målt {time.strftime('%Y-%m-%d')} med `python -m bench.disclosure --runs {r['runs']}` på: {machine()}.", "",
        f"- Beslutningen (alle grupper, hvert spørsmål): **{r['decide']:.1f} s** (median), én gang per dataversjon "
        "ved bygging og import.",
        f"- Appen leser den lagrede beslutningen (`vern.json`): **{r['read'] * 1000:.0f} ms**.", "",
        "| respondentgruppe | grupper som kan vises | spørsmål og mønstre | ulike svarmengder |",
        "|---|---|---|---|", *rows, ""])


def write(out: Path, r: dict) -> None:
    old = out.read_text(encoding="utf-8") if out.exists() else ""
    if START in old:
        head, _, rest = old.partition(START)
        nxt = rest.find("\n## ")
        old = head + (rest[nxt:] if nxt >= 0 else "")
    out.write_text(old.rstrip("\n") + "\n\n" + section(r), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.disclosure")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", type=Path, default=paths.ROOT / "BENCHMARKS.md")
    args = ap.parse_args(argv)
    r = measure(args.runs)
    write(args.out, r)
    print(section(r))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
