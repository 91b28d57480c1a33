"""The report's numbers: data/raw/rapport/rapporttall.csv, checked against the report text."""

from __future__ import annotations

import csv

import pandas as pd

from dashboard.paths import RAW

REPORT = RAW / "rapport" / "rapport-frivilligsentraler-distriktskommuner-2024.txt"
NUMBERS = RAW / "rapport" / "rapporttall.csv"
COLUMNS = ["id", "referanse", "seksjon", "linje", "sporsmal", "respondentgruppe", "kilde_detalj", "brudd",
           "kategori", "verdi", "enhet", "n", "presisjon", "sitat", "merknad"]
GROUPS = {"frivilligsentral", "kommune", "register", "dokumentanalyse", "SSB", "NFS 2023", "Frivillighet Norge 2024",
          "Jones m.fl. 2021", "workshop", "annen kilde"}
UNITS = {"prosent", "antall", "prosentpoeng", "år", "timer", "minutter", "klokkeslett", "kg", "ganger", "kroner"}
PRECISION = {"eksakt", "omtrentlig"}


def report_lines() -> list[str]:
    return REPORT.read_text(encoding="utf-8").split("\n")


def load() -> pd.DataFrame:
    """Read and validate; every problem names the file, row and field."""
    lines = report_lines()
    with open(NUMBERS, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != COLUMNS:
            raise ValueError(f"{NUMBERS.name}: kolonnene skal være {COLUMNS}, fant {reader.fieldnames}")
        records = list(reader)
    problems = [f"{NUMBERS.name}, rad {i}, felt '{field}': {why} (verdi {r.get(field)!r})"
                for i, r in enumerate(records, start=2) for field, why in _row_problems(r, lines)]
    ids = [r["id"] for r in records]
    if len(set(ids)) != len(ids):
        problems.append(f"{NUMBERS.name}: doble id-er")
    if problems:
        raise ValueError("Rapporttallene er ugyldige:\n" + "\n".join(problems))
    df = pd.DataFrame(records, columns=COLUMNS).replace({"": None})
    df["brudd"] = df["brudd"].fillna("alle")
    df["linje"] = df["linje"].astype("int64")
    df["verdi"] = df["verdi"].astype("float64")
    df["n"] = df["n"].astype("Int64")
    df["kilde"] = "ideas2evidence (2024), rapporten linje " + df["linje"].astype(str)
    return df


def _is(kind: type, text: str) -> bool:
    try:
        kind(text)
    except ValueError:
        return False
    return True


def _row_problems(r: dict[str, str], lines: list[str]) -> list[tuple[str, str]]:
    """(field, what is wrong) for one row of the numbers file, in the order the fields are checked."""
    out = []
    if not _is(int, r["linje"]):
        out.append(("linje", "ikke et heltall"))
    elif not 1 <= int(r["linje"]) <= len(lines):
        out.append(("linje", "utenfor rapporten"))
    elif r["sitat"] not in lines[int(r["linje"]) - 1]:
        out.append(("sitat", f"står ikke ordrett på linje {int(r['linje'])}"))
    if not _is(float, r["verdi"]):
        out.append(("verdi", "ikke et tall"))
    if r["n"] and not _is(int, r["n"]):
        out.append(("n", "ikke et heltall"))
    for field, allowed, why in (("respondentgruppe", GROUPS, f"må være en av {sorted(GROUPS)}"),
                                ("enhet", UNITS, f"må være en av {sorted(UNITS)}"),
                                ("presisjon", PRECISION, "må være eksakt eller omtrentlig")):
        if r[field] not in allowed:
            out.append((field, why))
    if not r["sporsmal"].strip() or not r["sitat"].strip():
        out.append(("sporsmal/sitat", "mangler"))
    return out
