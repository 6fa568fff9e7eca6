"""The command line on real packs and on bad input: one-line messages, exit codes, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from plantrack.cli import app
from tests.conftest import pack

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_extract_writes_csv_and_parquet(tmp_path):
    result = run("extract", str(pack("002")), "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    csv = pd.read_csv(tmp_path / "actions.csv", dtype=str, keep_default_na=False)
    parquet = pd.read_parquet(tmp_path / "actions.parquet")
    assert len(csv) == len(parquet) == 96
    assert "002_f42ab668102e5fb8" in result.output
    assert not list(tmp_path.glob(".*.tmp"))


BAD_INPUTS = {
    "empty.txt": b"",
    "binary.txt": bytes(range(256)) * 64,
    "noaction.txt": b"# Minutes\n\nThe panel met and agreed the minutes.\n\nItem\tDecision\nMinutes\tAgreed\n",
    "nul.txt": b"\x00" * 5000,
    "oneline.txt": b"x" * (5 * 1024 * 1024),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_gets_one_line_naming_the_file_and_exit_1(tmp_path, name):
    bad = tmp_path / name
    bad.write_bytes(BAD_INPUTS[name])
    result = run("extract", str(bad), str(pack("003")), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error")]
    assert errors and name in errors[0]
    # the good pack beside it is still extracted and written
    good = pd.read_parquet(tmp_path / "out" / "actions.parquet")
    assert set(good["source_file"]) == {pack("003").name}


@pytest.mark.parametrize("encoding", ["utf-16", "cp1252"])
def test_other_encodings_extract_normally(tmp_path, encoding):
    text = pack("003").read_text(encoding="utf-8").replace("\u2019", "'")
    target = tmp_path / f"003_{encoding}.txt"
    target.write_bytes(text.encode(encoding, errors="replace"))
    result = run("extract", str(target), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert len(pd.read_parquet(tmp_path / "out" / "actions.parquet")) == 22


def test_formula_and_html_in_cells_stay_text_and_are_neutralised(tmp_path):
    header = "Strategic Intent and Actions\tResponsible\tTarget Date"
    row = "=HYPERLINK(\"http://x\") &lt;script&gt;alert(1)&lt;/script&gt;\t+SUM(A1)\tDec 2013"
    bad = tmp_path / "formula.txt"
    bad.write_text(f"# A Plan\n\n{header}\n{row}\n", encoding="utf-8")
    result = run("extract", str(bad), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    csv = pd.read_csv(tmp_path / "out" / "actions.csv", dtype=str, keep_default_na=False)
    assert csv.loc[0, "action"].startswith("'=HYPERLINK")
    assert "<script>" in csv.loc[0, "action"]
    assert csv.loc[0, "owner_raw"] == "'+SUM(A1)"
    parquet = pd.read_parquet(tmp_path / "out" / "actions.parquet")
    assert parquet.loc[0, "action"].startswith("=HYPERLINK")


def test_usage_errors_exit_2():
    assert run("extract").exit_code == 2
    assert run("extract", "x.txt", "--reader", "nope").exit_code == 2


def test_missing_file_is_named(tmp_path):
    result = run("extract", str(tmp_path / "nope.txt"), "--out", str(tmp_path))
    assert result.exit_code == 1 and "nope.txt" in result.output


def test_python_dash_m_works(tmp_path):
    done = subprocess.run([sys.executable, "-m", "plantrack", "--help"], capture_output=True, text=True)
    assert done.returncode == 0 and "extract" in done.stdout


def test_readme_commands_match_the_cli():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    commands = {c.name or c.callback.__name__ for c in app.registered_commands}
    for name in commands:
        assert f"plantrack {name}" in readme, f"README does not document `plantrack {name}`"
