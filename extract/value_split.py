"""Split one printed line that holds several actions' values run together.

`LS MB SSu`, `Sally Allen Head of QA Learning and development/PSW`, `Aug 2019 Nov 2019`:
the PDF lost the line breaks between stacked values. Splitting them is reading, so the
caller flags every record it aligns this way.
"""

from __future__ import annotations

import re
from functools import lru_cache

DATE_PHRASE = re.compile(
    # a recurrence may lead in: `Every 6mths from March 2014`, `Quarterly from Jan 14`
    r"(?:\b(?:(?:every|each)\s*(?:other|\d+|two|three|four|six|twelve)?\s*"
    r"(?:days?|weeks?|wks?|months?|mths?|years?|yrs?|terms?|quarters?)"
    r"|termly|monthly|weekly|yearly|quarterly|fortnightly|annually)\s+)?"
    r"(?:(?:by|from|end|start|w/c)\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*'?\d{2,4}(?:\s*onwards)?"
    r"|\b\d{1,2}/\d{2,4}\b|\bon-?going\b|\bimmediate\b|\btb[acd]\b", re.I)
DATE_GLUE = re.compile(r"^[\s,;&/]*(?:and|&|then)?[\s,;&/]*$", re.I)
SEGMENT_COST = 2.0  # each cut must be worth it: `Jon Brydon` is one name, not two owners
CONNECTORS = {"of", "and", "for", "the", "to", "in", "with", "&"}
INITIALS = re.compile(r"^(?=(?:[a-z]*[A-Z]){2})[A-Z][A-Za-z]{1,4}$|^[A-Z]$")
CAPITAL = re.compile(r"^[A-Z][a-z'’\-]+$")


def split_dates(text: str) -> list[str]:
    """`Aug 2019 Nov 2019 Feb 2020` -> three dates; [] unless dates cover the whole text."""
    found = list(DATE_PHRASE.finditer(text))
    if len(found) < 2:
        return []
    pos = 0
    for m in found:
        if not DATE_GLUE.match(text[pos:m.start()]):
            return []
        pos = m.end()
    if not DATE_GLUE.match(text[pos:]):
        return []
    return [m.group(0).strip() for m in found]


def _unit_score(words: tuple[str, ...]) -> float:
    """How plainly `words` read as one owner: initials, a person's name, or a role title."""
    if not words:
        return -1.0
    if len(words) == 1:
        w = words[0]
        return 3.0 if INITIALS.match(w) else (1.0 if CAPITAL.match(w) else -1.0)
    if all(CAPITAL.match(w) for w in words) and len(words) <= 3:
        return 3.0 if len(words) == 2 else 2.5  # a person: `Sally Allen`, `Anne Marie Dodds`
    low = [w.lower() in CONNECTORS for w in words]
    if (CAPITAL.match(words[0]) and low[1] and not low[-1]
            and all(lw or CAPITAL.match(w) or INITIALS.match(w) or w.islower() for w, lw in zip(words, low, strict=True))):
        return 3.0  # a role: `Head of QA`, `Learning and development`
    if len(words) == 2 and all(INITIALS.match(w) for w in words):
        return 1.5  # `HoS QA`: one role or two people; reading decides
    return -1.0


def _segment_score(tokens: tuple[str, ...]) -> float:
    """A segment may chain owners with `/` (`Jon Brydon/ Anne Marie Dodds`): its weakest part counts."""
    text = " ".join(tokens)
    parts = [p.split() for p in re.split(r"\s*/\s*", text) if p.strip()]
    if not parts:
        return -1.0
    return min(_unit_score(tuple(p)) for p in parts)


@lru_cache(maxsize=4096)
def segment_owners(text: str) -> tuple[str, ...]:
    """The most plausible reading of `text` as consecutive owners; (text,) when it reads as one or none."""
    glued = re.sub(r"\s*/\s*", "/", text.strip())
    raw_tokens = glued.split()
    if len(raw_tokens) < 2 or len(raw_tokens) > 40:
        return (text,)
    # `/` binds its neighbours into one token; split them back into words for scoring
    tokens = tuple(raw_tokens)
    n = len(tokens)
    best: list[tuple[float, tuple[int, ...]] | None] = [None] * (n + 1)
    best[0] = (0.0, ())
    for end in range(1, n + 1):
        for start in range(max(0, end - 8), end):
            prev = best[start]
            if prev is None:
                continue
            seg = tokens[start:end]
            words = tuple(w for t in seg for w in t.replace("/", " / ").split())
            score = _segment_score(words)
            if score <= 0:
                continue
            total = prev[0] + score - SEGMENT_COST
            if best[end] is None or total > best[end][0] + 1e-9:
                best[end] = (total, prev[1] + (end,))
    if best[n] is None:
        return (text,)
    cuts = (0,) + best[n][1]
    if len(cuts) <= 2:
        return (text,)
    return tuple(_as_printed(text, [" ".join(tokens[a:b]) for a, b in zip(cuts, cuts[1:], strict=False)]))


def _as_printed(text: str, pieces: list[str]) -> list[str]:
    """The pieces as the source printed them (its own spacing around `/`)."""
    out: list[str] = []
    pos = 0
    for piece in pieces:
        pattern = r"\s*/\s*".join(r"\s+".join(map(re.escape, part.split())) for part in piece.split("/"))
        m = re.compile(pattern).search(text, pos)
        if m is None:
            return pieces
        out.append(m.group(0).strip())
        pos = m.end()
    return out


def repeated_group(text: str) -> list[str]:
    """`LS MB SSu LS MB SSu`: one group of owners printed once per action, the breaks between lost
    (a narrow column wraps inside each group, so the layout cannot show them); [] when no repeat."""
    tokens = text.split()
    for size in range(1, len(tokens) // 2 + 1):
        count = len(tokens) // size
        if len(tokens) % size == 0 and tokens == tokens[:size] * count:
            return [" ".join(tokens[:size])] * count
    return []


def split_owners_run_together(text: str, n: int) -> list[str]:
    """Owners for `n` actions from one line; [] when the line does not plainly hold several."""
    repeated = repeated_group(text)
    if repeated:
        return repeated  # the same group for each action: plainly several, however many actions were found
    pieces = segment_owners(text)
    if len(pieces) < 2:
        return []
    only_initials = all(all(INITIALS.match(w) for w in re.split(r"[/\s]+", p) if w) for p in pieces)
    if only_initials and len(pieces) != n:
        return []  # `LS MB SSu` beside two actions: one group of owners, not one each
    return list(pieces)
