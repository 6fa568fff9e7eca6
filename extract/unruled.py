"""Unruled tables: columns from the white gutters that run down a block of lines, rows from spacing.

A table printed without rules still shows its grid as whitespace: between two columns
there is a vertical strip that no line of the table prints into (the cell padding), while
the word spaces of a column never line up over many lines. So a block of consecutive
lines is a table while the strips its lines leave free all the way down stay open; a
line that prints across an open strip (prose, a heading wider than a column) ends it.
Rows are then cut where the whole width of the table is blank for longer than a line gap
and the line below starts a new row (text in the first column, or in two columns at once);
a table set without row spacing falls back to starting rows where first-column text begins
after a line that ended early.

Pure functions over printed lines (anything with `chars`, `top`, `bottom`, `size`), so the
PDF reader keeps the pdfplumber side and this module keeps the geometry.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

Span = tuple[float, float]


class Rule(NamedTuple):
    """A horizontal rule or the edge of a shaded band: where a row of a table without column rules ends."""

    y: float
    x0: float
    x1: float


class PrintedLine(Protocol):
    chars: list[dict[str, Any]]
    top: float
    bottom: float
    size: float


@dataclass(frozen=True)
class GutterSettings:
    """How wide and how long whitespace must be to be a table's grid (sizes in ems of the text)."""

    min_gutter: float = 0.6  # a free strip this wide between columns (word spaces are ~0.3 em)
    join_gap: float = 0.5  # glyphs closer than this print as one stretch (words of one cell line)
    min_rows: int = 2  # a table has at least this many lines printing into two columns or more
    min_columns: int = 2
    max_line_gap: float = 2.5  # a blank band taller than this ends the table (a footer, a new section)
    row_gap_extra: float = 0.12  # a blank band this much taller than the table's line gap may end a row
    row_band_share: float = 0.75  # a one-column line starts a row after this share of the usual row spacing
    opening_band_share: float = 0.8  # a line opening a row needs this share of what a one-column line needs
    min_carried_lines: int = 2  # lines at a page's top that continue the last page's table in its columns
    heading_size: float = 1.15  # a line in type this much larger than the table's is not in it
    # a column whose lines run this wide holds prose, whose full lines wrap on; in a narrow
    # column of names or dates a short value over a long one looks the same as a wrap, so
    # there only a line that stops mid-way (`PD/ CB/`, `Nov`) wraps on
    prose_column: float = 12.0
    max_lines_above_carried: int = 2  # lines above a page's first table that may still let it carry columns
    max_empty_carried: int = 2  # columns a table after prose may leave empty and still carry the last one's
    few_gaps: int = 10  # a block with fewer gaps between its lines takes its line gap from the page
    wrap_gap: float = 0.5  # a blank band up to this tall (ems) lies between wrapped lines of one cell
    lone_share: float = 0.4  # lines opening a page this narrow (share of the last table's width) may be one of its cells
    rule_span: float = 0.5  # a rule across this share of a table's width separates its rows
    min_rules: int = 2  # rules between rows a table needs before its last one may close it...
    closing_rule_gap: float = 2.0  # ...when text lies this many times further under it than rows under theirs
    ruled_band_share: float = 0.9  # where rules cross a table, a row starts elsewhere only after a band this share as tall


@dataclass
class GutterTable:
    """One unruled table: column edges (left to right) and row edges (top to bottom)."""

    xs: list[float]
    ys: list[float]
    lines: list[Any] = field(default_factory=list)  # the printed lines it covers
    # the blank band its rows started at, 0.0 when set solid, None when it showed no row start
    row_spacing: float | None = None

    @property
    def cells(self) -> list[tuple[float, float, float, float]]:
        return [
            (x0, top, x1, bottom)
            for top, bottom in zip(self.ys, self.ys[1:], strict=False)
            for x0, x1 in zip(self.xs, self.xs[1:], strict=False)
        ]


@dataclass
class ColumnMemory:
    """Column edges carried between pages: the last unruled table's, for its continuation."""

    xs: list[float] | None = None
    page_xs: list[list[float]] = field(default_factory=list)  # every unruled table's on the last page read
    orphan: bool = False  # the last page's first table had nothing to carry and may want a later table's
    row_band: float | None = None  # the narrowest band a rule crossed between rows, on the last page that had one
    # the blank band the last table that showed how it sets its rows started them at (0.0
    # when it set them solid); None before any did
    row_spacing: float | None = None

    def remember(self, tables: Sequence[GutterTable], carried: list[float] | None) -> None:
        """What the page just read leaves for the next one."""
        self.xs = tables[-1].xs if tables else None
        self.page_xs = [t.xs for t in tables]
        self.orphan = bool(tables) and carried is None

    def forget(self) -> None:
        """A page with no unruled table (ruled tables, or no text) ends any carrying."""
        self.remember([], None)
        self.row_band = None
        self.row_spacing = None


def find_gutter_tables(
    lines: Sequence[PrintedLine], settings: GutterSettings, memory: ColumnMemory | None = None,
    rules: Sequence[Rule] = (),
) -> list[GutterTable]:
    """The tables among a page's printed lines that have no column rules (sorted top to bottom).

    With `memory`, the page's first table may keep the previous page's columns: a
    continued row often leaves whole columns blank, so its own gutters would merge them,
    or leaves one column only, with no gutter at all. `rules` (rules between rows, edges of
    banded rows) end rows wherever they cross a table.
    """
    inked = [(line, line_spans(line, settings)) for line in lines]
    inked = [(line, printed) for line, printed in inked if printed]  # a lone space prints nothing
    lines = [line for line, _ in inked]
    spans = [printed for _, printed in inked]
    carried = memory.xs if memory is not None else None
    blocks: list[tuple[list[int], list[float]]] = []
    start = 0
    if carried is not None:
        start, crossed = carried_run(lines, spans, carried, settings)
        if crossed and any(first < start <= last for first, last in table_blocks(lines, spans, settings)):
            start = 0  # a line ran across the carried edges mid-table: the page was laid out afresh
        if start >= settings.min_carried_lines or start == 1 and not crossed and _lone_value(spans[0], carried):
            x0 = min([carried[0], *(spans[i][0][0] - 1.0 for i in range(start))])
            x1 = max([carried[-1], *(spans[i][-1][1] + 1.0 for i in range(start))])
            blocks.append((list(range(start)), [x0, *carried[1:-1], x1]))
        else:
            start = 0
    # the rest of the last page's table may be one row, laid out afresh: a block of lines at
    # the page's top with a gutter in one of them is enough
    top_rows = 1 if carried is not None and not blocks else settings.min_rows
    fresh = [(start + a, start + b) for a, b in table_blocks(lines[start:], spans[start:], settings, top_rows)]
    lone = lone_column(lines, spans, carried, settings) if carried is not None and not blocks else 0
    if lone and not (fresh and fresh[0][0] < lone):
        # the rest of one cell, laid out afresh with no other column beside it: a table of one
        # column, which the record builder places by what it holds
        block = list(range(lone))
        blocks.append((block, [min(spans[i][0][0] for i in block) - 1.0, max(spans[i][-1][1] for i in block) + 1.0]))
    for first, last in fresh:
        block = list(range(first, last + 1))
        size = _em(lines, block)
        gutters = block_gutters([spans[i] for i in block], size * settings.min_gutter)
        if len(gutters) + 1 < settings.min_columns:
            continue
        x0 = min(spans[i][0][0] for i in block) - 1.0
        x1 = max(spans[i][-1][1] for i in block) + 1.0
        xs = [x0, *[(a + b) / 2 for a, b in gutters], x1]
        if not blocks and carried is not None:
            kept = carried_columns(carried, xs, [spans[i] for i in block])
            # the page's first table goes on with the last page's columns; after prose it may
            # be a new table with columns of its own: then it keeps only as many columns
            # empty throughout as a page of the old one might (its own would leave none)
            if (first - start <= settings.max_lines_above_carried
                    or _empty_columns(kept, [spans[i] for i in block]) <= settings.max_empty_carried):
                xs = kept
        elif blocks and _goes_on_below(blocks[-1], block, xs, lines, settings):
            # only a tall blank band (a cell's paragraph margin over the rows' padding) ended
            # the table above: the rows below leave some of its columns blank, not the table
            xs = carried_columns(blocks[-1][1], xs, [spans[i] for i in block])
        blocks.append((block, xs))
    page_gap = _smallest_common([b.top - a.bottom for a, b in zip(lines, lines[1:], strict=False) if b.top > a.bottom])
    depth = _rule_depth(lines, rules, settings)
    framed = []
    for block, xs in blocks:
        across = [rule.y for rule in rules
                  if min(rule.x1, xs[-1]) - max(rule.x0, xs[0]) >= settings.rule_span * (xs[-1] - xs[0])]
        framed.append((block[:_closing_rule([lines[i] for i in block], across, settings, depth)], xs, across))
    # the narrowest band a rule crosses between rows of the page's tables (a block's first rule
    # left out as in `split_rows`, unless no block has another): the rest of a row at a page
    # top has no rule of its own inside
    crossed = [[band for band, depths in zip(*_bands([lines[i] for i in block], across), strict=True) if depths]
               for block, _, across in framed if block]
    ruled = [band for bands in crossed for band in bands[1:]] or [band for bands in crossed for band in bands]
    row_band = min(ruled) if ruled else None
    if row_band is None and memory is not None and carried is not None:
        row_band = memory.row_band  # a page holding only the rest of one row shows no band of its own
    # the last page's table goes on at this page's top: it spaces its rows as it did there
    spacing_before = memory.row_spacing if memory is not None and carried is not None else None
    tables = [_gutter_table(lines, spans, block, xs, settings, page_gap, across, row_band,
                            spacing_before if block[0] == 0 else None)
              for block, xs, across in framed if block]
    if memory is not None:
        memory.remember(tables, carried)
        memory.row_band = row_band
        if tables and tables[-1].row_spacing is not None:
            memory.row_spacing = tables[-1].row_spacing
        elif not tables or carried is None:
            memory.row_spacing = None
        if lone and len(tables) == 1:
            memory.xs = carried  # one column of the table says nothing of its columns
    return tables


def lone_column(
    lines: Sequence[PrintedLine], spans: Sequence[Sequence[Span]], carried: Sequence[float], settings: GutterSettings,
) -> int:
    """How many lines at the page's top are one cell of the last page's table, set alone:
    two or more lines of one stretch each, flush left, no wider than `lone_share` of the
    table, before a paragraph's gap or a line that starts an em or more to one side (0 when
    they are not). A page-wide paragraph is prose."""
    if len(lines) < 2 or not spans[0]:
        return 0
    size = _em(lines, range(len(lines)))
    left = spans[0][0][0]
    count = 1
    while count < len(lines) and lines[count].top - lines[count - 1].bottom <= settings.wrap_gap * size:
        if spans[count] and abs(spans[count][0][0] - left) > size:
            break  # set tight under the cell, a line from the page's margin: a heading or prose
        count += 1
    run = range(count)
    if count < 2 or any(len(spans[i]) != 1 or lines[i].size > settings.heading_size * size for i in run):
        return 0  # a heading in larger type is no cell
    if any(abs(spans[i][0][0] - left) > 1.0 for i in run):
        return 0
    width = max(spans[i][0][1] for i in run) - left
    return count if width <= settings.lone_share * (carried[-1] - carried[0]) else 0


def _crosses(spans: Sequence[Span], xs: Sequence[float]) -> bool:
    """Whether a line prints across an inner column edge."""
    return any(a < x < b for a, b in spans for x in xs[1:-1])


def _gutter_table(
    lines: Sequence[PrintedLine], spans: Sequence[Sequence[Span]], block: Sequence[int], xs: list[float],
    settings: GutterSettings, page_gap: float = float("inf"), across: Sequence[float] = (),
    page_row_band: float | None = None, spacing_before: float | None = None,
) -> GutterTable:
    block_lines = [lines[i] for i in block]
    rows, row_spacing = split_rows(block_lines, [spans[i] for i in block], xs, settings, page_gap, across,
                                   page_row_band, spacing_before)
    ys = [rows[0][0].top - 1.0]
    ys.extend((max(line.bottom for line in above) + below[0].top) / 2 for above, below in zip(rows, rows[1:], strict=False))
    ys.append(max(line.bottom for line in rows[-1]) + 1.0)
    return GutterTable(xs=xs, ys=ys, lines=block_lines, row_spacing=row_spacing)


def _bands(lines: Sequence[PrintedLine], rules: Sequence[float]) -> tuple[list[float], list[list[float]]]:
    """For each line after the first: the blank band above it across the table, and how far
    under each rule lying in that band the line starts. The band spans the table only below
    everything printed so far: lines of neighbouring columns interleave when their paragraph
    spacing differs."""
    bands: list[float] = []
    under: list[list[float]] = []
    reach = lines[0].bottom
    for line in lines[1:]:
        bands.append(line.top - reach)
        under.append([line.top - y for y in rules if reach - 1.0 <= y <= line.top + 1.0])
        reach = max(reach, line.bottom)
    return bands, under


def _rule_depth(lines: Sequence[PrintedLine], rules: Sequence[Rule], settings: GutterSettings) -> float | None:
    """How far under a rule the next line usually starts on this page (the median over its
    rules with a line close under them), or None when the page has too few such rules."""
    depths = []
    for rule in rules:
        under = [line.top - rule.y for line in lines
                 if line.top >= rule.y - 1.0 and line.top - rule.y <= settings.max_line_gap * line.size
                 and any(rule.x0 <= ch["x0"] <= rule.x1 for ch in line.chars)]
        if under:
            depths.append(min(under))
    return sorted(depths)[len(depths) // 2] if len(depths) > settings.min_rules else None


def _closing_rule(
    lines: Sequence[PrintedLine], rules: Sequence[float], settings: GutterSettings, page_depth: float | None = None,
) -> int:
    """How many of the lines lie above the rule that closes a table ruled between rows:
    its last rule, when the text below lies much further from it than rows lie from theirs
    (a heading or prose under the table, not its next row). A table with too few rules of
    its own (the rest of one at a page top) is measured by the page's (`page_depth`)."""
    # each rule between lines: how far under it the next line starts, and that line
    below = [(depth, index) for index, depths in enumerate(_bands(lines, rules)[1], start=1) for depth in depths]
    if not below or len(below) <= settings.min_rules and page_depth is None:
        return len(lines)
    *rows, (last, index) = below
    usual = sorted(gap for gap, _ in rows)[len(rows) // 2] if len(below) > settings.min_rules else page_depth
    return index if last > settings.closing_rule_gap * max(usual or 0.0, 1.0) else len(lines)


def carried_run(
    lines: Sequence[PrintedLine], spans: Sequence[Sequence[Span]], carried: Sequence[float], settings: GutterSettings,
) -> tuple[int, bool]:
    """How many lines from the top of the page print inside the carried columns: the rest
    of a table from the page before, even when only one column of it goes on. A line
    crossing an edge (True with the count), or with a gutter inside a column (another
    table), ends them."""
    if not lines:
        return 0, False
    size = _em(lines, range(len(lines)))
    slack = settings.min_gutter * size
    for index, line in enumerate(lines):
        if index and line.top - lines[index - 1].bottom > settings.max_line_gap * size:
            return index, False
        if line.size > settings.heading_size * size or not spans[index]:
            return index, False
        if spans[index][0][0] < carried[0] - slack or spans[index][-1][1] > carried[-1] + slack:
            return index, True
        if _crosses(spans[index], carried):
            return index, True  # before the test below: a value a little wider than its column there splits it too
        if _splits_column(spans[index], carried, slack):
            return index, False
    return len(lines), False


def _lone_value(spans: Sequence[Span], carried: Sequence[float]) -> bool:
    """One stretch of text inside one of the carried columns but the first: the last line of
    a value (an owner's `AH`) that the page break left alone at the page top, with no line
    below it laid out across the columns afresh. A heading there starts at the first column."""
    (a, b), *more = spans
    return not more and len(carried) > 2 and carried[1] <= a and bisect.bisect_right(carried, a) == bisect.bisect_right(carried, b)


def _splits_column(spans: Sequence[Span], xs: Sequence[float], min_gap: float) -> bool:
    """Whether gutter-wide gaps fall inside the columns: the header of a table with other
    columns. One gap after a narrow stretch is a list marker and its hanging text."""
    inside = [
        b - a0 for (a0, b), (a, _) in zip(spans, spans[1:], strict=False)
        if a - b >= min_gap and bisect.bisect_right(xs, b) == bisect.bisect_right(xs, a)
    ]
    return len(inside) >= 2 or any(width >= 2 * min_gap for width in inside)


def _goes_on_below(
    above: tuple[list[int], list[float]], block: list[int], xs: list[float], lines: Sequence[PrintedLine],
    settings: GutterSettings,
) -> bool:
    """Whether `block` is the table above going on with fewer columns: it starts on the line
    after the table's last, no more than twice the blank band that ends a table below it."""
    rows, above_xs = above
    if not rows or block[0] != rows[-1] + 1 or len(xs) >= len(above_xs):
        return False
    gap = lines[block[0]].top - lines[rows[-1]].bottom
    return gap <= 2 * settings.max_line_gap * _em(lines, rows)


def carried_columns(carried: Sequence[float], found: list[float], spans: Sequence[Sequence[Span]]) -> list[float]:
    """The previous table's columns, for a block that continues it.

    When no inked stretch crosses the carried inner edges and the block has no gutter
    they lack, they are kept and the outer edges widen to the block's. Otherwise (the
    table was laid out afresh on this page)
    each of the block's columns is matched to the carried column its text overlaps most,
    in order, and carried columns with no text here become empty slivers in the gutters,
    so the fragment keeps the table's shape.
    """
    inner = list(carried[1:-1])
    crossed = any(_crosses(line, carried) for line in spans)
    if not crossed and all(any(_same_gutter(x, edge, spans) for edge in inner) for x in found[1:-1]):
        return [min(carried[0], found[0]), *inner, max(carried[-1], found[-1])]
    if len(carried) <= len(found):
        return found
    extents = _column_extents(found, spans)
    matched = [_best_overlap(extent, carried) for extent in extents]
    columns = [m for m in matched if m is not None]
    if len(columns) < len(matched) or any(b <= a for a, b in zip(columns, columns[1:], strict=False)):
        return found
    return _with_slivers(found, columns, len(carried) - 1)


def _empty_columns(xs: Sequence[float], spans: Sequence[Sequence[Span]]) -> int:
    """How many of the columns no line of the block prints into."""
    used = set().union(*(_columns(line, xs) for line in spans))
    return len(xs) - 1 - len(used)


def _same_gutter(x: float, edge: float, spans: Sequence[Sequence[Span]]) -> bool:
    """Whether no ink lies between two edges: they split the same two columns."""
    low, high = min(x, edge), max(x, edge)
    return not any(a < high and b > low for line in spans for a, b in line)


def _column_extents(xs: Sequence[float], spans: Sequence[Sequence[Span]]) -> list[Span]:
    """Each column's inked extent (its edges where it holds no text)."""
    extents = [[xs[c + 1], xs[c]] for c in range(len(xs) - 1)]
    for line in spans:
        for a, b in line:
            column = column_of((a + b) / 2, xs)
            extents[column][0] = min(extents[column][0], a)
            extents[column][1] = max(extents[column][1], b)
    return [(a, b) if a < b else (xs[c], xs[c + 1]) for c, (a, b) in enumerate(extents)]


def _best_overlap(extent: Span, xs: Sequence[float]) -> int | None:
    overlaps = [min(extent[1], xs[c + 1]) - max(extent[0], xs[c]) for c in range(len(xs) - 1)]
    best = max(range(len(overlaps)), key=overlaps.__getitem__)
    return best if overlaps[best] > 0 else None


def _with_slivers(found: Sequence[float], matched: Sequence[int], width: int, sliver: float = 0.5) -> list[float]:
    """Edges for `width` columns: found column i becomes column matched[i], and each column
    with no text becomes an empty sliver at the found edge where it belongs (in the gutter)."""
    count = len(found) - 1
    slivers = [0] * (count + 1)  # empty columns to set at each found edge
    previous = -1
    for i, target in enumerate(matched):
        slivers[i] += target - previous - 1
        previous = target
    slivers[count] += width - 1 - previous
    edges: list[float] = []
    for index, x in enumerate(found):
        k = slivers[index]
        start = x - k * sliver if index == 0 else x if index == count else x - k * sliver / 2
        edges.extend(start + m * sliver for m in range(k + 1))
    return edges


def line_spans(line: PrintedLine, settings: GutterSettings) -> list[Span]:
    """A line's inked stretches: glyphs joined across gaps narrower than join_gap ems."""
    spans: list[list[float]] = []
    for char in line.chars:
        if char["text"].isspace():
            continue
        if spans and char["x0"] - spans[-1][1] <= settings.join_gap * char["size"]:
            spans[-1][1] = max(spans[-1][1], char["x1"])
        else:
            spans.append([char["x0"], char["x1"]])
    return [(a, b) for a, b in spans]


def block_gutters(block: Sequence[Sequence[Span]], min_width: float) -> list[Span]:
    """Strips at least min_width wide, inside the block's extent, that no line prints into."""
    return _gaps(_merge([], [span for spans in block for span in spans]), min_width)


def _gaps(merged: Sequence[Span], min_width: float) -> list[Span]:
    """The gaps at least min_width wide between sorted, non-overlapping stretches."""
    return [(a[1], b[0]) for a, b in zip(merged, merged[1:], strict=False) if b[0] - a[1] >= min_width]


def table_blocks(
    lines: Sequence[PrintedLine], spans: Sequence[Sequence[Span]], settings: GutterSettings,
    top_rows: int | None = None,
) -> list[tuple[int, int]]:
    """First and last line index of each run of lines that keeps its gutters open.

    A block starts at a line with a gutter of its own and takes the lines below while
    every gutter it has stays open (a line may narrow one, or split a blank column in
    two); then it takes the lines above it that keep them open too (a row continued from
    the page before). A line that closes a gutter, a larger-type line or a tall blank band
    ends it.
    """
    blocks: list[tuple[int, int]] = []
    taken = 0  # lines above this belong to an earlier block
    index = 0
    while index < len(lines):
        ink = _Ink(spans[index], lines[index].size)
        if not ink.gutters(settings.min_gutter):
            index += 1
            continue
        first = last = index
        while last + 1 < len(lines) and ink.kept_open(spans[last + 1], lines[last + 1], lines[last], settings):
            last += 1
            ink.add(spans[last], lines[last].size)
        while first - 1 >= taken and ink.kept_open(spans[first - 1], lines[first - 1], lines[first], settings):
            first -= 1
            ink.add(spans[first], lines[first].size)
        multi = [i for i in range(first, last + 1) if len(spans[i]) >= 2]
        enough = len(multi) >= settings.min_rows
        if (not enough and top_rows is not None and first <= settings.max_lines_above_carried and last > first
                and len(multi) >= top_rows):
            # a block of two lines or more opening the page, with `top_rows` lines in columns:
            # it ends with the wrapped lines of its row, before a paragraph's gap
            end = multi[-1]
            while end < last and lines[end + 1].top - lines[end].bottom <= settings.wrap_gap * lines[end].size:
                end += 1
            last, enough = end, end > first
        if enough:
            blocks.append((first, last))
            taken = last + 1
        index = last + 1
    return blocks


class _Ink:
    """A growing block's inked stretches merged into one sorted list (its gutters are the
    gaps), and its type sizes: each line added costs the number of columns, not the block."""

    def __init__(self, spans: Sequence[Span], size: float) -> None:
        self.merged: list[Span] = _merge([], spans)
        self.sizes: Counter[float] = Counter([round(size, 1)])

    def add(self, spans: Sequence[Span], size: float) -> None:
        self.merged = _merge(self.merged, spans)
        self.sizes[round(size, 1)] += 1

    def em(self) -> float:
        return self.sizes.most_common(1)[0][0]

    def gutters(self, min_gutter: float, more: Sequence[Span] = ()) -> list[Span]:
        return _gaps(_merge(self.merged, more) if more else self.merged, min_gutter * self.em())

    def kept_open(self, spans: Sequence[Span], line: PrintedLine, neighbour: PrintedLine, settings: GutterSettings) -> bool:
        """Whether `line` (just above or below the block, next to `neighbour`) leaves its gutters open."""
        size = self.em()
        gap = max(line.top - neighbour.bottom, neighbour.top - line.bottom)
        if gap > settings.max_line_gap * size or line.size > settings.heading_size * size:
            return False
        after = self.gutters(settings.min_gutter, spans)
        return all(any(a < g1 and g0 < b for g0, g1 in after) for a, b in self.gutters(settings.min_gutter))


def _merge(merged: Sequence[Span], spans: Sequence[Span]) -> list[Span]:
    """Sorted, non-overlapping stretches covering both lists."""
    out: list[list[float]] = []
    for a, b in sorted([*merged, *spans]):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def split_rows(
    lines: Sequence[PrintedLine], spans: Sequence[Sequence[Span]], xs: Sequence[float], settings: GutterSettings,
    page_gap: float = float("inf"), rules: Sequence[float] = (), page_row_band: float | None = None,
    spacing_before: float | None = None,
) -> tuple[list[list[PrintedLine]], float | None]:
    """The block's lines grouped into table rows (see the module docstring), and the blank
    band that started rows printing into several columns (0.0 when the block was set solid,
    None when it showed no such start).

    A blank band across the table taller than the line gap starts a row when the line
    below prints into the first column or into two columns and the band is not much
    shorter than those rows' usual spacing (paragraphs of a wide first column are spaced
    less); a line printing into one other column needs a band about as tall as that.
    A rule across the band (`rules`: heights of rules across the table) starts a row;
    where rules cross the table, a band with no rule must be about as tall as theirs.
    A block with no rule inside but framed by rules above and below (the rest of a row at
    a page top) measures its bands by the page's other ruled rows (`page_row_band`).
    A block going on from a table that started its rows at blank bands (`spacing_before`) is
    not set solid: showing no such band it is the rest of one row, however its cell's lines
    fall, and where no row opens plainly, a line in one column opens one after a band about
    as tall as those.
    """
    columns = [_columns(printed, xs) for printed in spans]
    bands, under = _bands(lines, rules)
    ruled = [bool(depths) for depths in under]
    gaps = _column_gaps(lines, xs)
    extra = settings.row_gap_extra * _em(lines, range(len(lines)))
    line_gap = _smallest_common(gaps)
    if len(gaps) < settings.few_gaps:
        line_gap = min(line_gap, page_gap)  # too few lines to tell wrapped lines from rows: the page's own
    opens_row = [0 in columns[i + 1] or len(columns[i + 1]) >= 2 for i in range(len(bands))]
    row_bands = sorted(band for band, opens in zip(bands, opens_row, strict=True) if opens and band > line_gap + extra)
    if row_bands:  # learn the row spacing from the rows that plainly start
        one_column_row = settings.row_band_share * row_bands[len(row_bands) // 2]
    elif spacing_before:
        one_column_row = settings.row_band_share * spacing_before
    else:
        one_column_row = _smallest_common([gap for gap in gaps if gap > line_gap + extra], widest=False) + extra
    spaced = [
        band > line_gap + extra and (opens and band >= settings.opening_band_share * one_column_row
                                     or band >= one_column_row)
        for band, opens in zip(bands, opens_row, strict=True)
    ]
    prose_width = settings.prose_column * _em(lines, range(len(lines)))
    # the rows that start printing into several columns at once show the table's row spacing;
    # a band above one column's line may be a paragraph gap, or prose below the table
    opened = sorted(band for band, new, cols in zip(bands, spaced, columns[1:], strict=True) if new and len(cols) >= 2)
    spacing = opened[len(opened) // 2] if opened else None
    if not any(spaced) and not spacing_before:
        spaced = solid_row_starts(lines, spans, xs, line_gap + extra, prose_width)
        spacing = 0.0 if any(spaced) else None
    elif any(spaced):
        _split_solid_runs(spaced, lines, spans, columns, bands, xs, line_gap + extra, prose_width)
    ruled_bands = [band for band, rule in zip(bands, ruled, strict=True) if rule][1:]
    if not any(ruled) and page_row_band is not None and _framed(lines, rules, settings):
        ruled_bands = [page_row_band]
    if ruled_bands:
        # ruled between rows: a blank band narrower than any the rules cross lies inside a
        # row (paragraphs of a cell, a sub-heading); one as wide may still start a row the
        # rules leave open (prose below the table, a new header, rows of a table that only
        # rules its sections). The first rule is left out: under a header it shows the
        # header's spacing, not the rows'.
        least = settings.ruled_band_share * min(ruled_bands)
        spaced = [new and band >= least for new, band in zip(spaced, bands, strict=True)]
    if any(ruled):
        # above a block's first rule lies one row (a header, or the rest of a row from the
        # page before): its paragraphs are spaced less than the rule's band
        first = ruled.index(True)
        above = settings.ruled_band_share * bands[first]
        spaced = [new and (i >= first or band >= above) for i, (new, band) in enumerate(zip(spaced, bands, strict=True))]
    return _grouped(lines, [a or b for a, b in zip(spaced, ruled, strict=True)]), spacing


def _framed(lines: Sequence[PrintedLine], rules: Sequence[float], settings: GutterSettings) -> bool:
    """Whether rules cross the table close above its first line and close below its last."""
    reach = settings.max_line_gap * _em(lines, range(len(lines)))
    bottom = max(line.bottom for line in lines)
    return (any(lines[0].top - reach <= y <= lines[0].top + 1.0 for y in rules)
            and any(bottom - 1.0 <= y <= bottom + reach for y in rules))


def _grouped(lines: Sequence[PrintedLine], starts: Sequence[bool]) -> list[list[PrintedLine]]:
    """Lines into rows: `starts[i]` says whether line i + 1 starts one."""
    rows: list[list[PrintedLine]] = [[lines[0]]]
    for line, new_row in zip(lines[1:], starts, strict=True):
        if new_row:
            rows.append([line])
        else:
            rows[-1].append(line)
    return rows


def _column_texts(lines: Sequence[PrintedLine], xs: Sequence[float]) -> list[list[ColumnText | None]]:
    """Each line's text in each column (the first column reaching out to the left)."""
    edges = [float("-inf"), *xs[1:]]
    return [[_column_text(line, edges[c], edges[c + 1]) for c in range(len(xs) - 1)] for line in lines]


def _column_rights(texts: Sequence[Sequence[ColumnText | None]]) -> list[float]:
    """How far right each column prints (0 where it prints nothing): about its width."""
    return [max((row[c].right for row in texts if row[c] is not None), default=0.0) for c in range(len(texts[0]))]


def _split_solid_runs(
    spaced: list[bool], lines: Sequence[PrintedLine], spans: Sequence[Sequence[Span]], columns: Sequence[set[int]],
    bands: Sequence[float], xs: Sequence[float], wrap_gap: float, prose_width: float,
) -> None:
    """Cut the runs of lines between row starts that are set without row spacing, where
    rows are spaced like a cell's wrapped lines, so their spacing was taken for the line gap.

    A run whose every line prints into the first column and a narrow one (names, dates,
    counts) is cut as a block without row spacing is. In any other run set solid, a row
    starts where first-column text begins after a line that ended early just as a narrow
    column begins a value after a line it left blank: cells are set from the top of their
    row. (Lines printing into two prose columns are one row wrapping in both; a narrow
    column's stacked values run on line after line.)"""
    texts = _column_texts(lines, xs)
    rights = _column_rights(texts)  # how wide each column prints over the whole block, not a run
    narrow = [c for c in range(1, len(xs) - 1) if not _is_prose(texts, rights, c, prose_width)]
    starts = [0, *(i + 1 for i, new in enumerate(spaced) if new), len(lines)]
    for a, b in zip(starts, starts[1:], strict=False):
        if b - a < 2 or any(band > wrap_gap for band in bands[a:b - 1]):
            continue
        if all(0 in columns[i] and columns[i] & set(narrow) for i in range(a, b)):
            spaced[a:b - 1] = solid_row_starts(lines[a:b], spans[a:b], xs, wrap_gap, prose_width, every_line=False,
                                               rights=rights, texts=texts[a:b])
            continue
        wraps = _wrapped_tops(texts[a:b], rights, wrap_gap, prose_width)
        for i in range(a + 1, b):
            here, above = texts[i][0], texts[i - 1][0]
            if (here is not None and _ended_early(above, here, rights[0])
                    and any(texts[i][c] is not None and texts[i - 1][c] is None for c in narrow)
                    and not _wrapped_across(here.top, wraps)):
                spaced[i - 1] = True


def column_of(x: float, xs: Sequence[float]) -> int:
    """The column holding x (the nearest end column when x lies outside the edges)."""
    return min(max(bisect.bisect_right(xs, x) - 1, 0), len(xs) - 2)


def _columns(spans: Sequence[Span], xs: Sequence[float]) -> set[int]:
    """Indexes of the columns a line prints into."""
    return {column_of((a + b) / 2, xs) for a, b in spans}


def solid_row_starts(
    lines: Sequence[PrintedLine], spans: Sequence[Sequence[Span]], xs: Sequence[float], wrap_gap: float,
    prose_width: float = 0.0, every_line: bool = True, rights: Sequence[float] | None = None,
    texts: Sequence[Sequence[ColumnText | None]] | None = None,
) -> list[bool]:
    """Row starts (for lines 1..) in a block with no row spacing: where first-column text
    begins after a line that ended early (its next word would have fitted), since a full
    line wraps on into the same cell. Without row spacing that is all the page shows.

    A row starts only where no other prose column (`prose_width` wide) wraps across it
    either: a page holding one tall row of stacked items has short first-column lines too,
    and only the columns beside them show the items are still one row. For the same reason
    a bullet after a bullet in the first column goes on the list unless another column
    starts a plain value beside it. `rights` and `texts` (of these lines) may come from the
    caller, which has them already.
    """
    if texts is None:
        texts = _column_texts(lines, xs)
    first = [row[0] for row in texts]
    if every_line and all(text is not None for text in first) and all(len(_columns(printed, xs)) >= 2 for printed in spans):
        # every line a full row (a list of one-line rows), unless a value above stops mid-way
        # and the same column goes on below it: `Respon-` over `sible` in a two-line header
        return [not any(above is not None and below is not None and STOPS_MID_WAY.search(above.text)
                        for above, below in zip(texts[i - 1], texts[i], strict=True)) for i in range(1, len(lines))]
    if rights is None:
        rights = _column_rights(texts)
    right = rights[0] or xs[1]
    wraps = _wrapped_tops(texts, rights, wrap_gap, prose_width)
    starts: list[bool] = []
    listed = first[0] is not None and first[0].bulleted
    for i, (above, here) in enumerate(zip(first, first[1:], strict=False), start=1):
        if here is None:
            starts.append(False)
            continue
        start = _ended_early(above, here, right) and not _wrapped_across(here.top, wraps)
        if start and here.bulleted and listed and not _starts_value(texts, rights, i):
            start = False
        starts.append(start)
        listed = here.bulleted or (listed and not start)
    return starts


STOPS_MID_WAY = re.compile(
    r"(?:[/&,+-]|\band|\bof)$|^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?$", re.I)
BULLETS = frozenset("•·▪◦‣-–*")  # and "(cid:N)": a symbol-font bullet pdfminer cannot name


def _starts_value(texts: Sequence[Sequence[ColumnText | None]], rights: Sequence[float], i: int) -> bool:
    """Whether a column other than the first starts a plain value on line i (not a wrapped
    line, not a list item)."""
    for c in range(1, len(rights)):
        here = texts[i][c]
        if here is None or here.bulleted:
            continue
        above = next((row[c] for row in reversed(texts[:i]) if row[c] is not None), None)
        if _ended_early(above, here, rights[c]):
            return True
    return False


def _wrapped_tops(
    texts: Sequence[Sequence[ColumnText | None]], rights: Sequence[float], wrap_gap: float, prose_width: float,
) -> list[Span]:
    """(top of the line above, top of the line below) of every place a prose column other
    than the first wraps a full line on into the next (the next word would not have fitted,
    no bullet, no paragraph gap)."""
    wraps: list[Span] = []
    for c in range(1, len(rights)):
        found = [row[c] for row in texts if row[c] is not None]
        if not found:
            continue
        prose = _is_prose(texts, rights, c, prose_width)
        for above, here in zip(found, found[1:], strict=False):
            if here.top - above.bottom > wrap_gap or here.bulleted:
                continue
            if prose and above.right + here.first_word >= rights[c] or not prose and STOPS_MID_WAY.search(above.text):
                wraps.append((above.top, here.top))
    return wraps


def _is_prose(texts: Sequence[Sequence[ColumnText | None]], rights: Sequence[float], c: int, width: float) -> bool:
    """Whether column c's lines run `width` wide or more: prose, not names or dates."""
    lefts = [row[c].left for row in texts if row[c] is not None]
    return bool(lefts) and rights[c] - min(lefts) >= width


def _ended_early(above: ColumnText | None, here: ColumnText, right: float) -> bool:
    """Whether the line above stopped short of `right` with room for this line's first word
    (or there was none): a full line wraps on into the same cell."""
    return above is None or above.right + here.first_word < right


def _wrapped_across(top: float, wraps: Sequence[Span]) -> bool:
    """Whether a line starting at `top` would cut a wrapped cell line from its continuation."""
    return any(above + 1.0 < top <= below + 1.0 for above, below in wraps)


class ColumnText(NamedTuple):
    """A printed line's text between two column edges."""

    left: float
    right: float
    first_word: float  # width of the first word plus a space
    bulleted: bool  # starts with a list bullet
    top: float
    bottom: float
    text: str


def _column_text(line: PrintedLine, lo: float, hi: float) -> ColumnText | None:
    glyphs = [c for c in line.chars if lo <= (c["x0"] + c["x1"]) / 2 < hi]
    inked = [c for c in glyphs if not c["text"].isspace()]
    if not inked:
        return None
    word_end = inked[0]["x1"]
    for before, char in zip(inked, inked[1:], strict=False):
        if char["x0"] - before["x1"] > 0.15 * char["size"]:
            break
        word_end = char["x1"]
    space = 0.3 * inked[0]["size"]
    return ColumnText(
        inked[0]["x0"], inked[-1]["x1"], word_end - inked[0]["x0"] + space, inked[0]["text"] in BULLETS or inked[0]["text"].startswith("(cid:"),
        min(c["top"] for c in inked), max(c["bottom"] for c in inked), "".join(c["text"] for c in glyphs).strip(),
    )


def _column_gaps(lines: Sequence[PrintedLine], xs: Sequence[float]) -> list[float]:
    """Gaps between consecutive lines of each column: wrapped lines, paragraphs and rows.

    Measured on each column's own glyphs: a printed line of the page may hold lines of
    several columns whose baselines differ a little.
    """
    last: dict[int, float] = {}  # column -> bottom of its last line
    gaps: list[float] = []
    for line in lines:
        bands: dict[int, list[float]] = {}
        for char in line.chars:
            if char["text"].isspace():
                continue
            column = column_of((char["x0"] + char["x1"]) / 2, xs)
            band = bands.setdefault(column, [char["top"], char["bottom"]])
            band[0] = min(band[0], char["top"])
            band[1] = max(band[1], char["bottom"])
        for column, (top, bottom) in bands.items():
            if column in last and top - last[column] >= 0:
                gaps.append(top - last[column])
            last[column] = bottom
    return gaps


def _smallest_common(gaps: Sequence[float], spread: float = 1.0, widest: bool = True) -> float:
    """The smallest gap that is common, not the commonest: in a table of one-line cells
    the commonest gap between a column's lines is the row spacing itself. Gaps within
    `spread` points of each other count as one (lines set on a pitch that is not a whole
    number of points alternate between two gaps); the largest of them is returned, or
    the smallest unless `widest`."""
    ordered = sorted(gaps)
    if not ordered:
        return float("inf")
    common = max(2, len(ordered) // 10)
    for i, gap in enumerate(ordered):
        end = bisect.bisect_right(ordered, gap + spread)
        if end - i >= common:
            return ordered[end - 1] if widest else gap
    return ordered[0]


def _em(lines: Sequence[PrintedLine], block: Sequence[int]) -> float:
    """The block's commonest text size."""
    sizes = Counter(round(lines[i].size, 1) for i in block)
    return sizes.most_common(1)[0][0] if sizes else 10.0
