"""The PDFium text-and-graphics layer gives the reader what pdfminer's gave it.

Each test reads the same PDF through both layers (`PdfReaderSettings.text_layer`) and pins
one thing the reader builds from them: glyph boxes and fonts, ruling edges, cell text with
its bold / superscript / list runs, fills, page order; rotated pages and pages drawn as a
form XObject included.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
import pytest
from pdfminer.pdfinterp import PDFPageInterpreter

from plantrack.extract.document import Document, Table
from plantrack.extract.pdf_reader import PdfReaderSettings, read_pdf
from plantrack.extract.pdfium_layer import PdfiumPage
from tests.extract.test_pdf_reader import make_pdfs, sample

PDFIUM = PdfReaderSettings(text_layer="pdfium")
PDFMINER = PdfReaderSettings(text_layer="pdfminer")


@pytest.fixture(scope="module")
def fixture_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_pdfs.write_all(tmp_path_factory.mktemp("layer_pdfs"))


def signature(doc: Document) -> list[Any]:
    """Everything the record builder reads, minus cell boxes (PDFium's float32 can move their
    second decimal; nothing downstream reads them)."""
    out: list[Any] = []
    for block in doc.blocks:
        if not isinstance(block, Table):
            out.append((type(block).__name__, block.page, block.text, getattr(block, "level", None)))
            continue
        out.append(("Table", block.page, block.after_page_break, [
            [(cell.fill, [(p.list_item, p.level, p.marker, [(r.text, r.bold, r.sup, r.italic) for r in p.runs])
                          for p in cell.paragraphs]) for cell in row.cells]
            for row in block.rows
        ]))
    return out


def _unmapped_as_bullet(value: Any) -> Any:
    # pdfminer names a symbol-font bullet it cannot map "(cid:127)", PDFium maps it to "•";
    # the reader turns both into a "•" list marker
    return str(value).replace("(cid:127)", "•")


# ---------------------------------------------------------------- whole documents


@pytest.mark.parametrize("name", ["split_table", "unruled_table", "no_table", "owner_only"])
def test_layers_give_the_same_cells_runs_and_fills(fixture_pdfs: dict[str, Path], name: str) -> None:
    assert signature(read_pdf(fixture_pdfs[name], PDFIUM)) == signature(read_pdf(fixture_pdfs[name], PDFMINER))


def test_layers_give_the_same_document_on_sample_002() -> None:
    path = sample("002")
    assert signature(read_pdf(path, PDFIUM)) == signature(read_pdf(path, PDFMINER))


def test_layers_agree_on_bold_runs_superscripts_and_fills(fixture_pdfs: dict[str, Path]) -> None:
    doc = read_pdf(fixture_pdfs["split_table"], PDFIUM)
    header = doc.tables[0].rows[0]
    assert all(c.paragraphs[0].runs[0].bold for c in header.cells)
    assert {c.fill for c in header.cells} == {"#d9d9d9"}
    due = next(r for r in doc.tables[0].rows if r.cells[0].text == "1.2").cells[2]
    assert [(r.text.strip(), r.sup) for r in due.paragraphs[0].runs] == [("From 1", False), ("st", True), ("July", False)]


def test_pdfium_layer_never_runs_pdfminers_interpreter(fixture_pdfs: dict[str, Path],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("pdfminer interpreted a page")

    monkeypatch.setattr(PDFPageInterpreter, "process_page", refuse)
    assert len(read_pdf(fixture_pdfs["split_table"], PDFIUM).tables) == 2


def test_text_layer_must_be_named(fixture_pdfs: dict[str, Path]) -> None:
    with pytest.raises(ValueError, match="text_layer"):
        read_pdf(fixture_pdfs["split_table"], PdfReaderSettings(text_layer="poppler"))


def test_pdfium_is_the_default_layer() -> None:
    assert PdfReaderSettings().text_layer == "pdfium"


# ---------------------------------------------------------------- glyphs and rules


def _both_pages(path: Path, index: int = 0) -> tuple[Any, PdfiumPage, Any, pdfium.PdfDocument]:
    pdf = pdfplumber.open(path)
    page = pdf.pages[index]
    doc = pdfium.PdfDocument(str(path))
    return page, PdfiumPage(pdf, page.page_obj, index + 1, page.initial_doctop, doc), pdf, doc


def test_pdfium_chars_have_pdfminers_boxes_sizes_and_fonts(fixture_pdfs: dict[str, Path]) -> None:
    page, layer_page, pdf, doc = _both_pages(fixture_pdfs["split_table"])
    try:
        expected, got = page.chars, layer_page.chars
        assert len(got) == len(expected)
        for mine, theirs in zip(got, expected, strict=True):
            assert mine["text"] == _unmapped_as_bullet(theirs["text"])
            if theirs["text"].startswith("(cid:"):
                continue  # pdfminer gives an unmapped glyph no width
            for key in ("x0", "x1", "top", "bottom", "size"):
                assert mine[key] == pytest.approx(theirs[key], abs=0.01), (theirs["text"], key)
            assert (mine["fontname"], mine["upright"]) == (theirs["fontname"], theirs["upright"])
    finally:
        pdf.close()
        doc.close()


def test_pdfium_edges_and_filled_rects_match_pdfminers(fixture_pdfs: dict[str, Path]) -> None:
    page, layer_page, pdf, doc = _both_pages(fixture_pdfs["rag_table"])

    def edges(p: Any) -> list[tuple[Any, ...]]:
        return sorted((e["orientation"], *(round(e[k], 1) for k in ("x0", "top", "x1", "bottom"))) for e in p.edges)

    try:
        assert edges(layer_page) == edges(page)
        assert [(r["fill"], round(r["x0"], 1), round(r["top"], 1)) for r in layer_page.rects] == [
            (r["fill"], round(r["x0"], 1), round(r["top"], 1)) for r in page.rects]
    finally:
        pdf.close()
        doc.close()


# ---------------------------------------------------------------- odd pages


@pytest.fixture(scope="module")
def rotated(fixture_pdfs: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    out: dict[int, Path] = {}
    for degrees in (90, 180, 270):
        doc = pdfium.PdfDocument(str(fixture_pdfs["split_table"]))
        for page in doc:
            page.set_rotation(degrees)
        out[degrees] = tmp_path_factory.mktemp("rotated") / f"rot{degrees}.pdf"
        doc.save(str(out[degrees]))
        doc.close()
    return out


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_rotated_page_puts_the_same_glyphs_in_the_same_cells(rotated: dict[int, Path], degrees: int) -> None:
    """/Rotate pages: pdfminer's view (rotated coordinates, stream order) is kept, so both
    layers find the same grid and fill each cell with the same glyphs."""
    mine, theirs = read_pdf(rotated[degrees], PDFIUM), read_pdf(rotated[degrees], PDFMINER)

    def glyphs(doc: Document) -> list[list[Counter[str]]]:
        return [[Counter(_unmapped_as_bullet(c.text).replace(" ", "")) for r in t.rows for c in r.cells]
                for t in doc.tables]

    assert mine.tables and glyphs(mine) == glyphs(theirs)


def test_rotated_page_glyph_boxes_match(rotated: dict[int, Path]) -> None:
    page, layer_page, pdf, doc = _both_pages(rotated[90])
    try:
        def boxes(chars: list[dict[str, Any]]) -> Counter[tuple[Any, ...]]:
            return Counter((_unmapped_as_bullet(c["text"]), round(c["x0"]), round(c["top"]), c["upright"])
                           for c in chars if not c["text"].startswith("(cid:") and c["text"] != "•")

        assert boxes(layer_page.chars) == boxes(page.chars)
        assert [c["text"] for c in layer_page.chars][:40] == [c["text"] for c in page.chars][:40]  # stream order
    finally:
        pdf.close()
        doc.close()


@pytest.fixture(scope="module")
def form_xobject_pack(fixture_pdfs: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The split table with each page's whole content moved into a form XObject."""
    source = pdfium.PdfDocument(str(fixture_pdfs["split_table"]))
    out = pdfium.PdfDocument.new()
    for index in range(len(source)):
        xobject = source.page_as_xobject(index, out)
        width, height = source[index].get_size()
        page = out.new_page(width, height)
        page.insert_obj(xobject.as_pageobject())
        page.gen_content()
    path = tmp_path_factory.mktemp("form") / "form_xobject.pdf"
    out.save(str(path))
    return path


def test_form_xobject_page_reads_like_the_plain_page(form_xobject_pack: Path, fixture_pdfs: dict[str, Path]) -> None:
    mine = read_pdf(form_xobject_pack, PDFIUM)
    assert signature(mine) == signature(read_pdf(form_xobject_pack, PDFMINER))
    assert [[r.texts for r in t.rows] for t in mine.tables] == [
        [r.texts for r in t.rows] for t in read_pdf(fixture_pdfs["split_table"], PDFIUM).tables]


def test_a_space_shown_on_its_own_is_kept_as_pdfminer_keeps_it(tmp_path: Path) -> None:
    """PDFium's text page skips a text object with no ink (a lone space, as Chromium writes
    word breaks); pdfminer keeps it as a " " glyph one advance wide, and so must the layer."""
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "lone_space.pdf"
    canvas = Canvas(str(path), pagesize=(300, 200))
    canvas.setFont("Helvetica", 12)
    x = 20.0
    for piece in ("Real", " ", "jobs"):
        canvas.drawString(x, 100, piece)
        x += canvas.stringWidth(piece, "Helvetica", 12)
    canvas.showPage()
    canvas.save()
    page, layer_page, pdf, doc = _both_pages(path)
    try:
        def glyphs(chars: list[dict[str, Any]]) -> list[tuple[str, float, float]]:
            return [(c["text"], round(c["x0"], 2), round(c["x1"], 2)) for c in chars]

        assert glyphs(layer_page.chars) == glyphs(page.chars)
        assert " " in [c["text"] for c in layer_page.chars]
    finally:
        pdf.close()
        doc.close()
