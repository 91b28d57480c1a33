"""What a column is, judged from its header and its values: tool metadata, personal contact data,
the respondent id, a municipality, an organisation number, a year, free text, a checkbox, a
multi-choice answer written into one cell. Used by the draft mapping (importer/draft.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from dashboard.importer import values
from dashboard.importer.draft_match import norm

# tool metadata: Nettskjema ($submission_id is the id, the rest is metadata), Questback, SurveyXact,
# Microsoft Forms, Qualtrics, SurveyMonkey, hand-made sheets
META = re.compile(r"^(\$.*|startdate|enddate|recordeddate|start ?time|completion ?time|last modified time|"
                  r"created|modified|closetime|starttime|difftime|endtime|submitdate|datestamp|"
                  r"ip|ip ?address|ipaddress|status|statoverall.*|progress|finished|duration.*|"
                  r"ip adresse|tid brukt|varighet|startet|fullfort|fullfort dato|sist endret|innsendt|levert|tidspunkt|"
                  r"dato|sprak|language|userlanguage|distribution ?channel|responsecollectsessions|importgroup|"
                  r"distributionschedule|lastreminder|numberofreminders|location.*|latitude|longitude|"
                  r"collector ?id|kanal|svarstatus|utfylt|lenke|link|kilde|starttidspunkt|fullforingstidspunkt|"
                  r"tidspunkt for siste endring|tidsstempel|timestamp|external ?reference|externalreference|"
                  r"recorded ?date|response ?type|survey ?id|skjema ?id|versjon)$")
CONTACT = re.compile(r"(recipient|first ?name|last ?name|e ?post|epost|e ?mail|email|mail|telefon|tlf|mobil|phone|"
                     r"kontaktperson|kontakt person|"
                     r"daglig leder|fornavn|etternavn|^name$|^navn$|respondent name|navn pa (den|deg|person)|"
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


def is_free_text(series: pd.Series, header: str = "") -> bool:
    """Text people wrote themselves: long and varied answers, or short ones under a header that asks
    for them ("Annet, spesifiser", "Kommentar")."""
    vals = nonempty(series)
    if FREE_HINT.search(norm(header)) and len(vals) and share(vals, lambda v: not v.strip().isdigit()) > 0.8:
        return True
    if len(vals) < 3:
        return False
    return vals.str.len().mean() > 15 and (vals.nunique() >= 5 or vals.nunique() / len(vals) > 0.5)


def option_rows(series: pd.Series, separator: str = ";") -> pd.Series:
    """option -> the number of cells it stands in (a one-cell multi-choice column), most frequent first."""
    cells = nonempty(series)
    parts = [p for v in cells for p in dict.fromkeys(x.strip() for x in v.split(separator) if x.strip())]
    return pd.Series(parts, dtype=object).value_counts()


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
    from dashboard.importer.draft_match import similarity

    n = norm(value)
    if n in CHECKED or values.number_text(value) == "1":
        return "valgt", 1.0
    if n in UNCHECKED or values.number_text(value) == "0":
        return "ikke_valgt", 1.0
    best = max((similarity(value, t) for t in item_texts), default=0.0)
    if best < 0.8 and only_value:
        return "valgt", 0.8
    return ("valgt", best) if best >= 0.8 else (None, best)
