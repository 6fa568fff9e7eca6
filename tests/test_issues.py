"""Regressions, each named after the defect it pins (as pdfplumber's tests/test_issues.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from plantrack.api import extract_pack, records_from_document
from plantrack.cli import app
from plantrack.extract.document import Cell, Document, Heading, Paragraph, Prose, Row, Run, Table
from plantrack.extract.pdf_reader import Line, PdfReaderSettings, RunningLines, page_furniture, read_pdf
from plantrack.extract.text_reader import parse_text
from plantrack.isolation import run_isolated
from plantrack.settings import ExtractSettings
from tests.conftest import pack
from tests.fixtures import make_pdfs


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    return make_pdfs.write_all(tmp_path_factory.mktemp("issue_pdfs"))


def cell(*texts: str, bold: bool = False) -> Cell:
    """An intermediate cell of one paragraph per text, for tests that build a PDF's document directly."""
    return Cell(paragraphs=[Paragraph(runs=[Run(text=t, bold=bold)]) for t in texts])


def stacked_row(page: int, *texts: str) -> Row:
    """A PDF row: each text a cell, its paragraphs split at ` | `. A paragraph opening with a
    number prints it in bold (`1.2 Review ...`), one opening with `*` is bold throughout."""
    def paragraph(text: str) -> Paragraph:
        number, _, rest = text.partition(" ")
        if number[:1].isdigit():
            return Paragraph(runs=[Run(text=number, bold=True), Run(text=" " + rest)])
        return Paragraph(runs=[Run(text=text.lstrip("*"), bold=text.startswith("*"))])

    return Row(cells=[Cell(paragraphs=[paragraph(p) for p in t.split(" | ")]) if t else cell() for t in texts],
               page=page)


def test_rag_lost_when_shown_only_as_cell_colour(pdfs):
    recs = {r.section: r for r in extract_pack(pdfs["rag_table"])}
    assert (recs["R1"].rag, recs["R2"].rag, recs["R3"].rag, recs["R4"].rag) == ("red", "amber", "green", "complete")
    assert recs["R1"].rag_raw == "fill:#ff0000"
    assert all("rag_from_colour" in recs[k].flags and recs[k].confidence < 1 for k in ("R1", "R2", "R3", "R4"))
    assert recs["R6"].rag is None and recs["R6"].rag_raw == ""  # grey is styling, not a status
    assert recs["R9"].rag is None and not recs["R9"].flags


def test_action_text_lost_when_row_split_across_pages(pdfs):
    recs = {r.action_id: r for r in extract_pack(pdfs["split_table"])}
    assert recs["1.3.7"].action.endswith("captures all training, effectiveness and impact on practice.")
    assert "continuation_joined" in recs["1.3.7"].flags
    assert recs["1.4.1"].owner_raw == "Director" and recs["1.4.1"].source_page == 2
    assert all(r.source_page for r in recs.values())
    assert recs["1.1.1"].due_raw == recs["1.1.2"].due_raw == "Jun 2024"


@pytest.mark.parametrize("name, words", [
    ("zero_bytes", "empty"), ("not_pdf", "not a PDF"), ("truncated", "truncated"),
    ("user_password", "password"), ("image_only", "OCR"), ("no_table", "no action table"),
    ("content_bomb", ""), ("image_bomb", ""),
])
def test_bad_pdf_gets_one_line_and_the_others_are_still_extracted(pdfs, tmp_path, name, words):
    result = CliRunner().invoke(app, ["extract", str(pdfs[name]), str(pdfs["split_table"]), "--out", str(tmp_path)],
                                catch_exceptions=False)
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error")]
    assert len(errors) == 1 and f"{name}.pdf" in errors[0] and words in errors[0], result.output
    assert "Traceback" not in result.output
    assert set(pd.read_parquet(tmp_path / "actions.parquet")["source_file"]) == {"split_table.pdf"}


def test_owner_password_only_pdf_is_read_normally(pdfs):
    assert [r.action_id for r in extract_pack(pdfs["owner_only"])] == [
        r.action_id for r in extract_pack(pdfs["split_table"])]


def test_worker_over_its_time_limit_is_stopped_and_named(tmp_path):
    big = tmp_path / "slow.pdf"
    big.write_bytes(pack("000", "pdf").read_bytes())
    result = CliRunner().invoke(app, ["extract", str(big), str(pack("003")), "--timeout", "0.5",
                                      "--out", str(tmp_path / "o")], catch_exceptions=False)
    assert result.exit_code == 1 and "slow.pdf" in result.output and "timeout" in result.output.lower()
    assert set(pd.read_parquet(tmp_path / "o" / "actions.parquet")["source_file"]) == {pack("003").name}


def _allocate(path: Path, settings: ExtractSettings) -> int:
    if path.name == "hungry":
        return len(bytearray(1024 * 2**20))  # 1 GiB
    return 1


def test_worker_over_its_memory_limit_fails_alone():
    settings = ExtractSettings(jobs=2, max_memory=200 * 2**20)
    results = dict(run_isolated(_allocate, [Path("hungry"), Path("modest")], settings, lambda p, m: m))
    assert "needs more than 200 MB" in results[Path("hungry")] and "--max-memory" in results[Path("hungry")]
    assert results[Path("modest")] == 1


def test_owner_of_stacked_action_lost_when_owners_printed_on_rows_below():
    header = "Performance Area\tStrategic Intent and Actions\tResponsible\tTarget Date"
    recs = _records(
        "# A Plan", header,
        "PS.1.3 Area\t<p><b>1.3.1</b> First</p> <p><b>1.3.2</b> Second</p> <p><b>1.3.3</b> Third</p>\t\t",
        "\t\tAB/AH\tBy Mar 2014", "\t\tAB/DM/ ES\tDec 2013", "\t\tAB/CB/ GP/KA\tJan 2014"
    )
    assert [(r.action_id, r.owner_raw, r.due_raw) for r in recs] == [
        ("1.3.1", "AB/AH", "By Mar 2014"), ("1.3.2", "AB/DM/ ES", "Dec 2013"), ("1.3.3", "AB/CB/ GP/KA", "Jan 2014")]


def test_stacked_actions_spread_over_rows_lost_the_owners_printed_on_rows_below():
    # an airy page set a cell's stacked actions as far apart as rows, so each read as a row of
    # its own; the value-only rows under the last then went to it alone, and the rest got none
    header = "Performance Area\tStrategic Intent and Actions\tResponsible\tTarget Date"
    recs = _records(
        "# A Plan", header,
        "PS.1.3 Area\t<b>1.3.1</b> First\tTJ\tDec 2013", "\t<b>1.3.2</b> Second\t\t",
        "\t<b>1.3.3</b> Third\t\t", "\t<b>1.3.4</b> Fourth\t\t",
        "\t\t\tFeb 2013", "\t\tAB/DM\tDec 2013", "\t\tCB\tJan 2014"
    )
    assert [(r.action_id, r.owner_raw, r.due_raw) for r in recs] == [
        ("1.3.1", "TJ", "Dec 2013"), ("1.3.2", "", "Feb 2013"), ("1.3.3", "AB/DM", "Dec 2013"),
        ("1.3.4", "CB", "Jan 2014")]


def test_rows_without_values_take_no_values_from_rows_below_unless_one_each():
    header = "Performance Area\tStrategic Intent and Actions\tResponsible\tTarget Date"
    recs = _records(
        "# A Plan", header,
        "PS.1.3 Area\t<b>1.3.1</b> First\tTJ\tDec 2013", "\t<b>1.3.2</b> Second\t\t",
        "\t<b>1.3.3</b> Third\t\t", "\t\tAB/DM\tDec 2013"
    )
    # one value row under two rows without values: it is not known whose, so nothing moves up
    assert [(r.action_id, r.owner_raw) for r in recs] == [("1.3.1", "TJ"), ("1.3.2", ""), ("1.3.3", "AB/DM")]


def test_sub_bullet_value_rows_taken_as_extra_owners():
    header = "Performance Area\tStrategic Intent and Actions\tResponsible\tTarget Date"
    rec = _records(
        "# A Plan", header,
        "\t<b>1.1.2</b> Assess caseloads\tTS\t1 July 13",
        "\t<b>1.1.3</b> Analysis <ul><li>• Trends</li><li>• Split</li></ul>\tES\t30 Nov 13",
        "\t\tSandra Summerfield / Don Evans\t31 Oct 13"
    )[1]
    assert (rec.owner_raw, rec.due_raw) == ("ES", "30 Nov 13")
    assert rec.action == "Analysis Trends Split"


def test_names_run_together_split_by_reading_and_flagged():
    header = "Ref\tAction Required\tDue\tLeads"
    recs = _records(
        "# A Plan", header,
        "2\t<p>2.1.0. One</p> <p>2.1.1. Two</p> <p>2.1.2. Three</p>\tNov 2019 Jun 2019 Jan 2019\t"
        "Jon Brydon/ Anne Marie Dodds/ Amanda Radley Sally Allen Head of QA"
    )
    assert [r.owner_raw for r in recs] == ["Jon Brydon/ Anne Marie Dodds/ Amanda Radley", "Sally Allen", "Head of QA"]
    assert [r.due_raw for r in recs] == ["Nov 2019", "Jun 2019", "Jan 2019"]
    assert all("owner_alignment_guess" in r.flags for r in recs)


def test_headerless_first_table_borrows_the_header_of_the_same_shape():
    recs = extract_pack(pack("002"))
    first = [r for r in recs if r.source_line == 39]
    assert [r.action_id for r in first][:3] == [None, "1.2.2", "1.3"]
    assert all("header_inferred" in r.flags for r in first)


def test_row_open_at_the_page_edge_lost_its_table(tmp_path):
    # a row continued from the previous page is drawn with column rules only: no rule across
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from plantrack.extract.pdf_reader import read_pdf

    path = tmp_path / "open_row.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    width, height = A4
    for x in (50, 300, 500):
        canvas.setLineWidth(0.5)
        canvas.setStrokeGray(0.6)
        canvas.line(x, height - 40, x, 40)
    canvas.setFont("Helvetica", 10)
    canvas.drawString(55, height - 60, "and reflects the expectations above")
    canvas.drawString(305, height - 60, "AB/AH")
    canvas.save()
    (table,) = read_pdf(path).tables
    assert [c.text for c in table.rows[0].cells] == ["and reflects the expectations above", "AB/AH"]


def test_targets_table_borrowed_an_action_header():
    # a KPI/targets table with its own header is not an action table, nor are its next pages
    header = "Performance Area\tStrategic Intent and Actions\tResponsible\tEnabling Teams\tTarget Date\tKPIs\tRAG"
    recs = _records(
        "# Practice Plan", header, "\t1.1 Review the plan\tAB\t\tDec 2013\t\t",
        "# Strategy", "Aims",
        "<b>Aim 1) Raise Standards</b> Lead: Chris Snudden\t\t\t\t\t\t",
        "<b>Targets</b>\t\t<b>2012 %</b>\t<b>2013 %</b>\t<b>2014 %</b>\t<b>2015 %</b>\t<b>2016 %</b>",
        "<b>1.1 Improve Early Years outcomes</b>\t\tN/A\t45.3\t55\t60\t70",
        "", "1.2 Improve outcomes at Key Stage 2\t\t69\t70\t77\t81\t85"
    )
    assert [r.action_id for r in recs] == ["1.1"] and recs[0].action == "Review the plan"


def test_unruled_table_not_found_when_cell_padding_narrower_than_one_and_a_half_ems(pdfs):
    # the gutter finder wanted 1.5 em gaps; ordinary padding (5 + 5 pt at 9 pt) is about 1.1 em,
    # and a header wrapped over two lines came apart into fragments
    recs = extract_pack(pdfs["unruled_split_table"])
    expected = make_pdfs.UNRULED_SPLIT_ROWS
    assert [r.action_id for r in recs] == [row[0] for row in expected]
    assert [(r.owner_raw, r.due_raw) for r in recs] == [(row[3], row[2]) for row in expected]
    assert all(r.action.startswith("Action number") and r.action.endswith("in every team.") for r in recs)
    assert {r.source_page for r in recs} == {1, 2}


def test_unruled_continuation_loses_columns_when_one_is_blank_on_its_page(pdfs):
    # page 2 prints nothing in 'Due date': its own gutters would make three columns, so the
    # owner would land under the due header; the columns come from the page before
    from plantrack.extract.pdf_reader import read_pdf

    first, second = read_pdf(pdfs["unruled_split_table"]).tables
    assert second.after_page_break and len(second.rows[0].cells) == len(first.rows[0].cells) == 4
    assert [row.texts[2:] for row in second.rows] == [["", row[3]] for row in make_pdfs.UNRULED_SPLIT_ROWS[14:]]


def test_one_owner_group_repeated_per_action_merged_when_its_line_breaks_were_lost():
    # a narrow owner column wraps inside each `LS MB SSu`, so the PDF shows no break between them
    header = "Action\tResponsible\tTarget Date"
    text = ("# Improvement Plan\n\n" + header + "\n"
            "<ul> <li>Define the role of Family Support Workers.</li> <li>Deliver workshops for team managers.</li> </ul>"
            "\tLS MB SSu LS MB SSu\t<p>Dec 13</p> <p>Jan 14</p>\n")
    recs = records_from_document(parse_text(text, "t.txt"))[0]
    assert [r.owner_raw for r in recs] == ["LS MB SSu", "LS MB SSu"]
    assert all("owner_alignment_guess" in r.flags and r.confidence < 1 for r in recs)


def test_actions_run_on_past_a_page_break_lose_their_owner_when_the_measures_cell_runs_on_too():
    # the row's owner and due cells ended above the break; only the action and measures cells go on
    header = "Ref\tAction Required\tDue\tLeads\tKey Performance indicators"
    text = ("# Improvement Plan\n\n" + header + "\n"
            "7\t<p>7.1. Provide life story training.</p>\tSep 2019\tSarah Daly\t<p>40. Audit of life story work</p>\n"
            "\n"
            "\t<p>7.1.2. Outline in Procedures how life story work is done.</p>\t\t\t<p>41. % of audits</p>\n")
    recs = records_from_document(parse_text(text, "t.txt"))[0]
    assert [(r.action_id, r.owner_raw, r.due_raw) for r in recs] == [
        ("7.1", "Sarah Daly", "Sep 2019"), ("7.1.2", "Sarah Daly", "Sep 2019")]
    assert all("continuation_joined" in r.flags for r in recs)


def test_headerless_table_dropped_when_its_numbers_stand_in_a_cell_of_their_own():
    # `1.2 | Audit ...`: the number alone in the first cell still makes the row a numbered action,
    # so the table borrows the header of the action table of its shape
    text = ("# Improvement Plan\n\nNo\tAction\tWho\tWhen\n1.1\tReview the plan with the board\tHoS\tMar 2020\n\n"
            "Priority two: governance.\n\n"
            "1.2\tAudit the case files in every team\tHoQA\tApr 2020\n1.3\tTrain the managers\tPSW\tMay 2020\n")
    recs = records_from_document(parse_text(text, "t.txt"))[0]
    assert [(r.action_id, r.owner_raw, r.due_raw) for r in recs] == [
        ("1.1", "HoS", "Mar 2020"), ("1.2", "HoQA", "Apr 2020"), ("1.3", "PSW", "May 2020")]
    assert "header_inferred" in recs[1].flags and recs[1].confidence < 1


def test_unruled_table_takes_the_columns_of_an_unrelated_wider_table_pages_later(pdfs):
    # page 1 (three columns) waited for a wider table to lend it columns; a prose page ends
    # that wait, so the five-column table on page 3 is not its continuation
    from plantrack.extract.pdf_reader import read_pdf

    doc = read_pdf(pdfs["unruled_then_other_table"])  # its blank line of one space must not crash the finder
    assert [(t.page, len(t.rows[0].cells)) for t in doc.tables] == [(1, 3), (3, 5)]
    assert doc.tables[0].rows[1].texts == ["1.1", "Review the policy", "HoS"]


def test_glyphs_put_on_another_page_when_pdfium_repairs_the_page_tree_differently(pdfs):
    # pdfminer and PDFium each repair a broken page tree their own way: when they count
    # different pages, the reader keeps pdfminer's view rather than mixing the two
    import pdfplumber

    from plantrack.extract.pdf_reader import same_pages

    class OtherPageCount:
        closed = False

        def __len__(self) -> int:
            return 99

        def close(self) -> None:
            self.closed = True

    with open(pdfs["split_table"], "rb") as fp:
        layer = OtherPageCount()
        assert same_pages(pdfplumber.open(fp), layer) is None and layer.closed


def test_unruled_table_cut_in_two_on_one_page_loses_its_second_part():
    # whitespace could not show the table went on, so the reader gave two tables one under
    # the other; the headerless lower one (bulleted actions, no numbers) is the same table
    def row(*texts: str) -> Row:
        return Row(cells=[cell(t) if t else cell() for t in texts], page=1)

    upper = Table(rows=[row("Action", "Lead", "Target date"), row("Improve use of cluster data", "LS", "March 14")], page=1)
    lower = Table(rows=[row("Use weekly team data reports to improve practice", "MB", "Oct 13")], page=1)
    doc = Document(source_file="t.pdf", blocks=[Heading(text="Early Help Plan", level=1, page=1), upper, lower])
    recs = records_from_document(doc)[0]
    assert [(r.owner_raw, r.due_raw) for r in recs] == [("LS", "March 14"), ("MB", "Oct 13")]


def test_due_read_from_enabling_column_when_a_fragment_lost_its_empty_columns():
    # an unruled table laid out afresh on a new page: the empty `Enabling Teams` column left no
    # trace, so the fragment has five columns under an eight-column header
    header = ("Performance Area\tStrategic Intent and Actions\tResponsible\tEnabling Teams\tTarget Date"
              "\tHow measured\tRAG\tLink to other plans")
    found = _records(
        "# A Plan", header,
        "1. Members\t<b>1.1</b> Strengthen the operation of the panel\tTS\t\tOct 2013\tMinutes show analysis\t\t",
        "",
        "\t<b>1.5</b> Increase level of awareness amongst party leaders\tTS\tNov 2013\t",
        "\t<b>1.6</b> Explore introduction of a programme of champions\tTS\tMarch 2014\t",
        "2. Planning\t<b>2.1</b> All children will have an assessment of needs\tAM\tOct 2013"
        "\tReport – 100% of children have an assessment of needs recorded by March 2014"
    )
    recs = {r.action_id: r for r in found}
    assert [(recs[k].owner_raw, recs[k].due_raw) for k in ("1.1", "1.5", "1.6", "2.1")] == [
        ("TS", "Oct 2013"), ("TS", "Nov 2013"), ("TS", "March 2014"), ("AM", "Oct 2013")]
    assert "column_placement_guess" in recs["1.5"].flags and recs["1.5"].confidence < 1
    assert "column_placement_guess" not in recs["1.1"].flags


def test_recurring_date_not_split_from_the_dates_stacked_above_it():
    header = "Performance Area\tStrategic Intent and Actions\tResponsible\tTarget Date"
    recs = _records(
        "# A Plan", header,
        "1. Area\t<p><b>1.1</b> First</p> <p><b>1.2</b> Second</p> <p><b>1.3</b> Third</p> <p><b>1.4</b> Fourth</p>"
        "\tAB\tDec 2013 Jan 2014 From Sept 2013 Every 6mths from March 2014"
    )
    assert [r.due_raw for r in recs] == ["Dec 2013", "Jan 2014", "From Sept 2013", "Every 6mths from March 2014"]
    assert all("due_alignment_guess" in r.flags for r in recs)


def test_owners_of_five_actions_lost_when_each_line_held_two_groups_of_initials():
    # a narrow owner column in a tightly set table: `AB/AM` and `AB/AH` read as one wrapped value
    header = "Performance Area\tStrategic Intent and Actions\tResponsible\tTarget Date"
    actions = " ".join(f"<p><b>1.{i}</b> Action {i}</p>" for i in range(1, 6))
    recs = _records(
        "# A Plan", header,
        f"1. Area\t{actions}\t<p>AB/AM AB/AH</p> <p>CM AB/CB/GP/KA</p> <p>DM/PH</p>\tDec 2013"
    )
    assert [r.owner_raw for r in recs] == ["AB/AM", "AB/AH", "CM", "AB/CB/GP/KA", "DM/PH"]
    assert all("owner_alignment_guess" in r.flags for r in recs)


def test_headerless_table_borrowed_a_narrower_header_when_its_pages_lost_empty_columns():
    # the header of the second plan's table is missing; its pages were laid out afresh, one
    # without the empty RAG column (six cells), one without the area and RAG columns (five)
    found = _records(
        "# Children's Improvement Plan",
        "Performance Area\tStrategic Intent and Actions\tResponsible\tEnabling Teams\tTarget Date\tHow measured\tRAG",
        "1. Practice\t<b>1.1</b> Set out practice standards for all agencies\tAB\tNSCB\tDec 2013\tAudits\t",
        "# Safeguarding Board Plan",
        "SO1\t<b>2.1</b> Audit activity aligns with Children's Services\tPB/ DM\tNSCB MEG & CSC QA Team"
        "\t31 Jan 2013\tTen audit reports go to the Board",
        "",
        "<b>2.2</b> Survey to be undertaken as follow up to roadshows\tAM\tLSCGs\t28 Feb 2014\tAudit findings show use",
        "# Early Help Plan",
        "Ref\tAction\tLead\tDate\tMeasures",
        "3.1\tDeliver the workshops\tXY\tMar 2014\tAttendance"
    )
    recs = {r.action_id: r for r in found}
    assert (recs["2.1"].owner_raw, recs["2.1"].due_raw) == ("PB/ DM", "31 Jan 2013")
    assert (recs["2.2"].owner_raw, recs["2.2"].due_raw) == ("AM", "28 Feb 2014")


def test_header_labels_read_as_owner_and_due_when_the_repeated_header_touched_the_first_row():
    # a tightly set unruled table: the header repeated on the next page sits on the row below
    # with no gap, so the reader gives one row whose cells begin with the header's labels
    header = "Ref\tAction Required\tDue\tLeads"
    found = _records(
        "# Improvement Plan", header,
        "9\t9.6. Create practice forums to consider how consistency\tNov 2019\tHOS QA",
        "",
        "Ref\t<p>Action Required will be achieved across the service.</p> <p>9.7. Implement escalation process</p>"
        "\tDue\tLeads",
    )
    recs = {r.action_id: r for r in found}
    assert recs["9.6"].action.endswith("consistency will be achieved across the service.")
    assert recs["9.7"].action == "Implement escalation process"
    assert recs["9.7"].owner_raw != "Leads" and recs["9.7"].due_raw != "Due"


def test_repeated_header_touching_the_first_row_kept_when_it_punctuated_a_label_otherwise():
    # the header repeated on the next page printed `Objectives what needs to improve` where the
    # page before had `Objectives/ what needs to improve`: the labels were read as values
    _assert_forums_went_on_to_the_next_page(
        "Ref\tObjectives/ what needs to improve\tAction Required\tDue\tLeads",
        "9\tQuality assurance\t9.6. Create practice forums to consider how consistency\tNov 2019\tHOS QA",
        "",
        "Ref\tObjectives what needs to improve\t<p>Action Required will be achieved across the service.</p>"
        " <p>9.7. Implement escalation process</p>\tDue\tLeads",
    )


def test_text_under_a_header_printed_twice_over_read_as_labels_and_lost():
    # a tight page repeated the header over the text carried from the page before (one row:
    # taken for the header alone, the text was dropped), and the next page printed it twice
    # (the browser's repeat over the pack's own) on the next carried text
    _assert_forums_went_on_to_the_next_page(
        "Ref\tAction Required\tDue\tLeads",
        "9\t9.6. Create practice forums to consider how\tNov 2019\tHOS QA",
        "",
        "Ref\tAction Required consistency\tDue\tLeads",
        "",
        "Ref Ref\t<p>Action Required Action Required will be achieved across the service.</p>"
        " <p>9.7. Implement escalation process</p>\tDue Due\tLeads Leads",
    )


def test_last_word_of_a_repeated_header_read_as_a_row_when_the_first_header_lost_it():
    # the table's first header lost its last label line (`success`) to the row below; where the
    # header was repeated whole, the word left over once the labels came off became a row
    found = _records(
        "# Improvement Plan", "Ref\tAction Required\tDue\tLeads\tKey Performance indicators/measure of",
        "9\t9.6. Create practice forums\tNov 2019\tHOS QA\tsuccess",
        "",
        "Ref\tAction Required\tDue\tLeads\tKey Performance indicators/measure of success",
        "\t9.7. Implement escalation process\tDec 2019\tHOS QA\t",
    )
    assert [(r.action_id, r.owner_raw, r.measures) for r in found] == [
        ("9.6", "HOS QA", "success"), ("9.7", "HOS QA", "")]


def _assert_forums_went_on_to_the_next_page(*lines: str) -> None:
    """9.6 runs on under the header repeated on the next page(s), where 9.7 prints no values."""
    recs = {r.action_id: r for r in _records("# Improvement Plan", *lines)}
    assert recs["9.6"].action.endswith("to consider how consistency will be achieved across the service.")
    assert (recs["9.7"].owner_raw, recs["9.7"].due_raw) == ("", "")


def test_dates_shifted_when_a_page_break_cut_a_month_from_its_year():
    # a narrow, tightly set date column: `By Mar` ends the page and its `2014` starts the next,
    # so the row above is not complete and the next page's values continue its stack
    header = "Performance Area\tStrategic Intent and Actions\tResponsible\tTarget Date"
    recs = _records(
        "# A Plan", header,
        "PS.1.8 Area\t<p><b>1.8.1</b> Ensure practice standards guidance is clear about the</p>\tAB AB/AH"
        "\tDec 2013 By Mar",
        "",
        "\t<p>voice of the child and will be recorded</p> <p><b>1.8.2</b> Ensure procedures reflect it</p>"
        " <p><b>1.8.3</b> Ensure guidance materials reflect it</p> <p><b>1.8.4</b> Ensure the system supports it</p>"
        "\tDM\t2014 Sept 2013",
        "\t\tAB/CB/GP/KA\tJan 2014"
    )
    assert [(r.action_id, r.owner_raw, r.due_raw) for r in recs] == [
        ("1.8.1", "AB", "Dec 2013"), ("1.8.2", "AB/AH", "By Mar 2014"), ("1.8.3", "DM", "Sept 2013"),
        ("1.8.4", "AB/CB/GP/KA", "Jan 2014")]


def test_owners_shift_down_when_only_the_measures_cell_went_on_past_a_page_break():
    header = "Performance Area\tStrategic Intent and Actions\tResponsible\tTarget Date\tHow measured"
    recs = _records(
        "# A Plan", header,
        "5. Capacity\t<p><b>5.1</b> Increase social workers</p> <p><b>5.2</b> Reduce caseloads</p>"
        " <p><b>5.3</b> Define the FSW role</p>\tTS\tOct 2013\tInformal feedback from",
        "",
        "\t\t\t\tpractitioners shows risk levels are reducing",
        "\t\tAM\tDec 2013\t",
        "\t\tPR\tMar 2014\t"
    )
    assert [(r.action_id, r.owner_raw, r.due_raw) for r in recs] == [
        ("5.1", "TS", "Oct 2013"), ("5.2", "AM", "Dec 2013"), ("5.3", "PR", "Mar 2014")]
    assert "extra_values_ignored" not in recs[0].flags


def test_date_cut_after_from_at_a_page_break_lost_its_month():
    header = "No\tAction\tWho\tWhen\tMilestones"
    recs = _records(
        "# A Plan", header,
        "4.1\tAllocate an officer to every school of concern\tMJE\tBy Sept 2013 - From\tBy Dec 2013",
        "",
        "\t\t\tOct 2013\tAll schools in categories have an IEB",
        "4.2\tUse powers of intervention more swiftly\tMJE\tFrom Sept 2013\t"
    )
    assert [(r.action_id, r.due_raw) for r in recs] == [("4.1", "By Sept 2013 - From Oct 2013"),
                                                        ("4.2", "From Sept 2013")]


def test_first_action_took_every_date_when_the_owner_column_kept_blank_slots():
    # the owners stack one per line; the dates lost their line breaks, and the last date is on
    # the next page: read apart, the dates make exactly one per action
    header = "Performance Area\tStrategic Intent and Actions\tResponsible\tTarget Date"
    actions = " ".join(f"<p><b>1.2.{i}</b> Action {i}</p>" for i in range(1, 6))
    recs = _records(
        "# A Plan", header,
        f"PS.1.2 Area\t{actions}\t<p>AB/AM</p> <p>AB/AH</p> <p>CM</p> <p>AB/CB/GP/KA</p>"
        "\tDec 2013 By Mar 2014 Sept 2013 Jan 2014",
        "\t\tDM/PH\tSept 2013"
    )
    assert [r.due_raw for r in recs] == ["Dec 2013", "By Mar 2014", "Sept 2013", "Jan 2014", "Sept 2013"]
    assert [r.owner_raw for r in recs] == ["AB/AM", "AB/AH", "CM", "AB/CB/GP/KA", "DM/PH"]


def test_row_split_in_two_by_a_checkbox_drawn_inside_its_cell(pdfs):
    # the box's sides start and stop together, as the rules of a row cut by a page break do
    tables = [b for b in read_pdf(pdfs["checkbox_in_cell"]).blocks if isinstance(b, Table)]
    assert [r.texts for r in tables[0].rows] == [
        ["Action", "Lead", "Target date"],
        ["1.1 Make sure every child has a plan and that it is reviewed", "AB", "Mar 2014"],
        ["1.2 Audit the case files", "CD", "Apr 2014"]]


def test_unruled_row_of_stacked_actions_cut_at_every_short_line(pdfs):
    # no row spacing: only the measures wrapping beside the items show they are one row,
    # and the leads and dates stacked one per line belong one to each item
    recs = extract_pack(pdfs["unruled_stacked_row"])
    stacked = [r for r in recs if r.action in make_pdfs.STACKED_ACTIONS]
    assert [r.action for r in stacked] == make_pdfs.STACKED_ACTIONS
    assert [r.owner_raw for r in stacked] == make_pdfs.STACKED_LEADS
    assert [r.due_raw for r in stacked] == make_pdfs.STACKED_DUES
    assert all("owner_alignment_guess" in r.flags for r in stacked)


def test_marker_less_list_items_in_a_whitespace_column_read_as_one_action(pdfs):
    # the column's edge lies mid-gutter, far left of its text after short area names, so the
    # cell looked centred and its 14pt indents were not read as list items: each row's
    # intent and its three actions became one action holding all three owners
    recs = extract_pack(pdfs["unruled_with_furniture"])
    expected = [(text, owner, due) for text, owner, due in make_pdfs.FURNITURE_ITEMS]
    assert [(r.action, r.owner_raw, r.due_raw) for r in recs] == expected * 2
    assert not any("PM" in r.action or "Plan" in (r.owner_raw or "") for r in recs)


def printed(top: float, size: float, *pieces: tuple[float, str]) -> Line:
    """A printed line of the given pieces (x, text), each glyph half its size wide."""
    chars = [{"text": ch, "x0": x + i * size / 2, "x1": x + (i + 1) * size / 2, "top": top, "bottom": top + size,
              "size": size} for x, text in pieces for i, ch in enumerate(text)]
    return Line(chars=chars, top=top, bottom=top + size, size=size, x0=chars[0]["x0"], x1=chars[-1]["x1"])


def test_running_header_in_small_type_joined_an_unruled_table():
    # a browser's running header (date left, title right) and footer (address left, page
    # number right) have gutters of their own: they opened and closed the table below them
    body = [printed(40 + 14 * i, 10, (40, "Review the plan"), (300, "AB"), (360, "Mar 17")) for i in range(4)]
    header = printed(16, 8, (24, "11/23/26, 8:05 PM"), (400, "000_c45792ee8b9db735"))
    footer = printed(120, 8, (24, "file:///tmp/pack.html"), (700, "6/129"))
    settings = PdfReaderSettings()
    assert page_furniture([header, *body, footer], settings) == {0, 5}
    # a first line in the body's own type is the table's, however it is spaced
    assert page_furniture([printed(16, 10, (40, "Action"), (300, "Lead")), *body], settings) == set()
    # a table's header in small bold type opening the page is a row of four column labels
    labels = printed(16, 8, (40, "Ref"), (100, "Action"), (300, "Lead"), (360, "Due"))
    assert page_furniture([labels, *body, footer], settings) == {5}
    # a small line whose box overlaps the next line's (tight leading) is not set apart from it
    assert page_furniture([printed(31, 8, (24, "Note")), *body], settings) == set()
    # a page holding only a row's last two lines between them: the header opened that row
    assert page_furniture([header, *body[:2], footer], settings) == {0, 3}


def test_running_header_in_the_body_type_size_joined_an_unruled_table():
    # a page shrunk to fit a wide table prints its body smaller than the browser's header and
    # footer: only where they print again on every page, set far apart, tells what they are
    body = [printed(50 + 14 * i, 8, (40, "Review the plan"), (300, "AB"), (360, "Mar 17")) for i in range(4)]

    def page(number: int) -> list[Line]:
        return [printed(16, 8.5, (24, "11/23/26, 8:05 PM"), (400, "000_c45792ee8b9db735")), *body,
                printed(130, 8.5, (24, "file:///tmp/pack.html"), (700, f"{number}/129"))]

    settings = PdfReaderSettings()
    running = RunningLines()
    assert page_furniture(page(6), settings, running) == set()  # nothing printed before it yet
    assert page_furniture(page(7), settings, running) == {0, 5}
    # a table's header row repeated on every page stands close above its first row
    labels = [printed(40, 8.5, (40, "Action"), (300, "Lead"), (360, "Due")), *body]
    assert page_furniture(labels, settings, running) == set()
    assert page_furniture(labels, settings, running) == set()


def test_heavy_borders_read_as_shading_and_the_table_lost_its_edge_columns(pdfs):
    # a frame drawn as black filled rectangles 4.5pt thick was wider than a rule may be and
    # read as shading, so the grid lost its outer columns (Ref and Due came out empty);
    # taken as rules, both sides of each bar would make a sliver column of their own
    recs = extract_pack(pdfs["heavy_borders"])
    assert [(r.action_id, r.action, r.owner_raw, r.due_raw) for r in recs] == list(make_pdfs.HEAVY_ROWS)


@pytest.mark.parametrize("name", ["banded_rows", "rules_between_rows"])
def test_table_with_no_column_rules_lost_its_rows(pdfs, name):
    # banded rows: the sides of each shaded band were taken for column rules, so every band
    # became a table of its own and the rows between were left out; rules between rows
    # only: rows set close were read together and their values stacked
    recs = extract_pack(pdfs[name])
    assert [(r.action_id, r.owner_raw, r.due_raw) for r in recs] == [
        (ref, owner, due) for ref, _, owner, due in make_pdfs.BANDED_ROWS]
    assert [r.action for r in recs] == [action for _, action, _, _ in make_pdfs.BANDED_ROWS]
    assert not any("owner_alignment_guess" in r.flags for r in recs)


def test_unruled_table_after_prose_took_the_last_pages_columns_and_its_lead_in_line(pdfs):
    # the summary table of page 1 lent its eight columns to the small action table below
    # prose on page 2, whose header and one row then ran together; the numbered line
    # introducing the table was read as an action
    recs = extract_pack(pdfs["unruled_after_prose"])
    assert [(r.action_id, r.rag_previous_raw, r.rag_raw) for r in recs] == [("2.1", "A", "G")]
    assert recs[0].action.startswith("Engage with partner agencies")
    assert recs[0].action.endswith("sets out the early help offer.")


def test_prose_above_a_second_header_in_one_unruled_block_read_as_actions():
    # one block of whitespace columns held two small tables and the numbered prose between them
    def row(*texts: str) -> Row:
        return Row(cells=[cell(t) if t else cell() for t in texts], page=3)

    rows = [row("Action", "Previous", "Current"), row("(1.6) Determine manageable caseloads", "DG", "C"),
            row("2.6. Priority 2: Providing coherent early help services", "", ""),
            row("2.7. The following action remains Amber.", "", ""),
            row("Action", "Previous", "Current"), row("(2.1) Engage with partner agencies", "A", "A")]
    table = Table(rows=rows, page=3, columns_inferred=True)
    recs = records_from_document(Document(source_file="t.pdf", blocks=[table]))[0]
    assert [r.action_id for r in recs] == ["1.6", "2.1"]


def test_banded_row_shading_read_as_a_rag_colour():
    # a banded row shades every cell, its empty RAG cell too: that was read as a RAG shown
    # by colour, which gave the row a value and cost the next row its owner and RAG
    def row(shade: str | None, *texts: str, rag_fill: str | None = None) -> Row:
        cells = [cell(t) if t else cell() for t in texts]
        for c in cells:
            c.fill = shade
        if rag_fill:
            cells[-1].fill = rag_fill
        return Row(cells=cells, page=4)

    rows = [row(None, "Action", "Lead", "RAG"), row(None, "1.1 Audit the case files of", "HoS", "A"),
            row("#e8eef7", "the duty and assessment teams.", "", ""),
            row(None, "1.2 Review the supervision policy", "PM", "", rag_fill="#ff0000")]
    table = Table(rows=rows, page=4, columns_inferred=True)
    recs = records_from_document(Document(source_file="t.pdf", blocks=[table]))[0]
    assert [(r.action_id, r.owner_raw, r.rag_raw) for r in recs] == [("1.1", "HoS", "A"), ("1.2", "PM", "fill:#ff0000")]
    assert recs[0].action.endswith("the duty and assessment teams.")


def test_rows_shaded_across_in_their_status_colours_lost_their_rag():
    # a pack that shades each row in its RAG colour (its RAG cell empty) shows statuses, not
    # banding: the rows' shades differ
    def row(shade: str | None, *texts: str) -> Row:
        cells = [cell(t) if t else cell() for t in texts]
        for c in cells:
            c.fill = shade
        return Row(cells=cells, page=4)

    rows = [row(None, "Action", "Lead", "RAG"), row("#ff0000", "1.1 Audit the case files", "HoS", ""),
            row("#00b050", "1.2 Review the supervision policy", "PM", "")]
    recs = records_from_document(Document(source_file="t.pdf", blocks=[Table(rows=rows, page=4)]))[0]
    assert [(r.action_id, r.rag) for r in recs] == [("1.1", "red"), ("1.2", "green")]


def _last_action_alone_at_the_next_page_top(actions: str, owners: str, dues: str, alone: str) -> list:
    """Records of a row of marker-less, indented list items stacked beside their owners and
    dates, whose last item went on alone to the top of the next page."""
    listed = stacked_row(8, "Partnerships", actions, owners, dues)
    for paragraph in listed.cells[1].paragraphs:
        paragraph.list_item = True
    first = Table(rows=[stacked_row(8, "Area", "Strategic Intent and Actions", "Responsible", "Target Date"), listed],
                  page=8, columns_inferred=True)
    rest = Table(rows=[stacked_row(9, "", alone, "", "")], page=9, after_page_break=True, columns_inferred=True)
    return records_from_document(Document(source_file="t.pdf", blocks=[first, rest]))[0]


def test_last_action_of_a_row_split_by_a_page_break_joined_to_the_one_above():
    # four owners and four dates beside three actions, the fourth action alone at the next
    # page's top: its list indent was lost with the rest of the row, so it was read as the
    # third action's tail and that action took two owners and two dates
    recs = _last_action_alone_at_the_next_page_top(
        "Map existing touch points | Deliver an early help website | Baseline and report on levels of need for"
        " local areas", "TE | TW | TE/ CB | SDin/ MR", "Oct 13 | From Oct 13 | Nov 13 | Dec 13",
        "Set out for staff and partners the role of the board")
    assert [(r.action[:12], r.owner_raw, r.due_raw) for r in recs] == [
        ("Map existing", "TE", "Oct 13"), ("Deliver an e", "TW", "From Oct 13"),
        ("Baseline and", "TE/ CB", "Nov 13"), ("Set out for ", "SDin/ MR", "Dec 13")]


def test_area_whose_actions_went_to_the_next_page_gave_its_values_to_the_area_above():
    # PS.1.10's row printed its intent and values at a page foot and its actions at the next
    # page's top (measures cell running on, the other value cells empty). The row with no
    # action was read as one more value row of PS.1.9, and the fragment at the page top was
    # placed with its numbered action under the owner
    row = stacked_row
    head = row(18, "Performance Area", "Strategic Intent and Actions", "Responsible", "Target Date", "Measures")
    area = row(18, "PS.1.9 Promote advocacy", "*Children take part in decisions | *Actions:"
               " | 1.9.1 Ensure that guidance sets out the offer", "AB", "Dec 2013", "Audits show take-up")
    foot = row(18, "PS.1.10 Accurate records kept in", "*Children who are privately fostered are assessed",
               "PC/AM/", "Mar", "From January weekly analysis")
    first = Table(rows=[head, area, foot], page=18, columns_inferred=True)
    rest = Table(rows=[row(19, "relation to fostered children", "*Actions: | 1.10.1 Ensure that all procedures",
                           "", "", "improvements in the timeliness of assessments of fostered children")], page=19, after_page_break=True, columns_inferred=True)
    recs = records_from_document(Document(source_file="t.pdf", blocks=[first, rest]))[0]
    assert [(r.section, r.action_id, r.owner_raw, r.due_raw) for r in recs] == [
        ("PS.1.9", "1.9.1", "AB", "Dec 2013"), ("PS.1.10", "1.10.1", "PC/AM/", "Mar")]
    assert "continuation_joined" in recs[1].flags


def test_owner_printed_once_not_shared_with_the_actions_a_page_break_carried_over():
    # the cell of stacked actions 1.1-1.4 broke after 1.1; its owner is printed once beside
    # 1.1 and its dates one a row. The row above had its values, so 1.2-1.4 were read as a
    # row of their own: they lost the owner they share (and the flag saying it is assumed)
    row = stacked_row
    first = Table(rows=[row(56, "Area", "Actions", "Responsible", "Target Date"),
                        row(56, "1. Scrutiny", "1.1 Strengthen the panel by engaging the Chair", "TS", "Oct 2013")],
                  page=56, columns_inferred=True)
    rest = Table(rows=[row(57, "", "to deliver a workshop. | 1.2 Review all papers | 1.3 Re-establish the board"
                                   " | 1.4 Introduce regular reporting", "", ""),
                       row(57, "", "", "", "Oct 2013"), row(57, "", "", "", "Dec 2013"), row(57, "", "", "", "March 2014")],
                 page=57, after_page_break=True, columns_inferred=True)
    recs = records_from_document(Document(source_file="t.pdf", blocks=[first, rest]))[0]
    assert [(r.action_id, r.owner_raw, r.due_raw) for r in recs] == [
        ("1.1", "TS", "Oct 2013"), ("1.2", "TS", "Oct 2013"), ("1.3", "TS", "Dec 2013"), ("1.4", "TS", "March 2014")]
    assert recs[0].action.endswith("the Chair to deliver a workshop.")
    assert all("owner_alignment_guess" in r.flags for r in recs)


def test_actions_after_a_page_break_with_empty_value_cells_took_the_values_above():
    # the row after a page break (and a repeated header) goes on with the cell above, then
    # prints actions of its own beside empty Due and Leads cells, and nothing below: they
    # have no values, they do not share those of the row above
    row = stacked_row
    header = ("Ref", "Action Required", "Due", "Leads")
    first = Table(rows=[row(12, *header), row(12, "9", "9.6. Create practice forums to consider how", "Nov 2019",
                                               "Jackie Wood")], page=12, columns_inferred=True)
    rest = Table(rows=[row(13, *header), row(13, "", "consistency will be achieved. | 9.7. Review the IRO roles"
                                                     " | 9.7.1. Implement escalation process", "", "")],
                 page=13, after_page_break=True, columns_inferred=True)
    recs = records_from_document(Document(source_file="t.pdf", blocks=[first, rest]))[0]
    assert [(r.action_id, r.owner_raw, r.due_raw) for r in recs] == [
        ("9.6", "Jackie Wood", "Nov 2019"), ("9.7", "", ""), ("9.7.1", "", "")]


def test_first_area_of_a_table_whose_actions_went_to_the_next_page_lost_its_values():
    # the table's first row prints only its area, intent, owner and date at a page foot; its
    # actions open the next page. With no row above it the row was dropped, values and all
    def row(page: int, *texts: str, bold: bool = False) -> Row:
        return Row(cells=[cell(*t.split(" | "), bold=bold) if t else cell() for t in texts], page=page)

    first = Table(rows=[row(60, "Performance Area", "Strategic Intent and Actions", "Responsible", "Target Date"),
                        row(60, "1. Elected member scrutiny", "Members understand their role", "TS", "Oct 2013",
                            bold=True)], page=60, columns_inferred=True)
    rest = Table(rows=[row(61, "", "1.1 Strengthen the panel | 1.2 Review all papers", "", "")],
                 page=61, after_page_break=True, columns_inferred=True)
    recs = records_from_document(Document(source_file="t.pdf", blocks=[first, rest]))[0]
    assert [(r.action_id, r.owner_raw, r.due_raw) for r in recs] == [("1.1", "TS", "Oct 2013"), ("1.2", "TS", "Oct 2013")]


def test_last_action_alone_at_a_page_top_joined_when_owners_name_several_people():
    # as above, but each owner names several people with spaces between (`LS MB SSu`): read
    # apart they were nine owners beside four dates, so the stack did not show one action
    # to spare and the action at the page top became the tail of the one above
    recs = _last_action_alone_at_the_next_page_top(
        "Promote practice tools | Use NSCB to align assessment | Deliver a training programme",
        "PB/ CC | LS | LS MB SSu | SSu LS", "Nov 13 | Dec 13 | Jan 14 | Feb 14",
        "Establish six district based early help hubs")
    assert [(r.action[:12], r.owner_raw, r.due_raw) for r in recs][-2:] == [
        ("Deliver a tr", "LS MB SSu", "Jan 14"), ("Establish si", "SSu LS", "Feb 14")]


def test_owner_read_as_the_wrap_of_the_owner_above_lost_its_action():
    # four actions, and owners stacked `SSu`, `AMcK`, `SSu MB LS`, `QA Team`: the reader took
    # `QA Team` for the wrapped end of `SSu MB LS`, so the third action got both and the
    # fourth none. Only the lines as printed give one owner per action
    def row(*texts: str) -> Row:
        return Row(cells=[cell(*t.split(" | ")) if t else cell() for t in texts], page=5)

    rows = [row("Area", "Actions", "Responsible", "Target Date"),
            row("Step down", "Re-issue the instruction | Issue guidance | Deliver workshops | Audit step down",
                "SSu | AMcK | SSu MB LS QA Team", "Nov 13 Jan 14 Feb 14 Mar 14")]
    for paragraph in rows[1].cells[1].paragraphs:
        paragraph.list_item = True
    rows[1].cells[2].paragraphs[2].layout_lines = ("SSu MB LS", "QA Team")
    recs = records_from_document(Document(source_file="t.pdf", blocks=[Table(rows=rows, page=5)]))[0]
    assert [r.owner_raw for r in recs] == ["SSu", "AMcK", "SSu MB LS", "QA Team"]
    assert all("owner_alignment_guess" in r.flags for r in recs)


def test_one_cell_alone_at_a_page_top_placed_under_the_first_column():
    # the reader makes a one-column table of a cell laid out alone after a page break; it was
    # placed under Ref, so the numbered action 8.2.2 read as an id and was lost
    def row(page: int, *texts: str) -> Row:
        return Row(cells=[cell(t) if t else cell() for t in texts], page=page)

    first = Table(rows=[row(12, "Ref", "Action Required", "Due", "Leads"),
                        row(12, "8", "8.2.1. Redesign the performance dashboard", "Jan 2020", "SD")],
                  page=12, columns_inferred=True)
    alone = Table(rows=[row(13, "8.2.2. Set up a process for performance oversight throughout the organisation")],
                  page=13, after_page_break=True, columns_inferred=True)
    recs = records_from_document(Document(source_file="t.pdf", blocks=[first, alone]))[0]
    assert [r.action_id for r in recs] == ["8.2.1", "8.2.2"]
    assert recs[1].action.startswith("Set up a process")


def test_action_without_values_above_a_second_header_dropped_as_a_lead_in():
    # in a ruled table (or a text pack) a one-cell row above a header is a row of the table:
    # an action with no owner yet, or the priority the next rows serve
    def row(*texts: str) -> Row:
        return Row(cells=[cell(t) if t else cell() for t in texts], page=3)

    header = ("Ref", "Action", "Lead", "RAG")
    rows = [row(*header), row("", "1.1 Audit the case files", "HoS", "Green"),
            row("", "1.2 Review the supervision policy", "", ""),
            row("Priority 2", "", "", ""), row(*header), row("", "2.1 Train the managers", "PM", "Amber")]
    recs = records_from_document(Document(source_file="t.pdf", blocks=[Table(rows=rows, page=3)]))[0]
    assert [(r.action_id, r.section) for r in recs] == [("1.1", "1"), ("1.2", "1"), ("2.1", "Priority 2")]


def test_table_of_counts_led_by_a_line_of_prose_read_as_actions():
    # whitespace put the line introducing a table of counts into the table; its own header
    # (short bold labels) was then not the first row, so the counts were taken for actions
    def row(*texts: str, bold: bool = False) -> Row:
        return Row(cells=[cell(t, bold=bold) if t else cell() for t in texts], page=11)

    plan = Table(rows=[row("Action", "Lead", "Due", bold=True), row("1.1 Commission an external review", "CS", "Oct 2013")],
                 page=10)
    counts = Table(rows=[row("2.4 For information, the scale of intervention is as follows", "", ""),
                         row("Intervention", "Primary schools", "Secondary schools", bold=True),
                         row("Issue of a warning notice", "7", "1"), row("Interim executive boards", "2", "")],
                   page=11, after_page_break=True, columns_inferred=True)
    recs = records_from_document(Document(source_file="t.pdf", blocks=[plan, counts]))[0]
    assert [r.action_id for r in recs] == ["1.1"]


def test_header_set_tight_over_the_first_row_of_an_unruled_table_read_as_its_text():
    # no gap between the header and the first row: one row whose cells begin with the labels
    def printed(*lines: str) -> Cell:
        return Cell(paragraphs=[Paragraph(runs=[Run(text=" ".join(lines))], layout_lines=lines)])

    first = Row(cells=[printed("Action", "3.1 Take urgent action to review the cases of all", "children."),
                       printed("Success Measure", "A management review is undertaken."), printed("RAG", "C")], page=23)
    second = Row(cells=[printed("3.4 Complete a management review of all children"),
                        printed("The review is complete."), printed("C")], page=23)
    table = Table(rows=[first, second], page=23, columns_inferred=True)
    recs = records_from_document(Document(source_file="t.pdf", blocks=[table]))[0]
    assert [(r.action_id, r.action, r.measures, r.rag_raw) for r in recs] == [
        ("3.1", "Take urgent action to review the cases of all children.", "A management review is undertaken.", "C"),
        ("3.4", "Complete a management review of all children", "The review is complete.", "C")]


def test_known_header_set_tight_over_a_row_after_prose_made_the_table_headerless():
    # a second small table after prose repeats the first one's header, set with no gap over
    # its row: its labels (one wrapped over two lines) open the row's cells
    def printed(*lines: str) -> Cell:
        return Cell(paragraphs=[Paragraph(runs=[Run(text=" ".join(lines))], layout_lines=lines)])

    header = Row(cells=[cell("Action"), cell("Previous RAG"), cell("Current")], page=5)
    upper = Table(rows=[header, Row(cells=[cell("(4.3) Update the sufficiency strategy"), cell("A"), cell("A")], page=5)],
                  page=5, columns_inferred=True)
    merged = Row(cells=[printed("Action", "(5.1) Ensure that children are seen regularly"),
                        printed("Previous", "RAG", "LG"), printed("Current", "DG")], page=5)
    lower = Table(rows=[merged], page=5, columns_inferred=True)
    doc = Document(source_file="t.pdf", blocks=[upper, Prose(text="2.30. The following table shows the changes.", page=5),
                                                lower])
    recs = records_from_document(doc)[0]
    assert [(r.action_id, r.rag_previous_raw, r.rag_raw) for r in recs] == [("4.3", "A", "A"), ("5.1", "LG", "DG")]


def test_new_area_after_a_page_break_took_the_owner_of_the_row_above():
    # the row at the top of the page names an area of its own (SO1.7) and has no owner or
    # date: it is a new row, not the rest of the row above with values to share
    header = ["Performance Area", "Strategic Intent and Actions", "Responsible", "Target Date"]
    upper = Table(rows=[Row(cells=[cell(t) for t in header], page=52),
                        Row(cells=[cell("SO1.6 Private fostering"), cell("1.6.5 Awareness of private fostering"),
                                   cell("AM"), cell("31 Oct 2013")], page=52)], page=52)
    lower = Table(rows=[Row(cells=[cell("SO1.7 The NSCB governance arrangements"),
                                   cell("1.7.1 The pace of change is accelerated"), cell(), cell()], page=53)],
                  page=53, after_page_break=True)
    recs = records_from_document(Document(source_file="t.pdf", blocks=[upper, lower]))[0]
    assert [(r.action_id, r.owner_raw, r.due_raw) for r in recs] == [("1.6.5", "AM", "31 Oct 2013"), ("1.7.1", "", "")]


def test_area_label_repeated_after_a_page_break_cut_the_row_from_its_stacked_values():
    # the area is printed again over the rest of the row: the same area, so the actions
    # after the break still share the values stacked above
    header = ["Performance Area", "Strategic Intent and Actions", "Responsible", "Target Date"]
    upper = Table(rows=[Row(cells=[cell(t) for t in header], page=1),
                        Row(cells=[cell("SO1.6"), cell("1.6.4 Audit the files", "1.6.5 Train staff"),
                                   cell("HoS", "PM", "QA"), cell("Mar 2020", "Jun 2020", "Sep 2020")], page=1)],
                  page=1)
    lower = Table(rows=[Row(cells=[cell("SO1.6"), cell("1.6.6 Review the policy"), cell(), cell()], page=2)],
                  page=2, after_page_break=True)
    recs = records_from_document(Document(source_file="t.pdf", blocks=[upper, lower]))[0]
    assert [(r.action_id, r.owner_raw, r.due_raw) for r in recs] == [
        ("1.6.4", "HoS", "Mar 2020"), ("1.6.5", "PM", "Jun 2020"), ("1.6.6", "QA", "Sep 2020")]


def test_values_on_one_line_each_lost_to_an_action_cut_off_by_a_page_break():
    # a flowing table without numbers: the row's second action went on to the next page, its
    # owner and date stayed above, printed one per line with no gap between them
    def item(text: str) -> Cell:
        return Cell(paragraphs=[Paragraph(runs=[Run(text=text)], list_item=True, marker="•")])

    upper = Table(rows=[Row(cells=[cell("Action", bold=True), cell("Lead", bold=True), cell("Target date", bold=True)],
                            page=1),
                        Row(cells=[item("Complete a review of the early years workforce."),
                                   cell("SSp/ LS/ CSn JW"), cell("Nov 13 Dec 13")], page=1)], page=1)
    lower = Table(rows=[Row(cells=[item("Follow up initial contacts with eligible families."), cell(), cell()], page=2)],
                  page=2, after_page_break=True)
    recs = records_from_document(Document(source_file="t.pdf", blocks=[upper, lower]))[0]
    assert [(r.owner_raw, r.due_raw) for r in recs] == [("SSp/ LS/ CSn", "Nov 13"), ("JW", "Dec 13")]
    assert all("owner_alignment_guess" in r.flags for r in recs)


def test_one_owner_beside_one_shared_date_cut_into_one_word_per_action():
    # one owner cell and one date for four actions: the owner is shared like the date, not
    # read as four run-together owners because its words happen to number four
    actions = " ".join(f"<p><b>1.4.{i}</b> Action number {i} for the teams.</p>" for i in range(1, 5))
    recs = _records("# A Plan", "Area\tActions\tLead\tTarget date",
                    f"SO1.4 Local arrangements\t{actions}\t<p>NCHC East Coast CSC Op Man</p>\t<p>15 Mar 2014</p>")
    assert [(r.owner_raw, r.due_raw) for r in recs] == [("NCHC East Coast CSC Op Man", "15 Mar 2014")] * 4


def test_unruled_headerless_table_took_the_nearest_header_of_its_width_over_one_it_fits():
    # whitespace lost the table's empty columns, so its width (4) matched a nearby 5-column
    # header; its partners then read as the due date. The header with a partners column fits
    def row(*texts: str, page: int) -> Row:
        return Row(cells=[cell(t) if t else cell() for t in texts], page=page)

    wide = Table(rows=[row("Performance Area", "Strategic Intent and Actions", "Responsible", "Enabling Teams",
                           "Target Date", "How measured", "RAG", page=1),
                       row("SO1.1 Audit", "1.1.1 Audit the case files", "AB", "QA Team", "Dec 2013", "Audit done", "G",
                           page=1)], page=1)
    narrow = Table(rows=[row("No", "Action", "Who", "When", "Milestones", page=2),
                         row("1.1", "Commission an external review", "CS", "By Oct 2013", "Review done", page=2)],
                   page=2)
    orphan = Table(rows=[row("1.1.4 NSCB audit activity aligns with Children's Services", "PB/ DM",
                             "NSCB MEG & CSC QA Team", "31 Jan 2013", page=3)], page=3, columns_inferred=True)
    doc = Document(source_file="t.pdf", blocks=[wide, Heading(text="School Improvement Plan", page=2), narrow,
                                                Heading(text="Safeguarding Plan", page=3), orphan])
    rec = next(r for r in records_from_document(doc)[0] if r.action_id == "1.1.4")
    assert (rec.owner_raw, rec.partners_raw, rec.due_raw) == ("PB/ DM", "NSCB MEG & CSC QA Team", "31 Jan 2013")


def _records(*lines: str) -> list:
    return records_from_document(parse_text("\n".join(lines) + "\n", "t.txt"))[0]


def test_action_tail_at_a_page_top_placed_under_the_owner_and_lost():
    recs = _records("# A Plan", "Actions\tLead\tTarget date\tRAG",
                    "1.1 Ensure all staff attend the training run by\tAB\tMar 2014\tG", "", "the council.\t")
    assert recs[0].action == "Ensure all staff attend the training run by the council."
    assert recs[0].owner_raw == "AB"


def test_headerless_table_one_column_wider_than_every_header_dropped():
    recs = _records("# First Plan", "Actions\tLead\tTarget date\tRAG",
                    "1.1 Do the first thing properly\tAB\tMar 2014\tG",
                    "# Second Plan",
                    "2.1 Orphan action with five cells\tEF\tx\tMay 2014\tG",
                    "2.2 Orphan action again five cells\tGH\ty\tJun 2014\tR")
    assert [r.action_id for r in recs] == ["1.1", "2.1", "2.2"]


def test_key_table_after_a_page_break_glued_onto_the_last_action():
    recs = _records("# First Plan", "Actions\tLead\tTarget date\tRAG",
                    "1.1 Do the first thing properly\tAB\tMar 2014\tG",
                    "# Second Plan",
                    "2.1 Orphan action with four cells\tEF\tMay 2014\tG",
                    "2.2 Orphan action again four cells\tGH\tJun 2014\tR",
                    "", "<b>Key</b>\t<b>Meaning</b>", "R\tNot started", "G\tcomplete and signed off")
    assert [(r.action_id, r.action, r.owner_raw) for r in recs[1:]] == [
        ("2.1", "Orphan action with four cells", "EF"), ("2.2", "Orphan action again four cells", "GH")]


def test_months_without_years_joined_across_a_page_break():
    # an academic-year plan prints bare months: each is a whole value, not the start of one
    recs = _records("# A Plan", "Actions\tLead\tTarget date\tRAG",
                    "<p>1.1 First action</p><p>1.2 Second action</p><p>1.3 Third action</p>\tAB\tSeptember\tG",
                    "\tCD\tJune\tA", "", "\tEF\tJuly\tR")
    assert [(r.owner_raw, r.due_raw, r.rag_raw) for r in recs] == [
        ("AB", "September", "G"), ("CD", "June", "A"), ("EF", "July", "R")]


def test_unspaced_actions_left_as_one_when_the_last_of_them_went_on_past_a_page_break():
    # three unmarked list items run together on page 1 (sentence ends at full lines show where),
    # a fourth goes on at the top of page 2; the owners and dates stack four
    lines = ("Promote the tools for all", "teams.", "Use NSCB to align", "assessment.",
             "Utilise spare capacity", "in the teams.")
    items = Cell(paragraphs=[Paragraph(runs=[Run(text=" ".join(lines))], list_item=True, layout_lines=lines)])
    doc = Document(source_file="t.pdf", blocks=[
        Table(rows=[Row(cells=[cell("Strategic Intent and Actions"), cell("Responsible"), cell("Target Date")], page=1),
                    Row(cells=[items, cell("PB", "LS", "SSu", "MB"), cell("Nov 13", "Dec 13", "Jan 14", "Feb 14")],
                        page=1)], page=1),
        Table(rows=[Row(cells=[Cell(paragraphs=[Paragraph(runs=[Run(text="Establish six district hubs.")],
                                                          list_item=True)]), cell(), cell()], page=2)],
              page=2, after_page_break=True)])
    recs = records_from_document(doc)[0]
    assert [(r.action[:9], r.owner_raw, r.due_raw) for r in recs] == [
        ("Promote t", "PB", "Nov 13"), ("Use NSCB ", "LS", "Dec 13"), ("Utilise s", "SSu", "Jan 14"),
        ("Establish", "MB", "Feb 14")]


def test_performance_area_read_as_an_action_when_its_intent_was_printed_in_short_lines():
    # the intent cell holds two short paragraphs: judged paragraph by paragraph it looked like
    # an owner, so the row was shifted and its performance area read as an action
    header = ["Performance Area", "Strategic Intent and Actions", "Responsible", "Enabling Teams", "Target Date",
              "How measured", "RAG"]
    rows = [Row(cells=[cell(t) for t in header], page=1),
            Row(cells=[cell("PS1.1 Clearly expressed standards, procedures and guidance supported by systems"),
                       cell("Standards are clearly", "expressed Actions:", bold=True), *[cell() for _ in range(5)]],
                page=1),
            Row(cells=[cell(), cell("1.1.1 Conduct a full review of the child's journey"), cell("AB/AH"), cell("CPO"),
                       cell("Dec 2013"), cell(), cell()], page=1)]
    recs = records_from_document(Document(source_file="t.pdf", blocks=[Table(rows=rows, page=1)]))[0]
    assert [(r.action_id, r.owner_raw) for r in recs] == [("1.1.1", "AB/AH")]


def test_rest_of_an_unruled_table_dropped_when_its_empty_columns_vanished():
    # the reader had to cut an unruled table in two on one page; the lower part has no text in
    # two of the columns, so whitespace shows five columns where the header has seven
    header = ["Performance Area", "Strategic Intent and Actions", "Responsible", "Enabling Teams", "Target Date",
              "How measured", "RAG"]
    upper = Table(rows=[Row(cells=[cell(t) for t in header], page=1),
                        Row(cells=[cell("Early help"), cell("Establish clear commissioning arrangements for all"),
                                   cell("MR/TE"), cell("PPP/BI"), cell("Dec 13"), cell("All contracts"), cell()],
                            page=1)], page=1, columns_inferred=True)
    lower = Table(rows=[Row(cells=[cell("Review the young people's service to join up support"), cell("MB/ JF"),
                                   cell("PPP/ BI"), cell("Jan 14"), cell("75% sustain")], page=1)],
                  page=1, columns_inferred=True)
    recs = records_from_document(Document(source_file="t.pdf", blocks=[upper, lower]))[0]
    assert [(r.action[:10], r.owner_raw, r.due_raw) for r in recs] == [
        ("Establish ", "MR/TE", "Dec 13"), ("Review the", "MB/ JF", "Jan 14")]


def test_row_without_a_number_shifted_when_the_numbers_stand_in_a_column_of_their_own():
    # `1.5.2 | Ensure ...`: the header names no column for the numbers, so a row that goes on
    # without one (the rest of 1.5.2's text and its date's year) must lose that empty cell too
    recs = _records("# A Plan", "Performance Area\tStrategic Intent and Actions\tResponsible\tTarget Date",
                    "Area\t1.5.1\tEnsure that practice standards are set\tAB/AM\tDec 2013",
                    "\t1.5.2\tEnsure all internal procedures clearly\tAB/AH\tBy Mar",
                    "\t\tset out and reflect the expectations above\t\t2014")
    assert [(r.action_id, r.action, r.due_raw) for r in recs] == [
        ("1.5.1", "Ensure that practice standards are set", "Dec 2013"),
        ("1.5.2", "Ensure all internal procedures clearly set out and reflect the expectations above", "By Mar 2014")]


def test_flags_listed_in_another_order_from_run_to_run(tmp_path):
    # a record's alignment flags were set role by role in the order of a set of strings, which
    # string hashing changes between runs: two runs on one pack gave different CSVs
    outputs = []
    for seed in ("0", "1", "4", "5"):  # seeds that ordered the set differently
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "plantrack", "extract", str(pack("000")), "--out", str(out)],
                       env=env, check=True, capture_output=True)
        outputs.append((out / "actions.csv").read_bytes())
    assert b"due_alignment_guess; owner_alignment_guess" in outputs[0]
    assert outputs[0] == outputs[1] == outputs[2] == outputs[3]


def test_value_cut_by_a_page_break_read_as_the_next_actions_value():
    # the row's date `Develop initial communication by start of campaign` broke across the
    # page with the measure beside it (`... have received the` | `communications and ...`):
    # the rest at the next page's top was read as a row of values for the next action, and
    # every owner and date below slipped one action down
    header = stacked_row(26, "Area", "Actions", "Lead", "Due", "Measures")
    listed = stacked_row(26, "P1.4 Recruitment", "1.4.1 Run a marketing campaign | 1.4.2 Develop a communications plan"
                         " | 1.4.3 Arrange two recruitment rounds", "ES", "Start w/c 14 October", "Regular updates")
    below = stacked_row(26, "", "", "ES", "Develop initial communication", "Feedback shows staff have received the")
    first = Table(rows=[header, listed, below], page=26, columns_inferred=True)
    rest = Table(rows=[stacked_row(27, "", "", "", "by start of campaign", "communications and acted on them"),
                       stacked_row(27, "", "", "ES", "31 Oct 13", "")], page=27, after_page_break=True,
                 columns_inferred=True)
    recs = records_from_document(Document(source_file="t.pdf", blocks=[first, rest]))[0]
    assert [(r.action_id, r.owner_raw, r.due_raw) for r in recs] == [
        ("1.4.1", "ES", "Start w/c 14 October"), ("1.4.2", "ES", "Develop initial communication by start of campaign"),
        ("1.4.3", "ES", "31 Oct 13")]


def test_tall_row_at_a_page_top_cut_at_every_short_line_when_the_table_spaces_its_rows(pdfs):
    # the page shows no band between rows, but the page before showed the table's rows
    # apart by their padding: the page holds the rest of one row, not rows set solid
    tables = [b for b in read_pdf(pdfs["tight_row_after_spaced_rows"]).blocks if isinstance(b, Table) and b.page == 2]
    assert len(tables) == 1 and len(tables[0].rows) == 1
    recs = [r for r in extract_pack(pdfs["tight_row_after_spaced_rows"]) if r.source_page == 2]
    assert [r.action for r in recs] == make_pdfs.SOLID_ROW_ACTIONS
    assert [r.owner_raw for r in recs] == make_pdfs.SOLID_ROW_LEADS
    assert [r.due_raw for r in recs] == make_pdfs.SOLID_ROW_DUES


def test_unmarked_list_items_run_together_when_their_values_stand_in_rows_below():
    # a page that sets each action's owner and date in a row of its own, under a cell of
    # list items with no bullet, indent or spacing: where an item's last line was full, two
    # items read as one, and the row below that held the second's values was dropped as extra
    merged = ("Deliver and maintain an early help website for partner", "agencies and communities in every district.",
              "Report data from tracking impact to the board")
    action = Cell(paragraphs=[
        Paragraph(runs=[Run(text="Map existing touch points between services")], list_item=True,
                  layout_lines=("Map existing touch points between services",)),
        Paragraph(runs=[Run(text=" ".join(merged))], list_item=True, layout_lines=merged)])
    rows = [stacked_row(8, "Area", "Strategic Intent and Actions", "Responsible", "Target Date"),
            Row(cells=[cell("Partnerships"), action, cell("AB"), cell("Oct 13")], page=8),
            stacked_row(8, "", "", "CD", "Nov 13"), stacked_row(8, "", "", "EF", "Dec 13")]
    table = Table(rows=rows, page=8, columns_inferred=True)
    recs = records_from_document(Document(source_file="t.pdf", blocks=[table]))[0]
    assert [(r.action[:12], r.owner_raw, r.due_raw) for r in recs] == [
        ("Map existing", "AB", "Oct 13"), ("Deliver and ", "CD", "Nov 13"), ("Report data ", "EF", "Dec 13")]
    assert recs[1].action.endswith("in every district.")
    assert all("action_split_guess" in r.flags for r in recs)


def test_action_run_on_past_a_page_break_kept_the_next_unmarked_item_in_its_tail():
    # the cell's first action went on at the next page's top, and the next marker-less item
    # began under its last line, which was full: the owners stacked beside the row show
    # there is one more action, and only the sentence ending at that line shows where
    action = Cell(paragraphs=[Paragraph(runs=[Run(text="Map existing touch points between")], list_item=True,
                                        layout_lines=("Map existing touch points between",))])
    tail = ("services to rationalise the partnership", "arrangements across the county.",
            "Deliver and maintain an early help website")
    first = Table(rows=[stacked_row(8, "Area", "Strategic Intent and Actions", "Responsible", "Target Date"),
                        Row(cells=[cell("Partnerships"), action, cell("TE", "TW"), cell("Oct 13", "Nov 13")], page=8)],
                  page=8, columns_inferred=True)
    rest = Table(rows=[Row(cells=[cell(), Cell(paragraphs=[Paragraph(runs=[Run(text=" ".join(tail))], layout_lines=tail)]),
                                  cell(), cell()], page=9)], page=9, after_page_break=True, columns_inferred=True)
    recs = records_from_document(Document(source_file="t.pdf", blocks=[first, rest]))[0]
    assert [(r.action, r.owner_raw, r.due_raw) for r in recs] == [
        ("Map existing touch points between services to rationalise the partnership arrangements across the county.",
         "TE", "Oct 13"),
        ("Deliver and maintain an early help website", "TW", "Nov 13")]
    assert all("action_split_guess" in r.flags for r in recs)


def test_text_carried_under_a_repeated_header_read_into_the_header(pdfs):
    # set tight, the carried text's only sign of a new row is a band as tall as the padding
    # between the page before's rows; it printed in one column, so the header took it
    tables = [b for b in read_pdf(pdfs["tight_header_over_carried_text"]).blocks if isinstance(b, Table) and b.page == 2]
    assert [row.texts for row in tables[0].rows] == [["Ref", "Action", "Due", "Lead"],
                                                     ["", make_pdfs.CARRIED_TEXT, "", ""]]


def test_cell_of_stacked_actions_cut_at_a_paragraph_gap_shared_its_first_owner():
    # a gap after sub-bullets as tall as the rows' own spacing cut one cell of four actions
    # into two rows: the first two shared the owner printed beside them, and the last two
    # took the value rows below, one too many, so the last was dropped as extra
    def listed(page: int, *texts: str) -> Row:
        row = stacked_row(page, *texts)
        for paragraph in row.cells[1].paragraphs:
            paragraph.list_item = True
        return row

    rows = [stacked_row(8, "Area", "Strategic Intent and Actions", "Responsible", "Target Date"),
            listed(8, "Partnerships", "Identify a set of outcomes | Develop a local partnership approach", "AB", "Oct 13"),
            listed(8, "", "Review the current contract | Work with partners to share data", "", ""),
            stacked_row(8, "", "", "CD", "Nov 13"), stacked_row(8, "", "", "EF", "Dec 13"),
            stacked_row(8, "", "", "GH", "Jan 14")]
    recs = records_from_document(Document(source_file="t.pdf", blocks=[Table(rows=rows, page=8)]))[0]
    assert [(r.action[:8], r.owner_raw, r.due_raw) for r in recs] == [
        ("Identify", "AB", "Oct 13"), ("Develop ", "CD", "Nov 13"), ("Review t", "EF", "Dec 13"),
        ("Work wit", "GH", "Jan 14")]


def test_lone_text_in_a_grid_row_shifted_into_the_owner_column():
    # on a page without rules each row's cells come from the page's whitespace columns; a
    # row short of the header's last column held one text, under the action, and was
    # shifted to where that text read best: out of the action (a pack's owner column once)
    def row(*texts: str) -> Row:
        return Row(cells=[cell(t) if t else cell() for t in texts], page=6)

    rows = [row("Ref", "Action", "Lead", "Due", "Measure", "Progress", "RAG"),
            row("3.1", "Quality assurance of front door decisions", "PB/ DM", "Mar 24", "Audits", "Started"),
            row("", "Audit activity", "", "", "", ""),
            row("3.2", "Review the step-down process", "HoS", "Jun 24", "Audits", "Planned")]
    table = Table(rows=rows, page=6, columns_inferred=True)
    recs = records_from_document(Document(source_file="t.pdf", blocks=[table]))[0]
    assert [(r.action_id, r.owner_raw) for r in recs] == [("3.1", "PB/ DM"), ("3.2", "HoS")]
    assert recs[0].action == "Quality assurance of front door decisions Audit activity"


def test_rest_of_a_cell_of_numbered_actions_cut_at_a_paragraph_gap_lost_its_dates_and_owners():
    # the cell's five actions went on past a page break; there a paragraph gap as tall as the
    # row spacing cut off the last two, with no values beside them: the five dates and owners
    # printed beside the first three went to those three, and the two were left without
    rows = [stacked_row(4, "Ref", "Action Required", "Due", "Leads", "Measures"),
            stacked_row(4, "2", "2.1.0. Update and launch the Neglect strategy | 2.1.1. Social Care to have",
                        "Nov 2019 Jun 2019 Jan 2019 Aug", "Jon Brydon Sally Allen Head of QA Head of QA Head of L&D",
                        "12. % of neglect cases referred")]
    page_top = [stacked_row(5, "", "a dedicated Neglect action plan. | 2.1.2. Undertake a multi-agency audit",
                            "2019 Dec 2019", "", "13. Findings of the audits"),
                stacked_row(5, "", "2.1.3. Scrutinise open Neglect cases | 2.2. Put in place neglect learning events",
                            "", "", "16. % of repeat CP plans")]
    blocks = [Table(rows=rows, page=4, columns_inferred=True),
              Table(rows=page_top, page=5, after_page_break=True)]
    recs = records_from_document(Document(source_file="t.pdf", blocks=blocks))[0]
    assert [(r.action_id, r.due_raw, r.source_page) for r in recs] == [
        ("2.1.0", "Nov 2019", 4), ("2.1.1", "Jun 2019", 4), ("2.1.2", "Jan 2019", 5), ("2.1.3", "Aug 2019", 5),
        ("2.2", "Dec 2019", 5)]
    assert all("due_alignment_guess" in r.flags for r in recs)
    assert any(r.measures.endswith("16. % of repeat CP plans") for r in recs)  # the rest's measures kept


def test_value_rows_under_actions_carried_past_two_breaks_all_went_to_the_last_action():
    # a cell of four stacked actions printed one owner beside the first three, went on past a
    # break with the fourth, set the other owners in rows below it, and ran on past the next
    # break: the text run on folded those rows into the fourth action's values
    rows = [stacked_row(77, "Ref", "Action", "Lead", "Target Date", "Measure"),
            stacked_row(77, "6", "6.1 Implement the Resource Group | 6.2 Implement a weekly panel | 6.3 Introduce the panel",
                        "DE/ LS", "Oct 2013", "Report - compliance")]
    next_page = [stacked_row(78, "", "process to practitioners | 6.4 Placements within the wider family are always",
                             "", "", ""),
                 stacked_row(78, "", "", "TS", "Oct 2013", "Report - children prevented"),
                 stacked_row(78, "", "", "DE/ JS/ AH", "Oct 2013", ""),
                 stacked_row(78, "", "", "AH", "Oct 2013", "By March 2014, audits evidence family options")]
    last_page = [stacked_row(79, "", "sought first", "", "", "have been exhausted"),
                 stacked_row(79, "", "6.5 Expand the boarding school scheme", "AH/ JS", "Nov 2013", "Report")]
    blocks = [Table(rows=rows, page=77), Table(rows=next_page, page=78, after_page_break=True),
              Table(rows=last_page, page=79, after_page_break=True)]
    recs = records_from_document(Document(source_file="t.pdf", blocks=blocks))[0]
    assert [(r.action_id, r.owner_raw, r.due_raw) for r in recs] == [
        ("6.1", "DE/ LS", "Oct 2013"), ("6.2", "TS", "Oct 2013"), ("6.3", "DE/ JS/ AH", "Oct 2013"),
        ("6.4", "AH", "Oct 2013"), ("6.5", "AH/ JS", "Nov 2013")]
    assert recs[3].action.endswith("are always sought first")
    assert any(r.measures.endswith("evidence family options have been exhausted") for r in recs)


def test_measure_under_a_repeated_header_placed_as_the_owner_by_what_it_held():
    # a page opening with the header printed over its columns, then actions with no values
    # beside them and a measure's last words: the short words read as an owner, so the
    # fragment's columns were moved by what they held and the first action took them
    labels = ("Performance Area", "Strategic Intent and Actions", "Responsible", "Enabling Teams", "Target Date",
              "How measured/KPIs", "RAG")
    above = Table(rows=[stacked_row(26, *labels),
                        stacked_row(26, "PS.1.9 Promote advocacy", "*Children are listened to", "AB", "NICC",
                                    "Dec 2013", "From January 2014 audits show it", "")], page=26, columns_inferred=True)
    page = Table(rows=[stacked_row(27, *labels),
                       stacked_row(27, "", "1.9.1 Ensure the guidance sets out advocacy | 1.9.2 Ensure the procedures"
                                   " reflect it | 1.9.3 Audit the use of advocacy", "", "", "", "access to advocacy services",
                                   "")], page=27, after_page_break=True, columns_inferred=True)
    below = Table(rows=[stacked_row(27, "", "", "AB/AH", "", "By Mar 2014", "From January use of advocacy", ""),
                        stacked_row(27, "", "", "DM/PH", "QA", "Jan 2014", "From January evaluations", "")],
                  page=27, columns_inferred=True)
    recs = records_from_document(Document(source_file="t.pdf", blocks=[above, page, below]))[0]
    assert [(r.action_id, r.owner_raw, r.due_raw) for r in recs] == [
        ("1.9.1", "AB", "Dec 2013"), ("1.9.2", "AB/AH", "By Mar 2014"), ("1.9.3", "DM/PH", "Jan 2014")]


def test_rest_of_a_cell_of_numbered_actions_set_one_per_row_past_a_break_lost_its_dates():
    # the page break cut the cell after its second action, and the next page set the other
    # three a paragraph gap apart, as rows of their own: five dates went to three actions
    recs = _cell_cut_past_a_break("2.1.0. Launch the strategy | 2.1.1. Write the action plan",
                                  "Nov 2019 Jun 2019 Jan 2019 Aug 2019 Dec 2019", "JB SA HQ HQ LD",
                                  "2.1.2. Audit the cases", "2.1.3. Scrutinise open cases",
                                  "2.2. Put in place learning events")
    assert [(r.action_id, r.due_raw, r.source_page) for r in recs] == [
        ("2.1.0", "Nov 2019", 3), ("2.1.1", "Jun 2019", 3), ("2.1.2", "Jan 2019", 4), ("2.1.3", "Aug 2019", 4),
        ("2.2", "Dec 2019", 4), ("9.1", "Sep 2019", 4)]
    assert all("due_alignment_guess" in r.flags for r in recs[:5])


def _cell_cut_past_a_break(actions: str, dues: str, owners: str, *rest: str) -> list:
    """Records of a cell of numbered actions (split at ` | `) with its dates and owners
    stacked beside them on page 3, whose other actions open page 4 in rows of their own
    with no values, before action 9.1 with its own."""
    rows = [stacked_row(3, "Ref", "Action Required", "Due", "Leads"), stacked_row(3, "2", actions, dues, owners)]
    page_top = [stacked_row(4, "", text, "", "") for text in rest]
    page_top.append(stacked_row(4, "9", "9.1. Raise awareness of the thresholds", "Sep 2019", "JW"))
    blocks = [Table(rows=rows, page=3), Table(rows=page_top, page=4, after_page_break=True)]
    return records_from_document(Document(source_file="t.pdf", blocks=blocks))[0]


def test_area_header_set_tight_over_its_first_row_gave_the_row_no_rag():
    # set solid, each priority's own header touched its first row under the priority's name:
    # read as one row, the RAG cell held `RAG G` and the row took no status
    def laid(*lines: str) -> Cell:
        return Cell(paragraphs=[Paragraph(runs=[Run(text=" ".join(lines))], layout_lines=lines)])

    rows = [Row(cells=[cell("Action"), cell("Success Measure (s)"), cell("RAG")], page=24),
            Row(cells=[cell("3.17 Develop a case transfer protocol"), cell("A protocol is in place"), cell("A")], page=24),
            Row(cells=[cell("Priority 4"), cell(), cell()], page=24),
            Row(cells=[laid("Action", "4.1 Review all cases where children are looked-after"),
                       laid("Success Measure (s)", "All cases have been reviewed."), laid("RAG", "G")], page=24)]
    recs = records_from_document(Document(source_file="t.pdf", blocks=[Table(rows=rows, page=24, columns_inferred=True)]))[0]
    assert [(r.action_id, r.rag_raw, r.measures) for r in recs] == [
        ("3.17", "A", "A protocol is in place"), ("4.1", "G", "All cases have been reviewed.")]


def test_actions_of_a_cell_with_fewer_dates_set_one_per_row_past_a_break_left_unflagged():
    # four dates beside two actions, whose cell went on past a break with three more in rows
    # of their own: the four went to the first two, and the last three came out unflagged
    recs = _cell_cut_past_a_break("6.1. Train the workforce | 6.1.2. Review the matching process",
                                  "Sep 2019 Aug 2019 Jul 2019 Jul 2019", "JW SA SD SD",
                                  "6.1.3. Refresh the adoption strategy", "6.1.4. Update the reunification policy",
                                  "6.1.5. Introduce disruption meetings")
    assert [(r.action_id, r.due_raw) for r in recs] == [
        ("6.1", "Sep 2019"), ("6.1.2", "Aug 2019"), ("6.1.3", "Jul 2019"), ("6.1.4", "Jul 2019"), ("6.1.5", ""),
        ("9.1", "Sep 2019")]
    assert [("due_alignment_guess" in r.flags) for r in recs] == [True] * 5 + [False]


def test_header_wrapped_a_paragraph_above_the_first_row_read_as_its_text():
    # banded rows set the header's wrapped labels a paragraph apart from the first row's text,
    # but with no band between: its first printed lines (`Strategic Intent and`) were no header
    def head_and(label: tuple[str, ...], text: str) -> Cell:
        return Cell(paragraphs=[Paragraph(runs=[Run(text=" ".join(label), bold=True)], layout_lines=label),
                                Paragraph(runs=[Run(text=text)], layout_lines=(text,))])

    merged = Row(cells=[head_and(("Performance Area",), "Early help"),
                        head_and(("Strategic Intent and", "Actions"), "Map the touch points between services."),
                        head_and(("Responsible",), "TE"), head_and(("Target Date",), "Oct 13")], page=84)
    recs = records_from_document(Document(source_file="t.pdf", blocks=[Table(rows=[merged], page=84,
                                                                             columns_inferred=True)]))[0]
    assert [(r.action, r.owner_raw, r.due_raw) for r in recs] == [("Map the touch points between services.", "TE",
                                                                   "Oct 13")]
