"""Workshop load: ``python -m bench.load [--sessions 30] [--minutes 2]``.

Opens N concurrent browser sessions (Playwright contexts in one headless Chromium) against one
server. Each session loads the landing page, changes filters, and visits three pages, repeatedly,
for the given time. Reports p50/p95 page-load time against a single session, errors (Streamlit
exception boxes, console errors, timeouts), and server memory. Appends the result to
BENCHMARKS.md (section "Verksted").
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from bench.live import launch, streamlit_server
from bench.stats import p95
from dashboard import paths

FLOWS = [("/", None), ("/?fylke=18", "filter"), ("/eierskap?fylke=18", None),
         ("/drivere?fylke=18&eierform=kommunal", "filter"), ("/samarbeid?fylke=46", "filter"), ("/kart?fylke=46", None)]
BENIGN = ("_stcore/health", "_stcore/host-config", "status of 404")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (and its threads), from /proc."""
    import os

    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS"):
            return int(line.split()[1]) * 1024
    return 0


async def _wait_rendered(page, timeout=180):
    await page.wait_for_selector("h1", timeout=timeout * 1000)
    deadline = time.time() + timeout
    quiet = 0
    while time.time() < deadline:
        running = await page.locator('[data-testid="stStatusWidget"]').count()
        quiet = 0 if running else quiet + 1
        if quiet >= 4:
            return
        await asyncio.sleep(0.25)
    raise TimeoutError("siden ble ikke ferdig")


async def _session(browser, url: str, until: float, times: list, errors: list, once: bool = False):
    ctx = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await ctx.new_page()
    page.on("console", lambda m: errors.append(m.text)
            if m.type == "error" and not any(b in m.text for b in BENIGN) else None)
    try:
        while True:
            for path, _kind in FLOWS:
                t0 = time.perf_counter()
                try:
                    # the 30 browsers share the server's 2 cores, so navigation gets more time than Playwright's 30 s
                    await page.goto(url + path, timeout=180_000)
                    await _wait_rendered(page)
                    if await page.locator('[data-testid="stException"]').count():
                        errors.append(f"exception on {path}")
                    times.append(time.perf_counter() - t0)
                except Exception as exc:  # noqa: BLE001 - counted as an error
                    errors.append(f"{path}: {exc.__class__.__name__}")
            if once or time.time() > until:
                break
    finally:
        await ctx.close()


async def _run(url: str, sessions: int, seconds: float, once: bool = False):
    from playwright.async_api import async_playwright

    times: list[float] = []
    errors: list[str] = []
    async with async_playwright() as p:
        browser = await launch(p)
        until = time.time() + seconds
        await asyncio.gather(*[_session(browser, url, until, times, errors, once) for _ in range(sessions)])
        await browser.close()
    return times, errors


def memory_per_session(sessions: int = 5) -> dict:
    with tempfile.TemporaryDirectory() as tmp, streamlit_server(Path(tmp)) as (url, proc):
        asyncio.run(_run(url, 1, 0, once=True))
        base = rss(proc.pid)
        asyncio.run(_run(url, sessions, 0, once=True))
        after = rss(proc.pid)
    return {"base": base, "after": after, "sessions": sessions, "per_session": max(0, after - base) / sessions}


def measure(sessions: int, minutes: float) -> dict:
    """One session twice (the baseline), then ``sessions`` at once for ``minutes``, on one server."""
    with tempfile.TemporaryDirectory() as tmp, streamlit_server(Path(tmp)) as (url, proc):
        print("én økt (grunnlinje) ...", flush=True)
        single, single_err = asyncio.run(_run(url, 1, 0, once=True))
        single2, _ = asyncio.run(_run(url, 1, 0, once=True))
        mem0 = rss(proc.pid)
        print(f"{sessions} samtidige økter i {minutes} min ...", flush=True)
        t0, cpu0 = time.time(), cpu_seconds(proc.pid)
        times, errors = asyncio.run(_run(url, sessions, minutes * 60))
        wall, cpu = time.time() - t0, cpu_seconds(proc.pid) - cpu0
        mem1 = rss(proc.pid)
    return {"single": single + single2, "single_err": single_err, "times": times, "errors": errors, "wall": wall,
            "cpu": cpu, "mem0": mem0, "mem1": mem1}


def section(sessions: int, minutes: float, r: dict) -> str:
    """The workshop section of BENCHMARKS.md."""
    single, times, errors, wall, cpu = r["single"], r["times"], r["errors"], r["wall"], r["cpu"]
    s50, s95 = statistics.median(single), p95(single)
    m50, m95 = statistics.median(times), p95(times)
    lines = [
        "\n## Verksted: samtidige økter\n",
        f"Målt {dt.date.today().isoformat()} med `python -m bench.load --sessions {sessions} "
        f"--minutes {minutes:g}`: {sessions} nettleserøkter (Playwright-kontekster i én headless Chromium "
        "på samme maskin som serveren) som hver laster landingssiden, bytter filtre og besøker tre sider, "
        "om og om igjen.\n",
        "| | Sidevisninger | p50 | p95 | Feil |",
        "|---|---|---|---|---|",
        f"| Én økt | {len(single)} | {s50:.2f} s | {s95:.2f} s | {len(r['single_err'])} |",
        f"| {sessions} økter | {len(times)} på {wall:.0f} s | {m50:.2f} s | {m95:.2f} s | {len(errors)} |",
        "",
        f"Forhold p50: {m50 / s50:.1f}×, p95: {m95 / s95:.1f}×. Serverens minne (RSS): {r['mem0'] / 1e6:.0f} MB "
        f"før, {r['mem1'] / 1e6:.0f} MB etter. Feil: {', '.join(sorted(set(errors))[:5]) or 'ingen'}. "
        f"Serverprosessen brukte {cpu:.0f} CPU-sekunder på {wall:.0f} s ({100 * cpu / wall:.0f} % av én kjerne, "
        f"{cpu / max(1, len(times)) * 1000:.0f} ms per sidevisning); resten av maskinen gikk til de 30 nettleserne.",
        "Merk: nettleseren og serveren deler de samme 2 kjernene, og Chromium tegner kartene uten GPU "
        "(SwiftShader), så tidene over er mest nettleserens egen tid; serveren selv deler én DuckDB-tilkobling "
        "med en markør per spørring og bufrer ferdige resultater per dataversjon.\n",
    ]
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.load")
    ap.add_argument("--sessions", type=int, default=30)
    ap.add_argument("--minutes", type=float, default=2.0)
    ap.add_argument("--out", type=Path, default=paths.ROOT / "BENCHMARKS.md")
    args = ap.parse_args(argv)
    r = measure(args.sessions, args.minutes)
    text = section(args.sessions, args.minutes, r)
    print(text)
    if args.out.exists():
        old = args.out.read_text(encoding="utf-8")
        old = old.split("\n## Verksted: samtidige økter")[0].rstrip("\n")
        args.out.write_text(old + "\n" + text, encoding="utf-8")
    return 0 if not r["errors"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
