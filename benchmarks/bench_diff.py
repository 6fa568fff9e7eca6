"""Diff speed, memory and accuracy: two versions of a 10,000-action plan with known edits.

Usage: python benchmarks/bench_diff.py [--actions 10000] [--seed 1] [--runs 3]
The old version repeats the gold actions (tests/gold) in numbered blocks, each copy lightly varied; the
new version is made from it by tests/compare/mutations.py (reword, cosmetic edits, re-own, slip and
bring forward dates, RAG changes, delete, add, renumber a block), which records the truth the diff is
scored against. Goal: < 2 s for 10,000 vs 10,000 actions.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the mutation helper lives with the tests

from plantrack.compare.diff import diff_records  # noqa: E402
from plantrack.compare.scorers import clear_caches  # noqa: E402
from tests.compare.mutations import evaluate, mistakes, mutate  # noqa: E402
from tests.compare.sample_plans import synthetic_plan  # noqa: E402

GOAL_SECONDS = 2.0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--actions", type=int, default=10_000, help="actions in the old version")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, default=3, help="timed runs (caches cleared before each)")
    args = ap.parse_args()

    old = synthetic_plan(args.actions, args.seed)
    new, truth = mutate(old, args.seed)
    print(f"old: {len(old)} actions; new: {len(new)} actions; edits: "
          + ", ".join(f"{k} {v}" for k, v in sorted(truth.counts.items())))

    times = []
    for _ in range(args.runs):
        clear_caches()
        start = time.perf_counter()
        changes = diff_records(old, new)
        times.append(time.perf_counter() - start)

    clear_caches()
    tracemalloc.start()
    diff_records(old, new)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    best, median = min(times), statistics.median(times)
    print(f"time: first {times[0]:.2f} s, median {median:.2f} s, best {best:.2f} s over {args.runs} runs "
          f"(goal < {GOAL_SECONDS:.0f} s: {'met' if median < GOAL_SECONDS else 'MISSED'})")
    print(f"memory: peak allocated during one diff {peak / 2**20:.0f} MB (tracemalloc); "
          f"process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    scores = evaluate(changes, truth)
    print(f"pairs: {scores['pairs_found']:.0f} found / {scores['pairs_true']:.0f} true; precision "
          f"{scores['precision']:.4f} recall {scores['recall']:.4f} F1 {scores['f1']:.4f}")
    print("change columns right on true pairs: " + ", ".join(
        f"{c} {scores[c]:.4f}" for c in ("text_change", "owner_change", "due_change", "rag_change")))
    print(f"removed found {scores['removed_found']:.4f}; added found {scores['added_found']:.4f}")
    print("status counts: " + ", ".join(f"{k} {v}" for k, v in changes["status"].value_counts().items()))
    for line in mistakes(changes, truth, limit=10):
        print("  miss:", line)


if __name__ == "__main__":
    main()
