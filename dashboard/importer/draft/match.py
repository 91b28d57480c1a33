"""Text matching for the draft mapping: column headers to codebook items, answer labels to scale
categories, values to classification codes. Scores run from 0 (nothing in common) to 1 (the same
after normalising case, diacritics, punctuation and small words).

Headers come in many shapes: a code (``fs_partner_kommunen``, ``partner_kommunen``), the item text
alone, or the question and the item joined by a separator ("question - item", "question.item",
"question: item"). Every split at a separator is tried and the best reading wins.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

SMALL_WORDS = frozenset(["i", "og", "av", "for", "med", "på", "pa", "til", "er", "en", "et", "ei", "de", "den", "det",
                         "som", "om", "å", "a", "the", "of", "and", "to", "in", "eller", "du", "din", "ditt", "dine",
                         "har", "kan"])
# a question number in front of the text: "Q8. ", "2.1) ", "Spm 3: "
NUMBERING = re.compile(r"^\s*(?:(?:q|spm|sporsmal|spørsmål)\s*)?\d+(?:[.,]\d+)*[a-z]?\s*[.):]\s*", re.IGNORECASE)
SEPARATORS = (" - ", " – ", " — ", ". ", ".", ": ", " | ", "? ", " / ")
LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ä": "ae", "ö": "o", "ü": "u", "é": "e", "è": "e", "á": "a"})
# words the tools use for the template's words (after normalising)
WORDS = {"bra": "godt", "bare": "kun", "berre": "kun", "sjolv": "selv", "saman": "sammen", "ikkje": "ikke",
         "veit": "vet", "nokon": "noen", "egen regi": "egenregi", "eigen regi": "egenregi", "eigenregi": "egenregi",
         # nynorsk answer words
         "fremjande": "fremmende", "hemmande": "hemmende", "korkje": "verken", "darleg": "darlig",
         "svaert darleg": "svaert darlig", "mykje": "mye", "utarbeiding": "utarbeidelse"}


@lru_cache(maxsize=65536)
def norm(text: object) -> str:
    """Lower case, Norwegian letters folded, diacritics and punctuation removed, spaces collapsed."""
    s = str(text).lower().translate(LETTERS)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = " " + " ".join(re.sub(r"[^a-z0-9]+", " ", s).split()) + " "
    for old, new in WORDS.items():
        s = s.replace(f" {old} ", f" {new} ")
    return s.strip()


@lru_cache(maxsize=65536)
def tokens(text: object) -> tuple[str, ...]:
    return tuple(t for t in norm(text).split() if t not in SMALL_WORDS)


@lru_cache(maxsize=65536)
def _word_ratio(x: str, y: str) -> float:
    return difflib.SequenceMatcher(None, x, y).ratio()


def _fuzzy_dice(ta: tuple[str, ...], tb: tuple[str, ...]) -> float:
    """Dice overlap of two word sets where a word counts as present when a word of the other set is
    at least 85 % alike (inflections: «påstander»/«påstandene»)."""
    sa, sb = set(ta), set(tb)
    if not sa or not sb:
        return 0.0
    hits = sum(max((r for y in sb if (r := _word_ratio(x, y)) >= 0.85), default=0.0) for x in sa)
    return 2 * hits / (len(sa) + len(sb))


@lru_cache(maxsize=65536)
def similarity(a: object, b: object) -> float:
    """Fuzzy likeness of two texts: the better of a word overlap (fuzzy Dice) and, for short texts,
    a character ratio (difflib) on the normalised strings."""
    na, nb = norm(a), norm(b)
    if not na or not nb:
        return 0.0
    if na == nb:
        return 1.0
    dice = _fuzzy_dice(tokens(a), tokens(b))
    if max(len(na), len(nb)) > 40:  # sentences: the word overlap says it; the character ratio is slow
        return dice
    matcher = difflib.SequenceMatcher(None, na, nb, autojunk=False)
    if matcher.real_quick_ratio() <= dice or matcher.quick_ratio() <= dice:
        return dice  # the character ratio cannot beat the word overlap: skip the slow part
    return max(dice, matcher.ratio())


@dataclass(frozen=True)
class Candidate:
    key: str        # codebook item or category code
    score: float


def ranked(scores: dict[str, float], n: int = 3) -> list[Candidate]:
    return [Candidate(k, round(v, 2)) for k, v in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


# -- headers to codebook items ----------------------------------------------------------------------

@dataclass(frozen=True)
class ItemText:
    """What a header is compared with for one codebook item (prepared once per draft)."""

    sporsmal_id: str
    codes: frozenset[str]          # codes a form author might use: the id, without group prefix, block_element ...
    questions: tuple[str, ...]     # question text, bokmål and nynorsk
    elements: tuple[str, ...]      # item text (with the actor, for items about one actor)
    single: bool                   # the only item of its question


def prepare_items(items: pd.DataFrame) -> tuple[ItemText, ...]:
    """``items``: kodebok rows, with ``aktor_tekst`` (the actor's label) where the item has an actor."""
    sizes = items.groupby(["blokk", "respondentgruppe"])["sporsmal_id"].transform("size")
    out = []
    for item, size in zip(items.to_dict("records"), sizes):
        sid, actor = item["sporsmal_id"], item.get("aktor_tekst")
        codes = {sid, sid.split("_", 1)[1] if "_" in sid else sid, f"{item['blokk']}_{item['element']}"}
        if isinstance(item["aktor"], str):
            codes.add(f"{item['blokk']}_{item['aktor']}_{item['element']}")
        elements = [t for t in (item["element_nb"], item["element_nn"]) if isinstance(t, str)]
        if isinstance(actor, str):  # an item about one actor names the actor too
            elements = [f"{actor} {t}" for t in elements] + [f"{t} {actor}" for t in elements]
        questions = tuple(t for t in (item["sporsmalstekst_nb"], item["sporsmalstekst_nn"]) if isinstance(t, str))
        out.append(ItemText(sid, frozenset(norm(c) for c in codes), questions, tuple(elements), size == 1))
    return tuple(out)


def _code_score(header: str, item: ItemText) -> float:
    h = norm(header)
    if " " not in h and "_" not in header and len(h) < 4:
        return 0.0
    if h in item.codes:
        return 1.0
    if len(h.split()) > 6:  # a sentence, not a code
        return 0.0
    return max(difflib.SequenceMatcher(None, h, f, autojunk=False).ratio() for f in item.codes) * 0.9


@lru_cache(maxsize=4096)
def _splits(header: str) -> tuple[tuple[str, str], ...]:
    out = []
    for sep in SEPARATORS:
        start = 0
        while (i := header.find(sep, start)) > 0:
            out.append((header[:i + (1 if sep.startswith("?") else 0)], header[i + len(sep):]))
            start = i + len(sep)
    return tuple((q, e) for q, e in out if q.strip() and e.strip())


def _best(text: str, candidates: tuple[str, ...]) -> float:
    return max((similarity(text, c) for c in candidates), default=0.0)


def _text_score(header: str, item: ItemText) -> float:
    if item.single:
        return max(_best(header, item.questions), _best(header, item.elements))
    best = 0.85 * _best(header, item.elements)  # the item alone: which question?
    for first, second in _splits(header):
        for q_part, e_part in ((first, second), (second, first)):  # "question - item" or "item - question"
            se = _best(e_part, item.elements)
            if se >= 0.5:
                best = max(best, 0.35 * _best(q_part, item.questions) + 0.65 * se)
    return best


def item_scores(header: str, items: tuple[ItemText, ...], label: str | None = None) -> dict[str, float]:
    """Score of every codebook item for one column (``label``: the column's question text from the
    tool's variable sheet, when the header itself is a bare variable code)."""
    out = {}
    text = NUMBERING.sub("", header) or header
    for item in items:
        s = max(_code_score(header, item), _text_score(text, item))
        if label:
            s = max(s, _text_score(label, item))
        out[item.sporsmal_id] = s
    return out


def assign(scores: dict[str, dict[str, float]]) -> dict[str, tuple[str, float, float]]:
    """One item per column and one column per item, best pairs first. Returns column ->
    (item, score, margin to the column's next best other item)."""
    pairs = sorted(((s, c, i) for c, row in scores.items() for i, s in row.items() if s > 0), reverse=True)
    used_cols: set[str] = set()
    used_items: set[str] = set()
    out = {}
    for s, c, i in pairs:
        if c in used_cols or i in used_items:
            continue
        others = [v for k, v in scores[c].items() if k != i]
        out[c] = (i, s, s - max(others, default=0.0))
        used_cols.add(c)
        used_items.add(i)
    return out


# -- answer labels to categories --------------------------------------------------------------------

def categories(frame: pd.DataFrame) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Rows of kodebok_skala (or klassifikasjoner) as (code, (code, label nb, label nn))."""
    return tuple((r["kode"], tuple(t for t in (r["kode"], r["etikett_nb"], r["etikett_nn"]) if isinstance(t, str)))
                 for r in frame.to_dict("records"))


def label_scores(value: str, cats: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, float]:
    """Score of every category of one scale (see :func:`categories`) for one answer label."""
    return dict(_label_scores(str(value), cats))


@lru_cache(maxsize=65536)
def _label_scores(value: str, cats: tuple) -> tuple[tuple[str, float], ...]:
    return tuple((code, max(_label_similarity(value, t) for t in texts)) for code, texts in cats)


# an answer label with its code in front ("4 - Passer godt", "2. Bra", "5=Svært stor grad"), and words of the
# question repeated in every label ("Passer godt" for "Godt")
LABEL_CODE = re.compile(r"^\s*\d{1,2}\s*(?:[-–.:=)]\s*)+(?=\D)")
LABEL_STEM = re.compile(r"^(passer|passar)\s+", re.IGNORECASE)


@lru_cache(maxsize=65536)
def _label_similarity(a: str, b: str) -> float:
    """Labels are short: every word counts ("Stor grad" is not "Svært stor grad")."""
    a = LABEL_STEM.sub("", LABEL_CODE.sub("", a)) or a
    na, nb = norm(a), norm(b.replace("_", " "))
    if na == nb:
        return 1.0
    ta, tb = tokens(a), tokens(b.replace("_", " "))
    if not ta or not tb:
        return difflib.SequenceMatcher(None, na, nb).ratio() * 0.8
    return _fuzzy_dice(ta, tb)
