"""Command line: ``python -m dashboard <command>`` (also installed as ``dashboard``)."""

from __future__ import annotations

import argparse
import sys


def _build(args: argparse.Namespace) -> int:
    from dashboard.build import build_all
    from dashboard.paths import BUILT

    build_all(out=args.out or BUILT)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="dashboard", description="Frivilligsentral-dashbordet: data og verktøy")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("build-data", help="bygg Parquet-filene i data/built fra data/raw")
    p.add_argument("--out", type=__import__("pathlib").Path, default=None, help="annen utmappe (for tester)")
    p.set_defaults(func=_build)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
