"""The import report: Markdown for people (printed by the CLI, written by ``--rapport FILE.md``) and
JSON for programs (``--rapport FILE.json``, ``--json``, the browser import page).

Identical problems are one entry with a count, the first rows and values, and the fix; errors,
warnings and notes are apart. Text from the files (values, column and file names) is shown cut to a
sane length, with control characters made visible and Markdown links, images and tags neutralised."""

from __future__ import annotations

import json
import re

from dashboard.importer.problems import ERROR, NOTE, WARNING, Group, shorten
from dashboard.ui import fmt

TITLES = {ERROR: "Feil", WARNING: "Advarsler", NOTE: "Merknader (hva importen har gjort med verdiene)"}
# backslash, code, tags, images, links, bare URLs and e-mail addresses (GFM autolinks), formulas ($) and
# Streamlit's :colour[...] / :icon: directives
_UNSAFE = re.compile(r"(\\|`|<|\$|@|!(?=\[)|\](?=\()|(?<=:)//|:(?=[A-Za-z])|(?<=www)\.)", re.IGNORECASE)


def safe(text: str, limit: int = 300) -> str:
    """Text for the Markdown report: one line, cut, no link/image/tag can come out of it."""
    return _UNSAFE.sub(lambda m: "\\" + m.group(1) if m.group(1) != "//" else "/\\/", shorten(text, limit))


def headline(result) -> str:
    errors = result.collected.count(ERROR)
    if not result.ok:
        return (f"Importen ble avvist: {fmt.integer(errors)} feil. Ingenting er endret; gjeldende dataversjon er "
                f"{result.current}.")
    if result.dry_run:
        return (f"Kontroll uten import (--dry-run): filene er gyldige og kan importeres. Ingenting er skrevet; "
                f"gjeldende dataversjon er {result.current}.")
    if result.switched:
        return f"Importert: ny dataversjon {result.version.id} er tatt i bruk."
    return (f"Importert: ny dataversjon {result.version.id} er skrevet, men ikke tatt i bruk; gjeldende "
            f"dataversjon er {result.current}.")


def markdown(result) -> str:
    c = result.collected
    totals = (f"{fmt.integer(c.count(ERROR))} feil, {fmt.integer(c.count(WARNING))} advarsler, "
              f"{fmt.integer(c.count(NOTE))} merknader.")
    lines = ["# Importrapport", "", headline(result), "", totals]
    if result.counts:
        lines += ["", "| Tabell | Rader |", "|---|---:|"]
        lines += [f"| {name} | {fmt.integer(n)} |" for name, n in result.counts.items()]
    for severity in (ERROR, WARNING, NOTE):
        groups = c.groups(severity)
        if not groups:
            continue
        entries = [[g] for g in groups] if severity != NOTE else _across_columns(groups)
        lines += ["", f"## {TITLES[severity]} ({fmt.integer(len(entries))})", ""]
        for i, gs in enumerate(entries, start=1):
            lines += entry(i, gs[0]) if len(gs) == 1 else columns_entry(i, gs)
    return "\n".join(lines) + "\n"


def _across_columns(groups: list[Group]) -> list[list[Group]]:
    """Notes saying the same thing about several columns of a file, as one entry (counted per column)."""
    merged: dict[object, list[Group]] = {}
    for g in groups:
        merged.setdefault((g.file, g.message, g.fix) if g.column else id(g), []).append(g)
    return list(merged.values())


def columns_entry(i: int, gs: list[Group]) -> list[str]:
    total = sum(g.count for g in gs)
    head = (f"{i}. **{safe(gs[0].file, 120)} – {fmt.integer(total)} {'rad' if total == 1 else 'rader'} i "
            f"{fmt.integer(len(gs))} kolonner**: {safe(gs[0].message, 600)}")
    out = [head, "   - per kolonne: " + ", ".join(f"«{safe(g.column, 80)}» {fmt.integer(g.count)}" for g in gs)]
    if gs[0].fix:
        out.append(f"   - Slik retter du det: {safe(gs[0].fix, 600)}")
    return out


def entry(i: int, g: Group) -> list[str]:
    where = safe(g.file, 120) + (f", kolonne «{safe(g.column, 80)}»" if g.column else "")
    many = g.count > 1 or g.rows
    count = f" – {fmt.integer(g.count)} {'rad' if g.count == 1 else 'rader'}" if many else ""
    out = [f"{i}. **{where}{count}**: {safe(g.message, 600)}"]
    details = []
    if g.rows:
        more = " …" if g.count > len(g.rows) else ""
        details.append(f"{'rad' if len(g.rows) == 1 else 'første rader'} {', '.join(map(str, g.rows))}{more}")
    if any(g.values):
        shown = [f"«{safe(v, 100)}»" + (f" ({fmt.integer(n)})" if g.count > 1 else "")
                 for v, n in g.value_counts.items()]
        details.append(("verdi " if len(shown) == 1 else "verdier ") + ", ".join(shown))
    if details:
        out.append("   - " + "; ".join(details))
    if g.fix:
        out.append(f"   - Slik retter du det: {safe(g.fix, 600)}")
    return out


def to_json(result) -> str:
    c = result.collected
    data = {
        "ok": result.ok,
        "dry_run": result.dry_run,
        "version": result.version.id if result.version else None,
        "switched": bool(result.version) and result.switched,
        "current_version": result.current,
        "summary": headline(result),
        "counts": result.counts,
        "totals": {"errors": c.count(ERROR), "warnings": c.count(WARNING), "notes": c.count(NOTE)},
        "problems": [g.to_dict() for g in c.groups()],
    }
    return json.dumps(data, ensure_ascii=False, indent=1)
