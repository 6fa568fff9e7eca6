"""The change report as Markdown: headline figures, then each kind of change with both sides."""

from __future__ import annotations

import html
import re

import pandas as pd

from plantrack.compare import report_view as view
from plantrack.compare.details import SideDetails, details_of
from plantrack.compare.worddiff import marked_diff

_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")


def md_escape(value: str) -> str:
    """Text shown as text: HTML escaped (so cell markup never renders), Markdown's characters backslashed."""
    return _SPECIAL.sub(r"\\\1", html.escape(value, quote=False))


def _action(row: dict[str, object]) -> list[str]:
    old, new = view.text(row["old_action"]), view.text(row["new_action"])
    if old and new and old != new:
        was, now = marked_diff(old, new, md_escape)
        return [f"  - was: {was}", f"  - now: {now}"]
    return [f"  - {md_escape(new or old)}"]


def _item(row: dict[str, object], kind: view.Kind, details: SideDetails, show_plan: bool) -> list[str]:
    head = f"- **{md_escape(view.number(row)) or '(no number)'}**"
    if show_plan:
        head += f" ({md_escape(view.plan_name(view.text(row['plan_title'])))})"
    if row["confidence"] < view.UNSURE:
        head += f" *(pairing uncertain: {row['confidence']:.2f})*"
    lines = [head] + _action(row)
    old_side, new_side = view.sides(row, details)
    if kind.shows in view.FIELD_LABELS:
        was = md_escape(view.field_value(old_side, kind.shows)) or "(none)"
        now = md_escape(view.field_value(new_side, kind.shows)) or "(none)"
        lines.append(f"  - {view.FIELD_LABELS[kind.shows]}: {was} {view.ARROW} {now}")
    elif kind.shows in ("old", "new"):
        side = old_side if kind.shows == "old" else new_side
        if side is not None:
            lines.append(f"  - owner: {md_escape(side.owner_raw) or '(none)'}; due: {md_escape(side.due_raw) or '(none)'}"
                         f"; RAG: {md_escape(view.field_value(side, 'rag')) or '(none)'}")
    return lines


def _plans(overview: view.PlanOverview) -> list[str]:
    name = view.plan_name
    out = ["Plans compared: " + (", ".join(md_escape(name(t)) for t in overview.compared) or "none")]
    if overview.only_old:
        out.append("Only in OLD (its actions count as removed): "
                   + ", ".join(f"{md_escape(name(t))} ({n} actions)" for t, n in overview.only_old))
    if overview.only_new:
        out.append("Only in NEW (its actions count as added): "
                   + ", ".join(f"{md_escape(name(t))} ({n} actions)" for t, n in overview.only_new))
    return [line + "  " for line in out[:-1]] + out[-1:] + [""]


def render_markdown(changes: pd.DataFrame, details: SideDetails | None = None) -> str:
    """The report as Markdown (`details`: each side's owner/due/RAG; default: carried by the frame)."""
    details = details if details is not None else details_of(changes)
    show_plan = len(view.plans(changes).compared) > 1
    old, new = view.sources(changes)
    out = ["# Changes between plan versions", "",
           f"OLD: {md_escape(', '.join(old)) or '(none)'}  ", f"NEW: {md_escape(', '.join(new)) or '(none)'}", ""]
    out += _plans(view.plans(changes))
    out += ["## Summary", "", "| | count |", "| --- | ---: |"]
    out += [f"| {md_escape(label)} | {n} |" for _, label, n in view.summary(changes)]
    for kind in view.KINDS:
        rows, whole = view.rows_of(changes, kind)
        if not rows and not whole and not kind.always:
            continue
        out += ["", f"## {kind.title} ({len(rows) + len(whole)})", ""]
        if not rows and not whole:
            out.append("None.")
        for row in rows:
            out += _item(row, kind, details, show_plan)
        if whole:
            out += ["", f"Plus {len(whole)} actions of plans found in one version only (listed in changes.csv)."]
    return "\n".join(out) + "\n"
