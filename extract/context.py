"""What a pack says about itself: its own date, its RAG legend, its key of initials."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice

from plantrack.extract.document import Document, Heading, Prose, Table
from plantrack.normalize.owners import name_key
from plantrack.normalize.rag import parse_key_row, parse_legend_entry

FULL_DATE = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+(January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+((?:19|20)\d\d)\b", re.I)
YEAR = re.compile(r"\b(20\d\d|19\d\d)\b")


@dataclass
class PackContext:
    pack_year: int | None = None
    legend: dict[str, tuple[str, str]] = field(default_factory=dict)  # code -> (status, label)
    names: dict[str, str] = field(default_factory=dict)  # initials -> name


def _block_texts(doc: Document) -> Iterator[str]:
    for block in doc.blocks:
        if isinstance(block, (Heading, Prose)):
            yield block.text
        else:
            for row in block.rows:
                yield " | ".join(row.texts)


def find_pack_year(doc: Document) -> int | None:
    """The year the pack prints for itself: its first full date near the start, else its commonest year."""
    head: list[str] = []
    for block in doc.blocks[:80]:
        if isinstance(block, (Heading, Prose)):
            head.append(block.text)
    for text in head:
        m = FULL_DATE.search(text)
        if m:
            return int(m.group(2))
    years = Counter(int(y) for text in islice(_block_texts(doc), 400) for y in YEAR.findall(text))
    return years.most_common(1)[0][0] if years else None


def find_legend(doc: Document) -> dict[str, tuple[str, str]]:
    """The pack's RAG key: `Blue (B) | Completed` rows or lines, or a key table of colour or code rows."""
    legend: dict[str, tuple[str, str]] = {}
    for block in doc.blocks:
        if isinstance(block, Table):
            keyed: list[tuple[str, str, str]] = []
            for row in block.rows:
                texts = [t for t in row.texts if t.strip()]
                if not texts or len(texts[0]) > 30:
                    continue
                meaning = " ".join(texts[1:2])
                entry = parse_legend_entry(texts[0], meaning) if "(" in texts[0] else None
                if entry:
                    legend.setdefault(entry[0], (entry[2], entry[1]))
                elif len(texts) >= 2:
                    bare = parse_key_row(texts[0], meaning)
                    if bare:
                        keyed.append(bare)
            if len(keyed) >= 2:  # one row alone could be anything; a key lists several statuses
                for code, label, status in keyed:
                    legend.setdefault(code, (status, label))
        elif isinstance(block, Prose) and len(block.text) < 200 and "(" in block.text:
            entry = parse_legend_entry(block.text)
            if entry:
                legend.setdefault(entry[0], (entry[2], entry[1]))
    return legend


def find_names(doc: Document) -> dict[str, str]:
    texts = _block_texts(doc)
    key = name_key(texts)
    # a key table: `Initials | Name | Job Title`
    for block in doc.blocks:
        if not isinstance(block, Table) or not block.rows:
            continue
        header = [t.strip().lower() for t in block.rows[0].texts]
        if "initials" in header and "name" in header:
            ci, cn = header.index("initials"), header.index("name")
            for row in block.rows[1:]:
                t = row.texts
                if max(ci, cn) < len(t) and t[ci].strip() and t[cn].strip():
                    key.setdefault(t[ci].strip(), t[cn].strip())
    return key


def pack_context(doc: Document) -> PackContext:
    return PackContext(pack_year=find_pack_year(doc), legend=find_legend(doc), names=find_names(doc))
