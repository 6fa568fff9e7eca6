"""Document blocks -> logical action tables.

Finds action tables by their header, drops header rows repeated after page breaks,
and carries a table on across page-break fragments (the header may or may not be
repeated). Knows nothing of PDFs or HTML: only the intermediate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from plantrack.extract.columns import ColumnMap, is_header_continuation, map_header, merge_header_rows
from plantrack.extract.document import Cell, Document, Heading, Paragraph, Prose, Row, Run, Table
from plantrack.extract.numbering import priority_code
from plantrack.extract.placement import header_fit


@dataclass
class TableRow:
    row: Row
    after_break: bool  # first row of a fragment that follows a page break
    fragment: int = 0  # which of the document's tables (one per page fragment) the row came from
    columns_inferred: bool = False  # that table's columns were set from whitespace alone
    headed: bool = False  # ...and the page printed the header's labels in them (a header above it in its fragment)


@dataclass
class ActionTable:
    columns: ColumnMap
    plan_title: str
    rows: list[TableRow] = field(default_factory=list)
    header_inferred: bool = False  # header borrowed from another action table the rows fit

    def fragments(self) -> dict[int, list[TableRow]]:
        """The rows by the page fragment (the reader's table) they came from, in order."""
        groups: dict[int, list[TableRow]] = {}
        for trow in self.rows:
            groups.setdefault(trow.fragment, []).append(trow)
        return groups

    @property
    def kind(self) -> str:
        return "progress" if self.columns.is_progress else "plan"


@dataclass
class TableScan:
    tables_found: int
    action_tables: list[ActionTable]


WORD = re.compile(r"\w+")
LONE_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2})+\.?")
NUMBERED_TEXT = re.compile(r"(?:^|\s)\d{1,2}\.\d{1,2}(?:\.\d{1,2})*\.?\s+[A-Z]")
PLAN_WORDS = re.compile(r"\b(plan|programme|strategy)\b", re.I)


SECTION_HEADING = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})?\.?\s+(?=[A-Za-z])")


def plan_title_from(text: str, current: str, strict: bool = False) -> str:
    """A heading names the plan when it says `Plan` (or `Programme`), or is a numbered section (`5.1 People`)."""
    text = " ".join(text.replace("*", "").split())
    if not text or len(text) > 100:
        return current
    if PLAN_WORDS.search(text) or (not strict and SECTION_HEADING.match(text)):
        return SECTION_HEADING.sub("", text).strip() or current
    return current


def header_at(rows: list[Row], i: int) -> tuple[ColumnMap | None, int]:
    """The header starting at rows[i] (one row, or two when the second adds Initial/Previous/Current)."""
    texts = rows[i].texts
    cmap = map_header(texts)
    if i + 1 < len(rows) and is_header_continuation(rows[i + 1].texts):
        merged = map_header(merge_header_rows(texts, rows[i + 1].texts))
        if merged is not None:
            return merged, 2
    if cmap is not None and "rag_2" in cmap.roles:
        return cmap, 1
    return cmap, 1


def same_header(a: ColumnMap, b: ColumnMap) -> bool:
    return a.roles == b.roles and a.width == b.width


def find_action_tables(doc: Document) -> TableScan:
    plan_title = ""
    current: ActionTable | None = None
    out: list[ActionTable] = []
    orphans: list[tuple[ActionTable, int]] = []  # tables whose header is missing, resolved afterwards
    other_width = 0  # width of the last non-action table, whose next pages are skipped too
    found = 0
    blocks = doc.blocks
    follows_table = False  # the block before was a table: nothing printed between them
    for block in blocks:
        after_table, follows_table = follows_table, isinstance(block, Table)
        if isinstance(block, Heading):
            title = plan_title_from(block.text, plan_title)
            if title != plan_title:
                current = None  # a new plan starts: its tables are not the previous plan's pages
            plan_title = title
            continue
        if isinstance(block, Prose):
            # a short title-like line (`Practice Improvement Plan`) in a pack without headings
            if (len(block.text) <= 60 and block.text[:1].isupper() and re.search(r"\bPlan\b", block.text)
                    and not block.text.rstrip().endswith((".", ":", ";"))):
                plan_title = plan_title_from(block.text, plan_title, strict=True)
            continue
        table: Table = block
        found += 1
        rows = table.rows
        width = max((len(r.cells) for r in rows), default=0)
        first = first_full_row(rows)
        if first is not None and table.columns_inferred and header_at(rows, first)[0] is None:
            known = current.columns if current is not None else None
            rows = [*rows[:first], *header_over_row(rows[first], known), *rows[first + 1:]]
        action_header = first is not None and header_at(rows, first)[0] is not None
        continues = current is not None and (
            block.after_page_break
            # a headerless table straight below an action table of its width: the same table,
            # cut in two where whitespace alone could not show it went on (unruled pages; there
            # a part may also be narrower, its empty columns gone)
            or after_table and not action_header and bool(current.columns.roles)
            and (abs(width - current.columns.width) <= 1
                 or block.columns_inferred and width < current.columns.width)
        )
        if continues and current.header_inferred and not current.columns.roles and current.rows:
            # an unresolved headerless table only continues into a fragment no wider than its own
            # (a page laid out afresh may have lost empty columns; the header placed below decides)
            continues = width <= max(len(r.row.cells) for r in current.rows) + 1
        own_header = first is not None and looks_like_header(rows[first])
        if continues and not action_header and own_header:
            continues = False  # a table with a header of its own (a key, targets) after the break
        if not continues:
            current = None
        if (current is None and other_width and block.after_page_break and abs(width - other_width) <= 1
                and not action_header):
            continue  # the next page of a table that is not an action table (targets, KPIs, a key)
        other_width = 0
        if current is None and not action_header and own_header:
            other_width = width  # a table with a header of its own that is not an action header
            continue
        i = 0
        first_data = True  # the first row under any repeated header is where the page broke
        # the page printed the header's labels in the fragment's columns: whitespace found them
        # right, so the rows below are not placed again by what they hold
        headed = False
        while i < len(rows):
            cmap, used = header_at(rows, i)
            if cmap is not None:
                if current is not None and same_header(current.columns, cmap):
                    headed = headed or used == 1 and is_labels(rows[i], current.columns)
                    rest = strip_header_lines(rows[i], current.columns) if used == 1 else None
                    action = current.columns.col("action")
                    if rest is not None and action is not None and action < len(rest.cells) \
                            and not rest.cells[action].is_empty:
                        # the header repeated over an action's text carried on from the page
                        # before, set so close that the reader gave them one row: the text goes
                        # on (words left over beside it only are a label the header before lost)
                        rows = [*rows[:i], rest, *rows[i + 1:]]
                        continue
                    i += used  # header repeated after a page break
                    continue
                current = ActionTable(columns=cmap, plan_title=plan_title)
                out.append(current)
                i += used
                continue
            # within a table only whitespace can have set prose among its rows (unruled)
            lead_in = lead_in_rows(rows, i) if i <= (first or 0) or table.columns_inferred else 0
            if lead_in:
                i += lead_in
                continue
            if table.columns_inferred and i > 0 and is_section_row(rows[i - 1]):
                split = header_over_row(rows[i], current.columns if current is not None else None)
                if len(split) == 2:
                    # an area's own header, set so close over its first row under the area's
                    # name that the reader could not cut them apart (a tight unruled table)
                    rows = [*rows[:i], *split, *rows[i + 1:]]
                    continue
            if current is not None and i == 0 and block.after_page_break:
                stripped = strip_header_lines(rows[0], current.columns)
                if stripped is not None:
                    # the header repeated over the page's first row, set so close that the
                    # reader could not cut them apart (an unruled, tightly set table)
                    rows = [stripped, *rows[1:]]
                    if stripped.is_empty:
                        i += 1
                        continue
            if current is None:
                if i == 0:
                    # a table whose header is not in the pack (on a missing page, or an image):
                    # resolved below from the pack's other action tables, if its shape fits one
                    current = ActionTable(columns=ColumnMap({}, 0, ()), plan_title=plan_title, header_inferred=True)
                    orphans.append((current, len(out)))
                    out.append(current)
                else:
                    i += 1
                    continue
            current.rows.append(TableRow(row=rows[i], after_break=first_data and block.after_page_break,
                                        fragment=found, columns_inferred=block.columns_inferred,
                                        headed=headed))
            first_data = False
            i += 1
    for orphan, index in orphans:
        resolve_orphan(orphan, [t for t in out[:index] if not t.header_inferred][::-1]
                       + [t for t in out[index + 1:] if not t.header_inferred])
    action_tables = [t for t in out if t.columns.roles and t.rows]
    return TableScan(tables_found=found, action_tables=action_tables)


def lead_in_rows(rows: list[Row], start: int, most: int = 3) -> int:
    """How many rows from `start` are lines of text set into one cell just above an action
    header: the prose introducing the table below (`2.7 The following action remains
    Amber.`), which a page without rules cannot show apart from the table. 0 when no
    header follows within `most` rows, or a row fills more than one cell (data) or names a
    section (`Priority 2`)."""
    for k in range(start, min(start + most, len(rows) - 1)):
        if _filled(rows[k]) > 1 or is_section_row(rows[k]):
            return 0
        if _filled(rows[k + 1]) > 1 and header_at(rows, k + 1)[0] is not None:
            return k + 1 - start
    return 0


def is_section_row(row: Row) -> bool:
    """A row naming a priority, aim or area (`Priority 2 ...`)."""
    return priority_code(next((t for t in row.texts if t.strip()), "")) is not None


def _filled(row: Row) -> int:
    """How many of the row's cells hold text."""
    return sum(1 for c in row.cells if not c.is_empty)


def header_over_row(row: Row, known: ColumnMap | None = None) -> list[Row]:
    """An action header set so close over the first row of an unruled table that the
    reader could not cut them apart, as two rows: the header and the row without it.
    The `known` header of the table before is cut off whole (labels wrapped and all);
    else each cell's first printed line is tried as a header, then its first paragraph (a
    label wrapped over two lines, set a paragraph apart from the row's text). The row alone
    when none is."""
    if known is not None and (rest := strip_header_lines(row, known)) is not None:
        heads = list(known.header_texts)
    else:
        lines = [c.paragraphs[0].layout_lines[0] if c.paragraphs and c.paragraphs[0].layout_lines else ""
                 for c in row.cells]
        paragraphs = [c.paragraphs[0].text if c.paragraphs else "" for c in row.cells]
        for heads in (lines, paragraphs):
            columns = map_header(heads)
            rest = strip_header_lines(row, columns) if columns is not None else None
            if rest is not None:
                break
        else:
            return [row]
    header = Row(cells=[Cell(paragraphs=[Paragraph(runs=[Run(text=h)])] if h else []) for h in heads],
                 line=row.line, page=row.page)
    return [header, rest]


def strip_header_lines(row: Row, columns: ColumnMap) -> Row | None:
    """The row without the header printed at the head of its cells; None unless every
    labelled header cell begins its cell (and one is more than its label)."""
    labels = [" ".join(t.split()) for t in columns.header_texts]
    if len(row.cells) != len(labels) or sum(1 for t in labels if t) < 2:
        return None
    cells: list[Cell] = []
    longer = False
    for cell, label in zip(row.cells, labels, strict=True):
        if not label:
            cells.append(cell)
            continue
        words = cell.text.split()
        count = label_words(words, label)
        if count is None:
            return None
        longer = longer or count < len(words)
        cells.append(drop_words(cell, count))
    if not longer:
        return None
    rest = Row(cells=cells, line=row.line, page=row.page)
    # the header printed twice over (repeated, and the pack's own header row)
    again = strip_header_lines(rest, columns)
    if again is not None:
        return again
    if is_labels(rest, columns):
        return Row(cells=[Cell(paragraphs=[]) for _ in rest.cells], line=row.line, page=row.page)
    return rest


def is_labels(row: Row, columns: ColumnMap) -> bool:
    """Whether the row prints the header's labels and nothing else, each in its own column."""
    labels = columns.header_texts
    return len(row.cells) == len(labels) and all(
        label_words(c.text.split(), label) == len(c.text.split()) if label.strip() else c.is_empty
        for c, label in zip(row.cells, labels, strict=True))


def label_words(words: list[str], label: str) -> int | None:
    """How many of the words at the head of a cell spell the label, case and punctuation
    aside (a pack may print `Objectives/ what needs to improve` over one page and
    `Objectives what needs to improve` over the next); None when they do not."""
    if words[:len(label.split())] == label.split():
        return len(label.split())
    want = WORD.findall(label.lower())
    got: list[str] = []
    for count, word in enumerate(words, 1):
        got += WORD.findall(word.lower())
        if got == want:
            return count
        if len(got) >= len(want) or got != want[:len(got)]:
            return None
    return None


def drop_words(cell: Cell, count: int) -> Cell:
    """The cell without its first `count` words (its paragraphs' runs and printed lines cut to match)."""
    paragraphs: list[Paragraph] = []
    for p in cell.paragraphs:
        words = len(p.text.split())
        if count >= words:
            count -= words
            continue
        if count == 0:
            paragraphs.append(p)
            continue
        runs: list[Run] = []
        left = count
        for run in p.runs:
            if left <= 0:
                runs.append(run)
                continue
            pieces = run.text.split()
            if len(pieces) <= left:
                left -= len(pieces)
                continue
            rest = run.text.lstrip().split(None, left)[-1]
            runs.append(replace(run, text=rest))
            left = 0
        lines: list[str] = []
        left = count
        for line in p.layout_lines:
            pieces = line.split()
            if len(pieces) <= left:
                left -= len(pieces)
                continue
            lines.append(" ".join(pieces[left:]))
            left = 0
        paragraphs.append(replace(p, runs=runs, layout_lines=tuple(lines), _text=None))
        count = 0
    return Cell(paragraphs=paragraphs, bbox=cell.bbox, fill=cell.fill)


def looks_like_header(row: Row) -> bool:
    """A row of short bold labels (`Targets | 2012 % | 2013 %`): some table's header, if not an action table's."""
    texts = [t.strip() for t in row.texts if t.strip()]
    if len(texts) < 2 or any(len(t) > 40 or NUMBERED_TEXT.search(t) for t in texts):
        return False
    return all(r.bold for c in row.cells for p in c.paragraphs for r in p.runs if r.text.strip())


def first_full_row(rows: list[Row], most: int = 3) -> int | None:
    """The first row filling more than one cell, after at most `most` lines of text set into
    one cell (a lead-in, see `lead_in_rows`); None when there is none so near the top."""
    for i, row in enumerate(rows[:most + 1]):
        if _filled(row) > 1:
            return i
    return None


def _numbered(row: Row) -> bool:
    """A numbered action in the row: in one cell, or its number alone in the first cell with
    the text in the next (`1.2 | Audit the files`)."""
    if any(NUMBERED_TEXT.search(t) for t in row.texts):
        return True
    texts = [t.strip() for t in row.texts if t.strip()]
    return len(texts) >= 2 and LONE_NUMBER.fullmatch(texts[0]) is not None and texts[1][:1].isupper()


def resolve_orphan(
    orphan: ActionTable, candidates: list[ActionTable], margin: float = 2.0, inferred_share: float = 0.15,
) -> None:
    """Borrow a header from the pack's other action tables, if the rows hold numbered actions:
    the nearest of their width that they fit under, else the nearest of those they fit about
    as well as the best."""
    if not orphan.rows:
        return
    numbered = sum(1 for r in orphan.rows if _numbered(r.row))
    if numbered < 1:
        return
    for r in orphan.rows:
        if looks_like_header(r.row):
            return  # a header of its own above its first action: some other kind of table
        if _numbered(r.row):
            break
    # width alone cannot tell: a page laid out afresh may have lost its empty columns
    widths = [len(r.row.cells) for r in orphan.rows]
    groups = [[trow.row for trow in trows] for trows in orphan.fragments().values()]
    # a table whose columns came from whitespace alone may have lost any number of empty
    # columns: its width says little, so it takes the nearest header its rows fit about as
    # well as the best (within a share of the best, as its pages may be many)
    inferred = all(r.columns_inferred for r in orphan.rows)
    chosen = None if inferred else next(
        (cand for cand in candidates if all(abs(w - cand.columns.width) <= 1 for w in widths)
         and header_fit(groups, cand.columns) is not None), None)
    if chosen is None:
        scored = [(fit, cand) for cand in candidates if 2 * max(widths) >= cand.columns.width
                  and (fit := header_fit(groups, cand.columns, lost_cell=1.0)) is not None]
        if not scored:
            return
        best = max(fit for fit, _ in scored)
        slack = max(margin, inferred_share * abs(best)) if inferred else margin
        chosen = next(cand for fit, cand in scored if fit >= best - slack)
    orphan.columns = chosen.columns
    if not orphan.plan_title:
        orphan.plan_title = chosen.plan_title
