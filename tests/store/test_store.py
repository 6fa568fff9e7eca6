"""The DuckDB store: versions of a plan, atomic imports, concurrent writers, BI exports."""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pytest

from plantrack import api
from plantrack.errors import PlantrackError
from plantrack.store import file_sha256, import_records
from tests.conftest import pack

OLD, NEW = pack("000"), pack("001")


def counts(db: Path) -> tuple[int, int, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return tuple(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[return-value]
                     for t in ("versions", "actions", "changes"))
    finally:
        con.close()


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("store") / "plantrack.duckdb"
    api.import_pack(OLD, "Norfolk children", db)
    api.import_pack(NEW, "Norfolk children", db)
    return db


def test_two_imports_make_two_versions_with_changes(store):
    v = api.versions(store)
    assert list(v["version"]) == [1, 2]
    versions, actions, changes = counts(store)
    assert versions == 2 and actions > 0 and changes > 0
    changed = duckdb.connect(str(store), read_only=True).execute(
        "SELECT count(*) FROM latest_changes WHERE status <> 'unchanged'").fetchone()[0]
    assert changed > 0


def test_reimporting_the_same_file_is_a_no_op(store):
    before = counts(store)
    result = api.import_pack(NEW, "Norfolk children", store)
    assert result.already_stored and result.version == 2
    assert counts(store) == before


def test_latest_actions_view_holds_only_the_newest_version(store):
    df = api.diff_stored("Norfolk children", store)
    latest = duckdb.connect(str(store), read_only=True).execute(
        "SELECT DISTINCT version, source_file FROM latest_actions").fetchall()
    assert latest == [(2, NEW.name)]
    assert set(df["status"]) <= {"unchanged", "changed", "added", "removed"}


def test_a_failure_inside_the_import_leaves_the_store_unchanged(tmp_path):
    db = tmp_path / "s.duckdb"
    api.import_pack(OLD, "P", db)
    before = counts(db)
    records = api.load_records(NEW)

    def boom() -> None:
        raise RuntimeError("disk gone")

    with pytest.raises(RuntimeError):
        import_records(db, records, "P", NEW, file_sha256(NEW), _after_actions=boom)
    assert counts(db) == before
    assert list(api.versions(db)["version"]) == [1]


def _import_and_hang(db: str, marker: str) -> None:
    records = api.load_records(NEW)

    def hang() -> None:
        Path(marker).write_text("inside")
        time.sleep(60)

    import_records(Path(db), records, "P", NEW, file_sha256(NEW), _after_actions=hang)


def test_a_killed_import_leaves_the_store_usable_and_unchanged(tmp_path):
    db = tmp_path / "s.duckdb"
    api.import_pack(OLD, "P", db)
    before = counts(db)
    marker = tmp_path / "marker"
    proc = mp.get_context("fork").Process(target=_import_and_hang, args=(str(db), str(marker)))
    proc.start()
    deadline = time.time() + 60
    while not marker.exists() and time.time() < deadline:
        time.sleep(0.05)
    assert marker.exists(), "the import never reached its transaction"
    os.kill(proc.pid, signal.SIGKILL)
    proc.join()
    assert counts(db) == before
    result = api.import_pack(NEW, "P", db)  # and the store still takes the next import
    assert result.version == 2


def _import(db: str, path: str, plan: str) -> None:
    api.import_pack(Path(path), plan, Path(db))


def test_two_imports_at_once_both_land(tmp_path):
    db = tmp_path / "s.duckdb"
    ctx = mp.get_context("fork")
    procs = [ctx.Process(target=_import, args=(str(db), str(p), plan))
             for p, plan in ((OLD, "A"), (NEW, "B"))]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0]
    assert sorted(api.versions(db)["plan"]) == ["A", "B"]


def test_reading_a_missing_store_says_what_to_do(tmp_path):
    with pytest.raises(PlantrackError, match="plantrack import"):
        api.versions(tmp_path / "none.duckdb")


def test_parquet_export_is_typed(store, tmp_path):
    files = api.export("parquet", tmp_path, store)
    actions = pd.read_parquet(tmp_path / "actions.parquet")
    assert {p.name for p in files} == {"actions.parquet", "changes.parquet"}
    assert str(actions["due_date"].dtype).startswith(("datetime64", "date32", "object"))
    rows = duckdb.connect().execute(f"DESCRIBE SELECT * FROM '{tmp_path / 'actions.parquet'}'").fetchall()
    types = {r[0]: r[1] for r in rows}
    assert types["due_date"] == "DATE" and types["owners"] == "VARCHAR[]" and types["version"] == "INTEGER"
    assert set(actions["version"]) == {2}


def test_partitioned_parquet_has_a_folder_per_plan(store, tmp_path):
    api.export("parquet", tmp_path, store, partition=True)
    assert len(list((tmp_path / "actions").iterdir())) == 1
    back = pd.read_parquet(tmp_path / "actions")
    assert set(back["plan"].astype(str)) == {"Norfolk children"} and len(back) > 0


def test_csv_export(store, tmp_path):
    api.export("csv", tmp_path, store, plan="Norfolk children", version=1)
    df = pd.read_csv(tmp_path / "actions.csv", dtype=str, keep_default_na=False)
    assert set(df["version"]) == {"1"} and set(df["source_file"]) == {OLD.name}


def test_excel_export_has_frozen_header_filters_dates_and_rag_fills(tmp_path):
    db = tmp_path / "s.duckdb"
    api.import_pack(pack("004"), "Sunderland", db)
    api.export("xlsx", tmp_path, db)
    book = openpyxl.load_workbook(tmp_path / "plantrack.xlsx")
    sheet = book["actions"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    header = [c.value for c in sheet[1]]
    due = header.index("due_date") + 1
    rag = header.index("rag_raw") + 1
    dates = [sheet.cell(row=r, column=due).value for r in range(2, sheet.max_row + 1)]
    assert any(hasattr(d, "year") for d in dates)
    fills = {sheet.cell(row=r, column=rag).fill.fgColor.rgb for r in range(2, sheet.max_row + 1)
             if sheet.cell(row=r, column=rag).value}
    assert {"FF93C47D", "FFF6B26B", "FF6FA8DC"} <= fills  # green, amber, complete
    assert "changes" in book.sheetnames
