"""Text packs (.txt/.md conversions of PDF packs) -> Document.

Tables are runs of tab-separated lines; a blank line or a `--\t--` separator row
inside a table is where the PDF's page broke, so it starts a new fragment.
"""

from __future__ import annotations

import re
from pathlib import Path

from plantrack.errors import PackError
from plantrack.extract.document import Cell, Document, Heading, Prose, Row, Table
from plantrack.extract.inline_html import parse_inline_html

SEPARATOR_ROW = re.compile(r"^[\s\-|:]*-{2,}[\s\-|:]*$")
HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
MAX_LINE_CHARS = 1_000_000
CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def decode_text(data: bytes, path: str) -> str:
    """Bytes -> text: UTF-8 (with or without BOM), UTF-16 with a BOM, else cp1252."""
    if not data.strip():
        raise PackError(path, "empty file: nothing to extract")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise PackError(path, f"not valid UTF-16 text ({exc.reason})") from None
    head = data[:65536]
    if b"\x00" in head:
        nul_share = head.count(b"\x00") / len(head)
        if nul_share > 0.01 or not _mostly_text(head.replace(b"\x00", b"")):
            raise PackError(path, "binary file, not a text pack (contains NUL bytes): convert it to text or PDF")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if not _mostly_text(data[:65536]):
        raise PackError(path, "binary file, not a text pack: convert it to text or PDF")
    return text.replace("\x00", "")


def _mostly_text(sample: bytes) -> bool:
    if not sample:
        return True
    control = len(sample) - len(sample.translate(None, CONTROL_BYTES))
    return control / len(sample) < 0.01


def read_text(path: str | Path) -> Document:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PackError(str(path), f"cannot read: {exc.strerror or exc}") from None
    return parse_text(decode_text(data, str(path)), path.name)


def parse_text(text: str, source_file: str) -> Document:
    doc = Document(source_file=source_file)
    rows: list[Row] = []
    table_line: int | None = None
    pending_break = False  # a blank/separator line inside a table: the PDF's page broke there
    next_after_break = False

    def flush() -> None:
        nonlocal rows, table_line, next_after_break
        if rows:
            doc.blocks.append(Table(rows=rows, line=table_line, after_page_break=next_after_break))
        rows, table_line = [], None

    for number, line in enumerate(text.splitlines(), start=1):
        if len(line) > MAX_LINE_CHARS:
            line = line[:MAX_LINE_CHARS]
        stripped = line.strip()
        if "\t" in line and not SEPARATOR_ROW.match(line.replace("\t", " ")):
            if pending_break:
                flush()
                next_after_break = True
                pending_break = False
            elif not rows:
                next_after_break = False
            cells = [Cell(paragraphs=parse_inline_html(c)) for c in line.split("\t")]
            if rows or any(not c.is_empty for c in cells):
                if not rows:
                    table_line = number
                rows.append(Row(cells=cells, line=number))
            continue
        if not stripped or SEPARATOR_ROW.match(stripped.replace("\t", " ")):
            if rows:
                pending_break = True
            continue
        # prose or heading ends any table
        flush()
        pending_break = False
        next_after_break = False
        m = HEADING.match(stripped)
        if m:
            doc.blocks.append(Heading(text=_plain(m.group(2)), level=len(m.group(1)), line=number))
        else:
            doc.blocks.append(Prose(text=_plain(stripped), line=number))
    flush()
    return doc


def _plain(text: str) -> str:
    paragraphs = parse_inline_html(text.replace("**", "").replace("__", ""))
    return " ".join(p.text for p in paragraphs).strip()
