"""The one CSV dialect of every CSV a user gets (`simlab run --csv`, the app's export):
as an Italian spreadsheet opens it. Headers in the user's language, «;» between fields,
decimal comma, whole numbers without decimals, no thousands separator, dates
dd/mm/yyyy and date-times dd/mm/yyyy hh:mm:ss, Sì/No, empty for "does not apply", UTF-8
with a BOM so that accented letters survive. Numbers stay numbers a spreadsheet reads:
percentages are written as fractions (0,852), units are in the headers.

The Parquet files keep the machine columns (docs/data-dictionary.md); only these files
are for people.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd

from simlab.i18n import _
from simlab.reports.xlsx import Sheet

# Decimals kept by unit (see analysis.kpi.Kpi.unit); others: 3.
DECIMALS = {"ratio": 4, "seconds": 1, "hours": 2, "eur": 2, "count": 0}
DATE_FORMATS = {"date": "%d/%m/%Y", "datetime": "%d/%m/%Y %H:%M:%S"}


def numbers(values: pd.Series, decimals: int) -> pd.Series:
    """Numbers as text with a decimal comma; whole values without decimals. Column at
    a time (a million contacts must not take a Python call per cell)."""
    x = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float).round(decimals)
    out = np.full(len(x), "", dtype=object)
    known = ~np.isnan(x)
    whole = known & (x == np.round(x))
    out[whole] = x[whole].astype(np.int64).astype(str)
    frac = known & ~whole
    if frac.any():
        text = np.char.rstrip(np.char.mod(f"%.{decimals}f", x[frac]), "0")
        out[frac] = np.char.replace(text, ".", ",")
    return pd.Series(out, index=values.index, dtype=object)


def column_text(values: pd.Series, unit: str | None) -> pd.Series:
    """One column in the dialect. `unit` says how to write numbers and dates."""
    if unit in DATE_FORMATS:
        moments = pd.to_datetime(pd.Series(values))
        return moments.dt.strftime(DATE_FORMATS[unit]).fillna("")
    if pd.api.types.is_bool_dtype(values):
        return values.map({True: _("Yes"), False: _("No")})
    if pd.api.types.is_numeric_dtype(values):
        return numbers(values, DECIMALS.get(unit or "", 3))
    return values.astype(object).where(values.notna(), "").astype(str)


def frame_text(sheet: Sheet) -> pd.DataFrame:
    """The sheet with every cell as the text the CSV holds."""
    frame = sheet.frame
    out = pd.DataFrame(index=frame.index)
    for c in frame.columns:
        out[c] = column_text(frame[c], sheet.column_units.get(c))
    if sheet.row_units:  # a table whose rows are indicators: each row has its unit
        for r, row_unit in enumerate(sheet.row_units):
            for c in frame.columns:
                value = frame[c].iloc[r]
                if isinstance(value, (int, float, np.number)) and not isinstance(value, bool):
                    out.iloc[r, out.columns.get_loc(c)] = numbers(
                        pd.Series([value]), DECIMALS.get(row_unit, 3)).iloc[0]
    return out


def csv_bytes(sheet: Sheet) -> bytes:
    buffer = io.StringIO()
    frame_text(sheet).to_csv(buffer, sep=";", index=False, lineterminator="\r\n")
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
