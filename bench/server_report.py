"""BENCHMARKS.md from the server-side measurements (``python -m bench.server``): pages against the
framework's floor, cold start, bytes, DuckDB against pandas, scale, the targets, memory. The file is
rewritten; the browser and workshop sections (written by ``bench.browser_ux`` and ``bench.load``) are kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bench import disclosure, ux_report
from bench.host import machine
from bench.stats import median

TARGETS = {"warm": 3.0, "filter": 3.0, "cold": 2.0, "scale100": 5.0, "map_mb": 1.0}
WORKSHOP = "\n## Verksted: samtidige økter"
KEPT = (ux_report.START, WORKSHOP, disclosure.START)  # the sections the other benchmarks write, in this order


def fmt_s(x: float) -> str:
    return f"{x * 1000:.0f} ms" if x < 10 else f"{x:.1f} s"


def verdict(ok: bool) -> str:
    return "ja" if ok else "**nei**"


def ms(x: float) -> str:
    return f"{x * 1000:.1f} ms"


def header(r: dict) -> list[str]:
    return [
        "# Ytelse: målinger\n",
        f"Målt {dt.date.today().isoformat()} med `python -m bench.server` på: {machine()}.\n",
        "Alle tider er medianer over gjentatte kjøringer; forholdstallene er målt i samme kjøring. "
        f"Gjentakelser: {r['reps']} (sider), {r['reps'] * 3} (spørringer).\n",
        "Reprodusere: `make bench` (eller `.venv/bin/python -m bench.server`); "
        "samtidighet: `.venv/bin/python -m bench.load`.\n",
    ]


def pages_section(r: dict) -> list[str]:
    floor, pages, filt, s100 = r["floor"], r["pages"], r["filter"], r["scale"][100][0]
    lines = [
        "## Sider: varm oppdatering og filterendring mot rammeverkets gulv\n",
        f"Gulvet er en tom Streamlit-side (tittel, `set_page_config`): **{fmt_s(floor)}** per oppdatering. "
        "Sidene kjøres med `streamlit.testing.AppTest`, som kjører sideskriptet slik serveren gjør (uten nettleser). "
        "«Første» er første visning med tom spørringsbuffer.\n",
        "| Side | Første | Varm | Varm / gulv | ≤ 3× | Filterendring | Filter / gulv | ≤ 3× | x100 varm "
        "| x100 / gulv | ≤ 5× |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for path, p in pages.items():
        warm, f, big = p["warm"] / floor, filt[path] / floor, s100[path]["warm"]
        lines.append(f"| {path} | {fmt_s(p['first'])} | {fmt_s(p['warm'])} | {warm:.1f} | {verdict(warm <= 3)} "
                     f"| {fmt_s(filt[path])} | {f:.1f} | {verdict(f <= 3)} "
                     f"| {fmt_s(big)} | {big / floor:.1f} | {verdict(big / floor <= 5)} |")
    return lines


def cold_and_bytes_sections(r: dict) -> list[str]:
    app, hello = r["cold"]
    mb = r["map_bytes"] / 1e6
    return [
        "\n## Kaldstart\n",
        f"Fra serverstart til første side er ferdig tegnet i Chromium: dashbordet **{fmt_s(app)}**, "
        f"hello world **{fmt_s(hello)}**, forhold **{app / hello:.2f}** (mål ≤ 2: {verdict(app / hello <= 2)}).\n",
        "## Bytes til nettleseren\n",
        f"Kartet over alle 357 kommuner (pydeck-JSON): **{mb:.2f} MB** (mål ≤ 1,0 MB: {verdict(mb <= 1.0)}).\n",
        "| Side | Bytes over websocket (ny økt) |",
        "|---|---|",
        *(f"| {path} | {b / 1e6:.2f} MB |" for path, b in r["sent"].items()),
    ]


def _query_row(q: dict, s10: dict, s100: dict) -> str:
    key = (q["query"], q["params"])
    pd50 = q.get("pandas_p50")
    pandas = (f"{ms(pd50)} | {ms(q['pandas_p95'])} | {pd50 / q['duck_p50']:.1f} | {'ja' if q['same'] else 'nei'}"
              if pd50 is not None else "– | – | – | –")
    return (f"| {q['query']} | {q['params'][:60]} | {ms(q['duck_p50'])} | {ms(q['duck_p95'])} | {pandas}"
            f" | {ms(s10[key]['duck_p50'])} | {ms(s100[key]['duck_p50'])} |")


def queries_section(r: dict) -> list[str]:
    s10 = {(q["query"], q["params"]): q for q in r["scale"][10][1]}
    s100 = {(q["query"], q["params"]): q for q in r["scale"][100][1]}
    return [
        "\n## Spørringer: DuckDB mot pandas på de samme Parquet-filene\n",
        "Uten buffer: hver kjøring leser Parquet på nytt. pandas-tvillingene gjør den samme beregningen og er "
        "kontrollert mot DuckDB-resultatet («likt»).\n",
        "| Spørring | Parametre | DuckDB p50 | DuckDB p95 | pandas p50 | pandas p95 | pandas / DuckDB | Likt "
        "| x10 p50 | x100 p50 |",
        "|---|---|---|---|---|---|---|---|---|---|",
        *(_query_row(q, s10, s100) for q in r["queries"]),
    ]


def scale_section(r: dict) -> list[str]:
    q1, pages, scale = r["queries"], r["pages"], r["scale"]
    p50 = {f: median([q["duck_p50"] for q in rows]) for f, rows in ((1, q1), (10, scale[10][1]),
                                                                    (100, scale[100][1]))}
    return [
        "\n## Skala\n",
        "Svarene replikert 10 og 100 ganger (nye respondent-id-er, samme kommuner): "
        f"{len(q1)} spørringer. Median av alle spørringenes p50: "
        f"x1 {ms(p50[1])}, x10 {ms(p50[10])}, x100 {ms(p50[100])}.\n",
        "| Side | Varm x1 | Varm x10 | Varm x100 |",
        "|---|---|---|---|",
        *(f"| {path} | {fmt_s(p['warm'])} | {fmt_s(scale[10][0][path]['warm'])} "
          f"| {fmt_s(scale[100][0][path]['warm'])} |" for path, p in pages.items()),
    ]


FINDINGS = [
    "- Gulvet er en side med bare en tittel. Profilering (yappi, veggklokke) av de tyngste sidene viste at tiden "
    "gikk til å bygge og tematisere plotly-figurer (plotly validerer hver egenskap, 10–15 ms per figur), å "
    "serialisere kartet (0,6 MB JSON) og å formatere tall med Babel. Det er rettet: ferdige figurer og kart "
    "bufres etter innholdet sitt, kart-JSON lages én gang, og tallformatering bufres. Det gjorde varme "
    "oppdateringer 1,5–3 ganger raskere, målt før og etter endringen (oversikt 76 → 25 ms, samarbeid 364 → 142 ms, "
    "før nedlastingsknappene under tabellene kom til).",
    "- Det som står igjen er Streamlits egen kostnad per element: en side med 10–20 diagrammer, tabellvisninger, "
    "nedlastingsknapper og faner sender og serialiserer hvert element ved hver oppdatering, og tabellvisningene "
    "bygges i pandas. Selv en side med bare tekst og sidefeltet (tilgjengelighet) ligger på rundt 4× gulvet, fordi "
    "sidefeltet har fire flervalgsfiltre og navigasjon. Filterendringer kjører i tillegg 10–25 nye spørringer "
    "(5–13 ms hver). Målene på 3× for de diagramtunge sidene nås ikke uten å dele sidene opp eller vise færre "
    "diagrammer om gangen; alle sider oppdateres likevel på godt under en halv sekund.\n",
]


def assessment_section(r: dict) -> list[str]:
    pages, floor, filt, s100 = r["pages"], r["floor"], r["filter"], r["scale"][100][0]
    app, hello = r["cold"]
    warm_ok = sum(pages[p]["warm"] / floor <= TARGETS["warm"] for p in pages)
    filt_ok = sum(filt[p] / floor <= TARGETS["filter"] for p in pages)
    s100_ok = sum(s100[p]["warm"] / floor <= TARGETS["scale100"] for p in pages)
    growth = max(s100[p]["warm"] / pages[p]["warm"] for p in pages)
    n = len(pages)
    return [
        "\n## Vurdering mot målene\n",
        f"- Varm oppdatering ≤ 3× gulvet: {warm_ok} av {n} sider. Filterendring ≤ 3×: {filt_ok} av {n}. "
        f"x100 ≤ 5×: {s100_ok} av {n}. Kaldstart ≤ 2× hello world: {verdict(app / hello <= 2)}. "
        f"Kartet ≤ 1,0 MB: {verdict(r['map_bytes'] / 1e6 <= 1.0)}.",
        f"- Datamengden er ikke årsaken: med 100 ganger så mange svar blir den tregeste siden høyst "
        f"{growth:.2f} ganger så treg, og spørringene holder seg på millisekunder.",
        *FINDINGS,
    ]


def memory_section(r: dict) -> list[str]:
    mem = r["mem"]
    return [
        "\n## Minne\n",
        f"Serverprosessens RSS: {mem['base'] / 1e6:.0f} MB etter første økt, {mem['after'] / 1e6:.0f} MB etter "
        f"{mem['sessions']} økter: **{mem['per_session'] / 1e6:.1f} MB per ekstra økt**.\n",
    ]


def text(r: dict) -> str:
    sections = (header, pages_section, cold_and_bytes_sections, queries_section, scale_section,
                assessment_section, memory_section)
    return "\n".join(line for section in sections for line in section(r)) + "\n"


def write(out: Path, r: dict) -> None:
    """Rewrite ``out``, keeping what the other benchmarks wrote at its end: the browser section
    (``python -m bench.browser_ux``, between its markers) and the workshop section (``python -m bench.load``)."""
    new = text(r)
    if out.exists():
        old = out.read_text(encoding="utf-8")
        starts = [old.index(mark) for mark in KEPT if mark in old]
        if starts:
            new = new.rstrip("\n") + "\n\n" + old[min(starts):].lstrip("\n")
    out.write_text(new, encoding="utf-8")
