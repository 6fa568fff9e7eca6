"""diff, import, versions, export and report from the command line, good and bad input."""

from __future__ import annotations

import pandas as pd
import pytest
from typer.testing import CliRunner

from plantrack.cli import app
from tests.conftest import pack

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_diff_of_two_versions_writes_the_changes_table_and_report(tmp_path):
    result = run("diff", str(pack("000")), str(pack("001")), "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    changes = pd.read_parquet(tmp_path / "changes.parquet")
    plan = changes[changes["plan_title"] == "Action Plan"]
    assert len(plan) == 47 and (plan["status"] == "unchanged").sum() >= 30
    assert {"changes.csv", "changes.md", "changes.html"} <= {p.name for p in tmp_path.iterdir()}


def test_diff_reads_extracted_tables_too(tmp_path):
    run("extract", str(pack("000")), "--out", str(tmp_path / "a"))
    run("extract", str(pack("001")), "--out", str(tmp_path / "b"))
    result = run("diff", str(tmp_path / "a" / "actions.parquet"), str(tmp_path / "b" / "actions.csv"),
                 "--out", str(tmp_path / "d"))
    assert result.exit_code == 0, result.output
    assert len(pd.read_csv(tmp_path / "d" / "changes.csv")) > 0


@pytest.mark.parametrize("old, message", [
    ("noaction.txt", "no action table"),
    ("empty.csv", "empty"),
    ("zero.txt", "empty file"),
    ("missing.txt", "no such file"),
])
def test_diff_bad_input_is_a_clear_message_not_an_empty_report(tmp_path, old, message):
    (tmp_path / "noaction.txt").write_text("# Minutes\n\nNothing was decided.\n")
    (tmp_path / "empty.csv").write_text("record_id,source_file,action\n")
    (tmp_path / "zero.txt").write_bytes(b"")
    result = run("diff", str(tmp_path / old), str(pack("001")), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert message in result.output and old in result.output
    assert not (tmp_path / "out" / "changes.md").exists()


def test_diff_of_unrelated_plans_says_so(tmp_path):
    result = run("diff", str(pack("002")), str(pack("003")), "--out", str(tmp_path))
    assert result.exit_code == 1 and "same plan" in result.output


def test_import_versions_export_report(tmp_path):
    db = str(tmp_path / "s.duckdb")
    first = run("import", str(pack("000")), "--plan", "Norfolk", "--db", db)
    assert first.exit_code == 0 and "version 1" in first.output
    second = run("import", str(pack("001")), "--plan", "Norfolk", "--db", db, "--as-of", "2013-12-01")
    assert second.exit_code == 0 and "version 2" in second.output and "unchanged" in second.output
    again = run("import", str(pack("001")), "--plan", "Norfolk", "--db", db)
    assert again.exit_code == 0 and "already stored" in again.output
    listing = run("versions", "--db", db)
    assert listing.exit_code == 0 and "Norfolk" in listing.output
    stored = run("diff", "--plan", "Norfolk", "--db", db, "--out", str(tmp_path / "d"))
    assert stored.exit_code == 0 and (tmp_path / "d" / "changes.html").exists()
    exported = run("export", "--format", "csv", "--out", str(tmp_path / "bi"), "--db", db)
    assert exported.exit_code == 0 and (tmp_path / "bi" / "actions.csv").exists()
    report = run("report", "--plan", "Norfolk", "--db", db, "--as-of", "2014-01-01", "--out", str(tmp_path / "r.html"))
    assert report.exit_code == 0 and (tmp_path / "r.html").read_text().count("<h2") >= 4


def test_db_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("PLANTRACK_DB", str(tmp_path / "env.duckdb"))
    assert run("import", str(pack("003")), "--plan", "NSCB").exit_code == 0
    assert (tmp_path / "env.duckdb").exists()


def test_bad_dates_and_formats_are_usage_errors(tmp_path):
    assert run("import", str(pack("003")), "--plan", "X", "--as-of", "soon", "--db", str(tmp_path / "x")).exit_code == 2
    assert run("export", "--format", "pdf", "--out", str(tmp_path)).exit_code == 2
