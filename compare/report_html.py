"""The change report as one self-contained HTML page: inline CSS, no scripts, fonts or images fetched."""

from __future__ import annotations

import html

import pandas as pd

from plantrack.compare import report_view as view
from plantrack.compare.details import SideDetails, details_of
from plantrack.compare.worddiff import marked_diff

CSS = """
body{font-family:Arial,Helvetica,sans-serif;margin:2em auto;color:#222;max-width:1100px;padding:0 1em}
h1{font-size:1.5em}h2{font-size:1.2em;border-bottom:2px solid #ccc;padding-bottom:.2em;margin-top:1.6em}
table{border-collapse:collapse;margin:.5em 0 1em;font-size:.9em;width:100%}
th,td{border:1px solid #bbb;padding:.3em .5em;vertical-align:top;text-align:left}th{background:#f0f0f0}
table.summary{width:auto}td.n{text-align:right;font-variant-numeric:tabular-nums}
del{background:#fbd5d5;color:#8a1f1f}ins{background:#d4f4d4;color:#1d5e1d;text-decoration:none}
.label{color:#666;font-size:.85em}.muted{color:#777}.unsure{color:#a35a00;font-size:.85em}
details{margin-top:1.2em}summary{font-weight:bold;cursor:pointer}details.kind>summary{font-size:1.1em}
@media print{h2{page-break-after:avoid}}
"""
# Nothing may load: the page is read offline, mailed, and printed to PDF.
CSP = "default-src 'none'; style-src 'unsafe-inline'"


def _e(value: object) -> str:
    return html.escape(view.text(value), quote=True)


def _action(row: dict[str, object]) -> str:
    old, new = view.text(row["old_action"]), view.text(row["new_action"])
    if old and new and old != new:
        was, now = marked_diff(old, new)
        return f"<div><span class='label'>was:</span> {was}</div><div><span class='label'>now:</span> {now}</div>"
    return _e(new or old)


def _row(row: dict[str, object], kind: view.Kind, details: SideDetails, show_plan: bool) -> str:
    old_side, new_side = view.sides(row, details)
    cells = [f"<td>{_e(view.plan_name(view.text(row['plan_title'])))}</td>"] if show_plan else []
    number = _e(view.number(row))
    if row["confidence"] < view.UNSURE:
        number += f"<div class='unsure'>pairing uncertain ({row['confidence']:.2f})</div>"
    cells += [f"<td>{number}</td>", f"<td>{_action(row)}</td>"]
    if kind.shows in view.FIELD_LABELS:
        cells += [f"<td>{_e(view.field_value(old_side, kind.shows))}</td>",
                  f"<td>{_e(view.field_value(new_side, kind.shows))}</td>"]
    elif kind.shows in ("old", "new"):
        side = old_side if kind.shows == "old" else new_side
        cells += [f"<td>{_e(side.owner_raw if side else '')}</td>", f"<td>{_e(side.due_raw if side else '')}</td>",
                  f"<td>{_e(view.field_value(side, 'rag'))}</td>"]
    return f"<tr title='{_e(row['match_evidence'])}'>{''.join(cells)}</tr>"


def _header(kind: view.Kind, show_plan: bool) -> str:
    names = (["Plan"] if show_plan else []) + ["No.", "Action"]
    if kind.shows in view.FIELD_LABELS:
        label = view.FIELD_LABELS[kind.shows]
        names += [f"Was ({label})", f"Now ({label})"]
    elif kind.shows in ("old", "new"):
        names += ["Owner", "Due", "RAG"]
    return "<tr>" + "".join(f"<th>{n}</th>" for n in names) + "</tr>"


def _table(rows: list[dict[str, object]], kind: view.Kind, details: SideDetails, show_plan: bool) -> str:
    return ("<table>" + _header(kind, show_plan) + "".join(_row(r, kind, details, show_plan) for r in rows)
            + "</table>")


def _section(changes: pd.DataFrame, kind: view.Kind, details: SideDetails, show_plan: bool) -> str:
    rows, whole = view.rows_of(changes, kind)
    count = len(rows) + len(whole)
    if not count and not kind.always:
        return ""
    title = f"{html.escape(kind.title)} <span class='count'>({count})</span>"
    body = _table(rows, kind, details, show_plan) if rows else ""
    if whole:
        # a plan missing from one version is usually a pack holding fewer plans, not hundreds of edits
        body += (f"<details><summary>{len(whole)} actions of plans found in one version only</summary>"
                 f"{_table(whole, kind, details, True)}</details>")
    body = body or "<p class='muted'>None.</p>"
    if kind.folded:
        return (f"<details class='kind' id='{kind.key}' data-count='{count}'><summary>{title}</summary>"
                f"{body}</details>")
    return f"<section id='{kind.key}' data-count='{count}'><h2>{title}</h2>{body}</section>"


def _plans(overview: view.PlanOverview) -> str:
    name = view.plan_name
    lines = ["Plans compared: " + (_e(", ".join(name(t) for t in overview.compared)) or "none")]
    if overview.only_old:
        lines.append("Only in OLD (its actions count as removed): "
                     + _e(", ".join(f"{name(t)} ({n} actions)" for t, n in overview.only_old)))
    if overview.only_new:
        lines.append("Only in NEW (its actions count as added): "
                     + _e(", ".join(f"{name(t)} ({n} actions)" for t, n in overview.only_new)))
    return "<p id='plans'>" + "<br>".join(lines) + "</p>"


def _summary(changes: pd.DataFrame) -> str:
    def label(i: int, key: str, text: str) -> str:
        # the first four lines are totals; the others link to their section
        return f"<a href='#{key}'>{html.escape(text)}</a>" if i >= 4 else html.escape(text)

    rows = "".join(f"<tr><td>{label(i, key, text)}</td><td class='n' data-kind='{key}'>{n}</td></tr>"
                   for i, (key, text, n) in enumerate(view.summary(changes)))
    return f"<section id='summary'><h2>Summary</h2><table class='summary'>{rows}</table></section>"


def render_html(changes: pd.DataFrame, details: SideDetails | None = None) -> str:
    """The report as HTML (`details`: each side's owner/due/RAG; default: carried by the frame)."""
    details = details if details is not None else details_of(changes)
    show_plan = len(view.plans(changes).compared) > 1
    old, new = view.sources(changes)
    sections = [_section(changes, k, details, show_plan) for k in view.KINDS if not k.folded]
    folded = [_section(changes, k, details, show_plan) for k in view.KINDS if k.folded]
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<meta http-equiv='Content-Security-Policy' content=\"{CSP}\">"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>Changes between plan versions</title><style>{CSS}</style></head><body>"
        "<h1>Changes between plan versions</h1>"
        f"<p class='muted'>OLD: {_e(', '.join(old))}<br>NEW: {_e(', '.join(new))}</p>"
        + _plans(view.plans(changes)) + _summary(changes) + "".join(sections) + "".join(folded)
        + "</body></html>\n")
