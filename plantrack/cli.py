"""The command line: a thin typer layer over plantrack.api, one command per API function."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from plantrack import api
from plantrack.errors import PlantrackError
from plantrack.settings import ExtractSettings

app = typer.Typer(
    help="Extract, compare and store the action tables of council improvement-plan packs.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)


def parse_size(text: str) -> int:
    """`2G`, `512M`, `100000` -> bytes."""
    text = text.strip().upper().removesuffix("B")
    units = {"K": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4}
    try:
        if text and text[-1] in units:
            return int(float(text[:-1]) * units[text[-1]])
        return int(text)
    except ValueError:
        raise typer.BadParameter(f"not a size: {text!r} (use e.g. 2G or 512M)") from None


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Pack files (.pdf, .txt, .md) or folders to walk.")],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder for actions.csv and actions.parquet.")] = Path(
        "output"),
    reader: Annotated[str, typer.Option(help="PDF reader: pdfplumber (default) or camelot.")] = "pdfplumber",
    jobs: Annotated[int, typer.Option(help="PDF worker processes (default: number of cores).")] = os.cpu_count() or 1,
    timeout: Annotated[float, typer.Option(help="Seconds allowed per PDF before its worker is stopped.")] = 300.0,
    max_memory: Annotated[str, typer.Option(help="Memory allowed per PDF worker, e.g. 2G.")] = "2G",
) -> None:
    """Extract action records from packs into OUT/actions.csv and OUT/actions.parquet."""
    if reader not in ("pdfplumber", "camelot"):
        raise typer.BadParameter("use pdfplumber or camelot", param_hint="--reader")
    missing = [p for p in paths if not p.exists()]
    for p in missing:
        err.print(f"[red]error[/red] {p}: no such file or folder")
    settings = ExtractSettings(reader=reader, jobs=max(1, jobs), timeout=timeout, max_memory=parse_size(max_memory))
    packs = api.find_packs([p for p in paths if p.exists()])
    if not packs and not missing:
        err.print("[red]error[/red] no packs found (.pdf, .txt, .md) in the paths given")
        raise typer.Exit(1)
    results: list[api.PackResult] = []
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True, disable=len(packs) < 3) as progress:
        task = progress.add_task("extracting", total=len(packs))
        for result in api.iter_results(packs, settings):
            results.append(result)
            progress.update(task, advance=1, description=f"extracting {result.path.name}")
            if result.error:
                err.print(f"[red]error[/red] {result.error}")
    summary = Table(title="plantrack extract")
    for col in ("file", "tables", "action tables", "records", "flagged", "status"):
        summary.add_column(col, justify="right" if col not in ("file", "status") else "left")
    for r in results:
        summary.add_row(r.path.name, str(r.tables_found), str(r.action_tables), str(len(r.records)),
                        str(r.flagged), "failed" if r.error else "ok")
    out.print(summary)
    records = [rec for r in results for rec in r.records]
    if records:
        written = api.write_actions(api.records_frame(records), out_dir)
        out.print(f"wrote {len(records)} records to " + ", ".join(str(p) for p in written))
    else:
        err.print("[red]error[/red] no action records extracted: nothing written")
    if missing or any(r.error for r in results) or not records:
        raise typer.Exit(1)


def main() -> None:
    try:
        app()
    except PlantrackError as exc:
        err.print(f"[red]error[/red] {exc}")
        raise SystemExit(1) from None
    except KeyboardInterrupt:
        err.print("interrupted")
        raise SystemExit(130) from None
