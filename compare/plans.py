"""Pair the plans of two versions (a pack can hold several) before pairing their actions."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

from plantrack.compare.scorers import process_text, text_similarity
from plantrack.models import ActionRecord
from plantrack.settings import DiffSettings

# match_evidence of the actions of a plan the other version does not have at all
NOT_IN_NEW = "plan not in NEW"
NOT_IN_OLD = "plan not in OLD"
MIN_SHARED = 3  # unchanged actions two plans must share before content alone pairs them


@dataclass(frozen=True, slots=True)
class PlanMatch:
    """A plan of OLD and its counterpart in NEW; None on the side where it has none."""

    old_title: str | None
    new_title: str | None
    title_similarity: float = 0.0  # 0..1
    overlap: float = 0.0  # share of the smaller plan's action texts found unchanged in the other

    @property
    def evidence(self) -> str:
        return f"plan title {self.title_similarity:.2f}; shared actions {self.overlap:.2f}"


def group_by_plan(records: list[ActionRecord]) -> dict[str, list[int]]:
    """plan title -> indices of its records, plans in order of first appearance."""
    groups: dict[str, list[int]] = {}
    for k, r in enumerate(records):
        groups.setdefault(r.plan_title, []).append(k)
    return groups


def _texts(records: list[ActionRecord], indices: list[int]) -> set[str]:
    return {process_text(records[k].action) for k in indices}


def match_plans(old: list[ActionRecord], new: list[ActionRecord], settings: DiffSettings | None = None) -> list[PlanMatch]:
    """Every plan of either version: paired by title (fuzzy), else by shared actions (a renamed plan), else alone.

    A plan pairs with at most one plan (optimal assignment on the pair scores).
    """
    settings = settings or DiffSettings()
    old_groups, new_groups = group_by_plan(old), group_by_plan(new)
    old_titles, new_titles = list(old_groups), list(new_groups)
    old_texts = [_texts(old, old_groups[t]) for t in old_titles]
    new_texts = [_texts(new, new_groups[t]) for t in new_titles]
    title = np.zeros((len(old_titles), len(new_titles)))
    overlap = np.zeros_like(title)
    for a, ta in enumerate(old_titles):
        for b, tb in enumerate(new_titles):
            title[a, b] = text_similarity(ta, tb)
            smaller = min(len(old_texts[a]), len(new_texts[b])) or 1
            overlap[a, b] = len(old_texts[a] & new_texts[b]) / smaller
    shared = np.array([[len(a & b) for b in new_texts] for a in old_texts]).reshape(title.shape)
    by_title = title * 100 >= settings.plan_threshold
    by_content = (overlap >= settings.plan_overlap) & (shared >= MIN_SHARED)
    # what the packs call their plans comes first; shared actions only pair plans the titles cannot
    score = np.where(by_title, 1.0 + title, np.where(by_content, overlap, 0.0))
    rows, cols = linear_sum_assignment(score, maximize=True) if score.size else ([], [])
    paired = {int(a): int(b) for a, b in zip(rows, cols, strict=True) if score[a, b] > 0}

    out = [PlanMatch(t, new_titles[paired[a]], float(title[a, paired[a]]), float(overlap[a, paired[a]]))
           if a in paired else PlanMatch(t, None) for a, t in enumerate(old_titles)]
    taken = set(paired.values())
    out += [PlanMatch(None, t) for b, t in enumerate(new_titles) if b not in taken]
    return out
