"""The page "Oppdater data": who is admin (password hash, delay, allow-list, OIDC configuration),
the audit log, the session's upload folder, the mapping as tables and back, the preview against
today, and the page's steps in AppTest (check, preview, take into use, rejected files, switch back).
The browser tests with a real OpenID Connect login are in tests/test_browser_admin.py."""

from __future__ import annotations

import gc
import hashlib
import json
import re
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import paths
from dashboard.admin import audit, auth, mapping_table, preview, upload
from dashboard.admin import flow as ops
from dashboard.data import connections, gateway, versions
from dashboard.paths import ROOT
from dashboard.ui import state as session
from tests.support import timeouts

APP = str(ROOT / "dashboard" / "app.py")
PAGE = "../pages/oppdater_data.py"
DEMO_MAPPING = ROOT / "data" / "import" / "demo-eksport-mapping.toml"
PASSWORD = "riktig-hest-batteri-stift"
FILES = {"register": "frivilligsentraler-register.csv", "frivilligsentral": "undersokelse-sentraler.sav",
         "kommune": "undersokelse-kommuner.xlsx", "diskurs": "plandiskurser.csv"}


@pytest.fixture(scope="module")
def demo_export(tmp_path_factory) -> Path:
    """The demo data's own export, made as a user makes it (the command)."""
    out = tmp_path_factory.mktemp("eksport")
    subprocess.run([sys.executable, "-m", "dashboard", "eksporter-demo", "--out", str(out)], cwd=ROOT, check=True,
                   capture_output=True)
    return out


@pytest.fixture()
def state(isolated_state):
    yield isolated_state
    with connections._lock:  # the same version id may live in another test's folder: drop open connections
        for key in list(connections._connections):
            connections._connections.pop(key).close()
    gateway.clear_cache()


WORK_FOLDERS = ("arbeid", "okter")  # the admins' saved work and logins: written on every change, by design


def folder_hash(folder: Path) -> str:
    """The data versions, the marker and the log (not the saved work in progress)."""
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")) if folder.exists() else []:
        if p.relative_to(folder).parts[0] in WORK_FOLDERS:
            continue
        h.update(str(p.relative_to(folder)).encode())
        if p.is_file():
            h.update(p.read_bytes())
    return h.hexdigest()


def demo_flow(export: Path, mapping: dict | None = None) -> ops.Flow:
    flow = ops.Flow()
    for role, name in FILES.items():
        flow.workspace.save(role, name, (export / name).read_bytes())
    flow.set_mapping(mapping or tomllib.loads(DEMO_MAPPING.read_text(encoding="utf-8")))
    return flow


# -- auth ------------------------------------------------------------------------------------------

def test_password_hash_is_salted_scrypt_and_verifies_only_the_password():
    a, b = auth.make_hash(PASSWORD), auth.make_hash(PASSWORD)
    assert a != b and a.startswith("scrypt$16384$8$1$")
    assert PASSWORD not in a
    assert auth.verify(PASSWORD, a) and auth.verify(PASSWORD, b)
    assert not auth.verify(PASSWORD + "x", a)
    assert not auth.verify("", a)
    with pytest.raises(ValueError):
        auth.verify(PASSWORD, "md5$abc")


def test_failed_attempts_wait_longer_each_time_and_success_resets():
    assert [auth.delay(n) for n in range(8)] == [0, 1, 2, 4, 8, 16, 30, 30]
    waited, now = [], [1000.0]
    throttle = auth.Throttle(sleep=waited.append, clock=lambda: now[0])
    stored = auth.make_hash(PASSWORD)
    assert throttle.attempt("feil", stored) is None
    assert throttle.attempt("feil igjen", stored) is None
    assert throttle.attempt("feil en gang til", stored) is None
    assert waited == [1, 2, 4]
    assert throttle.attempt(PASSWORD, stored) == auth.PASSWORD_USER and throttle.failures() == 0
    assert throttle.attempt("feil", stored) is None
    assert waited[-1] == 1
    now[0] += auth.RESET_AFTER + 1  # a quiet quarter of an hour starts the count again
    assert throttle.attempt("feil", stored) is None and waited[-1] == 1


def test_the_hash_command_prints_a_hash_and_never_the_password():
    res = subprocess.run([sys.executable, "-m", "dashboard.admin", "passord"], input=f"{PASSWORD}\n{PASSWORD}\n",
                         check=False,
                         capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 0, res.stderr
    assert PASSWORD not in res.stdout
    stored = res.stdout.strip().split("=", 1)[1].strip("'")
    assert auth.verify(PASSWORD, stored)
    short = subprocess.run([sys.executable, "-m", "dashboard.admin", "passord"], input="kort\nkort\n", check=False,
                           capture_output=True, text=True, cwd=ROOT)
    assert short.returncode == 1 and "minst 12 tegn" in short.stderr


# -- audit log -------------------------------------------------------------------------------------

def test_audit_log_appends_one_json_line_per_event(state):
    audit.log("innlogging_feilet", "ukjent", metode="passord")
    audit.log("import", "ola@example.no", versjon="import-abc")
    audit.log("bytt", "ola@example.no", fra="demo-x", til="import-abc")
    lines = (state / audit.FILE).read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["hendelse"] for x in lines] == ["innlogging_feilet", "import", "bytt"]
    assert all(json.loads(x)["tid"].endswith("+00:00") for x in lines)
    assert audit.importers() == {"import-abc": "ola@example.no"}
    with pytest.raises(ValueError):
        audit.log("noe_annet", "x")


# -- upload folder -----------------------------------------------------------------------------------

def test_upload_folder_is_private_limited_and_deleted(monkeypatch):
    monkeypatch.setenv("DASHBOARD_OPPLASTING_MAKS_MB", "0.01")  # 10 KB
    ws = upload.Workspace()
    folder = ws.path
    assert folder.stat().st_mode & 0o777 == 0o700
    stored = ws.save("register", "../../register.csv", b"a;b\n1;2\n")
    assert stored.path.parent.parent == folder and stored.name == "register.csv"
    assert stored.sha256 == hashlib.sha256(b"a;b\n1;2\n").hexdigest()
    with pytest.raises(upload.UploadRefused, match=r"stor.csv: filen er for stor \(0,0 MB\); grensen er 0,0 MB"):
        ws.save("kommune", "stor.csv", b"x" * 20_000)
    with pytest.raises(upload.UploadRefused, match="tom"):
        ws.save("kommune", "tom.csv", b"")
    with pytest.raises(upload.UploadRefused, match="filtype"):
        ws.save("kommune", "skript.exe", b"MZ")
    assert set(ws.files) == {"register"}
    ws.close()
    assert not folder.exists() and ws.closed


def test_upload_folder_goes_when_the_session_state_goes():
    ws = upload.Workspace()
    folder = ws.path
    ws.save("kommune", "k.csv", b"x;y\n")
    del ws
    gc.collect()
    assert not folder.exists()


def test_folders_of_ended_sessions_go_after_the_grace_period(monkeypatch):
    monkeypatch.setenv("DASHBOARD_OPPLASTING_GRACE", "60")
    root = upload._root()
    gone, here = root / "okt-sesjon-borte--x1", root / "okt-sesjon-her--x2"
    for d in (gone, here):
        d.mkdir()
    alive = {"sesjon-her": True, "sesjon-borte": False}.get
    assert upload.sweep_ended(now=1000.0, alive=alive) == []  # just noticed: wait for a reconnect
    assert upload.sweep_ended(now=1059.0, alive=alive) == []
    assert upload.sweep_ended(now=1061.0, alive=alive) == [gone.name]
    assert not gone.exists() and here.exists()
    here.rmdir()


# -- mapping <-> tables --------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["demo-eksport-mapping.toml", "mal-mapping.toml"])
def test_mapping_survives_tables_and_toml(name):
    data = tomllib.loads((ROOT / "data" / "import" / name).read_text(encoding="utf-8"))
    back = mapping_table.to_data(mapping_table.tables(data), data)
    assert tomllib.loads(mapping_table.to_toml(back, "laget i en test")) == back
    for section in ("register", "frivilligsentral", "kommune"):
        assert back[section]["kolonner"] == data[section]["kolonner"]
        assert back[section].get("sporsmal", {}) == data[section].get("sporsmal", {})
        assert back[section].get("verdier", {}) == data[section].get("verdier", {})


def test_todo_is_shown_blank_kept_until_chosen_and_listed():
    data = tomllib.loads(DEMO_MAPPING.read_text(encoding="utf-8"))
    data["kommune"]["sporsmal"]["Q5_3"] = "TODO: velg mellom k_partner_naerbutikk og k_partner_andre_private"
    data["register"]["kommuner"] = {"Herøy": "TODO"}
    tabs = mapping_table.tables(data)
    items = tabs["kommune"].items
    assert items.iloc[0]["kolonne"] == "Q5_3" and pd.isna(items.iloc[0]["element"])  # open TODOs first
    assert "TODO" in items.iloc[0]["merknad"]
    kept = mapping_table.to_data(tabs, data)
    assert mapping_table.todos(kept) == ["register.kommuner.Herøy", "kommune.sporsmal.Q5_3"]
    tabs["kommune"].items.loc[0, "element"] = "k_partner_naerbutikk"
    tabs["register"].overrides.loc[0, "kommunenummer"] = "1515"
    fixed = mapping_table.to_data(tabs, data)
    assert fixed["kommune"]["sporsmal"]["Q5_3"] == "k_partner_naerbutikk"
    assert fixed["register"]["kommuner"] == {"Herøy": "1515"}
    assert mapping_table.todos(fixed) == []


# -- check, preview, switch (no widgets) ------------------------------------------------------------

def test_check_import_preview_and_switch_without_widgets(state, demo_export):
    flow = demo_flow(demo_export)
    shipped = versions.current().id
    assert ops.check(flow, lambda m: None).ok and flow.checked()
    result = ops.write_new(flow, "ola@example.no", lambda m: None)
    assert result.ok and flow.new_version and flow.created
    assert versions.current().id == shipped, "the new version must not be in use before the switch"
    p = preview.compare(versions.current(), preview.find(flow.new_version), "nb")
    assert list(p.headline.iloc[:, 0])[:2] == [
        "Frivilligsentraler i distriktskommunene", "Distriktskommuner med sentral"]
    assert "Figur 11" in set(p.n["Figur"])
    text = p.changes["Endring"].astype(str)
    change = text.str.replace("\u00a0pp", "").str.replace(",", ".").str.replace("−", "-").astype(float)
    assert list(change.abs()) == sorted(change.abs(), reverse=True)
    folder = flow.workspace.path
    ops.take_into_use(flow, "ola@example.no")
    assert versions.current().id == flow.new_version
    assert not folder.exists(), "the uploaded files are deleted after the import"
    events = [(e["hendelse"], e["bruker"]) for e in audit.entries()]
    assert events == [("import", "ola@example.no"), ("bytt", "ola@example.no")]
    assert audit.entries()[0]["filer"][0]["sha256"] == hashlib.sha256(
        (demo_export / FILES["register"]).read_bytes()).hexdigest()


def test_preview_never_compares_cells_on_fewer_than_five():
    old = pd.DataFrame({"figur": ["Figur 11"] * 2, "respondentgruppe": ["kommune"] * 2, "sporsmal_id": ["a", "b"],
                        "kode": ["valgt"] * 2, "element_tekst": ["Nærbutikken", "Idrettslag"],
                        "kategori": ["Valgt"] * 2,
                        "andel": [100.0, None], "n": [14, 3], "undertrykt": [False, True]})
    new = old.assign(andel=[25.0, 50.0], n=[55, 55], undertrykt=[False, False])
    ch = preview.changes(old, new)
    assert list(ch["element"]) == ["Nærbutikken"]
    assert preview.sentence(ch.iloc[0]) == "Figur 11, kommuner: Nærbutikken (Valgt) 100,0\u00a0% → 25,0\u00a0%"


def test_a_rejected_check_writes_nothing(state, demo_export, tmp_path):
    bad = tmp_path / FILES["register"]
    text = (demo_export / FILES["register"]).read_text(encoding="utf-8-sig")
    bad.write_text(text.replace("Kommunal", "Kommunalt og litt privat", 5), encoding="utf-8")
    flow = demo_flow(demo_export)
    flow.workspace.save("register", bad.name, bad.read_bytes())
    before = folder_hash(state)
    check = ops.check(flow, lambda m: None)
    assert not check.ok and check.errors >= 1 and "Kommunalt og litt privat" in check.report
    assert not flow.checked()
    with pytest.raises(RuntimeError):
        ops.write_new(flow, "x", lambda m: None)
    assert folder_hash(state) == before


def test_cancel_deletes_the_files_and_the_unused_version(state, demo_export):
    flow = demo_flow(demo_export)
    ops.check(flow, lambda m: None)
    ops.write_new(flow, "ola@example.no", lambda m: None)
    new = flow.new_version
    assert (paths.VERSIONS / new).is_dir()
    ops.cancel(flow, "ola@example.no")
    assert not (paths.VERSIONS / new).exists() and flow.workspace.closed
    assert [e["hendelse"] for e in audit.entries()] == ["import", "avbrutt"]


@pytest.fixture(scope="module")
def realistic(tmp_path_factory):
    """A Nettskjema CSV export and a register kept by hand in Excel (tests/fixtures_realistic.py), and
    the draft mapping the page makes from them."""
    from dashboard.importer.draft import draft
    from tests import fixtures_realistic

    fx = fixtures_realistic.make("nettskjema_csv", tmp_path_factory.mktemp("nettskjema"))
    return fx, draft(fx.register, fx.frivilligsentral, fx.kommune)


def _settle(tabs: dict[str, mapping_table.SectionTables], todos: list) -> None:
    """What a person does in the tables: choose a municipality for every ambiguous name."""
    for section, key, why in todos:
        assert key.startswith("kommuner."), (section, key, why)  # the draft leaves only names open
        over = tabs[section].overrides
        row = over.index[over["verdi"] == key.split(".", 1)[1]][0]
        over.loc[row, "kommunenummer"] = re.search(r"\b(\d{4}) ", why).group(1)


def test_a_realistic_export_drafted_settled_in_the_tables_checks_and_imports(state, realistic):
    fx, d = realistic
    flow = ops.Flow()
    for role in ("register", "frivilligsentral", "kommune"):
        path = getattr(fx, role)
        flow.workspace.save(role, path.name, path.read_bytes())
    flow.set_mapping(d.data, d.scores)
    tabs = mapping_table.tables(d.data, d.scores)
    assert tabs["frivilligsentral"].items["treff"].notna().any(), "the draft's match scores reach the table"
    flow.data = mapping_table.to_data(tabs, d.data)
    assert len(mapping_table.todos(flow.data)) == len(d.todos)  # the draft aims for none
    if d.todos:
        assert not ops.check(flow, lambda m: None).ok, "open TODOs must stop the import"
        _settle(tabs, d.todos)
    flow.data = mapping_table.to_data(tabs, d.data)
    assert mapping_table.todos(flow.data) == []
    check = ops.check(flow, lambda m: None)
    assert check.ok, check.report
    assert ops.write_new(flow, "ola@example.no", lambda m: None).ok
    new = preview.find(flow.new_version)
    answers = pd.read_parquet(new.table_path("respondenter"))
    assert (answers["respondentgruppe"] == "kommune").sum() == len(fx.surveys["kommune"].frame)


# -- the page in AppTest -------------------------------------------------------------------------------

def app(query: dict | None = None, session: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=timeouts.APPTEST_HEAVY)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    for k, v in (session or {}).items():
        at.session_state[k] = v
    return at.run()


def test_without_configuration_the_page_does_not_exist(monkeypatch):
    monkeypatch.delenv(auth.ENV_HASH, raising=False)
    monkeypatch.delenv(auth.ENV_EMAILS, raising=False)
    at = app({"admin": "1"})
    assert not at.exception
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(PAGE)


def test_password_login_wrong_is_refused_delayed_and_logged_right_opens_the_page(state, monkeypatch):
    monkeypatch.setenv(auth.ENV_HASH, auth.make_hash(PASSWORD))
    waited = []
    monkeypatch.setattr(auth, "THROTTLE", auth.Throttle(sleep=waited.append))
    with pytest.raises(ValueError):  # no ?admin=1: not even a login page
        app().switch_page(PAGE)
    at = app({"admin": "1"})
    at.switch_page(PAGE).run()
    assert at.title[0].value == "Logg inn som administrator"
    at.text_input(key="admin_password").input("gjett")
    at.button(key="admin_login_submit").click().run()
    assert at.error and "Feil passord (1. feilforsøk på rad). Svaret ble holdt tilbake i 1 s" in at.error[0].value
    assert waited == [1]
    assert [(e["hendelse"], e["bruker"]) for e in audit.entries()] == [("innlogging_feilet", "ukjent")]
    assert "gjett" not in (state / audit.FILE).read_text(encoding="utf-8")
    at.text_input(key="admin_password").input(PASSWORD)
    at.button(key="admin_login_submit").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Oppdater data"
    assert audit.entries()[-1]["hendelse"] == "innlogging"


def test_oidc_configured_offers_the_provider_login_not_the_password(monkeypatch):
    monkeypatch.setenv(auth.ENV_HASH, auth.make_hash(PASSWORD))
    at = AppTest.from_file(APP, default_timeout=timeouts.APPTEST_HEAVY)
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
                          "client_id": "dashbord", "client_secret": "hemmelig",
                          "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"}
    at.secrets["admin"] = {"epost": ["ola@example.no"]}
    at.query_params["admin"] = "1"
    at.run()
    at.switch_page(PAGE).run()
    assert at.title[0].value == "Logg inn som administrator"
    assert at.button(key="admin_oidc").label == "Logg inn"
    assert not at.text_input, "no password field when an identity provider is configured"


def _admin_app(monkeypatch, flow: ops.Flow) -> AppTest:
    monkeypatch.setenv(auth.ENV_HASH, auth.make_hash(PASSWORD))
    at = app(session={session.ADMIN_USER.key: "test-admin", session.ADMIN_FLOW.key: flow})
    return at.switch_page(PAGE).run()


def test_page_check_preview_take_into_use_and_switch_back(state, demo_export, monkeypatch):
    flow = demo_flow(demo_export)
    shipped = versions.current().id
    at = _admin_app(monkeypatch, flow)
    assert not at.exception, [e.value for e in at.exception]
    assert at.button(key="admin_import").disabled, "no import before the check"
    at.button(key="admin_check").click().run()
    assert at.success and "Ingen feil" in at.success[0].value
    at.button(key="admin_import").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert versions.current().id == shipped
    headings = [s.value for s in at.subheader]
    assert {"Nøkkeltall", "Største endringer per figur", "Antall svar (N) per figur"} <= set(headings)
    assert any(flow.new_version in i.value for i in at.info)
    at.button(key="admin_use").click().run()
    assert versions.current().id == shipped, "nothing changes before the confirmation"
    confirm = "\n".join(m.value for m in at.markdown)
    assert "Alle som bruker dashbordet ser dem ved neste klikk" in confirm and flow.new_version in confirm
    at.button(key="admin_use_yes").click().run()
    assert versions.current().id == flow.new_version
    assert any("er tatt i bruk" in s.value for s in at.success)
    at.button(key=f"use_{shipped}").click().run()
    assert "DEMODATA" in "\n".join(m.value for m in at.markdown), "the dialog says the public will see demo data"
    at.button(key=f"use_yes_{shipped}").click().run()
    assert versions.current().id == shipped
    assert [e["hendelse"] for e in audit.entries()] == ["import", "bytt", "bytt"]
    assert all(e["bruker"] == "test-admin" for e in audit.entries())


def test_page_refuses_import_while_an_error_remains(state, demo_export, monkeypatch):
    data = tomllib.loads(DEMO_MAPPING.read_text(encoding="utf-8"))
    data["kommune"]["sporsmal"]["Q5_3"] = "TODO"
    flow = demo_flow(demo_export, data)
    before = folder_hash(state)
    at = _admin_app(monkeypatch, flow)
    assert at.warning and "1 valg må avgjøres" in at.warning[0].value
    at.button(key="admin_check").click().run()
    assert at.error and "feil må rettes" in at.error[0].value
    assert "TODO" in "\n".join(m.value for m in at.markdown)
    assert at.button(key="admin_import").disabled
    assert folder_hash(state) == before


def test_page_makes_the_draft_from_the_uploaded_files(state, realistic, monkeypatch):
    fx, d = realistic
    flow = ops.Flow()
    for role in ("register", "frivilligsentral", "kommune"):
        path = getattr(fx, role)
        flow.workspace.save(role, path.name, path.read_bytes())
    at = _admin_app(monkeypatch, flow)
    assert flow.base is None
    at.button(key="admin_draft").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert flow.base == d.data and flow.scores == d.scores
    assert {"Spørsmål (kolonne → element i kodeboken)", "Id- og kommunekolonner"} <= {m.value.strip("*")
                                                                                      for m in at.markdown}
    assert not at.button(key="admin_check").disabled


def test_page_in_nynorsk_and_outside_the_presentation_order(state, monkeypatch):
    from dashboard.ui import navigation

    monkeypatch.setenv(auth.ENV_HASH, auth.make_hash(PASSWORD))
    at = app({"lang": "nn"}, session={session.ADMIN_USER.key: "test-admin"})
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    text = "\n".join(m.value for m in at.markdown)
    assert "Ingen andre ser dei nye tala" in text and "Ingen andre ser de nye tallene" not in text
    assert "oppdater-data" not in navigation.URL_PATHS  # never in presentation mode's page order


def test_the_browser_states_the_same_upload_limit_as_the_server():
    """Streamlit's uploader prints its own limit ('… per file'); it must be the page's limit."""
    import tomllib

    from dashboard.admin import upload
    from dashboard.paths import ROOT

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == upload.DEFAULT_LIMIT_MB


# -- issue 21: work never lost, two admins, attackers ----------------------------------------------------

def test_named_password_admins_from_the_command_and_the_log_says_who(state, monkeypatch):
    res = subprocess.run([sys.executable, "-m", "dashboard.admin", "passord", "--navn", "Kari"],
                         input=f"{PASSWORD}\n{PASSWORD}\n", check=False, capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 0, res.stderr
    line = res.stdout.splitlines()[0]
    assert line.startswith(f"{auth.ENV_HASH}='Kari:scrypt$") and PASSWORD not in res.stdout
    ola = auth.make_hash("ola-sitt-lange-passord")
    monkeypatch.setenv(auth.ENV_HASH, line.split("=", 1)[1].strip("'") + f",Ola:{ola}")
    hashes = auth.password_hashes()
    assert set(hashes) == {"Kari", "Ola"} and auth.method() == "passord"
    throttle = auth.Throttle(sleep=lambda s: None)
    assert throttle.attempt(PASSWORD, hashes, "10.0.0.1") == "Kari"
    assert throttle.attempt("ola-sitt-lange-passord", hashes, "10.0.0.1") == "Ola"
    bad = subprocess.run([sys.executable, "-m", "dashboard.admin", "passord", "--navn", "a,b"], input="",
                         check=False, capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 2 and "komma" in bad.stderr


def test_an_attacker_guessing_never_delays_the_admin_in_another_session_even_at_the_same_address():
    """The lock-out measured: while the attacker's session waits out its delay, the admin's session
    (behind the same proxy address) logs in at once; the attacker's own next attempt queues."""
    import threading

    stored = {"Kari": auth.make_hash(PASSWORD)}
    throttle = auth.Throttle()  # real sleeping
    attacker_key, admin_key, proxy = "10.0.0.1 okt-a", "10.0.0.1 okt-b", "10.0.0.1"
    earlier = throttle._client(attacker_key)
    earlier.failures, earlier.last = 2, time.monotonic()  # two failures just now: the next one waits 4 s
    attacker = threading.Thread(target=throttle.attempt, args=("gjett", stored, attacker_key, proxy))
    attacker.start()
    time.sleep(0.3)
    t0 = time.monotonic()
    assert throttle.attempt(PASSWORD, stored, admin_key, proxy) == "Kari"
    admin_wait = time.monotonic() - t0
    t1 = time.monotonic()
    assert throttle.attempt(PASSWORD, stored, attacker_key, proxy) == "Kari"  # the same session queues behind
    same_session_wait = time.monotonic() - t1
    attacker.join()
    assert admin_wait < 1.0, admin_wait
    assert same_session_wait > 2.0, same_session_wait


def test_new_sessions_do_not_buy_unlimited_guesses_from_one_address():
    stored = auth.make_hash(PASSWORD)
    now = [5000.0]
    throttle = auth.Throttle(sleep=lambda s: None, clock=lambda: now[0])
    for n in range(auth.ADDRESS_CAP):
        assert throttle.blocked("198.51.100.4") == 0
        assert throttle.attempt("gjett", stored, f"198.51.100.4 okt-{n}", "198.51.100.4") is None
    assert throttle.blocked("198.51.100.4") == auth.RESET_AFTER, "a fresh session from the address is refused"
    assert throttle.blocked("198.51.100.4", known=True) == 0, "a browser that logged in before may still try"
    assert throttle.blocked("10.0.0.7") == 0, "other addresses are not affected"
    now[0] += auth.RESET_AFTER + 1
    assert throttle.blocked("198.51.100.4") == 0


def test_a_login_survives_a_reload_from_the_same_address_and_ends_everywhere_on_logout(state):
    from dashboard.admin import sessions

    token = sessions.start("Kari", "10.0.0.7", now=1000.0)
    assert token not in "".join(p.read_text() for p in (state / sessions.FOLDER).iterdir()), "only its hash is kept"
    assert sessions.resume(token, "10.0.0.7", now=2000.0) == ("Kari", 1000.0)
    assert sessions.resume(token, "203.0.113.9", now=2000.0) is None, "a copied cookie from elsewhere is refused"
    assert sessions.resume(token, "10.0.0.7", now=1000.0 + sessions.MAX_AGE + 1) is None
    token = sessions.start("Kari", "10.0.0.7")
    other = sessions.start("Ola", "10.0.0.8")
    assert not sessions.ended("Kari", time.time() - 1)
    assert sessions.end_everywhere("Kari") == 1
    assert sessions.resume(token, "10.0.0.7") is None and sessions.resume(other, "10.0.0.8")[0] == "Ola"
    assert sessions.ended("Kari", time.time() - 1), "a tab logged in before the logout is logged out"
    assert "Max-Age" in sessions.cookie_script(token) and "SameSite=Strict" in sessions.cookie_script(token)


def test_work_in_progress_is_saved_per_admin_and_restored_with_the_files(state, demo_export):
    from dashboard.admin import work

    flow = demo_flow(demo_export)
    flow.data = json.loads(json.dumps(flow.data))
    flow.data["kommune"]["sporsmal"]["Q5_3"] = "k_partner_andre_private"
    assert work.save("Kari", flow) and not work.save("Kari", flow), "an unchanged flow is not written again"
    assert work.load("Ola") is None
    saved = json.loads(work.path("Kari").read_text(encoding="utf-8"))
    assert saved["filer"]["register"]["sha256"] == flow.workspace.files["register"].sha256
    back = work.restore("Kari")  # a reload: a new session of the same admin
    assert back.data == flow.data and back.base == flow.data, "the tables start from the mapping as edited"
    assert {r: s.sha256 for r, s in back.workspace.files.items()} == {
        r: s.sha256 for r, s in flow.workspace.files.items()}, "the files are taken over while they exist"
    flow.workspace.close()
    back.workspace.close()
    later = work.restore("Kari")  # a new login after the files are gone: the mapping and what to upload
    assert later.data == flow.data and not later.workspace.files
    assert set(later.expected) == set(FILES)
    later.workspace.close()


def test_two_admins_same_files_get_two_versions_and_a_cancel_keeps_the_others(state, demo_export):
    kari, ola = demo_flow(demo_export), demo_flow(demo_export)
    for flow, who in ((kari, "Kari"), (ola, "Ola")):
        assert ops.check(flow, lambda m: None).ok
        assert ops.write_new(flow, who, lambda m: None).ok
    assert kari.new_version != ola.new_version and kari.created and ola.created
    assert tomllib.loads(ops.mapping_of(preview.find(kari.new_version)).decode("utf-8")) == kari.data
    assert ops.mapping_of(versions.shipped()) is None
    ops.take_into_use(ola, "Ola")
    ops.cancel(kari, "Kari")
    assert not (paths.VERSIONS / kari.new_version).exists()
    assert (paths.VERSIONS / ola.new_version).is_dir() and versions.current().id == ola.new_version


def test_taking_a_preview_into_use_refuses_when_the_version_in_use_changed(state, demo_export):
    kari, ola = demo_flow(demo_export), demo_flow(demo_export)
    for flow, who in ((kari, "Kari"), (ola, "Ola")):
        ops.check(flow, lambda m: None)
        ops.write_new(flow, who, lambda m: None)
    ops.take_into_use(ola, "Ola")
    with pytest.raises(ops.Stale):
        ops.take_into_use(kari, "Kari")
    assert versions.current().id == ola.new_version
    assert [e["bruker"] for e in audit.entries() if e["hendelse"] == "bytt"] == ["Ola"]


def test_page_reload_and_new_login_find_the_mapping_and_the_version_list_offers_it(state, demo_export, monkeypatch):
    from dashboard.admin import work

    flow = demo_flow(demo_export)
    at = _admin_app(monkeypatch, flow)
    assert not at.exception, [e.value for e in at.exception]
    assert work.load("test-admin")["data"] == flow.data
    reloaded = app(session={session.ADMIN_USER.key: "test-admin"})  # a new session: nothing in its state
    reloaded.switch_page(PAGE).run()
    assert not reloaded.exception, [e.value for e in reloaded.exception]
    assert any("Arbeidet ditt fra" in i.value for i in reloaded.info)
    assert reloaded.session_state[session.ADMIN_FLOW.key].data == flow.data
    restored = reloaded.session_state[session.ADMIN_FLOW.key]
    reloaded.button(key="admin_check").click().run()
    reloaded.button(key="admin_import").click().run()
    assert not reloaded.exception, [e.value for e in reloaded.exception]
    new = restored.new_version
    assert (paths.VERSIONS / new / "mapping.toml").is_file()
    assert reloaded.get("download_button") and any(
        b.proto.id and f"map_{new}" in b.proto.id for b in reloaded.get("download_button"))


def test_the_import_lock_is_visible_to_the_other_admin(state, demo_export, monkeypatch):
    flow = demo_flow(demo_export)
    with ops.importing("Kari"):
        at = _admin_app(monkeypatch, flow)
        at.button(key="admin_check").click().run()
        assert any("Kari importerer siden kl." in w.value for w in at.warning)
        assert at.button(key="admin_import").disabled
    at.run()
    assert not any("importerer siden" in w.value for w in at.warning)
    assert not at.button(key="admin_import").disabled


def test_an_import_started_on_a_page_drawn_before_the_lock_is_refused_and_writes_nothing(state, demo_export,
                                                                                       monkeypatch):
    """The button was enabled when the page was drawn; Kari's import began before the click arrived."""
    flow = demo_flow(demo_export)
    at = _admin_app(monkeypatch, flow)
    at.button(key="admin_check").click().run()
    assert not at.button(key="admin_import").disabled
    with ops.importing("Kari"):
        before = folder_hash(paths.VERSIONS)
        with pytest.raises(ops.Busy):
            with ops.importing("Ola"):
                pass
        at.button(key="admin_import").click().run()
        assert not at.exception, [e.value for e in at.exception]
        assert any("Kari importerer siden kl." in w.value for w in at.warning)
        assert flow.new_version is None and folder_hash(paths.VERSIONS) == before
        assert "import" not in [e["hendelse"] for e in audit.entries()]
    assert ops.import_in_progress() is None, "the lock is released when the import ends"


def test_a_lock_left_by_a_stopped_server_is_taken_over(state):
    note = paths.VERSIONS / ops.IMPORTING
    paths.VERSIONS.mkdir(parents=True, exist_ok=True)
    note.write_text(json.dumps({"bruker": "Kari", "start": time.time() - ops.IMPORT_STALE - 1}), encoding="utf-8")
    assert ops.import_in_progress() is None
    with ops.importing("Ola"):
        assert ops.import_in_progress()[0] == "Ola"
    assert not note.exists()


def test_logout_in_one_tab_ends_the_other_tab_and_is_logged(state, monkeypatch):
    monkeypatch.setenv(auth.ENV_HASH, f"Kari:{auth.make_hash(PASSWORD)}")
    tabs = []
    for _ in range(2):
        at = app({"admin": "1"})
        at.switch_page(PAGE).run()
        at.text_input(key="admin_password").input(PASSWORD)
        at.button(key="admin_login_submit").click().run()
        assert at.title[0].value == "Oppdater data"
        tabs.append(at)
    tabs[0].button(key="admin_logout").click().run()
    tabs[1].run()
    assert tabs[1].title[0].value != "Oppdater data", "the other tab is logged out on its next click"
    assert [(e["hendelse"], e["bruker"]) for e in audit.entries()] == [
        ("innlogging", "Kari"), ("innlogging", "Kari"), ("utlogging", "Kari")]
    assert all(e.get("klient") for e in audit.entries())


# -- issue 21: the editor expresses everything the mapping file can ------------------------------------------

def test_multi_choice_sections_and_roles_round_trip_through_the_tables():
    data = tomllib.loads(DEMO_MAPPING.read_text(encoding="utf-8"))
    data["kommune"]["flervalg"] = {"Hvem samarbeider dere med?": {
        "skilletegn": ",", "alternativer": {"Kommunen": "k_partner_kommunen", "Idrettslag": "TODO"},
        "annet": "k_partner_andre"}}
    tabs = mapping_table.tables(data)
    multi = tabs["kommune"].multi
    assert list(multi["alternativ"]) == ["Kommunen", "Idrettslag", mapping_table.ANNET]
    back = mapping_table.to_data(tabs, data)
    assert back["kommune"]["flervalg"] == data["kommune"]["flervalg"]
    assert mapping_table.todos(back) == ["kommune.flervalg.Hvem samarbeider dere med?.alternativer.Idrettslag"]
    first = tabs["kommune"].items.loc[0, "kolonne"]
    tabs["kommune"].items.loc[0, "element"] = "fritekst"  # a question column made free text in the drop-down
    others = tabs["kommune"].others
    others.loc[len(others)] = {"kolonne": "Ny kolonne", "rolle": mapping_table.QUESTION}  # and one the other way
    moved = mapping_table.to_data(tabs, data)
    assert first in moved["kommune"]["fritekst"] and first not in moved["kommune"]["sporsmal"]
    assert moved["kommune"]["sporsmal"]["Ny kolonne"] == "TODO"
    tabs["kommune"].items = tabs["kommune"].items.iloc[1:]  # a question row dropped
    assert first not in mapping_table.to_data(tabs, data)["kommune"].get("sporsmal", {})


def test_identical_item_texts_are_told_apart_in_the_drop_down():
    from dashboard.admin import mapping_editor

    for group in ("frivilligsentral", "kommune"):
        labels = list(mapping_editor.item_options(group).values())
        assert len(labels) == len(set(labels)), "two items look the same in the drop-down"
    labels = mapping_editor.item_options("kommune")
    assert "betydning fremover" in labels["k_betydning_fremover_andre"] and \
        "betydning fremover" not in labels["k_betydning_andre"]
    assert list(mapping_editor.choice_options("kommune"))[-3:] == list(mapping_table.ROLES)


def test_open_choices_offer_scored_candidates_best_first_and_say_which_tab():
    from dashboard.admin import settle

    data = tomllib.loads(DEMO_MAPPING.read_text(encoding="utf-8"))
    wanted = data["kommune"]["sporsmal"].pop("Q5_5")
    data["kommune"]["sporsmal"]["Samarbeid med nærbutikken"] = "TODO"
    data["register"]["kommuner"] = {"Herøy": "TODO"}
    flow = ops.Flow()
    note = "[register] kommuner.Herøy: 1515 Herøy (Møre og Romsdal) eller 1818 Herøy (Nordland)"
    flow.set_mapping(data, notes=[note])
    paths = settle.open_paths(flow.data)
    assert settle.by_tab(paths) == ("1 i fanen «Register over frivilligsentraler», "
                                    "1 i fanen «Spørreundersøkelsen til kommunene»")
    question = settle.choice(flow, ("kommune", "sporsmal", "Samarbeid med nærbutikken"))
    first = list(question.options)[0]
    assert first == wanted and question.chosen == wanted, "the clearly best candidate comes first, chosen"
    assert re.search(r" – \d,\d\d$", question.options[first]), "the score in Norwegian format"
    assert list(question.options)[-3:] == list(mapping_table.ROLES)
    place = settle.choice(flow, ("register", "kommuner", "Herøy"))
    assert list(place.options)[:2] == ["1515", "1818"] and place.chosen is None
    settled = settle.apply(flow.data, question.path, "ignorer")
    assert "Samarbeid med nærbutikken" in settled["kommune"]["ignorer"]
    assert "Samarbeid med nærbutikken" not in settled["kommune"]["sporsmal"]


def test_an_open_column_is_chosen_from_the_list_and_each_column_keeps_one_use():
    """Two municipality columns that disagree (a register from Enhetsregisteret): the draft's guess and the
    other column come first, every ignored column follows; the one chosen leaves the ignored list and the
    one not chosen is ignored, so the check knows every column once."""
    from dashboard.admin import settle

    data = tomllib.loads(DEMO_MAPPING.read_text(encoding="utf-8"))
    reg = data["register"]
    business, postal = reg["kolonner"]["kommunenummer"], "Postadresse.kommunenummer"
    reg["kolonner"]["kommunenummer"] = f"TODO: {business}"
    reg["ignorer"] = ["Hjemmeside", postal]
    flow = ops.Flow()
    note = (f"[register] kolonner.kommunenummer: to kommunekolonner er uenige på 89 rader: velg «{business}» "
            f"eller «{postal}»")
    flow.set_mapping(data, notes=[note])
    assert settle.open_paths(flow.data) == [("register", "kolonner", "kommunenummer")]
    c = settle.choice(flow, ("register", "kolonner", "kommunenummer"))
    assert list(c.options) == [business, postal, "Hjemmeside"] and c.chosen is None
    assert "kommunenummer" in c.what and "uenige på 89 rader" in c.what
    assert settle.NO_COLUMN not in c.options, "a required field offers no 'no column'"
    chosen = settle.apply(flow.data, c.path, postal)["register"]
    assert chosen["kolonner"]["kommunenummer"] == postal and chosen["ignorer"] == ["Hjemmeside", business]
    kept = settle.apply(flow.data, c.path, business)["register"]
    assert kept["kolonner"]["kommunenummer"] == business and kept["ignorer"] == ["Hjemmeside", postal]
    reg["kolonner"]["etablert_aar"] = "TODO: Stiftet"
    founded = settle.choice(flow, ("register", "kolonner", "etablert_aar"))
    assert list(founded.options)[0] == "Stiftet" and settle.NO_COLUMN in founded.options
    none = settle.apply(flow.data, founded.path, settle.NO_COLUMN)["register"]
    assert "etablert_aar" not in none["kolonner"] and "Stiftet" in none["ignorer"]


def test_the_file_encoding_choice_survives_the_tables_and_is_settled_in_the_list():
    """A CSV that is UTF-8 but for a few bytes: the draft's open «tegnkoding» is kept by the tables (it was
    dropped), settled in the list of open choices, or removed when the person will fix the file."""
    from dashboard.admin import settle

    data = tomllib.loads(DEMO_MAPPING.read_text(encoding="utf-8"))
    data["register"]["fil"] = {"tegnkoding": "TODO: utf-8-erstatt"}
    data["kommune"]["fil"] = {"tegnkoding": "utf-8-erstatt"}
    back = mapping_table.to_data(mapping_table.tables(data), data)
    assert back["register"]["fil"] == {"tegnkoding": "TODO: utf-8-erstatt"}
    assert back["kommune"]["fil"] == {"tegnkoding": "utf-8-erstatt"}
    flow = ops.Flow()
    flow.set_mapping(back)
    path = ("register", "fil", "tegnkoding")
    assert settle.open_paths(flow.data) == [path]
    c = settle.choice(flow, path)
    assert list(c.options) == ["utf-8-erstatt", settle.NO_COLUMN] and "UTF-8" in c.what
    assert settle.apply(flow.data, path, "utf-8-erstatt")["register"]["fil"] == {"tegnkoding": "utf-8-erstatt"}
    assert settle.apply(flow.data, path, settle.NO_COLUMN)["register"]["fil"] == {}


def test_page_settles_an_open_choice_from_the_list(state, demo_export, monkeypatch):
    data = tomllib.loads(DEMO_MAPPING.read_text(encoding="utf-8"))
    data["kommune"]["sporsmal"]["Q5_5"] = "TODO"
    flow = demo_flow(demo_export, data)
    at = _admin_app(monkeypatch, flow)
    assert not at.exception, [e.value for e in at.exception]
    assert "1 i fanen «Spørreundersøkelsen til kommunene»" in at.warning[0].value
    box = at.selectbox(key=f"avgjor{flow.generation}_0")
    assert "Q5_5" in box.label and "kommunene" in box.label
    box.select("k_partner_naerbutikk")
    at.button[[b.label for b in at.button].index("Lagre valgene")].click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert flow.data["kommune"]["sporsmal"]["Q5_5"] == "k_partner_naerbutikk"
    assert not any("valg må avgjøres" in w.value for w in at.warning)
    assert any("Avgjort på denne siden (1)" in e.label for e in at.expander)
    at.button(key="admin_check").click().run()
    assert at.success and "Ingen feil" in at.success[0].value


def test_page_settles_an_open_column_from_the_list(state, demo_export, monkeypatch):
    data = tomllib.loads(DEMO_MAPPING.read_text(encoding="utf-8"))
    column = data["register"]["kolonner"]["kommunenummer"]
    data["register"]["kolonner"]["kommunenummer"] = f"TODO: {column}"
    flow = demo_flow(demo_export, data)
    flow.notes = [f"[register] kolonner.kommunenummer: to kommunekolonner er uenige på 3 rader: velg «{column}» "
                  "eller «Status»"]
    at = _admin_app(monkeypatch, flow)
    assert not at.exception, [e.value for e in at.exception]
    box = at.selectbox(key=f"avgjor{flow.generation}_0")
    assert box.options[0] == column and "kommunenummer" in box.label
    box.select(column)
    at.button[[b.label for b in at.button].index("Lagre valgene")].click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert flow.data["register"]["kolonner"]["kommunenummer"] == column
    assert not any("valg må avgjøres" in w.value for w in at.warning)
    at.button(key="admin_check").click().run()
    assert at.success and "Ingen feil" in at.success[0].value, [e.value for e in at.error]


# -- issue 21: the check report in the page's words ------------------------------------------------------------

def test_the_report_says_a_wrong_header_row_once_in_the_pages_words(state, demo_export):
    from dashboard.admin import check_report

    data = tomllib.loads(DEMO_MAPPING.read_text(encoding="utf-8"))
    data["kommune"]["fil"] = {"overskriftsrad": 2}  # one row too far down
    flow = demo_flow(demo_export, data)
    check = ops.check(flow, lambda m: None)
    names = {s.name: r for r, s in flow.workspace.files.items()}
    text, problems = check_report.markdown(check.result, names)
    assert not check.ok and check.errors > 30 and problems == 1, "dozens of rows, one problem to fix"
    assert "Feil som må rettes (1)" in text
    assert "«Spørreundersøkelsen til kommunene»" in text and "«Filformat: overskriftsrad»" in text
    assert "har trolig samme årsak" in text
    for cli_words in ("--dry-run", "[kommune", "mappingfilen", "TOML"):
        assert cli_words not in text


@pytest.mark.parametrize(("fix", "role", "expected"), [
    ("oversett verdien i [register.verdier.eierform] i mappingen", "register",
     "oversett verdien i fanen «Register over frivilligsentraler», tabellen «Svar → kategori (eierform)»"),
    ("oppgi overskriftsraden i mappingen under filens seksjon, f.eks. fil = { overskriftsrad = 3 }", "kommune",
     "velg «Filformat: overskriftsrad» = 3 i fanen"),
    ("rett verdien i filen, eller avgjør den i [register.kommuner] i mappingen", "register",
     "rett verdien i filen, eller avgjør den i fanen «Register over frivilligsentraler», tabellen «Kommunenavn"),
    ("legg den til under sporsmal, ignorer, kontaktinfo eller fritekst i mappingen", "kommune",
     "legg den til i spørsmålstabellen i fanen «Spørreundersøkelsen til kommunene», eller under «Andre kolonner»"),
    ("rett mappingfilen; alle feil i den er listet", "", "rett valgene i tabellene over; alle feil er listet"),
])
def test_fixes_name_the_tab_the_table_and_the_choice(fix, role, expected):
    from dashboard.admin import check_report

    assert expected in check_report.page_words(fix, role)


def test_the_preview_warns_about_emptied_figures_and_headline_jumps():
    a = {"sentraler": 210, "kommuner_med_sentral": 189, "kommuner_uten_sentral": 23, "svar_fs": 159, "svar_k": 135}
    b = {**a, "kommuner_uten_sentral": 133, "svar_k": 137}
    assert preview.headline_jumps(a, b) == ["Distriktskommuner uten sentral: 23 → 133"]
    old = pd.DataFrame({"figur": ["Figur 11", "Figur 12"], "respondentgruppe": ["kommune", "kommune"],
                        "andel": [40.0, 50.0], "undertrykt": [False, False]})
    new = old.assign(undertrykt=[False, True])
    assert preview.emptied(old, new) == ["Figur 12, kommuner: blir tom (ingen tall kan vises med de nye dataene)"]


def test_an_answer_table_is_drafted_from_the_labels_seen_in_the_file(state, demo_export, monkeypatch):
    data = tomllib.loads(DEMO_MAPPING.read_text(encoding="utf-8"))
    scale = next(s for s in data["kommune"]["verdier"] if s != "valgt")
    expected = data["kommune"]["verdier"].pop(scale)
    flow = demo_flow(demo_export, data)
    at = _admin_app(monkeypatch, flow)
    g = flow.generation
    at.selectbox(key=f"map{g}_kommune_ny_skala").select(scale).run()
    at.button(key=f"map{g}_kommune_ny_tabell").click().run()
    assert not at.exception, [e.value for e in at.exception]
    drafted = flow.data["kommune"]["verdier"][scale]
    assert len(drafted) >= 2 and all(expected[k] == v for k, v in drafted.items()), (drafted, expected)


def test_the_uploaders_words_are_norwegian_and_the_limit_is_on_the_widget(monkeypatch):
    from dashboard.admin import widget_text

    monkeypatch.setenv("DASHBOARD_OPPLASTING_MAKS_MB", "20")
    css = widget_text.css()
    assert 'content: "Velg fil"' in css and 'content: "Høyst 20 MB per fil"' in css
    assert "\\u" not in css and "</style" not in css[:-8]
