"""Errors that reach the user as one line: which file, where, and what to do."""

from __future__ import annotations


class PlantrackError(Exception):
    """A problem with the user's input, shown as one line without a traceback."""


class PackError(PlantrackError):
    """A pack that cannot be read: names the file (and page when known)."""

    def __init__(self, path: str, problem: str, page: int | None = None) -> None:
        self.path = str(path)
        self.problem = problem
        self.page = page
        where = f"{self.path}" + (f", page {page}" if page else "")
        super().__init__(f"{where}: {problem}")
