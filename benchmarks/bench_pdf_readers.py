"""Pages per second of the PDF readers on the sample packs (rough: best of N runs, one process).

    python benchmarks/bench_pdf_readers.py [--runs 3] [--camelot] [PDF ...]

Baseline: pdfplumber's `page.extract_tables()` on every page, alone. `read_pdf` does that
work and more (paragraphs, styles, fills, headings, prose), so it should not be slower.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pdfplumber

from plantrack.extract.pdf_reader import read_pdf

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "pdf"


def plumber_extract_tables(path: Path) -> int:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.close()
        return len(pdf.pages)


def plantrack_read_pdf(path: Path) -> int:
    return read_pdf(path).pages or 0


def camelot_lattice(path: Path) -> int:
    from plantrack.extract.camelot_reader import read_pdf_camelot

    return read_pdf_camelot(path).pages or 0


def best_times(readers: list[tuple[str, Callable[[Path], int]]], path: Path, runs: int) -> dict[str, tuple[float, int]]:
    """Best wall time per reader, runs interleaved so a noisy neighbour hurts every reader alike."""
    best: dict[str, tuple[float, int]] = {}
    for run in range(runs):
        for name, func in readers:
            if func is camelot_lattice and run > 0:
                continue  # one Camelot run is slow enough
            start = time.perf_counter()
            pages = func(path)
            seconds = time.perf_counter() - start
            if name not in best or seconds < best[name][0]:
                best[name] = (seconds, pages)
    return best


def peak_memory(func: Callable[[Path], int], path: Path) -> float:
    """Peak Python heap (MiB) of one run: flat in page count when pages are not kept."""
    tracemalloc.start()
    try:
        func(path)
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--camelot", action="store_true", help="also time Camelot (slow: renders every page)")
    parser.add_argument("--memory", action="store_true", help="also measure peak heap per reader (slow)")
    args = parser.parse_args()
    pdfs = args.pdfs or sorted(SAMPLES.glob("*.pdf"))
    readers: list[tuple[str, Callable[[Path], int]]] = [
        ("pdfplumber extract_tables", plumber_extract_tables),
        ("plantrack read_pdf", plantrack_read_pdf),
    ]
    if args.camelot:
        readers.append(("camelot lattice(+stream)", camelot_lattice))
    totals = {name: [0.0, 0] for name, _ in readers}
    print(f"{'file':<28} {'pages':>5}  " + "  ".join(f"{name:>26}" for name, _ in readers))
    for path in pdfs:
        cells = []
        pages = 0
        for name, (seconds, pages) in best_times(readers, path, args.runs).items():
            totals[name][0] += seconds
            totals[name][1] += pages
            cells.append(f"{pages / seconds:>20.1f} p/s")
        print(f"{path.name[:28]:<28} {pages:>5}  " + "  ".join(f"{c:>26}" for c in cells))
    print(f"{'all':<28} {totals[readers[0][0]][1]:>5}  " + "  ".join(
        f"{totals[name][1] / totals[name][0]:>20.1f} p/s" for name, _ in readers))
    if args.memory:
        for path in pdfs:
            print(path.name, "  ".join(f"{name}: {peak_memory(func, path):.1f} MiB peak" for name, func in readers))


if __name__ == "__main__":
    main()
