"""The pure scorers: text, numbers, owners, dates and place, each 0..1 or None for no evidence."""

from __future__ import annotations

import datetime as dt

import pytest

from plantrack.compare.scorers import (
    due_agreement,
    due_key,
    due_wording,
    id_agreement,
    id_key,
    owner_agreement,
    owner_key,
    position_agreement,
    process_text,
    text_evidence,
    text_similarity,
)

SENTENCE = "Ensure all internal Tri-X procedures clearly set out and reflect the above"


def test_process_text_ignores_case_punctuation_spacing_and_lookalikes():
    assert process_text("  Ensure   ALL Tri-X procedures. ") == "ensure all tri x procedures"
    assert process_text("Сhildren") == "children"  # Cyrillic С


def test_text_similarity_identical_and_cosmetic():
    assert text_similarity(SENTENCE, SENTENCE) == 1.0
    assert text_similarity(SENTENCE, SENTENCE.upper() + ".") == 1.0


def test_text_similarity_is_not_token_set():
    """A sentence and the same sentence extended are different actions (token_set_ratio says 100)."""
    extended = SENTENCE + " and report progress to the Improvement Board every quarter"
    assert text_similarity(SENTENCE, extended) < 0.8


def test_text_similarity_reordered_words_score_high():
    a = "Ensure good practice examples and additional staff guidance materials clearly set out"
    b = "Ensure additional staff guidance materials and good practice examples clearly set out"
    assert text_similarity(a, b) > 0.9


def test_unrelated_actions_score_near_baseline():
    a = "Commission an independent audit of the front door"
    b = "Recruit and retain experienced social workers in the locality teams"
    assert text_similarity(a, b) < 0.5
    assert text_evidence(0.4, 0.4) == 0.0 and text_evidence(1.0, 0.4) == 1.0


@pytest.mark.parametrize("a, b, agreement", [
    ("1.1.1", "1.1.1", 1.0),
    ("1.1.1.", " 1.1.1", 1.0),
    ("New1", "NEW1", 1.0),
    ("1.2.3", "1.2.4", 0.3),
    ("1.2.3", "2.1.1", 0.0),
    (None, "1.1", None),
])
def test_id_agreement(a, b, agreement):
    assert id_agreement(id_key(a), id_key(b)) == agreement


@pytest.mark.parametrize("a, b", [
    ("AB/AH", "AB/ AH"),
    ("AB/AH", "ah, ab"),
    ("AB and AH", "AH & AB"),
    ("CS + FB", "FB; CS"),
    ("Head of QA", "HEAD OF  QA"),
])
def test_owner_key_normalises(a, b):
    assert owner_key(a) == owner_key(b)


def test_owner_key_splits_into_set():
    assert owner_key("AB/ CB/ GP/KA") == frozenset({"AB", "CB", "GP", "KA"})
    assert owner_key("") == frozenset()


def test_owner_agreement_is_jaccard():
    assert owner_agreement(owner_key("AB/AH"), owner_key("AB/AH")) == 1.0
    assert owner_agreement(owner_key("AB/AH"), owner_key("AB")) == 0.5
    assert owner_agreement(owner_key("AB"), owner_key("CM")) == 0.0
    assert owner_agreement(owner_key(""), owner_key("")) is None


def test_due_agreement_on_normalised_dates():
    dec = due_key("deadline", None, dt.date(2013, 12, 31))
    assert due_agreement(dec, due_key("deadline", None, dt.date(2013, 12, 31))) == 1.0
    assert due_agreement(dec, due_key("deadline", None, dt.date(2014, 3, 31))) == 0.0
    assert due_agreement(due_key("none", None, None), due_key("none", None, None)) is None


def test_due_wording_ignores_case_dashes_and_spaces():
    assert due_wording("Sept 2013 \u2013  ongoing") == due_wording("SEPT 2013 - ongoing")


def test_position_agreement_fades_with_distance():
    assert position_agreement(10, 10, 8) == 1.0
    assert position_agreement(12, 10, 8) > position_agreement(30, 10, 8) > 0
