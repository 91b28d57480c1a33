"""The data build: reproducible, documented schemas, the real registers as SSB and Kartverket publish them."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest
import shapely

from dashboard.data import schema
from dashboard.data.versions import sha256
from dashboard.paths import BUILT
from dashboard.pipeline import build_all


@pytest.fixture(scope="module")
def fresh_builds(tmp_path_factory):
    a = tmp_path_factory.mktemp("build_a") / "built"
    b = tmp_path_factory.mktemp("build_b") / "built"
    return build_all(out=a), a, build_all(out=b), b


def _hashes(folder):
    return {p.name: sha256(p) for p in sorted(folder.iterdir())}


def test_two_builds_are_byte_identical(fresh_builds):
    ma, a, mb, b = fresh_builds
    assert ma["versjon"] == mb["versjon"]
    assert _hashes(a) == _hashes(b)


def test_committed_build_matches_the_code(fresh_builds):
    """data/built is what the app ships; it must be exactly what the build produces now."""
    _, a, _, _ = fresh_builds
    assert _hashes(BUILT) == _hashes(a), "data/built is stale: run `python -m dashboard build-data` and commit"


@pytest.mark.parametrize("table", sorted(schema.COLUMNS))
def test_schema_as_documented(built, table):
    arrow = pq.read_schema(built.table_path(table))
    assert [(f.name, f.type) for f in arrow] == [(n, t) for n, t, _ in schema.COLUMNS[table]]


def test_every_table_has_source_licence_and_demo_flag(table):
    kilder = table("kilder")
    assert set(kilder["tabell"]) == set(schema.COLUMNS)
    assert kilder["kilde"].str.len().gt(0).all() and kilder["lisens"].str.len().gt(0).all()
    assert set(kilder.loc[kilder["demo"], "tabell"]) == {"sentraler", "respondenter", "svar", "diskurs", "kalibrering"}


def test_municipalities(table):
    k = table("kommuner")
    assert len(k) == 357 and k["kommunenummer"].is_unique
    assert k["kommunenummer"].str.fullmatch(r"\d{4}").all()
    assert k.groupby("sentralitetsklasse").size().to_dict() == {1: 5, 2: 21, 3: 54, 4: 65, 5: 104, 6: 108}
    assert int(k["distriktskommune"].sum()) == 212
    assert (k["distriktskommune"] == k["sentralitetsklasse"].isin([5, 6])).all()
    assert k["fylkesnummer"].nunique() == 15


def test_district_population_matches_the_report(table):
    """1 Jan 2023: 758 133 in class 5-6, 13,8 % - the report says 'ca. 750 000 ... litt under 14 prosent'."""
    k = table("kommuner")
    district = int(k.loc[k["distriktskommune"], "befolkning_2023"].sum())
    assert district == 758_133
    assert round(100 * district / k["befolkning_2023"].sum(), 1) == 13.8
    assert int(k["befolkning_2024"].sum()) == 5_550_203


def test_population_series(table):
    b = table("befolkning")
    assert b["aar"].min() == 1986 and b["aar"].max() == 2026
    assert len(b) == 357 * 41
    k = table("kommuner").set_index("kommunenummer")
    y2024 = b[b["aar"] == 2024].set_index("kommunenummer")["befolkning"]
    assert (y2024 == k["befolkning_2024"]).all()


def test_counties(table):
    f = table("fylker")
    assert len(f) == 15
    assert int(f["antall_kommuner"].sum()) == 357 and int(f["antall_distriktskommuner"].sum()) == 212


@pytest.mark.parametrize("name", ["kommuner", "kommuner_detalj", "fylker"])
def test_geometry_valid_and_plausible(table, name):
    df = table(name)
    geoms = shapely.from_wkb(df["geometri"].map(bytes).to_numpy())
    assert all(g.is_valid and not g.is_empty for g in geoms)
    assert all(g.geom_type in ("Polygon", "MultiPolygon") for g in geoms)
    minx, miny, maxx, maxy = shapely.total_bounds(geoms)
    assert 4 < minx < 6 and 57.5 < miny < 58.5 and 30 < maxx < 32 and 70.5 < maxy < 71.5


def test_areas_and_centroids(table):
    k = table("kommuner")
    # no area: no official table, and the boundaries lose islands (issue 25)
    assert "areal_km2" not in k.columns and "areal_km2" not in table("fylker").columns
    geoms = shapely.from_wkb(table("kommuner_detalj")["geometri"].map(bytes).to_numpy())
    points = shapely.points(k["sentroide_lon"], k["sentroide_lat"])
    assert all(shapely.contains(g, p) for g, p in zip(geoms, points))


def test_codebook_covers_figures_2_to_21_and_table_1(table):
    items = table("kodebok")
    figures = set(items["figur"].dropna())
    expected = {f"Figur {i}" for i in range(2, 22) if i not in (8, 12)} | {"Tabell 1"}  # 8 and 12 are derived views
    assert expected <= figures
    scales = table("kodebok_skala")
    assert set(items["skala"]) <= set(scales["skala"])
    fremmende = scales[scales["skala"] == "fremmende5"].sort_values("rekkefolge")["etikett_nb"].tolist()
    assert fremmende[0] == "I svært stor grad fremmende" and fremmende[-1] == "I svært stor grad hemmende"
    grad = scales[scales["skala"] == "grad5"].sort_values("rekkefolge")["etikett_nb"].tolist()
    assert grad[0] == "I svært stor grad" and grad[-1] == "I svært liten grad"


def test_classifications_present(table):
    c = table("klassifikasjoner")
    for klass in ("eierform", "radgivende_organ", "rolletype", "velferdsomrade", "aktor", "samarbeidsform",
                  "prosessfase", "kompensasjon", "samlokalisering", "faktor", "diskurs", "tabell1"):
        assert (c["klassifikasjon"] == klass).any(), klass
    assert set(c.loc[c["klassifikasjon"] == "eierform", "kode"]) >= {"kommunal", "lag_forening", "stiftelse",
                                                                     "samvirkeforetak"}
    assert len(c[c["klassifikasjon"] == "diskurs"]) == 4


def test_demo_rows_are_marked_and_named_as_demo(table):
    for name in ("sentraler", "respondenter", "svar", "diskurs"):
        assert (table(name)["kilde"] == "demo").all(), name
    assert table("sentraler")["navn"].str.match(r"^Demosentral .+ \d+$").all()


def test_survey_answers_use_codebook_categories(table):
    svar = table("svar").merge(table("kodebok")[["sporsmal_id", "skala"]], on="sporsmal_id", how="left")
    assert svar["skala"].notna().all(), "answers to items missing from the codebook"
    scales = table("kodebok_skala")[["skala", "kode"]]
    ok = svar.merge(scales, left_on=["skala", "svar_kode"], right_on=["skala", "kode"], how="left")["kode"].notna()
    assert ok.all()
    assert not svar.duplicated(["respondent_id", "sporsmal_id"]).any()


def test_every_2024_item_has_demo_answers(table):
    items = table("kodebok")
    items = items[items["undersokelse"] == "2024"]
    answered = set(table("svar")["sporsmal_id"])
    assert set(items["sporsmal_id"]) <= answered


# -- derived columns: written once (dashboard.data.derived), stored by the build and by the import ----------------

ROLE_BY_ANSWER = {"kun_egenregi": "egenregi", "mest_egenregi": "egenregi", "like_mye": "blanding",
                  "mest_tilrettelegging": "bindeledd", "kun_tilrettelegging": "bindeledd"}


def test_built_ownership_group_and_role_type(table):
    s = table("sentraler")
    expected = s["eierform"].where(s["eierform"].isin(["kommunal", "lag_forening"]), "andre")
    assert s["eiergruppe"].tolist() == expected.tolist()
    assert set(s["eiergruppe"]) == {"kommunal", "lag_forening", "andre"}
    r, svar = table("respondenter"), table("svar")
    answer = svar[svar["sporsmal_id"] == "fs_rolle"].set_index("respondent_id")["svar_kode"]
    role = r["respondent_id"].map(answer).map(ROLE_BY_ANSWER)
    assert r["rolletype"].fillna("-").tolist() == role.fillna("-").tolist()
    assert r.loc[r["respondentgruppe"] == "kommune", "rolletype"].isna().all()
    assert set(r["rolletype"].dropna()) == {"egenregi", "blanding", "bindeledd"}


def test_the_import_write_step_recomputes_the_derived_columns(built, table, isolated_state):
    """An imported register and survey get their ownership group and role type from the same rule."""
    import pandas as pd

    from dashboard.importer.write import write_import

    sentraler = table("sentraler").drop(columns="eiergruppe")
    first = sentraler["sentral_id"].iloc[0]
    sentraler.loc[sentraler["sentral_id"] == first, "eierform"] = "stiftelse"
    respondenter = table("respondenter").drop(columns="rolletype")
    svar = table("svar")
    rid = respondenter.loc[respondenter["respondentgruppe"] == "frivilligsentral", "respondent_id"].iloc[0]
    svar.loc[(svar["respondent_id"] == rid) & (svar["sporsmal_id"] == "fs_rolle"), "svar_kode"] = "kun_tilrettelegging"
    files = {}
    for role in ("register", "frivilligsentral", "kommune"):
        files[role] = isolated_state.parent / f"{role}.csv"
        files[role].write_text("x\n", encoding="utf-8")
    version = write_import(built, {"sentraler": sentraler, "respondenter": respondenter, "svar": svar}, files,
                           switch=False)
    s = pd.read_parquet(version.table_path("sentraler")).set_index("sentral_id")
    assert s.at[first, "eiergruppe"] == "andre"
    assert (s.loc[s["eierform"] == "kommunal", "eiergruppe"] == "kommunal").all()
    r = pd.read_parquet(version.table_path("respondenter")).set_index("respondent_id")
    assert r.at[rid, "rolletype"] == "bindeledd"
    assert r.loc[r["respondentgruppe"] == "kommune", "rolletype"].isna().all()
