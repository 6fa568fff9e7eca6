"""The changes table as a report a board member reads: what slipped, worsened, was reworded, re-owned,
added and removed, each with both sides and the changed words marked; cosmetic changes last, folded.

`render_markdown(changes)` and `render_html(changes)` (one self-contained page: inline CSS, no scripts
or fetches). Every value from a pack is escaped: cells can hold markup and spreadsheet formulas.
"""

from __future__ import annotations

from plantrack.compare.report_html import render_html
from plantrack.compare.report_markdown import render_markdown

__all__ = ["render_html", "render_markdown"]
