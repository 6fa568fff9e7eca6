"""The board report: RAG counts per section, overdue actions, slipped deadlines, actions per owner.

One self-contained HTML page (inline CSS, charts as inline SVG, no scripts or fetches) that
prints to PDF through headless Chromium.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import shutil
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

import pandas as pd

from plantrack.errors import PlantrackError
from plantrack.models import ActionRecord
from plantrack.writers import atomic_path

RAG_ORDER = ["red", "amber", "green", "complete", "not_started"]
RAG_COLOURS = {"red": "#E06666", "amber": "#F6B26B", "green": "#93C47D", "complete": "#6FA8DC",
               "not_started": "#DDDDDD", "none": "#F3F3F3"}
CSS = """
body{font-family:Arial,Helvetica,sans-serif;margin:2em;color:#222;max-width:1100px}
h1{font-size:1.6em}h2{font-size:1.25em;border-bottom:2px solid #ccc;padding-bottom:.2em;margin-top:1.6em}
table{border-collapse:collapse;margin:.5em 0 1em;font-size:.9em}th,td{border:1px solid #bbb;padding:.25em .5em;
vertical-align:top}th{background:#f0f0f0}td.n{text-align:right}.muted{color:#777}
.rag{display:inline-block;min-width:5em;text-align:center;border-radius:3px;padding:0 .3em}
@media print{body{margin:1cm}h2{page-break-after:avoid}table{page-break-inside:auto}}
"""


def rag_counts(records: list[ActionRecord], field: str = "rag") -> pd.DataFrame:
    """Actions per section and RAG status (rows: sections in plan order; columns: statuses)."""
    sections: list[str] = []
    counts: dict[str, Counter[str]] = {}
    for r in records:
        key = r.section or "(none)"
        if key not in counts:
            sections.append(key)
            counts[key] = Counter()
        counts[key][getattr(r, field) or "none"] += 1
    cols = [c for c in RAG_ORDER + ["none"] if any(c in v for v in counts.values())]
    df = pd.DataFrame([[counts[s].get(c, 0) for c in cols] for s in sections], index=sections, columns=cols)
    if not df.empty:
        df.loc["Total"] = df.sum()
    return df


def overdue(records: list[ActionRecord], as_of: dt.date) -> list[ActionRecord]:
    """Deadlines before `as_of` on actions that are not complete."""
    return [r for r in records if r.due_date and r.due_date < as_of and r.rag != "complete"]


def owner_counts(records: list[ActionRecord]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for r in records:
        for name in r.owner_names or ["(no owner printed)"]:
            counts[name] += 1
    return counts


def rag_chart_svg(counts: pd.DataFrame, title: str) -> str:
    """A stacked bar chart of RAG per section as inline SVG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    data = counts.drop(index="Total", errors="ignore")
    if data.empty:
        return ""
    fig, ax = plt.subplots(figsize=(8, max(2.0, 0.35 * len(data) + 1)))
    left = [0] * len(data)
    labels = [str(s)[:40] for s in data.index]
    for status in data.columns:
        values = list(data[status])
        ax.barh(labels, values, left=left, color=RAG_COLOURS.get(status, "#ccc"), label=status.replace("_", " "),
                edgecolor="#555", linewidth=0.5)
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.invert_yaxis()
    ax.set_title(title)
    ax.set_xlabel("actions")
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    buf = io.StringIO()
    fig.savefig(buf, format="svg")
    plt.close(fig)
    svg = buf.getvalue()
    return svg[svg.index("<svg"):]


def _table(df: pd.DataFrame, index_name: str = "section") -> str:
    head = "".join(f"<th>{html.escape(str(c)).replace('_', ' ')}</th>" for c in df.columns)
    rows = "".join(
        f"<tr><td>{html.escape(str(i))}</td>" + "".join(f"<td class='n'>{v}</td>" for v in row) + "</tr>"
        for i, row in zip(df.index, df.itertuples(index=False), strict=True))
    return f"<table><tr><th>{index_name}</th>{head}</tr>{rows}</table>"


def _rag_badge(status: str | None) -> str:
    if not status:
        return ""
    return f"<span class='rag' style='background:{RAG_COLOURS.get(status, '#eee')}'>{status.replace('_', ' ')}</span>"


def render_report(records: list[ActionRecord], title: str, as_of: dt.date,
                  previous: list[ActionRecord] | None = None, changes: pd.DataFrame | None = None) -> str:
    """The board report as one self-contained HTML page."""
    if not records:
        raise PlantrackError("no action records to report on")
    e = html.escape
    parts = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{e(title)}</title>"
             f"<style>{CSS}</style></head><body>",
             f"<h1>{e(title)}</h1><p class='muted'>{len(records)} actions; report as of {as_of.isoformat()}; "
             f"sources: {e(', '.join(sorted({r.source_file for r in records})))}</p>"]
    current = rag_counts(records, "rag")
    parts.append("<h2 id='rag'>RAG status by section</h2>")
    if any(r.rag for r in records):
        parts.append(rag_chart_svg(current, "Current RAG by section"))
        parts.append("<h3>Current</h3>" + _table(current))
    else:
        parts.append("<p>The pack prints no RAG status for its actions.</p>")
    prev_source = None
    if any(r.rag_previous for r in records):
        prev_source, prev = "the pack's Previous column", rag_counts(records, "rag_previous")
    elif previous and any(r.rag for r in previous):
        prev_source, prev = "the previous stored version", rag_counts(previous, "rag")
    if prev_source:
        parts.append(f"<h3>Previous ({e(prev_source)})</h3>" + _table(prev))
    late = overdue(records, as_of)
    parts.append(f"<h2 id='overdue'>Overdue actions as of {as_of.isoformat()} ({len(late)})</h2>")
    if late:
        parts.append("<table><tr><th>id</th><th>action</th><th>owner</th><th>due</th><th>RAG</th></tr>" + "".join(
            f"<tr><td>{e(r.action_id or '')}</td><td>{e(r.action[:200])}</td><td>{e(r.owner_raw)}</td>"
            f"<td>{e(r.due_raw)}</td><td>{_rag_badge(r.rag)}</td></tr>"
            for r in sorted(late, key=lambda r: r.due_date or as_of)) + "</table>")
    else:
        parts.append("<p>No action is past its deadline.</p>")
    parts.append("<h2 id='slipped'>Deadlines slipped since the previous version</h2>")
    if changes is not None and len(changes):
        slipped = changes[changes["due_change"] == "slipped"]
        parts.append(f"<p>{len(slipped)} slipped.</p>")
        if len(slipped):
            parts.append("<table><tr><th>id</th><th>action</th></tr>" + "".join(
                f"<tr><td>{e(str(r.get('new_action_id') or ''))}</td><td>{e(str(r.get('new_action') or '')[:200])}"
                "</td></tr>" for r in slipped.to_dict("records")) + "</table>")
    else:
        parts.append("<p class='muted'>No previous version to compare with.</p>")
    owners = owner_counts(records)
    parts.append(f"<h2 id='owners'>Actions per owner ({len(owners)})</h2><table><tr><th>owner</th><th>actions</th>"
                 "</tr>" + "".join(f"<tr><td>{e(k)}</td><td class='n'>{v}</td></tr>"
                                   for k, v in owners.most_common()) + "</table>")
    parts.append("</body></html>")
    return "".join(parts)


def write_report(page: str, out: Path, pdf: bool = False) -> list[Path]:
    out = Path(out)
    with atomic_path(out) as tmp:
        tmp.write_text(page, encoding="utf-8")
    written = [out]
    if pdf:
        written.append(print_pdf(out, out.with_suffix(".pdf")))
    return written


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def print_pdf(page: Path, target: Path) -> Path:
    exe = chromium()
    if exe is None:
        raise PlantrackError("--pdf needs Chromium: install it (Debian: apt-get install chromium)")
    with tempfile.TemporaryDirectory() as profile, atomic_path(target) as tmp:
        cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
               f"--print-to-pdf={tmp}", "--no-pdf-header-footer", page.resolve().as_uri()]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        if done.returncode != 0 or not tmp.exists() or tmp.stat().st_size == 0:
            raise PlantrackError(f"Chromium could not print {page} to PDF: {done.stderr.strip()[-300:]}")
    return target
