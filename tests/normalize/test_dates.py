"""Due-date grammar: every row of the hand-made truth, plus each SPEC rule on strings from the packs."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from plantrack.normalize.dates import DueDate, parse_due

TRUTH = Path(__file__).resolve().parents[1] / "gold" / "dates.csv"
PACK_YEARS = {"000": 2013, "001": 2013, "002": 2019, "003": 2014, "004": 2016}  # the dates each pack prints
D = dt.date


def truth_rows() -> list[dict[str, str]]:
    with open(TRUTH, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_truth_file_is_the_full_set():
    # guards against the parametrised test silently running over nothing
    assert len(truth_rows()) == 89


@pytest.mark.parametrize("row", [pytest.param(r, id=f"{r['doc'][:3]}:{r['due_raw']}") for r in truth_rows()])
def test_truth_row(row: dict[str, str]):
    due = parse_due(row["due_raw"], PACK_YEARS[row["doc"][:3]])
    got = (due.kind, due.start.isoformat() if due.start else "", due.date.isoformat() if due.date else "")
    assert got == (row["due_kind"], row["due_start"], row["due_date"])


@pytest.mark.parametrize("raw, pack_year, flag", [
    ("Oct 2013 Nov 2103 Sept 2013 -", 2013, "date_implausible"),  # note: typo for 2013
    ("Develop initial communication by start of campaign", 2013, "date_unparsed"),  # note: event-relative
    ("Start w/c 14 or 21 October", 2013, "year_from_context"),  # note: year from the pack
])
def test_truth_rows_whose_notes_ask_for_a_flag(raw: str, pack_year: int, flag: str):
    due = parse_due(raw, pack_year)
    assert due.flags == (flag,) and due.confidence < 1


def test_clean_truth_rows_carry_no_flags():
    rows = [r for r in truth_rows() if not r["note"]]
    assert len(rows) > 50
    for r in rows:
        due = parse_due(r["due_raw"], PACK_YEARS[r["doc"][:3]])
        assert (due.flags, due.confidence) == ((), 1.0), r["due_raw"]


# --- R1: case, dashes, whitespace, homoglyphs; paragraphs ------------------------------------

@pytest.mark.parametrize("raw", [
    "Dec 2013", "DEC 2013", "dec 2013", "  Dec \t 2013  ", "Dec\u00a02013",
    "D\u0435\u0441 2013",  # Cyrillic е and с
])
def test_case_whitespace_and_homoglyphs_do_not_matter(raw: str):
    assert parse_due(raw, 2013) == DueDate("deadline", None, D(2013, 12, 31))


@pytest.mark.parametrize("raw", ["Oct 2013 – Dec 2013", "Oct 2013 — Dec 2013", "Oct 2013 - Dec 2013", "Oct 2013-Dec 2013"])
def test_every_dash_is_a_range_dash(raw: str):
    assert parse_due(raw, 2013) == DueDate("range", D(2013, 10, 1), D(2013, 12, 31))


@pytest.mark.parametrize("raw", ["TBC", "tbc", "TBA", "TBD", "\u0422\u0412\u0421", "\u0422B\u0421", "To be confirmed"])
def test_tbc_in_any_script(raw: str):
    assert parse_due(raw, 2016) == DueDate("tbc", None, None)


@pytest.mark.parametrize("raw", [
    "June 2013 –\nJuly 2015", "June 2013; July 2015", "<p>June 2013 –</p> <p>July 2015</p>",
])
def test_paragraphs_are_separate_elements(raw: str):
    # the same two months on one line are a range; split over paragraphs they are two elements
    assert parse_due(raw, 2013) == DueDate("multiple", D(2013, 6, 1), D(2015, 7, 31))
    assert parse_due("June 2013 – July 2015", 2013).kind == "range"


# --- R2: what a token names --------------------------------------------------------------------

@pytest.mark.parametrize("raw, pack_year, date", [
    ("30 Nov 13", 2013, D(2013, 11, 30)),
    ("1 July 13", 2013, D(2013, 7, 1)),
    ("31/03/2014", 2013, D(2014, 3, 31)),
    ("28 Feb 14", 2013, D(2014, 2, 28)),
    ("Dec 2013", 2013, D(2013, 12, 31)),
    ("Sept 14", 2013, D(2014, 9, 30)),
    ("Dec13", 2013, D(2013, 12, 31)),
    ("March 2014", 2013, D(2014, 3, 31)),
    ("Nov 16", 2016, D(2016, 11, 30)),
    ("03/16", 2016, D(2016, 3, 31)),  # MM/YY, never day/month
    ("12/15", 2016, D(2015, 12, 31)),
    ("2014", 2013, D(2014, 12, 31)),
    ("2014/15", 2013, D(2015, 3, 31)),
    ("Q1 2014", 2013, D(2014, 3, 31)),  # calendar quarter
    ("Q1 2014/15", 2013, D(2014, 6, 30)),  # financial quarter when the year is a financial year
    ("Spring 2014", 2013, D(2014, 5, 31)),
    ("Summer 2014", 2013, D(2014, 8, 31)),
    ("Autumn 2013", 2013, D(2013, 11, 30)),
    ("Winter 2013", 2013, D(2014, 2, 28)),
    ("Autumn term 2013", 2013, D(2013, 12, 31)),
    ("Spring term 2014", 2013, D(2014, 3, 31)),
    ("Summer term 2014", 2013, D(2014, 7, 31)),
    ("Feb 2020", 2019, D(2020, 2, 29)),
])
def test_a_deadline_is_the_last_day_of_the_period(raw: str, pack_year: int, date: dt.date):
    assert parse_due(raw, pack_year) == DueDate("deadline", None, date)


@pytest.mark.parametrize("raw, start", [
    ("From 30 Nov 13", D(2013, 11, 30)),
    ("From 03/16", D(2016, 3, 1)),
    ("From 2014/15", D(2014, 4, 1)),
    ("From Q3 2014", D(2014, 7, 1)),
    ("From Spring 2014", D(2014, 3, 1)),
    ("From Summer 2014", D(2014, 6, 1)),
    ("From Autumn 2013", D(2013, 9, 1)),
    ("From Winter 2013", D(2013, 12, 1)),
    ("From Autumn term 2013", D(2013, 9, 1)),
    ("From Spring term 2014", D(2014, 1, 1)),
    ("From Summer term 2014", D(2014, 4, 1)),
])
def test_a_start_is_the_first_day_of_the_period(raw: str, start: dt.date):
    assert parse_due(raw, 2014) == DueDate("from", start, None)


def test_missing_year_taken_from_the_next_date_in_the_cell_is_not_a_guess():
    assert parse_due("Oct /Nov 2013", 2013) == DueDate("multiple", D(2013, 10, 1), D(2013, 11, 30))
    assert parse_due("Oct – Dec 2013", 2013) == DueDate("range", D(2013, 10, 1), D(2013, 12, 31))


def test_a_range_over_new_year_starts_the_year_before():
    assert parse_due("Nov – Jan 2014", 2013) == DueDate("range", D(2013, 11, 1), D(2014, 1, 31))


def test_missing_year_from_the_pack_lowers_confidence():
    due = parse_due("Start w/c 14 or 21 October", 2013)
    assert (due.kind, due.start, due.date) == ("from", D(2013, 10, 14), None)
    assert due.flags == ("year_from_context",) and due.confidence < 1


def test_missing_year_with_no_pack_year_is_unparsed():
    due = parse_due("Start w/c 14 or 21 October", None)
    assert (due.kind, due.start, due.date) == ("from", None, None) and due.flags == ("date_unparsed",)


# --- R3: status words ------------------------------------------------------------------------

@pytest.mark.parametrize("raw, kind", [
    ("Immediate", "immediate"), ("Immediately", "immediate"),
    ("Ongoing", "ongoing"), ("On-going", "ongoing"), ("On going", "ongoing"),
])
def test_status_words_when_no_date_is_named(raw: str, kind: str):
    assert parse_due(raw, 2013) == DueDate(kind, None, None)


def test_a_date_beats_a_status_word():
    assert parse_due("By Oct / Nov 2013 On-going for RI", 2013) == DueDate("multiple", D(2013, 10, 1), D(2013, 11, 30))


# --- R4: recurrence --------------------------------------------------------------------------

@pytest.mark.parametrize("raw, start", [
    ("Dec 2013 – termly", D(2013, 12, 1)),
    ("Dec 2013 termly", D(2013, 12, 1)),
    ("From Dec 2013 - termly", D(2013, 12, 1)),
    ("Quarterly from Oct 2013", D(2013, 10, 1)),
    ("Every 6mths from March 2014", D(2014, 3, 1)),
    ("Dec 13 & then bi-monthly", D(2013, 12, 1)),
    ("Dec 13  Dec13  Dec 13  Dec 13 & then bi-monthly Jan 14", D(2013, 12, 1)),  # earliest, not first printed
    ("Jan 14 Dec 13 monthly", D(2013, 12, 1)),
    ("Termly", None), ("Monthly", None), ("Annually", None), ("weekly", None), ("6 monthly", None),
])
def test_a_recurrence_word_makes_the_cell_recurring(raw: str, start: dt.date | None):
    assert parse_due(raw, 2013) == DueDate("recurring", start, None)


# --- R5: range and multiple ------------------------------------------------------------------

@pytest.mark.parametrize("raw, start, date", [
    ("June 2013 – July 2015", D(2013, 6, 1), D(2015, 7, 31)),
    ("Sept 2013 to March 2014", D(2013, 9, 1), D(2014, 3, 31)),
    ("From Jan 2014 to Mar 2014", D(2014, 1, 1), D(2014, 3, 31)),
    ("14 - 21 October 2013", D(2013, 10, 14), D(2013, 10, 21)),
    ("2013 - 2015", D(2013, 1, 1), D(2015, 12, 31)),
])
def test_two_periods_joined_by_a_dash_or_to_are_a_range(raw: str, start: dt.date, date: dt.date):
    assert parse_due(raw, 2013) == DueDate("range", start, date)


@pytest.mark.parametrize("raw, pack_year, start, date", [
    ("31 Oct 2013  31 Mar 2014", 2013, D(2013, 10, 31), D(2014, 3, 31)),  # side by side, no dash
    ("By Oct /Nov 2013", 2013, D(2013, 10, 1), D(2013, 11, 30)),
    ("Jan 2014 for Mar 2014", 2013, D(2014, 1, 1), D(2014, 3, 31)),
    ("Mar 2014 Dec 2013", 2013, D(2013, 12, 1), D(2014, 3, 31)),  # earliest/latest in time, not print order
    ("Nov 2019 Jun 2019 Jan 2019 Aug 2019 Dec 2019", 2019, D(2019, 1, 1), D(2019, 12, 31)),
    ("14 and 21 October 2013", 2013, D(2013, 10, 14), D(2013, 10, 21)),
    ("Sept 2013 - From Oct 2013", 2013, D(2013, 9, 1), D(2013, 10, 31)),  # a dash, but not two bare periods
])
def test_other_cells_with_several_periods_are_multiple(raw: str, pack_year: int, start: dt.date, date: dt.date):
    assert parse_due(raw, pack_year) == DueDate("multiple", start, date)


def test_alternatives_joined_by_or_are_one_date():
    assert parse_due("Oct or Nov 2013", 2013) == DueDate("deadline", None, D(2013, 11, 30))


# --- R6: from or deadline --------------------------------------------------------------------

@pytest.mark.parametrize("raw, pack_year, start", [
    ("From Oct 2013", 2013, D(2013, 10, 1)),
    ("From Sept 13", 2013, D(2013, 9, 1)),
    ("June 2014 onwards", 2014, D(2014, 6, 1)),
    ("From Sept 2013 onwards", 2013, D(2013, 9, 1)),
    ("Sept 2013 -", 2013, D(2013, 9, 1)),
    ("From Sept 2013 -", 2013, D(2013, 9, 1)),
    ("Nov 2019 & ongoing", 2019, D(2019, 11, 1)),
    ("From January 1st 2014", 2013, D(2014, 1, 1)),
])
def test_an_open_ended_start(raw: str, pack_year: int, start: dt.date):
    assert parse_due(raw, pack_year) == DueDate("from", start, None)


@pytest.mark.parametrize("raw, date", [
    ("By Dec 2013", D(2013, 12, 31)),
    ("End Oct 13", D(2013, 10, 31)),
    ("By Mar 2014", D(2014, 3, 31)),
    ("15 Mar 2014", D(2014, 3, 15)),
])
def test_one_period_otherwise_is_a_deadline(raw: str, date: dt.date):
    assert parse_due(raw, 2013) == DueDate("deadline", None, date)


# --- R7/R8: plausibility and unreadable parts -----------------------------------------------

def test_implausible_year_is_kept_raw_and_flagged():
    due = parse_due("Nov 2103", 2013)
    assert (due.kind, due.start, due.date) == ("deadline", None, None)
    assert due.flags == ("date_implausible",) and due.confidence == 0.5


def test_one_implausible_part_nulls_the_whole_cell():
    due = parse_due("Oct 2013 Nov 2103", 2013)
    assert (due.kind, due.start, due.date, due.flags) == ("multiple", None, None, ("date_implausible",))


def test_implausible_part_of_a_recurring_cell_nulls_its_start():
    assert parse_due("Nov 2103 - termly", 2013) == DueDate("recurring", None, None, ("date_implausible",), 0.5)


@pytest.mark.parametrize("raw", ["06/06", "03/06"])  # printed in the 2016 pack: March/June 2006
def test_month_year_ten_years_before_the_pack_is_implausible(raw: str):
    due = parse_due(raw, 2016)
    assert (due.kind, due.date, due.flags) == ("deadline", None, ("date_implausible",))


@pytest.mark.parametrize("raw, pack_year, plausible", [
    ("Jan 2008", 2013, True), ("Dec 2007", 2013, False),  # 5 years back is the limit
    ("Dec 2023", 2013, True), ("Jan 2024", 2013, False),  # 10 years on is the limit
    ("Jan 2013", 2013, True),  # past dates are plausible
    ("Jan 1990", None, True), ("Dec 1989", None, False), ("Dec 2100", None, True), ("Jan 2101", None, False),
    ("Nov 2103", None, False),
])
def test_plausibility_window(raw: str, pack_year: int | None, plausible: bool):
    due = parse_due(raw, pack_year)
    assert (due.date is not None) is plausible
    assert ("date_implausible" in due.flags) is not plausible


@pytest.mark.parametrize("raw, pack_year, kind", [
    ("12/1", 2016, "deadline"),  # the 2016 pack's unreadable cell
    ("03/", 2016, "deadline"),
    ("31/02/2014", 2013, "deadline"),  # no such day
    ("Febuary 2014", 2013, "deadline"),  # a misspelt month is not the whole of 2014
    ("Oct 2013 12/1", 2013, "multiple"),
])
def test_unreadable_date_is_flagged_unparsed(raw: str, pack_year: int, kind: str):
    due = parse_due(raw, pack_year)
    assert (due.kind, due.start, due.date, due.flags) == (kind, None, None, ("date_unparsed",))
    assert due.confidence == 0.5


def test_words_without_a_date_are_none_and_unflagged():
    assert parse_due("See above", 2016) == DueDate("none", None, None)
    assert parse_due("Complete", 2013) == DueDate("none", None, None)


@pytest.mark.parametrize("raw", ["", "   ", "\n"])
def test_a_blank_cell_is_none(raw: str):
    assert parse_due(raw, 2013) == DueDate("none", None, None)


# --- fallback and cache ----------------------------------------------------------------------

def test_dateparser_reads_leftovers_the_grammar_cannot():
    due = parse_due("2014/03/31", 2013)
    assert (due.kind, due.start, due.date, due.flags) == ("deadline", None, D(2014, 3, 31), ())
    assert due.confidence < 1


def test_dateparser_result_is_dropped_when_implausible():
    due = parse_due("2103/03/31", 2013)
    assert (due.date, due.flags) == (None, ("date_unparsed",))


def test_results_are_cached_per_cell_and_pack_year():
    first = parse_due("Sept 2013 Nov 2013", 2013)
    assert parse_due("Sept 2013 Nov 2013", 2013) is first
    assert parse_due.cache_info().hits >= 1
