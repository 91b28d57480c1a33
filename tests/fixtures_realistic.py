"""Realistic export fixtures: the demo data written the way real tools and people write them.

Run as a script to look at them:  .venv/bin/python tests/fixtures_realistic.py OUTDIR

Every set is deterministic (seeded) and built from the shipped demo data (159 centres' answers,
135 municipalities' answers, 532 centres in the register), so the true numbers are known; the
answers are then written as each tool would write them: labels worded differently from the
report's template, "Vet ikke"/"Ikke relevant" in place of some answers, respondents who stopped
halfway, checkboxes in the tool's own form, free text. What each generator imitates:

* register_excel       a register kept by hand in Excel: a title row above the header, a second
                       sheet (change log), municipality mostly as a name ("Vågå", "Herøy (Nordland)",
                       Sami and Kven forms such as "Guovdageaidnu"),
                       some numbers (one without its leading zero, one from before 2020: 0511 Dovre),
                       ownership in free words ("Kommunal", "SA", "kommunal "), "ca. 1995", organisation
                       numbers written "971 526 920", contact columns, no centre id column.
* nettskjema_csv       Nettskjema's CSV re-saved by Norwegian Excel: semicolons, Windows-1252, CRLF,
                       $submission_id/$created, the form's own question ids, the municipality as its
                       drop-down name, checkboxes "1"/blank.
* nettskjema_xlsx      Nettskjema's XLSX export: the same layout, numbers as numbers; the centres
                       give their organisation number in a text field.
* questback            Questback (Essentials) XLSX: a title row above the header, "question - item"
                       headers with the form's own wording, answers as labels, checkboxes 1/0.
* surveyxact           SurveyXact dataset as XLSX ("labels" export): variable codes as headers
                       (s_1, s_2_1 ...), a second sheet "Variabler" with each variable's question
                       text, background variables from the distribution list (e-mail, name, orgnr /
                       kommune), checkboxes as the option's text when ticked.
* msforms              Microsoft Forms XLSX: ID, Start time, Completion time, Email, Name, then one
                       column per question with its full text ("question.statement" for Likert rows);
                       multiple choice as "a;b;" in ONE cell (the option texts, trailing ";"; an
                       empty cell when nothing was chosen), mapped with [seksjon.flervalg]; most who
                       chose an «Andre» item wrote their own words there instead ("Other" with a text
                       box), each different (Survey.other, Survey.other_texts), mapped with annet.
* google_forms         Google Forms CSV downloads (UTF-8, comma-separated, quoted): "Tidsmerke" and
                       "E-postadresse" first, no respondent id; grids as "question [item]"; checkbox
                       questions joined by ", " in ONE cell, with option texts that hold commas
                       themselves ("Frivillige lag, foreninger og organisasjoner") and "Other" own words
                       (some with commas); the centres type their organisation number by hand (some
                       "971 526 920"). The municipalities' survey ran in NYNORSK: nynorsk questions,
                       options and answers ("Fremjande", "Korkje eller", "Dårleg"), the link column
                       "Kva kommune svarar du for?". The register is a sheet downloaded as XLSX
                       (register_dates): a merged title cell, merged group cells over the header
                       ("Sentral", "Drift", "Kontakt": a two-row header), founding dates written every way
                       ("01.08.2003", Excel date cells, Excel serial numbers, plain years), a row of
                       spaces in the middle and a «Sum» row with formulas under the data.
* brreg_spss           A register exported from Enhetsregisteret (Brønnøysund; register_brreg): CSV with
                       its own column names (Organisasjonsform.kode, Forretningsadresse.kommunenummer,
                       Postadresse.kommune, Stiftelsesdato ...), names in upper case, bilingual municipality
                       names ("GUOVDAGEAIDNU - KAUTOKEINO"), organisation form codes (KOMM, ORGL, FLI, STI, SA,
                       AS, ANNA), a postal address in another municipality for some centres (a P.O. box);
                       the surveys as SPSS .sav: numeric codes with value labels, variable labels
                       "question: item", user-missing codes 8 «Vet ikke» and 9 «Ikke relevant», a numeric
                       organisation number, and (municipalities) a numeric municipality with value labels.
* codes_workbook       Codes-only survey workbooks (codes_file) next to the hand-kept Excel register: a data
                       sheet of numbers under variable names (V1, V2_1 ...), the question texts and value
                       labels in another sheet: LONG for the centres ("Etiketter": variable, value, label; the
                       row with an empty value holds the question text; the variable on its first row only),
                       WIDE for the municipalities ("Kodebok": variable, question, 0, 1, 2 ... 9); 8 «Vet
                       ikke» and 9 «Ikke relevant» as codes; checkboxes 1 «Valgt» / 0 «Ikke valgt».
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dashboard.data import versions
from dashboard.importer.codebook import is_other

SEED = 20240306
NON_ANSWER_SCALES = ("grad5", "passer5", "fremmende5")
# the tools' own wording of the answer options (category code -> label in the questionnaire)
LABELS = {
    "grad5": {"svaert_stor": "Svært stor grad", "stor": "Stor grad", "noen": "Noen grad", "liten": "Liten grad",
              "svaert_liten": "Svært liten grad"},
    "passer5": {"svaert_godt": "Svært bra", "godt": "Bra", "verken": "Verken bra eller dårlig", "darlig": "Dårlig",
                "svaert_darlig": "Svært dårlig"},
    "fremmende5": {"svaert_fremmende": "Svært fremmende", "fremmende": "Fremmende", "verken": "Verken eller",
                   "hemmende": "Hemmende", "svaert_hemmende": "Svært hemmende"},
    "tilbud3": {"selv": "Ja, selv", "sammen": "Ja, sammen med andre", "nei": "Nei"},
    "rolle5": {"kun_egenregi": "Bare egenregi", "mest_egenregi": "Mest egenregi", "like_mye": "Omtrent like mye",
               "mest_tilrettelegging": "Mest tilrettelegging", "kun_tilrettelegging": "Bare tilrettelegging"},
    "ja_nei": {"ja": "Ja", "nei": "Nei"},
    "politikk4": {"formalisert": "Har formalisert politikk (melding, plan, erklæring e.l.)",
                  "under_utarbeidelse": "Under utarbeidelse", "har_ikke": "Har ikke", "vet_ikke": "Vet ikke"},
    "kompensasjon": {"ingen": "Ingen økonomisk kompensasjon",
                     "lokal_finansiering": "Gjennom lokal finansiering fra kommunen",
                     "indirekte": "Indirekte kompensasjon (f.eks. gratis husleie)", "direkte": "Direkte betalt",
                     "annet": "Annet / vet ikke"},
}
# the form's own wording of some questions (Questback, SurveyXact and Forms use these)
QUESTION_WORDING = {
    "partner": "Hvem samarbeider dere med? (flere svar mulig)",
    "pastand": "Hvor godt passer følgende påstander om situasjonen i kommunen i dag?",
    "pastand_fremover": "Hvor godt passer påstandene om rollen frivilligsentralen bør ha i kommunen fremover?",
    "betydning": "Hvilken betydning har frivilligsentralen på disse områdene i kommunen?",
    "faktor": "I hvilken grad har disse faktorene vært fremmende eller hemmende for samarbeidet mellom "
              "frivilligsentral og kommune?",
}
FREE_TEXT = ["Vi deler lokaler med biblioteket, og det gir flere besøkende.", "Kortere vei til kommunen.",
             "Lettere å samarbeide om arrangementer; vi treffes hver dag.", "Felles kaffekrok og gode idéer!",
             "Mindre husleie og mer synlighet i sentrum."]
# Forms' "Other" choice: this share of those who chose an «Andre» item wrote their own words instead, each
# different (one names a person, as real answers do)
OTHER_SHARE = 0.7
OTHER_WHO = ["Kari Hansen i bygdekvinnelaget", "Lions Club", "Sanitetsforeningen", "Menigheten", "Røde Kors",
             "Pensjonistforeningen", "FAU ved skolen", "Grendelaget", "Turlaget", "Husflidslaget", "Skytterlaget",
             "Mållaget"]
OTHER_WHERE = ["i sentrum", "på bygdetunet", "ved kirka", "på skolen", "i nabokommunen", "på helsetunet",
               "ved kaia", "på samfunnshuset"]
# Google Forms in nynorsk (the municipalities' survey of the google_forms set): the answers as written
LABELS_NN = {
    **LABELS,
    "grad5": {**LABELS["grad5"], "noen": "Nokon grad"},
    "passer5": {**LABELS["passer5"], "verken": "Korkje eller", "darlig": "Dårleg", "svaert_darlig": "Svært dårleg"},
    "fremmende5": {"svaert_fremmende": "Svært fremjande", "fremmende": "Fremjande", "verken": "Korkje eller",
                   "hemmende": "Hemmande", "svaert_hemmende": "Svært hemmande"},
    "politikk4": {**LABELS["politikk4"], "under_utarbeidelse": "Under utarbeiding", "har_ikke": "Har ikkje",
                  "vet_ikke": "Veit ikkje"},
}
# Google Forms: the form's own option texts, some holding commas (element_nb or element_nn -> option)
GF_OPTIONS = {"Frivillige lag og organisasjoner": "Frivillige lag, foreninger og organisasjoner",
              "Frivillige lag og organisasjonar": "Frivillige lag, foreiningar og organisasjonar",
              "Andre private bedrifter og næringsvirksomhet": "Andre private bedrifter, næringsvirksomhet",
              "Frivillige og ideelle organisasjoner": "Frivillige, ideelle organisasjoner"}
GF_OTHER = ["Lions, Rotary", "Sanitetsforeningen", "Menigheten, diakonen", "Røde Kors"]
EIERFORM_WORDS = {"kommunal": ["Kommunal", "kommunal ", "KOMMUNAL", "Kommunalt"],
                  "lag_forening": ["Forening", "Frivillig lag/forening", "Lag/forening"], "stiftelse": ["Stiftelse"],
                  "samvirkeforetak": ["SA", "Samvirke"], "aksjeselskap": ["AS"], "annet": ["Annen", "Annet"],
                  "ingen": ["Ingen"]}
BOARD_WORDS = {"styre": "Styre", "radgivende": "Rådgivende organ", "ingen": "Ingen"}


@dataclass
class Survey:
    """One group's answers as the tool wrote them, and what the generator knows about them."""

    frame: pd.DataFrame                                    # the table as written to the file
    items: dict[str, str] = field(default_factory=dict)    # column -> codebook item (ground truth)
    multi: dict[str, dict[str, str]] = field(default_factory=dict)  # one-cell multi-choice: column -> {option: item}
    other: dict[str, str] = field(default_factory=dict)  # one-cell column with «Annet» own words -> the Andre item
    other_texts: list[str] = field(default_factory=list)  # those own words, in the order written (never stored)
    labels: dict[str, dict[str, str]] = field(default_factory=lambda: LABELS)  # scale -> {code: label as written}
    separator: str = ";"                                   # of the one-cell multi-choice columns


@dataclass
class FixtureSet:
    tool: str
    register: Path
    frivilligsentral: Path
    kommune: Path
    surveys: dict[str, Survey]
    orgnr: dict[str, str]                                  # sentral_id -> organisation number
    columns: dict[str, dict[str, str]] = field(default_factory=dict)  # section -> {field: column} (ground truth)


# -- the demo data, known numbers -----------------------------------------------------------------

def _demo():
    base = versions.shipped()
    items = pd.read_parquet(base.table_path("kodebok"))
    items = items[items["undersokelse"] == "2024"].sort_values("rekkefolge")
    classes = pd.read_parquet(base.table_path("klassifikasjoner"))
    actors = classes[classes["klassifikasjon"] == "aktor"]
    items["aktor_tekst"] = items["aktor"].map(dict(zip(actors["kode"], actors["etikett_nb"])))
    return (items, pd.read_parquet(base.table_path("sentraler")), pd.read_parquet(base.table_path("respondenter")),
            pd.read_parquet(base.table_path("svar")), pd.read_parquet(base.table_path("kommuner")))


def orgnr_for(i: int) -> str:
    """A valid organisation number (MOD11) for the i-th centre, deterministic."""
    n = 971_526_920 if i == 0 else 900_000_000 + (i * 7_919_113) % 99_999_999
    while True:
        digits = f"{n // 10:08d}"[:8]
        rest = sum(int(d) * w for d, w in zip(digits, (3, 2, 7, 6, 5, 4, 3, 2))) % 11
        check = (11 - rest) % 11
        if check != 10:
            return digits + str(check)
        n += 10


def municipality_name(kn: str, kommuner: pd.DataFrame) -> str:
    row = kommuner[kommuner["kommunenummer"] == kn].iloc[0]
    dup = (kommuner["kommunenavn"] == row["kommunenavn"]).sum() > 1
    return f"{row['kommunenavn']} ({row['fylkesnavn']})" if dup else row["kommunenavn"]


# -- the register ---------------------------------------------------------------------------------

def register_excel(out: Path, rng: random.Random) -> tuple[Path, dict[str, str]]:
    _, reg, _, _, kommuner = _demo()
    orgnr = {sid: orgnr_for(i) for i, sid in enumerate(reg["sentral_id"])}
    sami = {r.kommunenummer: next(p for p in r.kommunenavn_offisielt.split(" - ") if p != r.kommunenavn)
            for r in kommuner.itertuples() if " - " in r.kommunenavn_offisielt}
    rows = []
    for i, r in enumerate(reg.itertuples()):
        kommune: object = municipality_name(r.kommunenummer, kommuner)
        if r.kommunenummer == "3431" and not any(x.get("Kommune") == "0511" for x in rows):
            kommune = "0511"  # Dovre's number before 2020
        elif i % 11 == 3:
            kommune = int(r.kommunenummer)  # a number, typed as a number (0301 -> 301)
        elif i % 2 == 0 and r.kommunenummer in sami:
            kommune = sami[r.kommunenummer]  # the Sami or Kven form of the name
        o = orgnr[r.sentral_id]
        year: object = int(r.etablert_aar) if pd.notna(r.etablert_aar) else ""
        if year and i % 17 == 5:
            year = f"ca. {year}"
        rows.append({"Frivilligsentral": r.navn, "Kommune": kommune,
                     "Org.nr.": f"{o[:3]} {o[3:6]} {o[6:]}" if i % 3 != 2 else int(o),
                     "Eierform": rng.choice(EIERFORM_WORDS[r.eierform]), "Styre/råd": BOARD_WORDS[r.radgivende_organ],
                     "Etablert": year, "Daglig leder": f"Kari Nordmann {i}", "E-post": f"leder{i}@frivilligsentral.no",
                     "Telefon": f"9{i:07d}", "Kommentar": "Ny leder 2024" if i % 29 == 0 else ""})
    path = out / "register-frivilligsentraler.xlsx"
    with pd.ExcelWriter(path, engine="openpyxl") as xw:
        pd.DataFrame(rows).to_excel(xw, sheet_name="Sentraler", index=False, startrow=2)
        xw.sheets["Sentraler"]["A1"] = "Register over frivilligsentraler (oppdatert mars 2024)"
        pd.DataFrame({"Dato": ["2024-01-15", "2024-03-01"], "Endring": ["Ny sentral i Vågå", "Nye org.nr."]}).to_excel(
            xw, sheet_name="Endringslogg", index=False)
    return path, orgnr


def founding_cell(year: int, i: int) -> object:
    """A founding year as a register kept in a sheet writes it: a date typed as text, an Excel date cell, an
    Excel serial number (a date cell formatted as a number), an ISO date, or the year."""
    day = dt.date(year, 1 + i % 12, 1 + i % 28)
    return [day.strftime("%d.%m.%Y"), day, (day - dt.date(1899, 12, 30)).days, day.isoformat(), year][i % 5]


def register_dates(out: Path, rng: random.Random) -> tuple[Path, dict[str, str]]:
    """The register kept in a shared sheet and downloaded as XLSX: a merged title cell, municipality numbers,
    organisation numbers, founding dates written every way, a row of spaces in the middle, and a «Sum» row of
    formulas under the data (see the module docstring)."""
    _, reg, _, _, kommuner = _demo()
    orgnr = {sid: orgnr_for(i) for i, sid in enumerate(reg["sentral_id"])}
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Register"
    header = ["Frivilligsentral", "Kommunenr", "Organisasjonsnummer", "Eierform", "Styre/råd", "Etablert dato",
              "Kontaktperson", "E-post"]
    ws.append(["Frivilligsentraler - delt register (lastet ned fra Google Regneark)"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws.append(["Sentral", None, None, "Drift", None, None, "Kontakt", None])  # merged group cells over the header
    for first, last in ((1, 3), (4, 6), (7, 8)):
        ws.merge_cells(start_row=2, start_column=first, end_row=2, end_column=last)
    ws.append(header)
    for i, r in enumerate(reg.itertuples()):
        if i == 200:
            ws.append(["   ", " ", "", "  ", "", " ", "", ""])  # a row of spaces
        ws.append([r.navn, r.kommunenummer, orgnr[r.sentral_id], rng.choice(EIERFORM_WORDS[r.eierform]),
                   BOARD_WORDS[r.radgivende_organ], founding_cell(int(r.etablert_aar), i), f"Kari Nordmann {i}",
                   f"leder{i}@frivilligsentral.no"])
        if isinstance(ws.cell(ws.max_row, 6).value, dt.date):
            ws.cell(ws.max_row, 6).number_format = "DD.MM.YYYY"
    last = ws.max_row
    ws.append(["Sum", f"=COUNTA(B4:B{last})", None, None, None, None, None, None])
    path = out / "register-frivilligsentraler.xlsx"
    wb.save(path)
    return path, orgnr


# Enhetsregisteret's organisation forms for the demo's ownership forms (the first for most, the others for some)
ORG_FORMS = {"kommunal": ["KOMM", "ORGL", "KF"], "lag_forening": ["FLI"], "stiftelse": ["STI"],
             "samvirkeforetak": ["SA"], "aksjeselskap": ["AS"], "annet": ["ANNA"], "ingen": ["ANNA"]}
ORG_FORM_TEXT = {"KOMM": "Kommune", "ORGL": "Organisasjonsledd", "KF": "Kommunalt foretak",
                 "FLI": "Forening/lag/innretning", "STI": "Stiftelse", "SA": "Samvirkeforetak", "AS": "Aksjeselskap",
                 "ANNA": "Annen juridisk person"}
ORG_FORM_TRUTH = {"KOMM": "kommunal", "ORGL": "kommunal", "KF": "kommunal", "FLI": "lag_forening",
                  "STI": "stiftelse", "SA": "samvirkeforetak", "AS": "aksjeselskap", "ANNA": "annet"}
POSTBOX_SHARE = 6     # every 6th centre has its postal address (a P.O. box) in a neighbouring municipality


def register_brreg(out: Path, rng: random.Random) -> tuple[Path, dict[str, str]]:
    """The register as Enhetsregisteret exports it (see the module docstring)."""
    _, reg, _, _, kommuner = _demo()
    orgnr = {sid: orgnr_for(i) for i, sid in enumerate(reg["sentral_id"])}
    official = dict(zip(kommuner["kommunenummer"], kommuner["kommunenavn_offisielt"]))
    numbers = sorted(official)
    rows = []
    for i, r in enumerate(reg.itertuples()):
        forms = ORG_FORMS[r.eierform]
        form = forms[0] if i % 7 else forms[i // 7 % len(forms)]
        post = numbers[(numbers.index(r.kommunenummer) + 1) % len(numbers)] if i % POSTBOX_SHARE == 1 \
            else r.kommunenummer
        founded = dt.date(int(r.etablert_aar), 1 + i % 12, 1 + i % 27)
        rows.append({"Organisasjonsnummer": orgnr[r.sentral_id], "Navn": r.navn.upper(),
                     "Organisasjonsform.kode": form, "Organisasjonsform.beskrivelse": ORG_FORM_TEXT[form],
                     "Næringskode 1": "88.991", "Næringskode 1.beskrivelse": "Velferds- og fritidstilbud",
                     "Postadresse.adresse": f"Postboks {100 + i}", "Postadresse.postnummer": f"{2000 + i}",
                     "Postadresse.kommune": official[post].upper(), "Postadresse.kommunenummer": post,
                     "Forretningsadresse.adresse": f"Storgata {1 + i % 40}",
                     "Forretningsadresse.kommune": official[r.kommunenummer].upper(),
                     "Forretningsadresse.kommunenummer": r.kommunenummer,
                     "Stiftelsesdato": founded.isoformat(), "Registreringsdato i Enhetsregisteret":
                         dt.date(max(int(r.etablert_aar), 1995), 6, 1 + i % 28).isoformat(),
                     "Hjemmeside": f"www.frivilligsentral{i}.no", "Antall ansatte": 1 + i % 4})
    path = out / "enhetsregisteret-frivilligsentraler.csv"
    pd.DataFrame(rows).to_csv(path, index=False, encoding="utf-8")
    return path, orgnr


SPSS_MISSING = {8: "Vet ikke", 9: "Ikke relevant"}


def spss_file(group: str, out: Path, orgnr: dict[str, str], rng: random.Random) -> tuple[Path, Survey]:
    """One group's answers as an SPSS .sav (see the module docstring): Q1, Q2_1 ... with value labels."""
    import pyreadstat

    sub, r, codes = _answers(group, rng)
    kommuner = _demo()[4]
    frame = pd.DataFrame({"ResponseId": [f"R_{i:05d}" for i in range(len(r))]})
    value_labels: dict[str, dict] = {}
    if group == "frivilligsentral":
        frame["orgnr"] = [float(orgnr[s]) for s in r["sentral_id"]]
    else:
        frame["kommune"] = [float(k) for k in r["kommunenummer"]]
        value_labels["kommune"] = {float(k): n for k, n in zip(kommuner["kommunenummer"], kommuner["kommunenavn"])}
    survey = Survey(frame)
    column_labels = {"orgnr": "Organisasjonsnummer", "kommune": "Kommune", "ResponseId": "Response ID"}
    blocks = list(dict.fromkeys(sub["blokk"]))
    missing = {}
    for it in sub.itertuples():
        col = header_surveyxact(sub, it, blocks.index(it.blokk) + 1).replace("s_", "Q")
        survey.items[col] = it.sporsmal_id
        column_labels[col] = header_questback(sub, it, 0).replace(" - ", ": ", 1)[:250]
        if it.skala == "fritekst":
            frame[col] = [_free_text(rng) if c else "" for c in codes[it.sporsmal_id]]
            continue
        cats = list(LABELS[it.skala]) if it.skala != "valgt" else ["valgt", "ikke_valgt"]
        number = {c: float(n) for n, c in enumerate(cats, start=1)} if it.skala != "valgt" else \
            {"valgt": 1.0, "ikke_valgt": 0.0}
        cells = []
        for c in codes[it.sporsmal_id]:
            if c is not None and it.skala in NON_ANSWER_SCALES and rng.random() < 0.06:
                cells.append(float(rng.choice(list(SPSS_MISSING))))
            else:
                cells.append(number[c] if c is not None else float("nan"))
        frame[col] = cells
        labels = {"valgt": "Valgt", "ikke_valgt": "Ikke valgt"} if it.skala == "valgt" else LABELS[it.skala]
        value_labels[col] = {number[c]: labels[c] for c in number}
        if it.skala in NON_ANSWER_SCALES:
            value_labels[col].update({float(k): v for k, v in SPSS_MISSING.items()})
            missing[col] = [8.0, 9.0]
    path = out / f"spss-{'sentraler' if group == 'frivilligsentral' else 'kommuner'}.sav"
    pyreadstat.write_sav(frame, str(path), column_labels=column_labels, variable_value_labels=value_labels,
                         missing_ranges=missing)
    survey.frame = frame
    return path, survey


def _coded(it, codes: list, rng: random.Random) -> tuple[list, dict[int, str]]:
    """One item's answers as numbers, and its value labels (code -> label)."""
    if it.skala == "valgt":
        return [{"valgt": 1, "ikke_valgt": 0}.get(c, "") for c in codes], {1: "Valgt", 0: "Ikke valgt"}
    number = {c: n for n, c in enumerate(LABELS[it.skala], start=1)}
    labels = {n: LABELS[it.skala][c] for c, n in number.items()}
    if it.skala in NON_ANSWER_SCALES:
        labels.update(SPSS_MISSING)
    cells = [rng.choice(list(SPSS_MISSING)) if c is not None and it.skala in NON_ANSWER_SCALES
             and rng.random() < 0.06 else number.get(c, "") for c in codes]
    return cells, labels


def codes_file(group: str, out: Path, orgnr: dict[str, str], rng: random.Random) -> tuple[Path, Survey]:
    """One group's answers as a codes-only workbook with a label sheet (see the module docstring)."""
    sub, r, codes = _answers(group, rng)
    frame = pd.DataFrame({"Løpenr": range(1, len(r) + 1)})
    if group == "frivilligsentral":
        frame["Orgnr"] = [int(orgnr[s]) for s in r["sentral_id"]]
    else:
        frame["Kommunenr"] = [int(k) for k in r["kommunenummer"]]
    survey = Survey(frame)
    blocks = list(dict.fromkeys(sub["blokk"]))
    long_rows, wide_rows = [], []
    for it in sub.itertuples():
        col = header_surveyxact(sub, it, blocks.index(it.blokk) + 1).replace("s_", "V")
        question = header_questback(sub, it, 0).replace(" - ", ": ", 1)
        survey.items[col] = it.sporsmal_id
        if it.skala == "fritekst":
            frame[col] = [_free_text(rng) if c else "" for c in codes[it.sporsmal_id]]
            labels = {}
        else:
            frame[col], labels = _coded(it, codes[it.sporsmal_id], rng)
        long_rows += [(col, "", question)] + [("", k, v) for k, v in labels.items()]
        wide_rows.append({"Variabel": col, "Spørsmål": question, **{str(k): v for k, v in labels.items()}})
    path = out / f"koder-{'sentraler' if group == 'frivilligsentral' else 'kommuner'}.xlsx"
    with pd.ExcelWriter(path, engine="openpyxl") as xw:
        frame.to_excel(xw, sheet_name="Data", index=False)
        if group == "frivilligsentral":
            pd.DataFrame(long_rows, columns=["Variabel", "Verdi", "Etikett"]).to_excel(xw, sheet_name="Etiketter",
                                                                                      index=False)
        else:
            wide = pd.DataFrame(wide_rows)
            codes_cols = sorted((c for c in wide.columns if c.isdigit()), key=int)
            wide[["Variabel", "Spørsmål", *codes_cols]].to_excel(xw, sheet_name="Kodebok", index=False)
    survey.frame = frame
    return path, survey


# -- the surveys ----------------------------------------------------------------------------------

def _answers(group: str, rng: random.Random):
    """Respondents of one group and their answers (item -> list of category codes or None)."""
    items, _, resp, svar, _ = _demo()
    sub = items[items["respondentgruppe"] == group]
    r = resp[resp["respondentgruppe"] == group].sort_values("respondent_id").reset_index(drop=True)
    wide = svar[svar["respondent_id"].isin(r["respondent_id"])].pivot(
        index="respondent_id", columns="sporsmal_id", values="svar_kode").reindex(r["respondent_id"])
    codes = {it: [v if isinstance(v, str) else None for v in wide[it]] if it in wide else [None] * len(r)
             for it in sub["sporsmal_id"]}
    stop = {i: rng.randint(len(sub) // 2, len(sub) - 5) for i in rng.sample(range(len(r)), k=len(r) // 12)}
    for pos, it in enumerate(sub["sporsmal_id"]):
        for i, cut in stop.items():
            if pos >= cut:
                codes[it][i] = None  # stopped halfway
    return sub, r, codes


def _cell(scale: str, code: str | None, element: str, style: str, rng: random.Random,
          labels: dict | None = None) -> object:
    if scale == "valgt":
        if style == "1blank":
            return "1" if code == "valgt" else ""
        if style == "10":
            return {"valgt": 1, "ikke_valgt": 0}.get(code, "")
        return element if code == "valgt" else ""
    if code is None:
        return ""
    if scale == "fritekst":
        return _free_text(rng)
    if scale in NON_ANSWER_SCALES and rng.random() < 0.06:
        return rng.choice(["Veit ikkje", "Ikkje relevant"] if labels is LABELS_NN else ["Vet ikke", "Ikke relevant"])
    return (labels or LABELS)[scale][code]


def _free_text(rng: random.Random) -> str:
    return " ".join(rng.sample(FREE_TEXT, k=rng.randint(1, 3)))


def _question(it) -> str:
    return QUESTION_WORDING.get(it.blokk, it.sporsmalstekst_nb)


def _element(it) -> str:
    return f"{it.aktor_tekst} - {it.element_nb}" if isinstance(it.aktor_tekst, str) else it.element_nb


def _single(sub: pd.DataFrame, it) -> bool:
    return (sub["blokk"] == it.blokk).sum() == 1


def header_nettskjema(sub, it, q) -> str:
    if _single(sub, it):
        return it.blokk
    return f"{it.blokk}_{it.aktor}_{it.element}" if isinstance(it.aktor, str) else f"{it.blokk}_{it.element}"


def header_questback(sub, it, q) -> str:
    return _question(it) if _single(sub, it) else f"{_question(it)} - {_element(it)}"


def header_surveyxact(sub, it, q) -> str:
    if _single(sub, it):
        return f"s_{q}"
    return f"s_{q}_{list(sub[sub['blokk'] == it.blokk]['sporsmal_id']).index(it.sporsmal_id) + 1}"


def header_msforms(sub, it, q) -> str:
    return _question(it) if _single(sub, it) else f"{_question(it)}.{_element(it)}"


def header_gforms(sub, it, q, nn: bool = False) -> str:
    """Google Forms: the question's text; a grid row as "question [row]"."""
    question = it.sporsmalstekst_nn if nn else _question(it)
    element = it.element_nn if nn else _element(it)
    if nn and isinstance(it.aktor_tekst, str):
        element = f"{it.aktor_tekst} - {it.element_nn}"
    return question if _single(sub, it) else f"{question} [{element}]"


def header_gforms_nn(sub, it, q) -> str:
    return header_gforms(sub, it, q, nn=True)


def _comma_cells(sub: pd.DataFrame, codes: dict, survey: Survey, n: int, nn: bool, rng: random.Random) -> None:
    """Google Forms' checkbox questions: the chosen options' texts joined by ", " in one cell (texts may hold
    commas); about half who chose «Andre» wrote their own words instead (some with commas)."""
    frame = survey.frame
    for it in sub[sub["skala"] == "valgt"].itertuples():
        actor = it.aktor_tekst if isinstance(it.aktor_tekst, str) else ""
        col = (it.sporsmalstekst_nn if nn else _question(it)) + (f" ({actor})" if actor else "")
        text = it.element_nn if nn else it.element_nb
        option = GF_OPTIONS.get(text, text)
        survey.multi.setdefault(col, {})[option] = it.sporsmal_id
        old = frame[col] if col in frame else pd.Series([""] * n)
        chosen = []
        for cell, code in zip(old, codes[it.sporsmal_id]):
            written = option
            if code == "valgt" and is_other(it.element, it.element_nb) and rng.random() < 0.5:
                k = len(survey.other_texts)
                written = f"{OTHER_WHO[k % len(OTHER_WHO)]} {OTHER_WHERE[k // len(OTHER_WHO) % len(OTHER_WHERE)]}"
                written += f", og {GF_OTHER[k % len(GF_OTHER)].lower()} nr. {k}" if k % 3 == 0 else f" (nr. {k})"
                survey.other[col] = it.sporsmal_id
                survey.other_texts.append(written)
            chosen.append(", ".join(x for x in (cell, written if code == "valgt" else "") if x))
        frame[col] = chosen


def _questions(group: str, rng: random.Random, header, style: str) -> tuple[pd.DataFrame, Survey, dict[str, str]]:
    sub, r, codes = _answers(group, rng)
    frame = pd.DataFrame(index=range(len(r)))
    nn = header is header_gforms_nn
    survey = Survey(frame, labels=LABELS_NN if nn else LABELS, separator=", " if style == "comma" else ";")
    labels = {}
    blocks = list(dict.fromkeys(sub["blokk"]))
    if style == "comma":
        _comma_cells(sub, codes, survey, len(r), nn, rng)
    for it in sub.itertuples():
        q = blocks.index(it.blokk) + 1
        if style == "comma" and it.skala == "valgt":
            continue
        if style == "cell" and it.skala == "valgt":
            key = (it.blokk, it.aktor_tekst if isinstance(it.aktor_tekst, str) else "")
            col = _question(it) + (f" ({key[1]})" if key[1] else "")
            survey.multi.setdefault(col, {})[it.element_nb] = it.sporsmal_id
            old = frame[col] if col in frame else pd.Series([""] * len(r))
            frame[col] = [o + (_option(it, survey, col, rng) + ";" if c == "valgt" else "")
                          for o, c in zip(old, codes[it.sporsmal_id])]
            continue
        col = header(sub, it, q)
        frame[col] = [_cell(it.skala, c, it.element_nb, style, rng, survey.labels) for c in codes[it.sporsmal_id]]
        survey.items[col] = it.sporsmal_id
        labels[col] = header_questback(sub, it, q).replace(" - ", ": ", 1)
    survey.frame = frame
    return r, survey, labels


def _option(it, survey: Survey, column: str, rng: random.Random) -> str:
    """A chosen option as Forms writes it: its text, or for most who chose «Andre» ("Other") their own words."""
    if not is_other(it.element, it.element_nb) or rng.random() >= OTHER_SHARE:
        return it.element_nb
    n = len(survey.other_texts)
    text = f"{OTHER_WHO[n % len(OTHER_WHO)]} {OTHER_WHERE[n // len(OTHER_WHO) % len(OTHER_WHERE)]}"
    text += f" (nr. {n})" if n >= len(OTHER_WHO) * len(OTHER_WHERE) else ""
    survey.other[column] = it.sporsmal_id
    survey.other_texts.append(text)
    return text


def _links(r: pd.DataFrame, group: str, kind: str, orgnr: dict[str, str], kommuner: pd.DataFrame,
           rng: random.Random) -> pd.DataFrame:
    out = pd.DataFrame(index=range(len(r)))
    if group == "frivilligsentral" and kind == "orgnr":
        out["orgnr"] = [orgnr[s] if i % 4 else f"{orgnr[s][:3]} {orgnr[s][3:6]} {orgnr[s][6:]}"
                        for i, s in enumerate(r["sentral_id"])]
    elif kind == "nummer":
        out["Kommunenummer"] = [int(k) if i % 5 == 0 else k for i, k in enumerate(r["kommunenummer"])]
    else:
        names = [municipality_name(k, kommuner) for k in r["kommunenummer"]]
        out["kommune"] = [n.lower() if kind == "navn_fritt" and i % 7 == 0 else n for i, n in enumerate(names)]
    return out


TOOLS = {
    # tool: (header, checkbox style, link for centres, link for municipalities)
    "nettskjema_csv": (header_nettskjema, "1blank", "navn", "navn"),
    "nettskjema_xlsx": (header_nettskjema, "1blank", "orgnr", "navn"),
    "questback": (header_questback, "10", "orgnr", "nummer"),
    "surveyxact": (header_surveyxact, "text", "orgnr", "navn"),
    "msforms": (header_msforms, "cell", "navn_fritt", "navn_fritt"),
    "google_forms": (header_gforms, "comma", "orgnr", "navn"),
    "brreg_spss": (header_surveyxact, "10", "orgnr", "nummer"),   # written by register_brreg and spss_file
    "codes_workbook": (header_surveyxact, "10", "orgnr", "nummer"),   # written by codes_file
}
# the link column's header as the form asks for it (Google Forms; the municipalities' survey in nynorsk)
GF_LINKS = {"frivilligsentral": "Organisasjonsnummer (9 siffer)", "kommune": "Kva kommune svarar du for?"}


def _meta(tool: str, n: int, group: str, rng: random.Random) -> pd.DataFrame:
    start = [f"2024-03-{6 + i % 20:02d} {8 + i % 9:02d}:{i % 60:02d}:{(7 * i) % 60:02d}" for i in range(n)]
    ids = rng.sample(range(1_000_000, 9_999_999), n)
    if tool.startswith("nettskjema"):
        answer_ms = [rng.randint(200_000, 2_000_000) for _ in range(n)]
        return pd.DataFrame({"$submission_id": ids, "$created": start, "$answer_time_ms": answer_ms})
    if tool == "questback":
        return pd.DataFrame({"RespondentID": ids, "Startet": start, "Fullført": start})
    if tool == "google_forms":  # no respondent id: the time stamp is unique (to the second)
        stamp = [f"{t[8:10]}.{t[5:7]}.{t[:4]} {t[11:]}" for t in start]
        return pd.DataFrame({"Tidsmerke": stamp, "E-postadresse": [f"svar{i}@{'post' if i % 2 else 'kommune'}.no"
                                                                   for i in range(n)]})
    who = [f"{'leder' if group == 'frivilligsentral' else 'radgiver'}{i}@{'post' if i % 2 else 'kommune'}.no"
           for i in range(n)]
    if tool == "surveyxact":
        return pd.DataFrame({"respondentid": ids, "email": who, "name": [f"Ola Nordmann {i}" for i in range(n)],
                             "created": start, "closetime": start, "statoverall_4": 1})
    return pd.DataFrame({"ID": range(1, n + 1), "Start time": start, "Completion time": start, "Email": who,
                         "Name": [f"Ola Nordmann {i}" for i in range(n)]})


def _write(tool: str, frame: pd.DataFrame, path: Path, labels: dict[str, str]) -> None:
    if tool == "nettskjema_csv":
        frame.to_csv(path, sep=";", index=False, encoding="cp1252", lineterminator="\r\n")
    elif tool == "google_forms":
        frame.to_csv(path, index=False, encoding="utf-8")
    elif tool == "questback":
        with pd.ExcelWriter(path, engine="openpyxl") as xw:
            frame.to_excel(xw, sheet_name="Rapport", index=False, startrow=2)
            xw.sheets["Rapport"]["A1"] = "Frivilligsentraler i distriktskommuner 2024 - eksport av svar"
    elif tool == "surveyxact":
        with pd.ExcelWriter(path, engine="openpyxl") as xw:
            frame.to_excel(xw, sheet_name="Datasett", index=False)
            pd.DataFrame({"Variabel": list(labels), "Etikett": list(labels.values())}).to_excel(
                xw, sheet_name="Variabler", index=False)
    else:
        frame.to_excel(path, index=False, engine="openpyxl", sheet_name="Sheet1" if tool == "msforms" else "Svar")


def survey_file(tool: str, group: str, out: Path, orgnr: dict[str, str], rng: random.Random) -> tuple[Path, Survey]:
    header, style, fs_link, k_link = TOOLS[tool]
    kommuner = _demo()[4]
    if tool == "google_forms" and group == "kommune":
        header = header_gforms_nn
    r, survey, labels = _questions(group, rng, header, style)
    link = _links(r, group, fs_link if group == "frivilligsentral" else k_link, orgnr, kommuner, rng)
    if tool == "msforms":
        link.columns = ["Hvilken kommune ligger frivilligsentralen i?" if group == "frivilligsentral"
                        else "Hvilken kommune svarer du for?"]
    if tool == "google_forms":
        link.columns = [GF_LINKS[group]]
    frame = pd.concat([_meta(tool, len(r), group, rng), link, survey.frame], axis=1)
    comments = "Andre kommentarar" if header is header_gforms_nn else "Andre kommentarer"
    frame[comments if tool != "surveyxact" else "s_99"] = [
        _free_text(rng) if rng.random() < 0.3 else "" for _ in range(len(r))]
    labels["s_99"] = "Har du andre kommentarer til undersøkelsen?"
    survey.frame = frame
    ext = ".csv" if tool in ("nettskjema_csv", "google_forms") else ".xlsx"
    path = out / f"{tool}-{'sentraler' if group == 'frivilligsentral' else 'kommuner'}{ext}"
    _write(tool, frame, path, labels)
    return path, survey


def make(tool: str, out: Path) -> FixtureSet:
    """Write one fixture set (register + the two surveys as `tool` exports them) into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"{SEED}-{tool}")
    if tool in ("brreg_spss", "codes_workbook"):
        register, orgnr = (register_brreg if tool == "brreg_spss" else register_excel)(out, rng)
        write = spss_file if tool == "brreg_spss" else codes_file
        (fs, fs_survey), (k, k_survey) = (write(g, out, orgnr, rng) for g in ("frivilligsentral", "kommune"))
        return FixtureSet(tool, register, fs, k, {"frivilligsentral": fs_survey, "kommune": k_survey}, orgnr,
                          TRUE_COLUMNS.get(tool, {}))
    register, orgnr = (register_dates if tool == "google_forms" else register_excel)(out, rng)
    fs, fs_survey = survey_file(tool, "frivilligsentral", out, orgnr, rng)
    k, k_survey = survey_file(tool, "kommune", out, orgnr, rng)
    return FixtureSet(tool, register, fs, k, {"frivilligsentral": fs_survey, "kommune": k_survey}, orgnr,
                      TRUE_COLUMNS.get(tool, {}))


# the columns each section's fields truly are in (the sets of issue 20)
TRUE_COLUMNS = {
    "google_forms": {
        "register": {"navn": "Sentral - Frivilligsentral", "kommunenummer": "Sentral - Kommunenr",
                     "organisasjonsnummer": "Sentral - Organisasjonsnummer", "eierform": "Drift - Eierform",
                     "radgivende_organ": "Drift - Styre/råd", "etablert_aar": "Drift - Etablert dato"},
        "frivilligsentral": {"respondent_id": "Tidsmerke", "organisasjonsnummer": GF_LINKS["frivilligsentral"]},
        "kommune": {"respondent_id": "Tidsmerke", "kommunenummer": GF_LINKS["kommune"]}},
    "brreg_spss": {
        "register": {"navn": "Navn", "kommunenummer": "Forretningsadresse.kommunenummer",
                     "organisasjonsnummer": "Organisasjonsnummer", "eierform": "Organisasjonsform.kode",
                     "etablert_aar": "Stiftelsesdato"},
        "frivilligsentral": {"respondent_id": "ResponseId", "organisasjonsnummer": "orgnr"},
        "kommune": {"respondent_id": "ResponseId", "kommunenummer": "kommune"}},
    "codes_workbook": {
        "frivilligsentral": {"respondent_id": "Løpenr", "organisasjonsnummer": "Orgnr"},
        "kommune": {"respondent_id": "Løpenr", "kommunenummer": "Kommunenr"}},
}


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "output/fixtures_realistic")
    for name in TOOLS:
        s = make(name, target / name)
        print(f"{name:<16} {s.register.name}  {s.frivilligsentral.name}  {s.kommune.name}")
