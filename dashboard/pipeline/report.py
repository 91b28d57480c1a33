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
UNITS = {"prosent", "antall", "prosentpoeng", "år", "timer", "kg", "ganger", "kroner"}
PRECISION = {"eksakt", "omtrentlig"}


def report_lines() -> list[str]:
    return REPORT.read_text(encoding="utf-8").split("\n")


def load() -> pd.DataFrame:
    """Read and validate; every problem names the file, row and field."""
    lines = report_lines()
    problems: list[str] = []
    with open(NUMBERS, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != COLUMNS:
            raise ValueError(f"{NUMBERS.name}: kolonnene skal være {COLUMNS}, fant {reader.fieldnames}")
        records = list(reader)
    for i, r in enumerate(records, start=2):
        def bad(field: str, why: str) -> None:
            problems.append(f"{NUMBERS.name}, rad {i}, felt '{field}': {why} (verdi {r.get(field)!r})")
        try:
            line = int(r["linje"])
            if not 1 <= line <= len(lines):
                bad("linje", "utenfor rapporten")
            elif r["sitat"] not in lines[line - 1]:
                bad("sitat", f"står ikke ordrett på linje {line}")
        except ValueError:
            bad("linje", "ikke et heltall")
        try:
            float(r["verdi"])
        except ValueError:
            bad("verdi", "ikke et tall")
        if r["n"]:
            try:
                int(r["n"])
            except ValueError:
                bad("n", "ikke et heltall")
        if r["respondentgruppe"] not in GROUPS:
            bad("respondentgruppe", f"må være en av {sorted(GROUPS)}")
        if r["enhet"] not in UNITS:
            bad("enhet", f"må være en av {sorted(UNITS)}")
        if r["presisjon"] not in PRECISION:
            bad("presisjon", "må være eksakt eller omtrentlig")
        if not r["sporsmal"].strip() or not r["sitat"].strip():
            bad("sporsmal/sitat", "mangler")
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
