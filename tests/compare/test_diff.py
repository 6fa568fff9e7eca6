"""The changes table: its columns, one row per pair / removed / added action, errors, and the files written."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pyarrow.parquet as pq
import pytest

from plantrack.compare.diff import diff_records, write_changes
from plantrack.errors import PlantrackError
from plantrack.models import CHANGE_COLUMNS, CHANGES_SCHEMA, ActionRecord
from tests.compare.sample_plans import gold_records

D = dt.date


def rec(rid: str, action: str, action_id: str | None, source: str = "old.txt", plan: str = "Plan",
        **fields) -> ActionRecord:
    return ActionRecord(record_id=rid, source_file=source, source_line=int(rid[1:]) + 10, plan_title=plan,
                        action=action, action_id=action_id, **fields)


@pytest.fixture
def versions() -> tuple[list[ActionRecord], list[ActionRecord]]:
    old = [
        rec("o1", "Conduct a full and detailed visual overview of the journey of the child", "1.1.1",
            owner_raw="AB/AH/MC", due_raw="Dec 2013", due_kind="deadline", due_date=D(2013, 12, 31), rag="amber"),
        rec("o2", "Set out clear expectations and practice standards for all agencies", "1.1.2",
            owner_raw="AB/AM", due_raw="From Sept 2013 -", due_kind="from", due_start=D(2013, 9, 1), rag="green"),
        rec("o3", "Commission a review of all internal Tri-X procedures", "1.1.3", owner_raw="AB/AH"),
        rec("o4", "Ensure practitioners have access to good practice examples", "1.1.4", owner_raw="AB/DM",
            rag="red"),
    ]
    new = [
        rec("n1", "Conduct a full and detailed visual overview of the journey of the child", "1.1.1", "new.txt",
            owner_raw="AB/ AH/ MC", due_raw="Mar 2014", due_kind="deadline", due_date=D(2014, 3, 31), rag="amber"),
        rec("n2", "Set out clear expectations and practice standards for all partner agencies", "1.1.2", "new.txt",
            owner_raw="CS", due_raw="Sept 2013 onwards", due_kind="from", due_start=D(2013, 9, 1), rag="amber"),
        rec("n4", "Ensure practitioners have access to good practice examples", "1.1.3", "new.txt",
            owner_raw="AB/DM", rag="green"),
        rec("n5", "=HYPERLINK(\"http://example.com\") <b>Publish</b> the threshold document", "1.1.4", "new.txt",
            owner_raw="JW"),
    ]
    return old, new


def test_columns_are_the_schema_in_order(versions):
    df = diff_records(*versions)
    assert list(df.columns) == CHANGE_COLUMNS
    assert str(df["old_source_line"].dtype) == "Int32" and df["similarity"].dtype == "float64"


def test_one_row_per_pair_removed_and_added(versions):
    df = diff_records(*versions)
    rows = {(r.old_record_id, r.new_record_id): r for r in df.itertuples()}
    assert set(rows) == {("o1", "n1"), ("o2", "n2"), ("o4", "n4"), ("o3", None), (None, "n5")}
    o1 = rows[("o1", "n1")]
    assert (o1.status, o1.text_change, o1.owner_change, o1.due_change, o1.rag_change) == \
        ("changed", "none", "none", "slipped", "none")
    o2 = rows[("o2", "n2")]
    assert (o2.text_change, o2.owner_change, o2.due_change, o2.rag_change) == \
        ("reworded", "changed", "reworded", "worsened")
    o4 = rows[("o4", "n4")]  # renumbered 1.1.4 -> 1.1.3, otherwise the same action
    assert (o4.old_action_id, o4.new_action_id, o4.rag_change) == ("1.1.4", "1.1.3", "improved")
    removed, added = rows[("o3", None)], rows[(None, "n5")]
    assert removed.status == "removed" and removed.old_action_id == "1.1.3" and pd.isna(removed.text_change)
    assert added.status == "added" and added.new_source_file == "new.txt" and pd.isna(added.old_source_file)
    assert o1.old_source_line == 11 and pd.isna(added.old_source_line)


def test_status_changed_exactly_when_a_change_column_is_not_none():
    old = gold_records(seed=1)
    new = [r.model_copy(update={"record_id": "n" + r.record_id, "rag": "red" if k % 7 == 0 else r.rag})
           for k, r in enumerate(old)]
    df = diff_records(old, new)
    paired = df[df["status"].isin(["changed", "unchanged"])]
    any_change = (paired[["text_change", "owner_change", "due_change", "rag_change"]] != "none").any(axis=1)
    assert ((paired["status"] == "changed") == any_change).all()
    assert len(paired) == len(old) and (df["status"] != "added").sum() == len(old)


def test_rows_follow_new_order_with_removed_after_their_old_neighbour(versions):
    df = diff_records(*versions)
    assert list(zip(df["old_record_id"].fillna("-"), df["new_record_id"].fillna("-"), strict=True)) == [
        ("o1", "n1"), ("o2", "n2"), ("o3", "-"), ("o4", "n4"), ("-", "n5")]


def test_evidence_and_confidence(versions):
    df = diff_records(*versions).set_index("old_record_id", drop=False)
    assert df.loc["o1", "match_evidence"].startswith("same id 1.1.1; same text")
    assert df.loc["o1", "confidence"] == 1.0 and df.loc["o1", "similarity"] == 1.0
    assert df.loc["o3", "match_evidence"].startswith("no match in NEW")
    assert ((df["confidence"] > 0) & (df["confidence"] <= 1)).all()


@pytest.mark.parametrize("side", ["OLD", "NEW"])
def test_no_records_is_an_error_not_an_empty_report(versions, side):
    old, new = versions
    with pytest.raises(PlantrackError, match=f"{side} has no action records: nothing to compare"):
        diff_records([] if side == "OLD" else old, [] if side == "NEW" else new)


def test_no_plan_in_common_is_an_error():
    old = [rec("o1", "Audit twenty case files each month", "1", plan="People")]
    new = [rec("n1", "Train all school governors in safeguarding", "1", "new.txt", plan="Governance Strategy")]
    with pytest.raises(PlantrackError, match=r"no plan of OLD \('People'\) matches a plan of NEW"):
        diff_records(old, new)


def test_plan_missing_from_new_counts_its_actions_as_removed():
    old = [rec("o1", "Audit twenty case files each month", "1", plan="People"),
           rec("o2", "Train all school governors", "1", plan="Governance")]
    new = [rec("n1", "Audit twenty case files each month", "1", "new.txt", plan="People")]
    df = diff_records(old, new)
    gone = df[df["old_record_id"] == "o2"].iloc[0]
    assert gone["status"] == "removed" and gone["match_evidence"] == "plan not in NEW"


def test_write_changes_writes_four_files(versions, tmp_path):
    df = diff_records(*versions)
    paths = write_changes(df, tmp_path / "out")
    assert sorted(p.name for p in paths) == ["changes.csv", "changes.html", "changes.md", "changes.parquet"]
    table = pq.read_table(tmp_path / "out" / "changes.parquet")
    assert table.schema.equals(CHANGES_SCHEMA)
    assert table.num_rows == len(df)
    csv = pd.read_csv(tmp_path / "out" / "changes.csv", dtype=str, keep_default_na=False)
    assert list(csv.columns) == CHANGE_COLUMNS
    added = csv[csv["status"] == "added"].iloc[0]
    assert added["new_action"].startswith("'=HYPERLINK")  # a spreadsheet shows it, never runs it
    html = (tmp_path / "out" / "changes.html").read_text(encoding="utf-8")
    assert "<b>Publish</b>" not in html and "&lt;b&gt;Publish&lt;/b&gt;" in html


def test_api_diff_uses_this_module(versions, tmp_path):
    from plantrack import api

    df = api.diff(*versions, out=tmp_path)
    assert len(df) == 5 and (tmp_path / "changes.html").exists()
