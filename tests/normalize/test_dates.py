"""Due-date grammar: every row of the hand-made truth, plus each SPEC rule on strings from the packs."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from plantrack.normalize.dates import parse_due

TRUTH = Path(__file__).resolve().parents[1] / "gold" / "dates.csv"
PACK_YEARS = {"000": 2013, "001": 2013, "002": 2019, "003": 2014, "004": 2016}  # the dates each pack prints


def truth_rows():
    with open(TRUTH, encoding="utf-8") as f:
        return [pytest.param(r, id=f"{r['doc'][:3]}:{r['due_raw']}") for r in csv.DictReader(f)]


@pytest.mark.parametrize("row", truth_rows())
def test_truth_row(row):
    due = parse_due(row["due_raw"], PACK_YEARS[row["doc"][:3]])
    got = (due.kind, due.start.isoformat() if due.start else "", due.date.isoformat() if due.date else "")
    assert got == (row["due_kind"], row["due_start"], row["due_date"])


D = dt.date


@pytest.mark.parametrize("raw, kind, start, date", [
    ("Dec 2013", "deadline", None, D(2013, 12, 31)),
    ("By Mar 2014", "deadline", None, D(2014, 3, 31)),
    ("End Oct 13", "deadline", None, D(2013, 10, 31)),
    ("03/16", "deadline", None, D(2016, 3, 31)),
    ("30 Nov 13", "deadline", None, D(2013, 11, 30)),
    ("Sept 2013 - March 2014", "range", D(2013, 9, 1), D(2014, 3, 31)),
    ("Sept 2013 to March 2014", "range", D(2013, 9, 1), D(2014, 3, 31)),
    ("From Sept 2013 -", "from", D(2013, 9, 1), None),
    ("Sept 2013 onwards", "from", D(2013, 9, 1), None),
    ("June 2014 onwards", "from", D(2014, 6, 1), None),
    ("Termly", "recurring", None, None),
    ("Quarterly from Oct 2013", "recurring", D(2013, 10, 1), None),
    ("Ongoing", "ongoing", None, None),
    ("On-going", "ongoing", None, None),
    ("Immediate", "immediate", None, None),
    ("TBC", "tbc", None, None),
    ("\u0422\u0412\u0421", "tbc", None, None),  # Cyrillic ТВС
    ("2014/15", "deadline", None, D(2015, 3, 31)),
    ("Autumn 2013", "deadline", None, D(2013, 11, 30)),
    ("Autumn term 2013", "deadline", None, D(2013, 12, 31)),
    ("Q2 2014", "deadline", None, D(2014, 6, 30)),
    ("Oct / Nov 2013", "multiple", D(2013, 10, 1), D(2013, 11, 30)),
    ("Mar 2014 Dec 2013", "multiple", D(2013, 12, 1), D(2014, 3, 31)),
    ("31 Oct 2013  31 Mar 2014", "multiple", D(2013, 10, 31), D(2014, 3, 31)),
    ("See above", "none", None, None),
])
def test_spec_rules(raw, kind, start, date):
    due = parse_due(raw, 2013)
    assert (due.kind, due.start, due.date) == (kind, start, date)


def test_implausible_year_is_kept_raw_and_flagged():
    due = parse_due("Nov 2103", 2013)
    assert (due.kind, due.start, due.date) == ("deadline", None, None)
    assert "date_implausible" in due.flags and due.confidence < 1


def test_one_implausible_part_nulls_the_whole_cell():
    due = parse_due("Oct 2013 Nov 2103", 2013)
    assert (due.kind, due.start, due.date) == ("multiple", None, None) and "date_implausible" in due.flags


def test_unreadable_cell_is_flagged_unparsed():
    due = parse_due("12/1", 2016)
    assert due.date is None and due.start is None and "date_unparsed" in due.flags


def test_month_year_printed_as_06_06_in_a_2016_pack_is_implausible():
    assert "date_implausible" in parse_due("06/06", 2016).flags


def test_missing_year_from_the_pack_lowers_confidence():
    due = parse_due("Start w/c 14 or 21 October", 2013)
    assert (due.kind, due.start) == ("from", D(2013, 10, 14))
    assert "year_from_context" in due.flags and due.confidence < 1


def test_missing_year_taken_from_the_next_date_in_the_cell_is_not_a_guess():
    due = parse_due("Oct /Nov 2013", 2013)
    assert due.start == D(2013, 10, 1) and not due.flags


def test_leap_year_february():
    assert parse_due("Feb 2020", 2019).date == D(2020, 2, 29)
