"""Writers change format, never meaning: CSV (formula-safe), Parquet (typed), atomically."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from plantrack.models import ACTIONS_SCHEMA

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary name beside `path`; rename it over `path` only if the block succeeds."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.replace(tmp_path, path)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def neutralise_formula(value: str) -> str:
    """Prefix `'` so a spreadsheet shows the text instead of running it as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and pd.isna(value):
        return ""
    if isinstance(value, (list, tuple)) or hasattr(value, "tolist") and not isinstance(value, str):
        items = value.tolist() if hasattr(value, "tolist") else value
        if isinstance(items, list):
            return neutralise_formula(LIST_SEPARATOR.join(str(v) for v in items))
    if isinstance(value, (dt.date, pd.Timestamp)):
        return value.isoformat()[:10]
    if isinstance(value, bool):
        return str(value).lower()
    return neutralise_formula(str(value))


def to_csv_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Every cell as the text the CSV will hold: lists joined, dates ISO, formulas neutralised."""
    out = pd.DataFrame(index=df.index)
    for col in df.columns:
        if pd.api.types.is_float_dtype(df[col]) or pd.api.types.is_integer_dtype(df[col]):
            out[col] = df[col].map(lambda v: "" if pd.isna(v) else (str(int(v)) if float(v).is_integer()
                                                                    and not isinstance(v, float) else str(v)))
        else:
            out[col] = df[col].map(_csv_cell)
    return out


def write_csv(df: pd.DataFrame, path: Path) -> Path:
    with atomic_path(path) as tmp:
        to_csv_frame(df).to_csv(tmp, index=False, encoding="utf-8")
    return Path(path)


def to_arrow(df: pd.DataFrame, schema: pa.Schema) -> pa.Table:
    """A typed Arrow table for `df` (dates date32, lists list<string>, nullable ints)."""
    columns = {}
    for f in schema:
        values = df[f.name].tolist() if f.name in df.columns else [None] * len(df)
        clean = []
        for v in values:
            if hasattr(v, "tolist") and not isinstance(v, (str, pd.Timestamp)):
                v = v.tolist()  # numpy arrays (lists read back from DuckDB) and numpy scalars
            if v is None or (not isinstance(v, (list, tuple, str)) and pd.isna(v)):
                clean.append(None)
            elif isinstance(v, pd.Timestamp):
                clean.append(v.date())
            else:
                clean.append(v)
        columns[f.name] = pa.array(clean, type=f.type)
    return pa.table(columns, schema=schema)


def write_parquet(df: pd.DataFrame, path: Path, schema: pa.Schema = ACTIONS_SCHEMA) -> Path:
    table = to_arrow(df, schema)
    with atomic_path(path) as tmp:
        pq.write_table(table, tmp)
    return Path(path)
