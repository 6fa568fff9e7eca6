"""Pure scorers: each compares one aspect of two actions and says how far they agree.

Scorers are kept apart from the code that applies them (blocking, assignment), as rapidfuzz keeps
scorers apart from its process functions. Every scorer returns 0..1, or None when neither side carries
the evidence (no number printed, no owner printed), so a missing value never counts as a disagreement.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from plantrack.normalize.text import unhomoglyph

_SPACE = re.compile(r"\s+")
_OWNER_SPLIT = re.compile(r"\s*(?:/|,|&|;|\+|\bAND\b)\s*")
CACHE_SIZE = 1 << 16  # the two versions of a plan repeat most texts and owners: prepare each once
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-"})


def latin(text: str) -> str:
    """Look-alike Cyrillic/Greek letters read as Latin (plain ASCII, the usual case, returned as it is)."""
    return text if text.isascii() else unhomoglyph(text)


def clear_caches() -> None:
    """Forget prepared texts and owners (benchmarks measure a cold start)."""
    for cached in (process_text, text_key, owner_key, section_key, due_wording):
        cached.cache_clear()


# --- text -------------------------------------------------------------------------------------

@lru_cache(maxsize=CACHE_SIZE)
def process_text(text: str) -> str:
    """Lower case, punctuation and symbols to spaces, whitespace collapsed (look-alike letters read as Latin)."""
    return " ".join(default_process(latin(text)).split())


MIN_TOKEN_LENGTH = 3  # `to`, `of`, `a` say nothing about which action this is


@dataclass(frozen=True, slots=True)
class TextKey:
    """A text prepared once for many comparisons: processed, its words sorted, its telling words."""

    processed: str
    sorted_words: str
    tokens: frozenset[str]


@lru_cache(maxsize=CACHE_SIZE)
def text_key(text: str) -> TextKey:
    processed = process_text(text)
    words = processed.split()
    return TextKey(processed, " ".join(sorted(words)), frozenset({w for w in words if len(w) >= MIN_TOKEN_LENGTH}))


def text_similarity(a: TextKey | str, b: TextKey | str) -> float:
    """0..1: the better of the character ratio and the sorted-words ratio.

    `token_set_ratio` is never used: it scores a sentence and the same sentence with a clause added as
    identical, and an extended action is a changed action.
    """
    ka = a if isinstance(a, TextKey) else text_key(a)
    kb = b if isinstance(b, TextKey) else text_key(b)
    if ka.processed == kb.processed:
        return 1.0
    if not ka.processed or not kb.processed:
        return 0.0
    return max(fuzz.ratio(ka.processed, kb.processed), fuzz.ratio(ka.sorted_words, kb.sorted_words)) / 100.0


def text_evidence(similarity: float, baseline: float) -> float:
    """Similarity above what two unrelated actions score anyway (about 0.4 for plan prose), rescaled to 0..1."""
    return max(0.0, (similarity - baseline) / (1.0 - baseline))


# --- action numbers and sections ---------------------------------------------------------------

def id_key(action_id: str | None) -> str | None:
    """`1.1.1.` and ` 1.1.1` are the same number; case does not matter (`New1` = `NEW1`)."""
    if not action_id:
        return None
    key = "".join(latin(action_id).split()).strip(".").lower()
    return key or None


def id_agreement(a: str | None, b: str | None) -> float | None:
    """1 for the same number, 0.3 for siblings (`1.2.3` / `1.2.4`: renumbered inside its group), else 0."""
    if a is None or b is None:
        return None
    if a == b:
        return 1.0
    pa, _, _ = a.rpartition(".")
    pb, _, _ = b.rpartition(".")
    return 0.3 if pa and pa == pb else 0.0


@lru_cache(maxsize=CACHE_SIZE)
def section_key(section: str) -> str:
    return re.sub(r"[\s.]+", "", latin(section)).lower()


def section_agreement(a: str, b: str) -> float | None:
    if not a and not b:
        return None
    return 1.0 if a == b else 0.0


# --- owners -------------------------------------------------------------------------------------

@lru_cache(maxsize=CACHE_SIZE)
def owner_key(raw: str) -> frozenset[str]:
    """`AB/ AH` = `ah, ab` = `AB and AH`: upper case, split on / , & ; + and `and`, spaces removed."""
    parts = ("".join(p.split()).strip(".") for p in _OWNER_SPLIT.split(latin(raw).upper()))
    return frozenset(p for p in parts if p)


def owner_agreement(a: frozenset[str], b: frozenset[str]) -> float | None:
    """Share of owners in common (Jaccard); None when neither side names an owner."""
    if not a and not b:
        return None
    return len(a & b) / len(a | b)


# --- due dates ----------------------------------------------------------------------------------

DueKey = tuple[str, dt.date | None, dt.date | None]


def due_key(kind: str, start: dt.date | None, date: dt.date | None) -> DueKey:
    return (kind or "none", start, date)


@lru_cache(maxsize=CACHE_SIZE)
def due_wording(raw: str) -> str:
    """The due cell with the differences SPEC says do not matter removed (case, dashes, spaces, look-alikes)."""
    return " ".join(latin(raw).translate(_DASHES).split()).lower()


def due_agreement(a: DueKey, b: DueKey) -> float | None:
    """1 for the same normalised due, 0 otherwise; None when neither side has one."""
    if a[0] == "none" and b[0] == "none":
        return None
    return 1.0 if a == b else 0.0


# --- position -------------------------------------------------------------------------------------

def position_agreement(position: float, expected: float, scale: float) -> float:
    """1 at the expected place in the plan, falling off over `scale` places (actions move, but rarely far)."""
    return math.exp(-abs(position - expected) / scale) if scale > 0 else float(position == expected)
