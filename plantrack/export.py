"""Stable tables for BI tools from the store: Parquet (typed), CSV (formula-safe), Excel (styled)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from plantrack.errors import PlantrackError
from plantrack.models import ACTION_COLUMNS, ACTIONS_SCHEMA, CHANGE_COLUMNS, CHANGES_SCHEMA
from plantrack.store import query
from plantrack.writers import atomic_path, to_arrow, to_csv_frame, write_csv, write_parquet

FORMATS = ("parquet", "csv", "xlsx")
RAG_FILLS = {"red": "#E06666", "amber": "#F6B26B", "green": "#93C47D", "complete": "#6FA8DC",
             "not_started": "#FFFFFF"}
STORE_KEYS = ["plan", "version"]


def store_frames(db: Path, plan: str | None = None, version: int | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(actions, changes) from the store: every plan's latest version unless plan/version say otherwise."""
    where, params = [], []
    if plan:
        where.append("a.plan = ?")
        params.append(plan)
    if version:
        if not plan:
            raise PlantrackError("--version needs --plan")
        where.append("a.version = ?")
        params.append(version)
    source = "actions a" if version else "latest_actions a"
    sql = f"SELECT {', '.join('a.' + c for c in STORE_KEYS + ACTION_COLUMNS)} FROM {source}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    actions = query(db, sql + " ORDER BY a.plan, a.version", params)
    csql = f"SELECT plan, from_version, to_version, {', '.join(CHANGE_COLUMNS)} FROM changes"
    cwhere, cparams = [], []
    if plan:
        cwhere.append("plan = ?")
        cparams.append(plan)
    if version:
        cwhere.append("to_version = ?")
        cparams.append(version)
    elif not plan:
        csql = csql.replace("FROM changes", "FROM latest_changes")
    if cwhere:
        csql += " WHERE " + " AND ".join(cwhere)
    changes = query(db, csql + " ORDER BY plan, to_version", cparams)
    if actions.empty:
        raise PlantrackError(f"{db}: nothing to export" + (f" for plan {plan!r}" if plan else "")
                             + " (see `plantrack versions`)")
    return actions, changes


def _schema_with_keys(schema, keys: list[tuple[str, object]]):
    import pyarrow as pa

    return pa.schema([pa.field(n, t) for n, t in keys] + list(schema))


def export_tables(actions: pd.DataFrame, changes: pd.DataFrame, fmt: str, out: Path,
                  partition: bool = False) -> list[Path]:
    """Write actions and changes in one format into `out`; returns the files written."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    if fmt not in FORMATS:
        raise PlantrackError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    a_schema = _schema_with_keys(ACTIONS_SCHEMA, [("plan", pa.string()), ("version", pa.int32())])
    c_schema = _schema_with_keys(CHANGES_SCHEMA, [("plan", pa.string()), ("from_version", pa.int32()),
                                                  ("to_version", pa.int32())])
    if fmt == "parquet":
        if partition:
            written = []
            for name, part in (("actions", actions), ("changes", changes)):
                schema = a_schema if name == "actions" else c_schema
                target = out / name
                pq.write_to_dataset(to_arrow(part, schema), root_path=str(target), partition_cols=["plan"],
                                    existing_data_behavior="delete_matching")
                written.append(target)
            return written
        return [write_parquet(actions, out / "actions.parquet", a_schema),
                write_parquet(changes, out / "changes.parquet", c_schema)]
    if fmt == "csv":
        return [write_csv(actions, out / "actions.csv"), write_csv(changes, out / "changes.csv")]
    return [write_xlsx(actions, changes, out / "plantrack.xlsx")]


def write_xlsx(actions: pd.DataFrame, changes: pd.DataFrame, path: Path) -> Path:
    """Excel: frozen header, filters, real date cells, RAG cells filled in their colours."""
    with atomic_path(path) as tmp:
        with pd.ExcelWriter(tmp, engine="xlsxwriter", date_format="yyyy-mm-dd") as xl:
            book = xl.book
            fills = {k: book.add_format({"bg_color": v, "border": 1}) for k, v in RAG_FILLS.items()}
            date_fmt = book.add_format({"num_format": "yyyy-mm-dd"})
            for name, frame in (("actions", actions), ("changes", changes)):
                sheet_frame = _excel_frame(frame)
                sheet_frame.to_excel(xl, sheet_name=name, index=False)
                sheet = xl.sheets[name]
                rows, cols = sheet_frame.shape
                sheet.freeze_panes(1, 0)
                sheet.autofilter(0, 0, max(rows, 1), cols - 1)
                for i, col in enumerate(sheet_frame.columns):
                    width = 12 if col not in ("action", "old_action", "new_action", "measures") else 60
                    sheet.set_column(i, i, width, date_fmt if col in ("due_date", "due_start") else None)
                if name == "actions":
                    for raw_col, canon_col in (("rag_raw", "rag"), ("rag_previous_raw", "rag_previous"),
                                               ("rag_initial_raw", "rag_initial"), ("rag", "rag"),
                                               ("rag_previous", "rag_previous"), ("rag_initial", "rag_initial")):
                        if raw_col not in sheet_frame.columns:
                            continue
                        c = sheet_frame.columns.get_loc(raw_col)
                        for r, (value, status) in enumerate(zip(sheet_frame[raw_col], frame[canon_col], strict=True)):
                            if isinstance(status, str) and status in fills:
                                sheet.write(r + 1, c, value if isinstance(value, str) else "", fills[status])
    return Path(path)


def _excel_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Lists joined, dates as real dates, text neutralised against formulas like the CSV writer."""
    out = to_csv_frame(frame)
    for col in ("due_date", "due_start"):
        if col in frame.columns:
            out[col] = frame[col].map(_as_date)
    for col in frame.columns:
        if col in ("version", "from_version", "to_version", "source_page", "source_line", "old_source_line",
                   "new_source_line", "old_source_page", "new_source_page"):
            out[col] = pd.to_numeric(frame[col], errors="coerce").astype("Int64")
        elif col in ("confidence", "similarity"):
            out[col] = pd.to_numeric(frame[col], errors="coerce")
    return out


def _as_date(v: object) -> dt.date | None:
    if v is None or v is pd.NaT or (isinstance(v, float) and pd.isna(v)):
        return None
    if isinstance(v, pd.Timestamp):
        return v.date()
    return v if isinstance(v, dt.date) else None
