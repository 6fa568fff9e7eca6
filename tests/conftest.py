"""Shared fixtures: the real sample packs and their extraction, computed once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
GOLD = ROOT / "tests" / "gold"
TEXT_PACKS = sorted((SAMPLES / "text").glob("*.txt"))
PDF_PACKS = sorted((SAMPLES / "pdf").glob("*.pdf"))


def pack(prefix: str, kind: str = "text") -> Path:
    folder = SAMPLES / kind
    return next(folder.glob(f"{prefix}_*"))


@pytest.fixture(scope="session")
def text_records():
    """Every sample text pack extracted through the public API."""
    from plantrack.api import extract_pack

    return {p.name: extract_pack(p) for p in TEXT_PACKS}
