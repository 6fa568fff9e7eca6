"""The command line: a thin typer layer over plantrack.api, one command per API function."""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, ParamSpec

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from plantrack import api
from plantrack.errors import PlantrackError
from plantrack.settings import ExtractSettings
from plantrack.store import DEFAULT_DB

P = ParamSpec("P")
app = typer.Typer(
    help="Extract, compare and store the action tables of council improvement-plan packs.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True, soft_wrap=True)  # one error, one line, however long the path


def reports_errors(command: Callable[P, None]) -> Callable[P, None]:
    """Bad input ends a command with one line on stderr and exit status 1, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            command(*args, **kwargs)
        except PlantrackError as exc:
            err.print(f"[red]error[/red] {exc}")
            raise typer.Exit(1) from None

    return wrapper


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
@reports_errors
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Pack files (.pdf, .txt, .md) or folders to walk.")],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder for actions.csv and actions.parquet.")] = Path(
        "output"),
    reader: Annotated[str, typer.Option(help="PDF reader: pdfplumber (default) or camelot.")] = "pdfplumber",
    text_layer: Annotated[str, typer.Option(
        help="Where the pdfplumber reader gets glyphs and rules: pdfium (default, fast) or pdfminer.")] = "pdfium",
    jobs: Annotated[int, typer.Option(help="PDF worker processes (default: number of cores).")] = os.cpu_count() or 1,
    timeout: Annotated[float, typer.Option(help="Seconds allowed per PDF before its worker is stopped.")] = 300.0,
    max_memory: Annotated[str, typer.Option(help="Memory allowed per PDF worker, e.g. 2G.")] = "2G",
) -> None:
    """Extract action records from packs into OUT/actions.csv and OUT/actions.parquet."""
    if reader not in ("pdfplumber", "camelot"):
        raise typer.BadParameter("use pdfplumber or camelot", param_hint="--reader")
    if text_layer not in ("pdfium", "pdfminer"):
        raise typer.BadParameter("use pdfium or pdfminer", param_hint="--text-layer")
    missing = [p for p in paths if not p.exists()]
    for p in missing:
        err.print(f"[red]error[/red] {p}: no such file or folder")
    settings = ExtractSettings(reader=reader, text_layer=text_layer, jobs=max(1, jobs), timeout=timeout,
                               max_memory=parse_size(max_memory))
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
        summary.add_column(col, justify="right" if col not in ("file", "status") else "left",
                           overflow="fold" if col == "file" else "ellipsis")
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


DbOption = Annotated[Path, typer.Option("--db", envvar="PLANTRACK_DB",
                                        help="The store (DuckDB file); also read from PLANTRACK_DB.")]


def _parse_date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"not a date: {value!r} (use YYYY-MM-DD)", param_hint=option) from None


def _print_change_summary(changes) -> None:
    if changes is None or not len(changes):
        return
    counts = changes["status"].value_counts()
    line = ", ".join(f"{counts.get(k, 0)} {k}" for k in ("unchanged", "changed", "added", "removed"))
    out.print(line)
    for col, label in (("due_change", "slipped"), ("rag_change", "worsened"), ("text_change", "reworded"),
                       ("owner_change", "changed")):
        n = int((changes[col] == label).sum())
        if n:
            out.print(f"  {n} {col.replace('_change', '')} {label}")


@app.command("diff")
@reports_errors
def diff_cmd(
    old: Annotated[Path | None, typer.Argument(help="Old version: a pack, or an actions table (.parquet/.csv).")] = None,
    new: Annotated[Path | None, typer.Argument(help="New version: a pack, or an actions table.")] = None,
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder for changes.csv/.parquet/.md/.html.")] = Path(
        "output"),
    plan: Annotated[str | None, typer.Option(help="Diff stored versions of this plan instead of files.")] = None,
    from_version: Annotated[int | None, typer.Option("--from", help="Stored version to diff from.")] = None,
    to_version: Annotated[int | None, typer.Option("--to", help="Stored version to diff to (default: latest).")] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Compare two versions of a plan: what was added, removed, reworded, re-owned, slipped."""
    if plan is not None:
        if old is not None or new is not None:
            raise typer.BadParameter("give OLD NEW or --plan, not both")
        changes = api.diff_stored(plan, db, from_version, to_version, out_dir)
    else:
        if old is None or new is None:
            raise typer.BadParameter("give OLD and NEW (packs or actions tables), or --plan NAME")
        changes = api.diff(old, new, out_dir)
    _print_change_summary(changes)
    out.print(f"wrote {out_dir}/changes.csv, changes.parquet, changes.md, changes.html")


@app.command("import")
@reports_errors
def import_cmd(
    pack: Annotated[Path, typer.Argument(help="The pack to store as the plan's next version.")],
    plan: Annotated[str, typer.Option(help="The plan's name in the store.")],
    as_of: Annotated[str | None, typer.Option(help="The date the version speaks for (YYYY-MM-DD).")] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Store a plan refresh as the plan's next version and print what changed since the previous one."""
    result = api.import_pack(pack, plan, db, _parse_date(as_of, "--as-of"))
    if result.already_stored:
        out.print(f"{pack.name} is already stored as version {result.version} of {plan!r}: nothing imported")
        return
    out.print(f"stored {pack.name} as version {result.version} of {plan!r} ({result.actions} actions) in {db}")
    _print_change_summary(result.changes)


@app.command("versions")
@reports_errors
def versions_cmd(
    plan: Annotated[str | None, typer.Option(help="Only this plan.")] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """List the stored plans and versions with their action and change counts."""
    frame = api.versions(db, plan)
    if frame.empty:
        err.print("no versions stored" + (f" for plan {plan!r}" if plan else ""))
        raise typer.Exit(1)
    table = Table(title=f"plantrack versions ({db})")
    for col in frame.columns:
        table.add_column(col.replace("_", " "))
    for row in frame.itertuples(index=False):
        table.add_row(*["" if v is None else str(v)[:19] for v in row])
    out.print(table)


@app.command("export")
@reports_errors
def export_cmd(
    fmt: Annotated[str, typer.Option("--format", "-f", help="parquet, csv or xlsx.")],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder to write into.")],
    plan: Annotated[str | None, typer.Option(help="Only this plan (default: every plan's latest version).")] = None,
    version: Annotated[int | None, typer.Option(help="This stored version of --plan.")] = None,
    partition: Annotated[bool, typer.Option(help="Parquet: one folder per plan (Hive partitions).")] = False,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Write the store's actions and changes as Parquet, CSV or Excel for BI tools."""
    if fmt not in ("parquet", "csv", "xlsx"):
        raise typer.BadParameter("use parquet, csv or xlsx", param_hint="--format")
    for path in api.export(fmt, out_dir, db, plan, version, partition):
        out.print(f"wrote {path}")


@app.command("report")
@reports_errors
def report_cmd(
    pack: Annotated[Path | None, typer.Argument(help="A pack to report on (or use --plan).")] = None,
    plan: Annotated[str | None, typer.Option(help="Report on this stored plan's latest version.")] = None,
    as_of: Annotated[str | None, typer.Option(help="Date for overdue actions (YYYY-MM-DD, default today).")] = None,
    out_file: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write.")] = Path(
        "output/report.html"),
    pdf: Annotated[bool, typer.Option(help="Also print it to PDF with headless Chromium.")] = False,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Write the board report: RAG by section, overdue actions, slipped deadlines, actions per owner."""
    if (pack is None) == (plan is None):
        raise typer.BadParameter("give a PACK or --plan NAME")
    for path in api.report(out_file, pack, plan, db, _parse_date(as_of, "--as-of"), pdf):
        out.print(f"wrote {path}")


def main() -> None:
    try:
        app()
    except PlantrackError as exc:
        err.print(f"[red]error[/red] {exc}")
        raise SystemExit(1) from None
    except KeyboardInterrupt:
        err.print("interrupted")
        raise SystemExit(130) from None
