"""Owner splitting and initials resolution, on strings from the sample packs."""

from __future__ import annotations

import pytest

from plantrack.extract.context import find_names
from plantrack.extract.text_reader import read_text
from plantrack.normalize.owners import name_key, resolve_names, split_owners
from tests.conftest import pack


@pytest.mark.parametrize("raw, owners", [
    ("AB/AH", ["AB", "AH"]),
    ("AB/ CB/ GP/KA", ["AB", "CB", "GP", "KA"]),
    ("Jon Brydon/ Anne Marie Dodds/ Amanda Radley", ["Jon Brydon", "Anne Marie Dodds", "Amanda Radley"]),
    ("CS & FB", ["CS", "FB"]),
    ("CS /DW TJ", ["CS", "DW", "TJ"]),
    ("LS MB SSu", ["LS", "MB", "SSu"]),
    ("DA & Board members", ["DA", "Board members"]),
    ("Director of Children's Social Care", ["Director of Children's Social Care"]),
])
def test_split_owners(raw, owners):
    assert split_owners(raw) == owners


def test_key_in_brackets_and_lead_lines_resolve_initials():
    key = name_key(["Jackie Wood (JW) will lead", "Priority 1 ... Leads: Chris Snudden / Mary-Jane Edwards"])
    assert key["JW"] == "Jackie Wood"
    assert key["CS"] == "Chris Snudden"
    assert resolve_names(["JW", "CS", "ZZ", "Head of QA"], key) == ["Jackie Wood", "Chris Snudden", "ZZ", "Head of QA"]


def test_lead_name_with_clashing_initials_is_not_used():
    key = name_key(["Lead: Chris Snudden", "Lead: Carol Smith"])
    assert "CS" not in key


def test_sample_pack_lead_lines_give_names():
    names = find_names(read_text(pack("001")))
    assert names.get("CS") == "Chris Snudden"
    assert names.get("SM") == "Simon Morley"


def test_key_takes_only_the_words_the_initials_stand_for():
    from plantrack.normalize.owners import name_for_code

    assert name_for_code("John Readman Jon Brydon", "JB") == "Jon Brydon"
    assert name_for_code("Multi-Agency Safeguarding Hub", "MASH") == "Multi-Agency Safeguarding Hub"
    assert name_for_code("Sue Sutton", "SSu") == "Sue Sutton"
    assert name_for_code("Isos Partnership", "UK") is None
    assert name_for_code("Require Improvement'", "RI") == "Require Improvement"
