"""The DuckDB gateway and the named queries: correct for hand-checked filters, parameters bound."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import paths
from dashboard.data import connections, gateway, protection
from dashboard.data.filters import DEFAULT, FilterError, Filters
from dashboard.ui.options import options as _options


@pytest.fixture(autouse=True)
def _fresh_cache():
    gateway.clear_cache()
    yield


def test_every_query_file_loads_and_has_a_description():
    for name in gateway.names():
        q = gateway.load(name)
        assert q.description and q.description != name, name
        assert q.tables, f"{name} reads no known table"


def test_headline_numbers_default_filter():
    df = gateway.run("nokkeltall_kommuner", DEFAULT).df.iloc[0]
    assert (df["kommuner"], df["distriktskommuner"], df["sentraler"]) == (212, 212, 210)
    assert (df["kommuner_med_sentral"], df["kommuner_uten_sentral"]) == (189, 23)
    assert int(df["befolkning_2023"]) == 758_133


def test_headline_numbers_match_pandas_for_a_county(table):
    f = Filters(fylker=("18",), sentralitetsklasser=(5, 6))
    got = gateway.run("nokkeltall_kommuner", f).df.iloc[0]
    k = table("kommuner")
    k = k[(k["fylkesnummer"] == "18") & k["sentralitetsklasse"].isin([5, 6])]
    s = table("sentraler")
    s = s[s["kommunenummer"].isin(k["kommunenummer"])]
    assert got["kommuner"] == len(k)
    assert got["sentraler"] == len(s)
    assert got["kommuner_uten_sentral"] == len(set(k["kommunenummer"]) - set(s["kommunenummer"]))


def test_ownership_filter_on_the_register(table):
    f = Filters(eierformer=("kommunal",), sentralitetsklasser=(5, 6))
    df = gateway.run("eierform_fordeling", f, inndeling="distrikt", sprak="nb").df
    assert df["eierform"].tolist() == ["kommunal"] and int(df["antall"].iloc[0]) == 126


def test_all_classes_register():
    df = gateway.run("nokkeltall_kommuner", Filters()).df.iloc[0]
    assert (df["kommuner"], df["sentraler"], df["kommuner_med_sentral"]) == (357, 532, 333)


def test_survey_distribution_matches_pandas(table):
    got = gateway.run("fordeling", DEFAULT, blokk="faktor", sprak="nb").df
    row = got[(got["sporsmal_id"] == "fs_faktor_okonomi") & (got["kode"] == "hemmende")].iloc[0]
    svar = table("svar")
    item = svar[svar["sporsmal_id"] == "fs_faktor_okonomi"]
    assert row["n"] == len(item) == 140
    assert row["antall"] == (item["svar_kode"] == "hemmende").sum()
    assert row["andel"] == pytest.approx(100 * (item["svar_kode"] == "hemmende").mean())


def test_single_municipality_survey_is_shown_for_the_nearest_group_with_enough_answers(table):
    svar, resp = table("svar"), table("respondenter")
    answered = resp[resp["respondent_id"].isin(svar.loc[svar["sporsmal_id"] == "fs_faktor_okonomi", "respondent_id"])]
    muni = sorted(answered["kommunenummer"])[0]
    county = table("kommuner").set_index("kommunenummer").loc[muni, "fylkesnummer"]
    one = gateway.run("fordeling", Filters(kommuner=(muni,)), blokk="faktor", sprak="nb")
    assert not one.group.exact and one.group.fylke in (None, county)
    shown = one.df[~one.df["undertrykt"]]
    assert not shown.empty and (shown["n"] >= 5).all()
    forms = protection.lattice(gateway.versions.current()).forms
    whole = gateway.run("fordeling", one.group.filters(forms, Filters()), blokk="faktor", sprak="nb")
    pd.testing.assert_frame_equal(one.df, whole.df)


def test_injection_is_rejected_or_treated_as_data(tmp_path):
    evil = "0301'; DROP TABLE x; --"
    opts = _options("nb")
    with pytest.raises(FilterError, match="kommune"):
        Filters(kommuner=(evil,)).validate(opts)
    # Unvalidated, it is still only a bound value: no rows, and the data are untouched.
    df = gateway.run("nokkeltall_kommuner", Filters(kommuner=(evil,))).df.iloc[0]
    assert df["kommuner"] == 0
    assert gateway.run("nokkeltall_kommuner", DEFAULT).df.iloc[0]["kommuner"] == 212
    df = gateway.run("kommune_fakta", kommune=evil).df
    assert df.empty


def test_unknown_query_and_parameters_are_errors():
    with pytest.raises(gateway.QueryError):
        gateway.run("finnes_ikke")
    with pytest.raises(gateway.QueryError):
        gateway.run("../etc/passwd")
    with pytest.raises(gateway.QueryError, match="ukjente parametre"):
        gateway.run("kilder", sprak="nb")
    with pytest.raises(gateway.QueryError, match="mangler parametre"):
        gateway.run("kommune_fakta")


def test_values_are_never_pasted_into_sql():
    """Query files use $parameters; none builds SQL from Python strings."""
    for path in paths.QUERIES.glob("*.sql"):
        text = path.read_text(encoding="utf-8")
        assert "{" not in text.replace("{}", ""), path.name


def test_results_are_cached_per_version_and_copies():
    a = gateway.run("kilder")
    a.df.loc[0, "tabell"] = "endret"
    b = gateway.run("kilder")
    assert b.df.loc[0, "tabell"] != "endret"
    assert a.version == b.version


def test_cursor_per_query_is_thread_safe():
    from concurrent.futures import ThreadPoolExecutor

    gateway.clear_cache()
    filters = [Filters(fylker=(f,), sentralitetsklasser=(5, 6)) for f in ("18", "34", "46", "50", "55", "56")]
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(lambda f: gateway.run("nokkeltall_kommuner", f).df.iloc[0]["kommuner"], filters * 5))
    assert len(set(results[:6])) > 1 and results[:6] == results[6:12]


def test_result_knows_its_sources():
    r = gateway.run("fordeling", DEFAULT, blokk="faktor", sprak="nb")
    assert {"svar", "respondenter", "kommuner"} <= r.tables and r.demo and r.survey
    r = gateway.run("rapport_kontroller", kontroller=["fig17_okonomi"])
    assert not r.demo
    assert r.df["rapport_verdi"].tolist() == [33.0]


def test_a_manifest_naming_an_unknown_table_is_refused(tmp_path):
    """Table names from a manifest reach CREATE VIEW only when the schema knows them."""
    from dashboard.data import versions

    bad = versions.DataVersion("ukjent-test", tmp_path, {"tabeller": {"kommuner; DROP": {}}})
    with pytest.raises(gateway.QueryError, match="ukjente tabeller"):
        connections.connection(bad)


def test_a_version_written_before_the_derived_columns_reads_the_same(tmp_path):
    """Imported versions from before eiergruppe/rolletype were stored get them in memory by the same rule."""
    import json
    import shutil

    import pandas as pd

    from dashboard.data import versions

    old = tmp_path / "built"
    shutil.copytree(paths.BUILT, old)
    for table, col in (("sentraler", "eiergruppe"), ("respondenter", "rolletype")):
        pd.read_parquet(old / f"{table}.parquet").drop(columns=[col]).to_parquet(old / f"{table}.parquet")
    manifest = json.loads((old / "manifest.json").read_text(encoding="utf-8"))
    (old / "manifest.json").write_text(json.dumps({**manifest, "versjon": "demo-foer-avledede"}), encoding="utf-8")
    runs = {"roles by owner group": ("fordeling_gruppe", {"blokk": "rolle", "inndeling": "eiergruppe"}),
            "statements by role type": ("fordeling_gruppe", {"blokk": "pastand", "inndeling": "rolletype"}),
            "map": ("kart_kommuner", {})}

    def results() -> dict[str, pd.DataFrame]:
        gateway.clear_cache()
        return {k: gateway.run(q, DEFAULT, sprak="nb", **kw).df for k, (q, kw) in runs.items()}

    today = results()
    with versions.using_data(built=old, state=tmp_path / "state") as version:
        assert version.id == "demo-foer-avledede"
        then = results()
    gateway.clear_cache()
    assert all(len(df) for df in today.values())
    for k in runs:
        pd.testing.assert_frame_equal(today[k], then[k], check_dtype=False, obj=k)


def test_figures_ordered_by_a_value_break_ties_the_same_way_every_time(table):
    """Figures 17-18 sort the factors by disagreement; factors with the same gap come in the classification's
    order, not in the order the database happened to finish (two visits once showed two orders)."""
    from tests.support import audit

    ties = 0
    for f in audit.filter_states(table):
        df = gateway.run("faktorer_uenighet", f, sprak="nb").df
        gap = (df["diff_fremmende"].fillna(0).abs() + df["diff_hemmende"].fillna(0).abs()).round(6).tolist()
        for i in range(1, len(df)):
            if gap[i] == gap[i - 1]:
                ties += 1
                assert df["rekkefolge"].iloc[i] > df["rekkefolge"].iloc[i - 1], (f, df)
    assert ties > 0  # the demo data have ties in some group, or this test proves nothing
