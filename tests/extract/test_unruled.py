"""The unruled-table geometry (extract/unruled.py) on printed lines made by hand."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from plantrack.extract.unruled import (
    ColumnMemory,
    GutterSettings,
    Rule,
    block_gutters,
    carried_columns,
    carried_run,
    find_gutter_tables,
    line_spans,
    solid_row_starts,
)

SIZE = 10.0
CHAR = 5.0  # glyph advance


@dataclass
class FakeLine:
    chars: list[dict[str, Any]]
    top: float
    bottom: float
    size: float = SIZE
    x0: float = field(default=0.0)


def line(top: float, *cells: tuple[float, str]) -> FakeLine:
    """A printed line: (x, text) pieces, one glyph per character."""
    chars = [
        {"text": ch, "x0": x + i * CHAR, "x1": x + (i + 1) * CHAR, "top": top, "bottom": top + SIZE, "size": SIZE}
        for x, text in cells for i, ch in enumerate(text)
    ]
    return FakeLine(chars=chars, top=top, bottom=top + SIZE)


def test_gutters_are_strips_no_line_prints_into() -> None:
    block = [[(0.0, 20.0), (40.0, 90.0)], [(0.0, 30.0), (45.0, 60.0)]]
    assert block_gutters(block, 8.0) == [(30.0, 40.0)]
    assert block_gutters(block, 12.0) == []


def test_prose_line_across_the_gutters_ends_the_table() -> None:
    rows = [line(0, (0, "Ref"), (60, "Action"), (200, "Lead"))]
    rows += [line(14 + 14 * i, (0, f"1.{i}"), (60, "Do a thing"), (200, "HoS")) for i in range(3)]
    prose = line(14 * 4 + 12, (0, "This paragraph of prose runs right across every column of the page."))
    (table,) = find_gutter_tables([*rows, prose], GutterSettings())
    assert len(table.xs) == 4 and len(table.ys) == 5
    assert prose not in table.lines


def test_columns_set_with_narrow_padding_ran_together() -> None:
    # cells padded 3.5pt a side leave 7pt of white between columns (0.7 em at 10pt): the
    # Due and Leads columns read as one, so `Due Leads` became every action's owner
    lines = [line(i * 14, (0, "Review the arrangements"), (115 + 7, "Mar 17"), (152 + 7, "HoS QA")) for i in range(4)]
    (table,) = find_gutter_tables(lines, GutterSettings())
    assert len(table.xs) == 4


def test_rows_of_a_table_ruled_between_rows_cut_at_the_rules_not_at_paragraph_gaps() -> None:
    # rules under every row; the second row's cell holds two paragraphs 5pt apart, rows
    # lie 8pt apart; the prose line under the last rule starts a row of its own (its gap is
    # as wide as the ruled ones) though no rule is drawn above it
    rows = [line(0, (0, "Ref"), (60, "Action"), (200, "Lead")),
            line(18, (0, "1.1"), (60, "First action"), (200, "AB")),
            line(33, (60, "Its second paragraph")),
            line(51, (0, "1.2"), (60, "Second action"), (200, "CD")),
            line(69, (0, "Notes"), (60, "under the table"))]
    rules = [Rule(14.0, 0.0, 230.0), Rule(47.0, 0.0, 230.0), Rule(65.0, 0.0, 230.0)]
    (table,) = find_gutter_tables(rows, GutterSettings(), rules=rules)
    assert len(table.ys) - 1 == 4  # header, 1.1 with its paragraph, 1.2, the notes


def test_rows_under_a_header_with_a_rule_read_as_one_row() -> None:
    # the only rule lies under the header, whose padding is a little deeper than the rows':
    # taken as the rows' spacing, it let no row below start, and six actions became one
    rows = [line(0, (0, "Ref"), (60, "Action"), (300, "Due"), (380, "Lead"))]
    top = 10 + 10 + 1  # header padding 5pt a side, and the rule
    for i in range(6):
        rows.append(line(top + 4, (0, f"1.{i + 1}"), (60, "Review the arrangements for"), (300, "Mar 24"), (380, "HoS")))
        rows.append(line(top + 16, (60, "supervision of staff")))
        top += 4 + 24 + 4
    (table,) = find_gutter_tables(rows, GutterSettings(), rules=[Rule(15.5, 0.0, 420.0)])
    assert len(table.ys) - 1 == 7


def test_sub_heading_above_the_only_rule_read_as_a_row_of_its_own() -> None:
    # the rule under a row running on from the last page closes that row: a sub-heading
    # 5pt under its action's last line (rows lie 12.5pt apart at the rule) is in the row,
    # and its words had become the action's owner
    rows = [line(0, (60, "1.1.4 NSCB audit activity"), (200, "PB/ DM"), (260, "31 Jan")),
            line(12.8, (60, "themes and findings"), (260, "2013")),
            line(27.8, (60, "Audit activity")),
            line(43.6, (60, "By year end ten audits")),
            line(56.4, (60, "to go to the Board")),
            line(78.9, (0, "SO1.2"), (60, "Partners are engaged"), (200, "Heads"), (320, "Audit of")),
            line(94.7, (60, "Arrangements for"), (320, "Strategy talks")),
            line(110.5, (60, "Actions:"), (320, "Audit measure"))]
    (table,) = find_gutter_tables(rows, GutterSettings(), rules=[Rule(72.0, 0.0, 400.0)])
    assert 66.4 < table.ys[1] < 78.9  # the first row ends at the rule, not at `Audit activity`



def test_heading_under_a_table_ruled_between_rows_read_as_its_last_row() -> None:
    # the rule under the last row closes the table: the heading 12pt under it (rows start
    # 4pt under theirs) kept the gutters open, so it became a row and its words an owner
    rows = [line(0, (0, "Ref"), (60, "Action"), (200, "Lead")),
            line(18, (0, "1.1"), (60, "First action"), (200, "AB")),
            line(36, (0, "1.2"), (60, "Second action"), (200, "CD")),
            line(62, (0, "Outcomes"))]
    rules = [Rule(14.0, 0.0, 230.0), Rule(32.0, 0.0, 230.0), Rule(50.0, 0.0, 230.0)]
    (table,) = find_gutter_tables(rows, GutterSettings(), rules=rules)
    assert rows[-1] not in table.lines and len(table.ys) - 1 == 3


def _ruled_table_below(top: float) -> tuple[list[FakeLine], list[Rule]]:
    """A header and three rows, a rule above each row and under the last: rows start 5pt under their rule."""
    lines = [line(top + 5, (0, "Ref"), (60, "Action"), (300, "Lead"))]
    rules = [Rule(top, 0.0, 400.0)]
    for i in range(3):
        y = top + 20 + 32 * i
        rules.append(Rule(y, 0.0, 400.0))
        lines += [line(y + 5, (0, f"{i + 2}"), (60, "Review the arrangements"), (300, "HoS")),
                  line(y + 17, (60, "for supervision"))]
    rules.append(Rule(top + 20 + 32 * 3, 0.0, 400.0))
    return lines, rules


def test_heading_under_the_rest_of_a_row_at_a_page_top_read_as_its_last_row() -> None:
    # one rule closes the rest of a row at the page top, too few to learn the row spacing
    # from, so the heading 11pt under it (rows start 5pt under theirs) stayed in the table
    rest = [line(0, (60, "7.1.2 Outline in procedures when"), (300, "41. % of audits")),
            line(12, (60, "and how life story work is done"), (300, "Target: 85%"))]
    heading = line(37, (0, "Improvement Outcomes"))
    prose = [line(60 + 12 * i, (0, "Workers will have the capacity to prioritise life story work for children."))
             for i in range(2)]
    table, rules = _ruled_table_below(100.0)
    memory = ColumnMemory(xs=[-1.0, 50.0, 290.0, 400.0])
    found = find_gutter_tables([*rest, heading, *prose, *table], GutterSettings(), memory,
                               rules=[Rule(26.0, 0.0, 400.0), *rules])
    assert found[0].lines == rest


def test_paragraphs_of_the_rest_of_a_row_at_a_page_top_read_as_rows() -> None:
    # rules frame the rest of a row at the page top, none inside it: its two paragraphs are
    # one cell, as the page's other rows show (their paragraph gaps are narrower than the
    # bands the rules cross), but were read as two rows
    rest = [line(5, (60, "11.8 Consider another approach"), (300, "66. % of care")),
            line(20, (60, "11.9 Create a mechanism"), (300, "Target: 90%"))]
    table, rules = _ruled_table_below(60.0)
    memory = ColumnMemory(xs=[-1.0, 50.0, 290.0, 400.0])
    found = find_gutter_tables([*rest, *table], GutterSettings(), memory,
                               rules=[Rule(0.0, 0.0, 400.0), Rule(37.0, 0.0, 400.0), *rules])
    assert found[0].lines == rest and len(found[0].ys) == 2


def test_last_line_of_an_owner_alone_at_a_page_top_lost() -> None:
    # the page break left one line of the owner cell (`AH` of `TS/ AM/ AH`) alone at the top
    # of the next page: one line was too few to continue the table, so the owner lost it
    memory = ColumnMemory(xs=[-1.0, 50.0, 290.0, 340.0, 400.0])
    (table,) = find_gutter_tables([line(0, (300, "AH"))], GutterSettings(), memory)
    assert len(table.lines) == 1 and table.xs[1:-1] == [50.0, 290.0, 340.0]
    # a heading at the page top starts at the first column: no table
    assert find_gutter_tables([line(0, (0, "Key"))], GutterSettings(), ColumnMemory(xs=[-1.0, 50.0, 290.0, 400.0])) == []


def test_rest_of_a_row_alone_on_a_page_cut_into_rows_at_a_short_line() -> None:
    # a page holding only the rest of one row of a table ruled between rows, framed by
    # rules and with none inside: it showed no row spacing, so rows were cut where a line
    # ended early, and every owner below went to the action above
    memory = ColumnMemory()
    table, rules = _ruled_table_below(0.0)
    find_gutter_tables(table, GutterSettings(), memory, rules=rules)
    rest = [line(5, (0, "educational professionals."), (300, "Schools"), (350, "Nov 13")),
            line(17, (10, "- Lead local coordination of early"), (300, "PD/ CB/"), (350, "Jan 14")),
            line(29, (10, "help interventions in the area"), (300, "AH/ DE")),
            line(41, (10, "- Deliver casework to families"), (300, "Schools"), (350, "Mar 14"))]
    (found,) = find_gutter_tables(rest, GutterSettings(), memory, rules=[Rule(0.0, 0.0, 400.0), Rule(56.0, 0.0, 400.0)])
    assert found.lines == rest and len(found.ys) == 2


def test_two_line_header_at_a_page_foot_cut_into_two_rows_at_a_hyphen() -> None:
    # a header alone at the foot of a page, every column printing on both lines, read as a
    # list of one-line rows: `Respon-` and `sible` became two header rows, so no column
    # mapped to the owner and the next page's owners were lost
    lines = [line(0, (0, "Performance"), (80, "Strategic Intent"), (200, "Respon-"), (260, "Target")),
             line(12, (0, "Area"), (80, "and Actions"), (200, "sible"), (260, "Date"))]
    (table,) = find_gutter_tables(lines, GutterSettings())
    assert len(table.ys) - 1 == 1


def test_page_of_prose_has_no_table() -> None:
    lines = [line(i * 14, (0, "Ordinary prose with no wide gaps between its words at all here.")) for i in range(6)]
    assert find_gutter_tables(lines, GutterSettings()) == []


def test_continuation_takes_the_previous_page_columns_when_its_text_fits() -> None:
    lines = [line(14 * i, (0, f"2.{i}"), (200, "Head of QA")) for i in range(4)]  # column 1 blank on this page
    memory = ColumnMemory(xs=[-1.0, 40.0, 180.0, 260.0])
    (table,) = find_gutter_tables(lines, GutterSettings(), memory)
    assert table.xs[1:-1] == [40.0, 180.0]
    assert memory.xs == table.xs and not memory.orphan


def test_fragment_laid_out_afresh_gets_empty_slivers_for_missing_columns() -> None:
    # carried: Ref | Action | Due | Lead; this page's text crosses the carried edges
    # (new column widths) and has no Due column
    carried = [0.0, 40.0, 300.0, 360.0, 460.0]
    found = [0.0, 30.0, 330.0, 470.0]
    spans = [[(2.0, 20.0), (35.0, 320.0), (340.0, 420.0)]]
    xs = carried_columns(carried, found, spans)
    assert len(xs) == len(carried)
    assert xs[0] == 0.0 and xs[1] == 30.0 and xs[-1] == 470.0
    assert xs[3] - xs[2] <= 1.0  # the Due column: an empty sliver in the gutter


def test_bullet_with_hanging_text_does_not_end_a_continued_table() -> None:
    # `•    Audit the files` inside a carried column: one gap after a narrow marker
    lines = [line(0, (50, "Review the standards"), (200, "HoS")),
             line(14, (50, "•"), (70, "Audit the files")),
             line(28, (50, "•"), (70, "Train the staff"), (200, "PSW"))]
    settings = GutterSettings()
    spans = [line_spans(printed, settings) for printed in lines]
    assert carried_run(lines, spans, [-1.0, 40.0, 180.0, 260.0], settings) == (3, False)


def test_table_laid_out_afresh_kept_the_last_pages_columns_when_a_value_poked_over_an_edge() -> None:
    # the last page's gutter between two narrow columns sat at 112; here a value runs to 114
    # and the next column starts at 121, so the line both crosses the old edge and leaves a
    # gap inside that old column: it was taken for another table's header and the page was
    # cut into two tables, the second with no header
    lines = [line(0, (0, "Outcome one"), (90, "45.3"), (130, "55")),
             line(12, (0, "Outcome two"), (90, "70 (76)"), (130, "77"))]
    settings = GutterSettings()
    spans = [line_spans(printed, settings) for printed in lines]
    assert carried_run(lines, spans, [-1.0, 80.0, 112.0, 150.0], settings) == (1, True)


def test_one_cell_alone_at_a_page_top_read_as_prose() -> None:
    # the rest of a table laid out afresh with only its action cell filled: one narrow
    # column, no gutter, across the old column edges. It was prose, so the action was lost
    cell = [line(12 * i, (300, text)) for i, text in enumerate(("8.2.2. Set up a process for", "performance oversight",
                                                                "throughout the organisation"))]
    prose = [line(60, (0, "Improvement Outcome")),
             line(80, (0, "Supervision of staff is a high priority in supporting our workforce and our teams."))]
    memory = ColumnMemory(xs=[0.0, 100.0, 250.0, 320.0, 420.0, 520.0])
    (table,) = find_gutter_tables([*cell, *prose], GutterSettings(), memory)
    assert table.lines == cell and len(table.xs) == 2
    assert memory.xs == [0.0, 100.0, 250.0, 320.0, 420.0, 520.0]  # the next page still continues the table's columns
    # a heading in larger type over the page's prose is no cell, however narrow
    heading = [line(20 * i, (0, text)) for i, text in enumerate(("Improvement", "Outcomes"))]
    for printed in heading:
        printed.size = 16.0
        printed.bottom = printed.top + 16.0
    body = [line(50 + 12 * i, (0, "Supervision of staff is a high priority in supporting our workforce.")) for i in range(3)]
    assert find_gutter_tables([*heading, *body], GutterSettings(), ColumnMemory(xs=[0.0, 100.0, 250.0, 520.0])) == []
    # a paragraph as wide as the table opening the page is prose
    wide = [line(12 * i, (0, "This paragraph of prose runs right across every column of the page.")) for i in range(3)]
    assert find_gutter_tables(wide, GutterSettings(), ColumnMemory(xs=[0.0, 100.0, 250.0, 320.0])) == []


def test_tight_rows_merged_when_wrapped_lines_alternate_between_two_gaps() -> None:
    # a pitch that is not a whole number of points: a cell's wrapped lines lie 2.0 and 2.8
    # apart by turns, rows 4.5 apart; counted apart, neither wrap gap was common and the
    # row spacing was taken for the line gap, so no row was cut
    lines = [line(0, (0, "Action"), (300, "Lead"), (360, "Due"))]
    top = SIZE + 4.5
    wrapped = 0
    for i in range(8):
        lines.append(line(top, (0, f"({i}.1) Review the arrangements for"), (300, "HoS"), (360, "Mar 17")))
        top += SIZE
        if i in (2, 5):
            top += 2.0 if wrapped == 0 else 2.8
            lines.append(line(top, (0, "the service.")))
            top += SIZE
            wrapped += 1
        top += 4.5
    (table,) = find_gutter_tables(lines, GutterSettings())
    assert len(table.ys) - 1 == 9  # the header and eight rows


def test_one_line_rows_under_a_spaced_header_ran_together() -> None:
    # rows of one line each, set as close as a cell's wrapped lines; only the header stands apart
    lines = [line(0, (0, "2.4 For information, the scale of intervention activity is as follows"))]
    lines.append(line(24, (0, "Intervention"), (400, "Primary"), (480, "Secondary")))
    names = ["Issue of a warning notice", "Issue of a performance and safety warning notice",
             "Suspension of delegation", "Interim executive boards"]
    lines += [line(38 + 14 * i, (0, name), (400, str(i + 1)), (480, str(i))) for i, name in enumerate(names)]
    (table,) = find_gutter_tables(lines, GutterSettings())
    assert len(table.ys) - 1 == 6


def test_row_wrapping_in_two_prose_columns_kept_whole() -> None:
    # every line prints into the action and the measures, and a bullet starts in both at
    # once; with no narrow column beside them the lines are one row, not rows of one line
    action = ["To improve participation in education and training.", "• Increase the number of young people",
              "supported by the guidance advisers.", "• Review the organisation of the functions."]
    measures = ["• 75% of young people sustain progression.", "• Decrease the attainment gap at 19.",
                "• NEET rate below 5% by January.", "• Participation at 90% year on year."]
    lines = [line(0, (0, "Action"), (300, "Lead"), (360, "Measures"))]
    lines += [line(24 + 12 * i, (0, a), (360, m)) for i, (a, m) in enumerate(zip(action, measures, strict=True))]
    lines[1].chars += line(24, (300, "MB")).chars
    lines.append(line(24 + 12 * 4 + 10, (0, "1.2 Review the organisation of the functions."), (300, "TE"),
                      (360, "Review reported to the board.")))
    (table,) = find_gutter_tables(lines, GutterSettings())
    assert len(table.ys) - 1 == 3


def test_rows_set_solid_cut_where_a_narrow_column_starts_beside_a_new_action() -> None:
    # every printed line its own row of the source, all set alike: only the RAG beside the
    # first line of each action, after a line it left blank, shows where an action starts
    lines = [line(0, (0, "Priority 3"))]
    top = 24.0
    for n in range(3):
        texts = [f"3.{n} Take urgent action to review the cases of all", "children who do not have an allocated social",
                 "worker, and help as necessary."]
        for k, text in enumerate(texts):
            pieces = [(0, text), (300, "Measure met in every case reviewed")] if k < 2 else [(0, text)]
            if k == 0:
                pieces.append((500, "C"))
            lines.append(line(top, *pieces))
            top += SIZE + 4.5
    (table,) = find_gutter_tables(lines, GutterSettings())
    assert len(table.ys) - 1 == 4  # the title line and three actions


def test_one_cell_alone_at_a_page_top_lost_when_a_heading_sits_tight_under_it() -> None:
    # a tight page left no paragraph's gap between the lone cell and the heading under it, so
    # the heading counted as one of its lines, and its margin-flush start made it no cell
    cell = [line(12 * i, (300, text)) for i, text in enumerate(("8.2.2. Set up a process for", "performance oversight",
                                                                "throughout the organisation"))]
    prose = [line(12 * 3 + 2, (0, "Improvement Outcome")),
             line(12 * 4 + 4, (0, "Supervision of staff is a high priority in supporting our workforce and our teams."))]
    (table,) = find_gutter_tables([*cell, *prose], GutterSettings(), ColumnMemory(xs=[0.0, 100.0, 250.0, 320.0, 420.0, 520.0]))
    assert table.lines == cell and len(table.xs) == 2


def test_last_row_of_a_table_alone_on_the_next_page_read_as_prose() -> None:
    # the page opens with the rest of the last page's table laid out afresh: one row whose
    # action wraps over three lines and whose owner sits beside the first; a heading and a
    # paragraph of the key follow after a paragraph's gap
    action = ["7.10 Adopt the revised promise for children and send it to", "all looked-after children and care leavers",
              "with a covering letter."]
    lines = [line(12 * i, (60, text)) for i, text in enumerate(action)]
    lines[0].chars += line(0, (400, "DE")).chars
    lines.append(line(12 * 3 + 14, (60, "Key")))
    lines.append(line(12 * 4 + 20, (60, "EHIP - Early Help Improvement Plan")))
    memory = ColumnMemory(xs=[0.0, 50.0, 250.0, 440.0, 520.0])  # Ref | Action | Lead | Due, set narrower
    (table,) = find_gutter_tables(lines, GutterSettings(), memory)
    assert table.lines == lines[:3]


def test_owner_named_like_a_month_held_the_next_row_to_it() -> None:
    # `Mark` is no month alone waiting for its year: the next action starts a row
    lines = [line(0, (0, "1.1 Audit the files"), (300, "Mark")),
             line(12, (0, "1.2 Review the supervision policy now"), (300, "Sue")),
             line(24, (300, "Smith"))]
    spans = [line_spans(item, GutterSettings()) for item in lines]
    assert solid_row_starts(lines, spans, [-1, 250, 400], 3.2, 120.0) == [True, False]


def test_running_header_alone_at_the_page_top_read_as_the_rest_of_a_table() -> None:
    lines = [line(0, (0, "Children's Services"), (300, "Page 3")), line(16, (0, "Section 4 Quality")),
             line(40, (0, "Ordinary prose with no wide gaps between its words at all here.")),
             line(54, (0, "Ordinary prose with no wide gaps between its words at all here."))]
    assert find_gutter_tables(lines, GutterSettings(), ColumnMemory(xs=[-1.0, 40.0, 180.0, 260.0])) == []


def test_rows_below_a_tall_blank_band_lost_the_columns_they_leave_blank() -> None:
    # an airy table: a cell's paragraph margin over the rows' padding left 30pt of white
    # above its value rows, which ended the table there; the rows below, their first
    # column blank, found columns of their own, one fewer, and were placed by what they held
    head = [line(0, (0, "Area"), (60, "Actions"), (200, "Lead"), (260, "Due"), (320, "Measure"))]
    head += [line(14 + 14 * i, (0, f"PS.{i}"), (60, f"1.{i} Do a thing"), (200, "HoS"), (260, "Dec 13"),
                  (320, "Audit")) for i in range(3)]
    below = [line(86 + 14 * i, (200, "AB/AH"), (260, "Jan 14"), (320, "From January")) for i in range(3)]
    top, bottom = find_gutter_tables([*head, *below], GutterSettings())
    assert top.lines == head and bottom.lines == below
    assert bottom.xs[1:-1] == top.xs[1:-1]
