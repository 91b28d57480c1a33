"""Hostile and careless URLs: generated query strings (unicode digits, huge numbers, Markdown, HTML,
very long values, repeated and unknown keys, empty values, broken percent-encoding) on every page.

No page may raise, show a traceback or fall back to "the link could not be read" (the parser must
handle every value itself), every filter that is set must be an allowed value, and the notice about
ignored values must be plain text. CI runs a seeded sample through AppTest (and every generated
query through the parser); ``FUZZ_FULL=1`` (``make fuzz``) runs them all through AppTest.
"""

from __future__ import annotations

import os
import random
import re
from urllib.parse import parse_qs, quote, quote_plus, urlencode

import pytest
from streamlit.runtime.state.query_params import sanitize_query_string
from streamlit.testing.v1 import AppTest

from dashboard.data.filters import from_query_params
from dashboard.paths import ROOT
from dashboard.ui import fmt, navigation, sections, url_state
from dashboard.ui.i18n import t
from dashboard.ui.options import options
from tests.support import timeouts

APP = str(ROOT / "dashboard" / "app.py")
SEED = 20261126
TOTAL = 1200  # generated query strings
SAMPLE = 80  # of them run through AppTest in CI (1-2 page runs each, ~1.5 s)
FULL = os.environ.get("FUZZ_FULL") == "1"

FILTER_KEYS = ["fylke", "kommune", "eierform", "klasse"]
KEYS = FILTER_KEYS + ["lang", "pres", "del"]  # del: the part of a long page (dashboard/ui/sections.py)
UNKNOWN_KEYS = ["utm_source", "FYLKE", "fylke[]", "side", "", "x" * 300, "kommune\x00", "ﬁlter", "lang "]
UNICODE_DIGITS = "²³¹①②⑤⑥٥٦۵５６𝟓𝟔⁵₆໕߅᠕"
HOSTILE = [
    "![x](http://example.invalid/t.png)", "[Dataene er utdatert](https://example.invalid/login)",
    "<img src=http://example.invalid/i.png>", "<script>alert(1)</script>", "<a href='//example.invalid'>x</a>",
    "**fet** _kursiv_ `kode`", "# Overskrift", "> sitat", "- liste", "1. liste", ":red[rød] :material/home:",
    "$x^2$", "www.example.invalid", "<http://example.invalid>", "&lt;b&gt;", "&#60;img&#62;", "| a | b |",
    "\\[x\\](y)", "[x][1]\n\n[1]: http://example.invalid", "javascript:alert(1)", "=HYPERLINK(\"x\")",
    "\u202egnp.exe", "\ufeff5", "a\x00b", "linje\nlinje", "\t5", " 5", "5 ", "05", "+5", "-5", "5.0", "1e999",
    "NaN", "None", "null", "[]", "{}", "'; DROP TABLE kommuner; --", "../../etc/passwd", "%s%n", "{0}", "{verdier}",
]
VALID = {"fylke": ["18", "34", "15"], "kommune": ["4036", "1871", "1804"], "eierform": ["kommunal", "lag_forening"],
         "klasse": ["5", "6", "1", "alle"], "lang": ["nn", "nb"], "pres": ["0", "1"],
         "del": ["roller", "faser", "lokaler", "politikk", "eierform"]}


def _value(rng: random.Random, key: str) -> str:
    kind = rng.randrange(9)
    if kind == 0:
        return "".join(rng.choice(UNICODE_DIGITS) for _ in range(rng.randint(1, 3)))
    if kind == 1:
        digits = rng.choice([20, 400, 5000])
        return rng.choice("123456789") + "".join(rng.choices("0123456789", k=digits))
    if kind == 2:
        return rng.choice(HOSTILE)
    if kind == 3:
        return rng.choice(HOSTILE) * rng.choice([50, 1500])  # 2-60 kB
    if kind == 4:
        return "".join(map(chr, rng.choices(range(0x20, 0x3000), k=rng.randint(1, 200))))
    if kind == 5:
        return ""
    return rng.choice(VALID.get(key, ["x"]))  # kinds 6-8: real values, so mixtures occur


def _encode(rng: random.Random, text: str) -> str:
    """The value as a browser or a careless hand might write it in a query string."""
    style = rng.randrange(6)
    if style == 0:
        return quote(text, safe="")
    if style == 1:
        return quote_plus(text)
    if style == 2:  # raw, with '&' and '=' and '#' left in place
        return text.replace("#", "%23")
    if style == 3:  # double-encoded
        return quote(quote(text, safe=""), safe="")
    if style == 4:  # broken escapes
        return quote(text, safe="") + rng.choice(["%", "%z", "%zz", "%C3", "%E2%82", "%00", "%FF%FE", "+%2B"])
    return quote(text.encode("latin-1", "replace"), safe="")  # not UTF-8


def query_strings(n: int = TOTAL, seed: int = SEED) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        pairs = []
        for _ in range(rng.randint(1, 8)):
            key = rng.choice(KEYS) if rng.random() < 0.85 else rng.choice(UNKNOWN_KEYS)
            repeats = rng.choice([1, 1, 1, 2, 3, 40])  # repeated keys (then with short values)
            for _ in range(repeats):
                value = _value(rng, key) if repeats <= 3 else rng.choice(HOSTILE[:20] + VALID.get(key, []))
                pairs.append(f"{quote(key, safe='')}={_encode(rng, value)}")
        out.append("&".join(pairs))
    return out


def params(query: str) -> dict[str, list[str]]:
    """What Streamlit hands the app: nothing when the query string is over its limits (1 000 fields,
    512 Ki characters), else parse_qs with blank values kept."""
    return parse_qs(sanitize_query_string(query), keep_blank_values=True)


def seen(qp: dict[str, list[str]]) -> dict[str, list[str]]:
    """What the app sees under AppTest, which encodes the params again (the same limits apply)."""
    return params(urlencode(qp, doseq=True))


CASES = query_strings()
SAMPLED = CASES if FULL else random.Random(SEED).sample(CASES, SAMPLE)


def expected_notice(qp: dict[str, list[str]], opts) -> bool:
    """Whether the URL holds a value the app cannot use (so the notice must be shown)."""
    allowed = {"fylke": set(opts.fylker), "kommune": set(opts.kommuner), "eierform": set(opts.eierformer),
               "klasse": {str(k) for k in opts.sentralitetsklasser}}
    for key in FILTER_KEYS:
        values = [v for v in qp.get(key, []) if v != ""]
        if key == "klasse" and values == ["alle"]:
            continue
        if any(v not in allowed[key] for v in values):
            return True
    return (qp.get("lang") or ["nb"])[0] not in ("nb", "nn") or (qp.get("pres") or ["0"])[0] not in ("0", "1")


def unescaped(text: str) -> list[str]:
    """Markdown characters in ``text`` not escaped by a backslash."""
    bad, i = [], 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] in fmt.MARKDOWN_SPECIAL:
            bad.append(text[i])
        i += 1
    return bad


def check_notice(at: AppTest, qp: dict[str, list[str]], lang: str) -> None:
    head, _, tail = t("url.ignorert", lang=lang).partition("{verdier}")
    notices = [w.value for w in at.warning if w.value.startswith(head)]
    assert len(notices) <= 1
    if expected_notice(seen(qp), options(lang)):
        assert notices, "the URL held unusable values, but no notice says so"
    for text in notices:
        listed = text[len(head):len(text) - len(tail)]
        assert not unescaped(listed), f"markup passes through: {listed[:200]!r}"
        assert "\n" not in listed and len(listed) < 1600, "the notice is one short line"


def check_page(at: AppTest, qp: dict[str, list[str]]) -> None:
    assert not at.exception, [e.value for e in at.exception][:1]
    lang = at.session_state["lang"]
    assert lang in ("nb", "nn")
    shown = "\n".join(str(x.value) for x in [*at.markdown, *at.caption, *at.warning, *at.error, *at.info])
    assert "Traceback" not in shown and 'File "' not in shown
    assert not at.error, [e.value for e in at.error]
    assert t("url.uleselig", lang=lang) not in shown, "the parser should handle every value itself"
    opts = options(lang)
    assert set(at.session_state["f_fylke"]) <= set(opts.fylker)
    assert set(at.session_state["f_kommune"]) <= set(opts.kommuner)
    assert set(at.session_state["f_eierform"]) <= set(opts.eierformer)
    assert set(at.session_state["f_klasse"]) <= set(opts.sentralitetsklasser)
    for page_path, parts in sections.PARTS.items():
        if sections.key(page_path) in at.session_state:
            assert at.session_state[sections.key(page_path)] in parts
    check_notice(at, qp, lang)


def run(page: str, qp: dict[str, list[str]]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=timeouts.APPTEST)
    for k, v in qp.items():
        at.query_params[k] = v
    at.run()
    if page != navigation.URL_PATHS[0]:
        at.switch_page("../pages/" + next(s[0] for s in navigation.SPECS if s[1] == page)).run()
    return at


def test_generator_covers_the_probe():
    """Seeded (the same strings every run) and as hostile as the probe that found the bugs."""
    assert query_strings(50) == query_strings(50) and len(CASES) >= 1000
    joined = "&".join(CASES)
    for needle in ("%C2%B2", "example.invalid", "%3Cscript", "%25"):
        assert needle in joined, needle
    assert re.search(r"=[1-9][0-9]{5000}(&|$)", joined), "a 5 000-digit number"
    assert any(not params(q) for q in CASES), "some are over Streamlit's limits (it then ignores the query string)"
    assert any(len(q) > 60_000 for q in CASES)
    assert any(re.search(r"(^|&)klasse=[^&]*(&klasse=[^&]*){10}", q) for q in CASES), "repeated keys"


def test_every_generated_query_parses_within_the_allowed_sets():
    """All 1 200 through the URL parser with the real options (cheap: no page is drawn)."""
    opts = options("nb")
    allowed = {"fylker": set(opts.fylker), "kommuner": set(opts.kommuner), "eierformer": set(opts.eierformer),
               "sentralitetsklasser": set(opts.sentralitetsklasser)}
    for query in CASES:
        qp = params(query)
        parsed = from_query_params(qp, opts)
        for fld, ok in allowed.items():
            assert set(getattr(parsed.filters, fld)) <= ok, (fld, query[:200])
        assert bool(parsed.ignored) or not expected_notice({k: v for k, v in qp.items() if k in FILTER_KEYS}, opts)


@pytest.mark.parametrize("n", range(len(SAMPLED)))
def test_page_survives_a_generated_url(n):
    query = SAMPLED[n]
    page = navigation.URL_PATHS[n % len(navigation.URL_PATHS)]
    qp = params(query)
    check_page(run(page, qp), qp)


@pytest.mark.parametrize("query", [
    "klasse=%C2%B2", "klasse=%E2%91%A0", "klasse=" + "9" * 5000, "klasse=%EF%BC%95", "klasse=05",
    "fylke=" + quote("![x](http://example.invalid/t.png)"),
    "eierform=" + quote("[Dataene er utdatert](https://example.invalid/login)"),
    "kommune=" + "A" * 60000, "lang=%00&pres=%FF", "lang=", "klasse=alle&klasse=5",
], ids=lambda q: q[:40])
def test_the_probe_urls(query):
    """The URLs from the issue: each gives the right notice on the overview, none crashes."""
    qp = params(query)
    at = run("oversikt", qp)
    check_page(at, qp)
    notice = " ".join(w.value for w in at.warning)
    assert notice, "each of these URLs holds a value that does not exist"
    assert len(notice) < 600, "a 60 kB value is not echoed whole"


# --- the pieces: plain text, the friendly error, the session start that cannot fail -----------------------------

@pytest.mark.parametrize("text", HOSTILE + ["a" * 60000, "x" * 79, "x" * 80, "x" * 81])
def test_plain_text_has_no_markup_and_is_cut(text):
    md = fmt.plain(text)
    assert not unescaped(md) and "\n" not in md
    shown = re.sub(r"\\(.)", r"\1", md).replace(fmt.WORD_JOINER, "")  # what Markdown displays
    assert not re.search(r"https?://|www\.|\w@\w|:\w", md.replace("\\", "")), "no autolink, icon or emoji"
    assert shown == fmt.clip(text) and len(shown) <= fmt.CLIP
    if text.isprintable():
        assert " ".join(text.split()).startswith(shown.rstrip("…"))
    h = fmt.plain(text, target="html")
    assert "<" not in h and ">" not in h and '"' not in h and "'" not in h


def test_plain_keeps_ordinary_text_readable():
    assert fmt.plain("fylke=99, kommune=Bodø") == "fylke=99, kommune=Bodø"
    wj = fmt.WORD_JOINER
    assert fmt.plain("![x](http://example.invalid/t.png)") == \
        f"\\!\\[x\\]\\(http\\:{wj}//example\\.invalid/t\\.png\\)"
    assert fmt.plain("www.example.invalid :material/home: a@b.no") == \
        f"www{wj}\\.example\\.invalid \\:{wj}material/home\\:{wj} a@{wj}b\\.no"
    assert fmt.plain("a" * 100, 10) == "a" * 9 + "…"
    assert fmt.plain("to\n\nlinjer\x00 og\u202e mer", None) == "to linjer og mer"
    assert fmt.plain("<b>&</b>", target="html") == "&lt;b&gt;&amp;&lt;/b&gt;"


def test_the_server_never_shows_error_details():
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"


def _break_overview(monkeypatch):
    from dashboard.panels import oversikt

    def boom(*args, **kwargs):
        raise RuntimeError("hemmelig /srv/app/dashboard/gateway.py")

    monkeypatch.setattr(oversikt, "headline_numbers", boom)


def test_an_unexpected_error_is_a_norwegian_message_and_a_logged_traceback(monkeypatch, caplog):
    import logging

    from dashboard import errors

    _break_overview(monkeypatch)
    monkeypatch.setattr(errors, "SURFACE_IN_TESTS", False)  # as on the server
    with caplog.at_level(logging.ERROR, logger="dashboard"):
        at = run("oversikt", {"lang": ["nn"]})
    assert not at.exception
    message = " ".join(e.value for e in at.error)
    ref = re.search(r"referanse ([0-9a-f]{8})", message).group(1)
    assert message == t("feil.side", lang="nn", ref=ref)
    shown = "\n".join(str(x.value) for x in [*at.markdown, *at.caption, *at.warning, *at.error, *at.info])
    assert "hemmelig" not in shown and "gateway.py" not in shown and "Traceback" not in shown
    logged = [r for r in caplog.records if ref in r.getMessage()]
    assert logged and logged[0].exc_info and "hemmelig" in str(logged[0].exc_info[1])


def test_under_apptest_a_failing_page_still_fails(monkeypatch):
    _break_overview(monkeypatch)
    at = run("oversikt", {})
    assert at.exception, "the error must reach the test"
    assert "hemmelig" not in at.exception[0].value, "Streamlit itself redacts it (showErrorDetails = none)"


def test_a_url_the_session_cannot_read_gives_the_default_view(monkeypatch, caplog):
    import logging

    def broken(*args, **kwargs):
        raise RecursionError("deep")

    monkeypatch.setattr(url_state, "from_query_params", broken)
    with caplog.at_level(logging.ERROR, logger="dashboard"):
        at = run("eierskap", {"fylke": ["18"], "lang": ["nn"]})
    assert not at.exception
    assert t("url.uleselig") in [w.value for w in at.warning]
    assert at.session_state["f_fylke"] == [] and at.session_state["f_klasse"] == [5, 6]
    assert at.session_state["lang"] == "nb"
    assert any(r.exc_info and "deep" in str(r.exc_info[1]) for r in caplog.records)


def test_many_bad_values_are_counted_not_listed():
    qp = {"fylke": [f"x{i}" for i in range(20)], "klasse": ["9"] * 500}
    at = run("oversikt", qp)
    check_page(at, qp)
    notice = " ".join(w.value for w in at.warning)
    assert "fylke=x0" in notice and "fylke=x7" in notice and "x8" not in notice
    assert t("url.flere", antall=21 - 8) in notice  # 20 counties and one class (reported once)
