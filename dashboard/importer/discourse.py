"""The optional discourse table (Figure 5): one main discourse per municipality."""

from __future__ import annotations

import pandas as pd

from dashboard.importer import values
from dashboard.importer.context import Context, check_columns, positions
from dashboard.importer.mapping import Section
from dashboard.importer.problems import NOTE
from dashboard.importer.readers import Table

EMPTY = pd.DataFrame({"kommunenummer": pd.Series(dtype=str), "diskurs": pd.Series(dtype=str),
                      "kilde": pd.Series(dtype=str)})


def read_discourse(ctx: Context, table: Table, sec: Section) -> pd.DataFrame:
    cols = sec.columns
    if not check_columns(ctx, table, sec, "diskurs", set(cols.values())):
        return EMPTY
    municipality = ctx.municipalities(table, cols["kommunenummer"], sec, "diskurs")
    lookup = ctx.book.class_lookup("diskurs")
    synonyms = {**lookup, **sec.values.get("diskurs", {})}
    codes = sorted(set(lookup.values()))
    out = pd.Series(None, index=table.df.index, dtype=object)
    column = cols["diskurs"]
    for raw, pos in positions(table.df[column]).items():
        code = values.category(raw, codes, synonyms)
        if code is None:
            ctx.add_rows(table, column, f"ukjent diskurs; gyldige koder: {', '.join(codes)}", pos, raw,
                         fix="oversett verdien i [diskurs.verdier.diskurs] i mappingen")
        else:
            out.iloc[pos] = code
            if raw != code:
                ctx.add_rows(table, column, "verdien er oversatt til en kode i klassifikasjonen «diskurs»", pos,
                             f"{raw} → {code}", severity=NOTE)
    twice = municipality.notna() & municipality.duplicated(keep=False)
    for number, pos in positions(municipality[twice]).items():
        ctx.add_rows(table, cols["kommunenummer"], "kommunen har flere diskursrader; den skal ha én hoveddiskurs",
                     twice.to_numpy().nonzero()[0][pos], number, fix="behold én rad per kommune")
    return pd.DataFrame({"kommunenummer": municipality, "diskurs": out, "kilde": table.name})
