"""The change report: sections in the board's order, both sides with changed words marked, everything escaped;
and the HTML as headless Chromium renders it."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from plantrack.compare.diff import diff_records, write_changes
from plantrack.compare.report import render_html, render_markdown
from plantrack.models import ActionRecord

D = dt.date
HOSTILE = '<script>alert("x")</script> =HYPERLINK("x") <img src=x onerror=alert(1)> & | * _ # ~'


def rec(rid: str, action: str, action_id: str, source: str, **fields) -> ActionRecord:
    return ActionRecord(record_id=rid, source_file=source, plan_title="Practice Standards", action=action,
                        action_id=action_id, **fields)


def versions() -> tuple[list[ActionRecord], list[ActionRecord]]:
    deadline = {"due_kind": "deadline"}
    old = [
        rec("o1", "Conduct a full overview of the journey of the child", "1.1", "old.txt", owner_raw="AB",
            due_raw="Dec 2013", due_date=D(2013, 12, 31), rag="green", **deadline),
        rec("o2", "Set out clear expectations for all agencies", "1.2", "old.txt", owner_raw="AB/AM", rag="amber"),
        rec("o3", "Commission a review of all internal procedures", "1.3", "old.txt", owner_raw="AH"),
        rec("o4", "Ensure practitioners have access to good practice examples", "1.4", "old.txt", owner_raw="DM"),
        rec("o5", "Monitor the audit programme", "1.5", "old.txt", owner_raw="KA"),
    ]
    new = [
        rec("n1", "Conduct a full overview of the journey of the child", "1.1", "new.txt", owner_raw="AB",
            due_raw="Mar 2014", due_date=D(2014, 3, 31), rag="red", **deadline),  # slipped and worsened
        rec("n2", "Set out clear expectations for all partner agencies in Norfolk", "1.2", "new.txt",
            owner_raw="CS", rag="amber"),  # reworded and re-owned
        rec("n4", "ensure practitioners have access to good practice examples.", "1.3", "new.txt",
            owner_raw="DM"),  # cosmetic, renumbered
        rec("n5", "Monitor the audit programme", "1.4", "new.txt", owner_raw="KA"),
        rec("n6", HOSTILE + " Publish the revised threshold document", "1.5", "new.txt", owner_raw="JW"),  # added
    ]
    return old, new


@pytest.fixture(scope="module")
def changes():
    return diff_records(*versions())


EXPECTED_COUNTS = {"slipped": 1, "rag-worsened": 1, "reworded": 1, "re-owned": 1, "added": 1, "removed": 1,
                   "cosmetic": 1}
ORDER = ["Deadlines slipped", "RAG status worsened", "Actions reworded", "Owners changed", "Actions added",
         "Actions removed", "Cosmetic text changes"]


def test_markdown_sections_in_order_with_counts(changes):
    md = render_markdown(changes)
    positions = [md.index(f"## {title}") for title in ORDER]
    assert positions == sorted(positions)
    assert "## Deadlines slipped (1)" in md and "## Actions removed (1)" in md
    assert "| Actions in OLD | 5 |" in md and "| Actions in NEW | 5 |" in md
    assert "  - due: Dec 2013 \u2192 Mar 2014" in md and "  - RAG: green \u2192 red" in md
    assert "  - owner: AB/AM \u2192 CS" in md


def test_markdown_marks_changed_words(changes):
    md = render_markdown(changes)
    assert "all <ins>partner</ins> agencies <ins>in Norfolk</ins>" in md
    assert "**1.4 \u2192 1.3**" in md  # renumbered


def test_markdown_escapes_cells(changes):
    md = render_markdown(changes)
    assert "<script>" not in md and "<img" not in md
    assert "&lt;script&gt;" in md and r"\| \* \_ \# \~" in md


def test_html_sections_counts_and_word_diff(changes):
    page = render_html(changes)
    for key, n in EXPECTED_COUNTS.items():
        assert f"id='{key}' data-count='{n}'" in page
    assert "<ins>partner</ins>" in page and "<del>Ensure</del>" in page
    assert "<details class='kind' id='cosmetic'" in page  # cosmetic folded, and last
    assert page.index("id='cosmetic'") > page.index("id='removed'")


def test_html_is_self_contained_and_escaped(changes):
    page = render_html(changes)
    assert "<script" not in page and "<img" not in page and "<link" not in page and "@import" not in page
    assert "src=" not in page.replace("&lt;img src=x", "")
    assert "default-src 'none'" in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_report_without_side_details_still_renders(changes):
    bare = changes.copy()
    bare.attrs = {}
    assert "Deadlines slipped (1)" in render_markdown(bare) and "data-count='1'" in render_html(bare)


def test_empty_sections_say_none():
    old, _ = versions()
    page = render_html(diff_records(old, [r.model_copy(update={"record_id": "n" + r.record_id}) for r in old]))
    assert "id='slipped' data-count='0'" in page and "None." in page


# --- the HTML in a real browser --------------------------------------------------------------------------

def chromium() -> str | None:
    return next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)


def run_chromium(exe: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(chromium() is None, reason="chromium is not installed (CI installs it: apt-get install chromium)")
def test_html_renders_in_headless_chromium(changes, tmp_path):
    exe = chromium()
    assert exe
    write_changes(changes, tmp_path)
    url = (tmp_path / "changes.html").resolve().as_uri()

    dom = run_chromium(exe, tmp_path / "profile", "--dump-dom", url)
    assert dom.returncode == 0, dom.stderr[-500:]
    html = dom.stdout
    # the browser saw every section, with the counts the changes table has
    sections = dict(re.findall(r'<(?:section|details)[^>]*\bid="([\w-]+)"[^>]*\bdata-count="(\d+)"', html))
    for key, n in EXPECTED_COUNTS.items():
        assert sections.get(key) == str(n), (key, sections)
    summary = dict(re.findall(r'data-kind="([\w-]+)">(\d+)<', html))
    assert summary["old"] == "5" and summary["new"] == "5" and summary["slipped"] == "1"
    assert all(summary[k] == str(n) for k, n in EXPECTED_COUNTS.items())
    # a cell's markup stayed text: no script or image element was created from it
    assert "<script" not in html and "<img" not in html and "&lt;script&gt;" in html
    assert "<ins>partner</ins>" in html

    shot = tmp_path / "report.png"
    done = run_chromium(exe, tmp_path / "profile2", "--window-size=1200,1600", f"--screenshot={shot}", url)
    assert done.returncode == 0 and shot.exists(), done.stderr[-500:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
