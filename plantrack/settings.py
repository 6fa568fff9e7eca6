"""Explicit settings objects with defaults; every stage takes its own."""

from __future__ import annotations

import os
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ExtractSettings:
    reader: str = "pdfplumber"  # pdfplumber | camelot (PDF packs only)
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    timeout: float = 300.0  # seconds per PDF worker
    max_memory: int = 2 * 1024**3  # bytes per PDF worker
    max_text_bytes: int = 50 * 1024**2  # a text pack larger than this is refused
    isolate: bool = True  # PDFs in worker processes with the time and memory limits above


@dataclass(frozen=True)
class DiffSettings:
    match_threshold: float = 0.55  # minimum combined evidence score for a pair
    plan_threshold: float = 70.0  # minimum title similarity (0..100) to pair two plans
    cosmetic_threshold: float = 0.9
