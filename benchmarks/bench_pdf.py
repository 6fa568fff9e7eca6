"""PDF speed and memory: plantrack against pdfplumber's extract_tables() and Camelot lattice.

Usage: python benchmarks/bench_pdf.py [--skip-camelot] [--skip-memory] [--runs N] [--old-layer]

In one process run, on the sample PDFs:
- plantrack: read_pdf + record building + normalisation (what `plantrack extract` does per pack);
- pdfplumber: page.extract_tables() alone on every page;
- Camelot: camelot.read_pdf(flavor="lattice") on every page.
Prints pages/s for each and the ratios. `--old-layer` also times plantrack on pdfminer's text
layer (the reader before PDFium), interleaved with the rest. Then peak memory (RSS) of extracting a 100-page and a
1,000-page pack made by repeating the sample pages, each in a fresh process: they should be
about the same, since one page is resident at a time.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pdfplumber

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples" / "pdf").glob("*.pdf"))


def pages_of(path: Path) -> int:
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(path))
    try:
        return len(doc)
    finally:
        doc.close()


def run_plantrack(path: Path, text_layer: str = "pdfium") -> None:
    from plantrack.api import extract_document
    from plantrack.settings import ExtractSettings

    result = extract_document(path, ExtractSettings(text_layer=text_layer))
    if result.error:
        raise SystemExit(result.error)


def run_plantrack_pdfminer(path: Path) -> None:
    run_plantrack(path, text_layer="pdfminer")


def run_pdfplumber(path: Path) -> None:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.close()


def run_camelot(path: Path) -> None:
    import camelot

    camelot.read_pdf(str(path), pages="all", flavor="lattice")


def timed(fn, paths: list[Path]) -> float:
    start = time.perf_counter()
    for p in paths:
        fn(p)
    return time.perf_counter() - start


def repeated_pack(source: Path, pages: int, target: Path) -> Path:
    """A pack of `pages` pages made by repeating the source's pages."""
    import pypdfium2

    src = pypdfium2.PdfDocument(str(source))
    out = pypdfium2.PdfDocument.new()
    n = len(src)
    while len(out) < pages:
        take = list(range(min(n, pages - len(out))))
        out.import_pages(src, take)
    out.save(str(target))
    out.close()
    src.close()
    return target


def child_peak_rss(path: Path) -> tuple[float, float]:
    """Peak RSS (MB, the process's own VmHWM) and seconds of extracting `path` in a fresh process."""
    # ru_maxrss survives fork+exec on Linux (it would report this process's peak), VmHWM does not
    code = ("import sys, time; from plantrack.api import extract_document; t = time.perf_counter(); "
            "r = extract_document(sys.argv[1]); assert not r.error, r.error; s = time.perf_counter() - t; "
            "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]; "
            "print(int(hwm) / 1024, s, len(r.records))")
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
    rss, seconds, _ = done.stdout.split()
    return float(rss), float(seconds)


def parallel_seconds(paths: list[Path], jobs: int) -> float:
    """`plantrack extract` as the CLI runs it: one isolated worker per PDF, `jobs` at a time."""
    from plantrack.api import iter_results
    from plantrack.settings import ExtractSettings

    start = time.perf_counter()
    for result in iter_results(paths, ExtractSettings(jobs=jobs)):
        if result.error:
            raise SystemExit(result.error)
    return time.perf_counter() - start


def memory_table() -> None:
    source = max(SAMPLES, key=pages_of)
    with tempfile.TemporaryDirectory() as tmp:
        for n in (100, 1000):
            pack = repeated_pack(source, n, Path(tmp) / f"pack_{n}.pdf")
            rss, seconds = child_peak_rss(pack)
            print(f"{n:5d}-page pack ({source.name} repeated): peak RSS {rss:.0f} MB, {n / seconds:.1f} pages/s")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--skip-camelot", action="store_true")
    ap.add_argument("--skip-memory", action="store_true")
    ap.add_argument("--runs", type=int, default=2, help="timed runs of each tool (best is kept)")
    ap.add_argument("--old-layer", action="store_true", help="also time plantrack on pdfminer's text layer")
    args = ap.parse_args()
    pages = sum(pages_of(p) for p in SAMPLES)
    run_plantrack(SAMPLES[-1])  # warm imports so they are not timed
    # interleaved runs, best of each: a shared machine's noise hits both alike
    plantrack_s = plumber_s = old_s = float("inf")
    for _ in range(args.runs):
        plantrack_s = min(plantrack_s, timed(run_plantrack, SAMPLES))
        plumber_s = min(plumber_s, timed(run_pdfplumber, SAMPLES))
        if args.old_layer:
            old_s = min(old_s, timed(run_plantrack_pdfminer, SAMPLES))
    print(f"sample PDFs: {len(SAMPLES)} packs, {pages} pages")
    print(f"plantrack extract (read + records + normalise): {pages / plantrack_s:6.1f} pages/s ({plantrack_s:.1f} s)")
    if args.old_layer:
        print(f"  same on pdfminer's text layer (before):       {pages / old_s:6.1f} pages/s ({old_s:.1f} s), "
              f"PDFium layer {old_s / plantrack_s:.2f}x faster")
    print(f"pdfplumber extract_tables() alone:              {pages / plumber_s:6.1f} pages/s ({plumber_s:.1f} s)")
    print(f"ratio plantrack / pdfplumber: {plumber_s / plantrack_s:.2f} (goal >= 1)")
    jobs = os.cpu_count() or 1
    parallel_s = parallel_seconds(SAMPLES, jobs)
    print(f"plantrack extract with {jobs} workers (the CLI default): {pages / parallel_s:6.1f} pages/s")
    if not args.skip_memory:
        memory_table()
    if not args.skip_camelot:
        camelot_s = timed(run_camelot, SAMPLES)
        print(f"Camelot lattice:                                {pages / camelot_s:6.1f} pages/s ({camelot_s:.1f} s)")
        print(f"ratio plantrack / Camelot lattice: {camelot_s / plantrack_s:.1f}x in one process, "
              f"{camelot_s / parallel_s:.1f}x with {jobs} workers (goal >= 10)")
    print(f"(this process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")


if __name__ == "__main__":
    main()
