"""Word-level differences between two texts, for the report to highlight what was deleted and inserted."""

from __future__ import annotations

import difflib
import html
from collections.abc import Callable

Span = tuple[bool, str]  # (changed?, words)


def word_spans(old: str, new: str) -> tuple[list[Span], list[Span]]:
    """Old and new text as runs of words, marking the runs the other side does not have."""
    a, b = old.split(), new.split()
    old_spans: list[Span] = []
    new_spans: list[Span] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if i2 > i1:
            old_spans.append((op != "equal", " ".join(a[i1:i2])))
        if j2 > j1:
            new_spans.append((op != "equal", " ".join(b[j1:j2])))
    return old_spans, new_spans


def _join(spans: list[Span], tag: str, escape: Callable[[str], str]) -> str:
    return " ".join(f"<{tag}>{escape(text)}</{tag}>" if changed else escape(text) for changed, text in spans)


def marked_diff(old: str, new: str, escape: Callable[[str], str] = html.escape) -> tuple[str, str]:
    """(old with `<del>` around removed words, new with `<ins>` around inserted words), text escaped."""
    old_spans, new_spans = word_spans(old, new)
    return _join(old_spans, "del", escape), _join(new_spans, "ins", escape)
