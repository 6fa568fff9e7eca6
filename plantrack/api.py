"""The Python API; the CLI is a thin layer over these functions."""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import pandas as pd

from plantrack.errors import PackError, PlantrackError
from plantrack.extract.context import pack_context
from plantrack.extract.document import Document
from plantrack.extract.records import build_records
from plantrack.extract.tables import find_action_tables
from plantrack.isolation import run_isolated
from plantrack.models import ActionRecord, records_frame
from plantrack.normalize.records import normalise_records
from plantrack.settings import DiffSettings, ExtractSettings
from plantrack.store import DEFAULT_DB, ImportResult
from plantrack.writers import write_csv, write_parquet

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
PDF_SUFFIXES = {".pdf"}
PACK_SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES


@dataclass
class PackResult:
    """One pack's extraction: its records and what was found, or the one-line error."""

    path: Path
    records: list[ActionRecord] = field(default_factory=list)
    tables_found: int = 0
    action_tables: int = 0
    pages: int | None = None
    error: str | None = None

    @property
    def flagged(self) -> int:
        return sum(1 for r in self.records if r.flags or r.confidence < 1)


def read_document(path: Path, settings: ExtractSettings) -> Document:
    suffix = path.suffix.lower()
    if suffix in PDF_SUFFIXES:
        if settings.reader == "camelot":
            from plantrack.extract.camelot_reader import read_pdf_camelot
            return read_pdf_camelot(path)
        from plantrack.extract.pdf_reader import PdfReaderSettings, read_pdf
        return read_pdf(path, PdfReaderSettings(text_layer=settings.text_layer))
    from plantrack.extract.text_reader import read_text
    return read_text(path)


def records_from_document(doc: Document) -> tuple[list[ActionRecord], int, int]:
    """Document -> (records, tables found, action tables)."""
    scan = find_action_tables(doc)
    context = pack_context(doc)
    raws = [raw for table in scan.action_tables for raw in build_records(table)]
    return normalise_records(raws, doc.source_file, context), scan.tables_found, len(scan.action_tables)


def extract_document(path: str | Path, settings: ExtractSettings | None = None) -> PackResult:
    """Read one pack in this process; bad input becomes PackResult.error, never an exception."""
    path = Path(path)
    settings = settings or ExtractSettings()
    result = PackResult(path=path)
    try:
        if path.stat().st_size > settings.max_text_bytes and path.suffix.lower() not in PDF_SUFFIXES:
            raise PackError(str(path), f"larger than {settings.max_text_bytes // 2**20} MB: not a text pack")
        doc = read_document(path, settings)
        result.pages = doc.pages
        result.records, result.tables_found, result.action_tables = records_from_document(doc)
        if not result.records:
            raise PackError(str(path), f"no action table found ({result.tables_found} tables read): "
                                       "is this an improvement-plan pack?")
    except PlantrackError as exc:
        result.error = str(exc)
    except OSError as exc:
        result.error = f"{path}: cannot read: {exc.strerror or exc}"
    except RecursionError:
        result.error = f"{path}: nested too deeply to read"
    except Exception as exc:  # a bug must still name the file and not stop the other packs
        result.error = f"{path}: internal error while reading ({type(exc).__name__}: {exc}); please report it"
    return result


def extract_pack(path: str | Path, settings: ExtractSettings | None = None) -> list[ActionRecord]:
    """One pack -> its action records; raises PackError with a one-line message on bad input."""
    result = extract_document(path, settings)
    if result.error:
        raise PackError(str(path), result.error.split(": ", 1)[-1])
    return result.records


def find_packs(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; folders walked for packs (sorted, so output order is stable)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in PACK_SUFFIXES))
        else:
            out.append(p)
    return out


def _failed(path: Path, message: str) -> PackResult:
    return PackResult(path=path, error=message)


def _pooled(paths: list[Path], settings: ExtractSettings) -> Iterator[PackResult]:
    """Text packs in a pool of worker processes, yielded in input order, a bounded number in flight."""
    if settings.jobs <= 1 or len(paths) <= 1 or not settings.isolate:
        for path in paths:
            yield extract_document(path, settings)
        return
    window = 2 * settings.jobs  # results waiting to be consumed stay few, so memory does not grow
    ctx = mp.get_context("fork") if hasattr(os, "fork") else None
    with ProcessPoolExecutor(max_workers=min(settings.jobs, len(paths)), mp_context=ctx) as pool:
        pending: deque[tuple[Path, Future[PackResult]]] = deque()
        queue = iter(paths)
        for path in islice(queue, window):
            pending.append((path, pool.submit(extract_document, path, settings)))
        while pending:
            path, future = pending.popleft()
            try:
                result = future.result()
            except Exception as exc:  # a worker that died (killed, out of memory)
                result = _failed(path, f"{path}: extraction failed: {type(exc).__name__}: {exc}")
            nxt = next(queue, None)
            if nxt is not None:
                pending.append((nxt, pool.submit(extract_document, nxt, settings)))
            yield result


def iter_results(paths: Iterable[str | Path], settings: ExtractSettings | None = None,
                 on_done: Callable[[PackResult], None] | None = None) -> Iterator[PackResult]:
    """Extract every pack, yielding results in input order.

    PDFs run one per isolated worker (time and memory limits); text packs run in a small
    process pool, `settings.jobs` at a time.
    """
    settings = settings or ExtractSettings()
    packs = find_packs(paths)
    pdfs = [p for p in packs if p.suffix.lower() in PDF_SUFFIXES]
    texts = [p for p in packs if p.suffix.lower() not in PDF_SUFFIXES]
    readers = ("plantrack.extract.camelot_reader",) if settings.reader == "camelot" else (
        "plantrack.extract.pdf_reader",)
    isolated = (iter(run_isolated(extract_document, pdfs, settings, _failed, readers))
                if pdfs and settings.isolate else None)
    pooled = _pooled(texts, settings)
    for path in packs:
        if path.suffix.lower() in PDF_SUFFIXES:
            result = next(isolated)[1] if isolated is not None else extract_document(path, settings)
        else:
            result = next(pooled)
        if on_done:
            on_done(result)
        yield result


def extract(paths: Iterable[str | Path] | str | Path, settings: ExtractSettings | None = None) -> pd.DataFrame:
    """Packs (files or folders) -> one actions DataFrame; raises PackError if any pack failed."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    results = list(iter_results(paths, settings))
    errors = [r.error for r in results if r.error]
    if errors and len(errors) == len(results):
        raise PlantrackError(errors[0] if len(errors) == 1 else f"{len(errors)} packs failed: {errors[0]}")
    return records_frame(r for res in results for r in res.records)


def write_actions(df: pd.DataFrame, out_dir: str | Path) -> list[Path]:
    out = Path(out_dir)
    return [write_csv(df, out / "actions.csv"), write_parquet(df, out / "actions.parquet")]


# --- versions: diff, store, export, report -------------------------------------------------

TABLE_SUFFIXES = {".parquet", ".csv"}


def load_records(path: str | Path, settings: ExtractSettings | None = None) -> list[ActionRecord]:
    """A pack (extracted now) or an actions table written earlier (Parquet/CSV) -> records."""
    path = Path(path)
    if path.suffix.lower() in TABLE_SUFFIXES:
        from plantrack.store import records_from_frame

        try:
            frame = (pd.read_parquet(path) if path.suffix.lower() == ".parquet"
                     else pd.read_csv(path, dtype=str, keep_default_na=False))
        except Exception as exc:
            raise PackError(str(path), f"not a readable actions table ({exc})") from None
        if "action" not in frame.columns or "source_file" not in frame.columns:
            raise PackError(str(path), "not an actions table: it has no `action` and `source_file` columns")
        records = records_from_frame(frame)
        if not records:
            raise PackError(str(path), "the actions table is empty: nothing to compare")
        return records
    if not path.exists():
        raise PackError(str(path), "no such file")
    if settings is None or settings.isolate:
        results = list(iter_results([path], settings))
        if results[0].error:
            raise PlantrackError(results[0].error)
        return results[0].records
    return extract_pack(path, settings)


def diff(old: str | Path | list[ActionRecord], new: str | Path | list[ActionRecord],
         out: str | Path | None = None, settings: DiffSettings | None = None) -> pd.DataFrame:
    """Compare two plan versions (packs, actions tables or record lists) -> the changes table.

    With `out`, also writes changes.csv, changes.parquet, changes.md and changes.html there.
    """
    from plantrack.compare.diff import diff_records, write_changes

    old_records = old if isinstance(old, list) else load_records(old)
    new_records = new if isinstance(new, list) else load_records(new)
    changes = diff_records(old_records, new_records, settings)
    if out is not None:
        write_changes(changes, Path(out))
    return changes


def import_pack(pack: str | Path, plan: str, db: str | Path = DEFAULT_DB, as_of: dt.date | None = None,
                settings: ExtractSettings | None = None) -> ImportResult:
    """Extract a pack and store it as the plan's next version, with its changes since the previous one."""
    from plantrack.store import file_sha256, import_records

    path = Path(pack)
    if not path.is_file():
        raise PackError(str(path), "no such file")
    records = load_records(path, settings)
    return import_records(Path(db), records, plan, path, file_sha256(path), as_of)


def versions(db: str | Path = DEFAULT_DB, plan: str | None = None) -> pd.DataFrame:
    from plantrack.store import list_versions

    return list_versions(Path(db), plan)


def diff_stored(plan: str, db: str | Path = DEFAULT_DB, from_version: int | None = None,
                to_version: int | None = None, out: str | Path | None = None) -> pd.DataFrame:
    """Diff two stored versions of a plan (default: the last two) through the same code as the pack diff."""
    from plantrack.store import load_version

    to_v, new_records = load_version(Path(db), plan, to_version)
    from_v = from_version or to_v - 1
    if from_v < 1:
        raise PlantrackError(f"plan {plan!r} has only one version: nothing to compare")
    _, old_records = load_version(Path(db), plan, from_v)
    return diff(old_records, new_records, out)


def export(fmt: str, out: str | Path, db: str | Path = DEFAULT_DB, plan: str | None = None,
           version: int | None = None, partition: bool = False) -> list[Path]:
    """Write the store's actions and changes for BI tools (parquet, csv or xlsx)."""
    from plantrack.export import export_tables, store_frames

    actions, changes = store_frames(Path(db), plan, version)
    return export_tables(actions, changes, fmt, Path(out), partition)


def report(out: str | Path, pack: str | Path | None = None, plan: str | None = None,
           db: str | Path = DEFAULT_DB, as_of: dt.date | None = None, pdf: bool = False) -> list[Path]:
    """The board report for a pack, or for a stored plan's latest version (with its previous one)."""
    from plantrack.report import render_report, write_report
    from plantrack.store import load_version, query

    as_of = as_of or dt.date.today()
    previous = changes = None
    if pack is not None:
        records = load_records(pack)
        title = next((r.plan_title for r in records if r.plan_title), Path(pack).name)
    elif plan is not None:
        version, records = load_version(Path(db), plan)
        title = f"{plan} (version {version})"
        if version > 1:
            _, previous = load_version(Path(db), plan, version - 1)
            changes = query(Path(db), "SELECT * FROM changes WHERE plan = ? AND to_version = ?", [plan, version])
    else:
        raise PlantrackError("give a PACK or --plan NAME")
    return write_report(render_report(records, title, as_of, previous, changes), Path(out), pdf)
