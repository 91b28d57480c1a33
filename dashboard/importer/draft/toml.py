"""Writing the draft mapping as commented TOML: one line per mapping with its score and, where a
person must decide, TODO and why."""

from __future__ import annotations

from dashboard.importer.draft.model import GROUPS, Entry, SectionDraft, score_text


def _q(text: object) -> str:
    """A TOML basic string."""
    s = str(text).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in s) + '"'


def _line(key: str, value: str, e: Entry) -> str:
    note = " ".join(x for x in (score_text(e.score), e.comment) if x)
    todo = "TODO: " + e.todo + "; " if e.todo else ""
    return f"{key} = {value}" + (f"  # {todo}{note}" if note or todo else "")


def _array(key: str, entries: list[Entry]) -> list[str]:
    if not entries:
        return [f"{key} = []"]
    lines = [f"    {_q(e.key)},  # {e.comment}" if e.comment else f"    {_q(e.key)}," for e in entries]
    return [f"{key} = [", *lines, "]"]


def section_lines(sec: SectionDraft) -> list[str]:
    out = ["", f"# ---- {sec.name}: {sec.file.path.name} " + "-" * max(3, 60 - len(sec.name) - len(sec.file.path.name))]
    out += [f"# {n}" for n in sec.file.notes] + [f"# ADVARSEL: {w}" for w in sec.warnings]
    out += [f"[{sec.name}]", "fil = { " + ", ".join(f"{k} = {_q(v) if isinstance(v, str) else v}"
                                                    for k, v in sec.file.shape.items()) + " }"]
    out += _array("ignorer", sec.ignore) + _array("kontaktinfo", sec.contact)
    if sec.name in GROUPS:
        out += _array("fritekst", sec.free_text)
    out += ["", f"[{sec.name}.kolonner]", "# felt i dashbordet = kolonne i filen"]
    out += [_line(e.key, _q(e.value), e) for e in sec.columns]
    if sec.items:
        out += ["", f"[{sec.name}.sporsmal]",
                "# kolonne i filen = element i kodeboken  # treffsikkerhet, blokk: element"]
        out += [_line(_q(e.key), _q(e.value), e) for e in sec.items]
    out += _multi_lines(sec)
    for scale, entries in sec.values.items():
        known = sec.known.get(scale)
        if entries or known:
            out += ["", f"[{sec.name}.verdier.{scale}]", "# svar i filen = kategori"]
            if known:
                out.append("# kjennes igjen uten linje her: " + ", ".join(f"«{v}»" for v in known))
            out += [_line(_q(e.key), _q(e.value), e) for e in entries]
    if sec.non_answers:
        out += ["", f"[{sec.name}.ikke_svar]", "# svar som betyr «ikke svart» (lagres som manglende svar)"]
        out += [f"{scale} = [" + ", ".join(_q(v) for v in vals) + "]" for scale, vals in sec.non_answers.items()]
    if sec.municipalities:
        out += ["", f"[{sec.name}.kommuner]", "# verdi i kommunekolonnen = kommunenummer (2024)"]
        out += [_line(_q(e.key), _q(e.value), e) for e in sec.municipalities]
    return out


def _multi_lines(sec: SectionDraft) -> list[str]:
    """[seksjon.flervalg."kolonne"]: the separator and option -> item, one line per option."""
    out = []
    for m in sec.multi:
        head = f"[{sec.name}.flervalg.{_q(m.column)}]"
        b = m.block
        why = " ".join(x for x in (score_text(b.score), ("TODO: " + b.todo + "; ") if b.todo else "", b.comment) if x)
        out += ["", head, f"# {why}", f"skilletegn = {_q(m.separator)}", *_other_line(m.other),
                "", head[:-1] + ".alternativer]",
                "# alternativ i cellen = element i kodeboken (avkrysning)"]
        out += [_line(_q(e.key), _q(e.value), e) for e in m.options]
    return out


def _other_line(e: Entry | None) -> list[str]:
    """annet = "item" for the free text of an «Annet» choice, or a TODO comment when the block has no such item."""
    if e is None:
        return []
    return [_line("annet", _q(e.value), e)] if e.value is not None else [f"# TODO: {e.todo}"]


HEADER = """\
# UTKAST til mapping, skrevet av `python -m dashboard mapping-forslag` fra filene selv.
#
# Slik bruker du det:
#  1. Les gjennom. Tallet i kommentaren bak hver linje er treffsikkerheten (1,00 = sikkert;
#     under 0,75 står det TODO). Kolonnen til venstre er slik den står i filen; til høyre står feltet,
#     spørsmålet (sporsmal_id i kodeboken) eller kategorien den er koblet til.
#  2. Avgjør linjene med TODO: skriv riktig verdi i stedet for «TODO» (eller «TODO: forslag» -> «forslag»).
#     En mapping som fortsatt inneholder TODO, blir avvist av importen.
#  3. Prøv:   python -m dashboard import {args} --mapping DENNE.toml --dry-run
#  4. Importer: samme kommando uten --dry-run.
# Kontaktinformasjon (navn, e-post, telefon) lagres aldri; fritekst lagres aldri (bare om den er besvart).
# TODO-linjer i dette utkastet: {todos}
versjon = 2
"""


