"""The DuckDB store: every version of every plan, its actions and the changes between versions.

One file, no server. The schema is created and migrated by this module (a schema version
number lives in the database). An import is one transaction: a failure or a kill part-way
leaves the store as it was. DuckDB allows one writer at a time: a second writer waits for
the lock (up to `StoreSettings.lock_timeout`) and then fails with a clear message.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from plantrack import __version__
from plantrack.errors import PlantrackError
from plantrack.models import ACTION_COLUMNS, CHANGE_COLUMNS, ActionRecord, records_frame

SCHEMA_VERSION = 1
DEFAULT_DB = Path("output") / "plantrack.duckdb"

ACTION_SQL_TYPES = {
    "source_page": "INTEGER", "source_line": "INTEGER", "owners": "VARCHAR[]", "owner_names": "VARCHAR[]",
    "due_date": "DATE", "due_start": "DATE", "confidence": "DOUBLE", "flags": "VARCHAR[]",
}
CHANGE_SQL_TYPES = {
    "old_source_line": "INTEGER", "new_source_line": "INTEGER", "old_source_page": "INTEGER",
    "new_source_page": "INTEGER", "similarity": "DOUBLE", "confidence": "DOUBLE",
}


def _columns_sql(columns: list[str], types: dict[str, str]) -> str:
    return ",\n    ".join(f"{c} {types.get(c, 'VARCHAR')}" for c in columns)


MIGRATIONS: dict[int, list[str]] = {
    1: [
        "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
        "CREATE TABLE IF NOT EXISTS plans (plan VARCHAR PRIMARY KEY, created_at TIMESTAMP)",
        """CREATE TABLE IF NOT EXISTS versions (
    plan VARCHAR, version INTEGER, source_file VARCHAR, sha256 VARCHAR, as_of DATE,
    imported_at TIMESTAMP, extractor_version VARCHAR, actions INTEGER, PRIMARY KEY (plan, version))""",
        f"""CREATE TABLE IF NOT EXISTS actions (
    plan VARCHAR, version INTEGER,
    {_columns_sql(ACTION_COLUMNS, ACTION_SQL_TYPES)})""",
        f"""CREATE TABLE IF NOT EXISTS changes (
    plan VARCHAR, from_version INTEGER, to_version INTEGER,
    {_columns_sql(CHANGE_COLUMNS, CHANGE_SQL_TYPES)})""",
        """CREATE OR REPLACE VIEW latest_actions AS
SELECT a.* FROM actions a
JOIN (SELECT plan, max(version) AS version FROM versions GROUP BY plan) l USING (plan, version)""",
        """CREATE OR REPLACE VIEW latest_changes AS
SELECT c.* FROM changes c
JOIN (SELECT plan, max(version) AS version FROM versions GROUP BY plan) l
  ON c.plan = l.plan AND c.to_version = l.version""",
    ],
}


@dataclass(frozen=True)
class StoreSettings:
    lock_timeout: float = 30.0  # seconds to wait for another writer before failing


@dataclass(frozen=True)
class ImportResult:
    plan: str
    version: int
    actions: int
    already_stored: bool
    changes: pd.DataFrame | None


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


@contextmanager
def connect(db: Path, settings: StoreSettings | None = None, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the store (creating and migrating it), waiting for another writer's lock if needed."""
    settings = settings or StoreSettings()
    db = Path(db)
    if read_only and not db.exists():
        raise PlantrackError(f"{db}: no store yet: run `plantrack import PACK --plan NAME` first")
    db.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + settings.lock_timeout
    while True:
        try:
            con = duckdb.connect(str(db), read_only=read_only)
            break
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise PlantrackError(f"{db}: cannot open the store: {exc}") from None
            if time.monotonic() > deadline:
                raise PlantrackError(f"{db}: another plantrack process is writing to the store; "
                                     f"waited {settings.lock_timeout:g} s: try again when it has finished") from None
            time.sleep(0.2)
        except duckdb.Error as exc:
            raise PlantrackError(f"{db}: not a plantrack store ({exc})") from None
    try:
        if not read_only:
            migrate(con)
        yield con
    finally:
        con.close()


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    try:
        row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except duckdb.CatalogException:
        return 0
    return int(row[0]) if row else 0


def migrate(con: duckdb.DuckDBPyConnection) -> None:
    current = schema_version(con)
    if current > SCHEMA_VERSION:
        raise PlantrackError(f"store schema {current} is newer than this plantrack ({SCHEMA_VERSION}): upgrade plantrack")
    for version in range(current + 1, SCHEMA_VERSION + 1):
        con.execute("BEGIN TRANSACTION")
        try:
            for statement in MIGRATIONS[version]:
                con.execute(statement)
            con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(version)])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise


def _clean(value: object) -> object:
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if hasattr(value, "tolist") and not isinstance(value, str):
        return value.tolist()
    return value


def records_from_frame(df: pd.DataFrame) -> list[ActionRecord]:
    """Actions rows (from the store, a Parquet or a CSV) -> ActionRecords."""
    out = []
    for row in df.to_dict("records"):
        data = {k: _clean(row.get(k)) for k in ACTION_COLUMNS if k in row}
        for key in ("owners", "owner_names", "flags"):
            v = data.get(key)
            if isinstance(v, str):
                data[key] = [x for x in v.split("; ") if x]
            elif v is None:
                data[key] = []
        for key in ("source_page", "source_line"):
            v = data.get(key)
            data[key] = int(v) if v not in (None, "") else None
        for key in ("due_date", "due_start"):
            v = data.get(key)
            data[key] = dt.date.fromisoformat(v[:10]) if isinstance(v, str) and v else (v or None)
        for key, v in list(data.items()):
            if v is None and key in ActionRecord.model_fields and ActionRecord.model_fields[key].annotation is str:
                data[key] = ""
        data["confidence"] = float(data.get("confidence") or 1.0)
        out.append(ActionRecord(**data))
    return out


def stored_actions(con: duckdb.DuckDBPyConnection, plan: str, version: int) -> list[ActionRecord]:
    df = con.execute(f"SELECT {', '.join(ACTION_COLUMNS)} FROM actions WHERE plan = ? AND version = ? "
                     "ORDER BY rowid", [plan, version]).df()
    return records_from_frame(df)


def latest_version(con: duckdb.DuckDBPyConnection, plan: str) -> int:
    row = con.execute("SELECT max(version) FROM versions WHERE plan = ?", [plan]).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def import_records(db: Path, records: list[ActionRecord], plan: str, source: Path, sha256: str,
                   as_of: dt.date | None = None, settings: StoreSettings | None = None,
                   _after_actions: Callable[[], object] | None = None) -> ImportResult:
    """Store `records` as the plan's next version with its changes against the previous one, atomically."""
    from plantrack.compare.diff import diff_records

    if not records:
        raise PlantrackError(f"{source}: no action records to import")
    with connect(db, settings) as con:
        row = con.execute("SELECT version FROM versions WHERE plan = ? AND sha256 = ?", [plan, sha256]).fetchone()
        if row:
            return ImportResult(plan=plan, version=int(row[0]), actions=len(records), already_stored=True,
                                changes=None)
        previous = latest_version(con, plan)
        version = previous + 1
        changes = diff_records(stored_actions(con, plan, previous), records) if previous else None
        actions = records_frame(records)
        actions.insert(0, "version", version)
        actions.insert(0, "plan", plan)
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute("INSERT OR IGNORE INTO plans VALUES (?, ?)", [plan, dt.datetime.now()])
            con.execute("INSERT INTO versions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        [plan, version, source.name, sha256, as_of, dt.datetime.now(), __version__, len(records)])
            con.register("new_actions", actions)
            con.execute(f"INSERT INTO actions SELECT plan, version, {', '.join(ACTION_COLUMNS)} FROM new_actions")
            con.unregister("new_actions")
            if _after_actions is not None:
                _after_actions()  # tests interrupt an import here, inside its transaction
            if changes is not None and len(changes):
                frame = changes.copy()
                frame.insert(0, "to_version", version)
                frame.insert(0, "from_version", previous)
                frame.insert(0, "plan", plan)
                con.register("new_changes", frame)
                con.execute(f"INSERT INTO changes SELECT plan, from_version, to_version, {', '.join(CHANGE_COLUMNS)} "
                            "FROM new_changes")
                con.unregister("new_changes")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return ImportResult(plan=plan, version=version, actions=len(records), already_stored=False, changes=changes)


def list_versions(db: Path, plan: str | None = None) -> pd.DataFrame:
    with connect(db, read_only=True) as con:
        sql = ("SELECT v.plan, v.version, v.source_file, v.as_of, v.imported_at, v.actions, "
               "(SELECT count(*) FROM changes c WHERE c.plan = v.plan AND c.to_version = v.version "
               "AND c.status <> 'unchanged') AS changes FROM versions v")
        params: list[object] = []
        if plan:
            sql += " WHERE v.plan = ?"
            params.append(plan)
        return con.execute(sql + " ORDER BY v.plan, v.version", params).df()


def load_version(db: Path, plan: str, version: int | None = None) -> tuple[int, list[ActionRecord]]:
    with connect(db, read_only=True) as con:
        latest = latest_version(con, plan)
        if not latest:
            raise PlantrackError(f"{db}: no plan named {plan!r} (see `plantrack versions`)")
        version = version or latest
        if version < 1 or version > latest:
            raise PlantrackError(f"{db}: plan {plan!r} has versions 1..{latest}, not {version}")
        return version, stored_actions(con, plan, version)


def query(db: Path, sql: str, params: list[object] | None = None) -> pd.DataFrame:
    with connect(db, read_only=True) as con:
        return con.execute(sql, params or []).df()
