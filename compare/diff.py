"""Two versions of a plan -> the changes table (one row per pair, removed and added action) and its files."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from plantrack.compare.classify import Classification, classify
from plantrack.compare.details import ATTRS_KEY, side_details
from plantrack.compare.evidence import Evidence
from plantrack.compare.match import MatchResult, match_detail
from plantrack.compare.plans import NOT_IN_NEW, NOT_IN_OLD, PlanMatch, group_by_plan, match_plans
from plantrack.compare.report import render_html, render_markdown
from plantrack.errors import PlantrackError
from plantrack.models import CHANGE_COLUMNS, CHANGES_SCHEMA, ActionRecord
from plantrack.settings import DiffSettings
from plantrack.writers import atomic_path, write_csv, write_parquet

INT_COLUMNS = ("old_source_line", "new_source_line", "old_source_page", "new_source_page")
FLOAT_COLUMNS = ("similarity", "confidence")
DOUBT_BAND = 0.15  # a rejected candidate this close under the threshold makes "added"/"removed" a guess


def _side_values(prefix: str, r: ActionRecord | None) -> dict[str, object]:
    if r is None:
        return {f"{prefix}_{k}": None for k in ("record_id", "source_file", "source_line", "source_page",
                                                  "action_id", "action")}
    return {f"{prefix}_record_id": r.record_id or None, f"{prefix}_source_file": r.source_file,
            f"{prefix}_source_line": r.source_line, f"{prefix}_source_page": r.source_page,
            f"{prefix}_action_id": r.action_id, f"{prefix}_action": r.action}


def _row(plan: str, status: str, old: ActionRecord | None, new: ActionRecord | None,
         changes: Classification | None, similarity: float, evidence: str, confidence: float) -> dict[str, object]:
    row: dict[str, object] = {"plan_title": plan, "status": status}
    row.update(_side_values("old", old))
    row.update(_side_values("new", new))
    names = ("text_change", "owner_change", "due_change", "rag_change")
    row.update(dict(zip(names, changes, strict=True)) if changes else dict.fromkeys(names))
    row.update(similarity=round(similarity, 4), match_evidence=evidence, confidence=confidence)
    return row


def _near(record: ActionRecord, e: Evidence) -> str:
    """The best candidate turned down, in words: `2.13 (text 0.69, score 0.54)`."""
    score = f", score {e.score:.2f}" if e.score > 0 else ", text too different"
    return f"{record.action_id or '(no id)'} (text {e.similarity:.2f}{score})"


def _unpaired_confidence(near_score: float | None, threshold: float) -> float:
    if near_score is None:
        return 1.0
    return round(0.5 + 0.5 * min(1.0, max(0.0, (threshold - near_score) / DOUBT_BAND)), 3)


def _plan_rows(plan: PlanMatch, old: list[ActionRecord], new: list[ActionRecord], old_idx: list[int],
               new_idx: list[int], settings: DiffSettings) -> Iterator[tuple[tuple[float, int], dict[str, object]]]:
    """Rows of one plan pair, each with a sort key placing it in NEW's order (removed ones after their old neighbour)."""
    title = plan.new_title if plan.new_title is not None else plan.old_title or ""
    old_recs = [old[k] for k in old_idx]
    new_recs = [new[k] for k in new_idx]
    result = match_detail(old_recs, new_recs, settings) if old_recs and new_recs else MatchResult(pairs=[])
    paired_old: dict[int, int] = {}
    for p in result.pairs:
        a, b = old_recs[p.old_index], new_recs[p.new_index]
        c = classify(a, b, settings)
        paired_old[p.old_index] = p.new_index
        yield (p.new_index, 1), _row(title, c.status, a, b, c, p.similarity, p.match_evidence, p.confidence)

    previous_new = -0.5
    for i, a in enumerate(old_recs):
        if i in paired_old:
            previous_new = paired_old[i] + 0.5
            continue
        evidence, conf = _unpaired(result.near_old.get(i), new_recs, plan.new_title is None, NOT_IN_NEW, "NEW",
                                   settings)
        yield (previous_new, 0), _row(title, "removed", a, None, None, 0.0, evidence, conf)

    paired_new = set(paired_old.values())
    for j, b in enumerate(new_recs):
        if j in paired_new:
            continue
        evidence, conf = _unpaired(result.near_new.get(j), old_recs, plan.old_title is None, NOT_IN_OLD, "OLD",
                                   settings)
        yield (j, 1), _row(title, "added", None, b, None, 0.0, evidence, conf)


def _unpaired(near, others, plan_missing: bool, missing_text: str, side: str,
              settings: DiffSettings) -> tuple[str, float]:
    """Why an action has no partner on the other side, and how sure that is."""
    if plan_missing:
        evidence = missing_text
    elif near:
        evidence = f"no match in {side}; nearest {_near(others[near[0]], near[1])}"
    else:
        evidence = f"no match in {side}"
    return evidence, _unpaired_confidence(near[1].score if near else None, settings.match_threshold)


def _frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    data: dict[str, object] = {}
    for col in CHANGE_COLUMNS:
        values = [r[col] for r in rows]
        if col in INT_COLUMNS:
            data[col] = pd.array(values, dtype="Int32")
        elif col in FLOAT_COLUMNS:
            data[col] = pd.array(values, dtype="float64")
        else:
            data[col] = pd.Series(values, dtype=object)  # None for missing, as every writer expects
    return pd.DataFrame(data, columns=CHANGE_COLUMNS)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: the diff allocates many small objects and no cycles, and with
    tens of thousands of records alive each automatic full pass over them cost more than the diff itself."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def diff_records(old: list[ActionRecord], new: list[ActionRecord],
                 settings: DiffSettings | None = None) -> pd.DataFrame:
    """The changes table between two versions: one row per matched pair, removed and added action.

    Raises PlantrackError when a side has no action records, or when no plan of one side matches a plan
    of the other: an empty comparison would read as "nothing changed".
    """
    settings = settings or DiffSettings()
    if not old:
        raise PlantrackError("OLD has no action records: nothing to compare")
    if not new:
        raise PlantrackError("NEW has no action records: nothing to compare")
    with _collector_paused():
        return _diff(old, new, settings)


def _diff(old: list[ActionRecord], new: list[ActionRecord], settings: DiffSettings) -> pd.DataFrame:
    plans = match_plans(old, new, settings)
    if not any(p.old_title is not None and p.new_title is not None for p in plans):
        old_titles = ", ".join(repr(p.old_title) for p in plans if p.old_title is not None)
        new_titles = ", ".join(repr(p.new_title) for p in plans if p.new_title is not None)
        raise PlantrackError(f"no plan of OLD ({old_titles}) matches a plan of NEW ({new_titles}) by title or "
                             "by shared actions: are these versions of the same plan?")
    old_groups, new_groups = group_by_plan(old), group_by_plan(new)
    rows: list[dict[str, object]] = []
    for plan in plans:
        old_idx = old_groups[plan.old_title] if plan.old_title is not None else []
        new_idx = new_groups[plan.new_title] if plan.new_title is not None else []
        keyed = sorted(_plan_rows(plan, old, new, old_idx, new_idx, settings), key=lambda kr: kr[0])
        rows.extend(r for _, r in keyed)
    frame = _frame(rows)
    frame.attrs[ATTRS_KEY] = side_details(old, new)
    return frame


def write_changes(df: pd.DataFrame, out_dir: str | Path) -> list[Path]:
    """changes.csv, changes.parquet, changes.md and changes.html in `out_dir`, each written atomically."""
    out = Path(out_dir)
    paths = [write_csv(df, out / "changes.csv"), write_parquet(df, out / "changes.parquet", CHANGES_SCHEMA)]
    for name, render in (("changes.md", render_markdown), ("changes.html", render_html)):
        with atomic_path(out / name) as tmp:
            tmp.write_text(render(df), encoding="utf-8")
        paths.append(out / name)
    return paths
