"""The check's report in the page's words: each problem names the tab, the table and the choice on this
page ("«Spørreundersøkelsen til kommunene», Filformat: overskriftsrad") instead of TOML sections or
command-line options; many missing columns of one file are said once, as the likely cause (the header
row); errors are counted one way: as problems to fix, each with the rows it touches.

The command line keeps its own report (dashboard/importer/report.py); this one is built from the same
problem groups.
"""

from __future__ import annotations

import re

from dashboard.admin import mapping_table as mt
from dashboard.importer.problems import ERROR, NOTE, WARNING, Group
from dashboard.importer.report import safe
from dashboard.ui import fmt
from dashboard.ui.i18n import t

MISSING_COLUMN = "kolonnen mangler i filen"
FOLLOWS = ("kolonnenavnet", "ukjent kolonne")  # with many missing columns: the same cause (a wrong header row)
ONE_CAUSE = 3  # this many missing columns in one file: the header row is the likely cause, said once


def _tab(role: str) -> str:
    return f"«{t(f'admin.fil.{role}')}»" if role in mt.SECTIONS else role


def _table(key: str) -> str:
    return f"«{t(f'admin.tab.{key}', skala='').replace(' ()', '')}»"


AT = r"(?:\b(?:i|under) (?:mappingens )?)?"  # "i [x]" and "under [x]": the replacement says where itself
_RULES = [  # (pattern, replacement builder) applied to messages and fixes
    (re.compile(r"fil = \{ ?overskriftsrad = (\d+) ?\}"), lambda m, r: t("admin.rapport.overskriftsrad", rad=m[1])),
    (re.compile(r"fil = \{ ?overskriftsrader = 2 ?\}"), lambda m, r: t("admin.rapport.overskriftsrader")),
    (re.compile(r'fil = \{ ?ark = "([^"]*)" ?\}'), lambda m, r: t("admin.rapport.ark", ark=m[1])),
    (re.compile(AT + r"\[(\w+)\.verdier\.(\w+)\]"), lambda m, r: t("admin.rapport.i_tabell", fane=_tab(m[1]),
                                                              tabell=f"«{t('admin.tab.verdier', skala=m[2])}»")),
    (re.compile(AT + r"\[(\w+|seksjon)\.kommuner\](-tabell)?"), lambda m, r: t(
        "admin.rapport.i_tabell", fane=_tab(r if m[1] == "seksjon" else m[1]), tabell=_table("kommuner"))),
    (re.compile(AT + r"\[(\w+)\]\.fil\b"), lambda m, r: t("admin.rapport.i_tabell", fane=_tab(m[1]),
                                                        tabell=_table("filformat"))),
    (re.compile(AT + r"\[(\w+)\]\.(fritekst|ignorer|kontaktinfo)"), lambda m, r: t(
        "admin.rapport.i_tabell", fane=_tab(m[1]), tabell=_table("andre"))),
    (re.compile(AT + r"\[(\w+)\]\.kolonner"), lambda m, r: t("admin.rapport.i_tabell", fane=_tab(m[1]),
                                                         tabell=_table("kolonner"))),
    (re.compile(AT + r"(?:\[(\w+)\.flervalg[^\]]*\](\.alternativer)?|(\S+)\.alternativer)"), lambda m, r: t(
        "admin.rapport.i_tabell", fane=_tab(m[1] or r), tabell=_table("flervalg"))),
    (re.compile(r"den står ikke i mappingen for \[(\w+)\]"), lambda m, r: t("admin.rapport.ikke_valgt",
                                                                               fane=_tab(m[1]))),
    (re.compile(r"under sporsmal, ignorer, kontaktinfo eller fritekst i mappingen"),
     lambda m, r: t("admin.rapport.sporsmal_eller_andre", fane=_tab(r))),
    (re.compile(r"under ikke_svar"), lambda m, r: t("admin.rapport.i_tabell", fane=_tab(r),
                                                    tabell=_table("ikke_svar"))),
    (re.compile(r"\[(\w+)\]( ?-seksjon)?"), lambda m, r: t("admin.rapport.fane", fane=_tab(m[1]))),
    (re.compile(r"rett mappingfilen; alle feil i den er listet"), lambda m, r: t("admin.rapport.rett_tabellene")),
    (re.compile(r" ?\(--dry-run\)"), lambda m, r: ""),
    (re.compile(r" i mappingen\b"), lambda m, r: ""),
]


def page_words(text: str | None, role: str) -> str:
    """A message or fix of the importer, in the page's words (``role``: the file's tab)."""
    out = text or ""
    for pattern, build in _RULES:
        out = pattern.sub(lambda m, b=build: b(m, role), out)
    return out


def role_of(group: Group, names: dict[str, str]) -> str:
    """The tab of a problem: the uploaded file it is about, or the mapping section it names."""
    if group.file in names:
        return names[group.file]
    found = re.search(r"\[(register|frivilligsentral|kommune|diskurs)\b", f"{group.message} {group.fix or ''}")
    return found[1] if found else ""


def _rows(g: Group) -> str:
    if not g.rows:
        return ""
    if g.count == 1:
        return t("admin.rapport.rad", rad=g.rows[0])
    more = " …" if g.count > len(g.rows) else ""
    return t("admin.rapport.rader", antall=fmt.integer(g.count), forste=", ".join(map(str, g.rows)) + more)


def _entry(g: Group, role: str) -> list[str]:
    where = _tab(role) + (f", {t('admin.rapport.kolonne')} «{safe(g.column, 80)}»" if g.column else "")
    out = [f"- **{where}**: {safe(page_words(g.message, role), 600)}"]
    details = [d for d in (_rows(g), ", ".join(f"«{safe(v, 80)}»" for v in g.values)) if d]
    if details:
        out.append("  " + "; ".join(details))
    if g.fix:
        out.append(f"  {t('admin.rapport.slik')} {safe(page_words(g.fix, role), 600)}")
    return out


def _one_cause(groups: list[Group], names: dict[str, str]) -> tuple[list[str], list[Group]]:
    """Many missing columns of one file: one entry naming the likely cause, and the groups left."""
    missing: dict[str, list[Group]] = {}
    for g in groups:
        if g.message.startswith(MISSING_COLUMN) and g.column:
            missing.setdefault(g.file, []).append(g)
    lines, said = [], set()
    for file, gs in missing.items():
        if len(gs) < ONE_CAUSE:
            continue
        role = role_of(gs[0], names)
        cols = ", ".join(f"«{safe(g.column, 60)}»" for g in gs[:8]) + (" …" if len(gs) > 8 else "")
        follow = [g for g in groups if g.file == file and g.message.startswith(FOLLOWS)]
        lines += [f"- **{_tab(role)}**: " + t("admin.rapport.en_arsak", antall=len(gs), kolonner=cols) +
                  (" " + t("admin.rapport.folger", antall=len(follow)) if follow else "")]
        said.update(id(g) for g in [*gs, *follow])
    return lines, [g for g in groups if id(g) not in said]


def markdown(result, names: dict[str, str]) -> tuple[str, int]:
    """The report for the page, and the number of errors counted as it counts them (problems to fix)."""
    lines, errors = [], 0
    for severity, key in ((ERROR, "feil"), (WARNING, "advarsler"), (NOTE, "merknader")):
        groups = result.collected.groups(severity)
        if not groups:
            continue
        said, rest = _one_cause(groups, names) if severity == ERROR else ([], groups)
        body = said + [ln for g in rest for ln in _entry(g, role_of(g, names))]
        count = len(body) - sum(ln.startswith("  ") for ln in body)
        errors += count if severity == ERROR else 0
        lines += ["", f"#### {t(f'admin.rapport.{key}', antall=fmt.integer(count))}", "", *body]
    return "\n".join(lines).strip() + "\n", errors
