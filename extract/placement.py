"""Which header column each of a row's cells belongs under, judged by what the cells hold.

A page break, an unruled page laid out afresh or a text pack's lost tabs can leave a row
or a whole fragment with fewer cells than the header. These functions put the cells back
under the roles they plausibly hold (dates under the due date, short names under the
owner), for the record builder, and score how well a table's rows fit a header, for a
table whose own header is missing. Reader-agnostic: only the intermediate.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from plantrack.extract.columns import ColumnMap
from plantrack.extract.document import Cell, Paragraph, Row, Run
from plantrack.extract.numbering import section_code

DATEISH = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*'?\d{2,4}\b|\b\d{1,2}/\d{2,4}\b|\b20\d\d\b"
    r"|\b(ongoing|on-going|immediate|tbc|tba|termly|monthly|quarterly|annually)\b"
    # a month alone (its year wrapped to the next page); `may` alone is a word too often
    r"|^(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?"
    r"|dec(ember)?)\.?$", re.I)
PLACEHOLDER = re.compile(r"\W*(tbc|tba|tbd|tbconfirmed)\W*", re.I)
LONE_NUMBER = re.compile(r"^\s*\(?\d{1,2}(?:\.\d{1,2}){1,3}\.?\)?\s*$")
RAG_CODE = re.compile(r"^\W*[A-Za-zА-Яа-яΑ-Ωα-ω]{1,2}\W*$|^(red|amber|green|blue|complete[d]?|white)$", re.I)
STARTS_NUMBERED = re.compile(r"\(?\d+\.\d")


def role_fit(cell: Cell, role: str | None, empty_action: float = -1.0, stacked: bool = False) -> float:
    """How plausibly the cell's text sits under the role. An empty action cell costs
    `empty_action`: a row's action cell is rarely empty, a column's often is (value rows).
    `stacked` judges length paragraph by paragraph, printed line by printed line where the
    reader kept them (a column's stacked values: four short owners make a long cell text),
    else by the cell's whole text (one row's cell)."""
    text = cell.text.strip()
    if role is None:
        return 0.0
    longest = max((_longest_line(p) for p in cell.paragraphs), default=0) if stacked else len(text)
    listed = any(p.list_item for p in cell.paragraphs)  # bullets list actions, rarely owners
    if role == "action":
        if not text:
            return empty_action
        if longest < 15 and not listed and not STARTS_NUMBERED.match(text):
            return -0.5  # initials or a date: a value, not an action
        return 2.0 * (longest > 25 or listed) + 1.0 * bool(STARTS_NUMBERED.match(text))
    if role == "owner":
        if not text:
            return 0.0
        if PLACEHOLDER.fullmatch(text):
            return 1.0  # `TBC` stands for an owner not yet named as often as for a date
        if DATEISH.fullmatch(text):
            return -2.0
        if any(STARTS_NUMBERED.match(p.text.lstrip()) for p in cell.paragraphs):
            return -1.0  # a numbered action (`1.10.1 Ensure that ...`) names no one
        # a column of sentences is no owner column: weighed more when a whole page's column is judged
        return 1.0 if longest <= 40 and not listed else (-1.0 if stacked else -0.5)
    if role == "due":
        if not text:
            return 0.0
        if not DATEISH.search(text) or len(text) >= 80:
            return -1.0
        return 2.0 if longest < 40 else 0.5  # a sentence that names a date is a measure more likely
    if role in ("rag", "rag_previous", "rag_initial"):
        if not text:
            return 0.0
        return 1.0 if RAG_CODE.match(text) else -2.0
    if role == "section":
        return 0.5 if text and section_code(text) else (0.0 if not text else -0.5)
    return 0.0


NARROW_LINE = 15  # characters: a printed line no longer than this is from a column of names or dates


def _longest_line(paragraph: Paragraph) -> int:
    """A paragraph's length, or its longest printed line when every line is short: a narrow
    column's stacked values set with no gap between them read as one paragraph of short
    lines, while the lines of an action or a measure run longer."""
    lines = paragraph.layout_lines
    if lines and max(map(len, lines)) <= NARROW_LINE:
        return max(map(len, lines))
    return len(paragraph.text)


def _number_beside_text(cell: Cell, nxt: Cell) -> bool:
    """`1.4.1 | Ensure that ...`: a number alone in its cell, the action's text in the next."""
    return bool(LONE_NUMBER.match(cell.text)) and not nxt.is_empty and not LONE_NUMBER.match(nxt.text)


def merge_number_cells(cells: list[Cell]) -> list[Cell]:
    """`1.4.1 | Ensure that ...`: a number printed in a cell of its own belongs to the text beside it."""
    out: list[Cell] = []
    i = 0
    while i < len(cells):
        c = cells[i]
        if i + 1 < len(cells) and _number_beside_text(c, cells[i + 1]):
            nxt = cells[i + 1]
            number = Paragraph(runs=[Run(text=c.text.strip(), bold=True)])
            first = nxt.paragraphs[0]
            merged = Paragraph(runs=number.runs + [Run(text=" ")] + first.runs, list_item=False,
                               level=first.level, line=first.line)
            out.append(Cell(paragraphs=[merged] + nxt.paragraphs[1:], bbox=nxt.bbox, fill=nxt.fill))
            i += 2
            continue
        out.append(c)
        i += 1
    return out


def number_column(rows: Sequence[Row], columns: ColumnMap) -> int | None:
    """The column where a fragment prints its action numbers apart (`1.4.1 | Ensure ...`) in a
    column the header does not name: the numbers stand where the header puts the action, the
    text beside them. None when it does not (a `Ref` column of numbers is the header's own)."""
    action = columns.col("action")
    if "id" in columns.roles or action is None:
        return None
    found = {j for r in rows for j, (c, nxt) in enumerate(zip(r.cells, r.cells[1:], strict=False))
             if _number_beside_text(c, nxt)}
    return action if found == {action} else None


def align_cells(row: Row, columns: ColumnMap, number_col: int | None = None, grid: bool = False) -> list[Cell | None]:
    """Place the row's cells under the header; a row that lost cells at a page break is shifted to fit.
    `number_col` is where the row's fragment prints numbers apart: there an empty cell goes too.
    In a `grid` (a page of a table without rules, its columns found from whitespace) a row
    holding one cell stays where the page put it: one cell's text shows no shift, its place
    does (`Audit activity` alone reads more as an owner than as an action)."""
    cells, trimmed = _row_cells(row, columns, number_col)
    width = columns.width
    # (so does a lone cell in a row as wide as the header: its empty cells show its place)
    lone = (grid or len(cells) >= width) and sum(1 for c in trimmed if not c.is_empty) == 1
    shift = 0 if lone else _row_shift(trimmed, columns)
    if shift == 0:
        return cells + [None] * (width - len(cells))
    placed: list[Cell | None] = [None] * width
    for j, c in enumerate(trimmed):
        placed[shift + j] = c
    return placed


def _row_cells(row: Row, columns: ColumnMap, number_col: int | None) -> tuple[list[Cell], list[Cell]]:
    """The row's cells (numbers merged, no more than the header has) and the same without
    trailing empty cells."""
    cells = list(row.cells)
    if "id" not in columns.roles:
        cells = merge_number_cells(cells)
        if (number_col is not None and len(cells) == len(row.cells) and number_col + 1 < len(cells)
                and cells[number_col].is_empty and not cells[number_col + 1].is_empty):
            cells = cells[:number_col] + cells[number_col + 1:]
    width = columns.width
    while len(cells) > width and cells[-1].is_empty and not cells[-1].fill:
        cells.pop()
    if len(cells) > width:
        cells = cells[:width]
    trimmed = list(cells)
    while trimmed and trimmed[-1].is_empty and not trimmed[-1].fill:  # a coloured cell may be a RAG status
        trimmed.pop()
    return cells, trimmed


def _row_shift(trimmed: list[Cell], columns: ColumnMap) -> int:
    """The shift that best fits the row's cells under the header (0: they stay where they are)."""
    width = columns.width
    k = len(trimmed)
    if k >= width or k == 0 or sum(1 for c in trimmed if not c.is_empty) == 1 and not trimmed[0].is_empty:
        return 0
    role_at = columns.role_at
    fits = [role_fit(c, role_at.get(j)) for j, c in enumerate(trimmed)]
    action_col = columns.roles.get("action", 0)
    if min(fits) >= 0 and action_col < k and fits[action_col] > 0:
        return 0  # every cell sits plausibly where it is
    best_shift, best_score = 0, None
    no_action = role_fit(Cell(paragraphs=[]), "action")
    for shift in range(0, width - k + 1):
        score = sum(role_fit(c, role_at.get(shift + j)) for j, c in enumerate(trimmed))
        if not shift <= action_col < shift + k:
            score += no_action  # shifted off the action column leaves it as empty
        if best_score is None or score > best_score + 1e-9:
            best_shift, best_score = shift, score
    return best_shift


@dataclass(frozen=True)
class FragmentFit:
    """A fragment's columns placed in order under the header at their best."""

    score: float  # summed role_fit of every cell where it is placed
    kept: float  # the same with each column left where it is
    placement: tuple[int, ...]  # the header column of each of the fragment's columns


def _grid(rows: Sequence[Row], columns: ColumnMap) -> list[list[Cell]]:
    return [merge_number_cells(list(r.cells)) if "id" not in columns.roles else list(r.cells) for r in rows]


def fragment_fit(
    grid: Sequence[Sequence[Cell]], columns: ColumnMap, positions: Sequence[int] | None = None,
) -> FragmentFit | None:
    """The best in-order placement of a fragment's columns under the header; None when it
    has more columns than the header. Rows shorter than the fragment count as empty there.
    `positions` are where the columns sit now (their own index by default), for `kept`."""
    count = max((len(cells) for cells in grid), default=0)
    width = columns.width
    if not grid or count > width:
        return None
    role_at = columns.role_at
    fit = [[sum(role_fit(cells[j], role_at.get(t), empty_action=0.0, stacked=True) for cells in grid if j < len(cells))
            for t in range(width)] for j in range(count)]
    # best[j][t]: the best score for columns j.. placed in order at header columns t..
    best = [[0.0] * (width + 1) for _ in range(count + 1)]
    for j in range(count - 1, -1, -1):
        best[j][width] = float("-inf")
        for t in range(width - 1, -1, -1):
            best[j][t] = max(fit[j][t] + best[j + 1][t + 1], best[j][t + 1])
    placement: list[int] = []
    t = 0
    for j in range(count):
        while fit[j][t] + best[j + 1][t + 1] < best[j][t]:
            t += 1
        placement.append(t)
        t += 1
    at = list(positions) if positions is not None else list(range(count))
    kept = sum(fit[j][at[j]] for j in range(count) if at[j] < width)
    return FragmentFit(score=best[0][0], kept=kept, placement=tuple(placement))


def place_fragment(
    rows: Sequence[Row], columns: ColumnMap, inferred: bool = False, margin: float = 1.0,
) -> tuple[int | None, ...] | None:
    """The header column of each column of a page's fragment (None for a column empty throughout).

    A fragment laid out afresh on its page (an unruled table) keeps no trace of its empty
    columns: it has fewer columns than the header, or, when the reader `inferred` its
    columns from whitespace, they were matched to the header's by position alone. Columns
    empty throughout the fragment say nothing of where they belong, so they are set aside,
    and the others are matched to the header's in order by what all its rows hold, when
    that fits clearly better than keeping them in place. None leaves each row to
    `align_cells`.
    """
    grid = _grid(rows, columns)
    count = max((len(cells) for cells in grid), default=0)
    if not grid or count > columns.width or any(len(cells) != count for cells in grid):
        return None
    # an empty cell in a colour of its own may be a RAG status; one in its row's shade (a
    # banded table shades every cell) says nothing of where its column belongs
    shades = [_row_shade(cells) for cells in grid]
    live = [j for j in range(count)
            if any(not cells[j].is_empty or cells[j].fill and cells[j].fill != shade
                   for cells, shade in zip(grid, shades, strict=True))]
    if count == 1 and inferred and columns.width > 1:
        # a page opening with one cell alone, laid out afresh (whitespace kept no other column):
        # it goes where what it holds fits best
        fits = [sum(role_fit(cells[0], columns.role_at.get(j), stacked=True) for cells in grid)
                for j in range(columns.width)]
        best = max(range(columns.width), key=fits.__getitem__)
        return (best,) if fits[best] > 0 else None
    if len(live) <= 1:
        return None  # one column of text (an action's tail at a page top) says nothing of its place
    if count == columns.width and (not inferred or all(any(not cells[j].is_empty or cells[j].fill for cells in grid)
                                                       for j in range(count))):
        return None  # ruled, tabbed, or every column printed or shaded: each cell stands in its own column
    fitted = fragment_fit([[cells[j] for j in live] for cells in grid], columns, positions=live)
    if fitted is None or fitted.score < fitted.kept + margin:
        return None
    placement: list[int | None] = [None] * count
    for j, target in zip(live, fitted.placement, strict=True):
        placement[j] = target
    return tuple(placement)


def _row_shade(cells: Sequence[Cell]) -> str | None:
    """The fill most of the row's cells share (None when most are unfilled)."""
    return Counter(c.fill for c in cells).most_common(1)[0][0] if cells else None


def place_row(row: Row, placement: Sequence[int | None], columns: ColumnMap) -> list[Cell | None]:
    """The row's cells under the header columns a fragment placement chose."""
    placed: list[Cell | None] = [None] * columns.width
    for target, cell in zip(placement, _grid([row], columns)[0], strict=False):
        if target is not None:
            placed[target] = cell
    return placed


def header_fit(
    fragments: Sequence[Sequence[Row]], columns: ColumnMap, lost_cell: float | None = None,
) -> float | None:
    """How well a table's fragments fit a header, each placed at its best; None when some
    fragment has more columns than the header. One column more is cut off when empty, or,
    given `lost_cell`, at that cost for each cell of text it held (the record builder cuts
    it off too)."""
    total = 0.0
    for rows in fragments:
        grid = _grid(rows, columns)
        count = max((len(cells) for cells in grid), default=0)
        if count == columns.width + 1:
            lost = sum(1 for cells in grid if len(cells) == count and not cells[-1].is_empty)
            if lost and lost_cell is None:
                return None
            total -= (lost_cell or 0.0) * lost
            grid = [cells[:columns.width] for cells in grid]
        fitted = fragment_fit(grid, columns)
        if fitted is None:
            return None
        total += fitted.score
    return total
