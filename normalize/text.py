"""Text clean-up shared by every field: whitespace collapsed, look-alike letters read as Latin.

Markup and entities are the readers' job (extract/inline_html.py); by the time text gets here
a `<` is text the pack printed, so nothing here strips tags.
"""

from __future__ import annotations

import re
import unicodedata

SPACE = re.compile(r"\s+")
# Cyrillic and Greek letters that print like Latin ones (RAG cells, `ТВС` dates)
HOMOGLYPHS = str.maketrans({
    "А": "A", "а": "a", "В": "B", "в": "b", "С": "C", "с": "c", "Е": "E", "е": "e", "Н": "H", "К": "K",
    "к": "k", "М": "M", "О": "O", "о": "o", "Р": "P", "р": "p", "Т": "T", "т": "t", "Х": "X", "х": "x",
    "У": "Y", "у": "y", "Ѕ": "S", "ѕ": "s", "І": "I", "і": "i", "Ј": "J", "ј": "j", "Г": "G",
    "Α": "A", "α": "a", "Β": "B", "Ε": "E", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O",
    "ο": "o", "Ρ": "P", "Τ": "T", "Χ": "X", "Υ": "Y", "Ζ": "Z",
})


def collapse_space(text: str) -> str:
    """Whitespace collapsed; nothing else touched (readers already removed markup, so `<` here is text)."""
    return SPACE.sub(" ", text).strip()


def unhomoglyph(text: str) -> str:
    """Read look-alike Cyrillic/Greek letters as the Latin letters they show."""
    return unicodedata.normalize("NFKC", text).translate(HOMOGLYPHS)
