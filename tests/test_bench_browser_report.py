"""The browser benchmark's report: medians against the floor, the targets, and a section that
replaces only itself in BENCHMARKS.md (no browser needed here)."""

from __future__ import annotations

from bench import ux_report


def _runs(*ms, lcp=None, elements=10, size=1000):
    return [{"ms": m, "script_done_ms": m / 2, "browser_task_ms": m / 4, "bytes": size, "elements": elements,
             **({"lcp_ms": lcp} if lcp else {})} for m in ms]


DATA = {
    "floor": {"a": {"switch": _runs(100, 120), "county": _runs(150), "form": _runs(150), "first": _runs(900, lcp=800)},
              "b": {"switch": _runs(110), "county": _runs(170), "form": _runs(170), "first": _runs(900, lcp=800)}},
    "dashboard": {
        "oversikt": {"switch": _runs(300, 320, 9000), "county": _runs(460), "form": _runs(700),
                     "first": _runs(3000, lcp=2400)},
        "samarbeid": {"switch": _runs(1500), "county": _runs(400), "form": _runs(400),
                      "first": _runs(3000, lcp=2600)},
    },
}


def test_medians_and_the_floor_over_both_pages():
    s = ux_report.summarise(DATA)
    assert s["floor"]["switch"]["ms"] == 110  # median of 100, 120, 110
    assert s["floor"]["county"]["ms"] == 160
    assert s["pages"]["oversikt"]["switch"]["ms"] == 320  # one slow outlier does not move the median
    assert s["pages"]["oversikt"]["first"]["lcp_ms"] == 2400


def test_targets_need_both_three_times_the_floor_and_500_ms():
    text = ux_report.section(ux_report.summarise(DATA), runs=3, seconds=60)
    rows = {line.split(" | ")[0].lstrip("| "): line for line in text.splitlines() if line.startswith("| ")}
    assert rows["bytte til Oversikt"].split(" | ")[1:6] == ["320", "2.9", "ja", "160", "80"]  # 2.9x
    assert rows["legg til et fylke på Oversikt"].split(" | ")[3] == "ja"  # 460 ms, 2.9x
    assert rows["velg eierform på Oversikt"].split(" | ")[3] == "**nei**"  # 700 ms
    assert rows["bytte til Samarbeid"].split(" | ")[3] == "**nei**"
    assert rows["første visning av Oversikt (LCP)"].split(" | ")[1:4] == ["2400 (ferdig 3000)", "3.0", "ja"]
    assert rows["første visning av Samarbeid (LCP)"].split(" | ")[3] == "**nei**"
    assert rows["legg til et fylke på Samarbeid"].split(" | ")[3] == "ja"  # 400 ms, 2.5x
    assert "Mål nådd: 5 av 8 handlinger." in text and "Feil underveis" not in text


def test_a_failed_page_is_named_in_the_report():
    data = {**DATA, "errors": ["dashboard kart: TimeoutError: ingen script_finished etter 90000 ms"]}
    text = ux_report.section(ux_report.summarise(data), runs=5, seconds=60)
    assert "Feil underveis (ikke med i medianene): dashboard kart: TimeoutError" in text


def test_the_section_replaces_only_itself(tmp_path):
    out = tmp_path / "BENCHMARKS.md"
    out.write_text("# Ytelse\n\nfør\n\n## Verksted: samtidige økter\n\nverksted\n", encoding="utf-8")
    ux_report.write(out, f"{ux_report.START}\nførste\n{ux_report.END}")
    first = out.read_text(encoding="utf-8")
    assert first.index("første") < first.index("## Verksted") and "før\n" in first and "verksted\n" in first
    ux_report.write(out, f"{ux_report.START}\nandre\n{ux_report.END}")
    second = out.read_text(encoding="utf-8")
    assert "andre" in second and "første" not in second
    assert second.replace("andre", "første") == first


def test_the_app_as_it_was_gets_its_own_column_next_to_todays():
    before = {"oversikt": {"switch": _runs(900), "county": _runs(1200), "first": _runs(4000, lcp=3100)}}
    text = ux_report.section(ux_report.summarise({**DATA, "before": before}), runs=5, seconds=60, ref="9d11fa9ad0d1")
    lines = text.splitlines()
    header = next(line for line in lines if line.startswith("| Handling"))
    assert header.split(" | ")[1:3] == ["Før (ms)", "ms (median)"]
    assert lines[lines.index(header) + 1].count("---") == header.count("|") - 1
    rows = {line.split(" | ")[0].lstrip("| "): line.split(" | ") for line in lines if line.startswith("| ")}
    assert rows["bytte til Oversikt"][1:5] == ["900", "320", "2.9", "ja"]
    assert rows["første visning av Oversikt (LCP)"][1:3] == ["3100", "2400 (ferdig 3000)"]
    assert rows["velg eierform på Oversikt"][1] == "–" and rows["bytte til Samarbeid"][1] == "–"
    assert "--compare-ref 9d11fa9ad`" in text and "commit `9d11fa9ad`" in text
