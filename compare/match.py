"""Pair the actions of an old and a new version of one plan, one-to-one.

anchors (identical unique texts) -> candidate pairs by blocking -> evidence score per candidate ->
optimal one-to-one assignment over the pairs above the threshold -> a confidence per pair.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from plantrack.compare.assign import assign
from plantrack.compare.blocking import Expected, candidate_pairs, find_anchors
from plantrack.compare.evidence import Evidence, describe, evidence
from plantrack.compare.features import features
from plantrack.compare.plans import PlanMatch, match_plans
from plantrack.models import ActionRecord
from plantrack.settings import DiffSettings

__all__ = ["Pair", "MatchResult", "PlanMatch", "match_actions", "match_detail", "match_plans"]

STRONG_MARGIN = 0.3  # score this far above the threshold is a sure pair
CLEAR_GAP = 0.15  # a rival this far below leaves no doubt


@dataclass(frozen=True, slots=True)
class Pair:
    old_index: int  # into the `old` list given
    new_index: int  # into the `new` list given
    similarity: float  # text similarity 0..1
    score: float  # combined evidence
    match_evidence: str
    confidence: float  # 0..1, below 1 when the pairing is a guess


@dataclass
class MatchResult:
    pairs: list[Pair]
    # for actions left unpaired: the best candidate that was turned down, to say why in the report
    near_old: dict[int, tuple[int, Evidence]] = field(default_factory=dict)
    near_new: dict[int, tuple[int, Evidence]] = field(default_factory=dict)


def _confidence(score: float, rival: float, threshold: float) -> float:
    strength = min(1.0, max(0.0, (score - threshold) / STRONG_MARGIN))
    distinct = min(1.0, max(0.0, (score - max(rival, threshold)) / CLEAR_GAP))
    return round(0.5 + 0.25 * strength + 0.25 * distinct, 3)


def match_detail(old: list[ActionRecord], new: list[ActionRecord],
                 settings: DiffSettings | None = None) -> MatchResult:
    """Pairs of `old` and `new` actions, with the rejected best candidates of the unpaired ones."""
    settings = settings or DiffSettings()
    old_f, new_f = features(old), features(new)
    anchors = find_anchors(old_f, new_f)
    expect = Expected(anchors, len(old_f), len(new_f))

    pairs: list[Pair] = []
    for i, j in anchors.items():
        e = evidence(old_f[i], new_f[j], expect(i), settings)
        # identical text printed once on each side: the pairing itself is not a guess
        pairs.append(Pair(i, j, e.similarity, e.score, describe(e, old[i].action_id, new[j].action_id), 1.0))

    scored: dict[tuple[int, int], Evidence] = {
        (i, j): evidence(old_f[i], new_f[j], expect(i), settings)
        for i, j in candidate_pairs(old_f, new_f, anchors, settings)}
    best_old: dict[int, tuple[int, Evidence]] = {}
    best_new: dict[int, tuple[int, Evidence]] = {}
    for (i, j), e in scored.items():
        if i not in best_old or e.score > best_old[i][1].score:
            best_old[i] = (j, e)
        if j not in best_new or e.score > best_new[j][1].score:
            best_new[j] = (i, e)

    threshold = settings.match_threshold
    # weight = margin over the threshold, so one clear pair beats two mediocre ones
    edges = [(i, j, e.score - threshold + 1e-6) for (i, j), e in scored.items() if e.score >= threshold]
    chosen = assign(edges, settings.dense_limit)
    rivals_old: dict[int, list[tuple[float, int]]] = {}
    rivals_new: dict[int, list[tuple[float, int]]] = {}
    for (i, j), e in scored.items():
        rivals_old.setdefault(i, []).append((e.score, j))
        rivals_new.setdefault(j, []).append((e.score, i))
    for i, j in chosen:
        e = scored[(i, j)]
        # the best rival: any other candidate of either side of this pair
        rival = max([s for s, jj in rivals_old[i] if jj != j] + [s for s, ii in rivals_new[j] if ii != i],
                    default=0.0)
        pairs.append(Pair(i, j, e.similarity, e.score, describe(e, old[i].action_id, new[j].action_id),
                          _confidence(e.score, rival, threshold)))

    paired_old = {p.old_index for p in pairs}
    paired_new = {p.new_index for p in pairs}
    return MatchResult(
        pairs=sorted(pairs, key=lambda p: p.old_index),
        near_old={i: v for i, v in best_old.items() if i not in paired_old},
        near_new={j: v for j, v in best_new.items() if j not in paired_new},
    )


def match_actions(old: list[ActionRecord], new: list[ActionRecord],
                  settings: DiffSettings | None = None) -> list[Pair]:
    """One-to-one pairs of old and new actions (indices into the lists given), in old order."""
    return match_detail(old, new, settings).pairs
