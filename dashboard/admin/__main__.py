"""``python -m dashboard.admin passord [--navn Kari]``: asks for an admin password twice and prints
its scrypt hash, to be put in DASHBOARD_ADMIN_PASSORD_HASH or the secrets. With ``--navn`` the
hash is named, so that several administrators can have their own password and the log says who
logged in (entries ``Kari:scrypt$...,Ola:scrypt$...``). The password itself is never stored or printed."""

from __future__ import annotations

import argparse
import getpass
import json
import sys

from dashboard.admin.auth import ENV_HASH, make_hash

MIN_LENGTH = 12


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m dashboard.admin", description="Lag et administratorpassord.")
    sub = p.add_subparsers(dest="kommando", required=True)
    pw = sub.add_parser("passord", help="spør om et passord og skriver ut hashen som skal i konfigurasjonen")
    pw.add_argument("--navn", help="administratorens navn (står i loggen); flere administratorer kan ha hvert sitt")
    return p


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    name = (args.navn or "").strip()
    if any(c in name for c in ",:$\"\n"):
        print("Navnet kan ikke inneholde komma, kolon, $ eller anførselstegn.", file=sys.stderr)
        return 2
    first = getpass.getpass(f"Nytt administratorpassord{' for ' + name if name else ''}: ")
    if len(first) < MIN_LENGTH:
        print(f"Passordet må ha minst {MIN_LENGTH} tegn.", file=sys.stderr)
        return 1
    if getpass.getpass("Gjenta passordet: ") != first:
        print("Passordene er ikke like.", file=sys.stderr)
        return 1
    stored = make_hash(first)
    if not name:
        print(f"{ENV_HASH}='{stored}'")
        return 0
    print(f"{ENV_HASH}='{name}:{stored}'")
    print("# eller i .streamlit/secrets.toml under [admin.passord]:")
    print(f'{json.dumps(name, ensure_ascii=False)} = "{stored}"')
    print("# flere administratorer i miljøvariabelen: skill oppføringene med komma", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
