"""RAG cells -> canonical status, the pack's own legend first, then the usual codes and words."""

from __future__ import annotations

import re
from dataclasses import dataclass

from plantrack.normalize.text import unhomoglyph

CANONICAL = ("not_started", "red", "amber", "green", "complete")


@dataclass(frozen=True)
class RagValue:
    code: str  # as read (homoglyphs resolved), e.g. `DG`
    status: str | None  # canonical, None when the cell holds no status
    label: str | None  # the pack's own name for it, e.g. `Dark Green`


# The usual codes and words when a pack prints no legend: (status, label)
DEFAULT_CODES: dict[str, tuple[str, str]] = {
    "R": ("red", "Red"), "RED": ("red", "Red"),
    "A": ("amber", "Amber"), "AMBER": ("amber", "Amber"), "AG": ("amber", "Amber/Green"),
    "RA": ("red", "Red/Amber"),
    "G": ("green", "Green"), "GREEN": ("green", "Green"),
    "LG": ("green", "Light Green"), "LIGHTGREEN": ("green", "Light Green"),
    "DG": ("green", "Dark Green"), "DARKGREEN": ("green", "Dark Green"),
    "B": ("complete", "Blue"), "BLUE": ("complete", "Blue"),
    "C": ("complete", "Complete"), "COMPLETE": ("complete", "Complete"), "COMPLETED": ("complete", "Completed"),
    "W": ("not_started", "White"), "WHITE": ("not_started", "White"),
    "NS": ("not_started", "Not started"), "NOTSTARTED": ("not_started", "Not started"),
}

LEGEND_ENTRY = re.compile(r"^\s*([A-Za-z][A-Za-z ]{1,20}?)\s*\(([A-Za-z]{1,3})\)\s*[:\-–]?\s*(.*)$")
COLOUR_STATUS = {"red": "red", "amber": "amber", "yellow": "amber", "green": "green", "blue": "complete",
                 "white": "not_started", "grey": "not_started", "gray": "not_started"}


def status_from_words(words: str) -> str | None:
    """`Completed`, `Not started (not yet due)`, `Work progressing as expected` -> canonical status."""
    w = words.lower()
    if re.search(r"\bcomplet", w):
        return "complete"
    if re.search(r"not (yet )?started|not yet due", w):
        return "not_started"
    for colour, status in COLOUR_STATUS.items():
        if re.search(rf"\b{colour}\b", w):
            return status
    return None


def parse_legend_entry(label_cell: str, meaning: str = "") -> tuple[str, str, str] | None:
    """`Blue (B)` + `Completed` -> (`B`, `Blue`, `complete`); None when it is not a legend entry."""
    m = LEGEND_ENTRY.match(unhomoglyph(label_cell))
    if not m:
        return None
    label, code, rest = m.group(1).strip(), m.group(2).upper(), m.group(3)
    if code != "".join(w[0] for w in label.split()).upper() and code != label[:len(code)].upper():
        return None  # `Jackie Wood (JW)` style keys are handled by owners, not here
    status = status_from_words(meaning or rest) or status_from_words(label)
    if status is None:
        return None
    return code, label, status


COLOUR_LABEL = re.compile(r"^(?:(light|dark|pale|bright)\s+)?(red|amber|yellow|green|blue|white|grey|gray|black)$", re.I)
CODE_CELL = re.compile(r"^[A-Z]{1,2}$")


def parse_key_row(first: str, meaning: str) -> tuple[str, str, str] | None:
    """A key table row without brackets: `Blue | Completed` -> (`B`, `Blue`, `complete`);
    `LG | Light green: on track` -> (`LG`, `Light green`, `green`). None when it is not one."""
    first = unhomoglyph(first).strip(" :-=")
    colour = COLOUR_LABEL.match(first)
    if colour:
        label = first
        code = "".join(w[0] for w in label.split()).upper()
        status = status_from_words(meaning) or status_from_words(label)
        return (code, label.title(), status) if status else None
    if CODE_CELL.match(first):
        head = re.match(r"^\s*((?:(?:light|dark|pale|bright)\s+)?(?:red|amber|yellow|green|blue|white|grey|gray))\b",
                        meaning, re.I)
        label = head.group(1).title() if head else first
        status = status_from_words(meaning)
        return (first, label, status) if status else None
    return None


def parse_rag(raw: str, legend: dict[str, tuple[str, str]] | None = None) -> RagValue:
    """A RAG cell as printed -> code, canonical status and label (legend: code -> (status, label))."""
    if raw.startswith("fill:"):
        found = status_from_fill(raw)
        return RagValue(code=raw, status=found[0] if found else None, label=found[1] if found else None)
    code = re.sub(r"[^A-Za-z]", "", unhomoglyph(raw)).upper()
    if not code:
        return RagValue(code="", status=None, label=None)
    if legend and code in legend:
        status, label = legend[code]
        return RagValue(code=code, status=status, label=label)
    if code in DEFAULT_CODES:
        status, label = DEFAULT_CODES[code]
        return RagValue(code=code, status=status, label=label)
    return RagValue(code=code, status=None, label=None)


FILL = re.compile(r"^fill:#([0-9a-fA-F]{6})$")


def status_from_fill(colour: str) -> tuple[str, str] | None:
    """`#ff0000` -> (`red`, `Red`): the nearest of red / amber / green / blue by hue; None for greys and white."""
    import colorsys

    m = FILL.match(colour) or re.match(r"^#?([0-9a-fA-F]{6})$", colour)
    if not m:
        return None
    r, g, b = (int(m.group(1)[i:i + 2], 16) / 255 for i in (0, 2, 4))
    hue, sat, val = colorsys.rgb_to_hsv(r, g, b)
    if sat < 0.25 or val < 0.25:
        return None  # white, grey or black: a table style, not a status
    deg = hue * 360
    if deg < 18 or deg >= 330:
        return "red", "Red"
    if deg < 65:
        return "amber", "Amber"
    if deg < 170:
        return "green", "Green"
    if deg < 260:
        return "complete", "Blue"
    return None
