"""Inline HTML of a text-pack cell -> paragraphs of styled runs.

The text packs carry `<p>`, `<b>`, `<strong>`, `<ul><li>`, `<sup>`, `<br>` and entities
inside tab-separated cells. A regex tokeniser is enough for this subset and is much
faster than a full HTML parser, which matters at several MB/s.
"""

from __future__ import annotations

import html
import re

from plantrack.extract.document import Paragraph, Run

TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>")
BULLET = re.compile(r"^\s*[•▪●◦\-–·o§]\s+(?=\S)|^\s*[•▪●◦·§]")
BULLET_CHARS = frozenset("•▪●◦-–·o§")
STRONG_BULLETS = frozenset("•▪●◦·§")
BOLD_TAGS = {"b", "strong"}
BREAK_TAGS = {"p", "li", "div", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol"}


class _ParagraphBuilder:
    def __init__(self) -> None:
        self.paragraphs: list[Paragraph] = []
        self.runs: list[Run] = []
        self.list_item = False
        self.level = 0

    def add_text(self, text: str, bold: bool, sup: bool, italic: bool = False) -> None:
        if not text:
            return
        if "&" in text:
            text = html.unescape(text)
        runs = self.runs
        if runs and runs[-1].bold == bold and runs[-1].sup == sup and runs[-1].italic == italic:
            runs[-1].text += text
        else:
            runs.append(Run(text=text, bold=bold, sup=sup, italic=italic))

    def close(self) -> None:
        runs = self.runs
        if runs:
            if len(runs) > 1 or runs[0].text.isspace():
                runs = [r for r in runs if not r.text.isspace()]
            if runs:
                self._emit(runs)
            self.runs = []
        self.list_item = False

    def _emit(self, runs: list[Run]) -> None:
        first = runs[0]
        list_item = self.list_item
        marker = ""
        lead = first.text.lstrip()[:1]
        if lead in BULLET_CHARS:
            stripped = BULLET.sub("", first.text, count=1)
            if stripped != first.text and (not first.bold or lead in STRONG_BULLETS):
                # a typed bullet (•, -) makes a list item even without <li>
                list_item = True
                marker = lead
                first.text = stripped
                runs = [r for r in runs if r.text.strip()]
        if runs:
            self.paragraphs.append(Paragraph(runs=runs, list_item=list_item, level=self.level, marker=marker))


def parse_inline_html(cell: str) -> list[Paragraph]:
    """Split a cell's inline HTML into paragraphs; bold/sup kept as run flags."""
    if "<" not in cell and "&" not in cell:
        text = cell.strip()
        if not text:
            return []
        builder = _ParagraphBuilder()
        builder.add_text(text, False, False)
        builder.close()
        return builder.paragraphs
    builder = _ParagraphBuilder()
    bold = 0
    sup = 0
    italic = 0
    depth = 0  # list nesting
    pos = 0
    for m in TAG.finditer(cell):
        builder.add_text(cell[pos:m.start()], bold > 0, sup > 0, italic > 0)
        pos = m.end()
        closing, name = m.group(1) == "/", m.group(2).lower()
        if name in BOLD_TAGS:
            bold = max(0, bold + (-1 if closing else 1))
        elif name == "sup":
            sup = max(0, sup + (-1 if closing else 1))
        elif name in ("i", "em"):
            italic = max(0, italic + (-1 if closing else 1))
        elif name == "br":
            builder.add_text(" ", bold > 0, sup > 0, italic > 0)
        elif name in ("ul", "ol"):
            builder.close()
            depth = max(0, depth + (-1 if closing else 1))
        elif name == "li":
            builder.close()
            if not closing:
                builder.list_item = True
                builder.level = max(0, depth - 1)
        elif name in BREAK_TAGS:
            builder.close()
            builder.level = 0
    builder.add_text(cell[pos:], bold > 0, sup > 0, italic > 0)
    builder.close()
    return builder.paragraphs
