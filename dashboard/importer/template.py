"""The mapping template and the demo data's own "survey tool" export.

Column codes follow the survey-tool habit: one number per question in questionnaire order,
``Q7`` for a single question, ``Q7_3`` for element 3 of a battery, ``Q9_2_1`` for element 1 about
actor 2. Answer codes are 1..k in the scale's order (multiple choice: 1 = chosen, 0 = not).

* :func:`mapping_text` writes the mapping for that layout: as the documented template covering the
  whole codebook (``data/import/mal-mapping.toml``) and as the ready mapping for the demo export
  (``data/import/demo-eksport-mapping.toml``).
* :func:`export_demo` writes the demo data in that layout: the register as Windows-1252 CSV with
  semicolons (as Excel writes it), the centres' survey as SPSS .sav with value labels, the
  municipalities' survey as XLSX with answer labels, and the discourse table as CSV.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.data import versions
from dashboard.importer.codebook import is_other

REGISTER_COLUMNS = {"sentral_id": "Sentral-ID", "navn": "Navn på sentral", "kommunenummer": "Kommunenr",
                    "eierform": "Eierform", "radgivende_organ": "Styre/råd", "etablert_aar": "Etableringsår",
                    "i_utvalg": "I utvalget", "utvalg_merknad": "Merknad"}
SURVEY_META = ["StartDate", "EndDate", "Status", "Språk"]
GROUPS = {"frivilligsentral": "fs", "kommune": "k"}


def _codebook(base: versions.DataVersion) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    items = pd.read_parquet(base.table_path("kodebok"))
    scales = pd.read_parquet(base.table_path("kodebok_skala"))
    classes = pd.read_parquet(base.table_path("klassifikasjoner"))
    return items[items["undersokelse"] == "2024"].sort_values("rekkefolge"), scales, classes


def column_codes(items: pd.DataFrame, group: str) -> dict[str, str]:
    """sporsmal_id -> column code (Q-number) for one respondent group."""
    sub = items[items["respondentgruppe"] == group]
    out: dict[str, str] = {}
    for q, (_block, b) in enumerate(sub.groupby("blokk", sort=False), start=1):
        elements = list(dict.fromkeys(b["element"]))
        actors = [a for a in dict.fromkeys(b["aktor"]) if a is not None and not pd.isna(a)]
        for row in b.itertuples():
            if actors:
                out[row.sporsmal_id] = f"Q{q}_{actors.index(row.aktor) + 1}_{elements.index(row.element) + 1}"
            elif len(elements) > 1:
                out[row.sporsmal_id] = f"Q{q}_{elements.index(row.element) + 1}"
            else:
                out[row.sporsmal_id] = f"Q{q}" if row.skala != "fritekst" else f"Q{q}_TEXT"
    return out


def scale_codes(scales: pd.DataFrame, scale: str) -> dict[str, str]:
    """Numeric answer code (as text) -> category code."""
    cats = scales[scales["skala"] == scale].sort_values("rekkefolge")
    if scale == "valgt":
        return {"1": "valgt", "0": "ikke_valgt"}
    return {str(i): c for i, c in enumerate(cats["kode"], start=1)}


def _q(text: str) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


TEMPLATE_HEADER = """\
# MAL for import av ekte data: register over frivilligsentraler og de to spørreundersøkelsene.
# Kopier filen, og endre kolonnenavnene (venstre side) og svarkodene slik de står i deres filer.
# Bruk:  python -m dashboard import --register REG.csv --frivilligsentral FS.sav --kommune K.xlsx \\
#                                  --mapping min-mapping.toml
# Et utkast laget fra deres egne filer er ofte enklere:  python -m dashboard mapping-forslag --help
# Hver kolonne i filene må stå her: som felt (kolonner), spørsmål (sporsmal), ignorert (ignorer),
# personopplysninger (kontaktinfo, lagres aldri) eller fritekst.
# Mappingen kontrolleres strengt: ukjente seksjoner, nøkler, spørsmål og kategorier er feil (med forslag),
# og en linje som fortsatt inneholder TODO stopper importen.
# Ukjente kolonner, ukjente svarkoder og ukjente kommuner stopper importen med en feilrapport.
# Kommuner kan stå som nummer (også 2013-2023-nummer) eller navn; tvetydige navn avgjøres i [seksjon.kommuner].
# Tomme celler og «Vet ikke», «Ikke relevant», «Ønsker ikke å svare», «Ubesvart» lagres som manglende svar
# (utvid eller endre listen under [seksjon.ikke_svar]); der «Vet ikke» er en ekte kategori, beholdes den.
# Avkrysningsbokser (skala valgt): den som har krysset av minst én boks i et spørsmål, får «ikke valgt» for
# de tomme boksene; den som ikke har krysset av noen, regnes som ubesvart for hele spørsmålet.
# Fritekst importeres aldri. Svarkoder kan oversettes med både tallkode og etikett (value label),
# uten hensyn til store og små bokstaver eller mellomrom foran og bak."""
DEMO_HEADER = """\
# Mapping for demodataenes egen eksport (python -m dashboard eksporter-demo). Brukes i testene
# av rundturen demo -> eksport -> import, og som et utfylt eksempel på malen."""
MULTI_HINT = """\
# Flervalg skrevet i én celle («Idrettslag;Enkeltfrivillige;», som Microsoft Forms gjør): ta elementene ut av
# sporsmal og oppgi kolonnen og hvert alternativ slik (alternativene i én kolonne hører til samme spørsmål):
# [{group}.flervalg."Hvem samarbeider dere med?"]
# skilletegn = ";"                                 # valgfritt; ";" er standard
# [{group}.flervalg."Hvem samarbeider dere med?".alternativer]
# {label} = "{item}"    # alternativ i cellen = avkrysningselement (skala valgt)
# Valgte alternativer blir «valgt», de andre «ikke valgt»; en tom celle er ubesvart for hele spørsmålet.
# Har spørsmålet et «Annet»-valg med tekstfelt, skriver Forms respondentens egen tekst i cellen. Med
# annet = "{other}" (under skilletegn) telles hvert alternativ som ikke står i alternativer som det
# elementet (spørsmålets «Andre»); teksten lagres aldri. Uten annet er et ukjent alternativ en feil."""
REGISTER_HINTS = """\
# organisasjonsnummer = "Org.nr." kan stå i kolonner, også i stedet for sentral_id (blir da sentral-id-en)
# fil = { ark = "Register", overskriftsrad = 1 }     # valgfritt: arket (XLSX) og raden med kolonnenavn
# fil = { tegnkoding = "utf-8-erstatt" }   # CSV som er UTF-8 bortsett fra noen få byte: les den som UTF-8
# kontaktinfo = ["Kontaktperson", "E-post", "Telefon"] # personopplysninger: lagres aldri
# [register.kommuner] med f.eks. "Herøy" = "1818" avgjør kommunenavn som kan bety flere kommuner"""


def mapping_text(base: versions.DataVersion | None = None, *, template: bool = False) -> str:
    base = base or versions.shipped()
    items, scales, classes = _codebook(base)
    out: list[str] = [TEMPLATE_HEADER if template else DEMO_HEADER]
    _register_lines(out.append, classes, template)
    for group in GROUPS:
        _survey_lines(out.append, items, scales, group, template)
    w = out.append
    w("")
    w("[diskurs]")
    w("# valgfri fil: hoveddiskurs per kommune (figur 5)")
    w('kolonner = { kommunenummer = "Kommunenr", diskurs = "Diskurs" }')
    w("[diskurs.verdier.diskurs]")
    for r in classes[classes["klassifikasjon"] == "diskurs"].sort_values("rekkefolge").itertuples():
        w(f"{_q(r.etikett_nb)} = {_q(r.kode)}")
    return "\n".join(out) + "\n"


def _register_lines(w, classes: pd.DataFrame, template: bool) -> None:
    w("")
    w("[register]")
    w("# felt i dashbordet = kolonnenavn i registerfilen (sentral_id, navn, kommunenummer og eierform er påkrevd)")
    w("kolonner = { " + ", ".join(f"{k} = {_q(v)}" for k, v in REGISTER_COLUMNS.items()) + " }")
    if template:
        w(REGISTER_HINTS)
    for klass, field in (("eierform", "eierform"), ("radgivende_organ", "radgivende_organ")):
        w("")
        w(f"[register.verdier.{field}]")
        w(f"# verdi i filen = kode i klassifikasjonen «{klass}»")
        for r in classes[classes["klassifikasjon"] == klass].sort_values("rekkefolge").itertuples():
            w(f"{_q(r.etikett_nb)} = {_q(r.kode)}")
    w("")
    w("[register.verdier.i_utvalg]")
    w('"Ja" = "ja"')
    w('"Nei" = "nei"')


def _survey_lines(w, items: pd.DataFrame, scales: pd.DataFrame, group: str, template: bool) -> None:
    codes = column_codes(items, group)
    sub = items[items["respondentgruppe"] == group]
    w("")
    w(f"[{group}]")
    if group == "frivilligsentral":
        w('kolonner = { respondent_id = "ResponseID", sentral_id = "FS_ID" }')
    else:
        w('kolonner = { respondent_id = "ResponseID", kommunenummer = "Kommunenr" }')
    w("ignorer = [" + ", ".join(_q(c) for c in SURVEY_META) + "]")
    w("fritekst = []  # kolonner med fritekst som ikke skal brukes i det hele tatt")
    if template:
        w('# kontaktinfo = ["Navn på den som svarer", "E-post"]   # personopplysninger: lagres aldri')
        w(f'# [{group}.ikke_svar] med alle = ["Husker ikke"] legger til ikke-svar; standard = false slår av listen')
        first = sub[sub["skala"] == "valgt"].iloc[0]
        others = [r.sporsmal_id for r in sub[sub["skala"] == "valgt"].itertuples() if is_other(r.element, r.element_nb)]
        w(MULTI_HINT.format(group=group, item=first["sporsmal_id"], label=_q(first["element_nb"]),
                            other=others[0] if others else "<elementet for «Andre»>"))
    w("")
    w(f"[{group}.sporsmal]")
    w("# kolonne i filen = element i kodeboken")
    last_block = None
    for r in sub.itertuples():
        if template and r.blokk != last_block:
            w(f"# {r.figur if isinstance(r.figur, str) else 'Uten figur'}: {r.sporsmalstekst_nb} (skala {r.skala})")
            if r.skala == "fritekst":
                w("# fritekst: bare om spørsmålet er besvart lagres; selve teksten leses aldri inn")
        last_block = r.blokk
        label = f"  # {r.element_nb}" if template and isinstance(r.element_nb, str) else ""
        label += f" (aktør: {r.aktor})" if template and isinstance(r.aktor, str) else ""
        w(f"{codes[r.sporsmal_id]} = {_q(r.sporsmal_id)}{label}")
    for scale in dict.fromkeys(sub.loc[sub["skala"] != "fritekst", "skala"]):
        w("")
        w(f"[{group}.verdier.{scale}]")
        w("# svarkode eller etikett i filen = kategori i kodeboken")
        for num, code in scale_codes(scales, scale).items():
            w(f"{_q(num)} = {_q(code)}")
        for r in scales[scales["skala"] == scale].sort_values("rekkefolge").itertuples():
            w(f"{_q(r.etikett_nb)} = {_q(r.kode)}")


def export_demo(out: Path, base: versions.DataVersion | None = None) -> dict[str, Path]:
    """Write the demo data as the files a partner would send (see the module docstring)."""
    base = base or versions.shipped()
    out.mkdir(parents=True, exist_ok=True)
    items, scales, classes = _codebook(base)
    reg, resp, svar, dis = (pd.read_parquet(base.table_path(t)) for t in ("sentraler", "respondenter", "svar",
                                                                          "diskurs"))
    label = {(r.klassifikasjon, r.kode): r.etikett_nb for r in classes.itertuples()}
    paths = {"register": out / "frivilligsentraler-register.csv",
             "frivilligsentral": out / "undersokelse-sentraler.sav", "kommune": out / "undersokelse-kommuner.xlsx",
             "diskurs": out / "plandiskurser.csv"}
    # Semicolons and a BOM, as Excel writes «CSV UTF-8» (Sami letters do not fit in Windows-1252)
    _register_frame(reg, label).to_csv(paths["register"], sep=";", index=False, encoding="utf-8-sig")
    for group in GROUPS:
        _write_survey(group, paths[group], items, scales, resp, svar)
    pd.DataFrame({"Kommunenr": dis["kommunenummer"],
                  "Diskurs": [label[("diskurs", d)] for d in dis["diskurs"]]}).to_csv(paths["diskurs"], index=False)
    return paths


def _register_frame(reg: pd.DataFrame, label: dict) -> pd.DataFrame:
    return pd.DataFrame({
        REGISTER_COLUMNS["sentral_id"]: reg["sentral_id"], REGISTER_COLUMNS["navn"]: reg["navn"],
        REGISTER_COLUMNS["kommunenummer"]: reg["kommunenummer"],
        REGISTER_COLUMNS["eierform"]: [label[("eierform", e)] for e in reg["eierform"]],
        REGISTER_COLUMNS["radgivende_organ"]: [label[("radgivende_organ", b)] for b in reg["radgivende_organ"]],
        REGISTER_COLUMNS["etablert_aar"]: reg["etablert_aar"],
        REGISTER_COLUMNS["i_utvalg"]: ["Ja" if x else "Nei" for x in reg["i_utvalg"]],
        REGISTER_COLUMNS["utvalg_merknad"]: reg["utvalg_merknad"].fillna(""),
    })


def _write_survey(group: str, path: Path, items: pd.DataFrame, scales: pd.DataFrame, resp: pd.DataFrame,
                  svar: pd.DataFrame) -> None:
    """One group's answers: the centres' as SPSS .sav with value labels, the municipalities' as XLSX labels."""
    import pyreadstat

    codes = column_codes(items, group)
    sub_items = items[items["respondentgruppe"] == group]
    r = resp[resp["respondentgruppe"] == group].sort_values("respondent_id")
    a = svar[svar["respondent_id"].isin(r["respondent_id"])]
    wide = a.pivot(index="respondent_id", columns="sporsmal_id", values="svar_kode").reindex(r["respondent_id"])
    frame = pd.DataFrame({"ResponseID": [int(x.split("-")[1]) for x in r["respondent_id"]]})
    if group == "frivilligsentral":
        frame["FS_ID"] = r["sentral_id"].to_numpy()
    else:
        frame["Kommunenr"] = r["kommunenummer"].to_numpy()
    frame["StartDate"] = "2024-03-06"
    frame["EndDate"] = "2024-04-08"
    frame["Status"] = "Fullført"
    frame["Språk"] = "Norsk"
    value_labels: dict[str, dict] = {}
    for it in sub_items.itertuples():
        answers = wide[it.sporsmal_id] if it.sporsmal_id in wide else pd.Series(index=wide.index, dtype=object)
        _answer_column(frame, value_labels, codes[it.sporsmal_id], it.skala, answers, scales, group)
    if group == "frivilligsentral":
        pyreadstat.write_sav(frame, str(path), variable_value_labels=value_labels,
                             column_labels={codes[i.sporsmal_id]: str(i.element_nb if isinstance(i.element_nb, str)
                                                                      else i.sporsmalstekst_nb)[:250]
                                            for i in sub_items.itertuples()})
    else:
        frame.to_excel(path, index=False, engine="openpyxl")


def _answer_column(frame: pd.DataFrame, value_labels: dict, col: str, scale: str, answers: pd.Series,
                   scales: pd.DataFrame, group: str) -> None:
    """One item's answers into ``frame[col]``: numeric codes with value labels (.sav) or labels (XLSX)."""
    if scale == "fritekst":
        frame[col] = ["Vi deler lokaler, kaffe og gode idéer – og får flere besøkende." if isinstance(v, str)
                      else "" for v in answers]
        return
    inverse = {c: int(n) for n, c in scale_codes(scales, scale).items()}
    if group == "frivilligsentral":
        frame[col] = [float(inverse[v]) if isinstance(v, str) else float("nan") for v in answers]
        cats = scales[scales["skala"] == scale]
        value_labels[col] = {float(inverse[c]): lbl for c, lbl in zip(cats["kode"], cats["etikett_nb"])}
    else:
        rows = scales[scales["skala"] == scale]
        cats = dict(zip(rows["kode"], rows["etikett_nb"]))
        frame[col] = [cats[v] if isinstance(v, str) else "" for v in answers]
