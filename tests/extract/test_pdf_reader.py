"""PDF readers: pdfplumber (read_pdf) and Camelot (read_pdf_camelot).

Fixture PDFs are generated into a temporary directory by tests/fixtures/make_pdfs.py;
the sample packs in samples/pdf are checked against their text conversions.
"""

from __future__ import annotations

import importlib.util
import sys
import tracemalloc
from pathlib import Path
from types import ModuleType

import pdfplumber
import pytest

from plantrack.errors import PackError
from plantrack.extract.camelot_reader import CamelotReaderSettings, read_pdf_camelot
from plantrack.extract.document import Cell, Document, Heading, Paragraph, Prose, Row, Table
from plantrack.extract.pdf_reader import PdfReaderSettings, color_to_hex, read_pdf
from plantrack.extract.text_reader import read_text
from plantrack.normalize.rag import status_from_fill

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"


def _load_fixture_module() -> ModuleType:
    # tests/ is not a package: load the generator by path
    spec = importlib.util.spec_from_file_location("make_pdfs", ROOT / "tests" / "fixtures" / "make_pdfs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


make_pdfs = _load_fixture_module()


@pytest.fixture(scope="session")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_pdfs.write_all(tmp_path_factory.mktemp("pdfs"))


@pytest.fixture(scope="session")
def split_doc(pdfs: dict[str, Path]) -> Document:
    return read_pdf(pdfs["split_table"])


def sample(prefix: str, kind: str = "pdf") -> Path:
    found = sorted((SAMPLES / kind).glob(f"{prefix}_*.{'pdf' if kind == 'pdf' else 'txt'}"))
    if not found:
        pytest.skip(f"sample {prefix} not present")
    return found[0]


def by_first_cell(table: Table) -> dict[str, Row]:
    return {row.cells[0].text: row for row in table.rows}


# ---------------------------------------------------------------- fills


@pytest.mark.parametrize("layer", ["pdfium", "pdfminer"])
def test_rag_cells_come_out_as_their_colours(pdfs: dict[str, Path], layer: str) -> None:
    doc = read_pdf(pdfs["rag_table"], PdfReaderSettings(text_layer=layer))
    (table,) = doc.tables
    rows = by_first_cell(table)
    expected = make_pdfs.write_rag_table(pdfs["rag_table"].with_name("rag_again.pdf"))
    for ref, colour in expected.items():
        rag = rows[ref].cells[2]
        if ref == "R5" and layer == "pdfium":
            # device CMYK: PDFium converts with Adobe's tables (#00a54f, as viewers show it),
            # pdfminer with the naive formula (#00ff00); the RAG status is green either way
            assert rag.fill is not None and status_from_fill(rag.fill) == status_from_fill(colour), rag.fill
        else:
            assert rag.fill == colour, ref
        assert rag.is_empty  # colour only, no letters
        assert rag.bbox is not None
    assert rows["Ref"].cells[0].fill == make_pdfs.HEADER_FILL[0]
    # the rules are thin filled black rects: never mistaken for a fill
    assert all(row.cells[0].fill is None for row in table.rows[1:])


@pytest.mark.parametrize(
    ("colour", "expected"),
    [
        ((0.85,), "#d9d9d9"),
        (0.5, "#808080"),
        ((1, 0, 0), "#ff0000"),
        ((1.0, 0.7529, 0.0), "#ffc000"),
        ((1, 0, 1, 0), "#00ff00"),
        ((0, 0, 0, 1), "#000000"),
        (None, None),
        ("Pattern1", None),
        ((0.1, 0.2), None),
    ],
)
def test_color_to_hex(colour: object, expected: str | None) -> None:
    assert color_to_hex(colour) == expected


# ---------------------------------------------------------------- a table over two pages


def test_split_table_is_two_fragments(split_doc: Document) -> None:
    assert split_doc.pages == 2
    first, second = split_doc.tables
    assert (first.page, first.after_page_break) == (1, False)
    assert (second.page, second.after_page_break) == (2, True)
    assert first.rows[0].texts == make_pdfs.SPLIT_LABELS
    assert second.rows[0].texts == make_pdfs.SPLIT_LABELS  # repeated header kept
    assert all(len(row.cells) == 4 for table in split_doc.tables for row in table.rows)


def test_row_continuing_on_next_page_keeps_its_empty_first_cells(split_doc: Document) -> None:
    continuation = split_doc.tables[1].rows[1]
    assert continuation.cells[0].is_empty
    assert continuation.cells[0].paragraphs == []
    assert continuation.cells[1].text == "effectiveness and impact on practice."
    assert continuation.cells[2].is_empty and continuation.cells[3].is_empty
    assert continuation.page == 2


def test_every_row_has_its_page(split_doc: Document) -> None:
    for table in split_doc.tables:
        assert all(row.page == table.page for row in table.rows)


def test_stacked_actions_are_paragraphs_with_bold_numbers(split_doc: Document) -> None:
    action = by_first_cell(split_doc.tables[0])["1.3"].cells[1]
    assert [p.text[:5] for p in action.paragraphs] == ["1.3.6", "1.3.7"]
    for paragraph, number in zip(action.paragraphs, ["1.3.6", "1.3.7"], strict=True):
        assert paragraph.runs[0].bold and paragraph.runs[0].text.strip() == number
        assert not paragraph.runs[1].bold
    assert action.paragraphs[0].text.endswith("practice managers.")


def test_bullets_become_list_items(split_doc: Document) -> None:
    action = by_first_cell(split_doc.tables[0])["1.2"].cells[1]
    assert [(p.text, p.list_item) for p in action.paragraphs] == [
        ("Deliver the training programme:", False),
        ("practice standards", True),
        ("supervision", True),
    ]


def test_superscript_is_flagged(split_doc: Document) -> None:
    due = by_first_cell(split_doc.tables[0])["1.2"].cells[2]
    (paragraph,) = due.paragraphs
    assert [(r.text.strip(), r.sup) for r in paragraph.runs] == [("From 1", False), ("st", True), ("July", False)]


def test_header_cells_are_bold_and_shaded(split_doc: Document) -> None:
    header = split_doc.tables[0].rows[0]
    assert all(c.paragraphs[0].runs[0].bold for c in header.cells)
    assert {c.fill for c in header.cells} == {"#d9d9d9"}


def test_headings_and_prose_in_reading_order(split_doc: Document) -> None:
    kinds = [(type(b).__name__, b.page) for b in split_doc.blocks]
    assert kinds[:3] == [("Heading", 1), ("Prose", 1), ("Table", 1)]
    heading = split_doc.blocks[0]
    assert isinstance(heading, Heading) and heading.text == "Practice Improvement Plan 2024" and heading.level == 1
    assert any(isinstance(b, Prose) and b.text == "Page 2" for b in split_doc.blocks)


def test_unruled_table_is_found_from_its_gutters(pdfs: dict[str, Path]) -> None:
    doc = read_pdf(pdfs["unruled_table"])
    (table,) = doc.tables
    assert [tuple(row.texts) for row in table.rows] == make_pdfs.UNRULED_ROWS
    assert read_pdf(pdfs["unruled_table"], PdfReaderSettings(unruled="off")).tables == []


def test_pack_without_tables(pdfs: dict[str, Path]) -> None:
    doc = read_pdf(pdfs["no_table"])
    assert doc.tables == []
    assert isinstance(doc.blocks[0], Heading) and doc.blocks[0].text == "Foreword"
    assert any(isinstance(b, Prose) and b.text.startswith("The council is committed") for b in doc.blocks)


def test_owner_password_only_reads_normally(pdfs: dict[str, Path], split_doc: Document) -> None:
    doc = read_pdf(pdfs["owner_only"])
    assert [[r.texts for r in t.rows] for t in doc.tables] == [[r.texts for r in t.rows] for t in split_doc.tables]


def test_pages_are_never_all_held(pdfs: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """pdf.pages builds (and keeps) every page: the reader must go page by page instead."""

    def refuse(self: object) -> None:
        raise AssertionError("pdf.pages used")

    monkeypatch.setattr(pdfplumber.PDF, "pages", property(refuse))
    assert read_pdf(pdfs["split_table"]).pages == 2


# ---------------------------------------------------------------- bad packs


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("zero_bytes", "empty file (0 bytes)"),
        ("not_pdf", "not a PDF"),
        ("truncated", "truncated PDF"),
        ("user_password", "encrypted: needs a password"),
        ("image_only", "no text layer: run OCR first"),
    ],
)
def test_bad_pack_is_one_clear_error(pdfs: dict[str, Path], name: str, problem: str) -> None:
    with pytest.raises(PackError) as caught:
        read_pdf(pdfs[name])
    assert caught.value.problem.startswith(problem)
    assert caught.value.path == str(pdfs[name])
    assert "\n" not in str(caught.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(PackError, match="cannot read"):
        read_pdf(tmp_path / "nope.pdf")


def test_content_bomb_is_refused_in_bounded_memory(pdfs: dict[str, Path]) -> None:
    tracemalloc.start()
    try:
        with pytest.raises(PackError) as caught:
            read_pdf(pdfs["content_bomb"])  # 80 MiB of content behind 80 KB
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert caught.value.page == 1
    assert "decompression bomb" in caught.value.problem
    assert peak < 16 * 2**20


def test_stream_cap_is_a_setting(pdfs: dict[str, Path]) -> None:
    with pytest.raises(PackError, match="more than 1 MiB"):
        read_pdf(pdfs["content_bomb"], PdfReaderSettings(max_stream_bytes=2**20))
    # reportlab writes content as ASCII85 over Flate: the cap sees through both
    with pytest.raises(PackError, match="decompression bomb"):
        read_pdf(pdfs["split_table"], PdfReaderSettings(max_stream_bytes=500))


def test_image_bomb_is_refused(pdfs: dict[str, Path]) -> None:
    with pytest.raises(PackError, match="100000x100000") as caught:
        read_pdf(pdfs["image_bomb"])
    assert caught.value.page == 1


# ---------------------------------------------------------------- the sample packs


@pytest.fixture(scope="module")
def doc_002() -> Document:
    return read_pdf(sample("002"))


def test_sample_002_header_row(doc_002: Document) -> None:
    headers = [t.rows[0].texts for t in doc_002.tables if t.rows]
    assert any("Action Required" in h and "Leads" in h for h in headers)
    assert doc_002.pages == 18


def test_sample_002_rows_have_pages_and_fragments_are_flagged(doc_002: Document) -> None:
    assert all(row.page is not None and 1 <= row.page <= 18 for t in doc_002.tables for row in t.rows)
    first_of_page_3 = next(t for t in doc_002.tables if t.page == 3)
    assert first_of_page_3.after_page_break
    assert first_of_page_3.rows[0].cells[0].is_empty  # the row carried over from page 2


def test_sample_002_stacked_actions_are_separate_paragraphs(doc_002: Document) -> None:
    cell = next(c for t in doc_002.tables for r in t.rows for c in r.cells if c.text.startswith("1.3.6"))
    assert [p.text[:5] for p in cell.paragraphs] == ["1.3.6", "1.3.7", "1.3.8"]
    # this pack prints its numbers in the body font (its text conversion has no <b> either)


def test_sample_000_numbers_in_bold_runs() -> None:
    doc = read_pdf(sample("000"))
    cell = next(
        c for t in doc.tables for r in t.rows for c in r.cells
        if any(p.text.startswith("1.2.1 Ensure that expectations") for p in c.paragraphs)
    )
    numbered = [p for p in cell.paragraphs if p.runs[0].bold and p.runs[0].text.strip()[:3] == "1.2"]
    assert [p.runs[0].text.strip() for p in numbered] == ["1.2.1", "1.2.2", "1.2.3", "1.2.4"]
    assert all(not p.runs[1].bold for p in numbered)
    sups = {r.text for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs if r.sup}
    assert "st" in sups  # "January 1st 2014"


@pytest.mark.parametrize("prefix", ["002", "003", "004"])
def test_sample_rows_match_the_text_pack(prefix: str) -> None:
    """Nearly every row of the text conversion has a PDF row with the same text.

    The text packs join a row broken by a page break into one row; the PDF reader keeps
    the two halves (the record builder joins them), so a few rows differ by design.
    """
    from rapidfuzz import fuzz, process

    pdf_rows = [" ".join(" ".join(r.texts).split()) for t in read_pdf(sample(prefix)).tables for r in t.rows]
    text_rows = [" ".join(" ".join(r.texts).split()) for t in read_text(sample(prefix, "text")).tables for r in t.rows]
    text_rows = [r for r in text_rows if r]
    matched = sum(1 for row in text_rows if process.extractOne(row, pdf_rows, scorer=fuzz.ratio)[1] >= 90)
    assert matched >= 0.9 * len(text_rows)


# ---------------------------------------------------------------- Camelot


def test_camelot_reads_the_split_table(pdfs: dict[str, Path], split_doc: Document) -> None:
    doc = read_pdf_camelot(pdfs["split_table"])
    assert doc.pages == 2
    assert [(t.page, t.after_page_break) for t in doc.tables] == [(1, False), (2, True)]
    # the same text, but for superscripts: no font sizes in Camelot, so "1st" not "1 st"
    assert [[r.texts for r in t.rows] for t in doc.tables] == [
        [[text.replace("1 st", "1st") for text in r.texts] for r in t.rows] for t in split_doc.tables]
    assert all(row.page == t.page for t in doc.tables for row in t.rows)


def test_camelot_cell_text_to_paragraphs() -> None:
    from plantrack.extract.camelot_reader import text_paragraphs

    text = "1.3.6 Implement training on\nwhat good looks like.\n1.3.7 Update the template\n• practice standards\n- supervision\n"
    paragraphs = text_paragraphs(text, CamelotReaderSettings())
    assert [(p.text, p.list_item) for p in paragraphs] == [
        ("1.3.6 Implement training on what good looks like.", False),
        ("1.3.7 Update the template", False),
        ("practice standards", True),
        ("supervision", True),
    ]


def test_camelot_fills(pdfs: dict[str, Path]) -> None:
    rows = by_first_cell(read_pdf_camelot(pdfs["rag_table"]).tables[0])
    for ref in ("R1", "R2", "R3", "R4", "R6"):  # RGB and grey come out exact
        name = rows[ref].cells[1].text.removeprefix("Action rated ")
        assert rows[ref].cells[2].fill == make_pdfs.RAG[name][0]
    cmyk = rows["R5"].cells[2].fill  # pdfium converts CMYK its own way: green, not exactly #00ff00
    assert cmyk is not None and int(cmyk[3:5], 16) > max(int(cmyk[1:3], 16), int(cmyk[5:7], 16))
    assert rows["R9"].cells[2].fill is None


@pytest.mark.parametrize(
    ("name", "problem"),
    [("zero_bytes", "empty file"), ("user_password", "encrypted: needs a password"),
     ("image_only", "no text layer"), ("content_bomb", "refused")],
)
def test_camelot_bad_packs(pdfs: dict[str, Path], name: str, problem: str) -> None:
    with pytest.raises(PackError) as caught:
        read_pdf_camelot(pdfs[name], CamelotReaderSettings())
    assert caught.value.problem.startswith(problem)


def test_document_types_are_the_shared_intermediate(split_doc: Document) -> None:
    cell = split_doc.tables[0].rows[1].cells[1]
    assert isinstance(cell, Cell) and all(isinstance(p, Paragraph) for p in cell.paragraphs)
