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
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dashboard import versions
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


@dataclass
class FixtureSet:
    tool: str
    register: Path
    frivilligsentral: Path
    kommune: Path
    surveys: dict[str, Survey]
    orgnr: dict[str, str]                                  # sentral_id -> organisation number


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


def _cell(scale: str, code: str | None, element: str, style: str, rng: random.Random) -> object:
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
        return rng.choice(["Vet ikke", "Ikke relevant"])
    return LABELS[scale][code]


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


def _questions(group: str, rng: random.Random, header, style: str) -> tuple[pd.DataFrame, Survey, dict[str, str]]:
    sub, r, codes = _answers(group, rng)
    frame = pd.DataFrame(index=range(len(r)))
    survey = Survey(frame)
    labels = {}
    blocks = list(dict.fromkeys(sub["blokk"]))
    for it in sub.itertuples():
        q = blocks.index(it.blokk) + 1
        if style == "cell" and it.skala == "valgt":
            key = (it.blokk, it.aktor_tekst if isinstance(it.aktor_tekst, str) else "")
            col = _question(it) + (f" ({key[1]})" if key[1] else "")
            survey.multi.setdefault(col, {})[it.element_nb] = it.sporsmal_id
            old = frame[col] if col in frame else pd.Series([""] * len(r))
            frame[col] = [o + (_option(it, survey, col, rng) + ";" if c == "valgt" else "")
                          for o, c in zip(old, codes[it.sporsmal_id])]
            continue
        col = header(sub, it, q)
        frame[col] = [_cell(it.skala, c, it.element_nb, style, rng) for c in codes[it.sporsmal_id]]
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
}


def _meta(tool: str, n: int, group: str, rng: random.Random) -> pd.DataFrame:
    start = [f"2024-03-{6 + i % 20:02d} {8 + i % 9:02d}:{i % 60:02d}:{(7 * i) % 60:02d}" for i in range(n)]
    ids = rng.sample(range(1_000_000, 9_999_999), n)
    if tool.startswith("nettskjema"):
        answer_ms = [rng.randint(200_000, 2_000_000) for _ in range(n)]
        return pd.DataFrame({"$submission_id": ids, "$created": start, "$answer_time_ms": answer_ms})
    if tool == "questback":
        return pd.DataFrame({"RespondentID": ids, "Startet": start, "Fullført": start})
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
    r, survey, labels = _questions(group, rng, header, style)
    link = _links(r, group, fs_link if group == "frivilligsentral" else k_link, orgnr, kommuner, rng)
    if tool == "msforms":
        link.columns = ["Hvilken kommune ligger frivilligsentralen i?" if group == "frivilligsentral"
                        else "Hvilken kommune svarer du for?"]
    frame = pd.concat([_meta(tool, len(r), group, rng), link, survey.frame], axis=1)
    frame["Andre kommentarer" if tool != "surveyxact" else "s_99"] = [
        _free_text(rng) if rng.random() < 0.3 else "" for _ in range(len(r))]
    labels["s_99"] = "Har du andre kommentarer til undersøkelsen?"
    survey.frame = frame
    ext = ".csv" if tool == "nettskjema_csv" else ".xlsx"
    path = out / f"{tool}-{'sentraler' if group == 'frivilligsentral' else 'kommuner'}{ext}"
    _write(tool, frame, path, labels)
    return path, survey


def make(tool: str, out: Path) -> FixtureSet:
    """Write one fixture set (register + the two surveys as `tool` exports them) into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"{SEED}-{tool}")
    register, orgnr = register_excel(out, rng)
    fs, fs_survey = survey_file(tool, "frivilligsentral", out, orgnr, rng)
    k, k_survey = survey_file(tool, "kommune", out, orgnr, rng)
    return FixtureSet(tool, register, fs, k, {"frivilligsentral": fs_survey, "kommune": k_survey}, orgnr)


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "output/fixtures_realistic")
    for name in TOOLS:
        s = make(name, target / name)
        print(f"{name:<16} {s.register.name}  {s.frivilligsentral.name}  {s.kommune.name}")
