"""What changed between the two sides of a pair (SPEC: the changes table, `*_change` columns)."""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from plantrack.compare.features import owners_text
from plantrack.compare.scorers import due_key, due_wording, owner_key, process_text
from plantrack.models import ActionRecord
from plantrack.settings import DiffSettings

_APOSTROPHES = re.compile("['\u2019\u2018`]")
RAG_RANK = {"red": 0, "amber": 1, "green": 2, "complete": 3}
# kinds that name no date; any other kind with no date means the cell could not be read
DATELESS_KINDS = {"none", "immediate", "ongoing", "tbc"}


class Classification(NamedTuple):
    text_change: str
    owner_change: str
    due_change: str
    rag_change: str

    @property
    def status(self) -> str:
        return "unchanged" if all(c == "none" for c in self) else "changed"


# --- text -------------------------------------------------------------------------------------

def _spelling_only(a: str, b: str) -> bool:
    """Same words in the same order, each differing at most by a typo-sized edit; numbers must be equal.

    Short words must match exactly (`now` -> `not` is one letter and the opposite meaning).
    """
    for wa, wb in zip(a.split(), b.split(), strict=True):
        if wa == wb:
            continue
        if any(ch.isdigit() for ch in wa + wb) or min(len(wa), len(wb)) < 4:
            return False
        if OSA.distance(wa, wb) > (1 if max(len(wa), len(wb)) <= 8 else 2):
            return False
    return True


def text_change(old: str, new: str, cosmetic_threshold: float = 0.9) -> str:
    """`none`; `cosmetic` (case, punctuation, spacing, spelling only); `reworded` (meaning may differ)."""
    if old == new:
        return "none"
    # apostrophes dropped, not spaced: `Children's` -> `childrens`, one word, a spelling-sized edit
    a, b = process_text(_APOSTROPHES.sub("", old)), process_text(_APOSTROPHES.sub("", new))
    if a == b or a.replace(" ", "") == b.replace(" ", ""):
        return "cosmetic"
    if (len(a.split()) == len(b.split()) and fuzz.ratio(a, b) >= cosmetic_threshold * 100
            and _spelling_only(a, b)):
        return "cosmetic"
    return "reworded"


# --- owners -------------------------------------------------------------------------------------

def owner_change(old_raw: str, new_raw: str) -> str:
    """`none` when the normalised owners are the same set (`AB/ AH` = `AB/AH`), else `changed`."""
    return "none" if owner_key(old_raw) == owner_key(new_raw) else "changed"


# --- due dates ------------------------------------------------------------------------------------

def _order(old: dt.date, new: dt.date) -> str | None:
    if new > old:
        return "slipped"
    if new < old:
        return "brought_forward"
    return None


def due_change(old: ActionRecord, new: ActionRecord) -> str:
    """Compare the normalised due dates; wording matters only when the dates agree."""
    ko = due_key(old.due_kind, old.due_start, old.due_date)
    kn = due_key(new.due_kind, new.due_start, new.due_date)
    same_words = due_wording(old.due_raw) == due_wording(new.due_raw)
    if ko == kn:
        if same_words:
            return "none"
        if ko[0] not in DATELESS_KINDS and ko[1] is None and ko[2] is None:
            return "changed"  # two different cells neither of which could be read: nothing says they agree
        return "reworded"
    if old.due_date and new.due_date:
        return _order(old.due_date, new.due_date) or "changed"
    if old.due_start and new.due_start and not old.due_date and not new.due_date:
        return _order(old.due_start, new.due_start) or "changed"
    return "changed"


# --- RAG ------------------------------------------------------------------------------------------

def rag_change(old: str | None, new: str | None) -> str:
    """red < amber < green < complete; `not_started`, or a status on one side only, is just `changed`."""
    if old == new:
        return "none"
    if old in RAG_RANK and new in RAG_RANK:
        return "improved" if RAG_RANK[new] > RAG_RANK[old] else "worsened"
    return "changed"


def classify(old: ActionRecord, new: ActionRecord, settings: DiffSettings | None = None) -> Classification:
    settings = settings or DiffSettings()
    return Classification(
        text_change=text_change(old.action, new.action, settings.cosmetic_threshold),
        owner_change=owner_change(owners_text(old), owners_text(new)),
        due_change=due_change(old, new),
        rag_change=rag_change(old.rag, new.rag),
    )
