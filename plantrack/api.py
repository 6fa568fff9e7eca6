"""The Python API; the CLI is a thin layer over these functions."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
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
from plantrack.settings import ExtractSettings
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
        from plantrack.extract.pdf_reader import read_pdf
        return read_pdf(path)
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


def iter_results(paths: Iterable[str | Path], settings: ExtractSettings | None = None,
                 on_done: Callable[[PackResult], None] | None = None) -> Iterator[PackResult]:
    """Extract every pack, yielding results in input order; PDFs run in isolated workers."""
    settings = settings or ExtractSettings()
    packs = find_packs(paths)
    pdfs = [p for p in packs if p.suffix.lower() in PDF_SUFFIXES]
    isolated = (iter(run_isolated(extract_document, pdfs, settings, _failed))
                if pdfs and settings.isolate else None)
    for path in packs:
        if isolated is not None and path.suffix.lower() in PDF_SUFFIXES:
            _, result = next(isolated)
        else:
            result = extract_document(path, settings)
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
