"""A survey export: respondents (id, link to a centre or a municipality) and their answers, column by
column against the codebook's scales, with non-answers and the checkbox rule; everything dropped,
filled or converted is counted per column in the report."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.importer import multichoice, values
from dashboard.importer.codebook import norm
from dashboard.importer.context import BLANK, MISSING, Context, check_columns, positions
from dashboard.importer.mapping import Section
from dashboard.importer.problems import NOTE, Problem
from dashboard.importer.readers import Table
from dashboard.importer.register import Register, orgnrs

PREFIX = {"frivilligsentral": "FS-", "kommune": "K-"}
CHECKBOX = multichoice.CHECKBOX


def read_survey(ctx: Context, table: Table, sec: Section, group: str, register: Register
                ) -> tuple[pd.DataFrame, pd.DataFrame]:
    if not check_columns(ctx, table, sec, group, set(sec.columns.values()) | set(sec.items) | set(sec.multi)):
        return pd.DataFrame(), pd.DataFrame()
    ctx.progress(f"Kontrollerer {table.name}: {len(table.df)} respondenter x {len(sec.items)} spørsmål")
    resp = respondents(ctx, table, sec, group, register)
    return resp, answers(ctx, table, sec, group, resp["respondent_id"].to_numpy())


def respondents(ctx: Context, table: Table, sec: Section, group: str, register: Register) -> pd.DataFrame:
    cols = sec.columns
    rid_col = cols["respondent_id"]
    rid = pd.Series(None, index=table.df.index, dtype=object)
    for raw, pos in positions(table.df[rid_col]).items():
        text, error = values.clean_text(raw, 100, "respondent-id-en")
        if not raw.strip():
            ctx.add_rows(table, rid_col, "mangler respondent-id", pos, "")
        elif error:
            ctx.add_rows(table, rid_col, error, pos, raw)
        elif len(pos) > 1:
            ctx.add_rows(table, rid_col, "respondent-id-en forekommer flere ganger", pos, raw)
        rid.iloc[pos] = PREFIX[group] + text
    centre = _centres(ctx, table, sec, register)
    if "kommunenummer" in cols:
        municipality = ctx.municipalities(table, cols["kommunenummer"], sec, group)
    else:
        municipality = centre.map(register.municipality_of())
    return pd.DataFrame({"respondent_id": rid, "respondentgruppe": group, "sentral_id": centre,
                         "kommunenummer": municipality.where(municipality.notna(), None), "kilde": table.name})


def _centres(ctx: Context, table: Table, sec: Section, register: Register) -> pd.Series:
    """The centre each answer belongs to: by centre id, or by organisation number through the register."""
    cols = sec.columns
    out = pd.Series(None, index=table.df.index, dtype=object)
    if "sentral_id" in cols:
        column = cols["sentral_id"]
        ids = table.df[column].str.strip()
        known = ids.isin(register.ids)
        out[known] = ids[known]
        for raw, pos in positions(ids[~known]).items():
            message = "mangler sentral-id" if not raw else "sentral-id-en finnes ikke i registeret"
            ctx.add_rows(table, column, message, (~known).to_numpy().nonzero()[0][pos], raw)
    elif "organisasjonsnummer" in cols:
        column = cols["organisasjonsnummer"]
        if not register.by_orgnr:
            ctx.add(Problem(table.name, "svarene kobles på organisasjonsnummer, men registeret har ingen "
                                        "organisasjonsnummer", None, column,
                            fix="legg til organisasjonsnummer under [register].kolonner i mappingen"))
            return out
        numbers = orgnrs(ctx, table, column)
        out = numbers.map(register.by_orgnr)
        unknown = numbers.notna() & out.isna()
        for raw, pos in positions(numbers[unknown]).items():
            ctx.add_rows(table, column, "organisasjonsnummeret finnes ikke i registeret",
                         unknown.to_numpy().nonzero()[0][pos], raw)
    return out.where(out.notna(), None)


class ScaleLookup:
    """How one answer is read for one scale, in this order: the mapping's value table, the scale's
    non-answers listed for it, the category codes and labels, the general non-answers (defaults and
    ``alle``); a .sav value label is tried where the raw code does not match."""

    def __init__(self, ctx: Context, sec: Section, scale: str):
        self.layers = [{norm(k): v for k, v in sec.values.get(scale, {}).items()},
                       dict.fromkeys(sec.explicit_non_answers(scale), MISSING),
                       ctx.book.category_lookup(scale),
                       dict.fromkeys(sec.non_answer_set(scale), MISSING)]

    def __call__(self, raw: str, label: str | None) -> str | None:
        keys = [norm(raw)] + ([norm(label)] if label else [])
        for table in self.layers:
            for k in keys:
                if k in table:
                    return table[k]
        return None


def answers(ctx: Context, table: Table, sec: Section, group: str, rids: np.ndarray) -> pd.DataFrame:
    wide: dict[str, pd.Series] = {}        # codebook item -> its codes, one per respondent
    where: dict[str, tuple[str, str | None]] = {}   # item -> (column, option label when one cell holds many)
    for column, item in sec.items.items():
        scale = ctx.book.scale_of(item)
        wide[item] = (_free_text(ctx, table, sec, column, scale) if scale == "fritekst"
                      else _column(ctx, table, sec, group, column, scale))
        where[item] = (column, None)
    for column, spec in sec.multi.items():
        cells = multichoice.read(ctx, table, sec, group, column, spec)
        wide.update(cells)
        labels = {item: label for label, item in spec.options.items()}
        where.update({item: (column, labels.get(item, "annet")) for item in cells})
    _checkbox_rule(ctx, table, wide, where)
    parts = []
    for item, codes in wide.items():
        keep = codes.notna() & ~codes.isin([MISSING, BLANK])
        parts.append(pd.DataFrame({"respondent_id": rids[keep.to_numpy()], "sporsmal_id": item,
                                   "svar_kode": codes[keep].to_numpy()}))
    svar = (pd.concat(parts, ignore_index=True) if parts else
            pd.DataFrame({c: pd.Series(dtype=object) for c in ("respondent_id", "sporsmal_id", "svar_kode")}))
    svar["kilde"] = table.name
    return svar


def _column(ctx: Context, table: Table, sec: Section, group: str, column: str, scale: str) -> pd.Series:
    """One question column read against its scale; unknown values are errors, non-answers notes."""
    lookup = ScaleLookup(ctx, sec, scale)
    labels = table.labels.get(column, {})
    out = pd.Series(None, index=table.df.index, dtype=object)
    allowed = ", ".join(ctx.book.scales.get(scale, {}))
    for raw, pos in positions(table.df[column]).items():
        if not raw.strip():
            out.iloc[pos] = BLANK
            continue
        label = labels.get(values.number_text(raw))
        code = lookup(raw, label)
        out.iloc[pos] = code
        if code is None:
            shown = f" ({label})" if label else ""
            ctx.add_rows(table, column, f"verdien er utenfor skalaen «{scale}»{shown}; gyldige kategorier: {allowed}",
                         pos, raw, fix=f"oversett verdien i [{group}.verdier.{scale}], eller list den "
                                       f"under ikke_svar hvis den betyr «ikke svar»")
        elif code == MISSING:
            ctx.add_rows(table, column, f"svaret «{label or raw.strip()}» er et ikke-svar og er lagret som manglende",
                         pos, severity=NOTE)
    return out


def _free_text(ctx: Context, table: Table, sec: Section, column: str, scale: str) -> pd.Series:
    """Free text: only whether it was answered is kept; the text itself is never stored."""
    raw = table.df[column]
    answered = (raw.str.strip() != "") & ~raw.map(norm).isin(sec.non_answer_set(scale))
    if answered.any():
        ctx.add(Problem(table.name, f"fritekst: {int(answered.sum())} svar lagret bare som «besvart»; teksten lagres "
                                    "aldri", None, column, severity=NOTE))
    return pd.Series(np.where(answered, "besvart", None), index=raw.index, dtype=object)


def _checkbox_rule(ctx: Context, table: Table, wide: dict[str, pd.Series],
                   where: dict[str, tuple[str, str | None]]) -> None:
    """In a checkbox block, a respondent who ticked at least one box gets «ikke valgt» for its blanks;
    one who ticked none keeps the whole block missing. A one-cell multi-choice column (``where`` gives
    its option label) follows the same rule: the options not in a non-empty cell are blanks."""
    blocks: dict[tuple, list[str]] = {}
    for item in wide:
        if ctx.book.scale_of(item) == CHECKBOX:
            blocks.setdefault(ctx.book.block_of(item), []).append(item)
    for (block, _, actor), items in blocks.items():
        ticked = np.zeros(len(table.df), dtype=bool)
        for i in items:
            ticked |= (wide[i] == "valgt").to_numpy()
        untouched = np.zeros(len(table.df), dtype=bool)
        for i in items:
            blank = (wide[i] == BLANK).to_numpy()
            fill = blank & ticked
            wide[i] = wide[i].mask(fill, "ikke_valgt")
            untouched |= blank & ~ticked
            if fill.any():
                column, option = where[i]
                ctx.add_rows(table, column, _filled(option), fill.nonzero()[0], severity=NOTE)
        if untouched.any():
            what = f"«{block}»" + (f" (aktør {actor})" if actor else "")
            ctx.add_rows(table, where[items[0]][0], f"krysset ingen boks i spørsmålet {what}: hele spørsmålet er "
                                                    "lagret som manglende", untouched.nonzero()[0], severity=NOTE)


def _filled(option: str | None) -> str:
    if option is None:
        return "tom avkrysningsboks lagret som «ikke valgt» (respondenten krysset av minst én boks i spørsmålet)"
    return (f"alternativet «{option}» stod ikke i cellen: lagret som «ikke valgt» (respondenten valgte minst ett "
            "alternativ i spørsmålet)")
