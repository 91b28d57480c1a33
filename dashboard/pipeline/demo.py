"""Synthetic demo data, calibrated to the numbers the report publishes.

Deterministic (one fixed seed). Every row says kilde = 'demo' and every centre is called
"Demosentral <kommune> <n>", so the data can never pass for the real register or real answers.

How it is calibrated: where the report gives a share, the number of answers in each category is
fixed exactly (largest-remainder rounding of share x N) and only *who* gives which answer is random.
Where the report gives a share for a subgroup (e.g. municipally owned centres), the quota is set
within that subgroup. Where it gives no number, the shares below are plausible choices that respect
the report's rankings ("most common", "least influence") and are marked "ukalibrert" in the codebook.
dashboard/data/calibration.py checks the result against the report.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.data import derived, relations
from dashboard.data.calibration import BIG, PASSER
from dashboard.pipeline import demo_tilts

SEED = 20240830
DEMO = "demo"

# -- register -----------------------------------------------------------------------------------
DISTRICT_MULTI = {3: 4, 2: 13}  # municipalities with three / two centres (report L485-487)
DISTRICT_WITH = 189
NATIONAL_CENTRES, NATIONAL_WITH = 532, 333  # L370-372
# ownership counts: district 60 % / 25 % (of 210), other municipalities 50 % / 30 % (of 322); the rest
# split as the national register (about 13 % stiftelse, 5 % samvirkeforetak, 2 % annet, < 1 % AS / none)
OWNERSHIP = {
    True: {"kommunal": 126, "lag_forening": 53, "stiftelse": 20, "samvirkeforetak": 7, "annet": 3,
           "aksjeselskap": 1, "ingen": 0},
    False: {"kommunal": 161, "lag_forening": 97, "stiftelse": 41, "samvirkeforetak": 15, "annet": 6,
            "aksjeselskap": 1, "ingen": 1},
}
# formal board 70 % and advisory body 25 % in district municipalities, about 7 points more boards than
# elsewhere (L2213-2217, NFS 2023). The report also says 48 % vs 35 % (L2167); the demo follows L2213-2217,
# the one statement that gives all three numbers.
BOARDS = {True: {"styre": 0.70, "radgivende": 0.25, "ingen": 0.05},
          False: {"styre": 0.63, "radgivende": 0.30, "ingen": 0.07}}
NOT_SAMPLED = ["I praksis en del av en annen sentral (fotnote 4)", "Kunne ikke nås i feltperioden (fotnote 4)"]

# -- survey -------------------------------------------------------------------------------------
FS_RESPONDENTS, K_RESPONDENTS = 159, 135  # L970-972
COVERED = 177  # municipalities with at least one answer (L997-999)


def quota(shares: dict[str, float], n: int) -> dict[str, int]:
    """Exact counts per category: largest remainder, ties broken by category order."""
    keys = list(shares)
    total = sum(shares.values())
    raw = np.array([shares[k] / total * n for k in keys])
    counts = np.floor(raw).astype(int)
    rest = n - counts.sum()
    order = sorted(range(len(keys)), key=lambda i: (-(raw[i] - counts[i]), i))
    for i in order[:rest]:
        counts[i] += 1
    return dict(zip(keys, counts.tolist()))


def deal(ids: list[str], shares: dict[str, float], rng: np.random.Generator) -> dict[str, str]:
    """Give each id a category so that the counts follow the shares exactly."""
    q = quota(shares, len(ids))
    codes = [c for c, k in q.items() for _ in range(k)]
    perm = rng.permutation(len(ids))
    return {ids[i]: codes[j] for j, i in enumerate(perm)}


def _pick(ids: list[str], k: int, rng: np.random.Generator) -> list[str]:
    if k > len(ids):
        raise ValueError(f"demo: trenger {k} respondenter, har {len(ids)}")
    idx = np.sort(rng.choice(len(ids), size=k, replace=False))
    return [ids[i] for i in idx]


# --------------------------------------------------------------------------------------------
# Register
# --------------------------------------------------------------------------------------------

def register(kommuner: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    k = kommuner.sort_values("kommunenummer").reset_index(drop=True)
    per: dict[str, int] = {}
    # district municipalities: 23 without, 172 with one, 13 with two, 4 with three (weighted by size)
    d = k[k["distriktskommune"]]
    w = np.sqrt(d["befolkning_2024"].to_numpy(dtype=float))
    with_centre = list(d["kommunenummer"].to_numpy()[np.sort(rng.choice(len(d), DISTRICT_WITH, replace=False,
                                                                        p=w / w.sum()))])
    pop = d.set_index("kommunenummer").loc[with_centre, "befolkning_2024"].to_numpy(dtype=float)
    multi = rng.choice(len(with_centre), sum(DISTRICT_MULTI.values()), replace=False, p=pop / pop.sum())
    for kn in with_centre:
        per[kn] = 1
    for j, i in enumerate(multi):
        per[with_centre[i]] = 3 if j < DISTRICT_MULTI[3] else 2
    # other municipalities: 322 centres in 144 of 145, extra centres by population
    o = k[~k["distriktskommune"]]
    n_other = NATIONAL_CENTRES - sum(per.values())
    without = o[o["sentralitetsklasse"] == 4]["kommunenummer"].to_numpy()
    skip = without[rng.integers(len(without))]
    o = o[o["kommunenummer"] != skip]
    extra = quota(dict(zip(o["kommunenummer"], o["befolkning_2024"].astype(float))), n_other - len(o))
    for kn in o["kommunenummer"]:
        per[kn] = 1 + extra[kn]

    rows = []
    names = k.set_index("kommunenummer")["kommunenavn"]
    district = k.set_index("kommunenummer")["distriktskommune"]
    for kn in sorted(per):
        for i in range(1, per[kn] + 1):
            rows.append({"sentral_id": f"DEMO-{kn}-{i}", "navn": f"Demosentral {names[kn]} {i}",
                         "kommunenummer": kn, "distrikt": bool(district[kn])})
    s = pd.DataFrame(rows)
    s["eierform"] = None
    s["radgivende_organ"] = None
    for flag in (True, False):
        ids = s.loc[s["distrikt"] == flag, "sentral_id"].tolist()
        own = deal(ids, {k_: v for k_, v in OWNERSHIP[flag].items() if v}, rng)
        s.loc[s["distrikt"] == flag, "eierform"] = s.loc[s["distrikt"] == flag, "sentral_id"].map(own)
        board = deal(ids, BOARDS[flag], rng)
        s.loc[s["distrikt"] == flag, "radgivende_organ"] = s.loc[s["distrikt"] == flag, "sentral_id"].map(board)
    # founding year: 96 trial centres 1991-92, the rest spread over the years since
    years = np.where(rng.random(len(s)) < 96 / 532, rng.integers(1991, 1993, len(s)), rng.integers(1993, 2024, len(s)))
    s["etablert_aar"] = years.astype("int64")
    s["i_utvalg"] = s["distrikt"]
    s["utvalg_merknad"] = np.where(s["distrikt"], None, "Ikke distriktskommune (sentralitet 1-4)")
    # the two centres left out of the survey sample sit in municipalities with more than one centre,
    # so the survey population stays 208 centres in all 189 municipalities (L920-934)
    multi_ids = s.loc[s["distrikt"] & s["kommunenummer"].map(s["kommunenummer"].value_counts()).gt(1), "sentral_id"]
    dropped = _pick(multi_ids.tolist(), 2, rng)
    for sid, why in zip(dropped, NOT_SAMPLED):
        s.loc[s["sentral_id"] == sid, ["i_utvalg", "utvalg_merknad"]] = [False, why]
    s["i_utvalg"] = s["i_utvalg"].astype(bool)
    s["kilde"] = DEMO
    return s.drop(columns="distrikt")


# --------------------------------------------------------------------------------------------
# Respondents
# --------------------------------------------------------------------------------------------

def respondents(kommuner: pd.DataFrame, sentraler: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    sampled = sentraler[sentraler["i_utvalg"]]
    munis = sorted(sampled["kommunenummer"].unique())  # the 189 municipalities with a centre
    k_set = set(_pick(munis, K_RESPONDENTS, rng))
    rest = [m for m in munis if m not in k_set]
    uncovered = set(_pick(rest, len(munis) - COVERED, rng))
    need = [m for m in rest if m not in uncovered]  # must get at least one centre answer
    chosen: list[str] = []
    for m in need:
        ids = sampled.loc[sampled["kommunenummer"] == m, "sentral_id"].tolist()
        chosen.append(ids[rng.integers(len(ids))])
    pool = sampled[~sampled["kommunenummer"].isin(uncovered) & ~sampled["sentral_id"].isin(chosen)]
    chosen += _pick(pool["sentral_id"].tolist(), FS_RESPONDENTS - len(chosen), rng)
    fs = sampled[sampled["sentral_id"].isin(chosen)].sort_values("sentral_id")
    order = rng.permutation(len(fs))  # respondent numbers in survey order, not register order
    fs_rows = pd.DataFrame({"respondent_id": [f"FS-{i + 1:03d}" for i in order], "respondentgruppe": "frivilligsentral",
                            "sentral_id": fs["sentral_id"].to_numpy(), "kommunenummer": fs["kommunenummer"].to_numpy()})
    ks = sorted(k_set)
    order = rng.permutation(len(ks))
    k_rows = pd.DataFrame({"respondent_id": [f"K-{i + 1:03d}" for i in order], "respondentgruppe": "kommune",
                           "sentral_id": None, "kommunenummer": ks})
    out = pd.concat([fs_rows, k_rows], ignore_index=True).sort_values("respondent_id").reset_index(drop=True)
    out["kilde"] = DEMO
    return out


# --------------------------------------------------------------------------------------------
# Answers
# --------------------------------------------------------------------------------------------
# Five-point distributions in the scale's order (most positive first).

def five(top2: float, bottom2: float, *, top_share: float = 0.45, bottom_share: float = 0.7) -> list[float]:
    """A five-point distribution with given 'top two' and 'bottom two' shares (percent)."""
    mid = 100 - top2 - bottom2
    return [top2 * top_share, top2 * (1 - top_share), mid, bottom2 * bottom_share, bottom2 * (1 - bottom_share)]


PASTAND_FS = {  # by ownership group: kommunal / lag_forening / andre (Figure 6 footnote 12, Figure 8)
    "bindeledd": {"kommunal": [35, 46, 14, 4, 1], "lag_forening": [20, 40, 30, 8, 2], "andre": [25, 40, 26, 7, 2]},
    "egne_aktiviteter": {"kommunal": [8, 22, 35, 25, 10], "lag_forening": [12, 30, 33, 18, 7],
                         "andre": [12, 30, 33, 18, 7]},
    # «verken eller» more often among the municipally owned on both «premisser» statements (L199-200)
    "supplement_frivillighet": {"kommunal": [29, 57, 11, 2, 1], "lag_forening": [45, 34, 7, 10, 4],
                                "andre": [45, 34, 7, 10, 4]},
    "supplement_kommune": {"kommunal": [5, 11, 25, 37, 22], "lag_forening": [2, 4, 9, 46, 39],
                           "andre": [2, 4, 9, 46, 39]},
    "konkurrent": {"*": [2, 5, 13, 40, 40]},
}
PASTAND_K = {"bindeledd": [20, 36, 24, 15, 5], "egne_aktiviteter": [10, 30, 30, 22, 8],
             "supplement_frivillighet": [25, 45, 20, 8, 2], "supplement_kommune": [5, 15, 30, 32, 18],
             "konkurrent": [4, 10, 26, 35, 25]}
PASTAND_FREMOVER = {"frivilligsentral": {"bindeledd": [40, 42, 13, 4, 1], "egne_aktiviteter": [4, 12, 34, 35, 15]},
                    "kommune": {"bindeledd": [38, 45, 12, 4, 1], "egne_aktiviteter": [5, 15, 35, 32, 13]}}
FAKTOR = {
    "frivilligsentral": {
        "personlig_kjemi": [45, 40, 13, 2, 0], "kommunikasjon": [35, 45, 15, 4, 1], "forankring": [30, 42, 18, 8, 2],
        "rolleforstaelse": [20, 38, 24, 14, 4], "problemforstaelse": [18, 40, 32, 8, 2],
        "fysisk_avstand": [15, 25, 45, 12, 3], "organisatorisk": [20, 40, 31, 7, 2],
    },
    "kommune": {
        "personlig_kjemi": [40, 42, 15, 3, 0], "kommunikasjon": [32, 45, 18, 4, 1], "forankring": [25, 42, 20, 10, 3],
        "okonomi": [12, 28, 35, 18, 7], "problemforstaelse": [15, 35, 30, 15, 5],
        "rolleforstaelse": [18, 38, 31, 10, 3], "fysisk_avstand": [12, 30, 48, 8, 2],
        "organisatorisk": [15, 40, 34, 9, 2],
    },
}
# economy as hindering: 33 % of centres (L3632); centres owned by associations see it as a driver (L3644-3647)
OKONOMI_FS = {"kommunal": [10, 20, 28, 30, 12], "lag_forening": [25, 35, 25, 10, 5], "andre": [18, 27, 28, 19, 8]}
# importance today / in future ("svært stor" + "stor" grad), Figures 20-21 (L4539-4553, L4626-4647); the gaps
# between centres and municipalities today fall as the text names them: other areas 29, diversity 15, children 14,
# then culture (8) and health (3); diversity and health are the two highest of the four areas today and in future,
# for both sides (value is created «særlig» there, L4138-4140)
BETYDNING = {
    ("frivilligsentral", "i_dag"): {"mangfold": 89, "helse": 80, "barn": 74, "kultur": 77, "andre": 60},
    ("kommune", "i_dag"): {"mangfold": 74, "helse": 77, "barn": 60, "kultur": 69, "andre": 31},
    ("frivilligsentral", "fremover"): {"mangfold": 86, "helse": 84, "barn": 77, "kultur": 80, "andre": 62},
    ("kommune", "fremover"): {"mangfold": 88, "helse": 92, "barn": 86, "kultur": 85, "andre": 57},
}
PLAN = {"frivillighetspolitikk": [14, 30, 36, 12, 8], "samfunnsdel": [10, 25, 40, 15, 10],
        "andre_kommuneplaner": [5, 17, 43, 20, 15], "fylkets_frivillighetspolitikk": [3, 12, 40, 25, 20]}
POLITIKK = {"formalisert": 24, "under_utarbeidelse": 32, "har_ikke": 42, "vet_ikke": 12}  # of 110: 22 / 29 / 49 %
OWN_ACTIVITIES = ("kun_egenregi", "mest_egenregi")
ROLE_TILT = 8  # percentage points fewer municipally owned centres with mostly own activities (L2502-2504)
ROLLE = {"kun_egenregi": 14, "mest_egenregi": 52, "like_mye": 74, "mest_tilrettelegging": 16, "kun_tilrettelegging": 3}
KOMPENSASJON = {"ingen": 53, "lokal_finansiering": 42, "indirekte": 21, "direkte": 5, "annet": 2}  # of 123
PARTNER_FS = {"kommunen": 150, "lag_org": 149, "enkeltfrivillige": 140, "idrettslag": 106, "andre_private": 69,
              "naerbutikk": 67, "andre_offentlige": 67, "andre": 21}  # of 152 (footnote 18)
PRIVATE_EITHER = 71  # 47 % of 152 work with the local shop or other private businesses (L3328-3331)
PARTNER_K = {"frivilligsentralen": 118, "lag_org": 104, "enkeltfrivillige": 88, "idrettslag": 71, "naerbutikk": 38}
FORM = {  # share choosing each form, per partner (multiple answers)
    "kommunen": {"kommunal": {"samarbeidsavtale": 45, "intensjonsavtale": 7, "uformelt": 40, "andre": 18},
                 "lag_forening": {"samarbeidsavtale": 65, "intensjonsavtale": 7, "uformelt": 38, "andre": 3},
                 "andre": {"samarbeidsavtale": 50, "intensjonsavtale": 7, "uformelt": 44, "andre": 8}},
    "naerbutikk": {"*": {"samarbeidsavtale": 12, "intensjonsavtale": 4, "uformelt": 80, "andre": 8}},
    "andre_private": {"*": {"samarbeidsavtale": 13, "intensjonsavtale": 3, "uformelt": 80, "andre": 9}},
    "lag_org": {"*": {"samarbeidsavtale": 24, "intensjonsavtale": 6, "uformelt": 68, "andre": 7}},
    "idrettslag": {"*": {"samarbeidsavtale": 15, "intensjonsavtale": 4, "uformelt": 76, "andre": 8}},
    "enkeltfrivillige": {"*": {"samarbeidsavtale": 7, "intensjonsavtale": 3, "uformelt": 84, "andre": 9}},
    "andre_offentlige": {"*": {"samarbeidsavtale": 30, "intensjonsavtale": 8, "uformelt": 60, "andre": 10}},
}
FORNOYD = {"enkeltfrivillige": [55, 40, 5, 0, 0], "lag_org": [50, 44, 6, 0, 0], "andre_private": [45, 45, 10, 0, 0],
           "idrettslag": [30, 50, 20, 0, 0], "naerbutikk": [30, 45, 25, 0, 0], "andre_offentlige": [25, 45, 30, 0, 0]}
FORNOYD_KOMMUNEN = {"svaert_godt": 50, "godt": 72, "verken": 17, "darlig": 5, "svaert_darlig": 1}  # of 145: 6 unhappy
VELFERD_FS = {"kommunal": 89, "lag_forening": 83, "andre": 83}  # L2735-2737
VELFERD_K = 82.3  # "omtrent 80 til 85 prosent" (L2733)
OMRADE = {"mangfold": 0.896, "helse": 0.896, "barn": 0.80, "kultur": 0.80}  # L2741-2755
OMRADE_ALL_FOUR = 0.68  # "nesten 70 prosent" (L2757)
AKTIVITET = {  # share offering each activity (alone or together), by role type (Figure 10, L2692-2710)
    "egenregi": {"sosiale_moteplasser": 97, "kulturelle_arrangement": 82, "fysisk_aktivitet": 78, "moteplasser_org": 55,
                 "arrangement": 60, "en_til_en": 68},
    "blanding": {"sosiale_moteplasser": 97, "kulturelle_arrangement": 80, "fysisk_aktivitet": 75, "moteplasser_org": 65,
                 "arrangement": 62, "en_til_en": 50},
    "bindeledd": {"sosiale_moteplasser": 100, "kulturelle_arrangement": 70, "fysisk_aktivitet": 60,
                  "moteplasser_org": 90, "arrangement": 75, "en_til_en": 30},
}
SAMLOK = {  # co-location by ownership (Figure 19, L3807-3819): share not co-located, share per partner
    "kommunal": {"ikke_samlokalisert": 25, "bibliotek": 45, "innbyggerservice": 32, "andre_kommunale": 27,
                 "frivillige_org": 8, "kulturaktorer": 10},
    "annen": {"ikke_samlokalisert": 46, "bibliotek": 20, "innbyggerservice": 8, "andre_kommunale": 10,
              "frivillige_org": 25, "kulturaktorer": 12},
}
FRITEKST = {("frivilligsentral", "fordeler"): 117, ("kommune", "fordeler"): 88,
            ("frivilligsentral", "ulemper"): 91, ("kommune", "ulemper"): 58}  # footnote 24
DISKURS = {"mobilisering": 23, "kommune3": 117, "stedsutvikling": 40, "selvstendig": 9}  # 12/62/21/5 % of 189
TOGETHER = 0.6  # offering a service together with others is more common than alone (L2761-2769)
# margins for the report's comparative statements (see dashboard/data/relations.py, which checks them)
FACILITATORS_MUNICIPAL = 65  # percent municipally owned among the mainly facilitating centres (L104)
FEWER_TYPES = 0.3  # activity types fewer per centre in class 6 than in class 5 (L2096)
SAME_PP = 4  # «no difference»: the demo keeps such groups within this many points (the check allows 10)
WELFARE_SPREAD = 7  # points between the role types at most; the smallest has about 20 centres (L2739)
NEW_CENTRES_PP = 5  # points more newly started centres among those with a «spisset» cooperation (L3097-3101)


class Answers:
    def __init__(self, resp: pd.DataFrame, sentraler: pd.DataFrame, items: pd.DataFrame, scales: pd.DataFrame,
                 classes: pd.DataFrame, rng: np.random.Generator, klasse: dict[str, int] | None = None):
        self.rng = rng
        self.klasse = klasse or {}
        self.items = items.set_index("sporsmal_id")
        self.scales = scales
        self.rows: list[tuple[str, str, str]] = []
        self.classes = classes
        self.resp = resp.copy()
        own = sentraler.set_index("sentral_id")["eierform"]
        self.resp["eierform"] = self.resp["sentral_id"].map(own)
        self.resp["eiergruppe"] = derived.owner_groups(self.resp["eierform"])
        self.given: dict[str, dict[str, str]] = {}

    # helpers -------------------------------------------------------------------------------
    def ids(self, group: str) -> list[str]:
        return self.resp.loc[self.resp["respondentgruppe"] == group, "respondent_id"].tolist()

    def attr(self, rid: str, col: str):
        return self.resp.set_index("respondent_id").at[rid, col]

    def codes(self, item: str) -> list[str]:
        skala = self.items.at[item, "skala"]
        return self.scales[self.scales["skala"] == skala].sort_values("rekkefolge")["kode"].tolist()

    def put(self, item: str, answers: dict[str, str]) -> None:
        if item not in self.items.index:
            raise KeyError(f"demo: {item} finnes ikke i kodeboken")
        valid = set(self.codes(item))
        for rid, code in answers.items():
            if code not in valid:
                raise ValueError(f"demo: {code} er ikke i skalaen til {item}")
            self.rows.append((rid, item, code))
        self.given[item] = dict(answers)

    def _answers(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows, columns=["respondent_id", "sporsmal_id", "svar_kode"])

    def who(self, item: str) -> list[str]:
        return sorted(self.given[item])

    def chosen(self, item: str, code: str = "valgt") -> list[str]:
        return sorted(r for r, c in self.given[item].items() if c == code)

    def by_group(self, ids: list[str], dists: dict[str, list[float]], codes: list[str],
                 col: str = "eiergruppe") -> dict[str, str]:
        out: dict[str, str] = {}
        groups = {}
        for rid in ids:
            g = self.attr(rid, col)
            key = g if g in dists else "*"
            groups.setdefault(key, []).append(rid)
        for key, members in groups.items():
            out.update(deal(members, dict(zip(codes, dists[key])), self.rng))
        return out

    def multi(self, item_prefix: str, ids: list[str], shares: dict[str, float]) -> None:
        """Multiple choice: each option valgt by an exact share of ids."""
        for opt, pct in shares.items():
            pick = set(_pick(ids, int(round(pct / 100 * len(ids))), self.rng))
            self.put(f"{item_prefix}_{opt}", {r: ("valgt" if r in pick else "ikke_valgt") for r in ids})

    # the blocks ----------------------------------------------------------------------------
    def build(self) -> pd.DataFrame:
        fs, k = self.ids("frivilligsentral"), self.ids("kommune")
        self._roles(fs)
        self._policy(fs, k)
        self._welfare(fs, k)
        self._statements(fs, k)
        self._activities(fs)
        self._partners(fs, k)
        self._factors(fs, k)
        self._colocation(fs, k)
        self._importance()
        out = self._answers().sort_values(["respondent_id", "sporsmal_id"]).reset_index(drop=True)
        out["kilde"] = DEMO
        return out

    def _roles(self, fs: list[str]) -> None:
        """Figure 7, and each centre's role type (the activities of Figure 10 are dealt by it)."""
        roles = self._tilt_roles(deal(fs, ROLLE, self.rng))
        demo_tilts.facilitators_mostly_municipal(roles, {r: self.attr(r, "eiergruppe") for r in roles},
                                                 relations.TILRETTE, FACILITATORS_MUNICIPAL)
        self.put("fs_rolle", roles)
        self.resp["rolletype"] = derived.role_types(self.resp["respondent_id"], self._answers(), self.classes)

    def _policy(self, fs: list[str], k: list[str]) -> None:
        """Figures 3-4: the municipality's volunteering policy and the plans that shape the centre."""
        rng = self.rng
        policy = deal(_pick(k, 110, rng), POLITIKK, rng)
        self.put("k_politikk", policy)
        has = {self.attr(r, "kommunenummer"): code == "formalisert" for r, code in policy.items()}
        base = _pick(fs, 140, rng)
        for el, n in (("frivillighetspolitikk", 140), ("samfunnsdel", 139), ("andre_kommuneplaner", 138),
                      ("fylkets_frivillighetspolitikk", 133)):
            ids = base if n == 140 else _pick(base, n, rng)
            answers = deal(ids, dict(zip(self.codes(f"fs_plan_{el}"), PLAN[el])), rng)
            if el == "frivillighetspolitikk":  # a policy or not makes no difference to the answers (L1255-1257)
                muni = {r: has.get(self.attr(r, "kommunenummer")) for r in ids}
                demo_tilts.policy_makes_no_difference(answers, {r for r in ids if muni[r] is True},
                                                      {r for r in ids if muni[r] is False}, BIG, SAME_PP)
            self.put(f"fs_plan_{el}", answers)

    def _welfare(self, fs: list[str], k: list[str]) -> None:
        """Welfare services, their areas, the phases of Figure 14 and the compensation."""
        rng = self.rng
        vf = _pick(fs, 145, rng)
        welfare = self.by_group(vf, {g: [p, 100 - p] for g, p in VELFERD_FS.items()}, ["ja", "nei"])
        demo_tilts.welfare_alike_across_roles(welfare, {r: self.attr(r, "rolletype") for r in vf},
                                              {r: self.attr(r, "eiergruppe") for r in vf}, WELFARE_SPREAD)
        self.put("fs_velferd", welfare)
        self.put("k_velferd", deal(_pick(k, 124, rng), {"ja": VELFERD_K, "nei": 100 - VELFERD_K}, rng))
        ja = self.chosen("fs_velferd", "ja")
        self._areas(ja)
        fase = _pick(ja, 123, rng)
        self._phases(fase)
        self.put("fs_kompensasjon", deal(fase, KOMPENSASJON, rng))

    def _statements(self, fs: list[str], k: list[str]) -> None:
        """Statements about the centre's role (Figures 6, 8, 9)."""
        rng = self.rng
        fs150 = _pick(fs, 150, rng)
        for el, dists in PASTAND_FS.items():
            self.put(f"fs_pastand_{el}", self.by_group(fs150, dists, self.codes(f"fs_pastand_{el}")))
        k116 = _pick(k, 116, rng)
        k115 = _pick(k116, 115, rng)
        for el, dist in PASTAND_K.items():
            ids = k116 if el.startswith("supplement") else k115
            self.put(f"k_pastand_{el}", deal(ids, dict(zip(self.codes(f"k_pastand_{el}"), dist)), rng))
        for group, n in (("frivilligsentral", 148), ("kommune", 113)):
            prefix = "fs" if group == "frivilligsentral" else "k"
            ids = _pick(self.ids(group), n, rng)
            for el, dist in PASTAND_FREMOVER[group].items():
                item = f"{prefix}_pastand_fremover_{el}"
                self.put(item, deal(ids, dict(zip(self.codes(item), dist)), rng))

    def _activities(self, fs: list[str]) -> None:
        """Activities by role type (Figure 10)."""
        act = _pick(fs, 156, self.rng)
        elements = list(AKTIVITET["egenregi"])
        dealt = {}
        for el in elements:
            dists = {t: [p * (1 - TOGETHER), p * TOGETHER, 100 - p] for t, d in AKTIVITET.items() for p in [d[el]]}
            dealt[el] = self.by_group(act, dists, ["selv", "sammen", "nei"], col="rolletype")
        # the least central centres specialise in fewer activities (L2096, L2657-2661)
        profiles = {r: tuple(dealt[el][r] for el in elements) for r in act}
        demo_tilts.fewer_types_in_class_6(profiles, {r: self.klasse.get(self.attr(r, "kommunenummer")) for r in act},
                                          {r: self.attr(r, "rolletype") for r in act}, FEWER_TYPES)
        for i, el in enumerate(elements):
            self.put(f"fs_aktivitet_{el}", {r: profiles[r][i] for r in act})

    def _importance(self) -> None:
        """The centre's importance today and in future (Figures 20-21)."""
        for (group, time), levels in BETYDNING.items():
            prefix = "fs" if group == "frivilligsentral" else "k"
            block = "betydning" if time == "i_dag" else "betydning_fremover"
            n = {("frivilligsentral", "i_dag"): 142, ("frivilligsentral", "fremover"): 140}.get((group, time), 109)
            ids = _pick(self.ids(group), n, self.rng)
            for el, top2 in levels.items():
                item = f"{prefix}_{block}_{el}"
                bottom2 = (100 - top2) * 0.3
                self.put(item, deal(ids, dict(zip(self.codes(item), five(top2, bottom2))), self.rng))

    def _tilt_roles(self, roles: dict[str, str]) -> dict[str, str]:
        """Municipally owned centres more rarely run mostly their own activities than centres owned by
        associations (L2502-2504): swap answers between the two groups (the totals stay exact) until the
        difference is at least ROLE_TILT points. Deterministic, draws no random numbers."""
        own = {r: self.attr(r, "eiergruppe") for r in roles}
        def gap() -> float:
            pct = {g: 100 * np.mean([roles[r] in OWN_ACTIVITIES for r in roles if own[r] == g])
                   for g in ("kommunal", "lag_forening")}
            return pct["lag_forening"] - pct["kommunal"]
        muni = [r for r in sorted(roles) if own[r] == "kommunal"]
        assoc = [r for r in sorted(roles) if own[r] == "lag_forening"]
        while gap() < ROLE_TILT:
            a = next(r for r in muni if roles[r] in OWN_ACTIVITIES)
            b = next(r for r in assoc if roles[r] == "like_mye")
            roles[a], roles[b] = roles[b], roles[a]
            muni.remove(a)
            assoc.remove(b)
        return roles

    def _areas(self, ja: list[str]) -> None:
        n = len(ja)
        all_four = set(_pick(ja, int(round(OMRADE_ALL_FOUR * n)), self.rng))
        need = {a: int(round(s * n)) - len(all_four) for a, s in OMRADE.items()}
        others = [r for r in ja if r not in all_four]
        slots = sum(need.values())
        per = {r: 2 for r in others}
        for r in others[: slots - 2 * len(others)]:
            per[r] = 3
        yes: dict[str, set[str]] = {a: set() for a in OMRADE}
        for r in others:
            for a in sorted(need, key=lambda a: (-need[a], list(OMRADE).index(a)))[: per[r]]:
                if need[a] > 0:
                    yes[a].add(r)
                    need[a] -= 1
        for a in OMRADE:
            members = sorted(all_four | yes[a])
            how = deal(members, {"selv": 1 - TOGETHER, "sammen": TOGETHER}, self.rng)
            self.put(f"fs_omrade_{a}", {r: how.get(r, "nei") for r in ja})

    def _phases(self, ids: list[str]) -> None:
        # 76 % all phases, 94 % execution, 90 % idea/concept or planning (Figure 14, L3242-3258), of 123; the three
        # largest bars all include execution and make up the 94 % (L3251-3253)
        patterns = {(1, 1, 1): 93, (0, 0, 1): 12, (1, 0, 1): 11, (1, 1, 0): 3, (1, 0, 0): 2, (0, 1, 0): 2}
        if len(ids) != sum(patterns.values()):
            raise ValueError("demo: figur 14 forutsetter 123 sentraler")
        got = deal(ids, patterns, self.rng)  # respondent -> its pattern (idea, planning, execution)
        for i, el in enumerate(("ide", "planlegging", "utforing")):
            self.put(f"fs_fase_{el}", {r: ("valgt" if p[i] else "ikke_valgt") for r, p in got.items()})

    def _partners(self, fs: list[str], k: list[str]) -> None:
        """Figures 11-13 and 15-16: who works with whom, in which form, and how well."""
        self._partner_choice(fs)
        kids = _pick(k, 119, self.rng)
        self.multi("k_partner", kids, {a: 100 * n / 119 for a, n in PARTNER_K.items()})
        for actor in ("kommunen", "lag_org", "idrettslag", "enkeltfrivillige", "naerbutikk", "andre_private",
                      "andre_offentlige"):
            self._partner_forms(actor)
        self._satisfaction()

    def _partner_choice(self, fs: list[str]) -> None:
        """The centres' partners (Figure 11), with the local shop and other private businesses overlapping."""
        rng = self.rng
        ids = _pick(fs, 152, rng)
        either = _pick(ids, PRIVATE_EITHER, rng)
        shop = set(_pick(either, PARTNER_FS["naerbutikk"], rng))
        only_private = [r for r in either if r not in shop]
        private = set(only_private) | set(_pick(sorted(shop), PARTNER_FS["andre_private"] - len(only_private), rng))
        fixed = {"naerbutikk": shop, "andre_private": private}
        for actor, n in PARTNER_FS.items():
            pick = fixed[actor] if actor in fixed else set(_pick(ids, n, rng))
            self.put(f"fs_partner_{actor}", {r: ("valgt" if r in pick else "ikke_valgt") for r in ids})

    def _partner_forms(self, actor: str) -> None:
        """Forms of cooperation with one partner, by ownership group where the report gives them."""
        spec = FORM[actor]
        groups: dict[str, list[str]] = {}
        for r in self.chosen(f"fs_partner_{actor}"):
            g = self.attr(r, "eiergruppe")
            groups.setdefault(g if g in spec else "*", []).append(r)
        answers: dict[str, dict[str, str]] = {f: {} for f in ("samarbeidsavtale", "intensjonsavtale", "uformelt",
                                                              "andre")}
        for g, rs in groups.items():
            for form, pct in spec[g].items():
                pick = set(_pick(rs, int(round(pct / 100 * len(rs))), self.rng))
                answers[form].update({r: ("valgt" if r in pick else "ikke_valgt") for r in rs})
        for form, a in answers.items():
            self.put(f"fs_form_{actor}_{form}", a)

    def _satisfaction(self) -> None:
        """Satisfaction per partner, among those who work with it (Figure 16, footnote 21)."""
        n_fornoyd = {"lag_org": 147, "kommunen": 145, "enkeltfrivillige": 138, "idrettslag": 105, "andre_private": 67,
                     "naerbutikk": 66, "andre_offentlige": 66}
        scores: dict[tuple[str, str], str] = {}
        for actor, n in n_fornoyd.items():
            members = _pick(self.chosen(f"fs_partner_{actor}"), n, self.rng)
            dist = FORNOYD_KOMMUNEN if actor == "kommunen" else dict(zip(self.codes(f"fs_fornoyd_{actor}"),
                                                                           FORNOYD[actor]))
            scores.update({(r, actor): code for r, code in deal(members, dist, self.rng).items()})
        self._tilt_satisfaction(scores)
        for actor in n_fornoyd:
            self.put(f"fs_fornoyd_{actor}", {r: code for (r, a), code in sorted(scores.items()) if a == actor})

    def _tilt_satisfaction(self, scores: dict[tuple[str, str], str]) -> None:
        """Formal agreements marginally better than informal cooperation (L3555, L3174); foundations and «other
        forms» somewhat more satisfied (L3572-3576); centres with and without a municipal policy alike (L3570)."""
        policy = {self.attr(r, "kommunenummer"): c == "formalisert" for r, c in self.given["k_politikk"].items()}
        keys = {}
        for r, actor in scores:
            forms = {f for f in ("samarbeidsavtale", "intensjonsavtale", "uformelt", "andre")
                     if self.given.get(f"fs_form_{actor}_{f}", {}).get(r) == "valgt"}
            klass = "avtale" if "samarbeidsavtale" in forms else "uformelt" if forms == {"uformelt"} else "annen"
            keys[(r, actor)] = {"aktor": actor, "formklasse": klass, "andre": "andre" in forms, "har_form": bool(forms),
                                "stiftelse": self.attr(r, "eierform") == "stiftelse",
                                "politikk": policy.get(self.attr(r, "kommunenummer"))}
        demo_tilts.satisfaction(scores, keys, PASSER, "formklasse",
                                lambda k: {"avtale": True, "uformelt": False}.get(k["formklasse"]), 0.05, 0.25)
        demo_tilts.satisfaction(scores, keys, PASSER, "stiftelse", lambda k: k["stiftelse"], 0.05, 2.0)
        demo_tilts.satisfaction(scores, keys, PASSER, "andre", lambda k: k["andre"] if k["har_form"] else None,
                                0.05, 2.0)

    def _factors(self, fs: list[str], k: list[str]) -> None:
        rng = self.rng
        for group, n in (("frivilligsentral", 140), ("kommune", 110)):
            prefix = "fs" if group == "frivilligsentral" else "k"
            ids = _pick(self.ids(group), n, rng)
            for el, dist in FAKTOR[group].items():
                item = f"{prefix}_faktor_{el}"
                self.put(item, deal(ids, dict(zip(self.codes(item), dist)), rng))
            if group == "frivilligsentral":
                self.put("fs_faktor_okonomi", self.by_group(ids, OKONOMI_FS, self.codes("fs_faktor_okonomi")))

    def _colocation(self, fs: list[str], k: list[str]) -> None:
        rng = self.rng
        ids = _pick(fs, 146, rng)
        groups = {"kommunal": [r for r in ids if self.attr(r, "eiergruppe") == "kommunal"]}
        groups["annen"] = [r for r in ids if r not in set(groups["kommunal"])]
        chosen: dict[str, set[str]] = {opt: set() for opt in SAMLOK["kommunal"]}
        for g, members in groups.items():
            spec = SAMLOK[g]
            alone = set(_pick(members, int(round(spec["ikke_samlokalisert"] / 100 * len(members))), rng))
            chosen["ikke_samlokalisert"] |= alone
            together = [r for r in members if r not in alone]
            for opt, pct in spec.items():
                if opt != "ikke_samlokalisert":
                    chosen[opt] |= set(_pick(together, min(len(together), int(round(pct / 100 * len(members)))), rng))
            for r in together:  # every co-located centre names at least one partner
                if not any(r in chosen[o] for o in chosen if o != "ikke_samlokalisert"):
                    chosen["andre_kommunale" if g == "kommunal" else "frivillige_org"].add(r)
        for opt, members in chosen.items():
            self.put(f"fs_samlokalisering_{opt}", {r: ("valgt" if r in members else "ikke_valgt") for r in ids})
        for (group, what), n in FRITEKST.items():
            prefix = "fs" if group == "frivilligsentral" else "k"
            self.put(f"{prefix}_samlok_{what}", {r: "besvart" for r in _pick(self.ids(group), n, rng)})


def discourse(sentraler: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    munis = sorted(sentraler.loc[sentraler["i_utvalg"], "kommunenummer"].unique())
    got = deal(munis, DISKURS, rng)
    return pd.DataFrame({"kommunenummer": munis, "diskurs": [got[m] for m in munis], "kilde": DEMO})


def generate(kommuner: pd.DataFrame, items: pd.DataFrame, scales: pd.DataFrame,
             classes: pd.DataFrame) -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(SEED)
    sentraler = register(kommuner, rng)
    resp = respondents(kommuner, sentraler, rng)
    klasse = dict(zip(kommuner["kommunenummer"], kommuner["sentralitetsklasse"]))
    svar = Answers(resp, sentraler, items, scales, classes, rng, klasse).build()
    sentraler = _newer_when_focused(sentraler, resp, svar)
    return {"sentraler": sentraler, "respondenter": resp, "svar": svar, "diskurs": discourse(sentraler, rng)}


def _newer_when_focused(sentraler: pd.DataFrame, resp: pd.DataFrame, svar: pd.DataFrame) -> pd.DataFrame:
    """Centres with a «spisset» cooperation (Figure 12) are somewhat more often newly started (L3097-3101)."""
    p = svar[svar["sporsmal_id"].str.startswith("fs_partner_")]
    wide = p.assign(w=p["sporsmal_id"].isin(relations.WIDE) & (p["svar_kode"] == "valgt")).groupby("respondent_id")["w"]
    wide = wide.any()
    centre = resp.set_index("respondent_id")["sentral_id"]
    return demo_tilts.newer_when_focused(sentraler, set(centre[wide.index[~wide]]), set(centre[wide.index[wide]]),
                                         relations.NEW_SINCE, NEW_CENTRES_PP)
