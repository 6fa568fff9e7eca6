"""Accuracy on versions with known edits: pair F1 >= 0.98 and each change column right on >= 0.95 of true pairs."""

from __future__ import annotations

import pytest

from plantrack.compare.diff import diff_records
from tests.compare import mutations
from tests.compare.mutations import CHANGE_COLUMNS, evaluate, mistakes, mutate
from tests.compare.sample_plans import gold_records, synthetic_plan


def check(old, seed: int) -> dict[str, float]:
    new, truth = mutate(old, seed)
    changes = diff_records(old, new)
    scores = evaluate(changes, truth)
    detail = "\n".join(mistakes(changes, truth))
    assert scores["f1"] >= 0.98, detail
    for col in CHANGE_COLUMNS:
        assert scores[col] >= 0.95, f"{col}: {scores[col]:.3f}\n{detail}"
    assert scores["removed_found"] >= 0.95 and scores["added_found"] >= 0.95, detail
    return scores


@pytest.mark.parametrize("seed", range(8))
def test_accuracy_on_gold_plans(seed):
    check(gold_records(seed=seed), seed)


def test_accuracy_on_a_big_plan_of_near_duplicates():
    check(synthetic_plan(3000, seed=5), 5)


def test_accuracy_with_three_times_the_edits(monkeypatch):
    monkeypatch.setattr(mutations, "RATES", {k: 3 * v for k, v in mutations.RATES.items()})
    for seed in range(3):
        check(gold_records(seed=seed), seed)


def test_mutate_records_the_truth():
    old = gold_records(seed=2)
    new, truth = mutate(old, 2)
    by_id = {r.record_id: r for r in new}
    assert set(truth.pairs.values()) | truth.added == set(by_id)
    assert set(truth.pairs) | truth.removed == {r.record_id for r in old}
    assert {"reword", "cosmetic", "reown", "slip", "delete", "add", "renumber"} <= set(truth.counts)
    renumbered = [o for o in truth.renumbered]
    assert renumbered and all(by_id[truth.pairs[o]].action_id != next(r.action_id for r in old if r.record_id == o)
                              for o in renumbered)
