"""Import the real files: the centres register and the two survey exports, through a mapping.

Everything is validated before anything is written, and all problems are reported at once, each
naming file, row, column and value. Only a fully valid import writes a new data version, which
becomes current in one atomic step (see dashboard.versions).
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
import re
import shutil
import socket
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dashboard import paths, versions
from dashboard.build import calibration, sha256
from dashboard.importer import readers
from dashboard.importer.mapping import Mapping, MappingError, Section, load
from dashboard.importer.readers import Problem, Table
from dashboard.paths import RAW

CROSSWALK = RAW / "ssb" / "kommunenummer-2020-2023-til-2024.csv"
AMBIGUOUS = {"1507": "Ålesund (1507) ble delt 1.1.2024 i Ålesund (1508) og Haram (1580); rett til riktig nummer for hånd"}
PREFIX = {"frivilligsentral": "FS-", "kommune": "K-"}
SURVEY_TABLES = ("sentraler", "respondenter", "svar", "diskurs")


@dataclass
class ImportResult:
    ok: bool
    problems: list[Problem] = field(default_factory=list)
    version: versions.DataVersion | None = None
    counts: dict[str, int] = field(default_factory=dict)

    def report(self) -> str:
        errors = [p for p in self.problems if p.severity == "feil"]
        notes = [p for p in self.problems if p.severity != "feil"]
        lines = []
        if self.ok:
            lines.append(f"Importert: ny dataversjon {self.version.id} er tatt i bruk.")
            lines += [f"  {k}: {v} rader" for k, v in self.counts.items()]
        else:
            lines.append(f"Importen ble avvist: {len(errors)} feil. Ingenting er endret; gjeldende dataversjon er "
                         f"{versions.current().id}.")
        lines += [p.text() for p in errors + notes]
        return "\n".join(lines)


def _number(value: str) -> str:
    """'1', '1.0', '1,0' -> '1' (decimal comma allowed); other text unchanged."""
    v = value.strip()
    m = re.fullmatch(r"(-?\d+)(?:[.,]0+)?", v)
    return m.group(1) if m else v


class Context:
    """Shared lookups: the codebook, the municipalities, the crosswalk; collects problems."""

    def __init__(self, base: versions.DataVersion, progress: Callable[[str], None]):
        self.items = pd.read_parquet(base.table_path("kodebok"))
        self.scales = pd.read_parquet(base.table_path("kodebok_skala"))
        self.classes = pd.read_parquet(base.table_path("klassifikasjoner"))
        self.municipalities = set(pd.read_parquet(base.table_path("kommuner"))["kommunenummer"])
        self.district = set(pd.read_parquet(base.table_path("kommuner")).query("distriktskommune")["kommunenummer"])
        cw = pd.read_csv(CROSSWALK, dtype=str)
        self.crosswalk = dict(zip(cw["kommunenummer_2020_2023"], cw["kommunenummer_2024"]))
        self.problems: list[Problem] = []
        self.progress = progress

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def codes(self, klass: str) -> set[str]:
        return set(self.classes.loc[self.classes["klassifikasjon"] == klass, "kode"])

    def scale_codes(self, scale: str) -> set[str]:
        return set(self.scales.loc[self.scales["skala"] == scale, "kode"])

    def municipality(self, file: str, row: int, column: str, value: str) -> str | None:
        v = _number(value)
        if re.fullmatch(r"\d{3}", v):
            v = "0" + v  # Excel drops the leading zero of 0301
        if v in self.municipalities:
            return v
        if v in AMBIGUOUS:
            self.add(Problem(file, AMBIGUOUS[v], row, column, value))
            return None
        if v in self.crosswalk:
            new = self.crosswalk[v]
            self.add(Problem(file, f"kommunenummer fra 2020-2023 er konvertert til 2024-nummeret {new}", row, column,
                             value, severity="merknad"))
            return new
        if re.fullmatch(r"\d{4}", v):
            self.add(Problem(file, "kommunenummeret finnes ikke i 2024-inndelingen (nummer fra før 2020 eller ugyldig)",
                             row, column, value))
        else:
            self.add(Problem(file, "ikke et kommunenummer (fire sifre)", row, column, value))
        return None


def _check_columns(ctx: Context, table: Table, section: Section, name: str, mapped: set[str]) -> None:
    cols = list(table.df.columns)
    known = mapped | set(section.ignore) | set(section.free_text)
    for c in cols:
        if c and c not in known:
            ctx.add(Problem(table.name, f"ukjent kolonne: den står ikke i mappingen for [{name}] "
                                        "(legg den til under sporsmal, ignorer eller fritekst)", 1, c))
    for c in sorted(mapped - set(cols)):
        ctx.add(Problem(table.name, f"kolonnen mangler i filen, men mappingen for [{name}] bruker den", 1, c))


def _duplicates(ctx: Context, table: Table, column: str, what: str) -> None:
    s = table.df[column]
    dup = s[s.duplicated(keep=False) & (s != "")]
    for idx, value in dup.items():
        ctx.add(Problem(table.name, f"{what} forekommer flere ganger", table.header_row + 1 + int(idx), column, value))


def _register(ctx: Context, table: Table, sec: Section) -> pd.DataFrame:
    cols = sec.columns
    _check_columns(ctx, table, sec, "register", set(cols.values()))
    if any(c not in table.df.columns for c in cols.values()):
        return pd.DataFrame()
    df = table.df
    ctx.progress(f"Kontrollerer {table.name}: {len(df)} sentraler")
    _duplicates(ctx, table, cols["sentral_id"], "sentral-id-en")
    eierformer = ctx.codes("eierform")
    boards = ctx.codes("radgivende_organ")
    rows = []
    for i, rec in enumerate(df.to_dict("records")):
        row = table.header_row + 1 + i
        sid = rec[cols["sentral_id"]]
        if not sid:
            ctx.add(Problem(table.name, "mangler sentral-id", row, cols["sentral_id"], ""))
        kn = ctx.municipality(table.name, row, cols["kommunenummer"], rec[cols["kommunenummer"]])
        raw_form = rec[cols["eierform"]]
        form = sec.values.get("eierform", {}).get(raw_form, raw_form)
        if form not in eierformer:
            ctx.add(Problem(table.name, f"ukjent eierform; gyldige koder: {', '.join(sorted(eierformer))} "
                                        "(eller oversett i [register.verdier.eierform])", row, cols["eierform"], raw_form))
        board = None
        if "radgivende_organ" in cols:
            raw_board = rec[cols["radgivende_organ"]]
            board = sec.values.get("radgivende_organ", {}).get(raw_board, raw_board) or None
            if board is not None and board not in boards:
                ctx.add(Problem(table.name, f"ukjent verdi; gyldige koder: {', '.join(sorted(boards))}", row,
                                cols["radgivende_organ"], raw_board))
        year = None
        if "etablert_aar" in cols and rec[cols["etablert_aar"]]:
            raw_year = _number(rec[cols["etablert_aar"]])
            if not raw_year.isdigit() or not 1900 <= int(raw_year) <= dt.date.today().year:
                ctx.add(Problem(table.name, "etableringsår må være et årstall (f.eks. 1998)", row, cols["etablert_aar"],
                                rec[cols["etablert_aar"]]))
            else:
                year = int(raw_year)
        in_sample = None
        if "i_utvalg" in cols:
            raw = rec[cols["i_utvalg"]]
            mapped = sec.values.get("i_utvalg", {}).get(raw, raw).lower()
            if mapped not in ("ja", "nei", "1", "0", "true", "false"):
                ctx.add(Problem(table.name, "i_utvalg må være ja/nei", row, cols["i_utvalg"], raw))
            in_sample = mapped in ("ja", "1", "true")
        rows.append({"sentral_id": sid, "navn": rec[cols["navn"]], "kommunenummer": kn, "eierform": form,
                     "radgivende_organ": board, "etablert_aar": year,
                     "i_utvalg": in_sample if in_sample is not None else (kn in ctx.district),
                     "utvalg_merknad": (rec[cols["utvalg_merknad"]] or None) if "utvalg_merknad" in cols else None,
                     "kilde": table.name})
    out = pd.DataFrame(rows)
    out["etablert_aar"] = out["etablert_aar"].astype("Int64")
    return out


def _survey(ctx: Context, table: Table, sec: Section, group: str, register: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    cols = sec.columns
    items = ctx.items.set_index("sporsmal_id")
    for column, item in sec.items.items():
        if item not in items.index:
            ctx.add(Problem(table.name, f"mappingen peker på et spørsmål som ikke finnes i kodeboken: «{item}»", 1, column))
        elif items.at[item, "respondentgruppe"] != group:
            ctx.add(Problem(table.name, f"spørsmålet «{item}» hører til en annen respondentgruppe "
                                        f"({items.at[item, 'respondentgruppe']})", 1, column))
    _check_columns(ctx, table, sec, group, set(cols.values()) | set(sec.items))
    needed = [c for c in cols.values() if c not in table.df.columns]
    if needed:
        return pd.DataFrame(), pd.DataFrame()
    df = table.df
    ctx.progress(f"Kontrollerer {table.name}: {len(df)} respondenter x {len(sec.items)} spørsmål")
    _duplicates(ctx, table, cols["respondent_id"], "respondent-id-en")
    known_centres = set(register["sentral_id"]) if not register.empty else set()
    centre_muni = dict(zip(register.get("sentral_id", []), register.get("kommunenummer", [])))
    respondents = []
    for i, rec in enumerate(df[list(cols.values())].to_dict("records")):
        row = table.header_row + 1 + i
        rid = rec[cols["respondent_id"]]
        if not rid:
            ctx.add(Problem(table.name, "mangler respondent-id", row, cols["respondent_id"], ""))
        sid = rec.get(cols.get("sentral_id", ""), "") if "sentral_id" in cols else ""
        if "sentral_id" in cols and sid not in known_centres:
            ctx.add(Problem(table.name, "sentral-id-en finnes ikke i registeret", row, cols["sentral_id"], sid))
        kn = None
        if "kommunenummer" in cols:
            kn = ctx.municipality(table.name, row, cols["kommunenummer"], rec[cols["kommunenummer"]])
        elif sid in centre_muni:
            kn = centre_muni[sid]
        respondents.append({"respondent_id": PREFIX[group] + rid, "respondentgruppe": group,
                            "sentral_id": sid or None, "kommunenummer": kn, "kilde": table.name})

    answers = []
    n_items = len(sec.items)
    t0 = time.perf_counter()
    for j, (column, item) in enumerate(sec.items.items(), start=1):
        if column not in df.columns or item not in items.index:
            continue
        scale = items.at[item, "skala"]
        if scale == "fritekst":  # only whether it was answered is kept; the text itself is dropped here
            answers.extend((respondents[int(i)]["respondent_id"], item, "besvart")
                           for i, raw in df[column].items() if raw.strip())
            continue
        allowed = ctx.scale_codes(scale)
        translate = sec.values.get(scale, {})
        labels = table.labels.get(column, {})
        values = df[column]
        for i, raw in values.items():
            if raw == "":
                continue
            key = _number(raw)
            code = translate.get(key) or translate.get(labels.get(key, "\x00")) or (key if key in allowed else None)
            if code is None and labels.get(key) in allowed:
                code = labels[key]
            if code not in allowed:
                label = f" ({labels[key]})" if key in labels else ""
                ctx.add(Problem(table.name, f"verdien er utenfor skalaen «{scale}»{label}; gyldige kategorier: "
                                            f"{', '.join(sorted(allowed))}", table.header_row + 1 + int(i), column, raw))
                continue
            answers.append((respondents[int(i)]["respondent_id"], item, code))
        if n_items >= 20 and (j % 20 == 0 or j == n_items) and len(df) * n_items > 200_000:
            ctx.progress(f"  {table.name}: {j}/{n_items} spørsmål ({time.perf_counter() - t0:.1f} s)")
    svar = pd.DataFrame(answers, columns=["respondent_id", "sporsmal_id", "svar_kode"])
    svar["kilde"] = table.name
    return pd.DataFrame(respondents), svar


def _discourse(ctx: Context, table: Table, sec: Section) -> pd.DataFrame:
    cols = sec.columns
    _check_columns(ctx, table, sec, "diskurs", set(cols.values()))
    if any(c not in table.df.columns for c in cols.values()):
        return pd.DataFrame()
    allowed = ctx.codes("diskurs")
    rows = []
    for i, rec in enumerate(table.df.to_dict("records")):
        row = table.header_row + 1 + i
        kn = ctx.municipality(table.name, row, cols["kommunenummer"], rec[cols["kommunenummer"]])
        raw = rec[cols["diskurs"]]
        code = sec.values.get("diskurs", {}).get(raw, raw)
        if code not in allowed:
            ctx.add(Problem(table.name, f"ukjent diskurs; gyldige koder: {', '.join(sorted(allowed))}", row,
                            cols["diskurs"], raw))
        rows.append({"kommunenummer": kn, "diskurs": code, "kilde": table.name})
    return pd.DataFrame(rows)


def _slow_down_for_tests() -> None:
    """DASHBOARD_IMPORT_PAUSE=seconds makes the write phase slow, so a test can kill it midway."""
    pause = float(os.environ.get("DASHBOARD_IMPORT_PAUSE", "0") or 0)
    if pause:
        time.sleep(pause)


def run_import(register: Path, frivilligsentral: Path, kommune: Path, mapping: Path, *, diskurs: Path | None = None,
               dry_run: bool = False, progress: Callable[[str], None] | None = None) -> ImportResult:
    progress = progress or (lambda msg: print(msg, file=sys.stderr, flush=True))
    base = versions.shipped()
    ctx = Context(base, progress)
    try:
        m: Mapping = load(Path(mapping))
    except MappingError as exc:
        return ImportResult(False, [Problem(Path(mapping).name, str(exc).split(": ", 1)[-1])])

    files = {"register": Path(register), "frivilligsentral": Path(frivilligsentral), "kommune": Path(kommune)}
    if diskurs is not None:
        if m.diskurs is None:
            ctx.add(Problem(Path(mapping).name, "en diskursfil er oppgitt, men mappingen har ingen [diskurs]-seksjon"))
        files["diskurs"] = Path(diskurs)
    tables: dict[str, Table] = {}
    for name, path in files.items():
        table, problems = readers.read(path, progress)
        for p in problems:
            ctx.add(p)
        if table is not None:
            tables[name] = table
    if len(tables) < len(files):
        return ImportResult(False, ctx.problems)

    reg = _register(ctx, tables["register"], m.register)
    fs_resp, fs_svar = _survey(ctx, tables["frivilligsentral"], m.frivilligsentral, "frivilligsentral", reg)
    k_resp, k_svar = _survey(ctx, tables["kommune"], m.kommune, "kommune", reg)
    dis = _discourse(ctx, tables["diskurs"], m.diskurs) if "diskurs" in tables and m.diskurs else None
    if any(p.severity == "feil" for p in ctx.problems):
        return ImportResult(False, ctx.problems)

    new = {
        "sentraler": reg,
        "respondenter": pd.concat([fs_resp, k_resp], ignore_index=True),
        "svar": pd.concat([fs_svar, k_svar], ignore_index=True).sort_values(["respondent_id", "sporsmal_id"]),
        "diskurs": dis if dis is not None else pd.DataFrame({"kommunenummer": pd.Series(dtype=str),
                                                                "diskurs": pd.Series(dtype=str),
                                                                "kilde": pd.Series(dtype=str)}),
    }
    counts = {k: len(v) for k, v in new.items()}
    if dry_run:
        return ImportResult(True, ctx.problems, None, counts)

    progress("Skriver ny dataversjon ...")
    version = write_import(base, new, files)
    return ImportResult(True, ctx.problems, version, counts)


def write_import(base: versions.DataVersion, new: dict[str, pd.DataFrame], files: dict[str, Path]) -> versions.DataVersion:
    """All tables of the shipped build, the survey tables replaced, and the calibration recomputed
    against the report; written next to the current version and switched to atomically."""
    from dashboard.build import write_version
    from dashboard.build.sources import TABLES

    tables = {name: pd.read_parquet(base.table_path(name)) for name in TABLES if name not in new}
    tables.update(new)
    t = calibration.Tables(tables["kommuner"], tables["sentraler"], tables["respondenter"], tables["svar"],
                           tables["diskurs"])
    try:
        cal = calibration.calibration_table(t, tables["rapporttall"])
    except Exception:  # noqa: BLE001 - real data may lack items a check needs; the comparison is then empty
        cal = tables["kalibrering"].iloc[0:0]
    cal["kilde"] = "import"
    tables["kalibrering"] = cal
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    meta_files = [{"rolle": role, "navn": p.name, "bytes": p.stat().st_size, "sha256": sha256(p)}
                  for role, p in files.items()]
    extra = {
        "importert": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "importert_av": f"{getpass.getuser()}@{socket.gethostname()}",
        "kommando": " ".join(sys.argv),
        "filer": meta_files,
        "erstattede_tabeller": sorted(new),
    }
    paths.VERSIONS.mkdir(parents=True, exist_ok=True)
    with versions.lock():
        versions.remove_leftovers()
        tmp = paths.VERSIONS / f".import-{stamp}-{os.getpid()}"
        manifest = write_version(tables, tmp, kind="import", origin="import", extra=extra,
                                 table_meta=_import_meta(new, files), after_write=_slow_down_for_tests)
        final = paths.VERSIONS / manifest["versjon"]
        if final.exists():  # the same files imported again: the identical version is reused
            shutil.rmtree(tmp)
        else:
            os.rename(tmp, final)
        _slow_down_for_tests()
        return versions.use(manifest["versjon"])


def _import_meta(new: dict[str, pd.DataFrame], files: dict[str, Path]) -> dict[str, dict]:
    source = {"sentraler": "register", "respondenter": "frivilligsentral", "svar": "frivilligsentral",
              "diskurs": "diskurs"}
    meta = {}
    for name in new:
        role = source[name]
        fname = files[role].name if role in files else None
        names = fname if name not in ("respondenter", "svar") else f"{files['frivilligsentral'].name}, {files['kommune'].name}"
        meta[name] = {"demo": False, "importfil": names,
                      "kilde": f"Importert fil: {names}" if fname or name in ("respondenter", "svar") else
                      "Ingen fil importert (tom tabell)",
                      "lisens": "Intern (Distriktssenteret og partnere)"}
    meta["kalibrering"] = {"demo": False, "kilde": "Importerte data sammenlignet med rapportens tall",
                           "lisens": "Intern"}
    return meta
