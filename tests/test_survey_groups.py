"""Predefined survey groups: from a selection to the group, and which groups may be shown."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.data import gateway, protection, survey_groups, versions
from dashboard.data.filters import Filters
from dashboard.data.survey_groups import Group, Lattice


@pytest.fixture(scope="module")
def lattice() -> Lattice:
    return protection.lattice(versions.shipped())


def test_selection_to_group(lattice):
    assert lattice.group(Filters()) == Group()
    assert lattice.group(Filters(sentralitetsklasser=(5, 6))) == Group()
    assert lattice.group(Filters(fylker=("18",))) == Group("18")
    assert lattice.group(Filters(fylker=("18",), sentralitetsklasser=(6,))) == Group("18", 6)
    # a free choice falls back to the smallest group that holds it, and says so
    assert lattice.group(Filters(kommuner=("1811", "1822"))) == Group("18", None, exact=False) or \
        lattice.group(Filters(kommuner=("1811", "1822"))).fylke == "18"
    assert not lattice.group(Filters(kommuner=("1811",))).exact
    assert lattice.group(Filters(fylker=("18", "15"))) == Group(exact=False)
    assert lattice.group(Filters(eierformer=("stiftelse",))) == Group(eier="andre", exact=False)
    assert lattice.group(Filters(eierformer=("kommunal",))) == Group(eier="kommunal")
    assert lattice.group(Filters(eierformer=("kommunal", "stiftelse"))) == Group(exact=False)
    # classes outside the survey (1-4): no survey group at all
    assert lattice.group(Filters(sentralitetsklasser=(1, 2))).empty
    assert lattice.group(Filters(kommuner=("0301",))).empty


def test_group_filters_select_exactly_the_group(lattice):
    f = Group("18", 6, "andre").filters(lattice.forms, Filters())
    assert f.fylker == ("18",) and f.sentralitetsklasser == (6,) and f.kommuner == ()
    assert set(f.eierformer) == {"stiftelse", "samvirkeforetak", "aksjeselskap", "annet", "ingen"}


def _pairs_within(lat: Lattice, rg: str, cells) -> list[tuple]:
    people = gateway.run("respondent_grupper").df
    sub = people[people["respondentgruppe"] == rg].reset_index(drop=True)
    all_cells, members = survey_groups._cells(sub, lat.classes)
    index = {c: i for i, c in enumerate(all_cells)}
    m = members[[index[c] for c in cells]].astype(np.int32)
    n = m.sum(axis=1)
    diff = n[:, None] + n[None, :] - 2 * (m @ m.T)
    return [(cells[i], cells[j], diff[i, j]) for i, j in zip(*np.nonzero((diff > 0) & (diff < 5))) if i < j]


@pytest.mark.parametrize("rg", survey_groups.RESPONDENT_GROUPS)
def test_shown_groups_never_differ_by_1_to_4(lattice, rg):
    shown = sorted(lattice.shown[rg], key=str)
    assert len(shown) > 20
    assert all(lattice.n[rg][c] >= 5 for c in shown)
    assert not _pairs_within(lattice, rg, shown)


@pytest.mark.parametrize("rg", survey_groups.RESPONDENT_GROUPS)
def test_the_rule_is_needed(lattice, rg):
    """Without the pairwise rule, groups of 5 or more would differ by 1-4 respondents: the rule is not vacuous."""
    big = sorted((c for c, n in lattice.n[rg].items() if n >= 5), key=str)
    assert _pairs_within(lattice, rg, big)
    assert len(lattice.shown[rg]) < len(big)


def test_hidden_rows_follow_the_breakdown(lattice):
    grp = Group("18")
    df = pd.DataFrame({"gruppe": ["alle", "kommunal", "lag_forening", "andre", "egenregi"], "n": [20, 9, 6, 5, 7]})
    hidden = lattice.hidden_rows(df, grp, "gruppe", "alle", "frivilligsentral")
    for value, h in zip(df["gruppe"], hidden):
        cell = grp.cell() if value == "alle" else survey_groups._breakdown_cell(grp, value, "alle")
        assert h == (not lattice.is_shown("frivilligsentral", cell))
    unknown = lattice.hidden_rows(pd.DataFrame({"gruppe": ["noe_nytt"]}), grp, "gruppe", "alle", "frivilligsentral")
    assert unknown.all()  # a breakdown the lattice does not know is never shown


def test_every_query_reading_answers_declares_the_rule():
    for name in gateway.names():
        q = gateway.load(name)
        if q.tables & {"svar", "respondenter"} and "@internal" not in q.sql:
            assert q.rule is not None, f"{name} reads survey answers without an @survey rule"


def _version_without(tmp_path, dropped: list[str]):
    """A copy of the shipped build without some respondents (and their answers), as its own version."""
    import json
    import shutil

    from dashboard import paths

    dest = tmp_path / "ny"
    shutil.copytree(paths.BUILT, dest)
    (dest / protection.DECISION_FILE).unlink()
    for name, col in (("respondenter", "respondent_id"), ("svar", "respondent_id")):
        df = pd.read_parquet(dest / f"{name}.parquet")
        df[~df[col].isin(dropped)].to_parquet(dest / f"{name}.parquet", index=False)
    manifest = json.loads((dest / versions.MANIFEST).read_text(encoding="utf-8"))
    manifest["versjon"] = "test-to-faerre"
    (dest / versions.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    return versions._load(dest)


def test_a_new_version_differing_by_two_respondents_is_warned_and_can_be_withheld(tmp_path, table):
    """Issue 18: anyone who saved the numbers before an import can subtract them from the new ones."""
    from dashboard.admin import preview

    r = table("respondenter")
    k = table("kommuner").set_index("kommunenummer")
    nordland = r[(r["respondentgruppe"] == "frivilligsentral") & (r["kommunenummer"].map(k["fylkesnummer"]) == "18")]
    old, new = versions.shipped(), _version_without(tmp_path, list(nordland["respondent_id"].iloc[:2]))
    found = protection.version_differences(old, new)
    national = [d for d in found if d[0] == "frivilligsentral" and d[1] == Group() and d[2] is None]
    assert national and national[0][3:] == (159, 157)
    assert all(0 < abs(a - b) <= 4 for *_, a, b in found)
    lines = preview.small_differences(old, new, "nb")
    assert "Alle distriktskommuner (frivilligsentraler): 159 → 157 respondenter" in lines
    assert any("Nordland" in line for line in lines)
    withheld = gateway.withhold_differences(old, new)
    assert withheld == len(found)
    assert protection.version_differences(old, new) == []
    assert (None, None, None, None) not in protection.lattice(new).shown["frivilligsentral"]
    assert (new.path / protection.WITHHELD_FILE).exists() and (new.path / protection.DECISION_FILE).exists()


def test_a_decision_is_reused_for_the_same_data_and_never_for_other_data(tmp_path, table, monkeypatch):
    """The decision kept by fingerprint beside the versions: the same data decided again (another process,
    a preview imported again) copies it; a kept decision of other data is never used."""
    import json

    monkeypatch.setenv("DASHBOARD_DECISION_CACHE", str(tmp_path / "vern"))
    monkeypatch.setattr(protection, "_decided", {})
    r = table("respondenter")
    new = _version_without(tmp_path, list(r["respondent_id"].iloc[:3]))
    protection.decide_protection(new)
    kept = list((tmp_path / "vern").glob("*.json"))
    assert len(kept) == 1 and json.loads(kept[0].read_text())["fingerprint"] == kept[0].stem

    def decided_again() -> dict:
        (new.path / protection.DECISION_FILE).unlink()
        protection._decided.clear()
        survey_groups.forget(new.id)
        protection.decide_protection(new)
        return json.loads((new.path / protection.DECISION_FILE).read_text())

    first = json.loads(kept[0].read_text())
    with monkeypatch.context() as m:  # reused: nothing is computed
        m.setattr(survey_groups.disclosure, "choose", lambda *a: pytest.fail("decided again"))
        assert decided_again() == first
    kept[0].write_text(json.dumps({**first, "fingerprint": "annen"}))
    computed = []
    with monkeypatch.context() as m:  # a kept decision of other inputs: decided anew
        choose = survey_groups.disclosure.choose
        m.setattr(survey_groups.disclosure, "choose", lambda *a: computed.append(1) or choose(*a))
        assert decided_again() == first and computed


def test_decisions_kept_between_runs_are_used_only_by_the_code_that_made_them(tmp_path):
    """tests/decisions: planted into a run's cache only while the code a decision rests on is unchanged."""
    import shutil

    from tests.support import seeds

    made, kept, run = tmp_path / "made", tmp_path / "kept", tmp_path / "run"
    made.mkdir(), run.mkdir()
    (made / "abc.json").write_text('{"fingerprint": "abc"}')
    assert seeds.keep(made, kept, code="v1") == 1
    assert seeds.plant(run, kept, code="v2") == 0 and not list(run.iterdir())
    assert seeds.plant(run, kept, code="v1") == 1 and (run / "abc.json").read_text() == '{"fingerprint": "abc"}'
    root = tmp_path / "root"
    for name in seeds.CODE:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(seeds.ROOT / name, root / name)
    before = seeds.code_hash(root)
    assert before == seeds.code_hash()
    with (root / seeds.CODE[0]).open("a") as f:
        f.write("\n")
    assert seeds.code_hash(root) != before
