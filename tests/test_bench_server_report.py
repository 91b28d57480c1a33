"""The server-side benchmark's report (bench/server_report.py): ratios to the floor, the verdicts, the
scale columns, and a rewrite of BENCHMARKS.md that keeps the workshop section (no measuring here)."""

from __future__ import annotations

from bench import server_report, ux_report

Q = {"query": "fordeling", "params": "blokk=velferd", "duck_p50": 0.010, "duck_p95": 0.012}
RESULTS = {
    "reps": 7, "floor": 0.010,
    "pages": {"oversikt": {"first": 0.040, "warm": 0.025}, "samarbeid": {"first": 0.600, "warm": 0.150}},
    "filter": {"oversikt": 0.030, "samarbeid": 0.400},
    "queries": [{**Q, "pandas_p50": 0.025, "pandas_p95": 0.030, "same": True}],
    "scale": {10: ({"oversikt": {"warm": 0.026}, "samarbeid": {"warm": 0.160}}, [{**Q, "duck_p50": 0.020}]),
              100: ({"oversikt": {"warm": 0.045}, "samarbeid": {"warm": 0.300}}, [{**Q, "duck_p50": 0.050}])},
    "cold": (4.0, 2.5), "sent": {"oversikt": 790_000, "samarbeid": 120_000}, "map_bytes": 640_000,
    "mem": {"base": 300e6, "after": 325e6, "sessions": 5, "per_session": 5e6},
}


def _rows(text: str, heading: str) -> dict[str, list[str]]:
    """The table rows of the section whose heading starts with ``heading``, by their first cell."""
    part = text.split("\n## " + heading, 1)[1].split("\n## ", 1)[0]
    cells = [line.strip("| ").split(" | ") for line in part.splitlines() if line.startswith("| ")]
    return {row[0]: row for row in cells}


def test_pages_queries_and_targets():
    text = server_report.text(RESULTS)
    rows = {**_rows(text, "Sider"), **_rows(text, "Spørringer")}
    assert rows["oversikt"][1:11] == ["40 ms", "25 ms", "2.5", "ja", "30 ms", "3.0", "ja", "45 ms", "4.5", "ja"]
    assert rows["samarbeid"][3:5] == ["15.0", "**nei**"] and rows["samarbeid"][10] == "**nei**"
    assert rows["fordeling"][2:10] == ["10.0 ms", "12.0 ms", "25.0 ms", "30.0 ms", "2.5", "ja", "20.0 ms",
                                       "50.0 ms"]
    assert "forhold **1.60** (mål ≤ 2: ja)" in text and "**0.64 MB** (mål ≤ 1,0 MB: ja)" in text
    assert "Varm oppdatering ≤ 3× gulvet: 1 av 2 sider. Filterendring ≤ 3×: 1 av 2. x100 ≤ 5×: 1 av 2." in text
    assert _rows(text, "Skala")["samarbeid"][1:] == ["150 ms", "160 ms", "300 ms"]
    assert "høyst 2.00 ganger så treg" in text and "**5.0 MB per ekstra økt**" in text


def test_the_rewrite_keeps_the_workshop_section(tmp_path):
    out = tmp_path / "BENCHMARKS.md"
    out.write_text("# gammelt\n\nborte\n\n## Verksted: samtidige økter\n\nverksted\n", encoding="utf-8")
    server_report.write(out, RESULTS)
    text = out.read_text(encoding="utf-8")
    assert "borte" not in text and text.startswith("# Ytelse: målinger")
    assert text.endswith("økt**.\n\n## Verksted: samtidige økter\n\nverksted\n")


def test_the_rewrite_keeps_the_browser_section_before_the_workshop(tmp_path):
    out = tmp_path / "BENCHMARKS.md"
    browser = f"{ux_report.START}\n## Nettleseren\n\nnettleser\n{ux_report.END}\n"
    out.write_text(f"# gammelt\n\nborte\n\n{browser}\n## Verksted: samtidige økter\n\nverksted\n",
                   encoding="utf-8")
    server_report.write(out, RESULTS)
    text = out.read_text(encoding="utf-8")
    assert "borte" not in text
    assert text.endswith(f"økt**.\n\n{browser}\n## Verksted: samtidige økter\n\nverksted\n")
