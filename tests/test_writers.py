"""Writers change format, never meaning; a failure never leaves a half-written file."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pyarrow.parquet as pq
import pytest

from plantrack.api import records_frame
from plantrack.models import ActionRecord
from plantrack.writers import atomic_path, neutralise_formula, write_csv, write_parquet


def sample_frame() -> pd.DataFrame:
    rec = ActionRecord(source_file="x.txt", source_line=3, action="=1+1", owners=["AB", "AH"],
                       due_raw="Dec 2013", due_date=dt.date(2013, 12, 31), due_kind="deadline", flags=["f"])
    return records_frame([rec])


def test_parquet_keeps_types(tmp_path):
    write_parquet(sample_frame(), tmp_path / "a.parquet")
    table = pq.read_table(tmp_path / "a.parquet")
    assert str(table.schema.field("due_date").type) == "date32[day]"
    assert str(table.schema.field("owners").type) == "list<element: string>"
    assert str(table.schema.field("source_page").type) == "int32"
    row = table.to_pylist()[0]
    assert row["due_date"] == dt.date(2013, 12, 31) and row["owners"] == ["AB", "AH"] and row["source_page"] is None


def test_csv_joins_lists_and_neutralises_formulas(tmp_path):
    write_csv(sample_frame(), tmp_path / "a.csv")
    df = pd.read_csv(tmp_path / "a.csv", dtype=str, keep_default_na=False)
    assert df.loc[0, "owners"] == "AB; AH"
    assert df.loc[0, "action"] == "'=1+1"
    assert df.loc[0, "due_date"] == "2013-12-31"
    assert df.loc[0, "source_line"] == "3" and df.loc[0, "source_page"] == ""


@pytest.mark.parametrize("value", ["=A1", "+1", "-1", "@x", "\tx", "\rx"])
def test_formula_starts(value):
    assert neutralise_formula(value) == "'" + value


def test_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "actions.csv"
    target.write_text("old")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            tmp.write_text("half")
            raise RuntimeError("disk full")
    assert target.read_text() == "old"
    assert list(tmp_path.iterdir()) == [target]
