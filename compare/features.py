"""What the matcher needs of each action, computed once per record rather than once per candidate pair."""

from __future__ import annotations

from dataclasses import dataclass

from plantrack.compare.scorers import (
    DueKey,
    TextKey,
    due_key,
    id_key,
    owner_key,
    section_key,
    text_key,
)
from plantrack.models import ActionRecord


@dataclass(frozen=True, slots=True)
class Features:
    position: int  # index within its plan, in print order
    text: TextKey
    tokens: frozenset[str]
    id: str | None
    section: str
    table_kind: str
    owners: frozenset[str]
    due: DueKey


def owners_text(record: ActionRecord) -> str:
    """The owner cell as printed; the split list when only that is known (records loaded from a table)."""
    return record.owner_raw or "/".join(record.owners)


def features(records: list[ActionRecord]) -> list[Features]:
    out = []
    for i, r in enumerate(records):
        key = text_key(r.action)
        out.append(Features(
            position=i,
            text=key,
            tokens=key.tokens,
            id=id_key(r.action_id),
            section=section_key(r.section),
            table_kind=r.table_kind,
            owners=owner_key(owners_text(r)),
            due=due_key(r.due_kind, r.due_start, r.due_date),
        ))
    return out
