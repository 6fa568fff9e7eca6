"""Each side's owner, due and RAG as printed, for the report to show beside the changes table.

The changes table keeps to the SPEC's columns, so these ride along in `DataFrame.attrs`. pandas
deep-copies `attrs` on every operation; the mapping returns itself from `__deepcopy__` (it is never
changed after it is built), so that copy costs nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import pandas as pd

from plantrack.models import ActionRecord

ATTRS_KEY = "plantrack_sides"


@dataclass(frozen=True, slots=True)
class Side:
    section: str
    owner_raw: str
    due_raw: str
    rag: str | None
    rag_label: str | None


class SideDetails(Mapping[tuple[str, str], Side]):
    """(`old` | `new`, record_id) -> that record's printed owner, due and RAG."""

    def __init__(self, data: dict[tuple[str, str], Side] | None = None) -> None:
        self._data = data or {}

    def __getitem__(self, key: tuple[str, str]) -> Side:
        return self._data[key]

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __deepcopy__(self, memo: dict[int, object]) -> SideDetails:
        return self

    def side(self, which: str, record_id: object) -> Side | None:
        return self._data.get((which, record_id)) if isinstance(record_id, str) else None


def _side(r: ActionRecord) -> Side:
    return Side(section=r.section, owner_raw=r.owner_raw or "/".join(r.owners), due_raw=r.due_raw,
                rag=r.rag, rag_label=r.rag_label)


def side_details(old: list[ActionRecord], new: list[ActionRecord]) -> SideDetails:
    data = {("old", r.record_id): _side(r) for r in old if r.record_id}
    data.update({("new", r.record_id): _side(r) for r in new if r.record_id})
    return SideDetails(data)


def details_of(df: pd.DataFrame) -> SideDetails:
    found = df.attrs.get(ATTRS_KEY)
    return found if isinstance(found, SideDetails) else SideDetails()
