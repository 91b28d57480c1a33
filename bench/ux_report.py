"""The browser benchmark's section of BENCHMARKS.md: medians, ratios to the floor, targets met.

The section sits between two markers and only it is replaced; a missing section goes before the
workshop section ("## Verksted", rewritten by ``bench.load``) or at the end.
"""

from __future__ import annotations

import datetime as dt
import statistics
from pathlib import Path

from bench.host import machine
from dashboard.ui import navigation
from dashboard.ui.i18n import t

START, END = "<!-- browser-bench:start -->", "<!-- browser-bench:end -->"
WORKSHOP = "\n## Verksted: samtidige økter"
TARGETS = {"ratio": 3.0, "interaction_ms": 500.0, "lcp_ms": 2500.0}
OPTIONAL = ("script_done_ms", "browser_task_ms")  # medians reported when every run has them
WHAT = {"switch": "bytte til {side}", "county": "legg til et fylke på {side}",
        "form": "velg eierform på {side}", "first": "første visning av {side} (LCP)"}


def _median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def _page_medians(pages: dict) -> dict:
    return {path: {a: {"ms": _median(r, "ms"), "bytes": _median(r, "bytes"), "n": len(r),
                       "elements": _median(r, "elements"),
                       **{k: _median(r, k) for k in OPTIONAL if all(k in x for x in r)},
                       **({"lcp_ms": _median(r, "lcp_ms")} if a == "first" else {})}
                   for a, r in actions.items()}
            for path, actions in pages.items()}


def summarise(data: dict) -> dict:
    """Medians per app, page and action; the floor's per action over both its pages. The app as it was
    ("before", measured with ``--compare-ref``) is summarised like today's when it is in the data."""
    floor: dict[str, list[dict]] = {}
    for actions in data["floor"].values():
        for action, runs in actions.items():
            floor.setdefault(action, []).extend(runs)
    out = {"floor": {a: {"ms": _median(r, "ms"), "n": len(r)} for a, r in floor.items()},
           "pages": _page_medians(data["dashboard"]), "errors": list(data.get("errors", []))}
    if "first" in floor:
        out["floor"]["first"]["lcp_ms"] = _median(floor["first"], "lcp_ms")
    if "before" in data:
        out["before"] = _page_medians(data["before"])
    return out


def verdict(ok: bool) -> str:
    return "ja" if ok else "**nei**"


def _before_cell(action: str, m: dict | None) -> str:
    if m is None:
        return "–"
    return f"{m['lcp_ms']:.0f}" if action == "first" else f"{m['ms']:.0f}"


def _row(action: str, path: str, m: dict, floor: dict, before: dict | None = None) -> str:
    """One table row; with ``before`` (the old app's medians for this page), its time as the second column."""
    done = " | ".join(f"{m[k]:.0f}" if k in m else "–" for k in OPTIONAL)
    if action == "first":
        ok = m["lcp_ms"] < TARGETS["lcp_ms"]
        cells = [f"{m['lcp_ms']:.0f} (ferdig {m['ms']:.0f})", f"{m['lcp_ms'] / floor['lcp_ms']:.1f}"]
    else:
        ratio = m["ms"] / floor["ms"]
        ok = ratio <= TARGETS["ratio"] and m["ms"] < TARGETS["interaction_ms"]
        cells = [f"{m['ms']:.0f}", f"{ratio:.1f}"]
    if before is not None:
        cells.insert(0, _before_cell(action, before.get(action)))
    cells += [verdict(ok), done, f"{m['elements']:.0f}", f"{m['bytes'] / 1000:.0f}"]
    return f"| {WHAT[action].format(side=t(navigation.title_key(path)))} | " + " | ".join(cells) + " |"


def _met(summary: dict) -> tuple[int, int]:
    rows = [(a, m) for acts in summary["pages"].values() for a, m in acts.items()]
    ok = sum(m["lcp_ms"] < TARGETS["lcp_ms"] if a == "first" else
             m["ms"] / summary["floor"][a]["ms"] <= TARGETS["ratio"] and m["ms"] < TARGETS["interaction_ms"]
             for a, m in rows)
    return ok, len(rows)


def _intro(summary: dict, runs: int, seconds: float, ref: str | None) -> list[str]:
    fl = summary["floor"]
    trial = " (en prøvekjøring: målet krever minst 5)" if runs < 5 else ""
    compare = f" --compare-ref {ref[:9]}" if ref else ""
    before = (f" «Før» er den samme handlingen mot appen slik den var i commit `{ref[:9]}` (en git worktree med "
              "den samme venv-en, sin egen server), målt i samme kjøring; ms for første visning er LCP.") if ref else ""
    return [
        (f"Målt {dt.date.today().isoformat()} med `python -m bench.browser_ux --runs {runs}{compare}` "
         f"({seconds / 60:.0f} min) på: {machine()}. Headless Chromium (SwiftShader) og Streamlit-serveren på "
         "samme maskin."), "",
        ("Tiden går fra klikket (eller tastetrykket) til siste endring i siden før den står stille: serveren har "
         "meldt at kjøringen er ferdig, ingen elementer er merket som utdaterte (`data-stale`), statusikonet er "
         "borte og DOM-en har ikke endret seg på 600 ms. Første visning er i en ny nettleserøkt, målt som største "
         "innholdsmaling (LCP) og tid til ferdig fra navigasjonsstart. Gulvet er en app med to sider og det samme "
         "sidefeltet, uten noe annet (`bench/floor_app`), målt i samme kjøring: sidebytte "
         f"**{fl['switch']['ms']:.0f} ms**, legg til et fylke **{fl['county']['ms']:.0f} ms**, velg eierform "
         f"**{fl['form']['ms']:.0f} ms**, første visning **{fl['first']['lcp_ms']:.0f} ms** (LCP). Median av "
         f"{runs} målinger{trial}; fylket og eierformen skifter fra runde til runde, så filterendringene treffer "
         f"kombinasjoner som ikke er bufret.{before}"), "",
        ("Mål: sidebytter og filterendringer innen 3× gulvet og under 500 ms; første visning (LCP) under 2,5 s. "
         "«Skriptet ferdig» er når siden fikk serverens siste melding for handlingen; resten er nettleserens tegning. "
         "«Nettleserens arbeid» er tiden Chromiums hovedtråd brukte på oppgaver (CDP `TaskDuration`). "
         "Elementer er elementbeholderne i hovedfeltet; kB er det serveren sender over websocket for handlingen."), "",
    ]


def _table(summary: dict) -> list[str]:
    before = summary.get("before")
    first = "| Handling | Før (ms) | ms (median) |" if before is not None else "| Handling | ms (median) |"
    head = [first + " × gulv | Mål nådd | Skriptet ferdig (ms) | Nettleserens arbeid (ms) | Elementer | kB sendt |"]
    head.append("|---" * (head[0].count("|") - 1) + "|")
    rows = [_row(a, path, actions[a], summary["floor"][a], None if before is None else before.get(path, {}))
            for path, actions in summary["pages"].items()
            for a in ("switch", "county", "form", "first") if a in actions]
    return head + rows


def section(summary: dict, runs: int, seconds: float, ref: str | None = None) -> str:
    """The section between the markers; ``ref`` is the commit measured as "before" (if any)."""
    ok, total = _met(summary)
    lines = [START, "## Nettleseren: sidebytte og filterendring slik brukeren merker dem", "",
             *_intro(summary, runs, seconds, ref), *_table(summary), "", f"Mål nådd: {ok} av {total} handlinger."]
    if summary.get("errors"):
        lines.append(f"Feil underveis (ikke med i medianene): {'; '.join(summary['errors'])}.")
    lines += [END]
    return "\n".join(lines)


def write(path: Path, text: str) -> None:
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if START in old and END in old:
        new = old.split(START, 1)[0] + text + old.split(END, 1)[1]
    elif WORKSHOP in old:
        before, after = old.split(WORKSHOP, 1)
        new = before.rstrip("\n") + "\n\n" + text + "\n" + WORKSHOP + after
    else:
        new = (old.rstrip("\n") + "\n\n" if old else "") + text + "\n"
    path.write_text(new, encoding="utf-8")
