"""Logical action tables -> raw action records (values as printed, nothing normalised).

Splits stacked numbered actions, aligns the owners/dates/RAG stacked in sibling cells,
joins rows that a page break split, carries section and plan down. Reader-agnostic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from plantrack.extract.columns import ColumnMap
from plantrack.extract.document import Cell, Paragraph, Row
from plantrack.extract.numbering import parse_number, priority_code, section_code, split_at_bold_numbers
from plantrack.extract.placement import DATEISH, align_cells, number_column, place_fragment, place_row
from plantrack.extract.tables import ActionTable, TableRow
from plantrack.extract.value_split import segment_owners, split_dates, split_owners_run_together

VALUE_ROLES = ("owner", "partners", "due", "rag", "rag_previous", "rag_initial", "measures", "refs")
ALIGNED_ROLES = {"owner": "owner_alignment_guess", "due": "due_alignment_guess", "rag": "rag_alignment_guess",
                 "rag_previous": "rag_alignment_guess", "rag_initial": "rag_alignment_guess"}
# values whose count reading tells for sure (an owner's words may be one name or two)
COUNTED_ROLES = ("due", "rag", "rag_previous", "rag_initial")
ENDS_SENTENCE = re.compile(r"[.!?]\s*$")
ID_CELL = re.compile(r"^\s*\(?\s*((?:NEW\s*)?\d+(?:\.\d+)*)\.?\)?")
INTRO_LINE = re.compile(r"^(actions?|key actions?)\s*:?$", re.I)


@dataclass
class RawRecord:
    plan_title: str
    table_kind: str
    section: str
    line: int | None
    page: int | None
    action_id: str | None = None
    text: str = ""
    refs: list[str] = field(default_factory=list)
    values: dict[str, str] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    confidence: float = 1.0

    def flag(self, name: str, confidence: float) -> None:
        if name not in self.flags:
            self.flags.append(name)
        self.confidence = min(self.confidence, confidence)


@dataclass
class _Item:
    kind: str  # "new" or "cont"
    action_id: str | None
    ref: str
    text: str
    line: int | None
    split_guess: bool = False  # its row's actions were told apart only by where sentences ended at line ends
    # the printed lines its text was read from, paragraph by paragraph (PDF); () when not known
    lines: tuple[tuple[str, ...], ...] = ()
    page: int | None = None  # the page its first line printed on (a row it joins may have begun a page before)

    def extend(self, text: str, lines: tuple[tuple[str, ...], ...]) -> None:
        """Text that goes on the same action (a wrapped paragraph, a run-on after a page break)."""
        self.text = _join(self.text, text)
        self.lines = self.lines + lines if self.lines and lines else ()


def _join(a: str, b: str) -> str:
    return f"{a} {b}".strip() if a and b else (a or b)


def _cell_values(cell: Cell | None) -> list[str]:
    """The values stacked in a cell: its paragraphs, and within them its printed lines."""
    if cell is None:
        return []
    return [line for p in cell.paragraphs for line in p.printed_lines]


def _layout_values(cell: Cell | None) -> tuple[str, ...]:
    """Every line the cell printed, a wrapped value's lines apart (PDF); () where the reader
    kept no layout (a text pack's cells print their values as they are)."""
    if cell is None or not any(p.layout_lines for p in cell.paragraphs):
        return ()
    return tuple(line for p in cell.paragraphs for line in (p.layout_lines or p.printed_lines) if line.strip())


def _action_paragraphs(cell: Cell | None) -> list[Paragraph]:
    if cell is None:
        return []
    out: list[Paragraph] = []
    for p in cell.paragraphs:
        out.extend(split_at_bold_numbers(p))
    return out


def _is_intent(p: Paragraph) -> bool:
    """A bold or italic unnumbered paragraph is the intent the actions serve, not an action."""
    runs = [r for r in p.runs if r.text.strip()]
    return bool(runs) and (all(r.bold for r in runs) or all(r.italic for r in runs))


def _sub_markers(paragraphs: list[Paragraph]) -> set[str]:
    """Dash-marked items beside bullet-marked ones in one cell are sub-bullets (`- places`, under `• Develop`)."""
    markers = {p.marker for p in paragraphs if p.list_item and p.level == 0}
    if len(markers) > 1 and markers & {"-", "–"}:
        return {"-", "–"}
    return set()


def _items(paragraphs: list[Paragraph], numbered: bool, line: int | None, bulleted: bool = False) -> list[_Item]:
    subs = _sub_markers(paragraphs)
    paragraphs = [replace(p, level=p.level + 1) if p.list_item and p.marker in subs else p for p in paragraphs]
    plain = [p for p in paragraphs if not p.list_item and not _is_intent(p)]
    if plain and plain[0] is paragraphs[0] and plain[0].text[:1].islower():
        plain = plain[1:]  # the tail of the action above, continued after a page break
    if bulleted and len(plain) >= 2:
        # a table of bullet actions whose bullets this rendering lost (no glyph, no indent):
        # each plain paragraph is one of them, and the marked items are their sub-bullets
        paragraphs = [replace(p, list_item=True, level=0) if p in plain
                      else replace(p, level=p.level + 1) if p.list_item else p for p in paragraphs]
    has_bullets = not numbered and any(p.list_item and p.level == 0 for p in paragraphs)
    items: list[_Item] = []
    for p in paragraphs:
        text = p.text
        if not text:
            continue
        num = parse_number(p)
        if num is not None and (numbered or num.action_id.count(".") or num.action_id.startswith("NEW")):
            items.append(_Item("new", num.action_id, num.ref, num.text, p.line or line))
            continue
        lines = (p.layout_lines,) if p.layout_lines else ()
        if INTRO_LINE.match(text):
            continue
        if numbered and _is_intent(p) and not p.list_item:
            continue
        if has_bullets:
            # unnumbered table: each top-level bullet is an action; text before the first
            # bullet is the intent they serve, or the tail of the action above (decided later)
            if p.list_item and p.level == 0:
                items.append(_Item("new", None, "", text, p.line or line, lines=lines))
            elif items:
                items[-1].extend(text, lines)
            elif _is_intent(p):
                continue  # the intent the bullets below serve
            else:
                items.append(_Item("intro", None, "", text, p.line or line, lines=lines))
            continue
        if items:
            items[-1].extend(text, lines)
        else:
            items.append(_Item("cont", None, "", text, p.line or line, lines=lines))
    return items


SENTENCE_END = re.compile(r"[.!?][)\"'’”]*$")
SENTENCE_START = re.compile(r"^[\"'‘“(]*[A-Z]")


def _stacked_count(values: dict[str, list[str]], read_apart: bool = False) -> int:
    """How many values the owner and due cells stack, when both (or the one printed) agree; else 0.
    `read_apart` counts values set with no break between them as they read (`SSp/ LS/ CSn JW`,
    `Nov 13 Dec 13`: two each), or as printed when only that way they agree (`LS MB SSu`
    beside `Jan 14`: one owner of three people)."""
    roles = [role for role in ("owner", "due") if values.get(role)]
    counts = {len(_pieces(values[role], role) if read_apart else values[role]) for role in roles}
    if read_apart and len(counts) > 1:
        counts = {len(values[role]) for role in roles}
    return counts.pop() if len(counts) == 1 else 0


def _sentence_breaks(lines: tuple[tuple[str, ...], ...]) -> list[int]:
    """Indexes (into all the lines) of lines inside one paragraph that end a sentence where the
    next opens one: where an unspaced, unmarked list item may end (the PDF shows no other sign
    of it). A paragraph's own end is not one: the reader saw no new item there (a sub-bullet,
    text run on)."""
    breaks: list[int] = []
    first = 0
    for para in lines:
        breaks += [first + i for i in range(len(para) - 1)
                   if SENTENCE_END.search(para[i]) and SENTENCE_START.match(para[i + 1])]
        first += len(para)
    return breaks


def _cut_after_lines(item: _Item, cuts: list[int]) -> list[_Item]:
    """The item cut after the given printed lines; [item] when its text no longer holds them."""
    flat = [(k, line) for k, para in enumerate(item.lines) for line in para]
    starts: list[int] = []
    pos = 0
    for _, line in flat:
        found = item.text.find(line, pos)
        if found < 0:
            return [item]
        starts.append(found)
        pos = found + len(line)
    bounds = [0, *(i + 1 for i in cuts), len(flat)]
    pieces: list[_Item] = []
    for k, (first, last) in enumerate(zip(bounds, bounds[1:], strict=False)):
        end = starts[last] if last < len(starts) else len(item.text)
        text = item.text[starts[first] if k else 0:end].strip()
        lines = tuple(tuple(line for n, line in flat[first:last] if n == para) for para in range(len(item.lines)))
        pieces.append(_Item(item.kind if k == 0 else "new", item.action_id if k == 0 else None, item.ref if k == 0 else "",
                            text, item.line, lines=tuple(para for para in lines if para), page=item.page))
    return pieces


def _split_at_sentence_ends(items: list[_Item], want: int) -> list[_Item]:
    """More stacked owners/dates than actions (`want` actions): look for the missing action
    starts at line ends.

    A PDF that prints list items with no bullet, indent or spacing shows an item's end only
    where its last line stops short; when that line happens to be full, two actions read as
    one. Where the value cells stack at least as many more values as there are sentences
    ending at a full line (the next line capitalised), the actions are cut there. Only by
    reading, so every action of the row is flagged.
    """
    actions = [item for item in items if item.kind != "intro"]  # an intro is the intent, or text run on from above
    need = want - len(actions)
    if need <= 0 or not actions:
        return items
    cuts = {id(item): breaks for item in actions if item.lines for breaks in [_sentence_breaks(item.lines)] if breaks}
    found = sum(len(c) for c in cuts.values())
    if not found or found > need:
        return items  # fewer is fine: the row's last actions may go on past a page break
    again = [piece for item in items for piece in (_cut_after_lines(item, cuts[id(item)]) if id(item) in cuts else [item])]
    if len(again) != len(items) + found:
        return items
    for item in again:
        item.split_guess = True
    return again


def _is_numbered(columns: ColumnMap, rows: list[list[Cell | None]]) -> bool:
    """Do the table's actions carry numbers? Bold heading rows with no owner or date do not count.
    `rows` are the cells as placed under the header."""
    col = columns.col("action")
    id_col = columns.col("id")
    value_cols = [c for r, c in columns.roles.items() if r in ("owner", "due", "rag", "rag_previous")]
    numbered = 0
    for cells in rows:
        id_cell = cells[id_col] if id_col is not None and id_col < len(cells) else None
        if id_cell is not None and ID_CELL.match(id_cell.text):
            numbered += 1
        for cell in cells[col:col + 2] if col is not None else []:
            for p in _action_paragraphs(cell):
                if parse_number(p) is None:
                    continue
                heading = _is_intent(p) and not any(
                    c < len(cells) and cells[c] is not None and not cells[c].is_empty for c in value_cols)
                numbered += not heading
    return numbered >= 2


def _is_bulleted(columns: ColumnMap, rows: list[list[Cell | None]]) -> bool:
    """Do the table's action cells list their actions as bullets (in at least two rows)?"""
    col = columns.col("action")
    if col is None:
        return False
    listed = sum(1 for cells in rows if col < len(cells) and cells[col] is not None
                 and any(p.list_item and p.level == 0 for p in cells[col].paragraphs))
    return listed >= 2


def _runs_on(previous: str, text: str) -> bool:
    """Plainly the same sentence: the previous text is unfinished or this starts in lower case."""
    return bool(previous) and (not ENDS_SENTENCE.search(previous) or text[:1].islower())


@dataclass
class _LogicalRow:
    """One printed row of actions with the rows that continue it.

    `values[role]` holds one entry per stacked value; `value_rows` are the value-only rows
    that followed (one action's values each). A page break that split the text split the
    value cells with it, so their fragments are joined where the first is unfinished.
    """

    items: list[_Item]
    section: str
    page: int | None
    values: dict[str, list[str]] = field(default_factory=dict)
    value_rows: list[dict[str, str]] = field(default_factory=list)
    joined_break: bool = False
    placed: bool = False  # values from a fragment whose columns were placed by what they hold
    line_mode: bool = False  # the table prints one row per line: every row runs on until the next number
    carried_on: bool = False  # new actions of the cell above, after a page break, with no values beside them
    counted: bool = False  # actions joined to the cell above only because its values, read apart, number them all
    # a value cell's printed lines where the reader read some as wrapped: (its values, its lines)
    laid_out: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=dict)

    def take_rest(self, rest: _LogicalRow) -> None:
        """The rest of this row's cell, set as a row of its own: its actions, its value rows
        and any measures beside it go on this one."""
        self.items.extend(rest.items)
        self.value_rows.extend(rest.value_rows)
        self.placed = self.placed or rest.placed
        for role, vals in rest.values.items():
            self.values.setdefault(role, []).extend(vals)


UNFINISHED_VALUE = re.compile(r"(?:[/&,+-]|\b(?:and|of|the|for|from|by|to|until|with))\s*$", re.I)
YEAR_ONLY = re.compile(r"^\s*'?(\d{2}|\d{4})\b")
HAS_YEAR = re.compile(r"\b(?:19|20)\d\d\b|\b\d{1,2}/\d{2,4}\b|[A-Za-z]\s*'?\d{2}\b")
# `Dec 2013 By Mar`: the last date's year went on past the break (a narrow column wraps it)
MONTH_AT_END = re.compile(r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
                          r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s*$", re.I)


def _continue_values(into: list[str], more: list[str], role: str, line_mode: bool) -> None:
    """Append a continuation row's values: joined to the last one where that one is unfinished."""
    more = list(more)
    if not more:
        return
    if into and role == "due" and (not HAS_YEAR.search(into[-1]) or MONTH_AT_END.search(into[-1])):
        m = YEAR_ONLY.match(more[0])
        if m:
            into[-1] = _join(into[-1], m.group(0).strip())
            rest = more[0][m.end():].strip()
            more = ([rest] if rest else []) + more[1:]
    elif into and (line_mode or role == "measures" or UNFINISHED_VALUE.search(into[-1])
                   or re.match(r"^[a-z/&]", more[0])):
        into[-1] = _join(into[-1], more.pop(0))
        if line_mode:
            while more:
                into[-1] = _join(into[-1], more.pop(0))
    into.extend(more)


def _unfinished(value: str, role: str) -> bool:
    """Whether a printed owner or date stops mid-way (`From`, `AB/`, `By Mar`)."""
    return bool(UNFINISHED_VALUE.search(value) or role == "due" and MONTH_AT_END.search(value))


def _runs_on_values(lrow: _LogicalRow, more: dict[str, str]) -> bool:
    """Whether a value-only row after a page break holds the rest of the row's last values:
    every owner, date or RAG it holds finishes one that stopped mid-way (a month's rest
    starts with its year), or a measure beside them goes on mid-sentence."""
    last = lrow.value_rows[-1] if lrow.value_rows else {r: v[-1] for r, v in lrow.values.items() if v}
    if any(more[role][:1].islower() and last.get(role) and _unfinished(last[role], role)
           for role in more if role not in ALIGNED_ROLES):
        return True  # a sentence beside them runs on (`... have received the` | `communications and ...`)
    aligned = [role for role in more if role in ALIGNED_ROLES]
    return bool(aligned) and all(
        last.get(role) and _unfinished(last[role], role)
        and (role != "due" or not MONTH_AT_END.search(last[role]) or YEAR_ONLY.match(more[role]))
        for role in aligned)


def _values_complete(lrow: _LogicalRow, roles: set[str]) -> bool:
    """Every action of the row has exactly its owner and date (or one value printed for all of them)."""
    n = len(lrow.items)
    for role in ("owner", "due"):
        if role not in roles:
            continue
        values = lrow.values.get(role, [])
        if values and _unfinished(values[-1], role):
            return False  # the last value runs on past the break (`From`, `AB/`, `By Mar`)
        printed = len(values)
        if printed == 1:  # one line that holds several run-together values is not one value for all
            printed = max(1, len(_split_run_together(values, n, role, [])))
        if not (printed == 1 or printed == n or (printed < n and printed + len(lrow.value_rows) >= n)):
            return False
    return any(lrow.values.get(r) for r in ("owner", "due")) or bool(lrow.value_rows)


def _assign(rows: _LogicalRow, records: list[RawRecord]) -> None:
    """Give each action of a logical row its owner, date, RAG... by the rules of the GUIDE."""
    n = len(records)
    roles = set(rows.values) | {r for vr in rows.value_rows for r in vr}
    printed_slots = max((len(rows.values.get(r, [])) for r in roles if r in ALIGNED_ROLES), default=0)
    for role in sorted(roles):  # a set: sorted, so the flags come out in one order every run
        vals = [v for v in rows.values.get(role, []) if v]
        if role == "measures":
            vals += [vr[role] for vr in rows.value_rows if vr.get(role)]
            if n == 1 or len(vals) <= 1:
                for rec in records:
                    rec.values[role] = " ".join(vals) if n == 1 else (vals[0] if vals else "")
            else:
                for i, rec in enumerate(records[: len(vals)]):
                    rec.values[role] = vals[i] if i < n - 1 else " ".join(vals[i:])
            continue
        # value-only rows: one action's values each (blank kept as a slot), while some action has none;
        # rows beyond that belong to sub-bullets, not to the actions
        slot_vals = list(vals) + [""] * max(0, printed_slots - len(vals)) if vals else [""] * printed_slots
        for vr in rows.value_rows:
            if len(slot_vals) >= n:
                if vr.get(role) and role in ALIGNED_ROLES:
                    # more value rows than actions: read as the sub-bullets' values, so not used
                    for rec in records:
                        rec.flag("extra_values_ignored", 0.9)
                continue
            slot_vals.append(vr.get(role, ""))
        filled = [v for v in slot_vals if v]
        if not filled:
            continue
        if 1 < len(filled) < n and role in ("owner", "due") and len(slot_vals) == len(filled):
            # some stacked values lost their line breaks (`Jun 2019 Jan 2019 Aug 2019` beside three actions)
            expanded = [piece for v in filled for piece in (_split_run_together([v], n, role, []) or [v])]
            if len(expanded) < n:
                # several initials per value are one group beside one action, unless read one each
                # they make exactly one value per action (`AB/AM AB/AH` `CM AB/CB/GP/KA` `DM/PH`, five)
                expanded = _one_per_action(filled, n, role) or expanded
            laid = rows.laid_out.get(role)
            if len(expanded) != n and laid and laid[0] == tuple(rows.values.get(role, ())) and len(laid[1]) == n:
                # a line read as the wrapped end of the value above is the next value (`SSu MB LS`
                # over `QA Team`): only the lines as printed make one value per action
                expanded = list(laid[1])
            if len(filled) < len(expanded) <= n:
                for rec in records:
                    rec.flag(ALIGNED_ROLES[role], 0.7)
                slot_vals = filled = expanded
        elif 1 < len(filled) < n and role == "due" and slot_vals[0]:
            # blank slots kept for the other columns' stack, but these dates read apart make
            # exactly one per action (`Dec 2013 By Mar 2014 Sept 2013 Jan 2014` then `Sept 2013`);
            # owners are not read so: a blank owner slot is often a real gap
            loose = _one_per_action(filled, n, role)
            if loose:
                for rec in records:
                    rec.flag(ALIGNED_ROLES[role], 0.7)
                slot_vals = filled = loose
        if len(filled) == 1 and n > 1 and slot_vals[0]:
            # one owner beside one date the actions share is one owner too (`NCHC East Coast CSC Op Man`)
            split = [] if role == "owner" and _one_shared_date(rows) else _split_run_together(filled, n, role, records)
            if len(split) > 1:
                slot_vals = split
            else:
                for rec in records:
                    rec.values[role] = filled[0]
                    if role in ALIGNED_ROLES and printed_slots < n <= printed_slots + len(rows.value_rows):
                        # other columns give each action its own row, this one printed once: assumed to span
                        rec.flag(ALIGNED_ROLES[role], 0.8)
                continue
        if n == 1:
            records[0].values[role] = " ".join(filled)
            if len(filled) > 1 and role in ALIGNED_ROLES:
                records[0].flag(ALIGNED_ROLES[role], 0.7)
            continue
        if (len(slot_vals) != n or len(filled) != n) and role in ALIGNED_ROLES:
            for rec in records:
                rec.flag(ALIGNED_ROLES[role], 0.6)
        for i, rec in enumerate(records):
            if i < len(slot_vals):
                rec.values[role] = slot_vals[i] if i < n - 1 else " ".join(v for v in slot_vals[i:] if v)


def build_records(table: ActionTable) -> list[RawRecord]:
    cmap = table.columns
    by_fragment = table.fragments()
    fragments = {key: [trow.row for trow in trows] for key, trows in by_fragment.items()}
    placements = {key: _placement(fragments[key], cmap, trows[0]) for key, trows in by_fragment.items()}
    numbers = {key: number_column(rows, cmap) for key, rows in fragments.items()}
    placed_rows = [align_cells(trow.row, cmap, numbers[trow.fragment], trow.columns_inferred)
                   if placements[trow.fragment] is None
                   else place_row(trow.row, placements[trow.fragment], cmap) for trow in table.rows]
    numbered = _is_numbered(cmap, placed_rows)
    banded = _banded(cmap, placed_rows)
    bulleted = not numbered and _is_bulleted(cmap, placed_rows)
    section = ""
    logical: list[_LogicalRow] = []
    for trow, cells in zip(table.rows, placed_rows, strict=True):
        row = trow.row
        guessed = placements[trow.fragment] is not None

        def cell(role: str, cells: list[Cell | None] = cells) -> Cell | None:
            col = cmap.col(role)
            return cells[col] if col is not None and col < len(cells) else None

        sec = cell("section")
        sec_text = sec.text.strip() if sec is not None else ""
        new_area = False  # the row names an area other than the one before (`SO1.7` after `SO1.6`)
        if sec_text:
            code = section_code(sec_text)
            if code:
                new_area = code != section
                section = code
        action_cell = cell("action")
        paragraphs = _action_paragraphs(action_cell)
        items = _items(paragraphs, numbered, row.line, bulleted)
        for it in items:
            it.page = row.page
        values = {role: _cell_values(cell(role)) for role in VALUE_ROLES if cmap.col(role) is not None}
        row_shade = action_cell.fill if action_cell is not None else None
        for role in ("rag", "rag_previous", "rag_initial"):
            c = cell(role)
            # RAG shown only as the cell's colour; a row shaded across in the one colour of a
            # banded table shows none (rows shaded across in their statuses' colours do)
            if c is not None and c.fill and not (banded and c.fill == row_shade) and not values.get(role):
                values[role] = [f"fill:{c.fill}"]
        values = {k: v for k, v in values.items() if v}
        if not numbered:
            items = _split_at_sentence_ends(items, _stacked_count(values))
        id_cell = cell("id")
        id_text = id_cell.text.strip() if id_cell is not None else ""
        if id_text:
            m = ID_CELL.match(id_text)
            if m and items:
                if items[0].kind in ("cont", "intro"):
                    items[0].kind = "new"
                if items[0].action_id is None:
                    items[0].action_id = "".join(m.group(1).split())
        has_values = any(values.get(r) for r in ("owner", "due", "rag", "rag_previous"))
        laid = {role: (tuple(values[role]), lines) for role in ("owner", "due") if role in values
                for lines in [_layout_values(cell(role))] if len(lines) > len(values[role])}
        if not items and not values:
            continue
        current = logical[-1] if logical else None
        # a section/priority row with no action of its own: `Priority 2 | Ensure that ...`
        if not has_values and not any(i.kind == "new" and i.action_id for i in items):
            first = next((c for c in cells if c is not None and not c.is_empty), None)
            code = priority_code(first.text) if first is not None else None
            if code:
                section = code
                continue
            if items and paragraphs and all(_is_intent(p) for p in paragraphs):
                code = section_code(paragraphs[0].text)
                if code:
                    section = code
                continue
        if items and items[0].kind == "intro":
            if (current is not None and current.items and _runs_on(current.items[-1].text, items[0].text)
                    and (trow.after_break or not has_values or numbered)):
                items[0].kind = "cont"
            else:
                items.pop(0)  # the intent the bullets below serve
        if not items:
            if new_area and has_values:
                # a row naming an area of its own whose actions went on to the next page: its
                # values wait for them, they are not the values of the area above
                logical.append(_LogicalRow(items=[], section=section, page=row.page, values=values,
                                           placed=guessed, laid_out=laid))
                continue
            if current is None:
                continue
            current.placed = current.placed or guessed
            if current.line_mode:
                # one row per printed line: these are the next lines of the same cells
                for role, vals in values.items():
                    _continue_values(current.values.setdefault(role, []), vals, role, True)
                continue
            row_values = {role: " ".join(v) for role, v in values.items()}
            if trow.after_break and (not row_values.keys() & ALIGNED_ROLES or _runs_on_values(current, row_values)):
                # only a measures (or partners) cell goes on past the page break, or a value
                # above stopped mid-way (`From | Oct 2013`): the rest of the row above, not
                # the values of another action
                if current.value_rows:
                    last_values = current.value_rows[-1]
                    for role, v in row_values.items():
                        last_values[role] = _join(last_values.get(role, ""), v)
                else:
                    for role, vals in values.items():
                        _continue_values(current.values.setdefault(role, []), vals, role, False)
                continue
            # a row of values only: the values of the next stacked action above
            current.value_rows.append(row_values)
            continue
        if items[0].kind == "cont" and current is not None and current.items and (numbered or not (
                sec_text and section_code(sec_text))):  # in a table without numbers, an area label starts afresh
            head = items[0]
            last = current.items[-1]
            # after a page break, a paragraph opening with a capital beside no values of its own
            # is the next action when the row above stacked a value for one more action than it
            # has: the page lost the list's indent, not the action
            spare = (trow.after_break and not numbered and not has_values and head.text[:1].isupper()
                     and _stacked_count(current.values, read_apart=True) == len(current.items) + 1)
            if spare:
                head.kind = "new"
            elif (numbered and (trow.after_break or not has_values or _runs_on(last.text, head.text))) or (
                    not numbered and _runs_on(last.text, head.text) and (not has_values or head.text[:1].islower())):
                items.pop(0)
                last.extend(head.text, head.lines)
                if items and _values_complete(current, set(cmap.roles)):
                    # the row above has its values: the values beside this row are for its own new actions
                    # (with none beside it, value-only rows below may still show it is the same row: `_restack`)
                    current.joined_break = current.joined_break or trow.after_break
                    n_new = len(items)
                    for role in list(values):
                        if role in ALIGNED_ROLES and len(values[role]) == n_new + 1:
                            values[role] = values[role][1:]
                    logical.append(_LogicalRow(items=items, section=section, page=row.page, values=values,
                                               placed=guessed, carried_on=trow.after_break and not has_values,
                                               laid_out=laid))
                    continue
                current.joined_break = current.joined_break or trow.after_break
                current.placed = current.placed or guessed
                # the value cells were split with the text: fold any value-only rows in first
                line_mode = len(current.items) == 1 and not items
                if line_mode and not trow.after_break and not current.value_rows:
                    current.line_mode = True
                if current.carried_on and current.value_rows and not current.values \
                        and not values.keys() & ALIGNED_ROLES.keys():
                    # actions carried on past a break with no values of their own keep the value
                    # rows below them apart (they may be the values of the cell above); a
                    # measure beside the text run on goes on the last of them
                    last_values = current.value_rows[-1]
                    for role, vals in values.items():
                        last_values[role] = _join(last_values.get(role, ""), " ".join(vals))
                    values = {}
                else:
                    for vr in current.value_rows:
                        for role, v in vr.items():
                            current.values.setdefault(role, []).append(v)
                    current.value_rows = []
                for role, vals in values.items():
                    if role in laid and not current.values.get(role):
                        current.laid_out[role] = (tuple(vals), laid[role][1])
                    _continue_values(current.values.setdefault(role, []), vals, role, line_mode)
                current.items.extend(items)
                continue
        if (trow.after_break and not has_values and current is not None and (current.items or current.values)
                and items[0].kind == "new"
                and (numbered or _stacked_count(current.values, read_apart=True) > len(current.items))
                and not new_area):
            # the printed row went on past the page break with its owner, date and RAG cells empty:
            # its actions share the values printed above (a measures cell may still run on), as
            # they do in a table without numbers when the row above stacked values to spare;
            # a row naming an area of its own (`SO1.7 ...`) starts afresh
            for role, vals in values.items():
                _continue_values(current.values.setdefault(role, []), vals, role, False)
            current.items.extend(items)
            current.joined_break = True
            current.placed = current.placed or guessed
            continue
        if items[0].kind == "cont":
            items[0].kind = "new"
        logical.append(_LogicalRow(items=items, section=section, page=row.page, values=values, placed=guessed,
                                   laid_out=laid))
    if not numbered:
        for lrow in logical:
            # the row as joined (text run on past a page break, value-only rows below giving
            # actions their values one row each): more values than actions may show the
            # missing action starts, as the values stacked beside a row's own text do
            lrow.items = _split_at_sentence_ends(lrow.items, _value_slots(lrow))
    records: list[RawRecord] = []
    for lrow in _restack(_rejoin_counted(logical)):
        group = []
        for it in lrow.items:
            rec = RawRecord(plan_title=table.plan_title, table_kind=table.kind, section=lrow.section, line=it.line,
                            page=it.page or lrow.page, action_id=it.action_id, text=it.text)
            if it.ref:
                rec.refs.append(it.ref)
            if it.split_guess:
                rec.flag("action_split_guess", 0.7)
            if table.header_inferred:
                rec.flag("header_inferred", 0.9)
            group.append(rec)
        for rec in group:
            if lrow.joined_break:
                rec.flag("continuation_joined", 0.95)
            if lrow.placed:
                rec.flag("column_placement_guess", 0.8)
        _assign(lrow, group)
        if lrow.counted:
            for rec in group:
                for role in sorted(lrow.values.keys() & ALIGNED_ROLES.keys()):
                    rec.flag(ALIGNED_ROLES[role], 0.7)
        records.extend(group)
    for rec in records:
        if not rec.section and rec.action_id and "." in rec.action_id:
            rec.section = rec.action_id.rsplit(".", 1)[0]
    return records


def _placement(rows: list[Row], cmap: ColumnMap, first: TableRow) -> tuple[int | None, ...] | None:
    """Where the fragment's columns go under the header (None: they stay). Under the header
    printed on its page a fragment's columns are where the labels are, unless whitespace ran
    two columns into one there: then every column with text moves over by the same step."""
    placement = place_fragment(rows, cmap, first.columns_inferred)
    if placement is None or not first.headed:
        return placement
    steps = {target - j for j, target in enumerate(placement) if target is not None}
    return placement if len(steps) == 1 else None


def _restack(logical: list[_LogicalRow]) -> list[_LogicalRow]:
    """Put back together one cell's stacked actions that the page spread over rows of their own.

    A page break may cut the cell after its first actions (`carried_on`), and a cell whose
    paragraphs stand as far apart as rows do reads as one row per action; the value-only
    rows under the rest give those actions their values in order, as they do under a cell
    of stacked actions. Done only when the rows below are exactly one per action left
    without values (after the values printed beside the first, if any).
    """
    out: list[_LogicalRow] = []
    for lrow in logical:
        if out and _rest_of_cell_above(out[-1], lrow):
            # a paragraph gap as tall as the rows' spacing cut the cell of stacked actions: the
            # value-only rows under the rest give every action left without a value its own
            out[-1].take_rest(lrow)
            continue
        if lrow.carried_on and lrow.value_rows and not lrow.values and out and not out[-1].value_rows:
            # the page break cut the cell of stacked actions after the first: value-only rows
            # under the rest give their values in order, as under the whole cell
            out[-1].take_rest(lrow)
            continue
        if not lrow.value_rows or lrow.values or len(lrow.items) != 1:
            out.append(lrow)
            continue
        run = [lrow]
        while (out and not out[-1].values and not out[-1].value_rows and len(out[-1].items) == 1
               and out[-1].page == lrow.page and out[-1].section == lrow.section and not out[-1].joined_break):
            run.insert(0, out.pop())
        if len(run) < 2 or len(lrow.value_rows) != len(run):
            out.extend(run)
            continue
        # the row above, with one value printed for each of its own actions, is the cell's first
        anchor = out[-1] if out and not out[-1].value_rows and out[-1].page == lrow.page \
            and out[-1].section == lrow.section and out[-1].values \
            and max(len(v) for v in out[-1].values.values()) == len(out[-1].items) else None
        head = anchor if anchor is not None else run[0]
        for other in run[1:] if anchor is None else run:
            head.items.extend(other.items)
            head.placed = head.placed or other.placed
        head.value_rows = list(lrow.value_rows)
        if anchor is None:
            out.append(head)
    return out


def _value_slots(lrow: _LogicalRow) -> int:
    """How many actions the row's owners, dates and RAG make room for: the values stacked
    beside its first action, then one per value-only row below."""
    printed = max((len(vals) for role, vals in lrow.values.items() if role in ALIGNED_ROLES), default=0)
    return printed + sum(1 for vr in lrow.value_rows if any(vr.get(role) for role in ALIGNED_ROLES))


def _rest_of_cell_above(above: _LogicalRow, lrow: _LogicalRow) -> bool:
    """Whether `lrow` (actions with no values beside them, more value-only rows below than
    it has actions) holds the rest of the cell above, whose actions outnumber the values
    printed beside them: only together do the actions and the values come out one each."""
    if lrow.values.keys() & ALIGNED_ROLES.keys() or not lrow.items or above.value_rows or not above.items:
        return False
    if above.page != lrow.page or above.section != lrow.section:
        return False
    printed = max((len(vals) for role, vals in above.values.items() if role in ALIGNED_ROLES), default=0)
    rows = sum(1 for vr in lrow.value_rows if any(vr.get(role) for role in ALIGNED_ROLES))
    return 0 < printed < len(above.items) and rows > len(lrow.items) \
        and printed + rows == len(above.items) + len(lrow.items)


def _has_values(lrow: _LogicalRow) -> bool:
    """Whether an owner, date or RAG stands beside the row's actions or in value rows below."""
    return any(role in ALIGNED_ROLES for role in lrow.values) or any(
        vr.get(role) for vr in lrow.value_rows for role in ALIGNED_ROLES)


def _rejoin_counted(logical: list[_LogicalRow]) -> list[_LogicalRow]:
    """Put back the rest of a cell whose stacked dates (or RAG), read apart, number more
    actions than it shows: the rows of actions just below with no values at all, when
    together they make up at least that number (`Nov 2019 ... Dec 2019`, five dates beside
    three actions, two more below a paragraph gap or a page break; with more, the values
    go to the actions in order). Only by counting, so the actions are flagged."""
    out: list[_LogicalRow] = []
    k = 0
    while k < len(logical):
        above = logical[k]
        out.append(above)
        k += 1
        if above.value_rows or not above.items:
            continue
        counts = {len(_pieces(vals, role)) for role, vals in above.values.items() if role in COUNTED_ROLES}
        printed = max((len(vals) for role, vals in above.values.items() if role in ALIGNED_ROLES), default=0)
        want = max(counts, default=0) - len(above.items)
        if want <= 0 or printed > max(counts):
            continue
        run, found, page = [], 0, above.page
        for lrow in logical[k:]:
            if (_has_values(lrow) or not lrow.items or lrow.section != above.section or page is None
                    or lrow.page is None or not page <= lrow.page <= page + 1):
                break
            run.append(lrow)
            found += len(lrow.items)
            page = lrow.page
        if found < want:
            continue
        # (more actions than that: the cell's values, fewer than its actions, go by order)
        for lrow in run:
            above.take_rest(lrow)
            above.joined_break = above.joined_break or lrow.page != above.page
        above.counted = True
        k += len(run)
    return out


def _banded(cmap: ColumnMap, placed_rows: list[list[Cell | None]]) -> bool:
    """Whether the table's shaded rows are all shaded in one colour: banding, not statuses."""
    col = cmap.col("action")
    if col is None:
        return False
    shades = {cells[col].fill for cells in placed_rows if col < len(cells) and cells[col] is not None and cells[col].fill}
    return len(shades) == 1


def _read_apart(value: str, role: str) -> list[str]:
    """Every owner or date that one value reads as, however many there are."""
    pieces = list(segment_owners(value)) if role == "owner" else split_dates(value)
    return pieces or [value]


def _one_shared_date(rows: _LogicalRow) -> bool:
    """Whether the row prints one date for all its actions (no value rows, none to read apart)."""
    dues = [v for v in rows.values.get("due", []) if v] + [vr["due"] for vr in rows.value_rows if vr.get("due")]
    return len(dues) == 1 and sum(1 for _ in DATEISH.finditer(dues[0])) == 1


def _pieces(values: list[str], role: str) -> list[str]:
    """Every owner or date the values read as, each read apart."""
    return [piece for v in values for piece in _read_apart(v, role)]


def _one_per_action(values: list[str], n: int, role: str) -> list[str]:
    """The values read apart, when that makes exactly one per action; else []."""
    pieces = _pieces(values, role)
    return pieces if len(pieces) == n else []


def _split_run_together(vals: list[str], n: int, role: str, records: list[RawRecord]) -> list[str]:
    """`LS MB SSu` or `Aug 2019 Nov 2019` beside several actions: one each, but only by reading, so flagged."""
    if role == "owner":
        pieces = split_owners_run_together(vals[0], n)
    elif role == "due":
        pieces = split_dates(vals[0])
    else:
        pieces = []
    if len(pieces) < 2:
        return list(vals)
    for rec in records:
        rec.flag(ALIGNED_ROLES[role], 0.7)
    return pieces
