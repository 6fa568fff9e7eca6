"""Cells placed under header roles by what they hold (extract/placement.py)."""

from __future__ import annotations

from plantrack.extract.columns import map_header
from plantrack.extract.document import Cell, Paragraph, Row, Run
from plantrack.extract.placement import align_cells, fragment_fit, header_fit, place_fragment, place_row, role_fit

HEADER = map_header(["Performance Area", "Actions", "Responsible", "Enabling Teams", "Target Date",
                     "How measured", "RAG", "Link to other plans"])


def _row(*texts: str) -> Row:
    return Row(cells=[Cell(paragraphs=[Paragraph(runs=[Run(text=t)])] if t else []) for t in texts])


def test_fragment_without_its_empty_columns_is_placed_under_the_header_by_content():
    rows = [_row("", "1.5 Increase awareness amongst party leaders", "TS", "Nov 2013", ""),
            _row("2. Planning", "2.1 All children will have an assessment", "AM", "Oct 2013",
                 "Report: 100% of children assessed by March 2014")]
    assert place_fragment(rows, HEADER) == (0, 1, 2, 4, 5)
    placed = place_row(rows[0], (0, 1, 2, 4, 5), HEADER)
    assert placed[4].text == "Nov 2013" and placed[3] is None and len(placed) == 8


def test_fragment_that_fits_where_it_is_is_left_to_each_row():
    rows = [_row("", "1.1 Strengthen the panel's operation and reporting", "TS", "", "Oct 2013")]
    assert place_fragment(rows, HEADER) is None


def test_stacked_short_owners_are_judged_one_by_one():
    owners = Cell(paragraphs=[Paragraph(runs=[Run(text=t)]) for t in ("Schools", "PD/ CB/ AH/ DE", "LS/ MB/ SSu/ PD")])
    action = Cell(paragraphs=[Paragraph(runs=[Run(text="educational professionals, including the threshold")])])
    fitted = fragment_fit([[action, owners]], HEADER)
    assert fitted is not None and fitted.placement == (1, 2)


def test_stacked_owners_printed_without_gaps_read_as_an_action():
    # a tightly set page: four owners in one paragraph of short printed lines
    lines = ("Schools", "PD/ CB/", "AH/ DE", "LS/ MB/", "SSu/ PD", "Schools")
    owners = Cell(paragraphs=[Paragraph(runs=[Run(text=" ".join(lines))], layout_lines=lines)])
    action = Cell(paragraphs=[Paragraph(runs=[Run(text="educational professionals, including the threshold")])])
    fitted = fragment_fit([[action, owners]], HEADER)
    assert fitted is not None and fitted.placement == (1, 2)


def test_measures_in_a_narrow_column_read_as_owners():
    # lines of a measure run longer than any owner's, however narrow the column
    lines = ("Target: 80%", "15. % of repeat Child Protection Plans", "with a Graded Care Profile")
    measures = Cell(paragraphs=[Paragraph(runs=[Run(text=" ".join(lines))], layout_lines=lines)])
    assert role_fit(measures, "owner", stacked=True) < 0


def test_header_fit_refuses_a_header_narrower_than_the_rows():
    narrow = map_header(["Ref", "Action", "Lead", "Date"])
    rows = [_row("1", "1.1 Audit the files", "AB", "Partners", "Dec 2013", "Measures")]
    assert header_fit([rows], narrow) is None
    assert header_fit([rows], HEADER) is not None


def test_whitespace_columns_matched_by_position_are_placed_again_by_content():
    # an unruled page laid out afresh: its dates sat under the carried `Enabling Teams` column
    header = map_header(["Performance Area", "Actions", "Responsible", "Enabling Teams", "Target Date",
                         "How measured", "RAG"])
    rows = [_row("", "Promote use of practice tools across teams", "PB/ CC", "Nov 13", "", "33% increase", ""),
            _row("", "Use the board to align early assessment", "LS", "Dec 13", "", "Audit shows", "")]
    assert place_fragment(rows, header, inferred=True) == (None, 1, 2, 4, None, 5, None)
    assert place_fragment(rows, header, inferred=False) is None  # ruled or tabbed: the reader saw the columns


def test_page_of_value_rows_put_its_owners_under_the_action():
    # a page holding only the value rows of a row begun above: initials are owners, not actions
    header = map_header(["Performance Area", "Actions", "Responsible", "Enabling Teams", "Target Date",
                         "How measured", "RAG"])
    rows = [_row("", "TE", "Adults", "Nov 13", ""), _row("", "SL", "NDAP CAMHS", "Dec 13", ""),
            _row("", "TE", "Adults", "Dec 13", "")]
    assert place_fragment(rows, header, inferred=True) == (None, 2, 3, 4, None)


def test_priority_row_put_its_success_measures_under_the_owner():
    header = map_header(["No", "Action", "Who", "When", "Milestones"])
    rows = [_row("Priority 3", "Use available performance information to check that schools improve",
                 "What will success look like? Improved accuracy in the LA view of school performance")]
    assert place_fragment(rows, header, inferred=True) == (0, 1, 4)


def test_owner_alone_in_a_short_row_shifted_under_the_rag():
    # `AH`, an owner's last line alone at a page top, in a row of six cells under a header
    # of eight: initials fit a RAG column as well as the owner's, and shifting them there
    # took the empty action cell out of the reckoning, so the row was read as a RAG
    placed = align_cells(_row("", "", "AH", "", "", ""), HEADER)
    assert placed[HEADER.col("owner")].text == "AH"


def test_owner_to_be_confirmed_placed_under_the_due_date():
    # `NEW 8 ... | TBC | TBC | ТВС` (measure, lead and time to be confirmed, the last in Cyrillic):
    # `TBC` counted as a date that could not be an owner, so the fragment was shifted one
    # column right and the lead's `TBC` read as the due date
    header = map_header(["Action", "Success measure(s)", "Lead", "Time", "RAG Initial", "RAG Previous", "RAG Current"])
    rows = [_row("", "casefile audit and dialogue with children.", "", "", "", "", ""),
            _row("NEW 8: All services to seek the voice of children", "TBC", "TBC", "\u0422\u0412\u0421", "", "", "")]
    assert place_fragment(rows, header, inferred=True) is None


def test_banded_fragment_placed_by_its_shaded_empty_cells():
    # a banded row shades every cell, the empty ones too: they counted as columns holding
    # something (a RAG colour), which forced the actions under the objective and the
    # measures under the action, and the actions 1.3.6-1.3.8 were lost
    header = map_header(["Ref", "Objectives", "Ofsted Ref", "Action Required", "Due", "Leads", "Key Performance"])
    rows = [_row("", "1.3.6 Implement training on 'What Good Looks Like' for Social Workers.",
                 "a) % of stat visits for CP, CIN and CLA in timescale Target: 95%", "")]
    for c in rows[0].cells:
        c.fill = "#e8eef7"
    assert place_fragment(rows, header, inferred=True) == (None, 3, 6, None)
