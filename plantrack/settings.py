"""Explicit settings objects with defaults; every stage takes its own."""

from __future__ import annotations

import os
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ExtractSettings:
    reader: str = "pdfplumber"  # pdfplumber | camelot (PDF packs only)
    text_layer: str = "pdfium"  # pdfplumber reader's glyphs and paths: pdfium (fast) | pdfminer
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    timeout: float = 300.0  # seconds per PDF worker
    max_memory: int = 2 * 1024**3  # bytes per PDF worker
    max_text_bytes: int = 50 * 1024**2  # a text pack larger than this is refused
    isolate: bool = True  # PDFs in worker processes with the time and memory limits above


@dataclass(frozen=True)
class DiffSettings:
    match_threshold: float = 0.55  # minimum combined evidence score for a pair
    plan_threshold: float = 70.0  # minimum title similarity (0..100) to pair two plans
    plan_overlap: float = 0.5  # share of a plan's action texts found unchanged in another that pairs them anyway
    cosmetic_threshold: float = 0.9  # minimum character ratio (0..1) for a spelling-only text change
    min_text: float = 0.5  # text similarity below which two actions are never paired, whatever their numbers
    text_baseline: float = 0.4  # similarity two unrelated plan actions score anyway; evidence starts above it
    position_scale: float = 8.0  # places from the expected position over which position evidence fades
    rare_tokens: int = 6  # rarest words of an action used to find its candidates
    posting_cap: int = 32  # a word in more actions than this only proposes those nearest the expected place
    posting_window: int = 8  # how many of those nearest actions
    max_candidates: int = 8  # candidates kept per action from shared words (plus same id and same text)
    group_cap: int = 64  # a same-id / same-text group larger than this pairs only by nearest place
    dense_limit: int = 1_000_000  # cells above which a component is solved sparsely instead of densely
