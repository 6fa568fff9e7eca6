"""PDF packs -> Document, with pdfplumber.

A chain of small pure functions driven by one `PdfReaderSettings`, in the style of
pdfplumber's table.py:

    check_file -> open_pdf -> iter_pages -> guard_page -> read_page
        read_page: find_page_tables -> CellGrid.assign (one sweep over the chars)
                   -> build_cell (lines -> paragraphs of runs, fill) per cell
                   -> text_blocks (headings and prose from the chars outside tables)
    -> mark_page_breaks

Each table is one page's fragment; stitching is the record builder's job.

Memory: pages are built one at a time from pdfminer's page generator (never the
`pdf.pages` list, which would keep every page and its decoded content alive), each
page is closed after use, and its decoded content streams are dropped from pdfminer's
object cache, so memory stays flat however long the pack.

Decompression bombs: before pdfminer touches a page, every stream the page can make
it decode (content streams, form XObjects, fonts, patterns...) is inflated once with
a bounded decompressor that counts bytes and keeps nothing; a page over
`max_stream_bytes` is refused. Images are never decoded by this reader; their declared
size (width x height x 4 bytes) is capped by `max_image_bytes` because the Camelot
reader renders pages. Not covered: object and xref streams that pdfminer inflates while
opening the file; the worker's memory limit is the backstop there.
"""

from __future__ import annotations

import bisect
import re
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial
from io import BufferedReader, BytesIO
from operator import itemgetter
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
from pdfminer.ascii85 import ascii85decode, asciihexdecode
from pdfminer.lzw import LZWDecoder
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import (
    LITERALS_ASCII85_DECODE,
    LITERALS_ASCIIHEX_DECODE,
    LITERALS_FLATE_DECODE,
    LITERALS_LZW_DECODE,
    LITERALS_RUNLENGTH_DECODE,
    PDFObjRef,
    PDFStream,
)
from pdfplumber.page import Page
from pdfplumber.table import Table as PlumberTable
from pdfplumber.utils import line_to_edge, rect_to_edges
from pdfplumber.utils.exceptions import PdfminerException

from plantrack.errors import PackError
from plantrack.extract.document import Block, Cell, Document, Heading, Paragraph, Prose, Row, Run, Table
from plantrack.extract.pdfium_layer import PdfiumPage, PdfiumPageError
from plantrack.extract.unruled import ColumnMemory, GutterSettings, Rule, find_gutter_tables, line_spans

Char = dict[str, Any]  # a pdfplumber char object
BBox = tuple[float, float, float, float]  # x0, top, x1, bottom

MIB = 1024 * 1024


@dataclass(frozen=True)
class PdfReaderSettings:
    # table finding (pdfplumber TableFinder settings)
    snap_tolerance: float = 3.0
    join_tolerance: float = 3.0
    edge_min_length: float = 3.0
    intersection_tolerance: float = 3.0
    # pages with no ruled table: "gutters" (columns of text split by white gutters),
    # "pdfplumber-text" (pdfplumber's text strategy, word-aligned), or "off"
    unruled: str = "gutters"
    text_min_words_vertical: int = 3
    text_min_words_horizontal: int = 1
    text_min_rows: int = 3  # a text-strategy table needs this many rows...
    text_min_columns: int = 2  # ...and columns...
    text_max_crossing_share: float = 0.1  # ...and text crossing a column gap in at most this share of rows
    gutters: GutterSettings = GutterSettings()  # the "gutters" finder's settings
    # cell text layout, as ratios of the font size so they scale with it
    word_gap_ratio: float = 0.15  # a gap wider than this between glyphs is a space
    line_overlap: float = 0.5  # glyphs overlapping a line's band by this share of their height join it
    paragraph_extra_ratio: float = 0.15  # a gap this much wider than the page's usual line gap starts a paragraph
    paragraph_gap_ratio: float = 0.3  # the paragraph gap used when a page has too few lines to learn from
    sup_size_ratio: float = 0.85  # glyphs at most this share of the line's size...
    sup_rise_ratio: float = 0.12  # ...whose bottom is raised by this share are superscripts
    bullets: tuple[str, ...] = (
        "•", "-", "o", "▪", "●", "◦", "○", "■", "□", "–", "·", "§", "➢", "►", "✓", "\uf0b7", "\uf0a7", "\uf0d8",
    )
    indent_lists: bool = True  # an indented block without a bullet (HTML list-style none, Word) is a list item
    list_indent: float = 6.0  # points of indent, from the cell's text edge, that make such a block
    # a line opening with an item number starts a paragraph even without spacing ("" turns this off)
    enumerator: str = r"(?:\d{1,2}(?:\.\d{1,2}){1,3}\.?|\(?\d{1,2}\)|\(?[a-z]\))\s+[A-Z(\"'‘“]"
    forced_breaks: bool = True  # a line ending early when the next line's first word would have fitted ends a paragraph
    bold_markers: tuple[str, ...] = ("bold", "black", "heavy")
    italic_markers: tuple[str, ...] = ("italic", "oblique")
    # headings and prose outside tables
    heading_size_ratio: float = 1.15  # a line this much larger than the page's body text is a heading
    heading_max_chars: int = 150
    column_gap_ratio: float = 3.0  # a horizontal gap this wide splits a printed line into two blocks
    # fills
    fill_min_coverage: float = 0.5  # a filled rect must cover this share of the cell
    max_orphan_pages: int = 5  # unruled continuations waiting for a wider table's columns (see adopt_columns)
    rule_max_width: float = 3.0  # a filled rect this thin (points) is a ruling line, a wider one a shaded area...
    dark_rule_max_width: float = 8.0  # ...unless it is dark and no thicker than this: a heavy border
    # running headers and footers: lines at the page's top or foot in type this much smaller
    # than the body's, set this many body sizes apart from it
    furniture_size_ratio: float = 0.9
    furniture_gap_ratio: float = 0.8
    max_furniture_lines: int = 2
    # ...or in any type size, printed in the same place on a page before (numbers aside) and
    # set this many body sizes apart: a browser's or Word's header prints in the body's size
    repeated_furniture_gap_ratio: float = 2.0
    max_furniture_pieces: int = 3  # a running header prints left, centre and right at most
    open_rule_min_height: float = 10.0  # column rules at least this tall (one printed line) may bound a row cut by a page break
    # where glyphs and paths come from: "pdfium" (PDFium in C, ~5x faster) or "pdfminer"
    # (pdfplumber's own pdfminer interpretation); tables, cells and text are built the same way
    text_layer: str = "pdfium"
    # safety
    max_stream_bytes: int = 64 * MIB  # decoded size cap for any stream a page makes pdfminer inflate
    max_image_bytes: int = 512 * MIB  # declared raw size cap for an image (width x height x 4)

    def lattice_settings(self) -> dict[str, Any]:
        return {
            "vertical_strategy": "lines",
            "horizontal_strategy": "lines",
            "snap_tolerance": self.snap_tolerance,
            "join_tolerance": self.join_tolerance,
            "edge_min_length": self.edge_min_length,
            "intersection_tolerance": self.intersection_tolerance,
        }

    def text_settings(self) -> dict[str, Any]:
        return {
            "vertical_strategy": "text",
            "horizontal_strategy": "text",
            "snap_tolerance": self.snap_tolerance,
            "join_tolerance": self.join_tolerance,
            "min_words_vertical": self.text_min_words_vertical,
            "min_words_horizontal": self.text_min_words_horizontal,
        }


# ---------------------------------------------------------------- entry point


def read_pdf(path: str | Path, settings: PdfReaderSettings | None = None) -> Document:
    """Read a PDF pack into the shared intermediate: one Table per page fragment."""
    settings = settings or PdfReaderSettings()
    path = Path(path)
    check_file(path)
    doc = Document(source_file=path.name)
    stats = _TextStats()
    page_blocks: list[list[Block]] = []
    with path.open("rb") as fp:
        pdf = open_pdf(fp, path)
        layer = same_pages(pdf, open_layer(path, settings))
        try:
            checked: set[int] = set()  # streams already measured: shared fonts are checked once
            columns = ColumnMemory()  # an unruled table's columns, for its next page
            running = RunningLines()  # the lines at the pages' top and foot: running headers and footers
            orphans: list[_Orphan] = []
            rereads: dict[int, Callable[[ColumnMemory], list[Block]]] = {}  # the last pages, to read again
            for page in iter_pages(pdf, path, layer):
                try:
                    guard_page(page.page_obj, settings, checked, str(path), page.page_number)
                    page_blocks.append(_read_page_safely(page, settings, stats, str(path), columns, running))
                finally:
                    page.close()
                    evict_page_streams(pdf, page.page_obj)
                index = len(page_blocks) - 1
                # the page's id and attributes, not its object: that holds its decoded streams
                page_ref = (page.page_obj.pageid, page.page_obj.attrs, page.page_obj.label)
                rereads[index] = partial(_reread_page, pdf, page_ref, page.page_number, page.initial_doctop,
                                         layer, settings, str(path), running=running)
                rereads.pop(index - settings.max_orphan_pages, None)
                # a page with no unruled table ends the chain an orphan could be continued by
                orphans = [o for o in orphans if o.index in rereads] if columns.xs is not None else []
                adopt_columns(orphans, columns, page_blocks, rereads)
                if columns.orphan:
                    orphans.append(_Orphan(index, columns.page_xs[0]))
                doc.pages = page.page_number
        finally:
            if layer is not None:
                layer.close()
    doc.blocks = [block for blocks in page_blocks for block in blocks]
    if not stats.chars:
        problem = "no text layer: run OCR first" if stats.images else "no text on any page"
        raise PackError(str(path), problem)
    doc.pages = doc.pages or 0
    mark_page_breaks(doc.blocks)
    return doc


@dataclass
class _Orphan:
    """A page whose top unruled table had no columns carried from the page before.

    Its continued rows may leave whole columns blank, so it can come out narrower than
    the table it belongs to; a wider unruled table on a later page lends its columns.
    """

    index: int  # into the pages read so far
    xs: list[float]


def adopt_columns(
    orphans: list[_Orphan], columns: ColumnMemory, page_blocks: list[list[Block]],
    rereads: dict[int, Callable[[ColumnMemory], list[Block]]],
) -> None:
    """Read an orphan page again with the columns of a wider table on the page just read,
    and the pages after it too, so each continues the one before with the same columns."""
    if not columns.page_xs or not orphans:
        return
    donor = max(columns.page_xs, key=len)
    last = len(page_blocks) - 1
    wanting = [o for o in orphans if len(donor) > len(o.xs)]
    if not wanting:
        return
    memory = ColumnMemory(xs=list(donor))
    for index in range(wanting[0].index, last + 1):
        page_blocks[index] = rereads[index](memory)
    columns.xs, columns.page_xs, columns.orphan = memory.xs, memory.page_xs, False
    orphans.clear()


def _reread_page(
    pdf: pdfplumber.PDF, page_ref: tuple[Any, dict[str, Any], Any], number: int, doctop: float,
    layer: pdfium.PdfDocument | None, settings: PdfReaderSettings, path: str, columns: ColumnMemory,
    running: RunningLines | None = None,
) -> list[Block]:
    page_obj = PDFPage(pdf.doc, *page_ref)
    page = make_page(pdf, page_obj, number, doctop, layer)
    try:
        return _read_page_safely(page, settings, _TextStats(), path, columns, running)
    finally:
        page.close()
        evict_page_streams(pdf, page_obj)


@dataclass
class _TextStats:
    chars: int = 0
    images: int = 0


def _read_page_safely(
    page: Page, settings: PdfReaderSettings, stats: _TextStats, path: str, columns: ColumnMemory,
    running: RunningLines | None = None,
) -> list[Block]:
    try:
        stats.chars += len(page.chars)
        stats.images += len(page.images)
        return read_page(page, settings, columns, running)
    except (PdfminerException, PdfiumPageError) as exc:
        raise PackError(path, f"damaged page: {_reason(exc)}", page=page.page_number) from None


# ---------------------------------------------------------------- opening and bad files


def check_file(path: Path) -> None:
    """Cheap checks on the bytes before pdfminer: empty, not a PDF, truncated."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fp:
            head = fp.read(1024)
            fp.seek(max(0, size - 8192))  # some writers leave junk after %%EOF
            tail = fp.read()
    except OSError as exc:
        raise PackError(str(path), f"cannot read: {exc.strerror or exc}") from None
    if size == 0:
        raise PackError(str(path), "empty file (0 bytes)")
    if b"%PDF-" not in head:
        raise PackError(str(path), f"not a PDF (starts with {head[:8]!r})")
    if b"%%EOF" not in tail:
        # a cut-off download: pdfminer would half-recover it and silently lose pages
        raise PackError(str(path), "truncated PDF: no end-of-file marker (download it again)")


def open_pdf(fp: BufferedReader, path: Path) -> pdfplumber.PDF:
    """Open without a password: an owner password alone only restricts editing, so it reads fine."""
    try:
        # a file object makes the stream external, so we never call pdf.close(), which
        # would build every page object just to close them
        return pdfplumber.open(fp)
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect):
            raise PackError(str(path), "encrypted: needs a password") from None
        if isinstance(cause, PDFEncryptionError):
            raise PackError(str(path), f"encrypted with an unsupported scheme: {_reason(exc)}") from None
        raise PackError(str(path), f"damaged PDF: {_reason(exc)}") from None


def open_layer(path: Path, settings: PdfReaderSettings) -> pdfium.PdfDocument | None:
    """PDFium's view of the file when it supplies the glyphs and paths; None for pdfminer.

    pdfminer still opens the file first: its password and damage messages, the page tree
    and the decompression guard stay the same for both layers.
    """
    if settings.text_layer == "pdfminer":
        return None
    if settings.text_layer != "pdfium":
        raise ValueError(f"text_layer must be 'pdfium' or 'pdfminer', not {settings.text_layer!r}")
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise PackError(str(path), f"damaged PDF: {_reason(exc)}") from None


def same_pages(pdf: pdfplumber.PDF, layer: pdfium.PdfDocument | None) -> pdfium.PdfDocument | None:
    """The PDFium layer only when it sees the pages pdfminer sees: a broken page tree that
    each library repairs its own way would put one page's glyphs on another's geometry."""
    if layer is None:
        return None
    try:
        counted = sum(1 for _ in PDFPage.create_pages(pdf.doc))
    except Exception:  # noqa: BLE001 - a broken tree is reported by iter_pages with its page number
        counted = -1
    if counted == len(layer):
        return layer
    layer.close()
    return None


def iter_pages(pdf: pdfplumber.PDF, path: Path, layer: pdfium.PdfDocument | None = None) -> Iterator[Page]:
    """pdfplumber pages built lazily, one alive at a time (over PDFium's objects when `layer` is set,
    which `same_pages` has checked counts the same pages)."""
    pages = PDFPage.create_pages(pdf.doc)
    doctop = 0.0
    number = 0
    while True:
        try:
            page_obj = next(pages)
        except StopIteration:
            return
        except Exception as exc:  # pdfminer raises many types on a broken page tree
            raise PackError(str(path), f"damaged page tree: {_reason(exc)}", page=number + 1) from None
        number += 1
        page = make_page(pdf, page_obj, number, doctop, layer)
        doctop += float(page.height)
        yield page


def make_page(pdf: pdfplumber.PDF, page_obj: PDFPage, number: int, doctop: float, layer: pdfium.PdfDocument | None) -> Page:
    """A pdfplumber page over pdfminer's objects, or over PDFium's when `layer` is set."""
    if layer is None:
        return Page(pdf, page_obj, page_number=number, initial_doctop=doctop)
    return PdfiumPage(pdf, page_obj, page_number=number, initial_doctop=doctop, doc=layer)


def evict_page_streams(pdf: pdfplumber.PDF, page_obj: PDFPage) -> None:
    """Drop the page's decoded content streams from pdfminer's object cache (else they pile up)."""
    cache = getattr(pdf.doc, "_cached_objs", None)
    if not isinstance(cache, dict):
        return
    contents = page_obj.contents if isinstance(page_obj.contents, list) else [page_obj.contents]
    for item in contents:
        objid = getattr(item, "objid", None)
        if objid is not None:
            cache.pop(objid, None)


def _reason(exc: BaseException) -> str:
    cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    text = str(cause).strip().splitlines()[0] if str(cause).strip() else type(cause).__name__
    return text[:200]


# ---------------------------------------------------------------- decompression guard


class _TooBig(Exception):
    pass


def guard_page(page_obj: PDFPage, settings: PdfReaderSettings, checked: set[int], path: str, number: int) -> None:
    """Refuse a page that would make pdfminer (or a renderer) inflate more than the caps allow."""
    try:
        total = 0
        for stream in _streams(page_obj.contents):
            total += decoded_size(stream, settings.max_stream_bytes - total)
        _guard_resources(page_obj.resources, settings, checked, depth=0)
    except _TooBig as exc:
        raise PackError(path, f"refused: {exc} (possible decompression bomb)", page=number) from None
    except Exception:
        return  # a broken stream is pdfminer's to report when it reads the page


def _streams(contents: Any) -> Iterator[PDFStream]:
    items = contents if isinstance(contents, list) else [contents]
    for item in items:
        obj = _resolve(item)
        if isinstance(obj, PDFStream):
            yield obj


def _resolve(obj: Any) -> Any:
    for _ in range(16):  # a reference chain longer than this is a loop
        if not isinstance(obj, PDFObjRef):
            return obj
        obj = obj.resolve()
    return None


def _guard_resources(resources: Any, settings: PdfReaderSettings, checked: set[int], depth: int) -> None:
    """Walk a resource tree (fonts, XObjects, patterns...) measuring each stream once."""
    if depth > 12:
        return
    pending: list[tuple[Any, int]] = [(resources, depth)]
    while pending:
        obj, level = pending.pop()
        if isinstance(obj, PDFObjRef):
            if obj.objid in checked or level > 12:
                continue
            checked.add(obj.objid)
            obj = _resolve(obj)
        if isinstance(obj, PDFStream):
            _guard_stream(obj, settings)
            pending.extend((v, level + 1) for v in obj.attrs.values())
        elif isinstance(obj, dict):
            pending.extend((v, level + 1) for v in obj.values())
        elif isinstance(obj, list):
            pending.extend((v, level + 1) for v in obj)


def _guard_stream(stream: PDFStream, settings: PdfReaderSettings) -> None:
    subtype = getattr(_resolve(stream.get("Subtype")), "name", None)
    if subtype == "Image":
        width, height = _resolve(stream.get("Width")), _resolve(stream.get("Height"))
        if isinstance(width, int) and isinstance(height, int) and width * height * 4 > settings.max_image_bytes:
            raise _TooBig(f"an image of {width}x{height} pixels is over {settings.max_image_bytes // MIB} MiB")
        return  # images are never decoded here
    decoded_size(stream, settings.max_stream_bytes)


def decoded_size(stream: PDFStream, limit: int) -> int:
    """Size of the stream once decoded, found with bounded memory; _TooBig past `limit`."""
    if stream.data is not None:
        size = len(stream.data)
    else:
        data = stream.rawdata or b""
        if stream.decipher and stream.objid is not None and stream.genno is not None:
            data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
        size = _bounded_decode(data, [f for f, _ in stream.get_filters()], limit)
    if size > limit:
        raise _TooBig(f"a stream decompresses to more than {max(limit, 0) // MIB} MiB")
    return size


def _bounded_decode(data: bytes, filters: list[Any], limit: int) -> int:
    """Apply the expanding filters with output capped at limit + 1 bytes; return the size."""
    for index, name in enumerate(filters):
        last = index == len(filters) - 1
        if name in LITERALS_FLATE_DECODE:
            data, size = _bounded_inflate(data, limit, keep=not last)
        elif name in LITERALS_LZW_DECODE:
            data, size = _bounded_lzw(data, limit, keep=not last)
        elif name in LITERALS_RUNLENGTH_DECODE:
            data = _bounded_run_length(data, limit)
            size = len(data)
        elif name in LITERALS_ASCII85_DECODE:
            data = ascii85decode(data)  # shrinks: safe to decode whole
            size = len(data)
        elif name in LITERALS_ASCIIHEX_DECODE:
            data = asciihexdecode(data)
            size = len(data)
        else:
            return len(data)  # image codecs and unknowns are not inflated by pdfminer
        if size > limit:
            return size
    return len(data)


def _bounded_inflate(data: bytes, limit: int, keep: bool) -> tuple[bytes, int]:
    inflater = zlib.decompressobj()
    kept: list[bytes] = []
    size = 0
    chunk = 1 << 20
    pending = data
    try:
        while pending or not inflater.eof:
            out = inflater.decompress(pending, chunk)
            pending = inflater.unconsumed_tail
            size += len(out)
            if keep:
                kept.append(out)
            if size > limit:
                return b"", size
            if not out and not pending:
                break
    except zlib.error:
        pass  # pdfminer recovers what it can from a corrupt stream; count what came out
    return b"".join(kept), size


def _bounded_run_length(data: bytes, limit: int) -> bytes:
    """RunLengthDecode (PDF 32000 7.4.5), stopping once past `limit`."""
    out = bytearray()
    index = 0
    while index < len(data) and len(out) <= limit:
        length = data[index]
        if length == 128:
            break
        if length < 128:
            out += data[index + 1:index + 2 + length]
            index += length + 2
        else:
            out += data[index + 1:index + 2] * (257 - length)
            index += 2
    return bytes(out)


def _bounded_lzw(data: bytes, limit: int, keep: bool) -> tuple[bytes, int]:
    kept: list[bytes] = []
    size = 0
    try:
        for out in LZWDecoder(BytesIO(data)).run():
            size += len(out)
            if keep:
                kept.append(out)
            if size > limit:
                break
    except Exception:
        pass
    return b"".join(kept), size


# ---------------------------------------------------------------- one page


def read_page(
    page: Page, settings: PdfReaderSettings, columns: ColumnMemory | None = None, running: RunningLines | None = None,
) -> list[Block]:
    """One page's blocks in reading order: tables by their top, text blocks by theirs.

    `columns` carries an unruled table's column edges from the page before to this one,
    `running` the lines printed at the pages' edges so far.
    """
    number = page.page_number
    chars = [c for c in page.chars if c["text"] and (c["text"] == " " or not c["text"].isspace())]
    tables, page_lines, inferred = find_page_tables(page, chars, settings, columns, running)
    grids = [CellGrid(t) for t in tables]
    by_cell, loose = assign_chars(chars, grids)
    fills = filled_rects(page.rects) if grids else []
    cell_lines = [{cell: group_lines(cs, settings) for cell, cs in cells.items()} for cells in by_cell]
    para_gap = paragraph_gap(cell_lines, settings)
    placed: list[tuple[float, float, Block]] = []
    for grid, lines in zip(grids, cell_lines, strict=True):
        table = build_table(grid, lines, fills, number, para_gap, settings, inferred)
        if table.rows:
            placed.append((grid.bbox[1], grid.bbox[0], table))
    loose_lines = page_lines if page_lines is not None else group_lines(loose, settings)
    placed.extend(text_blocks(loose_lines, number, body_size(chars), para_gap, settings))
    placed.sort(key=lambda item: (round(item[0], 1), item[1]))
    return [block for _, _, block in placed]


def paragraph_gap(cell_lines: list[dict[int, list[Line]]], settings: PdfReaderSettings) -> float:
    """The gap (as a share of font size) that starts a paragraph on this page.

    The line gap is the smallest gap that is common on the page (wrapped lines of one
    paragraph); paragraph spacing is anything clearly wider. Not the commonest gap: on
    pages of one-line paragraphs that is the paragraph gap itself.
    """
    ratios = Counter(
        round((line.top - before.bottom) / before.size * 20) / 20
        for cells in cell_lines for lines in cells.values()
        for before, line in zip(lines, lines[1:], strict=False) if before.size > 0
    )
    total = sum(ratios.values())
    if total < 5:
        return settings.paragraph_gap_ratio
    common = max(3, total // 10)
    line_gap = min((r for r, n in ratios.items() if n >= common and r >= 0), default=None)
    if line_gap is None:
        return settings.paragraph_gap_ratio
    return line_gap + settings.paragraph_extra_ratio


def body_size(chars: list[Char]) -> float:
    """The page's commonest font size: what headings are measured against."""
    sizes = Counter(c["size"] for c in chars)
    return round(sizes.most_common(1)[0][0], 1) if sizes else 10.0


# ---------------------------------------------------------------- tables


def find_page_tables(
    page: Page, chars: list[Char], settings: PdfReaderSettings, columns: ColumnMemory | None = None,
    running: RunningLines | None = None,
) -> tuple[list[PlumberTable], list[Line] | None, bool]:
    """Ruled tables; failing those, a table of whitespace-aligned columns.

    Also returns the page's lines when it had to group them to decide (no table found),
    so the prose pass does not group them again, and whether the columns came from
    whitespace alone.
    """
    edges = rule_edges(page, settings)
    verticals = [e for e in edges if e["orientation"] == "v"]
    horizontals = [e for e in edges if e["orientation"] == "h"]
    closing = open_row_edges(verticals, settings)
    tables = []
    if len(verticals) >= 2 and len(horizontals) + len(closing) >= 2:
        lattice = settings.lattice_settings()
        lattice.update(vertical_strategy="explicit", horizontal_strategy="explicit",
                       explicit_vertical_lines=verticals, explicit_horizontal_lines=horizontals + closing)
        tables = page.find_tables(lattice)
    if tables or settings.unruled == "off" or not chars:
        if columns is not None:
            columns.forget()
        return sorted(tables, key=lambda t: (t.bbox[1], t.bbox[0])), None, False
    lines = group_lines(chars, settings)
    if settings.unruled == "pdfplumber-text":
        candidates = page.find_tables(settings.text_settings())
        tables = [t for t in candidates if looks_tabular(t, chars, settings)]
    else:
        furniture = page_furniture(lines, settings, running)
        body = [line for index, line in enumerate(lines) if index not in furniture]
        tables = gutter_tables(page, body, settings, columns, row_rules(page, horizontals, settings))
    return sorted(tables, key=lambda t: (t.bbox[1], t.bbox[0])), None if tables else lines, True


def rule_edges(page: Page, settings: PdfReaderSettings) -> list[dict[str, Any]]:
    """The page's ruling lines as pdfplumber edges: lines, curves, stroked rects and filled rects
    thin enough to be a rule. A shaded block (a banded row, a cell's fill) is not a rule: its
    sides would cut every shaded row into a table of its own and leave the rows between out."""
    edges = [*map(line_to_edge, page.lines), *page.curve_edges]
    for rect in page.rects:
        thickness = min(rect["width"], rect["height"])
        if rect.get("stroke"):
            edges.extend(rect_to_edges(rect))
        elif thickness <= settings.rule_max_width or (
                thickness <= settings.dark_rule_max_width and _dark(color_to_hex(rect.get("non_stroking_color")))):
            edges.append(_centre_line(rect))  # both sides of a heavy border would make a sliver column
    return edges


def _centre_line(rect: dict[str, Any]) -> dict[str, Any]:
    """A filled bar as the one ruling line down its middle, as a pdfplumber edge."""
    if rect["width"] >= rect["height"]:
        y = (rect["top"] + rect["bottom"]) / 2
        return {**rect, "top": y, "bottom": y, "height": 0.0, "doctop": rect["doctop"] + y - rect["top"],
                "y0": rect["y0"] + rect["height"] / 2, "y1": rect["y0"] + rect["height"] / 2,
                "orientation": "h", "object_type": "rect_edge"}
    x = (rect["x0"] + rect["x1"]) / 2
    return {**rect, "x0": x, "x1": x, "width": 0.0, "orientation": "v", "object_type": "rect_edge"}


def _dark(colour: str | None) -> bool:
    """Whether a fill is dark enough to be ink (a thick border), not shading."""
    if colour is None:
        return False
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.299 * r + 0.587 * g + 0.114 * b < 0.4 * 255


def row_rules(page: Page, horizontals: list[dict[str, Any]], settings: PdfReaderSettings) -> list[Rule]:
    """The page's horizontal rules (`horizontals`, from `rule_edges`) and the top and bottom
    edges of its shaded areas, pieces at one height joined: a table with no column rules
    may still rule or band its rows."""
    pieces = [(e["top"], e["x0"], e["x1"]) for e in horizontals]
    for rect in page.rects:
        if rect.get("fill") and min(rect["width"], rect["height"]) > settings.rule_max_width:
            pieces += [(rect["top"], rect["x0"], rect["x1"]), (rect["bottom"], rect["x0"], rect["x1"])]
    heights: list[list[tuple[float, float, float]]] = []  # pieces within snap_tolerance of one height
    for piece in sorted(pieces):
        if heights and piece[0] - heights[-1][-1][0] <= settings.snap_tolerance:
            heights[-1].append(piece)
        else:
            heights.append([piece])
    rules: list[Rule] = []
    for group in heights:
        y = group[0][0]
        start = len(rules)
        for _, x0, x1 in sorted(group, key=itemgetter(1)):
            if len(rules) > start and x0 <= rules[-1].x1 + settings.snap_tolerance:
                rules[-1] = Rule(y, rules[-1].x0, max(rules[-1].x1, x1))
            else:
                rules.append(Rule(y, x0, x1))
    return rules


@dataclass
class RunningLines:
    """The lines printed at the pages' top and foot so far, by place and text with numbers
    masked (`64/98` is `65/98` on the next page): what a running header or footer repeats."""

    seen: dict[tuple[int, str], None] = field(default_factory=dict)  # insertion-ordered, capped
    cap: int = 64

    @staticmethod
    def key(line: Line) -> tuple[int, str]:
        text = "".join(c["text"] for c in line.chars)
        return round(line.top / 2), re.sub(r"\d+", "#", " ".join(text.split()))

    def printed_before(self, line: Line) -> bool:
        return self.key(line) in self.seen

    def note(self, lines: Sequence[Line]) -> None:
        for key in map(self.key, lines):
            self.seen.pop(key, None)  # seen again: now the newest
            self.seen[key] = None
        while len(self.seen) > self.cap:
            del self.seen[next(iter(self.seen))]


def page_furniture(lines: list[Line], settings: PdfReaderSettings, running: RunningLines | None = None) -> set[int]:
    """Which lines are a running header or footer: up to `max_furniture_lines` at the page's
    top or foot in type smaller than the body's, set apart from it by a blank band, or (with
    `running`, the edges of the pages before) printed there before and set far apart. With
    gutters of their own (a date left, a page number right) they would otherwise open or
    close an unruled table. (Repeating in the same place alone is no test: so does a table's
    repeated header row, but close above its first row.)"""
    edge = settings.max_furniture_lines
    # the lines between measure the body (a page holding only a row's last lines has few)
    middle = lines[edge:len(lines) - edge] or lines[1:-1]
    edges = lines[:edge] + lines[max(edge, len(lines) - edge):]
    if not middle:
        if running is not None:
            running.note(edges)
        return set()
    # the body's size from the lines between: on a page holding little else, a long header and
    # footer could outnumber it
    size = body_size([char for line in middle for char in line.chars])
    found: set[int] = set()
    alone = False  # a page of header and footer only: nothing to tell them from
    for order in (range(len(lines)), range(len(lines) - 1, -1, -1)):
        run: list[int] = []
        apart = settings.furniture_gap_ratio
        for index in list(order)[: settings.max_furniture_lines]:
            line = lines[index]
            if _pieces(line) > settings.max_furniture_pieces:
                break  # a row of column labels in small type is a table's header
            if line.size > settings.furniture_size_ratio * size:
                if running is None or not running.printed_before(line):
                    break
                apart = max(apart, settings.repeated_furniture_gap_ratio)
            run.append(index)
            rest = [other for i, other in enumerate(lines) if i not in run and i not in found]
            if not rest:
                alone = True
                break
            gap = min(max(other.top - line.bottom, line.top - other.bottom, 0.0) for other in rest)
            if gap >= apart * size:
                found.update(run)
                break
        if alone:
            break
    if running is not None:
        running.note(edges)
    return set() if alone else found


_STRETCHES = GutterSettings(join_gap=2.0)  # a running header's pieces stand more than two ems apart


def _pieces(line: Line) -> int:
    """How many stretches of text a line prints, split at gaps wider than two of its ems."""
    return max(1, len(line_spans(line, _STRETCHES)))


def open_row_edges(verticals: list[dict[str, Any]], settings: PdfReaderSettings) -> list[float]:
    """Where a row runs off the page: column rules start (or stop) together with no rule across.

    A table row split by a page break is drawn open at the page edge, so pdfplumber would find
    no cells; a horizontal line at the shared top and bottom of the column rules closes it.
    """
    verticals = [e for e in verticals if e["height"] >= settings.open_rule_min_height]
    if len(verticals) < 2:
        return []
    # only the topmost and bottommost rules can run off the page: a box drawn inside a
    # cell (a checkbox) also has sides that start together
    top = min(round(e["top"]) for e in verticals)
    bottom = max(round(e["bottom"]) for e in verticals)
    tops = sum(1 for e in verticals if round(e["top"]) == top)
    bottoms = sum(1 for e in verticals if round(e["bottom"]) == bottom)
    return sorted({float(y) for y, n in ((top, tops), (bottom, bottoms)) if n >= 2})


def gutter_tables(
    page: Page, lines: list[Line], settings: PdfReaderSettings, columns: ColumnMemory | None = None,
    rules: Sequence[Rule] = (),
) -> list[PlumberTable]:
    """Unruled tables from the white gutters between their columns (see `unruled`).

    pdfplumber's text strategy aligns single words, so it splits "Nov 2019" at the space
    and merges narrow columns; gutters that stay open down a block of lines are steadier.
    """
    found = find_gutter_tables(lines, settings.gutters, columns, rules)
    return [PlumberTable(page, table.cells) for table in found]


def looks_tabular(table: PlumberTable, chars: list[Char], settings: PdfReaderSettings) -> bool:
    """Prose also yields text-strategy 'tables'; a real one has clear gutters between columns."""
    rows = table.rows
    xs = sorted({cell[0] for cell in table.cells} | {cell[2] for cell in table.cells})
    if len(rows) < settings.text_min_rows or len(xs) - 1 < settings.text_min_columns:
        return False
    gutters = xs[1:-1]
    x0, top, x1, bottom = table.bbox
    crossed_rows = 0
    filled_rows = 0
    for row in rows:
        r_top, r_bottom = row.bbox[1], row.bbox[3]
        inside = [c for c in chars if r_top <= (c["top"] + c["bottom"]) / 2 < r_bottom and x0 <= c["x0"] < x1]
        if any(c["x0"] < g - 0.5 and c["x1"] > g + 0.5 for c in inside for g in gutters):
            crossed_rows += 1
        columns = {bisect.bisect_right(xs, (c["x0"] + c["x1"]) / 2) for c in inside if c["text"].strip()}
        filled_rows += len(columns) >= 2
    return crossed_rows <= settings.text_max_crossing_share * len(rows) and filled_rows * 2 >= len(rows)


class CellGrid:
    """A table's cells on the grid of its distinct edges: one bisect per char finds its cell."""

    def __init__(self, table: PlumberTable) -> None:
        cells = [tuple(map(float, c)) for c in table.cells]
        self.bbox: BBox = tuple(map(float, table.bbox))  # type: ignore[assignment]
        self.xs = sorted({c[0] for c in cells} | {c[2] for c in cells})
        self.ys = sorted({c[1] for c in cells} | {c[3] for c in cells})
        self.cells: list[BBox] = cells  # type: ignore[assignment]
        self.slots: dict[tuple[int, int], int] = {}
        for index, (x0, top, x1, bottom) in enumerate(cells):
            for j in range(bisect.bisect_left(self.ys, top), bisect.bisect_left(self.ys, bottom)):
                for i in range(bisect.bisect_left(self.xs, x0), bisect.bisect_left(self.xs, x1)):
                    self.slots.setdefault((j, i), index)
        index_of = {c: i for i, c in enumerate(cells)}
        # pdfplumber's rows: cells grouped by top, None where a merged cell spans
        self.rows: list[list[int | None]] = [
            [index_of[tuple(map(float, c))] if c is not None else None for c in row.cells]  # type: ignore[index]
            for row in table.rows
        ]


def assign_chars(chars: list[Char], grids: list[CellGrid]) -> tuple[list[dict[int, list[Char]]], list[Char]]:
    """One sweep: each char goes to the cell holding its centre (pdfplumber's rule), else stays loose.

    Hot loop (every glyph of every page): the grid lookup is inlined.
    """
    by_cell: list[dict[int, list[Char]]] = [{} for _ in grids]
    loose: list[Char] = []
    boxes = [(*g.bbox, g.xs, g.ys, g.slots, len(g.xs) - 1, len(g.ys) - 1, by_cell[i]) for i, g in enumerate(grids)]
    bisect_right = bisect.bisect_right
    for char in chars:
        x = (char["x0"] + char["x1"]) * 0.5
        y = (char["top"] + char["bottom"]) * 0.5
        for x0, top, x1, bottom, xs, ys, slots, width, height, cells in boxes:
            if x0 <= x < x1 and top <= y < bottom:
                i = bisect_right(xs, x) - 1
                j = bisect_right(ys, y) - 1
                cell = slots.get((j, i)) if 0 <= i < width and 0 <= j < height else None
                if cell is not None:
                    cells.setdefault(cell, []).append(char)
                break  # inside a table but in no cell: a gap in the grid, dropped as pdfplumber does
        else:
            loose.append(char)
    return by_cell, loose


def build_table(
    grid: CellGrid, cell_lines: dict[int, list[Line]], fills: list[tuple[BBox, str | None]], number: int,
    para_gap: float, settings: PdfReaderSettings, columns_inferred: bool = False,
) -> Table:
    rows: list[Row] = []
    rights = column_rights(grid, cell_lines)
    # a whitespace column's edge lies mid-gutter, not a padding's width from its text: there
    # the cell's own left says nothing of an indent, the column's leftmost text does
    lefts = column_lefts(grid, cell_lines) if columns_inferred else {}
    for row in grid.rows:
        cells = [
            Cell(paragraphs=[]) if index is None
            else build_cell(cell_lines.get(index, []), grid.cells[index], fills, para_gap, settings, rights.get(index),
                            lefts.get(index))
            for index in row
        ]
        rows.append(Row(cells=cells, page=number))
    return Table(rows=rows, page=number, columns_inferred=columns_inferred)


def column_rights(grid: CellGrid, cell_lines: dict[int, list[Line]]) -> dict[int, float]:
    """For each cell, the rightmost line end among the cells of its box's width on this page.

    Cells of one column share their width and padding, so text reached that far in all of them:
    a line ending well short of it, when the next line's first word would have fitted, is a
    printed break. The cell's own lines cannot tell this when every line is short
    (`LS MB SSu` / `TE` stacked, one per line, in a column that wraps elsewhere).
    """
    return _column_reach(grid, cell_lines, lambda line: line.x1, max)


def column_lefts(grid: CellGrid, cell_lines: dict[int, list[Line]]) -> dict[int, float]:
    """For each cell, the leftmost line start among the cells of its box's width on this page."""
    return _column_reach(grid, cell_lines, lambda line: line.x0, min)


def _column_reach(
    grid: CellGrid, cell_lines: dict[int, list[Line]], edge: Callable[[Line], float],
    pick: Callable[[Iterable[float]], float],
) -> dict[int, float]:
    """`pick` of every line's `edge` over the cells of each box's width (centred cells left out)."""
    reach: dict[tuple[float, float], float] = {}
    for index, lines in cell_lines.items():
        if lines and not _centred(lines):
            x0, _, x1, _ = grid.cells[index]
            key = (round(x0, 1), round(x1, 1))
            found = pick(edge(line) for line in lines)
            reach[key] = pick((reach[key], found)) if key in reach else found
    return {
        index: reach[key] for index, (x0, _, x1, _) in enumerate(grid.cells)
        if (key := (round(x0, 1), round(x1, 1))) in reach
    }


def _centred(lines: list[Line]) -> bool:
    """Lines of different widths sharing their middle: centred text, whose line ends say nothing of room left."""
    if len(lines) < 2:
        return False
    middles = [(line.x0 + line.x1) / 2 for line in lines]
    return max(middles) - min(middles) <= 1.5 and max(line.x0 for line in lines) - min(line.x0 for line in lines) > 2.0


def build_cell(
    lines: list[Line], bbox: BBox, fills: list[tuple[BBox, str | None]], para_gap: float, settings: PdfReaderSettings,
    column_right: float | None = None, column_left: float | None = None,
) -> Cell:
    """`column_left`: where the column's text starts (whitespace tables), else the cell's edge counts."""
    if column_right is not None and _centred(lines):
        column_right = None
    left = bbox[0] if column_left is None else column_left
    paragraphs = lines_to_paragraphs(lines, left, para_gap, settings, column_right)
    return Cell(paragraphs=paragraphs, bbox=_round_box(bbox), fill=cell_fill(bbox, fills, settings))


def _round_box(bbox: BBox) -> BBox:
    return (round(bbox[0], 2), round(bbox[1], 2), round(bbox[2], 2), round(bbox[3], 2))


# ---------------------------------------------------------------- fills


def filled_rects(rects: list[dict[str, Any]]) -> list[tuple[BBox, str | None]]:
    """Filled rects big enough to be cell shading (borders are drawn as thin rects too), in paint order."""
    out: list[tuple[BBox, str | None]] = []
    for rect in rects:
        if not rect.get("fill") or rect["width"] < 2 or rect["height"] < 2:
            continue
        out.append(((rect["x0"], rect["top"], rect["x1"], rect["bottom"]), color_to_hex(rect.get("non_stroking_color"))))
    return out


def cell_fill(bbox: BBox, fills: list[tuple[BBox, str | None]], settings: PdfReaderSettings) -> str | None:
    """The colour painted last over most of the cell; white counts as no fill."""
    x0, top, x1, bottom = bbox
    area = max((x1 - x0) * (bottom - top), 1e-6)
    by_colour: dict[str | None, float] = {}
    chosen: str | None = None
    for (fx0, ftop, fx1, fbottom), colour in fills:
        overlap = max(0.0, min(x1, fx1) - max(x0, fx0)) * max(0.0, min(bottom, fbottom) - max(top, ftop))
        if overlap <= 0:
            continue
        by_colour[colour] = by_colour.get(colour, 0.0) + overlap
        if overlap >= settings.fill_min_coverage * area or by_colour[colour] >= settings.fill_min_coverage * area:
            chosen = colour  # later paint covers earlier
    return None if chosen in (None, "#ffffff") else chosen


def color_to_hex(color: Any) -> str | None:
    """pdfminer colour (gray, RGB or CMYK components in 0..1) -> #rrggbb; patterns and others -> None."""
    if isinstance(color, (int, float)):
        color = (color,)
    if not isinstance(color, (tuple, list)):
        return None
    values = [min(1.0, max(0.0, float(v))) for v in color if isinstance(v, (int, float))]
    if len(values) != len(color):
        return None
    rgb: list[float]
    if len(values) == 1:
        rgb = values * 3
    elif len(values) == 3:
        rgb = values
    elif len(values) == 4:
        c, m, y, k = values
        rgb = [(1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)]
    else:
        return None
    return "#" + "".join(f"{round(v * 255):02x}" for v in rgb)


# ---------------------------------------------------------------- lines, runs, paragraphs


@dataclass(slots=True)
class Line:
    chars: list[Char]  # left to right
    top: float
    bottom: float
    size: float  # the largest glyph size: the line's own text size
    x0: float = 0.0
    x1: float = 0.0
    base: float = field(default=0.0)  # bottom of the full-size glyphs: superscripts sit above it


def group_lines(chars: list[Char], settings: PdfReaderSettings) -> list[Line]:
    """Glyphs -> printed lines, by vertical overlap (so raised superscripts stay on their line)."""
    ratio = settings.line_overlap
    lines: list[Line] = []
    current: list[Char] = []
    top = bottom = 0.0
    for char in sorted(chars, key=_TOP):
        c_top = char["top"]
        c_bottom = char["bottom"]
        if current:
            # plain comparisons, not min/max: this runs for every glyph
            overlap = (c_bottom if c_bottom < bottom else bottom) - (c_top if c_top > top else top)
            c_height = c_bottom - c_top
            band = bottom - top
            if overlap >= ratio * (c_height if c_height < band else band):
                current.append(char)
                if c_top < top:
                    top = c_top
                if c_bottom > bottom:
                    bottom = c_bottom
                continue
            lines.append(_make_line(current, top, bottom))
        current, top, bottom = [char], c_top, c_bottom
    if current:
        lines.append(_make_line(current, top, bottom))
    return lines


_TOP = itemgetter("top")
_X0 = itemgetter("x0")
_X1 = itemgetter("x1")
_SIZE = itemgetter("size")
_UPRIGHT = itemgetter("upright")


def _make_line(chars: list[Char], top: float, bottom: float) -> Line:
    if all(map(_UPRIGHT, chars)):
        chars.sort(key=_X0)
    # else rotated text: pdfminer's stream order is the reading order
    size = max(map(_SIZE, chars))
    floor = size * 0.95
    base = max(c["bottom"] for c in chars if c["size"] >= floor)
    return Line(chars=chars, top=top, bottom=bottom, size=size, x0=chars[0]["x0"], x1=max(map(_X1, chars)), base=base)


def line_runs(line: Line, settings: PdfReaderSettings) -> list[Run]:
    """A line's glyphs -> styled runs; spaces from explicit space glyphs or wide gaps.

    Hot loop: one pass, style looked up per font name, text gathered in lists.
    """
    bold_of = _bold_table(settings.bold_markers)
    italic_of = _bold_table(settings.italic_markers)
    sup_size = line.size * settings.sup_size_ratio
    sup_base = line.base - line.size * settings.sup_rise_ratio
    gap_ratio = settings.word_gap_ratio
    runs: list[Run] = []
    parts: list[str] = []
    bold = sup = italic = False
    space = False  # a space is owed before the next glyph
    previous: Char | None = None
    for char in line.chars:
        text = char["text"]
        if previous is not None:
            if text == previous["text"] and abs(char["x0"] - previous["x0"]) < 0.5 and abs(char["top"] - previous["top"]) < 0.5:
                continue  # fake bold: the same glyph painted twice, slightly offset
            if text.isspace() or char["x0"] - previous["x1"] > gap_ratio * char["size"]:
                space = True
        previous = char
        if text.isspace():
            continue
        fontname = char["fontname"]
        char_bold = bold_of.get(fontname)
        if char_bold is None:
            char_bold = bold_of[fontname] = _is_bold_name(fontname, settings.bold_markers)
        char_sup = char["size"] <= sup_size and char["bottom"] <= sup_base
        char_italic = italic_of.get(fontname)
        if char_italic is None:
            char_italic = italic_of[fontname] = _is_bold_name(fontname, settings.italic_markers)
        if parts and (char_bold != bold or char_sup != sup or char_italic != italic):
            # a space at a style change opens the next run, as in "<b>1.3.6</b> Implement"
            runs.append(Run(text="".join(parts), bold=bold, sup=sup, italic=italic))
            parts = []
        if not parts:
            bold, sup, italic = char_bold, char_sup, char_italic
        if space and (parts or runs):
            parts.append(" ")
        space = False
        parts.append(text)
    if parts:
        runs.append(Run(text="".join(parts), bold=bold, sup=sup, italic=italic))
    return runs


_BOLD_TABLES: dict[tuple[str, ...], dict[str, bool]] = {}


def _bold_table(markers: tuple[str, ...]) -> dict[str, bool]:
    return _BOLD_TABLES.setdefault(markers, {})


def _is_bold_name(fontname: str, markers: tuple[str, ...]) -> bool:
    lower = fontname.lower()
    return any(marker in lower for marker in markers)


def is_bold(fontname: str, settings: PdfReaderSettings) -> bool:
    table = _bold_table(settings.bold_markers)
    if fontname not in table:
        table[fontname] = _is_bold_name(fontname, settings.bold_markers)
    return table[fontname]


_UNMAPPED_GLYPH = re.compile(r"\(cid:\d+\)")


def split_bullet(line: Line, runs: list[Run], settings: PdfReaderSettings) -> tuple[list[Run], float | None, str]:
    """Strip a leading bullet glyph; return the runs, the bullet's x (None when no bullet) and the glyph."""
    if not runs:
        return runs, None, ""
    first = runs[0].text.lstrip()
    unmapped = _UNMAPPED_GLYPH.match(first)  # a symbol-font bullet pdfminer cannot name: "(cid:127)"
    if unmapped:
        first = "•" + first[unmapped.end():]
    if not first or first[0] not in settings.bullets and not unmapped:
        return runs, None, ""
    rest = first[1:]
    letter_bullet = first[0].isalnum() or first[0] in "-–" or unmapped is not None
    if letter_bullet and not rest.startswith(" "):
        return runs, None, ""  # "of", "-5%": only a glyph followed by a gap is a bullet
    if not rest.strip() and len(runs) == 1:
        return runs, None, ""  # a lone dash in a cell is content ("-" for "none")
    runs[0].text = rest.lstrip()
    runs = [r for r in runs if r.text]
    return runs, line.x0, first[0]


@dataclass(slots=True)
class _Entry:
    """A line ready for paragraphing: its runs with any bullet stripped."""

    line: Line
    runs: list[Run]
    bullet_x: float | None
    marker: str = ""  # the bullet glyph, "" when none


def lines_to_paragraphs(
    lines: list[Line], left: float, para_gap: float, settings: PdfReaderSettings, column_right: float | None = None,
) -> list[Paragraph]:
    """Lines -> paragraphs: a new one at a wide vertical gap or a bullet; lists by bullet or indent.

    Wrapped lines never start a paragraph by indent alone: packs wrap list items both
    hanging and flush left. `column_right`: how far text reached in other cells of the column.
    """
    entries = [_Entry(line, *split_bullet(line, line_runs(line, settings), settings)) for line in lines]
    kept = [e for e in entries if e.runs]
    right = max([e.line.x1 for e in kept] + ([column_right] if column_right is not None and kept else []), default=0.0)
    groups = split_paragraphs(
        kept, para_gap, right if settings.forced_breaks else None, _pattern(settings.enumerator) if settings.enumerator else None,
    )
    if not groups:
        return []
    text_left = min(e.line.x0 for group in groups for e in group)
    aligned_left = text_left - left <= 2 * groups[0][0].line.size  # centred cells have no list indents
    marks = [list_mark(group, text_left, aligned_left, settings) for group in groups]
    levels = _indent_levels([x for x in marks if x is not None])
    paragraphs: list[Paragraph] = []
    for group, mark in zip(groups, marks, strict=True):
        paragraph = Paragraph(runs=group[0].runs, list_item=mark is not None,
                              level=levels.get(round(mark), 0) if mark is not None else 0, marker=group[0].marker,
                              layout_lines=tuple(_plain_text(e.runs).strip() for e in group))
        for entry in group[1:]:
            _append_line(paragraph, entry.runs)
        _trim(paragraph.runs)
        if paragraph.runs:
            paragraphs.append(paragraph)
    return paragraphs


def split_paragraphs(
    entries: list[_Entry], para_gap: float, right: float | None, enumerators: re.Pattern[str] | None,
) -> list[list[_Entry]]:
    """Paragraph starts: a bullet, a gap wider than para_gap, a line opening with an item number
    ("1.3.7 Update", "2) Deploy"), or (with `right`, the text's right edge) a forced break:
    the line before had room for this line's first word."""
    groups: list[list[_Entry]] = []
    for entry in entries:
        if groups:
            before = groups[-1][-1].line
            gap = entry.line.top - before.bottom
            forced = right is not None and before.x1 + _first_word_width(entry.line) + 0.3 * before.size < right
            numbered = enumerators is not None and enumerators.match(_plain_text(entry.runs)) is not None
            if entry.bullet_x is not None and not forced and gap <= para_gap * before.size and _wrapped_dash(entry, groups[-1]):
                entry.runs[0].text = f"{entry.marker} {entry.runs[0].text}"  # back into the text it was cut from
                entry.bullet_x, entry.marker = None, ""
            if entry.bullet_x is None and gap <= para_gap * before.size and not forced and not numbered:
                groups[-1].append(entry)
                continue
        groups.append([entry])
    return groups


DASHES = frozenset("-–—")


def _wrapped_dash(entry: _Entry, group: list[_Entry]) -> bool:
    """`Oct 2013` / `– Dec 2013`: a dash the layout wrapped to a line start, not a dash bullet.

    The caller has checked the dash did not fit on the line above (else the line would not
    have broken before it) and that no spacing sets it off. A bullet would also be indented
    from the line above, follow a list lead-in (`within:`), or continue a run of dash items.
    """
    before = group[-1].line
    return (
        entry.marker in DASHES
        and abs(entry.line.x0 - before.x0) <= 1.5
        and group[0].marker not in DASHES
        and not _plain_text(group[-1].runs).rstrip().endswith((":", ";"))
    )


def _plain_text(runs: list[Run]) -> str:
    return "".join(r.text for r in runs).lstrip()


@lru_cache(maxsize=8)
def _pattern(source: str) -> re.Pattern[str]:
    return re.compile(source)


def _first_word_width(line: Line) -> float:
    start = line.chars[0]["x0"]
    end = line.chars[0]["x1"]
    for before, char in zip(line.chars, line.chars[1:], strict=False):
        if char["text"].isspace() or char["x0"] - before["x1"] > 0.15 * char["size"]:
            break
        end = char["x1"]
    return end - start


def list_mark(group: list[_Entry], text_left: float, aligned_left: bool, settings: PdfReaderSettings) -> float | None:
    """The x of a list item's marker: its bullet, or for a marker-less item its indented block's left."""
    if group[0].bullet_x is not None:
        return group[0].bullet_x
    if not settings.indent_lists or not aligned_left:
        return None
    x0 = group[0].line.x0
    if x0 - text_left < settings.list_indent or any(abs(e.line.x0 - x0) > 1.5 for e in group[1:]):
        return None  # not indented, or a first-line indent: ordinary text
    return x0


def _indent_levels(xs: list[float]) -> dict[int, int]:
    """List marker indents, clustered within 3pt: the leftmost is level 0."""
    levels: dict[int, int] = {}
    anchors: list[float] = []
    for x in sorted(xs):
        if not anchors or x - anchors[-1] > 3.0:
            anchors.append(x)
        levels[round(x)] = len(anchors) - 1
    return levels


def _append_line(paragraph: Paragraph, runs: list[Run]) -> None:
    last = paragraph.runs[-1]
    first = runs[0]
    if _hyphen_wrap(last.text, first.text):
        last.text = last.text.rstrip()
    elif not last.text.endswith(" "):
        last.text += " "
    if first.bold == last.bold and first.sup == last.sup and first.italic == last.italic:
        last.text += first.text
        runs = runs[1:]
    paragraph.runs.extend(runs)


def _hyphen_wrap(before: str, after: str) -> bool:
    """'multi-' + 'agency': a word the layout broke at its hyphen joins back without a space."""
    before, after = before.rstrip(), after.lstrip()
    return len(before) > 1 and before[-1] == "-" and before[-2].isalpha() and after[:1].islower()


def join_lines(texts: list[str]) -> str:
    out = ""
    for text in texts:
        out = out.rstrip() + text.lstrip() if out and _hyphen_wrap(out, text) else f"{out} {text}" if out else text
    return " ".join(out.split())


def _trim(runs: list[Run]) -> None:
    if runs:
        runs[0].text = runs[0].text.lstrip()
        runs[-1].text = runs[-1].text.rstrip()
    runs[:] = [r for r in runs if r.text]


# ---------------------------------------------------------------- headings and prose


@dataclass(slots=True)
class _Segment:
    runs: list[Run]
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    bold: bool
    bullet: bool


def text_blocks(
    lines: list[Line], number: int, body: float, para_gap: float, settings: PdfReaderSettings,
) -> list[tuple[float, float, Block]]:
    """Lines outside tables -> Heading/Prose blocks with their top-left, for reading order."""
    segments = [s for line in lines for s in split_segments(line, settings)]
    groups = group_segments(segments, body, para_gap, settings)
    out: list[tuple[float, float, Block]] = []
    for group in groups:
        text = join_lines(["".join(r.text for r in s.runs) for s in group])
        if not text:
            continue
        level = heading_level(group[0], body, settings)
        block: Block
        if level and len(text) <= settings.heading_max_chars:
            block = Heading(text=text, level=level, page=number)
        else:
            block = Prose(text=text, page=number)
        out.append((group[0].top, group[0].x0, block))
    return out


def split_segments(line: Line, settings: PdfReaderSettings) -> list[_Segment]:
    """A printed line -> pieces separated by column-wide gaps (side-by-side blocks stay apart)."""
    pieces: list[list[Char]] = []
    for char in line.chars:
        if pieces and char["x0"] - pieces[-1][-1]["x1"] <= settings.column_gap_ratio * char["size"]:
            pieces[-1].append(char)
        elif not char["text"].isspace():
            pieces.append([char])
    out: list[_Segment] = []
    for piece in pieces:
        sub = _make_line(piece, min(c["top"] for c in piece), max(c["bottom"] for c in piece))
        sub.base = line.base
        sub.size = line.size
        runs, bullet_x, _ = split_bullet(sub, line_runs(sub, settings), settings)
        glyphs = [c for c in piece if not c["text"].isspace()]
        if not runs or not glyphs:
            continue
        out.append(_Segment(
            runs=runs, top=sub.top, bottom=sub.bottom, x0=sub.x0, x1=sub.x1,
            size=max(c["size"] for c in glyphs), bold=all(is_bold(c["fontname"], settings) for c in glyphs),
            bullet=bullet_x is not None,
        ))
    return out


def group_segments(
    segments: list[_Segment], body: float, para_gap: float, settings: PdfReaderSettings,
) -> list[list[_Segment]]:
    """Segments -> paragraphs: stacked closely, overlapping horizontally, same style class."""
    groups: list[list[_Segment]] = []
    for segment in segments:
        target = None
        for group in reversed(groups[-6:]):  # only recent groups can be directly above
            last = group[-1]
            gap = segment.top - last.bottom
            if (
                -0.5 * segment.size <= gap <= para_gap * last.size
                and segment.x0 < last.x1 and last.x0 < segment.x1
                and not segment.bullet
                and heading_level(segment, body, settings) == heading_level(last, body, settings)
            ):
                target = group
                break
        if target is None:
            groups.append([segment])
        else:
            target.append(segment)
    return groups


def heading_level(segment: _Segment, body: float, settings: PdfReaderSettings) -> int:
    """1-3 for heading-like text (larger, or bold at body size), 0 for body text."""
    ratio = segment.size / body if body else 1.0
    if ratio >= 1.6:
        return 1
    if ratio >= 1.3:
        return 2
    if ratio >= settings.heading_size_ratio or segment.bold:
        return 3
    return 0


# ---------------------------------------------------------------- page breaks


def mark_page_breaks(blocks: Iterable[Block]) -> None:
    """The first table on a page continues the last table of the previous page: flag the break."""
    last_table_page: int | None = None
    seen_pages: set[int] = set()
    for block in blocks:
        if not isinstance(block, Table) or block.page is None:
            continue
        first_on_page = block.page not in seen_pages
        seen_pages.add(block.page)
        block.after_page_break = first_on_page and last_table_page == block.page - 1
        last_table_page = block.page

