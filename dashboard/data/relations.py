"""The report's comparative and «no difference» statements (one group more, less or as much as another)
as calibration checks, and the table that lists every such statement in the report with its line
(data/raw/rapport/sammenligninger.csv): each row names the check that tests it, or says why the data
cannot (another source, free text, a question the surveys do not hold).

Where the report says «no difference» or «marginally», the check allows a stated margin (``LIKE_PP``,
``MARGINAL_PP``, ``MARGINAL_SCORE``): the report gives no numbers for these statements.
"""

from __future__ import annotations

import csv
from collections.abc import Callable

import pandas as pd

from dashboard.data.calibration import (
    BIG,
    GOOD,
    HINDER,
    PASSER,
    Check,
    Tables,
    _c,
    above,
    all_of,
    district,
    other,
    own_share,
    owner,
    ranking,
    share,
)
from dashboard.paths import RAW

TABLE = RAW / "rapport" / "sammenligninger.csv"
COLUMNS = ["id", "linje", "sitat", "kontroll", "grunnlag", "merknad"]
BASES = {"spørreundersøkelsen", "registeret", "dokumentanalysen", "NFS-data", "annen kilde", "fritekst og intervjuer",
         "ikke i dataene"}
LIKE_PP = 10.0  # «about the same», «no influence», «to the same degree»: at most this many points apart
MARGINAL_PP = 10.0  # «marginally higher»: higher, by at most this many points
MARGINAL_SCORE = 0.3  # «marginally / somewhat more satisfied»: higher mean on the -2..2 scale, by at most this
NEW_SINCE = 2019  # «nyoppstartede»: founded in the five years before the survey (2024)
AREAS4 = ("mangfold", "helse", "barn", "kultur")
EGEN = ("kun_egenregi", "mest_egenregi")
TILRETTE = ("mest_tilrettelegging", "kun_tilrettelegging")
WIDE = ("fs_partner_andre_offentlige", "fs_partner_naerbutikk", "fs_partner_andre_private")


def within(a: Callable[[Tables], float], b: Callable[[Tables], float], margin: float) -> Callable[[Tables], float]:
    return lambda t: float(abs(a(t) - b(t)) <= margin)


def slightly_above(a, b, margin: float) -> Callable[[Tables], float]:
    return lambda t: float(0 < a(t) - b(t) <= margin)


def _fs(t: Tables) -> pd.DataFrame:
    """The centres' respondents with their centre's class, ownership form and founding year."""
    r = t.respondenter[t.respondenter["respondentgruppe"] == "frivilligsentral"]
    r = r.merge(t.sentraler[["sentral_id", "eierform", "eiergruppe", "etablert_aar"]], on="sentral_id", how="left")
    return r.merge(t.kommuner[["kommunenummer", "sentralitetsklasse"]], on="kommunenummer", how="left")


def _wide(t: Tables, prefix: str, yes: tuple[str, ...]) -> pd.DataFrame:
    """respondent x item (items starting with ``prefix``): True where the answer is one of ``yes``."""
    a = t.answers[t.answers["sporsmal_id"].str.startswith(prefix)]
    return a.assign(v=a["svar_kode"].isin(yes)).pivot(index="respondent_id", columns="sporsmal_id", values="v")


def activity_types(klasse: int) -> Callable[[Tables], float]:
    """Mean number of activity types a centre offers (alone or together, Figure 10) in one centrality class."""
    def metric(t: Tables) -> float:
        n = _wide(t, "fs_aktivitet_", ("selv", "sammen")).sum(axis=1)
        fs = _fs(t).set_index("respondent_id")
        return float(n[n.index.isin(fs.index[fs["sentralitetsklasse"] == klasse])].mean())
    return metric


def kommunal_among(roles: tuple[str, ...] | None) -> Callable[[Tables], float]:
    """Share of municipally owned centres among those answering one of ``roles`` on fs_rolle (None: all)."""
    def metric(t: Tables) -> float:
        a = t.item("fs_rolle")
        a = a if roles is None else a[a["svar_kode"].isin(roles)]
        return 100.0 * (a["eiergruppe"] == "kommunal").mean()
    return metric


def welfare_by_role(t: Tables) -> dict[str, float]:
    a = t.item("fs_velferd")
    return {g: 100.0 * (x["svar_kode"] == "ja").mean() for g, x in a.groupby("rolletype")}


def spread(values: Callable[[Tables], dict[str, float]]) -> Callable[[Tables], float]:
    return lambda t: max(values(t).values()) - min(values(t).values())


def _policy_munis(t: Tables, has: bool) -> set[str]:
    """Municipalities that say they have (or do not have) a formalised volunteering policy (Figure 3)."""
    p = t.item("k_politikk")
    return set(p.loc[(p["svar_kode"] == "formalisert") == has, "kommunenummer"])


def policy_share(item: str, codes, has: bool) -> Callable[[Tables], float]:
    def metric(t: Tables) -> float:
        a = t.item(item)
        return 100.0 * a.loc[a["kommunenummer"].isin(_policy_munis(t, has)), "svar_kode"].isin(codes).mean()
    return metric


def satisfaction_good(has_policy: bool) -> Callable[[Tables], float]:
    """Share «svært godt»/«godt» over every satisfaction answer of centres in municipalities with/without policy."""
    def metric(t: Tables) -> float:
        a = t.answers[t.answers["sporsmal_id"].str.startswith("fs_fornoyd_")]
        return 100.0 * a.loc[a["kommunenummer"].isin(_policy_munis(t, has_policy)), "svar_kode"].isin(GOOD).mean()
    return metric


def _pairs(t: Tables) -> pd.DataFrame:
    """One row per centre and partner with a satisfaction score and the forms chosen for that partner."""
    a = t.answers
    sat = a[a["sporsmal_id"].str.startswith("fs_fornoyd_")].copy()
    sat["aktor"] = sat["sporsmal_id"].str.removeprefix("fs_fornoyd_")
    sat["score"] = sat["svar_kode"].map(PASSER)
    form = a[a["sporsmal_id"].str.startswith("fs_form_") & (a["svar_kode"] == "valgt")].copy()
    rest = form["sporsmal_id"].str.removeprefix("fs_form_")
    form["form"] = rest.str.rsplit("_", n=1).str[1]
    form["aktor"] = rest.str.rsplit("_", n=1).str[0]
    chosen = form.groupby(["respondent_id", "aktor"])["form"].agg(set).rename("former")
    return sat.join(chosen, on=["respondent_id", "aktor"])


def satisfaction_by_form(kind: str) -> Callable[[Tables], float]:
    """Mean satisfaction (-2..2) of the centre-partner pairs with a cooperation agreement ('avtale'), only
    informal cooperation ('uformelt'), another form ('andre') or no other form ('ikke_andre')."""
    def metric(t: Tables) -> float:
        p = _pairs(t).dropna(subset=["former", "score"])
        keep = {"avtale": p["former"].map(lambda f: "samarbeidsavtale" in f),
                "uformelt": p["former"].map(lambda f: f == {"uformelt"}),
                "andre": p["former"].map(lambda f: "andre" in f),
                "ikke_andre": p["former"].map(lambda f: "andre" not in f)}[kind]
        return float(p.loc[keep, "score"].mean())
    return metric


def satisfaction_by_owner(stiftelse: bool) -> Callable[[Tables], float]:
    def metric(t: Tables) -> float:
        p = _pairs(t).dropna(subset=["score"])
        forms = _fs(t).set_index("respondent_id")["eierform"]
        return float(p.loc[(p["respondent_id"].map(forms) == "stiftelse") == stiftelse, "score"].mean())
    return metric


def new_centres(model: str) -> Callable[[Tables], float]:
    """Share founded since NEW_SINCE among centres with a «spisset» or «omfattende» cooperation (Figure 12)."""
    def metric(t: Tables) -> float:
        p = t.answers[t.answers["sporsmal_id"].str.startswith("fs_partner_")]
        wide = p.assign(w=p["sporsmal_id"].isin(WIDE) & (p["svar_kode"] == "valgt")).groupby("respondent_id")["w"].any()
        ids = wide.index[wide == (model == "omfattende")]
        fs = _fs(t).set_index("respondent_id")
        return 100.0 * (fs.loc[fs.index.isin(ids), "etablert_aar"] >= NEW_SINCE).mean()
    return metric


def largest_phase_bars(t: Tables) -> float:
    """Share of centres in the three largest combinations of Figure 14, when all three include execution."""
    w = _wide(t, "fs_fase_", ("valgt",))
    combos = w[["fs_fase_ide", "fs_fase_planlegging", "fs_fase_utforing"]].apply(tuple, axis=1).value_counts()
    top = combos.sort_values(ascending=False, kind="stable").head(3)
    if not all(c[2] for c in top.index):
        return 0.0
    return 100.0 * top.sum() / len(w)


def population_per_centre(frame) -> Callable[[Tables], float]:
    def metric(t: Tables) -> float:
        c = frame(t)
        pop = t.kommuner.set_index("kommunenummer").loc[c["kommunenummer"].unique(), "befolkning_2024"].sum()
        return float(pop / len(c))
    return metric


def multi_share(frame) -> Callable[[Tables], float]:
    """Share of the municipalities with a centre that have more than one."""
    def metric(t: Tables) -> float:
        n = frame(t)["kommunenummer"].value_counts()
        return 100.0 * float((n > 1).mean())
    return metric


def areas_top2(prefix: str) -> Callable[[Tables], float]:
    """Diversity and health are the two largest of the four welfare areas (importance «stor»/«svært stor»)."""
    items = {a: f"{prefix}{a}" for a in AREAS4}
    return ranking(lambda t: {a: share(i, BIG)(t) for a, i in items.items()}, [{"mangfold", "helse"}])


def _register_and_role_checks() -> list[Check]:
    egen_share = share("fs_rolle", EGEN)
    return [
        _c("utsagn_eier_kommunal", "Distriktssentralene er i større grad eid av kommunene enn sentraler i mer "
           "sentrale strøk", 66, 1, "rangering", above(own_share(district, "kommunal"), own_share(other, "kommunal"))),
        _c("utsagn_styre", "Distriktssentralene er i større grad organisert med formelle styrer", 68, 1, "rangering",
           above(own_share(district, "styre", "radgivende_organ"), own_share(other, "styre", "radgivende_organ"))),
        _c("utsagn_innbyggere_per_sentral", "Hver sentral i distriktskommunene har færre innbyggere å nå ut til enn "
           "sentralene i større kommuner", 2131, 1, "rangering",
           above(population_per_centre(other), population_per_centre(district))),
        _c("utsagn_flere_sentraler", "Færre distriktskommuner enn større og mer sentrale kommuner har mer enn én "
           "sentral", 2114, 1, "rangering", above(multi_share(other), multi_share(district))),
        _c("utsagn_egne_prioritet", "Egne aktiviteter har fortsatt høyere prioritet de fleste steder (mer egenregi enn "
           "tilrettelegging)", 102, 1, "rangering", above(egen_share, share("fs_rolle", TILRETTE)), ["fs_rolle"]),
        _c("utsagn_bindeledd_kommunale", "Kun et fåtall sentraler, først og fremst kommunale, er først og fremst "
           "bindeledd (flertallet av dem kommunale, og flere enn blant alle)", 104, 1, "rangering",
           all_of(above(kommunal_among(TILRETTE), lambda t: 50.0),
                  above(kommunal_among(TILRETTE), kommunal_among(None)),
                  above(lambda t: 25.0, share("fs_rolle", TILRETTE))), ["fs_rolle"]),
        _c("utsagn_spesialisering", "Sentralene i de minst sentrale kommunene (klasse 6) har færre typer aktiviteter "
           "enn i klasse 5 (rapportens grunnlag er Norges Frivilligsentralers publisering av aktiviteter, fotnote 14; "
           "her målt på aktivitetene i figur 10)", 2096, 1, "rangering", above(activity_types(5), activity_types(6))),
        _c("utsagn_bindeledd_kommunal_rolle", "Kommunalt eide sentraler ser i større grad sin rolle som bindeledd",
           2264, 1, "rangering", above(share("fs_pastand_bindeledd", GOOD, owner("kommunal")),
                                       share("fs_pastand_bindeledd", GOOD, owner("lag_forening"))),
           ["fs_pastand_bindeledd"]),
        _c("utsagn_verken_kommunal", "Lederne for kommunalt eide sentraler svarer oftere «verken eller» om "
           "frivillighetens eller kommunens premisser", 204, 1, "rangering",
           all_of(*(above(share(f"fs_pastand_{e}", ["verken"], owner("kommunal")),
                          share(f"fs_pastand_{e}", ["verken"], lambda a: a["eiergruppe"] != "kommunal"))
                    for e in ("supplement_frivillighet", "supplement_kommune"))),
           ["fs_pastand_supplement_frivillighet", "fs_pastand_supplement_kommune"]),
        _c("utsagn_egenregi_bindeledd_likt", f"Egenregi-sentralene mener i like stor grad som andre at rollen i dag "
           f"først og fremst er bindeledd (høyst {LIKE_PP:.0f} prosentpoeng forskjell)", 2494, 1, "rangering",
           within(share("fs_pastand_bindeledd", GOOD, lambda a: a["rolletype"] == "egenregi"),
                  share("fs_pastand_bindeledd", GOOD, lambda a: a["rolletype"] != "egenregi"), LIKE_PP),
           ["fs_pastand_bindeledd"]),
        _c("utsagn_bindeledd_sentraler_over_kommuner", "Kommunene ser i mindre grad sentralen som et bindeledd enn "
           "sentralene selv", 2590, 1, "rangering",
           above(share("fs_pastand_bindeledd", GOOD), share("k_pastand_bindeledd", GOOD)),
           ["fs_pastand_bindeledd", "k_pastand_bindeledd"]),
    ]


def _welfare_checks() -> list[Check]:
    areas = {a: f"fs_omrade_{a}" for a in AREAS4}
    return [
        _c("utsagn_omrader_mest", "Mangfold og helse, pleie, omsorg og eldre er områdene det samarbeides mest på", 84,
           1, "rangering", ranking(lambda t: {a: share(i, ("selv", "sammen"))(t) for a, i in areas.items()},
                                   [{"mangfold", "helse"}]), areas.values()),
        _c("utsagn_verdi_i_dag", "Verdien skapes særlig på mangfold/inkludering og helse/omsorg: de to høyeste av de "
           "fire områdene i figur 20, for både sentraler og kommuner", 4138, 1, "rangering",
           all_of(areas_top2("fs_betydning_"), areas_top2("k_betydning_"))),
        _c("utsagn_verdi_fremover", "Det er også på disse områdene respondentene mener sentralen kan få økt betydning "
           "fremover: de to høyeste i figur 21, for både sentraler og kommuner", 4140, 1, "rangering",
           all_of(areas_top2("fs_betydning_fremover_"), areas_top2("k_betydning_fremover_"))),
        _c("utsagn_sammen_vanligere", "Det er vanligere å samarbeide med andre enn å tilby tjenestene på egenhånd",
           2767, 1, "rangering", lambda t: float(all(share(i, ["sammen"])(t) > share(i, ["selv"])(t)
                                                     for i in areas.values())), areas.values()),
        _c("utsagn_velferd_kommunal", f"Andelen som samarbeider om velferdstjenester er marginalt høyere blant de "
           f"kommunalt eide (høyere, med høyst {MARGINAL_PP:.0f} prosentpoeng)", 2735, 1, "rangering",
           slightly_above(share("fs_velferd", ["ja"], owner("kommunal")),
                          share("fs_velferd", ["ja"], lambda a: a["eiergruppe"] != "kommunal"), MARGINAL_PP),
           ["fs_velferd"]),
        _c("utsagn_velferd_rolletyper", f"Bindeledd-, egenregi- og blandingssentraler bidrar i like stor grad "
           f"(høyst {LIKE_PP:.0f} prosentpoeng mellom rolletypene)", 2739, 1, "rangering",
           lambda t: float(spread(welfare_by_role)(t) <= LIKE_PP), ["fs_velferd"]),
        _c("utsagn_fig14_tre_storste", "De tre største søylene i figur 14 omfatter alle utføringsfasen og utgjør til "
           "sammen 94 prosent", 3251, 94, "prosent", largest_phase_bars,
           ["fs_fase_ide", "fs_fase_planlegging", "fs_fase_utforing"]),
        _c("utsagn_politikk_over_2021", "Andelen med formalisert frivillighetspolitikk er høyere enn de 14 prosentene "
           "fra 2021", 1226, 1, "rangering", above(share("k_politikk", ["formalisert"]), lambda t: 14.0),
           ["k_politikk"]),
        _c("utsagn_politikk_ingen_pavirkning", f"Om kommunen har vedtatt frivillighetspolitikk eller ikke, påvirker "
           f"ikke svarene om hvor mye politikken påvirker sentralen (høyst {LIKE_PP:.0f} prosentpoeng forskjell)",
           1257, 1, "rangering", within(policy_share("fs_plan_frivillighetspolitikk", BIG, True),
                                        policy_share("fs_plan_frivillighetspolitikk", BIG, False), LIKE_PP),
           ["fs_plan_frivillighetspolitikk", "k_politikk"]),
        _c("utsagn_okonomi_kommunal", "Det er særlig de kommunalt eide sentralene som ser økonomien som hemmende",
           244, 1, "rangering", above(share("fs_faktor_okonomi", HINDER, owner("kommunal")),
                                      share("fs_faktor_okonomi", HINDER, owner("lag_forening"))),
           ["fs_faktor_okonomi"]),
    ]


def _cooperation_checks() -> list[Check]:
    informal = ("enkeltfrivillige", "lag_org", "naerbutikk", "andre_private")
    return [
        _c("utsagn_formalisert_kommunen", "Det vanligste er et formalisert samarbeid med kommunen (samarbeids- eller "
           "intensjonsavtale)", 135, 1, "rangering",
           above(lambda t: 100.0 * _wide(t, "fs_form_kommunen_", ("valgt",))[
               ["fs_form_kommunen_samarbeidsavtale", "fs_form_kommunen_intensjonsavtale"]].any(axis=1).mean(),
               share("fs_form_kommunen_uformelt", ["valgt"])),
           ["fs_form_kommunen_samarbeidsavtale", "fs_form_kommunen_intensjonsavtale", "fs_form_kommunen_uformelt"]),
        _c("utsagn_uformelt_andre", "Samarbeidet med enkeltfrivillige, frivillige organisasjoner og private aktører er "
           "i hovedsak uformelt", 141, 1, "rangering",
           lambda t: float(all(share(f"fs_form_{a}_uformelt", ["valgt"])(t)
                               > share(f"fs_form_{a}_samarbeidsavtale", ["valgt"])(t) for a in informal)),
           [f"fs_form_{a}_uformelt" for a in informal]),
        _c("utsagn_lag_enkelt_over_kommunen", "Samarbeidet med frivillige lag og organisasjoner og enkeltfrivillige "
           "vurderes som bedre enn samarbeidet med kommunene", 3559, 1, "rangering",
           lambda t: float(min(share(f"fs_fornoyd_{a}", GOOD)(t) for a in ("lag_org", "enkeltfrivillige"))
                           > share("fs_fornoyd_kommunen", GOOD)(t)),
           ["fs_fornoyd_lag_org", "fs_fornoyd_enkeltfrivillige", "fs_fornoyd_kommunen"]),
        _c("utsagn_formell_fornoyd", f"Daglig leder er marginalt mer fornøyd med samarbeid formalisert med "
           f"samarbeidsavtale enn med uformelt samarbeid (høyere snitt, høyst {MARGINAL_SCORE} på skalaen -2 til 2)",
           3555, 1, "rangering",
           slightly_above(satisfaction_by_form("avtale"), satisfaction_by_form("uformelt"), MARGINAL_SCORE)),
        _c("utsagn_politikk_fornoyd_likt", f"Sentraler i kommuner med og uten frivillighetspolitikk er om lag like "
           f"fornøyde med samarbeidet (høyst {LIKE_PP:.0f} prosentpoeng forskjell)", 3570, 1, "rangering",
           within(satisfaction_good(True), satisfaction_good(False), LIKE_PP), ["k_politikk"]),
        _c("utsagn_stiftelse_andre_fornoyd", "Sentraler organisert som stiftelser, og samarbeid med «andre "
           "samarbeidsformer», er noe mer fornøyde enn andre", 3572, 1, "rangering",
           all_of(above(satisfaction_by_owner(True), satisfaction_by_owner(False)),
                  above(satisfaction_by_form("andre"), satisfaction_by_form("ikke_andre")))),
        _c("utsagn_spisset_nye", f"Noen flere av sentralene med spisset samarbeid er nyoppstartede (etablert "
           f"{NEW_SINCE} eller senere) enn av dem med omfattende samarbeid", 3097, 1, "rangering",
           above(new_centres("spisset"), new_centres("omfattende"))),
    ]


def checks() -> list[Check]:
    """Every comparative statement of the report that the data can test (see sammenligninger.csv)."""
    return _register_and_role_checks() + _welfare_checks() + _cooperation_checks()


def statements() -> pd.DataFrame:
    """The table of every comparative or «no difference» statement, validated: the quote stands on its line,
    the basis is known, and a named check exists (or the basis says why the data cannot test it)."""
    from dashboard.data.calibration import checks as all_checks
    from dashboard.pipeline.report import report_lines
    lines, keys = report_lines(), {c.key for c in all_checks()}
    with open(TABLE, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != COLUMNS:
            raise ValueError(f"{TABLE.name}: kolonnene skal være {COLUMNS}, fant {reader.fieldnames}")
        rows = list(reader)
    problems = []
    for i, r in enumerate(rows, start=2):
        line = int(r["linje"]) if r["linje"].isdigit() else 0
        if not 1 <= line <= len(lines) or r["sitat"] not in lines[line - 1]:
            problems.append(f"{TABLE.name}, rad {i}, felt 'sitat': står ikke ordrett på linje {r['linje']}")
        if r["grunnlag"] not in BASES:
            problems.append(f"{TABLE.name}, rad {i}, felt 'grunnlag': må være en av {sorted(BASES)}")
        if r["kontroll"] and r["kontroll"] not in keys:
            problems.append(f"{TABLE.name}, rad {i}, felt 'kontroll': ukjent kontroll {r['kontroll']!r}")
        if not r["kontroll"] and len(r["merknad"]) < 15:
            problems.append(f"{TABLE.name}, rad {i}, felt 'merknad': mangler grunnen til at utsagnet ikke kontrolleres")
    if problems:
        raise ValueError("Sammenligningene er ugyldige:\n" + "\n".join(problems))
    return pd.DataFrame(rows, columns=COLUMNS).astype({"linje": "int64"})
