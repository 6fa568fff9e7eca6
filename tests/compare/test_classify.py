"""Classification of a pair, one SPEC line at a time (SPEC: the changes table)."""

from __future__ import annotations

import datetime as dt

import pytest

from plantrack.compare.classify import classify, due_change, owner_change, rag_change, text_change
from plantrack.models import ActionRecord

D = dt.date


def rec(**fields) -> ActionRecord:
    return ActionRecord(source_file="x.txt", **fields)


def due(raw: str, kind: str, start: dt.date | None = None, date: dt.date | None = None) -> ActionRecord:
    return rec(due_raw=raw, due_kind=kind, due_start=start, due_date=date)


# --- text ---------------------------------------------------------------------------------------------

TEXT = "Ensure all internal Tri-X procedures clearly set out and reflect the above"


@pytest.mark.parametrize("old, new, change", [
    (TEXT, TEXT, "none"),
    (TEXT, TEXT.lower(), "cosmetic"),  # case
    (TEXT, TEXT + ".", "cosmetic"),  # punctuation
    (TEXT, TEXT.replace("Tri-X", "Tri - X"), "cosmetic"),  # spacing
    (TEXT, TEXT.replace("procedures", "proceedures"), "cosmetic"),  # spelling
    (TEXT, TEXT.replace("internal", "internla"), "cosmetic"),  # letters swapped
    ("Ensure multi-agency audits", "Ensure multiagency audits", "cosmetic"),
    ("Organise the panel", "Organize the panel", "cosmetic"),
    (TEXT, TEXT.replace("the above", "the expectations above"), "reworded"),  # a word added
    (TEXT, TEXT.replace("internal", "external"), "reworded"),  # same length, different word
    ("Review 12 cases", "Review 13 cases", "reworded"),  # numbers are meaning
    ("Do it now", "Do it not", "reworded"),  # short words must match exactly
    (TEXT, TEXT + " and report progress to the Board", "reworded"),  # an extension
])
def test_text_change(old, new, change):
    assert text_change(old, new) == change


# --- owners -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("old, new, change", [
    ("AB/AH", "AB/ AH", "none"),
    ("AB/AH", "AH, AB", "none"),
    ("AB/AH", "AB", "changed"),
    ("AB", "CM", "changed"),
    ("", "AB", "changed"),
    ("", "", "none"),
])
def test_owner_change(old, new, change):
    assert owner_change(old, new) == change


# --- due dates ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("old, new, change", [
    # the SPEC's own example: both are `from` starting 2013-09-01
    (due("From Sept 2013 -", "from", D(2013, 9, 1)), due("Sept 2013 onwards", "from", D(2013, 9, 1)), "reworded"),
    (due("Dec 2013", "deadline", date=D(2013, 12, 31)), due("Dec 2013", "deadline", date=D(2013, 12, 31)), "none"),
    (due("Dec 2013", "deadline", date=D(2013, 12, 31)), due("DEC  2013", "deadline", date=D(2013, 12, 31)), "none"),
    (due("Dec 2013", "deadline", date=D(2013, 12, 31)), due("By Dec 2013", "deadline", date=D(2013, 12, 31)),
     "reworded"),
    (due("Dec 2013", "deadline", date=D(2013, 12, 31)), due("Mar 2014", "deadline", date=D(2014, 3, 31)), "slipped"),
    (due("Mar 2014", "deadline", date=D(2014, 3, 31)), due("Dec 2013", "deadline", date=D(2013, 12, 31)),
     "brought_forward"),
    (due("Dec 2013", "deadline", date=D(2013, 12, 31)),
     due("Jan 2014 - Mar 2014", "range", D(2014, 1, 1), D(2014, 3, 31)), "slipped"),
    (due("From Sept 2013", "from", D(2013, 9, 1)), due("From Jan 2014", "from", D(2014, 1, 1)), "slipped"),
    (due("Dec 2013", "deadline", date=D(2013, 12, 31)), due("Ongoing", "ongoing"), "changed"),
    (due("Ongoing", "ongoing"), due("TBC", "tbc"), "changed"),
    (due("Dec 2013", "deadline", date=D(2013, 12, 31)), due("", "none"), "changed"),
    (due("Dec 2013", "deadline", date=D(2013, 12, 31)), due("From Jan 2014", "from", D(2014, 1, 1)), "changed"),
    (due("", "none"), due("", "none"), "none"),
    # two unreadable cells: nothing says they name the same date
    (due("12/1", "deadline"), due("12/2", "deadline"), "changed"),
])
def test_due_change(old, new, change):
    assert due_change(old, new) == change


# --- RAG ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("old, new, change", [
    ("amber", "green", "improved"),  # A -> G
    ("red", "amber", "improved"),
    ("green", "complete", "improved"),
    ("green", "red", "worsened"),
    ("complete", "amber", "worsened"),
    ("amber", "amber", "none"),
    (None, None, "none"),
    (None, "green", "changed"),  # null vs value
    ("green", None, "changed"),
    ("not_started", "green", "changed"),  # not_started compares as changed
    ("red", "not_started", "changed"),
])
def test_rag_change(old, new, change):
    assert rag_change(old, new) == change


def test_status_changed_when_any_column_is_not_none():
    a = rec(action=TEXT, owner_raw="AB/AH", due_raw="Dec 2013", due_kind="deadline", due_date=D(2013, 12, 31),
            rag="amber")
    assert classify(a, a.model_copy()).status == "unchanged"
    assert classify(a, a.model_copy(update={"owner_raw": "AB/ AH"})).status == "unchanged"
    c = classify(a, a.model_copy(update={"action": TEXT + ".", "rag": "green"}))
    assert c == ("cosmetic", "none", "none", "improved") and c.status == "changed"


def test_owners_list_used_when_no_owner_cell():
    """Records loaded from a table may carry only the split owners."""
    a = rec(action=TEXT, owners=["AB", "AH"])
    assert classify(a, rec(action=TEXT, owners=["AH", "AB"])).owner_change == "none"
    assert classify(a, rec(action=TEXT, owners=["CM"])).owner_change == "changed"
