"""The one intermediate every reader builds: headings, prose and tables of cells.

Readers (text, pdfplumber, Camelot) fill these; the record builder reads only these.
A cell keeps its plain text and its inline structure (paragraphs of runs, with bold,
superscript and list-item marks) plus where it came from (line, page, bbox).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

LINE_BREAK = re.compile(r"\s{2,}|\n")


@dataclass(slots=True)
class Run:
    """A stretch of text with one inline style."""

    text: str
    bold: bool = False
    sup: bool = False
    italic: bool = False


@dataclass(slots=True)
class Paragraph:
    """A paragraph or list item inside a cell."""

    runs: list[Run]
    list_item: bool = False
    level: int = 0  # nesting depth of a list item (0 = top level)
    line: int | None = None  # text packs where every printed line is a row: the line it came from
    marker: str = ""  # the bullet printed before a list item (`•`, `-`), "" when none
    # PDF: the text of each printed line as laid out (wrapped or broken), () when the reader
    # cannot tell; a full line ending a sentence may be where an unspaced list item ended
    layout_lines: tuple[str, ...] = ()
    _text: str | None = field(default=None, repr=False, compare=False)

    @property
    def text(self) -> str:
        # cached: the record builder reads every cell's text many times
        if self._text is None:
            self._text = " ".join(" ".join(r.text for r in self.runs).split())
        return self._text

    @property
    def printed_lines(self) -> list[str]:
        """The paragraph split where the source printed a line break (a run of 2+ spaces in text packs)."""
        raw = "".join(r.text for r in self.runs).strip()
        if "  " not in raw and "\n" not in raw:
            return [self.text] if self.text else []
        return [" ".join(part.split()) for part in LINE_BREAK.split(raw) if part.strip()]


@dataclass(slots=True)
class Cell:
    paragraphs: list[Paragraph]
    bbox: tuple[float, float, float, float] | None = None  # x0, top, x1, bottom on the page (PDF)
    fill: str | None = None  # background colour as #rrggbb (PDF), None when unfilled
    _text: str | None = field(default=None, repr=False, compare=False)

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = " ".join(p.text for p in self.paragraphs if p.text)
        return self._text

    @property
    def is_empty(self) -> bool:
        return not self.text.strip()


@dataclass(slots=True)
class Row:
    cells: list[Cell]
    line: int | None = None  # 1-based line of the row in a text pack
    page: int | None = None  # 1-based page in a PDF pack
    _texts: list[str] | None = field(default=None, repr=False, compare=False)

    @property
    def texts(self) -> list[str]:
        if self._texts is None:
            self._texts = [c.text for c in self.cells]
        return self._texts

    @property
    def is_empty(self) -> bool:
        return all(c.is_empty for c in self.cells)


@dataclass(slots=True)
class Table:
    """A table as one reader saw it on one page: a page break starts a new Table.

    Stitching fragments back together is the record builder's job (extract/tables.py),
    written once for every reader.
    """

    rows: list[Row]
    line: int | None = None
    page: int | None = None
    after_page_break: bool = False  # the reader saw a page break just before this fragment
    # the reader set the columns from whitespace alone (no rules, no tabs): where a column
    # holds nothing on this page, the others may sit under the wrong header
    columns_inferred: bool = False


@dataclass(slots=True)
class Heading:
    text: str
    level: int = 1
    line: int | None = None
    page: int | None = None


@dataclass(slots=True)
class Prose:
    text: str
    line: int | None = None
    page: int | None = None


Block = Heading | Prose | Table


@dataclass(slots=True)
class Document:
    source_file: str
    blocks: list[Block] = field(default_factory=list)
    pages: int | None = None

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]
