"""The text reader: TSV rows with inline HTML -> the shared intermediate."""

from __future__ import annotations

import pytest

from plantrack.errors import PackError
from plantrack.extract.document import Table
from plantrack.extract.inline_html import parse_inline_html
from plantrack.extract.text_reader import decode_text, parse_text, read_text
from tests.conftest import pack


def test_stacked_paragraphs_keep_bold_numbers():
    cell = "<p><b>1.1.4</b> Ensure practitioners have access</p> <p><b>1.1.5</b> Ensure the Carefirst system</p>"
    paras = parse_inline_html(cell)
    assert [p.text for p in paras] == ["1.1.4 Ensure practitioners have access", "1.1.5 Ensure the Carefirst system"]
    assert paras[0].runs[0].bold and paras[0].runs[0].text.strip() == "1.1.4"
    assert not paras[0].runs[1].bold


def test_list_items_entities_and_superscripts():
    cell = ('From January 1 <sup>st</sup> 2014 <ul style="list-style-type: none"> <li>• Trends &amp; needs</li>'
            " <li>- places</li> </ul>")
    paras = parse_inline_html(cell)
    assert paras[0].text == "From January 1 st 2014"
    assert any(r.sup for r in paras[0].runs)
    assert [(p.text, p.list_item, p.marker) for p in paras[1:]] == [("Trends & needs", True, "•"), ("places", True, "-")]


def test_nested_lists_record_their_depth():
    paras = parse_inline_html("<ul><li>Develop an approach: <ul><li>- places</li></ul></li><li>Review</li></ul>")
    assert [(p.text, p.level) for p in paras] == [("Develop an approach:", 0), ("places", 1), ("Review", 0)]


def test_blank_line_and_separator_row_mark_page_breaks():
    text = "A\tB\tC\n1\t2\t3\n\n4\t5\t6\n--\t--\t--\n7\t8\t9\nProse ends it\n10\t11\t12\n"
    tables = [b for b in parse_text(text, "x.txt").blocks if isinstance(b, Table)]
    assert [[r.line for r in t.rows] for t in tables] == [[1, 2], [4], [6], [8]]
    assert [t.after_page_break for t in tables] == [False, True, True, False]


def test_real_pack_tables_keep_line_numbers():
    doc = read_text(pack("002"))
    header = next(r for t in doc.tables for r in t.rows if "Action Required" in r.texts)
    assert header.line == 53
    assert doc.source_file.startswith("002_")


@pytest.mark.parametrize("data, expected", [
    ("caf\u00e9 \u00a3 \u201cquoted\u201d".encode("cp1252"), "café £ “quoted”"),
    ("\ufeffplan £".encode(), "plan £"),
    ("plan £".encode("utf-16"), "plan £"),
])
def test_readable_encodings_decode(data, expected):
    assert decode_text(data, "x.txt") == expected


@pytest.mark.parametrize("data, message", [
    (b"", "empty file"),
    (b"   \n\n", "empty file"),
    (bytes(range(256)) * 40, "binary file"),
    (b"\x00\x01\x02\x03" * 1000, "binary file"),
])
def test_unreadable_bytes_are_refused_with_the_file_name(data, message):
    with pytest.raises(PackError) as info:
        decode_text(data, "bad.txt")
    assert "bad.txt" in str(info.value) and message in str(info.value)


def test_a_stray_nul_byte_in_text_is_dropped():
    text = b"Action\tWho\n" + b"1.1 Review the plan\tAB\n" * 50
    assert decode_text(text.replace(b"Who", b"Who\x00", 1), "x.txt") == text.decode()
