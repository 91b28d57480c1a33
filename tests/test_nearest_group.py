"""Survey numbers under any filter (issue 19): every survey figure draws something for every single
municipality, county and class of the demo data, through the nearest group that can draw it, and the
pages say which group; the director's and the adviser's paths in AppTest."""

from __future__ import annotations

import pytest

from dashboard.data import anonymity, gateway, protection
from dashboard.data.filters import Filters
from dashboard.ui import sections
from dashboard.ui.i18n import t
from tests.support.apptest import run_page

# The breakdowns the pages ask for (dashboard/panels); every block of the codebook as a distribution.
BREAKDOWNS = (("rolle", "eiergruppe"), ("pastand", "eiergruppe"), ("pastand", "kommunal"), ("form", "eiergruppe"),
              ("aktivitet", "rolletype"), ("samlokalisering", "eiergruppe"))


def _survey_calls(table) -> list[tuple[str, dict]]:
    calls = [("fordeling", {"blokk": b, "sprak": "nb"}) for b in sorted(set(table("kodebok")["blokk"]))]
    calls += [("fordeling_gruppe", {"blokk": b, "sprak": "nb", "inndeling": how}) for b, how in BREAKDOWNS]
    calls += [("nokkeltall_svar", {}), ("profil_indikatorer", {}), ("faktorer_uenighet", {"sprak": "nb"}),
              ("samarbeidsmodell", {"sprak": "nb"}), ("faser_kombinasjoner", {})]
    return calls


def _selections(table) -> list[Filters]:
    k = table("kommuner")
    district = k[k["distriktskommune"]]
    out = [Filters(kommuner=(kn,)) for kn in sorted(district["kommunenummer"])]
    out += [Filters(fylker=(f,)) for f in sorted(set(district["fylkesnummer"]))]
    out += [Filters(sentralitetsklasser=(c,)) for c in (5, 6)]
    return out


def test_every_survey_figure_draws_for_every_single_municipality_county_and_class(table):
    lat = protection.lattice(gateway.versions.current())
    failures, stepped = [], 0
    chains = {tuple(lat.chain(f)): f for f in _selections(table)}  # selections with one chain show the same
    assert len(chains) > 20
    for f in chains.values():
        for name, params in _survey_calls(table):
            r = gateway.run(name, f, **params)
            if r.df.empty and name == "fordeling" and gateway.run(name, Filters(), **params).df.empty:
                continue  # a block no respondent answered (e.g. the plan discourse, a register item)
            if not anonymity.drawable(r.df, gateway.load(name).rule):
                failures.append(f"{name} {params} {f}")
            stepped += not r.group.exact
            assert r.group in lat.chain(f)  # shown through a group of the selection's own chain
    assert not failures, f"{len(failures)} figures draw nothing:\n" + "\n".join(failures[:20])
    assert stepped > 20  # the rule is not vacuous: many selections are shown through a wider group


def test_the_chain_goes_from_the_selection_outwards(table):
    lat = protection.lattice(gateway.versions.current())
    k = table("kommuner").set_index("kommunenummer")
    chain = lat.chain(Filters(kommuner=("1834",)))
    county, klasse = k.loc["1834", "fylkesnummer"], int(k.loc["1834", "sentralitetsklasse"])
    assert [(g.fylke, g.klasse, g.eier) for g in chain] == [(county, klasse, None), (county, None, None),
                                                            (None, klasse, None), (None, None, None)]
    assert not any(g.exact for g in chain)
    owned = lat.chain(Filters(fylker=("18",), eierformer=("kommunal",)))
    assert owned[0].exact and (owned[0].fylke, owned[0].eier) == ("18", "kommunal")
    assert [(g.fylke, g.eier) for g in owned][-1] == (None, None)


def _text(at) -> str:
    parts = [c.value for c in at.caption] + [m.value for m in at.markdown] + [i.value for i in at.info]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("part", sections.PARTS["samarbeid"])
def test_director_path_hemsedal_samarbeid(part):
    """A municipal director selects his own municipality and opens Samarbeid: figures, not «For få svar»."""
    at = run_page("samarbeid", {"kommune": ["3326"], "del": [part]}, direct=True)
    assert not at.exception
    assert not [i for i in at.info if i.value.startswith(t("anon.for_faa_svar_lang", hva="")[:12])]
    text = _text(at)
    assert "Hemsedal" in text and "den nærmeste gruppen rundt Hemsedal" in text
    assert at.get("plotly_chart") or at.get("html")


def test_adviser_path_nordland_kommunal_class6_drivere():
    at = run_page("drivere", {"fylke": ["18"], "eierform": ["kommunal"], "klasse": ["6"]})
    assert not at.exception
    assert not [i for i in at.info if i.value.startswith("For få svar")]
    assert at.get("plotly_chart")


def test_front_page_and_profile_show_the_same_group_for_one_municipality():
    svar = gateway.run("nokkeltall_svar", Filters(kommuner=("3326",)))
    profile = gateway.run("profil_indikatorer", Filters(kommuner=("3326",)))
    lat = protection.lattice(gateway.versions.current())
    chain = lat.chain(Filters(kommuner=("3326",)))
    assert svar.group in chain and profile.group in chain
    assert chain.index(svar.group) <= chain.index(profile.group) or profile.group == svar.group
