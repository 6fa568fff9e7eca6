"""Which pairs are worth scoring: anchors, expected places, and candidates from shared numbers and rare words.

Scoring every old action against every new one costs n*m; a plan refresh mostly keeps its actions, so
1. actions whose text is unique on both sides and identical are paired outright (anchors), and
2. the rest are only scored against new actions that share their number, their exact text, one of
   their rarest words, or sit where the anchors say they should be.
Each action proposes a bounded number of candidates, so the cost grows about linearly with plan size.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Sequence

from plantrack.compare.features import Features
from plantrack.settings import DiffSettings


def _unique_pairs(old: Sequence[Features], new: Sequence[Features], old_free: Sequence[int],
                  new_free: Sequence[int], key: Callable[[Features], Hashable]) -> dict[int, int]:
    """old index -> new index where `key` occurs exactly once among the free actions of each side."""
    seen_old: dict[Hashable, list[int]] = defaultdict(list)
    seen_new: dict[Hashable, list[int]] = defaultdict(list)
    for i in old_free:
        seen_old[key(old[i])].append(i)
    for j in new_free:
        seen_new[key(new[j])].append(j)
    return {ids[0]: seen_new[k][0] for k, ids in seen_old.items()
            if len(ids) == 1 and len(seen_new.get(k, ())) == 1 and k[0]}


def find_anchors(old: Sequence[Features], new: Sequence[Features]) -> dict[int, int]:
    """Pairs beyond doubt: the same (processed) text, printed once in each version.

    A second pass pairs repeated texts when text, number, section and table kind together are unique.
    """
    anchors = _unique_pairs(old, new, range(len(old)), range(len(new)), lambda f: (f.text.processed,))
    used = set(anchors.values())
    rest = _unique_pairs(old, new, [i for i in range(len(old)) if i not in anchors],
                         [j for j in range(len(new)) if j not in used],
                         lambda f: (f.text.processed, f.id, f.section, f.table_kind))
    anchors.update(rest)
    return anchors


def in_order(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of pairs (sorted by old place) whose new places also increase.

    An action moved far away is still an anchor, but it says nothing about where its old
    neighbours went; patience-sorting keeps only the anchors that agree on the order.
    """
    tails: list[int] = []  # tails[k]: new place ending the best run of length k+1
    tail_at: list[int] = []  # index into pairs of that run's last pair
    back: list[int] = [-1] * len(pairs)
    for k, (_, b) in enumerate(pairs):
        pos = bisect.bisect_left(tails, b)
        if pos == len(tails):
            tails.append(b)
            tail_at.append(k)
        else:
            tails[pos] = b
            tail_at[pos] = k
        back[k] = tail_at[pos - 1] if pos else -1
    out: list[tuple[int, int]] = []
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        out.append(pairs[k])
        k = back[k]
    return out[::-1]


class Expected:
    """Where an action of one side should sit on the other, from the nearest anchor before it.

    A renumbered or reworded block keeps its place between unchanged neighbours, so place is good
    evidence; without anchors, places scale with the two plans' lengths.
    """

    def __init__(self, anchors: dict[int, int], n_from: int, n_to: int) -> None:
        pairs = in_order(sorted(anchors.items()))
        self._from = [a for a, _ in pairs]
        self._to = [b for _, b in pairs]
        self._scale = n_to / n_from if n_from else 1.0

    def __call__(self, position: int) -> float:
        k = bisect.bisect_right(self._from, position) - 1
        if k >= 0:
            return float(self._to[k] + (position - self._from[k]))
        if self._from:
            return float(self._to[0] - (self._from[0] - position))
        return position * self._scale


def _nearest(sorted_positions: list[int], expected: float, width: int) -> list[int]:
    """The `width` entries of a sorted position list closest to `expected`."""
    if len(sorted_positions) <= width:
        return sorted_positions
    k = bisect.bisect_left(sorted_positions, expected)
    lo = max(0, min(k - width // 2, len(sorted_positions) - width))
    return sorted_positions[lo:lo + width]


def _group_pairs(old: Sequence[Features], new: Sequence[Features], old_free: list[int], new_free: list[int],
                 key: Callable[[Features], Hashable | None], expect_new: Expected, expect_old: Expected,
                 settings: DiffSettings) -> set[tuple[int, int]]:
    """Pairs sharing `key` (same number, same text); a big group pairs only by nearest place."""
    groups_old: dict[Hashable, list[int]] = defaultdict(list)
    groups_new: dict[Hashable, list[int]] = defaultdict(list)
    for i in old_free:
        k = key(old[i])
        if k is not None:
            groups_old[k].append(i)
    for j in new_free:
        k = key(new[j])
        if k is not None:
            groups_new[k].append(j)
    out: set[tuple[int, int]] = set()
    width = settings.posting_window // 2 or 1
    for k, olds in groups_old.items():
        news = groups_new.get(k)
        if not news:
            continue
        if len(olds) * len(news) <= settings.group_cap:
            out.update((i, j) for i in olds for j in news)
            continue
        for i in olds:
            out.update((i, j) for j in _nearest(news, expect_new(i), width))
        for j in news:
            out.update((i, j) for i in _nearest(olds, expect_old(j), width))
    return out


def _word_candidates(src: Sequence[Features], dst: Sequence[Features], src_free: list[int], dst_free: list[int],
                     expect: Expected, settings: DiffSettings) -> dict[int, list[int]]:
    """For each free action of `src`, the free actions of `dst` sharing most of its rarest words."""
    postings: dict[str, list[int]] = defaultdict(list)
    for j in dst_free:  # ascending, so every posting list is sorted by position
        for w in dst[j].tokens:
            postings[w].append(j)
    out: dict[int, list[int]] = {}
    for i in src_free:
        words = sorted((w for w in src[i].tokens if w in postings), key=lambda w: (len(postings[w]), w))
        if not words:
            continue
        expected = expect(i)
        votes: Counter[int] = Counter()
        for w in words[:settings.rare_tokens]:
            posting = postings[w]
            votes.update(posting if len(posting) <= settings.posting_cap
                         else _nearest(posting, expected, settings.posting_window))
        best = sorted(votes.items(), key=lambda kv: (-kv[1], abs(kv[0] - expected)))
        out[i] = [j for j, _ in best[:settings.max_candidates]]
    return out


def candidate_pairs(old: Sequence[Features], new: Sequence[Features], anchors: dict[int, int],
                    settings: DiffSettings) -> set[tuple[int, int]]:
    """(old index, new index) pairs worth scoring among the actions the anchors left unpaired."""
    used = set(anchors.values())
    old_free = [i for i in range(len(old)) if i not in anchors]
    new_free = [j for j in range(len(new)) if j not in used]
    if not old_free or not new_free:
        return set()
    expect_new = Expected(anchors, len(old), len(new))
    expect_old = Expected({b: a for a, b in anchors.items()}, len(new), len(old))
    pairs = _group_pairs(old, new, old_free, new_free, lambda f: f.id, expect_new, expect_old, settings)
    pairs |= _group_pairs(old, new, old_free, new_free, lambda f: f.text.processed or None,
                          expect_new, expect_old, settings)
    for i, js in _word_candidates(old, new, old_free, new_free, expect_new, settings).items():
        pairs.update((i, j) for j in js)
    for j, is_ in _word_candidates(new, old, new_free, old_free, expect_old, settings).items():
        pairs.update((i, j) for i in is_)
    # whatever sits at the expected place, for actions reworded beyond sharing a rare word
    for i in old_free:
        pairs.update((i, j) for j in _nearest(new_free, expect_new(i), 3))
    return pairs
