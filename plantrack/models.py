"""The SPEC's tables in code: pydantic models and the matching pyarrow schemas."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable

import pandas as pd
import pyarrow as pa
from pydantic import BaseModel, Field

DUE_KINDS = ("deadline", "range", "from", "recurring", "multiple", "immediate", "ongoing", "tbc", "none")
RAG_VALUES = ("not_started", "red", "amber", "green", "complete")
TABLE_KINDS = ("plan", "progress")


class ActionRecord(BaseModel):
    """One action of an action table (SPEC: the actions table)."""

    record_id: str = ""
    source_file: str
    source_page: int | None = None
    source_line: int | None = None
    plan_title: str = ""
    table_kind: str = "plan"
    section: str = ""
    action_id: str | None = None
    action: str = ""
    owner_raw: str = ""
    owners: list[str] = Field(default_factory=list)
    owner_names: list[str] = Field(default_factory=list)
    partners_raw: str = ""
    due_raw: str = ""
    due_date: dt.date | None = None
    due_start: dt.date | None = None
    due_kind: str = "none"
    rag_raw: str = ""
    rag_previous_raw: str = ""
    rag_initial_raw: str = ""
    rag: str | None = None
    rag_previous: str | None = None
    rag_initial: str | None = None
    rag_label: str | None = None
    measures: str = ""
    refs: str = ""
    confidence: float = 1.0
    flags: list[str] = Field(default_factory=list)

    def add_flag(self, flag: str, confidence: float) -> None:
        """Record why the record is unsure; confidence only ever goes down."""
        if flag not in self.flags:
            self.flags.append(flag)
        self.confidence = round(min(self.confidence, confidence), 3)


def make_record_id(source_file: str, table_kind: str, section: str, action_id: str | None, action: str,
                   occurrence: int = 0) -> str:
    """Stable hash of where the action is and what it says (occurrence breaks exact duplicates)."""
    key = "\x1f".join([source_file, table_kind, section, action_id or "", action, str(occurrence)])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


ACTIONS_SCHEMA = pa.schema([
    ("record_id", pa.string()),
    ("source_file", pa.string()),
    ("source_page", pa.int32()),
    ("source_line", pa.int32()),
    ("plan_title", pa.string()),
    ("table_kind", pa.string()),
    ("section", pa.string()),
    ("action_id", pa.string()),
    ("action", pa.string()),
    ("owner_raw", pa.string()),
    ("owners", pa.list_(pa.string())),
    ("owner_names", pa.list_(pa.string())),
    ("partners_raw", pa.string()),
    ("due_raw", pa.string()),
    ("due_date", pa.date32()),
    ("due_start", pa.date32()),
    ("due_kind", pa.string()),
    ("rag_raw", pa.string()),
    ("rag_previous_raw", pa.string()),
    ("rag_initial_raw", pa.string()),
    ("rag", pa.string()),
    ("rag_previous", pa.string()),
    ("rag_initial", pa.string()),
    ("rag_label", pa.string()),
    ("measures", pa.string()),
    ("refs", pa.string()),
    ("confidence", pa.float64()),
    ("flags", pa.list_(pa.string())),
])

ACTION_COLUMNS = [f.name for f in ACTIONS_SCHEMA]


class Change(BaseModel):
    """One row of the changes table (SPEC: the changes table)."""

    plan_title: str = ""
    status: str
    old_record_id: str | None = None
    new_record_id: str | None = None
    old_source_file: str | None = None
    new_source_file: str | None = None
    old_source_line: int | None = None
    new_source_line: int | None = None
    old_source_page: int | None = None
    new_source_page: int | None = None
    old_action_id: str | None = None
    new_action_id: str | None = None
    old_action: str | None = None
    new_action: str | None = None
    text_change: str | None = None
    owner_change: str | None = None
    due_change: str | None = None
    rag_change: str | None = None
    similarity: float = 0.0
    match_evidence: str = ""
    confidence: float = 1.0


CHANGES_SCHEMA = pa.schema([
    ("plan_title", pa.string()),
    ("status", pa.string()),
    ("old_record_id", pa.string()),
    ("new_record_id", pa.string()),
    ("old_source_file", pa.string()),
    ("new_source_file", pa.string()),
    ("old_source_line", pa.int32()),
    ("new_source_line", pa.int32()),
    ("old_source_page", pa.int32()),
    ("new_source_page", pa.int32()),
    ("old_action_id", pa.string()),
    ("new_action_id", pa.string()),
    ("old_action", pa.string()),
    ("new_action", pa.string()),
    ("text_change", pa.string()),
    ("owner_change", pa.string()),
    ("due_change", pa.string()),
    ("rag_change", pa.string()),
    ("similarity", pa.float64()),
    ("match_evidence", pa.string()),
    ("confidence", pa.float64()),
])

CHANGE_COLUMNS = [f.name for f in CHANGES_SCHEMA]


def records_frame(records: Iterable[ActionRecord]) -> pd.DataFrame:
    """Action records -> the actions table as a DataFrame, columns in SPEC order."""
    return pd.DataFrame([r.model_dump() for r in records], columns=ACTION_COLUMNS)
