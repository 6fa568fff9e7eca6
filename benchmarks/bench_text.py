"""Text-pack extraction throughput (MB/s) and peak memory, on the sample packs repeated to >= 20 MB.

Usage: python benchmarks/bench_text.py [--mb 20]
Packs run through plantrack.api.iter_results with --jobs worker processes (default: all
cores), as `plantrack extract` does. Memory is the main process's peak RSS after the first
quarter of the packs and after all of them: the two should be about the same (nothing is
kept per pack beyond its records count).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import tempfile
import time
from pathlib import Path

from plantrack.api import iter_results
from plantrack.settings import ExtractSettings

ROOT = Path(__file__).resolve().parents[1]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def children_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=20.0, help="total size of packs to extract")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (1: in this process)")
    args = ap.parse_args()
    samples = sorted((ROOT / "samples" / "text").glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        files: list[Path] = []
        total = 0
        i = 0
        while total < args.mb * 1024**2:
            for s in samples:
                target = Path(tmp) / f"{i:04d}_{s.name}"
                shutil.copy(s, target)
                files.append(target)
                total += target.stat().st_size
            i += 1
        quarter = len(files) // 4
        records = 0
        start = time.perf_counter()
        cpu_start = time.process_time()
        rss_quarter = 0.0
        for n, result in enumerate(iter_results(files, ExtractSettings(jobs=args.jobs)), 1):
            records += len(result.records)
            if n == quarter:
                rss_quarter = peak_rss_mb()
        seconds = time.perf_counter() - start
        cpu = time.process_time() - cpu_start
    mb = total / 1024**2
    print(f"text packs: {len(files)} files, {mb:.1f} MB, {records} records")
    print(f"time: {seconds:.2f} s  throughput: {mb / seconds:.2f} MB/s  ({records / seconds:.0f} records/s)")
    if args.jobs == 1:
        print(f"CPU time: {cpu:.2f} s  throughput per CPU second: {mb / cpu:.2f} MB/s (less sensitive to other load)")
    print(f"jobs: {args.jobs}; peak RSS of the main process after {quarter} packs: {rss_quarter:.0f} MB; "
          f"after {len(files)} packs: {peak_rss_mb():.0f} MB; largest worker: {children_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
