"""Action numbers at the start of a paragraph: `1.1.4`, `2.1.0.`, `NEW 1:`, `(3.2 - Ofsted 3)`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from plantrack.extract.document import Paragraph, Run

_DASH = r"[-–—]"
_OFSTED = r"(?:Ofsted|OFSTED)\s*\d+\s*(?:\([a-z]\))?"
# dotted numbers (1.1, 1.1.4, 2.1.0., P.1.3) or NEW n; a bare integer only when bold (see parse_number)
NUMBER = re.compile(
    rf"^\s*(?P<open>\()?\s*(?P<id>NEW\s*\d+|[A-Z]{{0,3}}\.?\d{{1,2}}(?:\.\d{{1,2}}){{1,3}}|\d{{1,2}})\.?"
    rf"(?:\s*{_DASH}\s*(?P<ref>{_OFSTED}))?\s*(?(open)\)|)\s*(?:{_DASH}\s*)?[:.)]?\s*(?=\S|$)"
)
ORDINAL_TAIL = re.compile(r"^(st|nd|rd|th|%|am|pm)\b")
DOTTED = re.compile(r"^(?:NEW\d+|[A-Z]{0,3}\.?\d{1,2}(?:\.\d{1,2}){1,3})$")
BOLD_NUMBER_IN_RUN = re.compile(r"(?:(?<=\s)|^)\(?\d{1,2}(?:\.\d{1,2}){1,3}\.?\)?(?=\s|$)")
SECTION_CODE = re.compile(
    r"^\s*(?P<code>(?:Priority|Aim|Objective|Area|Outcome|Theme)\s*\d+(?:\.\d+)*"
    r"|[A-Z]{1,3}\s?\.?\s?\d+(?:\.\d+)*|\d+(?:\.\d+)*)\.?(?=[\s):]|$)"
)


@dataclass(frozen=True)
class Numbered:
    action_id: str
    ref: str
    text: str


def parse_number(paragraph: Paragraph) -> Numbered | None:
    """The paragraph's leading action number, or None when it does not start with one."""
    text = paragraph.text
    m = NUMBER.match(text)
    if not m:
        return None
    raw_id = "".join(m.group("id").split())
    first_bold = bool(paragraph.runs) and paragraph.runs[0].bold
    if not DOTTED.match(raw_id) and not raw_id.startswith("NEW"):
        # a bare `2` is an action number only when printed bold or in brackets, never `80 social workers`
        if not (first_bold or m.group("open")):
            return None
    rest = text[m.end():].strip()
    if ORDINAL_TAIL.match(rest):
        return None
    return Numbered(action_id=raw_id.rstrip("."), ref=(m.group("ref") or "").strip(), text=rest)


def split_at_bold_numbers(paragraph: Paragraph) -> list[Paragraph]:
    """A bold number inside a paragraph (`... shown <b>1.7.3</b> Peer review`) starts a new one.

    The number may share its bold run with the intent before it (`Actions: 1.6.1` printed bold).
    """
    pieces: list[list[Run]] = [[]]
    for run in paragraph.runs:
        if not run.bold:
            pieces[-1].append(run)
            continue
        text = run.text
        pos = 0
        for m in BOLD_NUMBER_IN_RUN.finditer(text):
            before = text[pos:m.start()]
            if before.strip() or any(r.text.strip() for r in pieces[-1]):
                if before:
                    pieces[-1].append(Run(text=before, bold=True, sup=run.sup, italic=run.italic))
                if any(r.text.strip() for r in pieces[-1]):
                    pieces.append([])
                pos = m.start()
        pieces[-1].append(Run(text=text[pos:], bold=True, sup=run.sup, italic=run.italic) if pos else run)
    pieces = [p for p in pieces if any(r.text.strip() for r in p)]
    if len(pieces) <= 1:
        return [paragraph]
    return [Paragraph(runs=p, list_item=paragraph.list_item and i == 0, level=paragraph.level, line=paragraph.line)
            for i, p in enumerate(pieces)]


SECTION_WORD = re.compile(r"^(Priority|Aim|Objective|Area|Outcome|Theme)\b")


def priority_code(text: str) -> str | None:
    """The section a row names by a word (`Priority 2 ...` -> `Priority 2`), else None."""
    code = section_code(text)
    return code if code and SECTION_WORD.match(code) else None


def section_code(text: str) -> str | None:
    """`PS.1.2 Meet or exceed ...` -> `PS.1.2`; `Priority 2 Ensure ...` -> `Priority 2`; `2.` -> `2`."""
    m = SECTION_CODE.match(text)
    if not m:
        return None
    return re.sub(r"\s+", " ", m.group("code")).strip().rstrip(".")
