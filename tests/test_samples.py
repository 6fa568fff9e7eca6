"""The real sample packs end to end, scored against the hand-made gold copied into tests/gold."""

from __future__ import annotations

import pytest

from plantrack.api import extract, records_frame
from tests.conftest import GOLD, SAMPLES, TEXT_PACKS
from tests.scoring import frame_dir, score

GOLD_FILES = sorted(GOLD.glob("0*.csv"))


@pytest.fixture(scope="module")
def text_score(tmp_path_factory, text_records):
    df = records_frame([r for recs in text_records.values() for r in recs])
    return score(frame_dir(df, tmp_path_factory.mktemp("text")), GOLD_FILES, GOLD / "dates.csv")


def test_text_packs_meet_the_record_bar(text_score):
    assert text_score["f1"] >= 0.97, text_score
    assert text_score["id"] >= 0.98, text_score
    assert text_score["text"] >= 0.95, text_score


def test_text_packs_meet_the_field_bar(text_score):
    assert text_score["owner"] >= 0.95, text_score
    assert text_score["due"] >= 0.95, text_score


def test_ambiguous_gold_records_are_flagged(text_score):
    assert text_score["ambiguous_flagged"] >= 0.90, text_score


def test_due_dates_normalised_as_spec_says(text_score):
    assert text_score["dates_n"] >= 50, text_score
    assert text_score["dates"] >= 0.97, text_score


def test_every_sample_text_pack_yields_records(text_records):
    assert len(text_records) == 5
    for name, recs in text_records.items():
        assert recs, name
        assert all(r.source_line for r in recs), name
        assert all(r.action for r in recs), name


def test_extract_api_reads_a_folder_into_one_frame():
    df = extract(SAMPLES / "text")
    assert set(df["source_file"]) == {p.name for p in TEXT_PACKS}
    assert df["record_id"].is_unique


def test_record_ids_are_stable_across_runs(text_records):
    again = extract(TEXT_PACKS[2])
    first = [r.record_id for r in text_records[TEXT_PACKS[2].name]]
    assert list(again["record_id"]) == first


@pytest.fixture(scope="module")
def pdf_score(tmp_path_factory):
    from tests.conftest import PDF_PACKS

    df = extract(PDF_PACKS)
    assert set(df["source_file"]) == {p.name for p in PDF_PACKS}
    assert df["source_page"].notna().all()
    return score(frame_dir(df, tmp_path_factory.mktemp("pdf")), GOLD_FILES, GOLD / "dates.csv")


@pytest.mark.parametrize("key", ["f1", "id", "owner", "due", "dates"])
def test_pdf_packs_score_within_002_of_the_text_packs(pdf_score, text_score, key):
    assert pdf_score[key] >= text_score[key] - 0.02, (key, pdf_score, text_score)


def test_pdf_packs_flag_the_ambiguous_records(pdf_score):
    assert pdf_score["ambiguous_flagged"] >= 0.90, pdf_score
