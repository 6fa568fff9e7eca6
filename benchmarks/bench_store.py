"""Store benchmark: import many versions of a plan and show the import time does not grow.

Usage: python benchmarks/bench_store.py [--versions 1000]
Each version is the sample pack 004's action records with a few deadlines, owners and RAG
values changed (a synthetic refresh), imported through the same code as `plantrack import`
(extract once, then store + diff against the previous version per import). Prints the
import time per version for the first and last hundred, then the time of a `latest_actions`
query and of a full Parquet and Excel export.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import statistics
import tempfile
import time
from pathlib import Path

import duckdb

from plantrack.api import export, extract_pack
from plantrack.models import ActionRecord
from plantrack.store import import_records

ROOT = Path(__file__).resolve().parents[1]
RAGS = ["red", "amber", "green", "complete"]


def refresh(base: list[ActionRecord], rng: random.Random, n: int) -> list[ActionRecord]:
    """A new version: about 5% of actions slip, change owner or change RAG."""
    out = []
    for rec in base:
        r = rec.model_copy(deep=True)
        roll = rng.random()
        if roll < 0.02 and r.due_date:
            r.due_date = r.due_date + dt.timedelta(days=30 * (n % 6 + 1))
            r.due_raw = r.due_date.strftime("%b %Y")
        elif roll < 0.04:
            r.owner_raw = f"Officer {n % 50}"
            r.owners = [r.owner_raw]
            r.owner_names = [r.owner_raw]
        elif roll < 0.06:
            r.rag = rng.choice(RAGS)
        out.append(r)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--versions", type=int, default=1000)
    args = ap.parse_args()
    pack = next((ROOT / "samples" / "text").glob("004_*.txt"))
    base = [r for r in extract_pack(pack) if r.table_kind == "plan"]
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        times = []
        for n in range(args.versions):
            records = refresh(base, rng, n) if n else base
            sha = hashlib.sha256(f"{n}".encode()).hexdigest()
            start = time.perf_counter()
            import_records(db, records, "Bench plan", pack, sha)
            times.append(time.perf_counter() - start)
            if (n + 1) % 100 == 0:
                print(f"  {n + 1} versions stored; last 100 imports: median {statistics.median(times[-100:]) * 1000:.0f} ms")
        con = duckdb.connect(str(db), read_only=True)
        rows = con.execute("SELECT count(*) FROM actions").fetchone()[0]
        start = time.perf_counter()
        latest = con.execute("SELECT * FROM latest_actions").df()
        latest_s = time.perf_counter() - start
        con.close()
        start = time.perf_counter()
        export("parquet", Path(tmp) / "out", db)
        parquet_s = time.perf_counter() - start
        start = time.perf_counter()
        export("xlsx", Path(tmp) / "out", db)
        xlsx_s = time.perf_counter() - start
        size = db.stat().st_size / 2**20
    first, last = times[: min(100, len(times))], times[-min(100, len(times)):]
    print(f"versions: {args.versions}; actions per version: {len(base)}; action rows stored: {rows}; store {size:.1f} MB")
    print(f"import per version: first 100 median {statistics.median(first) * 1000:.0f} ms, "
          f"last 100 median {statistics.median(last) * 1000:.0f} ms "
          f"(ratio {statistics.median(last) / statistics.median(first):.2f})")
    print(f"latest_actions ({len(latest)} rows): {latest_s * 1000:.0f} ms; "
          f"export parquet: {parquet_s * 1000:.0f} ms; export xlsx: {xlsx_s * 1000:.0f} ms")


if __name__ == "__main__":
    main()
