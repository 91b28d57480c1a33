"""``python -m dashboard.admin passord``: asks for the admin password twice and prints its scrypt
hash, to be put in DASHBOARD_ADMIN_PASSORD_HASH or ``[admin] passord_hash`` in the secrets.
The password itself is never stored or printed."""

from __future__ import annotations

import getpass
import sys

from dashboard.admin.auth import ENV_HASH, make_hash

MIN_LENGTH = 12


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv != ["passord"]:
        print("Bruk: python -m dashboard.admin passord", file=sys.stderr)
        return 2
    first = getpass.getpass("Nytt administratorpassord: ")
    if len(first) < MIN_LENGTH:
        print(f"Passordet må ha minst {MIN_LENGTH} tegn.", file=sys.stderr)
        return 1
    if getpass.getpass("Gjenta passordet: ") != first:
        print("Passordene er ikke like.", file=sys.stderr)
        return 1
    print(f"{ENV_HASH}='{make_hash(first)}'")
    return 0


if __name__ == "__main__":
    sys.exit(main())
