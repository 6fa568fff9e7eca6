"""Owner cells -> the people/teams as printed, and initials -> names the pack itself gives."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

SEPARATORS = re.compile(r"\s*(?:/|;|,|&|\+|\band\b)\s*", re.I)
INITIALS = re.compile(r"^(?=(?:[a-z]*[A-Z]){2})[A-Z][A-Za-z]{1,4}$|^[A-Z]$")  # AB, SSu, AMcK
KEY_PAREN = re.compile(r"\b([A-Z][a-z'\-]+(?:\s+(?:[A-Z][a-z'\-]+|[A-Z]\.?|de|van|Mc[A-Z][a-z]+))+)\s*\(([A-Z][A-Za-z]{1,4})\)")
LEAD_LINE = re.compile(r"\bLeads?\s*:\s*(.+)", re.I)
NAME = re.compile(r"^[A-Z][a-z'\-]+(?:[\s\-][A-Z][a-z'\-]+)+$")


def split_owners(raw: str) -> list[str]:
    """`AB/AH` -> [AB, AH]; `CS & FB` -> [CS, FB]; `CS /DW TJ` -> [CS, DW, TJ] (initials run together)."""
    return list(_split_owners(raw))


@lru_cache(maxsize=8192)
def _split_owners(raw: str) -> tuple[str, ...]:
    parts = [p.strip(" .") for p in SEPARATORS.split(raw) if p and p.strip(" .")]
    out: list[str] = []
    for part in parts:
        tokens = part.split()
        if len(tokens) > 1 and all(INITIALS.match(t) for t in tokens):
            out.extend(tokens)  # `LS MB SSu`-style lists lost their separators
        else:
            out.append(part)
    return tuple(out)


def initials_of(name: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s\-]+", name) if w and w[0].isupper())


def name_for_code(words: str, code: str) -> str | None:
    """The end of `words` that `code` abbreviates: `John Readman Jon Brydon` + `JB` -> `Jon Brydon`.

    Initials must match letter for letter (`SSu` may run on into the last word: `Sue Sutton`);
    a key whose letters do not fit the words before it (`Isos Partnership (UK)`) is no key.
    """
    parts = [w.strip("'’\".,") for w in words.split()]
    parts = [w for w in parts if w]
    for start in range(len(parts) - 1, -1, -1):
        tail = parts[start:]
        letters = [p for w in tail for p in re.split(r"-", w) if p]
        initials = "".join(p[0] for p in letters).lower()
        want = code.lower()
        if initials == want or (want.startswith(initials) and len(initials) >= 2
                                and letters[-1].lower()[1:].startswith(want[len(initials):])):
            return " ".join(tail)
        if len(initials) > len(want):
            break
    return None


def name_key(texts: Iterable[str]) -> dict[str, str]:
    """Initials -> full name, only from what the pack prints: `Jackie Wood (JW)` and `Lead: Chris Snudden`.

    A lead-line name counts only when its initials match no other name in the pack.
    """
    explicit: dict[str, str] = {}
    lead_names: set[str] = set()
    for text in texts:
        if ")" in text:
            for m in KEY_PAREN.finditer(text):
                name = name_for_code(m.group(1), m.group(2))
                if name:
                    explicit.setdefault(m.group(2), name)
        if "ead" not in text:
            continue
        for m in LEAD_LINE.finditer(text):
            for part in SEPARATORS.split(m.group(1)):
                part = part.strip(" .")
                part = re.split(r"\s{2,}|\(|\bLeads?\b", part)[0].strip()
                if NAME.match(part) and len(part.split()) <= 4:
                    lead_names.add(part)
    by_initials: dict[str, set[str]] = {}
    for name in lead_names:
        by_initials.setdefault(initials_of(name), set()).add(name)
    key = dict(explicit)
    for code, names in by_initials.items():
        if code not in key and len(names) == 1:
            key[code] = next(iter(names))
    return key


def resolve_names(owners: list[str], key: dict[str, str]) -> list[str]:
    return [key.get(o, key.get(o.upper(), o)) if INITIALS.match(o) else o for o in owners]
