"""Command line: ``python -m dashboard <command>`` (also installed as ``dashboard``).

    build-data                      build data/built from data/raw (deterministic)
    import --register R --frivilligsentral F --kommune K --mapping M [--diskurs D] [--dry-run]
           [--rapport FILE.md|FILE.json] [--json] [--ikke-ta-i-bruk]
    data list                       the data versions, the current one marked
    data use VERSION                switch to a version ("levert" = the shipped demo build)
    eksporter-demo --out DIR        write the demo data as survey-tool files (for trying the import)
    mapping-mal [--demo]            print the mapping template (or the demo export's mapping)
    mapping-forslag --register R --frivilligsentral F --kommune K [--diskurs D] --out M.toml
                                    draft a commented mapping from the files themselves
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _build(args: argparse.Namespace) -> int:
    from dashboard.paths import BUILT
    from dashboard.pipeline import build_all

    build_all(out=args.out or BUILT)
    return 0


def _import(args: argparse.Namespace) -> int:
    from dashboard.importer import run_import

    result = run_import(args.register, args.frivilligsentral, args.kommune, args.mapping, diskurs=args.diskurs,
                        dry_run=args.dry_run, switch=not args.ikke_ta_i_bruk)
    if result.ok and result.version is not None:  # decided now, not on the first visitor's page
        from dashboard.data import protection

        protection.decide_protection(result.version)
    text = result.to_json() if args.json else result.report()
    print(text, file=sys.stdout if result.ok or args.json else sys.stderr)
    if args.rapport:
        as_json = Path(args.rapport).suffix.lower() == ".json"
        try:
            Path(args.rapport).write_text((result.to_json() if as_json else result.report()) + "\n", encoding="utf-8")
        except OSError as exc:
            print(f"Kunne ikke skrive rapporten til {args.rapport}: {exc.strerror}", file=sys.stderr)
            return 2
    return 0 if result.ok else 2


def _data_list(args: argparse.Namespace) -> int:
    from dashboard.data import versions

    current = versions.current().id
    for v in versions.available():
        mark = "*" if v.id == current else " "
        when = v.manifest.get("importert", "levert med produktet")
        files = ", ".join(f["navn"] for f in v.manifest.get("filer", [])) or "demodata"
        rows = sum(t["rader"] for t in v.manifest["tabeller"].values())
        print(f"{mark} {v.id:<24} {v.kind:<7} {when:<26} {rows:>8} rader  {files}")
    return 0


def _data_use(args: argparse.Namespace) -> int:
    from dashboard.data import versions

    try:
        v = versions.use(args.version)
    except KeyError as exc:
        print(exc.args[0], file=sys.stderr)
        return 2
    print(f"Dataversjon {v.id} er tatt i bruk.")
    return 0


def _export_demo(args: argparse.Namespace) -> int:
    from dashboard.importer.template import export_demo

    for role, path in export_demo(args.out).items():
        print(f"{role:<18} {path}")
    return 0


def _template(args: argparse.Namespace) -> int:
    from dashboard.importer.template import mapping_text

    sys.stdout.write(mapping_text(template=not args.demo))
    return 0


def _draft(args: argparse.Namespace) -> int:
    from dashboard.importer.draft import DraftError, draft

    try:
        d = draft(args.register, args.frivilligsentral, args.kommune, args.diskurs)
    except DraftError as exc:
        print(exc, file=sys.stderr)
        return 2
    args.out.write_text(d.to_toml(), encoding="utf-8")
    print(f"Utkast skrevet til {args.out}: {len(d.scores)} kolonner koblet, {len(d.todos)} TODO-linjer.")
    for section, key, reason in d.todos:
        print(f"  TODO [{section}] {key}: {reason}")
    for section, text in d.warnings:
        print(f"  ADVARSEL [{section}] {text}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="dashboard", description="Frivilligsentral-dashbordet: data og verktøy")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("build-data", help="bygg Parquet-filene i data/built fra data/raw")
    p.add_argument("--out", type=Path, default=None, help="annen utmappe (for tester)")
    p.set_defaults(func=_build)

    p = sub.add_parser("import", help="importer ekte register og spørreundersøkelser")
    p.add_argument("--register", type=Path, required=True, help="registeret over frivilligsentraler (.csv/.xlsx/.sav)")
    p.add_argument("--frivilligsentral", type=Path, required=True, help="frivilligsentralenes svar")
    p.add_argument("--kommune", type=Path, required=True, help="kommunenes svar")
    p.add_argument("--mapping", type=Path, required=True, help="mappingfil (.toml eller .yaml)")
    p.add_argument("--diskurs", type=Path, default=None, help="valgfritt: hoveddiskurs per kommune")
    p.add_argument("--dry-run", action="store_true", help="bare kontroller, skriv ingenting")
    p.add_argument("--rapport", type=Path, default=None,
                   help="skriv rapporten også til denne filen (.json gir JSON, ellers Markdown)")
    p.add_argument("--json", action="store_true", help="skriv rapporten som JSON på standard ut (for programmer)")
    p.add_argument("--ikke-ta-i-bruk", action="store_true",
                   help="skriv den nye dataversjonen uten å ta den i bruk (bytt senere med 'data use')")
    p.set_defaults(func=_import)

    p = sub.add_parser("data", help="vis og bytt dataversjon")
    dsub = p.add_subparsers(dest="data_command", required=True)
    dsub.add_parser("list", help="vis dataversjonene").set_defaults(func=_data_list)
    u = dsub.add_parser("use", help="ta i bruk en dataversjon")
    u.add_argument("version")
    u.set_defaults(func=_data_use)

    p = sub.add_parser("eksporter-demo", help="skriv demodataene som filer fra et spørreverktøy")
    p.add_argument("--out", type=Path, required=True)
    p.set_defaults(func=_export_demo)

    p = sub.add_parser("mapping-mal", help="skriv mappingmalen til standard ut")
    p.add_argument("--demo", action="store_true", help="mappingen for demoeksporten i stedet for malen")
    p.set_defaults(func=_template)

    p = sub.add_parser("mapping-forslag", help="skriv et utkast til mapping ut fra filene")
    for role, required, text in (("register", True, "registeret"), ("frivilligsentral", True, "sentralenes svar"),
                                 ("kommune", True, "kommunenes svar"), ("diskurs", False, "valgfritt: diskurs"),
                                 ("out", True, "mappingfilen som skrives (.toml)")):
        p.add_argument(f"--{role}", type=Path, required=required, default=None, help=text)
    p.set_defaults(func=_draft)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
