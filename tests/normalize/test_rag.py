"""RAG cells: the pack's legend first, then the usual codes; homoglyphs read as Latin."""

from __future__ import annotations

import pytest

from plantrack.extract.context import find_legend
from plantrack.extract.text_reader import read_text
from plantrack.normalize.rag import parse_legend_entry, parse_rag
from tests.conftest import pack


@pytest.mark.parametrize("raw, status, label", [
    ("A", "amber", "Amber"),
    ("\u0410", "amber", "Amber"),  # Cyrillic А
    ("\u0391", "amber", "Amber"),  # Greek Α
    ("\u0421", "complete", "Complete"),  # Cyrillic С
    ("\u0441", "complete", "Complete"),  # Cyrillic с
    ("DG", "green", "Dark Green"),
    ("LG", "green", "Light Green"),
    ("R", "red", "Red"),
    ("W", "not_started", "White"),
])
def test_default_codes(raw, status, label):
    value = parse_rag(raw)
    assert (value.status, value.label) == (status, label)


def test_text_that_is_not_a_status_has_none():
    assert parse_rag("EHIP").status is None
    assert parse_rag("").status is None


def test_legend_entry_from_a_pack():
    assert parse_legend_entry("Blue (B)", "Completed") == ("B", "Blue", "complete")
    assert parse_legend_entry("White (W)", "Not started (not yet due to start)") == ("W", "White", "not_started")
    assert parse_legend_entry("Jackie Wood (JW)", "Head of QA") is None


def test_pack_legend_overrides_the_defaults():
    legend = {"B": ("complete", "Blue"), "G": ("green", "Green"), "C": ("amber", "Caution")}
    assert parse_rag("C", legend).status == "amber"
    assert parse_rag("C", legend).label == "Caution"


def test_pack_000_prints_its_own_legend():
    legend = find_legend(read_text(pack("000")))
    assert legend["W"] == ("not_started", "White")
    assert legend["B"] == ("complete", "Blue")
    assert legend["G"][0] == "green" and legend["A"][0] == "amber" and legend["R"][0] == "red"


@pytest.mark.parametrize("fill, status", [
    ("fill:#ff0000", "red"), ("fill:#c00000", "red"), ("fill:#ffc000", "amber"), ("fill:#ffbf00", "amber"),
    ("fill:#00b050", "green"), ("fill:#92d050", "green"), ("fill:#0070c0", "complete"), ("fill:#00b0f0", "complete"),
    ("fill:#ffffff", None), ("fill:#d9d9d9", None), ("fill:#000000", None),
])
def test_fill_colours_map_to_the_nearest_status(fill, status):
    assert parse_rag(fill).status == status


def test_key_table_without_brackets_is_a_legend():
    from plantrack.extract.context import find_legend
    from plantrack.extract.text_reader import parse_text

    doc = parse_text("Key\tMeaning\nBlue\tAction completed\nLight Green\tOn track\nC\tCaution: amber, at risk\n", "k.txt")
    legend = find_legend(doc)
    assert legend["B"] == ("complete", "Blue")
    assert legend["LG"] == ("green", "Light Green")
    assert legend["C"] == ("amber", "C")
    assert parse_rag("C", legend).status == "amber"


def test_a_lone_row_that_looks_like_a_key_is_not_one():
    from plantrack.extract.context import find_legend
    from plantrack.extract.text_reader import parse_text

    assert find_legend(parse_text("Item\tNote\nA\tgreen space review\n", "k.txt")) == {}
