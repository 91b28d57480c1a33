"""Calibration checks: each number the report publishes about the survey or the register, next to
the same quantity computed from the data (demo or imported).

A check names the report line where the number stands and its value; ``match_report_row`` ties it
to the row of ``rapporttall`` with that value on (or next to) that line, and a test makes sure
every survey and register number in ``rapporttall`` is either checked here or listed in
``NOT_CALIBRATED`` with the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise

import pandas as pd

TOP2 = {"grad5": ("svaert_stor", "stor"), "passer5": ("svaert_godt", "godt"),
        "fremmende5": ("svaert_fremmende", "fremmende")}
BOTTOM2 = {"grad5": ("liten", "svaert_liten"), "passer5": ("darlig", "svaert_darlig"),
           "fremmende5": ("hemmende", "svaert_hemmende")}
GOOD, BAD = TOP2["passer5"], BOTTOM2["passer5"]
PROMOTE, HINDER = TOP2["fremmende5"], BOTTOM2["fremmende5"]
BIG = TOP2["grad5"]
LINE_SLACK = 3  # a number quoted over a line break may sit on the next line


@dataclass
class Tables:
    kommuner: pd.DataFrame
    sentraler: pd.DataFrame
    respondenter: pd.DataFrame
    svar: pd.DataFrame
    diskurs: pd.DataFrame

    @cached_property
    def answers(self) -> pd.DataFrame:
        own = self.sentraler.set_index("sentral_id")["eiergruppe"]
        r = self.respondenter.copy()
        r["eiergruppe"] = r["sentral_id"].map(own)
        return self.svar.merge(r[["respondent_id", "respondentgruppe", "eiergruppe", "rolletype", "kommunenummer"]],
                               on="respondent_id", how="left")

    @cached_property
    def centres(self) -> pd.DataFrame:
        k = self.kommuner[["kommunenummer", "distriktskommune"]]
        return self.sentraler.merge(k, on="kommunenummer", how="left")

    def item(self, item: str, where: Callable[[pd.DataFrame], pd.Series] | None = None) -> pd.DataFrame:
        a = self.answers[self.answers["sporsmal_id"] == item]
        if a.empty:
            raise KeyError(f"ingen svar på {item}")
        return a[where(a)] if where is not None else a


# -- metrics -----------------------------------------------------------------------------------

def share(item: str, codes: Iterable[str], where=None) -> Callable[[Tables], float]:
    codes = tuple(codes)
    return lambda t: 100.0 * t.item(item, where)["svar_kode"].isin(codes).mean()


def count(item: str, codes: Iterable[str] = ("valgt",)) -> Callable[[Tables], float]:
    codes = tuple(codes)
    return lambda t: float(t.item(item)["svar_kode"].isin(codes).sum())


def n_answers(item: str) -> Callable[[Tables], float]:
    return lambda t: float(len(t.item(item)))


def gap(a: Callable[[Tables], float], b: Callable[[Tables], float]) -> Callable[[Tables], float]:
    return lambda t: a(t) - b(t)


def owner(group: str) -> Callable[[pd.DataFrame], pd.Series]:
    return lambda a: a["eiergruppe"] == group


def not_owner(group: str) -> Callable[[pd.DataFrame], pd.Series]:
    return lambda a: a["eiergruppe"].notna() & (a["eiergruppe"] != group)


def ranking(values: Callable[[Tables], dict[str, float]],
            expected: list[str] | list[set[str]]) -> Callable[[Tables], float]:
    """1 if the items with the highest values come in the expected order (sets: any order within)."""
    def metric(t: Tables) -> float:
        v = values(t)
        order = sorted(v, key=lambda k: -v[k])
        pos = 0
        for step in expected:
            group = step if isinstance(step, set) else {step}
            if set(order[pos:pos + len(group)]) != group:
                return 0.0
            pos += len(group)
        return 1.0
    return metric


def shares(items: dict[str, str], codes: Iterable[str], where=None) -> Callable[[Tables], dict[str, float]]:
    return lambda t: {k: share(i, codes, where)(t) for k, i in items.items()}


def district(t: Tables) -> pd.DataFrame:
    return t.centres[t.centres["distriktskommune"].fillna(False).astype(bool)]


def other(t: Tables) -> pd.DataFrame:
    return t.centres[~t.centres["distriktskommune"].fillna(False).astype(bool)]


def own_share(frame: Callable[[Tables], pd.DataFrame], form: str, col: str = "eierform") -> Callable[[Tables], float]:
    return lambda t: 100.0 * (frame(t)[col] == form).mean()


def munis_with(k: int | None = None) -> Callable[[Tables], float]:
    def metric(t: Tables) -> float:
        per = district(t).groupby("kommunenummer").size()
        return float(len(per) if k is None else (per == k).sum())
    return metric


def respondents(group: str) -> Callable[[Tables], float]:
    return lambda t: float((t.respondenter["respondentgruppe"] == group).sum())


def response_rate(group: str) -> Callable[[Tables], float]:
    def metric(t: Tables) -> float:
        d = district(t)
        pop = int(d["i_utvalg"].sum()) if group == "frivilligsentral" else d["kommunenummer"].nunique()
        return 100.0 * respondents(group)(t) / pop
    return metric


def covered(t: Tables) -> float:
    return float(t.respondenter["kommunenummer"].nunique())


def discourse(code: str) -> Callable[[Tables], float]:
    return lambda t: 100.0 * (t.diskurs["diskurs"] == code).mean()


def phases(kind: str) -> Callable[[Tables], float]:
    def metric(t: Tables) -> float:
        a = t.answers[t.answers["sporsmal_id"].str.startswith("fs_fase_")]
        w = a.assign(v=a["svar_kode"] == "valgt").pivot(index="respondent_id", columns="sporsmal_id", values="v")
        if kind == "alle":
            hit = w.all(axis=1)
        elif kind == "utforing":
            hit = w["fs_fase_utforing"]
        else:
            hit = w["fs_fase_ide"] | w["fs_fase_planlegging"]
        return 100.0 * hit.mean()
    return metric


def areas(kind: str) -> Callable[[Tables], float]:
    def metric(t: Tables) -> float:
        a = t.answers[t.answers["sporsmal_id"].str.startswith("fs_omrade_")]
        w = a.assign(v=a["svar_kode"] != "nei").pivot(index="respondent_id", columns="sporsmal_id", values="v")
        if kind == "alle_fire":
            return 100.0 * w.all(axis=1).mean()
        if kind == "barn_eller_kultur":
            return 100.0 * (w["fs_omrade_barn"] | w["fs_omrade_kultur"]).mean()
        return 100.0 * w[f"fs_omrade_{kind}"].mean()
    return metric


def private_either(t: Tables) -> float:
    a = t.answers[t.answers["sporsmal_id"].isin(["fs_partner_naerbutikk", "fs_partner_andre_private"])]
    w = a.assign(v=a["svar_kode"] == "valgt").groupby("respondent_id")["v"].any()
    return 100.0 * w.mean()


def unhappy(t: Tables) -> float:
    a = t.answers[t.answers["sporsmal_id"].str.startswith("fs_fornoyd_")]
    return float(a.loc[a["svar_kode"].isin(BAD), "respondent_id"].nunique())


def mean_score(item: str, scale: dict[str, int]) -> Callable[[Tables], float]:
    return lambda t: float(t.item(item)["svar_kode"].map(scale).mean())


PASSER = {"svaert_godt": 2, "godt": 1, "verken": 0, "darlig": -1, "svaert_darlig": -2}


# -- the checks ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Check:
    key: str
    beskrivelse: str
    linje: int
    verdi: float
    enhet: str
    metric: Callable[[Tables], float]
    items: tuple[str, ...] = ()
    tolerance: float | None = None
    occurrence: int = 0  # when the report states the same value twice on one line (e.g. "67 ... og 67")

    def __post_init__(self):
        if self.tolerance is None:
            object.__setattr__(self, "tolerance", {"antall": 0.0, "rangering": 0.0}.get(self.enhet, 2.0))


def _c(key, beskrivelse, linje, verdi, enhet, metric, items=(), tolerance=None, occurrence=0) -> Check:
    return Check(key, beskrivelse, linje, float(verdi), enhet, metric, tuple(items), tolerance, occurrence)


def _pct(key, beskrivelse, linje, verdi, item, codes, where=None, **kw) -> Check:
    """A check of the share of one item's answers in some categories."""
    return _c(key, beskrivelse, linje, verdi, "prosent", share(item, codes, where), [item], **kw)


def _n(key, beskrivelse, linje, verdi, item, items=None, **kw) -> Check:
    """A check of the number of answers to an item (N)."""
    return _c(key, beskrivelse, linje, verdi, "antall", n_answers(item), [item] if items is None else items, **kw)


FIG6_LINES = {"fig6_friv_svaert_godt_kommunal": 2267, "fig6_friv_godt_kommunal": 2267,
              "fig6_friv_svaert_godt_andre": 2269, "fig6_friv_godt_andre": 2269,
              "fig6_komm_svaert_darlig_kommunal": 2270, "fig6_komm_verken_kommunal": 2271,
              "fig6_komm_darlig_kommunal": 2271, "fig6_komm_svaert_darlig_andre": 2272, "fig6_komm_darlig_andre": 2272,
              "fig6_komm_verken_andre": 2272}
FS_FAKTOR = {f: f"fs_faktor_{f}" for f in ("personlig_kjemi", "kommunikasjon", "forankring", "okonomi",
                                           "rolleforstaelse", "problemforstaelse", "fysisk_avstand", "organisatorisk")}
K_FAKTOR = {f: "k" + i[2:] for f, i in FS_FAKTOR.items()}
AREAS = ("mangfold", "helse", "barn", "kultur", "andre")


def _register_checks() -> list[Check]:
    """The register (L370-487, L2110-2169) and the response (L970-999)."""
    c: list[Check] = []
    add = c.append
    # register (L370-487, L2110-2169)
    add(_c("reg_sentraler_norge", "Frivilligsentraler i Norge (august 2024)", 370, 532, "antall",
           lambda t: float(len(t.sentraler))))
    add(_c("reg_kommuner_norge_med", "Kommuner med frivilligsentral", 370, 333, "antall",
           lambda t: float(t.sentraler["kommunenummer"].nunique())))
    add(_c("reg_sentraler_distrikt", "Frivilligsentraler i distriktskommunene", 481, 210, "antall",
           lambda t: float(len(district(t)))))
    add(_c("reg_kommuner_distrikt_med", "Distriktskommuner med frivilligsentral", 481, 189, "antall", munis_with()))
    add(_c("reg_distrikt_uten", "Distriktskommuner uten frivilligsentral", 483, 23, "antall",
           lambda t: float(int(t.kommuner["distriktskommune"].sum()) - munis_with()(t))))
    add(_c("reg_kommuner_tre", "Distriktskommuner med tre sentraler", 485, 4, "antall", munis_with(3)))
    add(_c("reg_kommuner_to", "Distriktskommuner med to sentraler", 485, 13, "antall", munis_with(2)))
    add(_c("reg_kommuner_en", "Distriktskommuner med én sentral", 487, 172, "antall", munis_with(1)))
    add(_c("reg_utvalg_sentraler", "Frivilligsentraler i utvalget for spørreundersøkelsen", 934, 208, "antall",
           lambda t: float(district(t)["i_utvalg"].sum())))
    add(_c("reg_andel_av_norge", "Distriktssentralenes andel av alle sentraler i Norge", 2112, 40, "prosent",
           lambda t: 100.0 * district(t)["i_utvalg"].sum() / len(t.sentraler)))
    add(_c("reg_andel_kommuner", "Distriktskommuner med sentral, andel av kommunene med sentral", 2114, 56, "prosent",
           lambda t: 100.0 * munis_with()(t) / t.sentraler["kommunenummer"].nunique(), tolerance=1.0))
    add(_c("reg_eier_kommunal_distrikt", "Kommunal eierform, distriktskommuner", 2157, 60, "prosent",
           own_share(district, "kommunal")))
    add(_c("reg_eier_lag_distrikt", "Eid av lag eller forening, distriktskommuner", 2159, 25, "prosent",
           own_share(district, "lag_forening")))
    add(_c("reg_eier_kommunal_sentral", "Kommunal eierform, mer sentrale kommuner", 2161, 50, "prosent",
           own_share(other, "kommunal")))
    add(_c("reg_eier_lag_sentral", "Eid av lag eller forening, mer sentrale kommuner", 2161, 30, "prosent",
           own_share(other, "lag_forening")))
    add(_c("reg_styre_distrikt", "Formelt styre, distriktskommuner (NFS 2023)", 2213, 70, "prosent",
           own_share(district, "styre", "radgivende_organ")))
    add(_c("reg_styre_differanse", "Forskjell i andel med formelt styre, distrikt minus sentrale", 2215, 7,
           "prosentpoeng", gap(own_share(district, "styre", "radgivende_organ"),
                               own_share(other, "styre", "radgivende_organ"))))
    add(_c("reg_radgivende_distrikt", "Rådgivende organ, distriktskommuner (NFS 2023)", 2215, 25, "prosent",
           own_share(district, "radgivende", "radgivende_organ")))
    # response (L970-999)
    add(_c("svar_sentraler", "Frivilligsentraler som svarte", 970, 159, "antall", respondents("frivilligsentral")))
    add(_c("svar_kommuner", "Kommuner som svarte", 970, 135, "antall", respondents("kommune")))
    add(_c("svar_prosent_kommuner", "Svarprosent, kommuner", 972, 71, "prosent", response_rate("kommune")))
    add(_c("svar_prosent_sentraler", "Svarprosent, frivilligsentraler", 972, 76, "prosent",
           response_rate("frivilligsentral")))
    add(_c("svar_dekning", "Kommuner med minst ett svar", 997, 177, "antall", covered))
    add(_c("svar_dekning_prosent", "Kommuner med minst ett svar, andel", 999, 93, "prosent",
           lambda t: 100.0 * covered(t) / munis_with()(t)))
    return c


def _policy_checks() -> list[Check]:
    """Figures 3-5: the municipalities' volunteering policy, plans and discourses."""
    c: list[Check] = []
    add = c.append
    # Figure 3 (L1218-1222)
    add(_pct("fig3_formalisert", "Kommuner med formalisert frivillighetspolitikk", 1218, 22, "k_politikk",
             ["formalisert"]))
    add(_pct("fig3_under_utarbeidelse", "Frivillighetspolitikk under utarbeidelse", 1220, 29, "k_politikk",
             ["under_utarbeidelse"]))
    add(_pct("fig3_har_ikke_vet_ikke", "Har ikke eller vet ikke om frivillighetspolitikk", 1222, 50, "k_politikk",
             ["har_ikke", "vet_ikke"]))
    add(_n("fig3_n", "Kommuner som svarte om frivillighetspolitikk (N)", 1241, 110, "k_politikk"))
    # Figure 4 (L1249-1278)
    add(_pct("fig4_stor", "Kommunens frivillighetspolitikk påvirker i svært stor/stor grad", 1249, 44,
             "fs_plan_frivillighetspolitikk", BIG))
    add(_pct("fig4_liten", "Kommunens frivillighetspolitikk påvirker i liten/svært liten grad", 1272, 20,
             "fs_plan_frivillighetspolitikk", BOTTOM2["grad5"]))
    plans = {p: f"fs_plan_{p}" for p in ("frivillighetspolitikk", "samfunnsdel", "andre_kommuneplaner",
                                         "fylkets_frivillighetspolitikk")}
    add(_c("fig4_minst", "Andre kommuneplaner og fylkeskommunens politikk påvirker minst", 1276, 1, "rangering",
           ranking(lambda t: {k: -v for k, v in shares(plans, BIG)(t).items()},
                   [{"andre_kommuneplaner", "fylkets_frivillighetspolitikk"}]), plans.values()))
    # Figure 5 (document analysis, L1568-2021)
    for code, pct, line in (("mobilisering", 12, 1570), ("kommune3", 62, 1568), ("stedsutvikling", 21, 1988),
                            ("selvstendig", 5, 1990)):
        add(_c(f"fig5_{code}", f"Hoveddiskurs i plandokumentene: {code}", line, pct, "prosent", discourse(code)))
    return c


def _role_checks() -> list[Check]:
    """Figures 6-9: the centre's role, by ownership and over time."""
    c: list[Check] = []
    add = c.append
    # Figure 6 by ownership (footnote 12, L2265-2272)
    fr, ko = "fs_pastand_supplement_frivillighet", "fs_pastand_supplement_kommune"
    for key, item, code, grp, pct in (
            ("fig6_friv_svaert_godt_kommunal", fr, "svaert_godt", "kommunal", 29),
            ("fig6_friv_svaert_godt_andre", fr, "svaert_godt", "andre", 45),
            ("fig6_friv_godt_kommunal", fr, "godt", "kommunal", 57),
            ("fig6_friv_godt_andre", fr, "godt", "andre", 34),
            ("fig6_komm_svaert_darlig_kommunal", ko, "svaert_darlig", "kommunal", 22),
            ("fig6_komm_svaert_darlig_andre", ko, "svaert_darlig", "andre", 39),
            ("fig6_komm_darlig_kommunal", ko, "darlig", "kommunal", 37),
            ("fig6_komm_darlig_andre", ko, "darlig", "andre", 46),
            ("fig6_komm_verken_kommunal", ko, "verken", "kommunal", 25),
            ("fig6_komm_verken_andre", ko, "verken", "andre", 9)):
        where = owner("kommunal") if grp == "kommunal" else not_owner("kommunal")
        add(_c(key,
               f"Figur 6, {item.split('_', 2)[2]}: {code}, {'kommunalt eide' if grp == 'kommunal' else 'eid av andre'}",
               FIG6_LINES[key], pct, "prosent", share(item, [code], where), [item]))
    add(_c("fig6_n_fs", "Frivilligsentraler som svarte på påstandene (N)", 1732, 150, "antall", n_answers(fr), [fr]))
    add(_n("fig6_n_k", "Kommuner som svarte på påstandene (N)", 1734, 116, "k_pastand_supplement_frivillighet"))
    # Figure 7 (L2477-2485)
    add(_pct("fig7_blanding", "Omtrent like mye egenregi som tilrettelegging", 2477, 47, "fs_rolle", ["like_mye"]))
    add(_pct("fig7_egenregi", "Mest tilbud i egenregi", 2481, 42, "fs_rolle", ["kun_egenregi", "mest_egenregi"]))
    add(_pct("fig7_bindeledd", "Mest bindeledd-virksomhet", 2483, 12, "fs_rolle", ["mest_tilrettelegging",
             "kun_tilrettelegging"]))
    add(_c("fig7_bindeledd_antall", "Bindeleddsentraler (antall)", 2483, 19, "antall",
           count("fs_rolle", ["mest_tilrettelegging", "kun_tilrettelegging"]), ["fs_rolle"]))
    # Figure 8 (L2504-2508)
    add(_pct("fig8_kommunal", "Bindeledd passer godt/svært godt, kommunalt eide", 2504, 81, "fs_pastand_bindeledd",
             GOOD, owner("kommunal")))
    add(_pct("fig8_lag", "Bindeledd passer godt/svært godt, eid av lag og foreninger", 2506, 60,
             "fs_pastand_bindeledd", GOOD, owner("lag_forening")))
    # Figure 9 (L2592-2631)
    add(_pct("fig9_fs_bindeledd", "Bindeledd i dag passer godt/svært godt, frivilligsentraler", 2592, 73,
             "fs_pastand_bindeledd", GOOD))
    add(_pct("fig9_k_bindeledd", "Bindeledd i dag passer godt/svært godt, kommuner", 2594, 56, "k_pastand_bindeledd",
             GOOD))
    add(_pct("fig9_k_darlig", "Bindeledd i dag passer dårlig/svært dårlig, kommuner", 2596, 20,
             "k_pastand_bindeledd", BAD))
    add(_pct("fig9_fs_darlig", "Bindeledd i dag passer dårlig/svært dårlig, frivilligsentraler", 2598, 7,
             "fs_pastand_bindeledd", BAD))
    add(_n("fig9_n_k", "Kommuner som svarte om bindeledd (N)", 2602, 115, "k_pastand_bindeledd"))
    add(_pct("fig9_fs_fremover", "Bør først og fremst være bindeledd, frivilligsentraler", 2623, 82,
             "fs_pastand_fremover_bindeledd", GOOD))
    add(_pct("fig9_k_fremover", "Bør først og fremst være bindeledd, kommuner", 2625, 83,
             "k_pastand_fremover_bindeledd", GOOD))
    add(_pct("fig9_fs_egne_fremover", "Bør være fokusert på egne aktiviteter, frivilligsentraler", 2629, 16,
             "fs_pastand_fremover_egne_aktiviteter", GOOD))
    add(_pct("fig9_k_egne_fremover", "Bør være fokusert på egne aktiviteter, kommuner", 2629, 20,
             "k_pastand_fremover_egne_aktiviteter", GOOD))
    add(_c("fig9_konkurrent", "Færre kommuner enn sentraler avviser at sentralen er en konkurrent", 2608, 1,
           "rangering", lambda t: float(share("k_pastand_konkurrent", BAD)(t) < share("fs_pastand_konkurrent", BAD)(t)),
           ["fs_pastand_konkurrent", "k_pastand_konkurrent"]))
    return c


def _activity_checks() -> list[Check]:
    """Figure 10 and the welfare services (L80, L2043, L2692-2759)."""
    c: list[Check] = []
    add = c.append
    # Figure 10 (L2692-2710)
    acts = {a: f"fs_aktivitet_{a}" for a in ("sosiale_moteplasser", "kulturelle_arrangement", "fysisk_aktivitet",
                                             "moteplasser_org", "arrangement", "en_til_en")}
    yes = ("selv", "sammen")
    add(_n("fig10_n", "Frivilligsentraler som svarte om tilbud (N)", 2721, 156, acts["sosiale_moteplasser"],
           acts.values()))
    add(_c("fig10_rangering", "Sosiale møteplasser, så kulturelle arrangement og fysisk aktivitet", 2692, 1,
           "rangering",
           ranking(shares(acts, yes), ["sosiale_moteplasser", {"kulturelle_arrangement", "fysisk_aktivitet"}]),
           acts.values()))
    add(_c("fig10_bindeledd", "Bindeleddsentraler: sosiale møteplasser og møteplasser for organisasjoner først",
           2700, 1, "rangering", ranking(shares(acts, yes, lambda a: a["rolletype"] == "bindeledd"),
                                [{"sosiale_moteplasser", "moteplasser_org"}]), acts.values()))
    add(_c("fig10_egenregi", "Egenregisentraler har oftere en-til-en-hjelp", 2706, 1, "rangering",
           lambda t: float(share(acts["en_til_en"], yes, lambda a: a["rolletype"] == "egenregi")(t)
                           > share(acts["en_til_en"], yes, lambda a: a["rolletype"] == "bindeledd")(t)),
           [acts["en_til_en"]]))
    # welfare services (L80, L2043, L2733-2759)
    add(_pct("velferd_fs_85", "Frivilligsentraler som samarbeider med kommunen om velferdstjenester", 80, 85,
             "fs_velferd", ["ja"]))
    add(_pct("velferd_fs_ikke", "Frivilligsentraler uten samarbeid med kommunen om velferdstjenester", 2045, 13,
             "fs_velferd", ["nei"]))
    add(_c("velferd_k_80_85", "Kommuner som samarbeider med sentralen om velferdstjenester (80-85 %)", 2733, 80,
           "prosent", share("k_velferd", ["ja"]), ["k_velferd"], tolerance=5.0))
    add(_pct("velferd_fs_kommunal", "Samarbeid om velferdstjenester, kommunalt eide sentraler", 2735, 89,
             "fs_velferd", ["ja"], owner("kommunal")))
    add(_pct("velferd_fs_ovrige", "Samarbeid om velferdstjenester, øvrige sentraler", 2737, 83, "fs_velferd", ["ja"],
             not_owner("kommunal")))
    add(_c("omrade_mangfold", "Tilbyr velferdstjenester innen mangfold, inkludering og integrering", 2741, 90,
           "prosent", areas("mangfold"), ["fs_omrade_mangfold"]))
    add(_c("omrade_helse", "Tilbyr velferdstjenester innen helse, pleie, omsorg og eldre", 2741, 90, "prosent",
           areas("helse"), ["fs_omrade_helse"]))
    add(_c("omrade_barn", "Tilbyr velferdstjenester til barn, ungdom, oppvekst og skole", 2747, 80, "prosent",
           areas("barn"), ["fs_omrade_barn"]))
    add(_c("omrade_kultur", "Tilbyr velferdstjenester innen kultur, fritid og idrett", 2747, 80, "prosent",
           areas("kultur"), ["fs_omrade_kultur"]))
    add(_c("omrade_alle_fire", "Tilbyr velferdstjenester på alle fire områder", 2757, 70, "prosent", areas("alle_fire"),
           [f"fs_omrade_{a}" for a in AREAS[:4]]))
    return c


def _partner_checks() -> list[Check]:
    """Figures 11 and 13: partners and forms of cooperation with the municipality."""
    c: list[Check] = []
    add = c.append
    # Figure 11 and footnote 18 (L3021-3041, L3179-3181)
    fn18 = {"kommunen": 150, "lag_org": 149, "enkeltfrivillige": 140, "idrettslag": 106, "andre_private": 69,
            "naerbutikk": 67, "andre_offentlige": 67}
    fn18_line = {"kommunen": 3179, "naerbutikk": 3181, "andre_offentlige": 3181}
    for actor, n in fn18.items():
        add(_c(f"fig11_{actor}", f"Frivilligsentraler som samarbeider med {actor}", fn18_line.get(actor, 3180), n,
               "antall", count(f"fs_partner_{actor}"), [f"fs_partner_{actor}", f"fs_form_{actor}_uformelt"],
               occurrence=int(actor == "andre_offentlige")))
    add(_n("fig11_n_fs", "Frivilligsentraler som svarte om samarbeidspartnere (N)", 3046, 152, "fs_partner_kommunen"))
    add(_n("fig11_n_k", "Kommuner som svarte om samarbeidspartnere (N)", 3048, 119, "k_partner_frivilligsentralen"))
    partners = {a: f"fs_partner_{a}" for a in fn18}
    add(_c("fig11_rangering", "Enkeltfrivillige vanligere enn idrettslag for sentralene", 3037, 1, "rangering",
           ranking(shares(partners, ["valgt"]), ["kommunen", "lag_org", "enkeltfrivillige", "idrettslag"]),
           partners.values()))
    add(_c("fig15_privat_eller_butikk", "Samarbeider med nærbutikken eller andre private bedrifter", 3328, 47,
           "prosent", private_either, ["fs_partner_naerbutikk", "fs_partner_andre_private"]))
    # Figure 13 (L3130-3134)
    for form, pct, line in (("samarbeidsavtale", 51, 3130), ("intensjonsavtale", 7, 3132), ("uformelt", 40, 3134)):
        add(_c(f"fig13_{form}", f"Samarbeid med kommunen: {form}", line, pct, "prosent",
               share(f"fs_form_kommunen_{form}", ["valgt"]), [f"fs_form_kommunen_{form}"]))
    add(_c("fig13_lag_avtale", "Samarbeidsavtale særlig vanlig for sentraler eid av lag og foreninger", 3136, 1,
           "rangering", lambda t: float(share("fs_form_kommunen_samarbeidsavtale", ["valgt"], owner("lag_forening"))(t)
                                        > share("fs_form_kommunen_samarbeidsavtale", ["valgt"], owner("kommunal"))(t)),
           ["fs_form_kommunen_samarbeidsavtale"]))
    add(_c("fig13_kommunal_andre", "Kommunalt eide sentraler oppgir oftere andre samarbeidsformer", 3138, 1,
           "rangering", lambda t: float(share("fs_form_kommunen_andre", ["valgt"], owner("kommunal"))(t)
                           > share("fs_form_kommunen_andre", ["valgt"], not_owner("kommunal"))(t)),
           ["fs_form_kommunen_andre"]))
    return c


def _phase_checks() -> list[Check]:
    """Figures 14-16: phases, compensation, private partners and satisfaction."""
    c: list[Check] = []
    add = c.append
    # Figure 14 and compensation (L3242-3320)
    add(_c("fig14_n", "Sentraler som svarte om prosessfaser (N)", 3245, 123, "antall", n_answers("fs_fase_ide"),
           ["fs_fase_ide", "fs_fase_planlegging", "fs_fase_utforing"]))
    add(_c("fig14_alle", "Involvert i alle fasene", 3242, 76, "prosent", phases("alle"),
           ["fs_fase_ide", "fs_fase_planlegging", "fs_fase_utforing"]))
    add(_c("fig14_utforing", "Med på utføring og gjennomføring", 3251, 94, "prosent", phases("utforing"),
           ["fs_fase_utforing"]))
    add(_c("fig14_tidlig", "Involvert i ide-, konsept- eller planleggingsfasen", 3255, 90, "prosent", phases("tidlig"),
           ["fs_fase_ide", "fs_fase_planlegging"]))
    for code, key, pct, line in (("ingen", "komp_ingen", 43, 3314), ("lokal_finansiering", "komp_lokal", 34, 3316),
                                 ("indirekte", "komp_indirekte", 17, 3318), ("direkte", "komp_direkte", 4, 3320)):
        add(_c(key, f"Kompensasjon for arbeid med velferdstjenester: {code}", line, pct, "prosent",
               share("fs_kompensasjon", [code]), ["fs_kompensasjon"]))
    # Figure 15 (L3340-3348)
    add(_pct("fig15_uformelt_butikk", "Uformelt samarbeid med nærbutikken", 3346, 80, "fs_form_naerbutikk_uformelt",
             ["valgt"]))
    add(_pct("fig15_uformelt_private", "Uformelt samarbeid med andre private bedrifter", 3346, 80,
             "fs_form_andre_private_uformelt", ["valgt"]))
    # Figure 16 (L3533-3565)
    fornoyd_n = {"lag_org": 147, "kommunen": 145, "enkeltfrivillige": 138, "idrettslag": 105, "andre_private": 67,
                 "naerbutikk": 66, "andre_offentlige": 66}
    for actor, n in fornoyd_n.items():
        add(_c(f"fig16_n_{actor}", f"Vurderte samarbeidet med {actor} (N)", 3563 if n > 100 else 3564, n, "antall",
               n_answers(f"fs_fornoyd_{actor}"), [f"fs_fornoyd_{actor}"], occurrence=int(actor == "andre_offentlige")))
    add(_c("fig16_misfornoyde", "Sentraler der samarbeidet med minst én aktør fungerer dårlig", 3533, 6, "antall",
           unhappy, [f"fs_fornoyd_{a}" for a in fornoyd_n]))
    add(_c("fig16_rangering", "Best vurdert: enkeltfrivillige, frivillige lag og andre private bedrifter", 3537, 1,
           "rangering", ranking(lambda t: {a: mean_score(f"fs_fornoyd_{a}", PASSER)(t) for a in fornoyd_n},
                                [{"enkeltfrivillige", "lag_org", "andre_private"}]),
           [f"fs_fornoyd_{a}" for a in fornoyd_n]))
    return c


def _factor_checks() -> list[Check]:
    """Figures 17-19 and Table 1: promoting and hindering factors, co-location."""
    c: list[Check] = []
    add = c.append
    # Figures 17-18 (L3590-3647)
    add(_n("fig17_n", "Frivilligsentraler som svarte om faktorer (N)", 3696, 140, "fs_faktor_okonomi",
           FS_FAKTOR.values()))
    add(_c("fig18_n", "Kommuner som svarte om faktorer (N)", 3702, 110, "antall", n_answers("k_faktor_okonomi"),
           K_FAKTOR.values()))
    add(_pct("fig17_okonomi", "Økonomiske rammebetingelser hemmende, frivilligsentraler", 3632, 33,
             "fs_faktor_okonomi", HINDER))
    add(_pct("fig18_okonomi", "Økonomiske rammebetingelser hemmende, kommuner", 3634, 25, "k_faktor_okonomi", HINDER))
    top3 = ["personlig_kjemi", "kommunikasjon", "forankring"]
    add(_c("fig17_fremmende", "Mest fremmende for sentralene: personlig kjemi, kommunikasjon, forankring", 3590, 1,
           "rangering", ranking(shares(FS_FAKTOR, PROMOTE), top3), FS_FAKTOR.values()))
    add(_c("fig18_fremmende", "Mest fremmende for kommunene: personlig kjemi, kommunikasjon, forankring", 3590, 1,
           "rangering", ranking(shares(K_FAKTOR, PROMOTE), top3), K_FAKTOR.values()))
    add(_c("fig17_hemmende", "Mest hemmende for sentralene: økonomi, rolleforståelse, fysisk avstand", 3622, 1,
           "rangering", ranking(shares(FS_FAKTOR, HINDER), ["okonomi", "rolleforstaelse", "fysisk_avstand"]),
           FS_FAKTOR.values()))
    add(_c("fig18_hemmende", "Mest hemmende for kommunene: økonomi, problemforståelse, rolleforståelse og forankring",
           3626, 1, "rangering", ranking(shares(K_FAKTOR, HINDER), ["okonomi", "problemforstaelse",
                                                                     {"rolleforstaelse", "forankring"}]),
           K_FAKTOR.values()))
    add(_c("fig17_okonomi_lag", "Sentraler eid av lag og foreninger ser oftere økonomien som fremmende", 3644, 1,
           "rangering", lambda t: float(share("fs_faktor_okonomi", PROMOTE, owner("lag_forening"))(t)
                                        > share("fs_faktor_okonomi", PROMOTE, owner("kommunal"))(t)),
           ["fs_faktor_okonomi"]))
    # Figure 19 (L3807-3819)
    samlok = {o: f"fs_samlokalisering_{o}" for o in ("bibliotek", "innbyggerservice", "andre_kommunale",
                                                     "frivillige_org", "kulturaktorer")}
    add(_n("fig19_n", "Frivilligsentraler som svarte om samlokalisering (N)", 3821, 146,
           "fs_samlokalisering_bibliotek"))
    add(_pct("fig19_ikke", "Ikke samlokalisert (rundt en tredjedel)", 3807, 33.3,
             "fs_samlokalisering_ikke_samlokalisert", ["valgt"]))
    add(_c("fig19_bibliotek", "Bibliotek er den vanligste samlokaliseringen", 3809, 1, "rangering",
           ranking(shares(samlok, ["valgt"]), ["bibliotek"]), samlok.values()))
    add(_c("fig19_kommunal",
           "Kommunalt eide er oftere samlokalisert med innbyggerservice, bibliotek og kommunale tjenester",
           3813, 1, "rangering",
           lambda t: float(all(share(samlok[o], ["valgt"], owner("kommunal"))(t)
                               > share(samlok[o], ["valgt"], not_owner("kommunal"))(t)
                               for o in ("bibliotek", "innbyggerservice", "andre_kommunale"))),
           [samlok[o] for o in ("bibliotek", "innbyggerservice", "andre_kommunale")]))
    # Table 1 (footnote 24, L3901-3902)
    for key, item, n, line in (("tab1_fs_fordeler", "fs_samlok_fordeler", 117, 3901),
                               ("tab1_k_fordeler", "k_samlok_fordeler", 88, 3901),
                               ("tab1_fs_ulemper", "fs_samlok_ulemper", 91, 3902),
                               ("tab1_k_ulemper", "k_samlok_ulemper", 58, 3902)):
        add(_c(key, f"Svarte med fritekst: {item}", line, n, "antall", n_answers(item), [item]))
    return c


def _importance_number_checks() -> list[Check]:
    """Figures 20-21: the gaps and shares the report states in numbers."""
    c: list[Check] = []
    add = c.append
    # Figures 20-21 (L4539-4647)
    fs_today = {a: f"fs_betydning_{a}" for a in AREAS}
    k_today = {a: f"k_betydning_{a}" for a in AREAS}
    k_future = {a: f"k_betydning_fremover_{a}" for a in AREAS}
    for area, pp, line in (("andre", 29, 4539), ("mangfold", 15, 4543), ("barn", 14, 4543), ("helse", 3, 4549)):
        add(_c(f"fig20_gap_{area}", f"Betydning i dag, sentraler minus kommuner: {area}", line, pp, "prosentpoeng",
               gap(share(fs_today[area], BIG), share(k_today[area], BIG)), [fs_today[area], k_today[area]]))
    add(_pct("fig20_fs_mangfold", "Stor/svært stor betydning for mangfold i dag, frivilligsentraler", 4626, 89,
             fs_today["mangfold"], BIG))
    add(_n("fig20_n_fs", "Frivilligsentraler som svarte om betydning i dag (N)", 4559, 142, fs_today["mangfold"],
           fs_today.values()))
    add(_n("fig20_n_k", "Kommuner som svarte om betydning i dag (N)", 4561, 109, k_today["mangfold"], k_today.values()))
    add(_pct("fig21_fs_mangfold", "Betydningen for mangfold kan øke, frivilligsentraler", 4630, 86,
             "fs_betydning_fremover_mangfold", BIG))
    add(_n("fig21_n_fs", "Frivilligsentraler som svarte om betydning fremover (N)", 4616, 140,
           "fs_betydning_fremover_mangfold", [f"fs_betydning_fremover_{a}" for a in AREAS]))
    for area, pp, line in (("barn", 26, 4641), ("andre", 26, 4641), ("kultur", 16, 4645), ("mangfold", 14, 4647)):
        add(_c(f"fig21_k_okning_{area}", f"Kommunene: økning fra i dag til fremover, {area}", line, pp, "prosentpoeng",
               gap(share(k_future[area], BIG), share(k_today[area], BIG)), [k_future[area], k_today[area]],
               occurrence=int(area == "andre")))
    add(_c("fig21_k_helse", "Langt flere kommuner mener sentralen får større betydning for helse og omsorg", 4150, 1,
           "rangering", lambda t: float(share(k_future["helse"], BIG)(t) - share(k_today["helse"], BIG)(t) >= 10),
           [k_future["helse"], k_today["helse"]]))
    return c


def _repeated_checks() -> list[Check]:
    """The same numbers where the report repeats them, and the populations and N it states."""
    c: list[Check] = []
    add = c.append
    # the same numbers where the report repeats them, and the populations and N it states
    add(_c("reg_kommuner_norge", "Kommuner i Norge (2024)", 372, 357, "antall", lambda t: float(len(t.kommuner))))
    add(_c("svar_populasjon_kommuner", "Kommuner i utvalget (sentralitet 5-6 med minst én sentral)", 920, 189, "antall",
           lambda t: float(district(t).loc[district(t)["i_utvalg"], "kommunenummer"].nunique())))
    add(_c("reg_utelatt_del_av_annen", "Sentral utelatt fordi den i praksis var en del av en annen sentral", 983, 1,
           "antall", lambda t: float(t.sentraler["utvalg_merknad"].fillna("").str.contains("annen sentral").sum())))
    add(_c("reg_sentraler_utgangspunkt", "Frivilligsentraler i utgangspunktet (før utelatelser)", 983, 210, "antall",
           lambda t: float(len(district(t)))))
    add(_c("reg_ikke_naadd", "Sentral som ikke kunne nås", 984, 1, "antall",
           lambda t: float(t.sentraler["utvalg_merknad"].fillna("").str.contains("nås").sum())))
    add(_c("svar_dekning_populasjon", "Kommuner i populasjonen (dekning)", 999, 189, "antall", munis_with()))
    add(_pct("fig3_formalisert_gjentatt", "Kommuner med egen frivillighetspolitikk (gjentatt)", 1253, 22,
             "k_politikk", ["formalisert"]))
    add(_c("fig3_under_utarbeidelse_gjentatt", "Frivillighetspolitikk under utarbeidelse (gjentatt)", 1454, 29,
           "prosent", share("k_politikk", ["under_utarbeidelse"]), ["k_politikk"]))
    for item, n, line in (("fs_plan_frivillighetspolitikk", 140, 1259), ("fs_plan_samfunnsdel", 139, 1259),
                          ("fs_plan_andre_kommuneplaner", 138, 1261),
                          ("fs_plan_fylkets_frivillighetspolitikk", 133, 1261)):
        add(_c(f"fig4_n_{item[8:]}", f"Figur 4, N for {item}", line, n, "antall", n_answers(item), [item]))
    add(_c("velferd_fs_kap3", "Frivilligsentraler som samarbeider om velferdstjenester (kapittel 3)", 2076, 85,
           "prosent", share("fs_velferd", ["ja"]), ["fs_velferd"]))
    add(_pct("velferd_fs_2733", "Frivilligsentraler som samarbeider om velferdstjenester (80-85 %)", 2733, 85,
             "fs_velferd", ["ja"]))
    add(_pct("velferd_fs_3236", "Frivilligsentraler som samarbeider om velferdstjenester (figur 14)", 3236, 85,
             "fs_velferd", ["ja"]))
    add(_c("velferd_k_konklusjon", "Kommuner som samarbeider om velferdstjenester (konklusjonen, 80-85 %)", 4799, 80,
           "prosent", share("k_velferd", ["ja"]), ["k_velferd"], tolerance=5.0))
    add(_c("velferd_fs_konklusjon", "Frivilligsentraler som samarbeider om velferdstjenester (konklusjonen)", 4799, 85,
           "prosent", share("fs_velferd", ["ja"]), ["fs_velferd"]))
    add(_c("reg_sentraler_utvalg_kap3", "Frivilligsentraler i distriktskommunene (kapittel 3)", 2110, 208, "antall",
           lambda t: float(district(t)["i_utvalg"].sum())))
    add(_c("reg_kommuner_kap3", "Distriktskommuner med frivilligsentral (kapittel 3)", 2112, 189, "antall",
           munis_with()))
    add(_n("fig9_n_fs", "Frivilligsentraler som svarte om bindeledd (N)", 2602, 150, "fs_pastand_bindeledd"))
    add(_c("fig10_sosiale", "Så godt som samtlige sentraler har sosiale møteplasser", 2692, 100, "prosent",
           share("fs_aktivitet_sosiale_moteplasser", ("selv", "sammen")), ["fs_aktivitet_sosiale_moteplasser"],
           tolerance=5.0))
    add(_pct("komp_lokal_tredjedel", "Om lag en tredjedel kompenseres gjennom lokal finansiering", 2952, 33.3,
             "fs_kompensasjon", ["lokal_finansiering"]))
    add(_pct("komp_lokal_1_av_3", "1 av 3 daglige ledere kompenseres gjennom lokal finansiering", 4395, 33.3,
             "fs_kompensasjon", ["lokal_finansiering"]))
    add(_c("fig12_n_fs", "Frivilligsentraler i figur 12 (N)", 3085, 152, "antall", n_answers("fs_partner_kommunen"),
           ["fs_partner_kommunen"]))
    add(_c("fig12_n_k", "Kommuner i figur 12 (N)", 3085, 119, "antall", n_answers("k_partner_frivilligsentralen"),
           ["k_partner_frivilligsentralen"]))
    add(_n("fig15_n_private", "Samarbeider med andre private bedrifter (N i figur 15)", 3342, 69,
           "fs_form_andre_private_uformelt"))
    add(_n("fig15_n_butikk", "Samarbeider med nærbutikken (N i figur 15)", 3342, 67, "fs_form_naerbutikk_uformelt"))
    add(_n("fig21_n_k", "Kommuner som svarte om betydning fremover (N)", 4618, 109, "k_betydning_fremover_mangfold",
           [f"k_betydning_fremover_{a}" for a in AREAS]))
    return c


def checks() -> list[Check]:
    """Every check, in the order of the calibration table."""
    from dashboard.data import relations  # the report's comparative statements; that module builds on this one
    sections = (_register_checks, _policy_checks, _role_checks, _activity_checks, _partner_checks, _phase_checks,
                _factor_checks, _importance_number_checks, _repeated_checks, direction_checks, importance_checks,
                relations.checks)
    return [check for section in sections for check in section()]




# -- orderings and directions the report's text states (the build refuses demo data that contradicts them) --

def above(a: Callable[[Tables], float], b: Callable[[Tables], float]) -> Callable[[Tables], float]:
    return lambda t: float(a(t) > b(t))


def all_of(*metrics: Callable[[Tables], float]) -> Callable[[Tables], float]:
    return lambda t: float(all(m(t) >= 1 for m in metrics))


def strictly_descending(values: dict[str, float], expected: list) -> bool:
    """The rounded values fall strictly step by step (a set: its largest member must lie below the step before)."""
    steps = [max(round(values[k]) for k in (s if isinstance(s, set) else {s})) for s in expected]
    return all(a > b for a, b in pairwise(steps))


def verken(actor: str) -> Callable[[Tables], float]:
    return share(f"fs_fornoyd_{actor}", ["verken"])


def direction_checks() -> list[Check]:
    egen = ("kun_egenregi", "mest_egenregi")
    fig11 = {a: f"fs_partner_{a}" for a in ("kommunen", "lag_org", "enkeltfrivillige", "idrettslag", "andre_private",
                                            "naerbutikk", "andre_offentlige")}
    others = ("lag_org", "idrettslag", "enkeltfrivillige", "naerbutikk", "andre_private", "andre_offentlige")
    phases3 = {p: f"fs_fase_{p}" for p in ("ide", "planlegging", "utforing")}
    return [
        _c("retning_fig5_rekkefolge", "Kommune 3.0 og samskaping vanligst, selvstendig og fristilt minst omtalt",
           1831, 1, "rangering", ranking(lambda t: {c: discourse(c)(t) for c in
                                                    ("kommune3", "stedsutvikling", "mobilisering", "selvstendig")},
                                         ["kommune3", "stedsutvikling", "mobilisering", "selvstendig"])),
        _c("retning_fig7_eierskap",
           "Kommunalt eide sentraler oppgir i mindre grad mest tilbud i egenregi enn sentraler "
           "eid av lag og foreninger", 2502, 1, "rangering",
           above(share("fs_rolle", egen, owner("lag_forening")), share("fs_rolle", egen, owner("kommunal"))),
           ["fs_rolle"]),
        _c("retning_fig9_egne_i_dag", "Flere kommuner enn sentraler ser sentralen som først og fremst fokusert på egne "
           "aktiviteter", 2588, 1, "rangering",
           above(share("k_pastand_egne_aktiviteter", GOOD), share("fs_pastand_egne_aktiviteter", GOOD)),
           ["fs_pastand_egne_aktiviteter", "k_pastand_egne_aktiviteter"]),
        _c("retning_fig9_konkurrent_flertall", "Et flertall både i kommunene og sentralene avviser at sentralen er en "
           "konkurrent", 2608, 1, "rangering",
           all_of(above(share("k_pastand_konkurrent", BAD), lambda t: 50.0),
                  above(share("fs_pastand_konkurrent", BAD), lambda t: 50.0)),
           ["fs_pastand_konkurrent", "k_pastand_konkurrent"]),
        _c("retning_fig11_rekkefolge", "Kommunen, lag og organisasjoner, enkeltfrivillige, idrettslag, deretter "
           "nærbutikken, andre private og andre offentlige", 3035, 1, "rangering",
           ranking(shares(fig11, ["valgt"]), ["kommunen", "lag_org", "enkeltfrivillige", "idrettslag",
                                             {"andre_private", "naerbutikk", "andre_offentlige"}]), fig11.values()),
        _c("retning_fig15_uformelt", "Uformelt samarbeid er vanligst med de fleste andre partene enn kommunen", 3182, 1,
           "rangering", lambda t: float(sum(share(f"fs_form_{a}_uformelt", ["valgt"])(t)
                                            > share(f"fs_form_{a}_samarbeidsavtale", ["valgt"])(t) for a in others)
                                        > len(others) / 2),
           [f"fs_form_{a}_uformelt" for a in others]),
        _c("retning_fig14_utforing", "Det vanligste er å være involvert i utførings- og gjennomføringsfasen", 3251, 1,
           "rangering", ranking(shares(phases3, ["valgt"]), ["utforing"]), phases3.values()),
        _c("retning_fig16_verken", "Mer «verken godt eller dårlig» om nærbutikken, idrettslag og andre offentlige enn "
           "om de tre best vurderte", 3541, 1, "rangering",
           lambda t: float(min(verken(a)(t) for a in ("naerbutikk", "idrettslag", "andre_offentlige"))
                           > max(verken(a)(t) for a in ("enkeltfrivillige", "lag_org", "andre_private"))),
           [f"fs_fornoyd_{a}" for a in others]),
        _c("retning_fig19_lag", "Sentraler eid av lag og foreninger er oftere ikke samlokalisert, eller samlokalisert "
           "med frivillige organisasjoner", 3817, 1, "rangering",
           all_of(*(above(share(f"fs_samlokalisering_{o}", ["valgt"], owner("lag_forening")),
                          share(f"fs_samlokalisering_{o}", ["valgt"], owner("kommunal")))
                    for o in ("ikke_samlokalisert", "frivillige_org"))),
           ["fs_samlokalisering_ikke_samlokalisert", "fs_samlokalisering_frivillige_org"]),
    ]


def importance_checks() -> list[Check]:
    """Figures 20-21 (L4535-4653): who rates the centre's importance higher, and which gaps are largest."""
    today = {g: {a: f"{g}_betydning_{a}" for a in AREAS} for g in ("fs", "k")}
    future = {g: {a: f"{g}_betydning_fremover_{a}" for a in AREAS} for g in ("fs", "k")}

    def differences(a_items: dict[str, str], b_items: dict[str, str]) -> Callable[[Tables], dict[str, float]]:
        return lambda t: {a: share(a_items[a], BIG)(t) - share(b_items[a], BIG)(t) for a in AREAS}

    gaps = differences(today["fs"], today["k"])
    rise = differences(future["k"], today["k"])
    fs_change = differences(future["fs"], today["fs"])
    items = [*today["fs"].values(), *today["k"].values()]
    return [
        _c("retning_fig20_sentraler_hoyere", "Sentralene mener på alle områdene oftere enn kommunene at sentralen har "
           "stor betydning", 4535, 1, "rangering", lambda t: float(min(gaps(t).values()) > 0), items),
        _c("retning_fig20_forskjeller", "Største forskjeller: andre områder, mangfold, barn og unge; minst for helse "
           "(avrundet til hele prosentpoeng, som dashbordet viser dem)", 4539, 1, "rangering",
           lambda t: float(strictly_descending(gaps(t), ["andre", "mangfold", "barn", {"kultur", "helse"}])
                           and min(gaps(t), key=gaps(t).get) == "helse"), items),
        _c("retning_fig21_kommuner_okning", "Kommunene: betydningen øker på alle områdene, mest for barn og unge og "
           "andre områder", 4635, 1, "rangering",
           lambda t: float(min(rise(t).values()) > 0 and ranking(rise, [{"barn", "andre"}])(t) >= 1),
           [*today["k"].values(), *future["k"].values()]),
        _c("retning_fig21_sentraler_likt", "Sentralene svarer ganske likt om betydningen fremover som i dag (høyst 5 "
           "prosentpoeng forskjell)", 4624, 1, "rangering", lambda t: float(max(map(abs, fs_change(t).values())) <= 5),
           [*today["fs"].values(), *future["fs"].values()]),
    ]


# -- ties to the report and the shipped tables ----------------------------------------------------

def match_report_row(check: Check, numbers: pd.DataFrame) -> str | None:
    """The id of the rapporttall row with the check's value on (or within a few lines of) its line."""
    if check.enhet == "rangering":
        return None
    rows = numbers[(numbers["verdi"] - check.verdi).abs() < 1e-9]
    rows = rows.assign(d=(rows["linje"] - check.linje).abs())
    rows = rows[rows["d"] <= LINE_SLACK].sort_values(["d", "id"])
    if rows.empty:
        return None
    best = rows[rows["d"] == rows["d"].iloc[0]]
    return str(best["id"].iloc[min(check.occurrence, len(best) - 1)])


def report_links(numbers: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for c in checks():
        rid = match_report_row(c, numbers)
        line = int(numbers.loc[numbers["id"] == rid, "linje"].iloc[0]) if rid else c.linje
        rows.append({"kontroll": c.key, "beskrivelse": c.beskrivelse, "linje": line, "enhet": c.enhet,
                     "rapport_verdi": c.verdi, "rapporttall_id": rid, "kilde": "ideas2evidence (2024)"})
    return pd.DataFrame(rows).astype({"linje": "int64"})


def calibration_table(tables: Tables, numbers: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for c in checks():
        value = float(c.metric(tables))
        rid = match_report_row(c, numbers)
        line = int(numbers.loc[numbers["id"] == rid, "linje"].iloc[0]) if rid else c.linje
        rows.append({"kontroll": c.key, "beskrivelse": c.beskrivelse, "linje": line, "enhet": c.enhet,
                     "rapport_verdi": c.verdi, "demo_verdi": round(value, 6), "differanse": round(value - c.verdi, 6),
                     "toleranse": c.tolerance, "ok": bool(abs(value - c.verdi) <= c.tolerance + 1e-9),
                     "sporsmal_ider": ",".join(c.items) or None, "rapporttall_id": rid, "kilde": "demo"})
    return pd.DataFrame(rows).astype({"linje": "int64"})


def calibrated_items() -> set[str]:
    return {i for c in checks() if c.enhet != "antall" for i in c.items}


def counted_items() -> set[str]:
    return {i for c in checks() if c.enhet == "antall" for i in c.items}


# rapporttall rows about the survey or the register that the data does not reproduce, with the reason
# (filled in against data/raw/rapport/rapporttall.csv; a test keeps the list honest)
NOT_CALIBRATED: dict[str, str] = {
    "R082": "Eksempel fra ett plandokument (frivilligheten nevnt 18 ganger); ikke et svar i undersøkelsene",
    "R101": "Antall fritekstsvar om hvorfor kommunen ikke samarbeider; fritekst lagres og vises aldri",
    "R125": "Opptelling i Enhetsregisteret/Frivillighetsregisteret (fotnote 9); ikke en del av dashbordets data",
    "R126": "Opptelling i Enhetsregisteret/Frivillighetsregisteret (fotnote 9); ikke en del av dashbordets data",
    "R143": "Beskriver spørreskjemaet (tre påstander om rollen), ikke et svar; påstandene står i kodeboken",
    "R144": "Beskriver spørreskjemaet (to påstander også stilt om fremtiden); står i kodeboken",
    "R161": "Norges Frivilligsentralers data om publisering av aktiviteter (fotnote 14); ikke i dashbordets data",
    "R171": "Beskriver spørreskjemaet (fire velferdsområder); områdene står i kodeboken",
    "R175": "Antall samarbeidsmodeller i analysen (to), en klassifikasjon og ikke et svar; "
            "se klassifikasjonen samarbeidsmodell",
    "R176": "Antall samarbeidsmodeller i analysen (to), en klassifikasjon og ikke et svar; "
            "se klassifikasjonen samarbeidsmodell",
    "R177": "Antall samarbeidsmodeller i analysen (to), en klassifikasjon og ikke et svar; "
            "se klassifikasjonen samarbeidsmodell",
    "R180": "Antall samarbeidsmodeller i figur 12 (to), en klassifikasjon og ikke et svar",
    "R204": "Eksempel fra et casebesøk (julegaveaksjon med to butikker); ikke et svar i undersøkelsene",
    "R206": "Eksempel fra et casebesøk (kontakt med to-tre nærbutikker); ikke et svar i undersøkelsene",
    "R207": "Eksempel fra et casebesøk (kontakt med to-tre nærbutikker); ikke et svar i undersøkelsene",
    "R208": "Eksempel fra et casebesøk (tre butikker sponser julebord); ikke et svar i undersøkelsene",
    "R209": "Eksempel fra et casebesøk (julebord hvert år siden 2004); ikke et svar i undersøkelsene",
    "R210": "Eksempel fra et casebesøk (20 kg feilmerket potet); ikke et svar i undersøkelsene",
}
