"""Exports: how long a municipality's or county's one-page brief (PDF) takes, and how much memory the
Chromium that draws the PowerPoint's charts holds over many decks (it is restarted after
dashboard.ui.slides.RESTART_AFTER images, so it must stay bounded).

    python -m bench.exports [--briefs 12] [--decks 50] [--charts 8]

Memory is the proportional set size (PSS, /proc/<pid>/smaps_rollup) of every process this one started
(the renderers' Chromium and its helpers), so pages shared between them are not counted twice.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from dashboard.data import gateway, versions
from dashboard.data.filters import Filters
from dashboard.panels import kommunebrief
from dashboard.panels.survey import share_figure
from dashboard.ui import brief, slides
from dashboard.ui.view import View

COUNTIES = ("18", "40", "55", "03", "46")


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    out, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def renderers_mib() -> float:
    """PSS of every process this one started, in MiB."""
    total = 0
    for pid in descendants(os.getpid()):
        try:
            text = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in text.splitlines() if line.startswith("Pss:")), 0)
    return total / 1024


def briefs(count: int) -> list[str]:
    """Seconds per brief: the first (the printer starts its browser), then warm ones, municipalities and counties."""
    view = View("nb")
    rows = []

    def one(make) -> float:
        start = time.perf_counter()
        pages = brief.pdf(make())
        assert pages.startswith(b"%PDF")
        return time.perf_counter() - start

    first = one(lambda: kommunebrief.municipality_brief(view, "4036", _row("4036")))
    every = sorted(gateway.run("filter_kommuner").df["kommunenummer"])
    picked = every[:: max(1, len(every) // count)][:count]  # spread over the country, district or not
    warm = [one(lambda k=k: kommunebrief.municipality_brief(view, k, _row(k))) for k in picked]
    counties = [one(lambda f=f: kommunebrief.county_brief(view, f, f)) for f in COUNTIES]
    rows.append(f"| kommunebrief, første (starter nettleseren) | {first:.2f} s | – |")
    for label, times in (("kommunebrief, varm", warm), ("fylkesbrief, varm", counties)):
        rows.append(f"| {label} ({len(times)}) | {statistics.median(times):.2f} s | {max(times):.2f} s |")
    return rows


def _row(kommune: str):
    return gateway.run("kommune_fakta", kommune=kommune).df.iloc[0]


def _charts(count: int) -> list[slides.Chart]:
    view, out = View("nb"), []
    for fylke in (COUNTIES * count)[:count]:
        r = gateway.run("profil_indikatorer", Filters(fylker=(fylke,)))
        df = r.df.assign(rad=r.df["indikator"])
        _, _, fig = share_figure(view, df, label="rad", group="respondentgruppe", demo=r.demo)
        out.append(slides.Chart(f"Fylke {fylke}", fig, "Kilde: demodata", "N = 1", r.demo))
    return out


def decks(count: int, per_deck: int) -> list[str]:
    """The renderers' memory after each deck of ``per_deck`` charts."""
    charts = _charts(per_deck)
    rows, before = [], renderers_mib()
    for i in range(1, count + 1):
        start = time.perf_counter()
        slides.build("Benchmark", "Fylke: alle", versions.current().id, "demodata", charts, lang="nb")
        rows.append(f"| {i} | {time.perf_counter() - start:.1f} s | {renderers_mib():.0f} MiB |")
    return [f"Før første lysbildesett: {before:.0f} MiB (nettleseren til briefen er ikke startet ennå).", "",
            "| Lysbildesett | Tid | Minne (PSS, alle underprosesser) |", "|---|---|---|", *rows]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--briefs", type=int, default=12)
    ap.add_argument("--decks", type=int, default=50)
    ap.add_argument("--charts", type=int, default=8)
    args = ap.parse_args()
    print(f"## Eksport: PowerPoint-minne over {args.decks} lysbildesett à {args.charts} diagrammer\n")
    print(f"Tegneren startes på nytt etter {slides.RESTART_AFTER} bilder.\n")
    print("\n".join(decks(args.decks, args.charts)))
    print("\n## Eksport: kommune- og fylkesbrief (PDF)\n")
    print("| Brief | Median | Maks |\n|---|---|---|")
    print("\n".join(briefs(args.briefs)))


if __name__ == "__main__":
    main()
