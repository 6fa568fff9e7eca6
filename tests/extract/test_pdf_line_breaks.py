"""Where a PDF cell's printed lines end: wrapped text, printed breaks and unspaced list items.

Fixtures are drawn line by line with reportlab in a ruled table, so every line break is
exactly where the test puts it (as a browser or Word would have wrapped it).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from plantrack.api import records_from_document
from plantrack.extract.document import Cell
from plantrack.extract.pdf_reader import read_pdf

PAGE = landscape(A4)
MARGIN = 40.0
PADDING = 4.0
SIZE = 10.0
LEADING = 12.5  # lines of one paragraph: no extra spacing anywhere, as in list items printed without margins
FONT = "Helvetica"

Lines = Sequence[str | tuple[float, str]]  # a line, or (indent, line)


def draw_ruled_table(path: Path, widths: Sequence[float], rows: Sequence[Sequence[Lines]]) -> None:
    """Each cell is a list of printed lines, drawn top down at one leading inside ruled cells."""
    canvas = Canvas(str(path), pagesize=PAGE)
    canvas.setFont("Helvetica-Bold", 14)
    canvas.drawString(MARGIN, PAGE[1] - MARGIN, "Improvement Plan")
    xs = [MARGIN]
    for width in widths:
        xs.append(xs[-1] + width)
    ys = [PAGE[1] - MARGIN - 20]
    for row in rows:
        ys.append(ys[-1] - max(len(cell) for cell in row) * LEADING - 2 * PADDING)
    canvas.setLineWidth(0.5)
    for y in ys:
        canvas.line(xs[0], y, xs[-1], y)
    for x in xs:
        canvas.line(x, ys[0], x, ys[-1])
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            for k, line in enumerate(cell):
                indent, text = line if isinstance(line, tuple) else (0.0, line)
                font = "Helvetica-Bold" if r == 0 else FONT
                canvas.setFont(font, SIZE)
                canvas.drawString(xs[c] + PADDING + indent, ys[r] - PADDING - SIZE - k * LEADING, text)
    canvas.showPage()
    canvas.save()


def cell_of(path: Path, row: int, col: int) -> Cell:
    return read_pdf(path).tables[0].rows[row].cells[col]


def test_range_dash_wrapped_to_a_line_start_stays_in_the_date(tmp_path: Path) -> None:
    # `Oct 2013 – Dec 2013` in a narrow column: the dash did not fit after `Oct 2013`
    width = stringWidth("Oct 2013", FONT, SIZE) + 2 * PADDING + 2
    pdf = tmp_path / "dash.pdf"
    draw_ruled_table(pdf, [200, width], [[["Action"], ["Due"]],
                                         [["Devise a monitoring schedule"], ["Oct 2013", "– Dec", "2013"]]])
    cell = cell_of(pdf, 1, 1)
    assert [p.text for p in cell.paragraphs] == ["Oct 2013 – Dec 2013"]
    assert not cell.paragraphs[0].list_item


def test_dash_items_after_a_lead_in_stay_list_items(tmp_path: Path) -> None:
    pdf = tmp_path / "dash_items.pdf"
    draw_ruled_table(pdf, [300, 60], [[["Action"], ["Due"]],
                                      [["Develop a local approach within:", "- places", "- settings"], ["Dec 2013"]]])
    cell = cell_of(pdf, 1, 0)
    assert [(p.text, p.list_item) for p in cell.paragraphs] == [
        ("Develop a local approach within:", False), ("places", True), ("settings", True)]


def test_stacked_owners_split_when_their_lines_end_short_of_the_column(tmp_path: Path) -> None:
    # every line of the second cell is as long as the others, so only the column (where a
    # title wrapped) shows that `LS MB SSu` would have had room for the next owner's first word
    wrapped = ["Director of Children's", "Services"]
    width = stringWidth(wrapped[0], FONT, SIZE) + 2 * PADDING + 4
    pdf = tmp_path / "owners.pdf"
    draw_ruled_table(pdf, [200, width], [
        [["Action"], ["Owner"]],
        [["Review the front door"], wrapped],
        [["Audit CIN cases", "Train team managers", "Run workshops"], ["LS MB SSu", "LS MB SSu", "LS MB SSu"]],
    ])
    assert [p.text for p in cell_of(pdf, 1, 1).paragraphs] == ["Director of Children's Services"]
    assert [p.text for p in cell_of(pdf, 2, 1).paragraphs] == ["LS MB SSu"] * 3


def test_unspaced_list_items_split_where_stacked_values_say_an_action_ended(tmp_path: Path) -> None:
    # three unmarked list items, printed without spacing; the first ends a sentence on a full
    # line, so the layout alone reads it as one item with the second; owners and dates stack three
    full = "Deliver a multi agency training programme focused on culture change and a"
    width = stringWidth(full, FONT, SIZE) + 2 * PADDING + 14 + 2
    action = [
        "To improve early assessment of needs.",
        (14.0, full),
        (14.0, "family approach, improving assessment and practice, and integrated working."),
        (14.0, "Establish six district based early help hubs, each supported by a role."),
        (14.0, "Use NSCB to align early assessment."),
    ]
    pdf = tmp_path / "items.pdf"
    draw_ruled_table(pdf, [width, 90, 80], [
        [["Strategic Intent and Actions"], ["Responsible"], ["Target Date"]],
        [action, ["", "SSu LS", "", "LS MB", "", "TE"], ["", "Feb 14", "", "Mar 14", "", "Apr 14"]],
    ])
    doc = read_pdf(pdf)
    records = records_from_document(doc)[0]
    assert [(r.action[:9], r.owner_raw, r.due_raw) for r in records] == [
        ("Deliver a", "SSu LS", "Feb 14"), ("Establish", "LS MB", "Mar 14"), ("Use NSCB ", "TE", "Apr 14")]
    assert all("action_split_guess" in r.flags and r.confidence < 1 for r in records)
