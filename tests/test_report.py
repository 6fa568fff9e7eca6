"""The board report, rendered in a real headless browser."""

from __future__ import annotations

import datetime as dt
import subprocess
import tempfile
from pathlib import Path

import pytest

from plantrack import api
from plantrack.report import chromium, overdue, rag_counts
from tests.conftest import pack

needs_chromium = pytest.mark.skipif(chromium() is None, reason="Chromium not installed (.ci/run installs it)")


def dump_dom(page: Path) -> str:
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
             "--dump-dom", page.resolve().as_uri()], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-500:]
    return done.stdout


def test_rag_counts_per_section_for_pack_004(text_records):
    recs = [r for r in text_records[pack("004").name] if r.table_kind == "plan"]
    counts = rag_counts(recs)
    assert counts.loc["Total", "amber"] == 8 and counts.loc["Total", "green"] == 34
    assert counts.loc["3", "green"] == 13  # priority 3: 10 dark green + 3 light green


def test_overdue_excludes_complete_and_undated(text_records):
    recs = text_records[pack("004").name]
    late = overdue(recs, dt.date(2016, 1, 1))
    assert late and all(r.due_date < dt.date(2016, 1, 1) and r.rag != "complete" for r in late)


@needs_chromium
def test_report_renders_in_a_browser_with_sections_and_counts(tmp_path):
    out = tmp_path / "report.html"
    api.report(out, pack=pack("004"), as_of=dt.date(2016, 1, 1))
    html = out.read_text()
    # self-contained: no scripts, stylesheets or images fetched from anywhere
    assert "<script" not in html and "<link" not in html and "@import" not in html
    assert 'src="http' not in html and "url(http" not in html
    dom = dump_dom(out)
    for section_id in ("rag", "overdue", "slipped", "owners"):
        assert f'id="{section_id}"' in dom
    assert "<svg" in dom
    assert "Director of Children's Social Care" in dom or "Director of Children&#x27;s Social Care" in dom


@needs_chromium
def test_report_prints_to_pdf(tmp_path):
    files = api.report(tmp_path / "report.html", pack=pack("004"), as_of=dt.date(2016, 1, 1), pdf=True)
    pdf = files[-1]
    assert pdf.suffix == ".pdf" and pdf.read_bytes().startswith(b"%PDF")
