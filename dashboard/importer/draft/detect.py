"""What a column is, judged from its header and its values: tool metadata, personal contact data,
the respondent id, a municipality, an organisation number, a year, free text, a checkbox, a
multi-choice answer written into one cell. Used by the draft mapping (importer/draft/__init__.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from dashboard.importer import values
from dashboard.importer.draft.match import norm

# tool metadata: Nettskjema ($submission_id is the id, the rest is metadata), Questback, SurveyXact,
# Microsoft Forms, Qualtrics, SurveyMonkey, hand-made sheets
META = re.compile(r"^(\$.*|startdate|enddate|recordeddate|start ?time|completion ?time|last modified time|"
                  r"created|modified|closetime|starttime|difftime|endtime|submitdate|datestamp|"
                  r"ip|ip ?address|ipaddress|status|statoverall.*|progress|finished|duration.*|"
                  r"ip adresse|tid brukt|varighet|startet|fullfort|fullfort dato|sist endret|innsendt|levert|tidspunkt|"
                  r"dato|sprak|language|userlanguage|distribution ?channel|responsecollectsessions|importgroup|"
                  r"distributionschedule|lastreminder|numberofreminders|location.*|latitude|longitude|"
                  r"collector ?id|kanal|svarstatus|utfylt|lenke|link|kilde|starttidspunkt|fullforingstidspunkt|"
                  r"tidspunkt for siste endring|tidsstempel|tidsmerke|timestamp|external ?reference|externalreference|"
                  r"recorded ?date|response ?type|survey ?id|skjema ?id|versjon)$")
CONTACT = re.compile(r"(recipient|first ?name|last ?name|e ?post|epost|e ?mail|email|mail|telefon|tlf|mobil|phone|"
                     r"kontaktperson|kontakt person|"
                     r"daglig leder|fornavn|etternavn|^name$|^navn$|respondent name|"
                     r"navn pa (den|deg|person|leder|daglig leder|kontakt)|"
                     r"ditt navn|ditt namn|ditt fulle navn|fullt navn|^leder$|koordinator)")
ID_HEADER = re.compile(r"^(sentral ?id|fs ?id|sentral nr|sentralnummer|\$submission ?id|submission ?id|response ?id|"
                       r"responseid|respondent ?id|respondentid|respondent|id|svar ?id|svarid|lopenummer|lopenr|nr|"
                       r"record ?id|serial|resp ?id|ref)$")
NON_ANSWERS = ("vet ikke", "veit ikkje", "ikke relevant", "ikkje relevant", "onsker ikke a svare",
               "onskjer ikkje a svare", "vil ikke svare", "ubesvart", "ikke aktuelt", "ikkje aktuelt",
               "kan ikke svare", "usikker", "vet ikke ikke relevant", "ikke svart", "no answer", "don t know",
               "not applicable", "prefer not to say")
CHECKED = frozenset({"1", "x", "ja", "yes", "valgt", "vald", "true", "sann", "krysset av", "avkrysset", "checked"})
UNCHECKED = frozenset({"0", "nei", "no", "ikke valgt", "ikkje vald", "false", "usann", "unchecked"})


def nonempty(series: pd.Series) -> pd.Series:
    return series[series.astype(str).str.strip() != ""].astype(str)


def share(series: pd.Series, test: Callable[[str], bool]) -> float:
    vals = nonempty(series)
    if vals.empty:
        return 0.0
    distinct = vals.value_counts()
    hits = sum(n for v, n in distinct.items() if test(v))
    return hits / len(vals)


DATETIME = re.compile(r"\d{1,4}[-./]\d{1,2}[-./]\d{1,4}([ T]\d{1,2}[:.]\d{2}([:.]\d{2})?.*)?")


def is_meta(header: str, series: pd.Series | None = None) -> bool:
    """Survey-tool metadata: by its name, or a column of dates and times."""
    if META.match(norm(header)) or header.strip().startswith("$") and "submission" not in header.lower():
        return True
    return series is not None and share(series, lambda v: bool(DATETIME.fullmatch(v.strip()))) >= 0.9


def is_contact(header: str, series: pd.Series) -> bool:
    if CONTACT.search(norm(header)):
        return True
    email = share(series, lambda v: bool(re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", v.strip(), re.IGNORECASE)))
    return email > 0.5 or \
        share(series, lambda v: bool(re.fullmatch(r"(\+47)?[\s\d]{8,12}", v.strip())) and
              len(re.sub(r"\D", "", v)) in (8, 10)) > 0.8


def is_unique_id(series: pd.Series) -> bool:
    vals = series.astype(str).str.strip()
    return bool((vals != "").all() and vals.is_unique)


def is_id_header(header: str) -> bool:
    return bool(ID_HEADER.match(norm(header))) or header.strip().lower() == "$submission_id"


def orgnr_share(series: pd.Series) -> float:
    return share(series, lambda v: values.orgnr(v)[0] is not None)


def year_share(series: pd.Series) -> float:
    return share(series, lambda v: values.year(v)[0] is not None and 1900 <= (values.year(v)[0] or 0) <= 2100)


def is_non_answer(value: str) -> bool:
    return norm(value) in NON_ANSWERS


FREE_HINT = re.compile(r"(spesifiser|fritekst|kommentar|beskriv|utdyp|forklar|hva annet|annet hva|specify|other "
                       r"text|comment)")


ANSWER_KINDS = 15        # a column with at most this many distinct values, each repeated, holds answers


def looks_like_answers(series: pd.Series) -> bool:
    """A few short labels repeated over many rows ("4 - Passer godt", "Fremjande", "a, b"): answers to
    choose from, never free text, whatever their length."""
    vals = nonempty(series).str.strip()
    if len(vals) < 5:
        return False
    counts = vals.value_counts()
    repeated = counts[counts >= 2]
    return len(repeated) <= ANSWER_KINDS and repeated.sum() >= 0.9 * len(vals)


def is_free_text(series: pd.Series, header: str = "") -> bool:
    """Text people wrote themselves: long and mostly unique answers, or short ones under a header that asks
    for them ("Annet, spesifiser", "Kommentar"). A column that looks like answers is never free text."""
    vals = nonempty(series)
    if FREE_HINT.search(norm(header)) and len(vals) and share(vals, lambda v: not v.strip().isdigit()) > 0.8:
        return True
    if len(vals) < 3 or looks_like_answers(series):
        return False
    return vals.str.len().mean() > 15 and (vals.nunique() >= 5 or vals.nunique() / len(vals) > 0.5)


def free_text_reason(series: pd.Series, header: str = "") -> str:
    """Why a column was taken for free text, for the draft's comment."""
    vals = nonempty(series)
    if FREE_HINT.search(norm(header)):
        return "overskriften ber om egen tekst"
    return f"lange, ulike svar: {vals.nunique()} ulike av {len(vals)}, i snitt {vals.str.len().mean():.0f} tegn"


def option_rows(series: pd.Series, separator: str = ";", known: tuple[str, ...] = ()) -> pd.Series:
    """option -> the number of cells it stands in (a one-cell multi-choice column), most frequent first."""
    cells = nonempty(series)
    parts = [p for v in cells for p in dict.fromkeys(values.split_options(v, separator, known, merge_unknown=False))]
    return pd.Series(parts, dtype=object).value_counts()


def _continuations(cells: list[list[str]]) -> list[list[str]]:
    """Parts of a comma-joined cell that belong to one option: B always stands right after the same A, and
    starts in lower case or A always has B after it ("Lag", "foreninger og organisasjoner")."""
    while True:
        before: dict[str, set] = {}
        after: dict[str, set] = {}
        for parts in cells:
            for i, p in enumerate(parts):
                before.setdefault(p, set()).add(parts[i - 1] if i else None)
                after.setdefault(p, set()).add(parts[i + 1] if i + 1 < len(parts) else None)
        pair = next(((next(iter(prev)), b) for b, prev in sorted(before.items()) if len(prev) == 1 and None not in prev
                     and (b[:1].islower() or after[next(iter(prev))] == {b})), None)
        if pair is None:
            return cells
        a, b = pair
        cells = [_joined(parts, a, b) for parts in cells]


def _joined(parts: list[str], a: str, b: str) -> list[str]:
    out: list[str] = []
    for p in parts:
        if p == b and out and out[-1] == a:
            out[-1] = f"{a}, {b}"
        else:
            out.append(p)
    return out


def comma_choice_cell(series: pd.Series, known: tuple[str, ...] = ()) -> list[str]:
    """The options of a multi-choice answer joined by ", " in one cell (Google Forms), where option texts
    may hold commas themselves: parts are matched to the ``known`` option texts longest first, the rest
    joined where one part always continues another. Empty when the column is not like that: a single
    choice whose labels hold a comma ("Ja, selv") has no more distinct cells than options, and sentences
    (parts ending in a full stop) are free text."""
    vals = nonempty(series)
    if vals.str.contains(", ", regex=False).sum() < 2:
        return []
    cells = _continuations([values.split_options(v, ",", known, merge_unknown=False) for v in vals])
    counts = pd.Series([p for parts in cells for p in dict.fromkeys(parts)], dtype=object).value_counts()
    repeated = counts[counts >= 2]
    if not 1 < len(repeated) <= 15 or vals.nunique() <= len(repeated):
        return []
    if share(pd.Series(list(counts.index)), lambda v: v.rstrip()[-1:] in ".!?") > 0.2:
        return []
    once = set(counts.index[counts < 2])  # own words from an «Other» choice: at most one per cell, in few cells
    per_cell = pd.Series([len(once.intersection(parts)) for parts in cells])
    if len(once) > len(repeated) and ((per_cell > 0).mean() > 0.5 or (per_cell > 1).mean() > 0.1):
        return []
    return sorted(counts.index)


def multi_choice_cell(series: pd.Series) -> list[str]:
    """The options of a multi-choice answer written into one cell ("a;b;c;" as Microsoft Forms
    does); empty when the column is not like that. The options repeat across rows; an option in one
    row only may be an "Other" free text, so more of them than of repeated options are allowed where
    (almost) every cell ends with the separator, as Forms writes them, few cells hold one and almost
    none two (free text with semicolons has them in most cells, and not at the end)."""
    vals = nonempty(series)
    if vals.empty or share(vals, lambda v: ";" in v) < 0.3:
        return []
    counts = option_rows(vals)
    once = set(counts.index[counts < 2])
    if 1 < len(counts) <= 15 and len(counts) - len(once) >= len(once):  # at least half the options repeat
        return sorted(counts.index)
    if not 1 < len(counts) - len(once) <= 15:
        return []
    per_cell = vals.map(lambda v: len(once & {p.strip() for p in v.split(";")}))
    forms = share(vals, lambda v: v.rstrip().endswith(";")) >= 0.9
    if not forms or (per_cell > 0).mean() > 0.5 or (per_cell > 1).mean() > 0.1:
        return []
    return sorted(counts.index)


def checkbox_code(value: str, item_texts: list[str], only_value: bool = False) -> tuple[str | None, float]:
    """A checkbox cell's category ('valgt'/'ikke_valgt') and the score; tools write 1/0, X,
    'Valgt', or the option's own text for a ticked box (``only_value``: the column holds this one
    value and blanks, which is how a ticked box looks whatever its text)."""
    from dashboard.importer.draft.match import similarity

    n = norm(value)
    if n in CHECKED or values.number_text(value) == "1":
        return "valgt", 1.0
    if n in UNCHECKED or values.number_text(value) == "0":
        return "ikke_valgt", 1.0
    best = max((similarity(value, t) for t in item_texts), default=0.0)
    if best < 0.8 and only_value:
        return "valgt", 0.8
    return ("valgt", best) if best >= 0.8 else (None, best)
