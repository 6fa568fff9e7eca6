"""Logical action tables -> raw action records (values as printed, nothing normalised).

Splits stacked numbered actions, aligns the owners/dates/RAG stacked in sibling cells,
joins rows that a page break split, carries section and plan down. Reader-agnostic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from plantrack.extract.columns import ColumnMap
from plantrack.extract.document import Cell, Paragraph, Row, Run
from plantrack.extract.numbering import parse_number, section_code, split_at_bold_numbers
from plantrack.extract.tables import ActionTable

VALUE_ROLES = ("owner", "partners", "due", "rag", "rag_previous", "rag_initial", "measures", "refs")
ALIGNED_ROLES = {"owner": "owner_alignment_guess", "due": "due_alignment_guess", "rag": "rag_alignment_guess",
                 "rag_previous": "rag_alignment_guess", "rag_initial": "rag_alignment_guess"}
DATEISH = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*'?\d{2,4}\b|\b\d{1,2}/\d{2,4}\b|\b20\d\d\b"
    r"|\b(ongoing|on-going|immediate|tbc|tba|termly|monthly|quarterly|annually)\b", re.I)
DATE_PHRASE = re.compile(
    r"(?:(?:by|from|end|start|w/c)\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*'?\d{2,4}(?:\s*onwards)?"
    r"|\b\d{1,2}/\d{2,4}\b|\bon-?going\b|\bimmediate\b|\btb[acd]\b", re.I)
ENDS_SENTENCE = re.compile(r"[.!?]\s*$")
INITIALS_TOKEN = re.compile(r"^[A-Z][A-Za-z]{0,3}$")
LONE_NUMBER = re.compile(r"^\s*\(?\d{1,2}(?:\.\d{1,2}){1,3}\.?\)?\s*$")
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


@dataclass
class _Group:
    """The records that one row started, with the values collected for them so far."""

    records: list[RawRecord]
    values: dict[str, list[str]] = field(default_factory=dict)

    def finish(self) -> None:
        n = len(self.records)
        for role, vals in self.values.items():
            vals = [v for v in vals if v]
            if not vals:
                continue
            if len(vals) == 1:
                for rec in self.records:
                    rec.values[role] = _join(rec.values.get(role, ""), vals[0])
                continue
            guess = len(vals) != n
            if guess and role in ALIGNED_ROLES:
                for rec in self.records:
                    rec.flag(ALIGNED_ROLES[role], 0.6)
            for i, rec in enumerate(self.records):
                if i < len(vals):
                    extra = vals[i:] if i == n - 1 else [vals[i]]
                    rec.values[role] = _join(rec.values.get(role, ""), " ".join(extra))


def _join(a: str, b: str) -> str:
    return f"{a} {b}".strip() if a and b else (a or b)


def _cell_values(cell: Cell | None) -> list[str]:
    """The values stacked in a cell: its paragraphs, and within them its printed lines."""
    if cell is None:
        return []
    return [line for p in cell.paragraphs for line in p.printed_lines]


def _fit(cell: Cell, role: str | None) -> float:
    text = cell.text.strip()
    if role is None:
        return 0.0
    if role == "action":
        if not text:
            return -1.0
        return 2.0 * (len(text) > 25) + 1.0 * bool(re.match(r"\(?\d+\.\d", text))
    if role == "owner":
        if not text:
            return 0.0
        return -2.0 if DATEISH.fullmatch(text) else (1.0 if len(text) <= 40 else -0.5)
    if role == "due":
        if not text:
            return 0.0
        return 2.0 if DATEISH.search(text) and len(text) < 80 else -1.0
    if role == "section":
        return 0.5 if text and section_code(text) else (0.0 if not text else -0.5)
    return 0.0


def merge_number_cells(cells: list[Cell]) -> list[Cell]:
    """`1.4.1 | Ensure that ...`: a number printed in a cell of its own belongs to the text beside it."""
    out: list[Cell] = []
    i = 0
    while i < len(cells):
        c = cells[i]
        if (i + 1 < len(cells) and LONE_NUMBER.match(c.text) and not cells[i + 1].is_empty
                and not LONE_NUMBER.match(cells[i + 1].text)):
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


def align_cells(row: Row, columns: ColumnMap) -> list[Cell | None]:
    """Place the row's cells under the header; a row that lost cells at a page break is shifted to fit."""
    cells = list(row.cells)
    if "id" not in columns.roles:
        cells = merge_number_cells(cells)
    width = columns.width
    while len(cells) > width and cells[-1].is_empty:
        cells.pop()
    if len(cells) > width:
        cells = cells[:width]
    trimmed = list(cells)
    while trimmed and trimmed[-1].is_empty:
        trimmed.pop()
    k = len(trimmed)
    if k >= width or k == 0:
        return cells + [None] * (width - len(cells))
    role_at = {col: role for role, col in columns.roles.items()}
    best_shift, best_score = 0, None
    for shift in range(0, width - k + 1):
        score = sum(_fit(c, role_at.get(shift + j)) for j, c in enumerate(trimmed))
        if best_score is None or score > best_score + 1e-9:
            best_shift, best_score = shift, score
    placed: list[Cell | None] = [None] * width
    for j, c in enumerate(trimmed):
        placed[best_shift + j] = c
    return placed


def _action_paragraphs(cell: Cell | None) -> list[Paragraph]:
    if cell is None:
        return []
    out: list[Paragraph] = []
    for p in cell.paragraphs:
        out.extend(split_at_bold_numbers(p))
    return out


def _is_intent(p: Paragraph) -> bool:
    """A bold, unnumbered paragraph in a numbered table is the intent the actions serve, not an action."""
    runs = [r for r in p.runs if r.text.strip()]
    return bool(runs) and all(r.bold for r in runs)


def _sub_markers(paragraphs: list[Paragraph]) -> set[str]:
    """Dash-marked items beside bullet-marked ones in one cell are sub-bullets (`- places`, under `• Develop`)."""
    markers = {p.marker for p in paragraphs if p.list_item and p.level == 0}
    if len(markers) > 1 and markers & {"-", "–"}:
        return {"-", "–"}
    return set()


def _items(paragraphs: list[Paragraph], numbered: bool, line: int | None) -> list[_Item]:
    subs = _sub_markers(paragraphs)
    paragraphs = [Paragraph(runs=p.runs, list_item=p.list_item, level=p.level + 1, line=p.line, marker=p.marker)
                  if p.list_item and p.marker in subs else p for p in paragraphs]
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
        if INTRO_LINE.match(text):
            continue
        if numbered and _is_intent(p) and not p.list_item:
            continue
        if has_bullets:
            # unnumbered table: each top-level bullet is an action; text before the first
            # bullet is the intent they serve, or the tail of the action above (decided later)
            if p.list_item and p.level == 0:
                items.append(_Item("new", None, "", text, p.line or line))
            elif items and items[-1].kind == "new":
                items[-1].text = _join(items[-1].text, text)
            elif not items:
                items.append(_Item("intro", None, "", text, p.line or line))
            else:
                items[-1].text = _join(items[-1].text, text)
            continue
        if items:
            items[-1].text = _join(items[-1].text, text)
        else:
            items.append(_Item("cont", None, "", text, p.line or line))
    return items


def _is_numbered(table: ActionTable) -> bool:
    col = table.columns.col("action")
    id_col = table.columns.col("id")
    numbered = total = 0
    for trow in table.rows:
        cells = trow.row.cells
        if id_col is not None and id_col < len(cells) and re.match(r"^\s*\(?\d+(\.\d+)*", cells[id_col].text):
            numbered += 1
        for cell in cells[col:col + 2] if col is not None else []:
            for p in _action_paragraphs(cell):
                total += 1
                if parse_number(p) is not None:
                    numbered += 1
    return numbered >= 2


def _runs_on(previous: str, text: str) -> bool:
    """Plainly the same sentence: the previous text is unfinished or this starts in lower case."""
    return bool(previous) and (not ENDS_SENTENCE.search(previous) or text[:1].islower())


def build_records(table: ActionTable) -> list[RawRecord]:
    cmap = table.columns
    numbered = _is_numbered(table)
    section = ""
    records: list[RawRecord] = []
    group: _Group | None = None
    kind = table.kind
    for trow in table.rows:
        row = trow.row
        cells = align_cells(row, cmap)

        def cell(role: str, cells: list[Cell | None] = cells) -> Cell | None:
            col = cmap.col(role)
            return cells[col] if col is not None and col < len(cells) else None

        sec = cell("section")
        sec_text = sec.text.strip() if sec is not None else ""
        if sec_text:
            code = section_code(sec_text)
            if code:
                section = code
        paragraphs = _action_paragraphs(cell("action"))
        id_cell = cell("id")
        items = _items(paragraphs, numbered, row.line)
        id_text = id_cell.text.strip() if id_cell is not None else ""
        if id_text:
            m = re.match(r"^\(?\s*((?:NEW\s*)?\d+(?:\.\d+)*)\.?\)?", id_text)
            if m and items:
                if items[0].kind == "cont":
                    items[0].kind = "new"
                if items[0].action_id is None:
                    items[0].action_id = re.sub(r"\s+", "", m.group(1))
            elif not m and not section_code(id_text) is None:
                section = section_code(id_text) or section
        values = {role: _cell_values(cell(role)) for role in VALUE_ROLES if cmap.col(role) is not None}
        has_values = any(values.get(r) for r in ("owner", "due", "rag", "rag_previous"))
        if not items and not any(values.values()):
            continue
        # a section/priority row with no action of its own: `Priority 2 | Ensure that ...`
        if not has_values and not any(i.kind == "new" and i.action_id for i in items):
            first = next((c for c in cells if c is not None and not c.is_empty), None)
            code = section_code(first.text) if first is not None else None
            if code and re.match(r"^(Priority|Aim|Objective|Area|Outcome|Theme)\b", code):
                section = code
                continue
            if items and all(_is_intent(p) for p in paragraphs) and group is None or (
                    items and paragraphs and all(_is_intent(p) for p in paragraphs) and not numbered):
                code = section_code(paragraphs[0].text)
                if code:
                    section = code
                continue
        cont: _Item | None = None
        if items and items[0].kind == "intro":
            previous = group.records[-1] if group is not None else None
            if previous is not None and _runs_on(previous.text, items[0].text):
                items[0].kind = "cont"
            else:
                items.pop(0)  # the intent the bullets below serve
        if items and items[0].kind == "cont":
            head = items[0]
            previous = group.records[-1] if group is not None else None
            if previous is not None and (
                    (numbered and (trow.after_break or not has_values or _runs_on(previous.text, head.text)))
                    or (not numbered and (_runs_on(previous.text, head.text) or not has_values and not numbered))):
                cont = items.pop(0)
                previous.text = _join(previous.text, cont.text)
                if trow.after_break:
                    previous.flag("continuation_joined", 0.9)
            else:
                head.kind = "new"
        new_items = [i for i in items if i.kind == "new"]
        if not new_items:
            # the row only continues the group above: its values belong to that group
            if group is not None:
                for role, vals in values.items():
                    if not vals:
                        continue
                    if cont is not None and role not in ("measures",):
                        # text split by a page break: the value cells were split with it
                        bucket = group.values.setdefault(role, [])
                        if len(bucket) >= len(group.records) and bucket:
                            bucket[-1] = _join(bucket[-1], " ".join(vals))
                        else:
                            bucket.extend(vals)
                    elif role == "measures":
                        group.values.setdefault(role, []).extend(vals)
                    else:
                        # fill the group's actions that have no value yet; once each has one, further
                        # value rows belong to sub-bullets, not to the action
                        bucket = group.values.setdefault(role, [])
                        free = len(group.records) - len(bucket)
                        if free > 0:
                            bucket.extend(vals[:free])
            continue
        if group is not None:
            group.finish()
        if cont is not None and group is not None:
            for role, vals in values.items():
                if role != "measures" and len(vals) == len(new_items) + 1:
                    group.records[-1].values[role] = _join(group.records[-1].values.get(role, ""), vals.pop(0))
        new_records = []
        for it in new_items:
            rec = RawRecord(plan_title=table.plan_title, table_kind=kind, section=section, line=it.line,
                            page=row.page, action_id=it.action_id, text=it.text)
            if it.ref:
                rec.refs.append(it.ref)
            if table.header_inferred:
                rec.flag("header_inferred", 0.9)
            new_records.append(rec)
        records.extend(new_records)
        group = _Group(records=new_records)
        for role, vals in values.items():
            group.values[role] = _split_run_together(vals, len(new_records), role, group)
    if group is not None:
        group.finish()
    for rec in records:
        if not rec.section and rec.action_id and "." in rec.action_id:
            rec.section = rec.action_id.rsplit(".", 1)[0]
    return records


def _split_run_together(vals: list[str], n: int, role: str, group: _Group) -> list[str]:
    """`LS MB SSu` beside three actions: one owner each, but only by reading, so flagged."""
    if n <= 1 or len(vals) != 1 or role not in ("owner", "due"):
        return list(vals)
    text = vals[0]
    if role == "owner":
        tokens = re.sub(r"\s*/\s*", "/", text).split()
        if len(tokens) == n and all(all(INITIALS_TOKEN.match(x) for x in t.strip("/,").split("/")) for t in tokens):
            for rec in group.records:
                rec.flag(ALIGNED_ROLES[role], 0.7)
            return tokens
    else:
        dates = [m.group(0).strip() for m in DATE_PHRASE.finditer(text)]
        if len(dates) == n and len(set(dates)) > 1:
            for rec in group.records:
                rec.flag(ALIGNED_ROLES[role], 0.7)
            return dates
    return list(vals)
