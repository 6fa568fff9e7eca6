"""What the change report shows, independent of format: the kinds of change, their rows, the headline figures."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from plantrack.compare.details import Side, SideDetails
from plantrack.compare.plans import NOT_IN_NEW, NOT_IN_OLD

UNSURE = 0.8  # pairs below this confidence are marked in the report
ARROW = "\u2192"


@dataclass(frozen=True)
class Kind:
    key: str  # HTML id and summary key
    title: str
    select: Callable[[pd.DataFrame], pd.Series]
    shows: str  # what the was/now columns show: due | rag | owner | text | old / new (one side only)
    always: bool = False  # listed (as "none") even when empty: the board should see it was checked
    folded: bool = False  # cosmetic: last, folded away


def _is(column: str, value: str) -> Callable[[pd.DataFrame], pd.Series]:
    return lambda df: df[column] == value


# Substantive changes first, in the order a board asks about them; cosmetic ones last.
KINDS = [
    Kind("slipped", "Deadlines slipped", _is("due_change", "slipped"), "due", always=True),
    Kind("rag-worsened", "RAG status worsened", _is("rag_change", "worsened"), "rag", always=True),
    Kind("reworded", "Actions reworded", _is("text_change", "reworded"), "text", always=True),
    Kind("re-owned", "Owners changed", _is("owner_change", "changed"), "owner", always=True),
    Kind("added", "Actions added", _is("status", "added"), "new", always=True),
    Kind("removed", "Actions removed", _is("status", "removed"), "old", always=True),
    Kind("brought-forward", "Deadlines brought forward", _is("due_change", "brought_forward"), "due"),
    Kind("due-changed", "Deadlines changed (not comparable)", _is("due_change", "changed"), "due"),
    Kind("rag-improved", "RAG status improved", _is("rag_change", "improved"), "rag"),
    Kind("rag-changed", "RAG status changed (not comparable)", _is("rag_change", "changed"), "rag"),
    Kind("cosmetic", "Cosmetic text changes (case, punctuation, spelling)", _is("text_change", "cosmetic"), "text",
         always=True, folded=True),
    Kind("due-reworded", "Deadlines reworded (same date)", _is("due_change", "reworded"), "due", folded=True),
]
FIELD_LABELS = {"due": "due", "owner": "owner", "rag": "RAG"}


def text(value: object) -> str:
    """A cell as display text: None / NaN / NA are empty."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)


def number(row: dict[str, object]) -> str:
    """`1.2 → 1.3` when renumbered, else the one number."""
    old, new = text(row["old_action_id"]), text(row["new_action_id"])
    if old and new and old != new:
        return f"{old} {ARROW} {new}"
    return new or old


def field_value(side: Side | None, shows: str) -> str:
    if side is None:
        return ""
    if shows == "due":
        return side.due_raw
    if shows == "owner":
        return side.owner_raw
    if shows == "rag":
        return side.rag_label or (side.rag or "").replace("_", " ")
    return ""


def sides(row: dict[str, object], details: SideDetails) -> tuple[Side | None, Side | None]:
    return details.side("old", row["old_record_id"]), details.side("new", row["new_record_id"])


def whole_plan(row: dict[str, object]) -> bool:
    """Added/removed because its whole plan is missing on the other side, not on its own."""
    return row["match_evidence"] in (NOT_IN_NEW, NOT_IN_OLD)


def rows_of(df: pd.DataFrame, kind: Kind) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """The rows of a kind: (those of plans found in both versions, those of plans found in one only)."""
    rows = df[kind.select(df).fillna(False).astype(bool)].to_dict("records")
    return [r for r in rows if not whole_plan(r)], [r for r in rows if whole_plan(r)]


def summary(df: pd.DataFrame) -> list[tuple[str, str, int]]:
    """(key, label, count): actions on each side, unchanged, changed, then one line per kind of change."""
    status = df["status"]
    head = [("old", "Actions in OLD", int((status != "added").sum())),
            ("new", "Actions in NEW", int((status != "removed").sum())),
            ("unchanged", "Unchanged", int((status == "unchanged").sum())),
            ("changed", "Changed", int((status == "changed").sum()))]
    return head + [(k.key, k.title, int(k.select(df).sum())) for k in KINDS]


@dataclass(frozen=True)
class PlanOverview:
    compared: list[str]  # plan titles found in both versions (as NEW names them)
    only_old: list[tuple[str, int]]  # plans of OLD missing from NEW, with their action counts
    only_new: list[tuple[str, int]]


def plans(df: pd.DataFrame) -> PlanOverview:
    evidence = df["match_evidence"]
    titles = df["plan_title"].map(text)
    only_old = titles[evidence == NOT_IN_NEW].value_counts(sort=False)
    only_new = titles[evidence == NOT_IN_OLD].value_counts(sort=False)
    compared = titles[~evidence.isin([NOT_IN_NEW, NOT_IN_OLD])].drop_duplicates()
    return PlanOverview(compared=list(compared), only_old=[(t, int(n)) for t, n in only_old.items()],
                        only_new=[(t, int(n)) for t, n in only_new.items()])


def sources(df: pd.DataFrame) -> tuple[list[str], list[str]]:
    old = sorted({text(v) for v in df["old_source_file"]} - {""})
    new = sorted({text(v) for v in df["new_source_file"]} - {""})
    return old, new


def plan_name(title: str) -> str:
    return title or "(untitled plan)"
