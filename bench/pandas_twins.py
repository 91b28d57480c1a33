"""pandas versions of some named queries, reading the same Parquet files each time (no caching), and
the check that a twin's answer is the DuckDB query's. Each twin returns a few numbers that pin the
result (rows, sums); ``same()`` compares them with the gateway's result for the same parameters. Who is
within the filters is bench.oracle's answer, the one the disclosure audit uses too."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import numpy as np
import pandas as pd

from bench import oracle
from dashboard.data import gateway, versions
from dashboard.data.filters import DEFAULT, Filters

PLAIN_READS = ("filter_kommuner", "last_ned_kommuner", "last_ned_fylker", "last_ned_befolkning", "kilder",
               "rapporttall_alle", "kalibrering")


class Tables:
    """Reads a table of one data version from its Parquet file, every time."""

    def __init__(self, version: versions.DataVersion):
        self.version = version

    def __call__(self, table: str) -> pd.DataFrame:
        return pd.read_parquet(self.version.table_path(table))


def _respondents(read: Tables, f: Filters) -> pd.DataFrame:
    """respondenter, only the respondents within the filters (bench.oracle)."""
    r = read("respondenter")
    people = oracle.respondents(r, read("sentraler"), read("kommuner"))
    return r[r["respondent_id"].isin(people.index[oracle.within(people, f)])]


def nokkeltall(read: Tables, params: dict, f: Filters = DEFAULT) -> dict:
    kommuner = read("kommuner")
    k = oracle.municipalities(kommuner, f)
    s = oracle.centres(read("sentraler"), kommuner, f)
    med = k["kommunenummer"].isin(s["kommunenummer"])
    return {"kommuner": len(k), "distriktskommuner": int(k["distriktskommune"].sum()), "sentraler": len(s),
            "kommuner_med_sentral": int(med.sum()), "kommuner_uten_sentral": int((~med).sum())}


def fordeling(read: Tables, params: dict, f: Filters = DEFAULT) -> dict:
    items = read("kodebok")
    items = items[items["blokk"] == params["blokk"]]
    r = _respondents(read, f)
    a = read("svar")
    a = a[a["sporsmal_id"].isin(items["sporsmal_id"]) & a["respondent_id"].isin(r["respondent_id"])]
    n = a.groupby("sporsmal_id").size().rename("n")
    c = a.groupby(["sporsmal_id", "svar_kode"]).size().rename("antall").reset_index()
    scales = read("kodebok_skala")
    grid = items[["sporsmal_id", "skala"]].merge(scales[["skala", "kode"]], on="skala")
    out = grid.merge(c, left_on=["sporsmal_id", "kode"], right_on=["sporsmal_id", "svar_kode"], how="left")
    out = out.merge(n, on="sporsmal_id")
    out["antall"] = out["antall"].fillna(0)
    out["andel"] = 100 * out["antall"] / out["n"]
    return {"rader": len(out), "antall": int(out["antall"].sum())}


def kart(read: Tables, params: dict, f: Filters = DEFAULT) -> dict:
    k = read("kommuner").drop(columns=["geometri"])
    per = read("sentraler").groupby("kommunenummer").size().rename("sentraler")
    out = k.merge(per, on="kommunenummer", how="left")
    out["i_filter"] = out["kommunenummer"].isin(oracle.municipalities(k, f)["kommunenummer"])
    return {"rader": len(out), "sentraler": int(out["sentraler"].fillna(0).sum())}


def eierform(read: Tables, params: dict, f: Filters = DEFAULT) -> dict:
    k = read("kommuner")
    s = oracle.centres(read("sentraler"), k, f).merge(
        k[["kommunenummer", "distriktskommune", "sentralitetsklasse", "fylkesnummer"]], on="kommunenummer")
    col = {"klasse": "sentralitetsklasse", "fylke": "fylkesnummer"}.get(params["inndeling"], "distriktskommune")
    g = s.groupby([col, "eierform"]).size()
    return {"rader": len(g), "antall": int(g.sum())}


def figur1(read: Tables, params: dict, f: Filters = DEFAULT) -> dict:
    kommuner = read("kommuner")
    k = oracle.municipalities(kommuner, f)
    per = oracle.centres(read("sentraler"), kommuner, f).groupby("kommunenummer").size().rename("sentraler")
    x = k.merge(per, on="kommunenummer", how="left")
    x["gruppe"] = (np.where(x["distriktskommune"], "distrikt", "andre")
                   + np.where(x["sentraler"].isna(), "_uten", "_med"))
    g = x.groupby("gruppe").agg(kommuner=("kommunenummer", "size"), sentraler=("sentraler", "sum"))
    return {"rader": len(g), "kommuner": int(g["kommuner"].sum()), "sentraler": int(g["sentraler"].sum())}


def radgivende(read: Tables, params: dict, f: Filters = DEFAULT) -> dict:
    k = read("kommuner")
    s = oracle.centres(read("sentraler"), k, f).merge(k[["kommunenummer", "distriktskommune"]], on="kommunenummer")
    g = s.groupby(["distriktskommune", "radgivende_organ"]).size()
    return {"rader": len(g), "antall": int(g.sum())}


def uenighet(read: Tables, params: dict, f: Filters = DEFAULT) -> dict:
    items = read("kodebok")
    items = items[items["blokk"] == "faktor"][["sporsmal_id", "element"]]
    r = _respondents(read, f)
    a = read("svar").merge(items, on="sporsmal_id").merge(r[["respondent_id", "respondentgruppe"]],
                                                         on="respondent_id")
    a["fremmende"] = a["svar_kode"].isin(["svaert_fremmende", "fremmende"])
    w = a.pivot_table(index="element", columns="respondentgruppe", values="fremmende", aggfunc="mean") * 100
    diff = (w["frivilligsentral"] - w["kommune"])
    return {"rader": len(w), "diff_sum": round(float(diff.sum()), 6)}


def kontroller(read: Tables, params: dict, f: Filters | None = None) -> dict:
    c = read("rapportkobling")
    c = c[c["kontroll"].isin(params["kontroller"])].merge(read("rapporttall"), left_on="rapporttall_id",
                                                          right_on="id", how="left")
    return {"rader": len(c)}


def plain_read(name: str, read: Tables, params: dict, f: Filters | None = None) -> dict:
    """The query only reads its tables: read them all, count the first one's rows."""
    tables = sorted(gateway.load(name).tables - {"kilder"}) or ["kilder"]
    frames = [pd.read_parquet(read.version.path / "kilder.parquet") if t == "kilder" else read(t) for t in tables]
    return {"rader": len(frames[0])}


TWINS = {"nokkeltall_kommuner": nokkeltall, "fordeling": fordeling, "kart_kommuner": kart,
         "eierform_fordeling": eierform, "figur1": figur1, "radgivende_organ": radgivende,
         "faktorer_uenighet": uenighet, "rapport_kontroller": kontroller,
         **{name: partial(plain_read, name) for name in PLAIN_READS}}


def twins(version: versions.DataVersion | None = None) -> dict[str, Callable[[dict], dict]]:
    """query name -> twin(params), reading the given (default: the current) version's files."""
    read = Tables(version or versions.current())
    return {name: partial(fn, read) for name, fn in TWINS.items()}


def same(name: str, params: dict, got: dict) -> bool:
    """Whether the twin's numbers are the DuckDB query's (a suppressed distribution counts as the same)."""
    df = gateway.run(name, DEFAULT, **params).df
    if name == "nokkeltall_kommuner":
        row = df.iloc[0]
        return all(int(row[k]) == v for k, v in got.items())
    if name == "fordeling":
        return len(df) == got["rader"] and int(df["antall"].fillna(0).sum()) == got["antall"] or df["undertrykt"].any()
    if name == "kart_kommuner":
        return len(df) == got["rader"] and int(df["sentraler_alle"].sum()) == got["sentraler"]
    if name in ("eierform_fordeling", "radgivende_organ"):
        return len(df) == got["rader"] and int(df["antall"].sum()) == got["antall"]
    if name == "figur1":
        return len(df) == got["rader"] and int(df["kommuner"].sum()) == got["kommuner"] and \
            int(df["sentraler"].sum()) == got["sentraler"]
    if name == "faktorer_uenighet":
        return len(df) == got["rader"] and abs(float(df["diff_fremmende"].sum()) - got["diff_sum"]) < 1e-6
    return len(df) == got["rader"]
