"""PDF packs -> Document, with Camelot (second opinion to the pdfplumber reader).

Camelot's lattice flavour finds ruled tables on a rendered page image; pages where it
finds none fall back to the stream flavour (whitespace columns), keeping only stream
tables with at least two columns (on prose it returns one-column 'tables').

Rendering uses Camelot 2's default pdfium backend (pypdfium2, a pip wheel): no
ghostscript or poppler, no system package needed.

Cells: paragraphs come from the cell text's newlines, with a line that starts in lower
case joined back to the one before (a wrapped line, not a new paragraph); a leading
bullet makes a list item. Camelot gives no fonts, so no bold or superscript. Fills come
from pdfium's filled path objects under each cell. No headings or prose: Camelot
only sees tables.

Bad files get the same checks and messages as the pdfplumber reader (empty, not a PDF,
truncated, password, no text layer, decompression caps), done before Camelot runs.
"""

from __future__ import annotations

import ctypes
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import camelot
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.pdfpage import PDFPage

from plantrack.errors import PackError
from plantrack.extract.document import Cell, Document, Paragraph, Row, Run, Table
from plantrack.extract.pdf_reader import (
    BBox,
    PdfReaderSettings,
    cell_fill,
    check_file,
    guard_page,
    mark_page_breaks,
    open_pdf,
)


@dataclass(frozen=True)
class CamelotReaderSettings:
    line_scale: int = 15  # Camelot lattice: smaller finds only longer ruling lines
    backend: str = "pdfium"  # page renderer; pdfium ships with pypdfium2
    stream_fallback: bool = True  # pages with no ruled table: try the stream flavour
    stream_min_columns: int = 2  # stream 'tables' narrower than this are prose
    stream_min_rows: int = 2
    bullets: tuple[str, ...] = PdfReaderSettings().bullets
    fill_min_coverage: float = 0.5
    max_stream_bytes: int = PdfReaderSettings().max_stream_bytes
    max_image_bytes: int = PdfReaderSettings().max_image_bytes

    def guard_settings(self) -> PdfReaderSettings:
        return PdfReaderSettings(
            max_stream_bytes=self.max_stream_bytes,
            max_image_bytes=self.max_image_bytes,
            fill_min_coverage=self.fill_min_coverage,
        )


def read_pdf_camelot(path: str | Path, settings: CamelotReaderSettings | None = None) -> Document:
    settings = settings or CamelotReaderSettings()
    path = Path(path)
    page_count = preflight(path, settings)
    try:
        tables = lattice_then_stream(path, page_count, settings)
    except Exception as exc:  # Camelot and its renderer raise many types; the user needs one line
        reason = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
        raise PackError(str(path), f"Camelot could not read it: {reason}") from None
    doc = Document(source_file=path.name, pages=page_count)
    pdf = pdfium.PdfDocument(str(path))
    try:
        for page_number, page_tables in _by_page(tables):
            page = pdf[page_number - 1]
            height = page.get_height()
            fills = filled_paths(page, height)
            doc.blocks.extend(to_table(t, page_number, height, fills, settings) for t in page_tables)
            page.close()
    finally:
        pdf.close()
    mark_page_breaks(doc.blocks)
    return doc


# ---------------------------------------------------------------- checks before Camelot


def preflight(path: Path, settings: CamelotReaderSettings) -> int:
    """The pdfplumber reader's checks (bytes, password, decompression caps) plus a text-layer
    check with pdfium; returns the page count."""
    check_file(path)
    guard = settings.guard_settings()
    pages = 0
    with path.open("rb") as fp:
        pdf = open_pdf(fp, path)
        checked: set[int] = set()
        for page_obj in PDFPage.create_pages(pdf.doc):
            pages += 1
            guard_page(page_obj, guard, checked, str(path), pages)
    if not has_text(path):
        raise PackError(str(path), "no text layer: run OCR first")
    return pages


def has_text(path: Path) -> bool:
    pdf = pdfium.PdfDocument(str(path))
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            count = textpage.count_chars()
            textpage.close()
            page.close()
            if count:
                return True
        return False
    finally:
        pdf.close()


# ---------------------------------------------------------------- Camelot


def lattice_then_stream(path: Path, page_count: int, settings: CamelotReaderSettings) -> list[Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Camelot warns on every page without a table
        found = list(camelot.read_pdf(
            str(path), pages="all", flavor="lattice", line_scale=settings.line_scale, backend=settings.backend,
            suppress_stdout=True,
        ))
        ruled = {int(t.page) for t in found}
        bare = [n for n in range(1, page_count + 1) if n not in ruled]
        if settings.stream_fallback and bare:
            stream = camelot.read_pdf(
                str(path), pages=",".join(map(str, bare)), flavor="stream", suppress_stdout=True,
            )
            found.extend(t for t in stream if _looks_tabular(t, settings))
    return sorted(found, key=lambda t: (int(t.page), -t._bbox[3], t._bbox[0]))


def _looks_tabular(table: Any, settings: CamelotReaderSettings) -> bool:
    rows, columns = table.shape
    return columns >= settings.stream_min_columns and rows >= settings.stream_min_rows


def _by_page(tables: list[Any]) -> Iterator[tuple[int, list[Any]]]:
    page: int | None = None
    group: list[Any] = []
    for table in tables:
        number = int(table.page)
        if page is not None and number != page:
            yield page, group
            group = []
        page = number
        group.append(table)
    if page is not None:
        yield page, group


# ---------------------------------------------------------------- Camelot table -> Table


def to_table(table: Any, page: int, height: float, fills: list[tuple[BBox, str | None]],
             settings: CamelotReaderSettings) -> Table:
    guard = settings.guard_settings()
    rows: list[Row] = []
    for camelot_row in table.cells:
        cells = []
        for cell in camelot_row:
            # Camelot works in PDF space (y up); the intermediate is top-down like pdfplumber
            bbox = (round(cell.x1, 2), round(height - cell.y2, 2), round(cell.x2, 2), round(height - cell.y1, 2))
            cells.append(Cell(paragraphs=text_paragraphs(cell.text, settings), bbox=bbox,
                              fill=cell_fill(bbox, fills, guard)))
        rows.append(Row(cells=cells, page=page))
    return Table(rows=rows, page=page, columns_inferred=getattr(table, "flavor", "") == "stream")


def text_paragraphs(text: str, settings: CamelotReaderSettings) -> list[Paragraph]:
    """Cell text -> paragraphs, one per line, rejoining lines that continue a sentence."""
    paragraphs: list[Paragraph] = []
    for raw_line in text.split("\n"):
        line = " ".join(raw_line.split())
        if not line:
            continue
        bullet = line[0] in settings.bullets and (len(line) == 1 or line[1] == " " or not line[0].isalnum())
        if bullet and len(line) > 1:
            paragraphs.append(Paragraph(runs=[Run(text=line[1:].strip())], list_item=True))
        elif paragraphs and line[0].islower():
            paragraphs[-1].runs[-1].text += " " + line  # a wrapped line
        else:
            paragraphs.append(Paragraph(runs=[Run(text=line)]))
    return paragraphs


def filled_paths(page: pdfium.PdfPage, height: float) -> list[tuple[BBox, str | None]]:
    """pdfium's filled path objects as (top-down bbox, #rrggbb), in paint order."""
    out: list[tuple[BBox, str | None]] = []
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    red, green, blue, alpha = (ctypes.c_uint() for _ in range(4))
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH]):
        if not pdfium_c.FPDFPath_GetDrawMode(obj.raw, fill_mode, stroke) or fill_mode.value == 0:
            continue
        left, bottom, right, top = obj.get_bounds()
        if right - left < 2 or top - bottom < 2:
            continue  # borders drawn as thin filled rects
        if not pdfium_c.FPDFPageObj_GetFillColor(obj.raw, red, green, blue, alpha) or alpha.value == 0:
            continue
        colour = f"#{red.value:02x}{green.value:02x}{blue.value:02x}"
        out.append(((left, height - top, right, height - bottom), colour))
    return out
