"""Pairing actions one-to-one: renumbering, duplicates, rivals, plans, and the sparse solver."""

from __future__ import annotations

from plantrack.compare.assign import assign
from plantrack.compare.blocking import candidate_pairs, find_anchors
from plantrack.compare.features import features
from plantrack.compare.match import match_actions, match_detail, match_plans
from plantrack.models import ActionRecord
from plantrack.settings import DiffSettings
from tests.compare.mutations import mutate
from tests.compare.sample_plans import gold_records, synthetic_plan


def rec(action: str, action_id: str | None = None, plan: str = "Plan", **fields) -> ActionRecord:
    return ActionRecord(source_file="x.txt", plan_title=plan, action=action, action_id=action_id, **fields)


def one_plan(title: str = "Practice Standards") -> list[ActionRecord]:
    return [r for r in gold_records() if r.plan_title == title]


def pairs_of(old: list[ActionRecord], new: list[ActionRecord], settings: DiffSettings | None = None
             ) -> dict[int, int]:
    return {p.old_index: p.new_index for p in match_actions(old, new, settings)}


def test_identical_plans_pair_in_place_with_full_confidence():
    old = one_plan()
    found = match_actions(old, [r.model_copy() for r in old])
    assert [(p.old_index, p.new_index) for p in found] == [(k, k) for k in range(len(old))]
    assert all(p.confidence == 1.0 and p.similarity == 1.0 for p in found)
    assert found[0].match_evidence.startswith(f"same id {old[0].action_id}; same text")


def test_renumbered_block_pairs_unchanged_actions_with_new_numbers():
    """An action inserted at 1.2.1 pushes the rest of the section one number up."""
    old = one_plan()
    block = [k for k, r in enumerate(old) if r.action_id and r.action_id.startswith("1.2.")]
    assert len(block) >= 3
    new = [r.model_copy() for r in old]
    for k in block:
        head, _, last = old[k].action_id.rpartition(".")
        new[k] = new[k].model_copy(update={"action_id": f"{head}.{int(last) + 1}"})
    inserted = rec("Appoint a practice lead for strategy meetings in every locality team", "1.2.1",
                   plan="Practice Standards")
    new.insert(block[0], inserted)
    found = pairs_of(old, new)
    for k in range(len(old)):
        assert found[k] == (k if k < block[0] else k + 1)  # every old action found, the inserted one is not
    assert block[0] not in found.values()


def test_renumbered_repeated_texts_pair_by_place():
    """The same wording under two objectives, both renumbered: the numbers say nothing, the places do."""
    texts = ["Review the escalation policy", "Audit twenty case files each month", "Review the escalation policy",
             "Report progress to the Improvement Board"]
    old = [rec(t, f"{k + 1}.1", section=f"S{k + 1}", owner_raw=f"O{k}") for k, t in enumerate(texts)]
    new = [rec(t, f"{k + 2}.1", section=f"S{k + 2}", owner_raw=f"O{k}") for k, t in enumerate(texts)]
    assert pairs_of(old, new) == {0: 0, 1: 1, 2: 2, 3: 3}


def test_number_is_not_proof():
    """A different action printed under an old number is a removal and an addition, not a rewording."""
    old = [rec("Commission an independent audit of the front door", "1.1", owner_raw="AB"),
           rec("Recruit twelve experienced social workers", "1.2", owner_raw="CM")]
    new = [rec("Commission an independent audit of the front door", "1.1", owner_raw="AB"),
           rec("Publish the new threshold document for partners", "1.2", owner_raw="CM")]
    assert pairs_of(old, new) == {0: 0}


def test_one_to_one_when_two_old_actions_compete_for_one_new():
    old = [rec("Ensure all internal Tri-X procedures clearly set out and reflect the above", "1.2.2"),
           rec("Ensure all internal Tri-X procedures and processes clearly set out and reflect the above", "1.2.5")]
    new = [rec("Ensure all internal Tri-X procedures clearly set out and reflect the expectations above", "1.2.2")]
    found = match_actions(old, new)
    assert [(p.old_index, p.new_index) for p in found] == [(0, 0)]


def test_no_action_matched_twice_on_mutated_plans():
    for seed in range(5):
        old = gold_records(seed=seed)
        new, _ = mutate(old, seed)
        found = match_actions(old, new)
        assert len({p.old_index for p in found}) == len(found) == len({p.new_index for p in found})


def test_close_rivals_lower_the_confidence():
    old = [rec("Rigorous performance management to ensure all LAC have an up to date PEP"),
           rec("Rigorous performance management to ensure all LAC have an up to date care plan")]
    new = [rec("Rigorous performance management to ensure all LAC have an up to date PEP and care plan")]
    (pair,) = match_actions(old, new)
    assert pair.confidence < 1.0


def test_unpaired_actions_keep_their_nearest_rejected_candidate():
    old = [rec("Commission an independent audit of the front door", "1.1"), rec("Review escalation", "1.2")]
    new = [rec("Commission an independent audit of the front door", "1.1"),
           rec("Review the escalation and complaints process with all partner agencies", "1.2")]
    result = match_detail(old, new)
    assert [(p.old_index, p.new_index) for p in result.pairs] == [(0, 0)]
    assert 1 in result.near_old and result.near_old[1][0] == 1


def test_sparse_solver_agrees_with_dense():
    old = gold_records(seed=4)
    new, _ = mutate(old, 4)
    dense = match_actions(old, new)
    sparse = match_actions(old, new, DiffSettings(dense_limit=0))
    assert [(p.old_index, p.new_index) for p in dense] == [(p.old_index, p.new_index) for p in sparse]


def test_assign_prefers_one_clear_pair_over_two_weak_ones():
    # weights are margins over the threshold: A-X clear, A-Y and B-X barely above it
    assert assign([(0, 0, 0.40), (0, 1, 0.05), (1, 0, 0.05)]) == [(0, 0)]
    assert assign([(0, 0, 0.40), (0, 1, 0.05), (1, 0, 0.05)], dense_limit=0) == [(0, 0)]


def test_blocking_grows_linearly():
    """Candidates per action stay bounded as the plan grows (never all pairs)."""
    per_action = []
    for n in (1000, 4000):
        old = synthetic_plan(n, seed=2)
        new, _ = mutate(old, 2)
        old_f, new_f = features(old), features(new)
        anchors = find_anchors(old_f, new_f)
        per_action.append(len(candidate_pairs(old_f, new_f, anchors, DiffSettings())) / n)
    assert per_action[1] < per_action[0] * 1.5 and per_action[1] < 20


# --- plans -------------------------------------------------------------------------------------------

def test_match_plans_pairs_titles_fuzzily():
    old = [rec("a", plan="Practice Standards"), rec("b", plan="LAC Operational Improvement Plan")]
    new = [rec("a", plan="LAC Operational Improvement Plan 2014"), rec("b", plan="Practice standards")]
    found = {(m.old_title, m.new_title) for m in match_plans(old, new)}
    assert found == {("Practice Standards", "Practice standards"),
                     ("LAC Operational Improvement Plan", "LAC Operational Improvement Plan 2014")}


def test_match_plans_pairs_a_renamed_plan_by_its_actions():
    old = [rec(t, plan="Action Plan") for t in ("Audit case files", "Recruit social workers", "Publish thresholds")]
    new = [r.model_copy(update={"plan_title": "School Improvement Strategy 2014"}) for r in old]
    (m,) = match_plans(old, new)
    assert (m.old_title, m.new_title) == ("Action Plan", "School Improvement Strategy 2014") and m.overlap == 1.0


def test_match_plans_leaves_unmatched_plans_alone():
    old = [rec("Audit case files", plan="People"), rec("Recruit social workers", plan="Practice Standards")]
    new = [rec("Recruit social workers", plan="Practice Standards"), rec("Train governors", plan="Governance")]
    found = {(m.old_title, m.new_title) for m in match_plans(old, new)}
    assert found == {("Practice Standards", "Practice Standards"), ("People", None), (None, "Governance")}
