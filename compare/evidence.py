"""Combine the scorers into one evidence score for a candidate pair, and say in words why it was made."""

from __future__ import annotations

from dataclasses import dataclass

from plantrack.compare.features import Features
from plantrack.compare.scorers import (
    due_agreement,
    id_agreement,
    owner_agreement,
    position_agreement,
    section_agreement,
    text_evidence,
    text_similarity,
)
from plantrack.settings import DiffSettings

# Text carries most of the weight; numbers are evidence, not proof (plans renumber), and owners and
# dates are what changes between versions, so they only tip close calls. Weights sum to 1.
WEIGHTS = {"text": 0.65, "id": 0.15, "position": 0.10, "owners": 0.05, "due": 0.03, "section": 0.02}
NEUTRAL = 0.5  # a scorer with no evidence (no number printed on either side) neither helps nor hurts
KIND_PENALTY = 0.2  # a plan-table action and a progress-table action are rarely the same record


@dataclass(frozen=True, slots=True)
class Evidence:
    similarity: float  # text similarity 0..1
    id: float | None
    owners: float | None
    due: float | None
    section: float | None
    position: float
    offset: float  # places from where the pair was expected
    same_kind: bool
    score: float


def _or_neutral(value: float | None) -> float:
    return NEUTRAL if value is None else value


def evidence(a: Features, b: Features, expected: float, settings: DiffSettings) -> Evidence:
    """Evidence that old action `a` and new action `b` are the same action (`expected`: b's likely place)."""
    similarity = text_similarity(a.text, b.text)
    id_ = id_agreement(a.id, b.id)
    position = position_agreement(b.position, expected, settings.position_scale)
    owners = owner_agreement(a.owners, b.owners)
    due = due_agreement(a.due, b.due)
    section = section_agreement(a.section, b.section)
    score = (WEIGHTS["text"] * text_evidence(similarity, settings.text_baseline) + WEIGHTS["id"] * _or_neutral(id_)
             + WEIGHTS["position"] * position + WEIGHTS["owners"] * _or_neutral(owners)
             + WEIGHTS["due"] * _or_neutral(due) + WEIGHTS["section"] * _or_neutral(section))
    same_kind = a.table_kind == b.table_kind
    if not same_kind:
        score -= KIND_PENALTY
    if similarity < settings.min_text:
        score = 0.0  # an action whose words changed this much is a new action, whatever its number
    return Evidence(similarity=similarity, id=id_, owners=owners, due=due, section=section, position=position,
                    offset=b.position - expected, same_kind=same_kind, score=round(score, 4))


def describe(e: Evidence, old_id: str | None, new_id: str | None) -> str:
    """`same id 2.3; text 0.97; same owners; position +1`: the evidence that made the pair, in words."""
    parts: list[str] = []
    if e.id == 1.0:
        parts.append(f"same id {new_id}")
    elif e.id is not None:
        parts.append(f"id {old_id} -> {new_id}")
    parts.append("same text" if e.similarity == 1.0 else f"text {e.similarity:.2f}")
    if e.owners == 1.0:
        parts.append("same owners")
    if e.due == 1.0:
        parts.append("same due")
    if e.section == 1.0:
        parts.append("same section")
    if abs(e.offset) < 0.5:
        parts.append("same place")
    elif abs(e.offset) <= 5:
        parts.append(f"place {e.offset:+.0f}")
    if not e.same_kind:
        parts.append("different table kind")
    return "; ".join(parts)
