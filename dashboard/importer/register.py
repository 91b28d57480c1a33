"""The register of centres: one row per centre, checked field by field (ids and organisation numbers,
names, municipalities, ownership and board in free words, founding year, sample), every conversion
said as a note in the report."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from dashboard.importer import values
from dashboard.importer.context import Context, check_columns, positions
from dashboard.importer.mapping import Section
from dashboard.importer.problems import NOTE, WARNING, Problem
from dashboard.importer.readers import Table

YES = {"ja", "1", "true", "sann", "x"}
NO = {"nei", "0", "false", "usann"}


@dataclass
class Register:
    df: pd.DataFrame = field(default_factory=pd.DataFrame)   # the sentraler table
    by_orgnr: dict[str, str] = field(default_factory=dict)   # normalised organisation number -> sentral_id

    @property
    def ids(self) -> set[str]:
        return set(self.df["sentral_id"]) if not self.df.empty else set()

    def municipality_of(self) -> dict[str, str]:
        return dict(zip(self.df["sentral_id"], self.df["kommunenummer"])) if not self.df.empty else {}


def read_register(ctx: Context, table: Table, sec: Section) -> Register:
    cols = sec.columns
    if not check_columns(ctx, table, sec, "register", set(cols.values())):
        return Register()
    ctx.progress(f"Kontrollerer {table.name}: {len(table.df)} sentraler")
    org = orgnrs(ctx, table, cols["organisasjonsnummer"]) if "organisasjonsnummer" in cols else None
    ids = _ids(ctx, table, cols, org)
    out = pd.DataFrame({
        "sentral_id": ids,
        "navn": _texts(ctx, table, cols["navn"], "navnet", required=True),
        "kommunenummer": ctx.municipalities(table, cols["kommunenummer"], sec, "register"),
        "eierform": _classified(ctx, table, sec, "eierform", values.EIERFORM_SYNONYMS, required=True),
        "radgivende_organ": _classified(ctx, table, sec, "radgivende_organ", {}, required=False),
        "etablert_aar": _years(ctx, table, cols.get("etablert_aar")),
        "utvalg_merknad": (_texts(ctx, table, cols["utvalg_merknad"], "merknaden", required=False, max_len=500)
                           if "utvalg_merknad" in cols else None),
        "kilde": table.name,
    })
    out.insert(6, "i_utvalg", _sample(ctx, table, sec, out["kommunenummer"]))
    out["etablert_aar"] = out["etablert_aar"].astype("Int64")
    by_orgnr = {o: i for o, i in zip(org, ids) if o and i} if org is not None else {}
    return Register(out, by_orgnr)


def orgnrs(ctx: Context, table: Table, column: str) -> pd.Series:
    """Organisation numbers normalised to nine digits and MOD11-checked; None where blank or wrong."""
    out = pd.Series(None, index=table.df.index, dtype=object)
    for raw, pos in positions(table.df[column]).items():
        number, error = values.orgnr(raw)
        if error:
            ctx.add_rows(table, column, error, pos, raw)
        elif number:
            out.iloc[pos] = number
            if raw.strip() != number:
                ctx.add_rows(table, column, "organisasjonsnummer skrevet om til ni sifre", pos,
                             f"{raw.strip()} → {number}", severity=NOTE)
    return out


def _ids(ctx: Context, table: Table, cols: dict[str, str], org: pd.Series | None) -> pd.Series:
    if "sentral_id" in cols:
        column, what = cols["sentral_id"], "sentral-id-en"
        ids = _texts(ctx, table, column, what, required=False, max_len=100)
        blank = ids.isna()
        if blank.any():
            ctx.add_rows(table, column, "mangler sentral-id", blank.to_numpy().nonzero()[0], "")
    else:  # the organisation number is the centre id
        column, what = cols["organisasjonsnummer"], "organisasjonsnummeret"
        ids = org
        blank = (table.df[column].str.strip() == "").to_numpy()
        if blank.any():
            ctx.add_rows(table, column, "mangler organisasjonsnummer (det brukes som sentral-id)", blank.nonzero()[0],
                         "")
    dup = ids.notna() & ids.duplicated(keep=False)
    for value, pos in positions(ids[dup]).items():
        ctx.add_rows(table, column, f"{what} forekommer flere ganger", dup.to_numpy().nonzero()[0][pos], value)
    return ids


def _texts(ctx: Context, table: Table, column: str, what: str, *, required: bool, max_len: int = values.NAME_MAX
           ) -> pd.Series:
    """Short text as stored (names, ids, notes): no control characters, not too long, not empty if required."""
    out = pd.Series(None, index=table.df.index, dtype=object)
    for raw, pos in positions(table.df[column]).items():
        if not raw.strip() and not required:
            continue
        text, error = values.clean_text(raw, max_len, what)
        if error:
            ctx.add_rows(table, column, error, pos, raw, fix="rett cellen i filen")
        else:
            out.iloc[pos] = text
    return out


def _classified(ctx: Context, table: Table, sec: Section, name: str, builtin: dict[str, str], *, required: bool
                ) -> pd.Series | None:
    """Ownership and board in free words: codes, labels, built-in synonyms and the mapping's value table."""
    column = sec.columns.get(name)
    if column is None:
        return None
    lookup = ctx.book.class_lookup(name)
    synonyms = {**lookup, **builtin, **sec.values.get(name, {})}
    codes = sorted(set(lookup.values()))
    out = pd.Series(None, index=table.df.index, dtype=object)
    for raw, pos in positions(table.df[column]).items():
        if not raw.strip() and not required:
            continue
        code = values.category(raw, codes, synonyms)
        if code is None:
            what = "eierform" if name == "eierform" else "verdi"
            ctx.add_rows(table, column, f"ukjent {what}; gyldige koder: {', '.join(codes)}", pos, raw,
                         fix=f"oversett verdien i [register.verdier.{name}] i mappingen")
            continue
        out.iloc[pos] = code
        if raw != code:
            ctx.add_rows(table, column, f"verdien er oversatt til en kode i klassifikasjonen «{name}»", pos,
                         f"{raw} → {code}", severity=NOTE)
    return out


def _years(ctx: Context, table: Table, column: str | None) -> pd.Series:
    out = pd.Series(None, index=table.df.index, dtype=object)
    if column is None:
        ctx.add(Problem(table.name, "registeret har ingen kolonne for etableringsår (etablert_aar): året sentralen "
                                    "ble etablert blir tomt i kommuneprofilen og i nedlastingen av sentralene",
                        severity=WARNING, fix="skriv etablert_aar = \"kolonne\" under [register.kolonner] hvis "
                                              "registeret har etableringsdato eller -år"))
        return out
    for raw, pos in positions(table.df[column]).items():
        year, note, error = values.year(raw)
        if error:
            ctx.add_rows(table, column, error, pos, raw)
        elif year is not None:
            out.iloc[pos] = year
            if note:
                kind = note.split(":", 1)[0]
                ctx.add_rows(table, column, f"{kind} lest som etableringsåret", pos, f"{raw} → {year}",
                             severity=NOTE)
    return out


def _sample(ctx: Context, table: Table, sec: Section, municipality: pd.Series) -> pd.Series:
    """In the survey's sample: the file's yes/no, or (blank or no column) whether it is a district municipality."""
    district = municipality.isin(ctx.book.district)
    column = sec.columns.get("i_utvalg")
    if column is None:
        ctx.add(Problem(table.name, "registeret har ingen kolonne i_utvalg: sentralene i distriktskommuner "
                                    "(sentralitet 5-6) regnes som utvalget", severity=NOTE))
        return district
    out = district.copy()
    table_values = {values.norm(k): v for k, v in sec.values.get("i_utvalg", {}).items()}
    for raw, pos in positions(table.df[column]).items():
        word = table_values.get(values.norm(raw), values.norm(raw))
        if word in YES or word in NO:
            out.iloc[pos] = word in YES
        elif not raw.strip():
            ctx.add_rows(table, column, "tom: satt etter om kommunen er distriktskommune (sentralitet 5-6)", pos,
                         severity=NOTE)
        else:
            ctx.add_rows(table, column, "i_utvalg må være ja/nei", pos, raw)
    return out.astype(bool)
