"""Render text packs as PDFs in other page styles and score plantrack's PDF path on them.

The acceptance packs come "rendered in other page styles" (portrait, serif fonts, thin grey
rules, unruled tables, Letter paper). This script makes such PDFs from the text packs with
headless Chromium, so the PDF reader can be scored against the gold on styles it has not seen.

Usage:
    python benchmarks/render_styles.py render PACK.txt --style STYLE --out OUT.pdf [--html OUT.html]
    python benchmarks/render_styles.py bench [--work DIR] [--styles S,...] [--packs 000,002] [--show N]

`bench` renders packs 000 and 002 in every style (one folder per style, PDFs named by the
pack's stem so the gold matches), runs `python -m plantrack extract` on each folder and on the
text packs (the baseline), scores each with tests/score_actions.py and prints a table.

Text pack -> HTML: `#` headings -> h1..h6, other lines -> <p> (markdown bold/italic/links
converted), runs of `- ` lines -> <ul>. A run of tab-separated lines is a table; a blank line
or a `--\t--` separator row inside it is where the original PDF's page broke, so each
fragment becomes its own <table> with `page-break-before: always`. Nothing is repeated (no
<thead>): header rows appear only where the text pack has them. Cell HTML is kept as is,
except that 2+ spaces between words (the text packs' mark for a printed line break) become
<br> (`--keep-spaces` turns this off); rows are padded with empty cells to the fragment's
widest row. `--one-table` puts a table's fragments in one <table> instead (shared column widths).
"""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEXT_DIR = ROOT / "samples" / "text"
GOLD = sorted((ROOT / "tests" / "gold").glob("0*.csv"))
DATES = ROOT / "tests" / "gold" / "dates.csv"
SCORER = ROOT / "tests" / "score_actions.py"

SEPARATOR_ROW = re.compile(r"^[\s\-|:]*-{2,}[\s\-|:]*$")  # same test as the text reader
HEADING = re.compile(r"^(#{1,6})\s+(.*)$")

BASE_CSS = """
body { margin: 0; font-size: 10pt; line-height: 1.25; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0; }
td { vertical-align: top; padding: 3pt 4pt; }
td p { margin: 0 0 3pt 0; }
td ul { margin: 0 0 3pt 0; padding-left: 14pt; }
table.break, tr.break { page-break-before: always; break-before: page; }
tr { page-break-inside: auto; }
h1 { font-size: 16pt; } h2 { font-size: 14pt; } h3 { font-size: 12pt; }
h4, h5, h6 { font-size: 11pt; }
"""

STYLES: dict[str, str] = {
    "landscape-sans-ruled": """
@page { size: A4 landscape; margin: 12mm; }
body { font-family: Arial, "Liberation Sans", sans-serif; }
td { border: 1px solid #000; }
""",
    "portrait-serif-grey": """
@page { size: A4 portrait; margin: 15mm; }
body { font-family: "DejaVu Serif", "Liberation Serif", serif; }
td { border: 0.5px solid #999; }
""",
    "portrait-unruled": """
@page { size: A4 portrait; margin: 15mm; }
body { font-family: Arial, "Liberation Sans", sans-serif; }
td { border: none; padding: 4pt 6pt; }
""",
    "landscape-unruled-airy": """
@page { size: A4 landscape; margin: 12mm; }
body { font-family: "DejaVu Serif", "Liberation Serif", serif; }
td { border: none; padding: 8pt 8pt; }
td p { margin: 0 0 6pt 0; }
""",
    "landscape-unruled-tight": """
@page { size: A4 landscape; margin: 12mm; }
body { font-family: Arial, "Liberation Sans", sans-serif; }
td { border: none; padding: 1pt 5pt; }
td p, td ul { margin: 0; }
""",
    "letter-landscape-thick": """
@page { size: letter landscape; margin: 0.5in; }
body { font-family: Arial, "Liberation Sans", sans-serif; }
td { border: 2px solid #000; }
tr.hdr td { background: #d9d9d9; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
""",
    # Word's plain table styles: rules between rows only, no column rules
    "landscape-hrules": """
@page { size: A4 landscape; margin: 12mm; }
body { font-family: Arial, "Liberation Sans", sans-serif; }
td { border: none; border-top: 0.75px solid #000; border-bottom: 0.75px solid #000; }
""",
    # banded rows: alternate rows shaded, no rules at all
    "portrait-zebra": """
@page { size: A4 portrait; margin: 15mm; }
body { font-family: "Liberation Serif", serif; }
td { border: none; padding: 3pt 5pt; }
tr:nth-child(even) td { background: #e8eef7; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
""",
}


# ---------------------------------------------------------------- text pack -> HTML


def _inline_md(text: str) -> str:
    """A prose line: escape, then markdown bold/italic/links -> HTML."""
    out = html.escape(text, quote=False)
    out = re.sub(r"\[([^\]]*)\]\(([^)]*)\)", r"\1", out)
    out = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", out)
    out = re.sub(r"__(.+?)__", r"<b>\1</b>", out)
    out = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", out)
    return out


TAG_SPLIT = re.compile(r"(<[^>]*>)")
PRINTED_BREAK = re.compile(r"(?<=\S) {2,}(?=\S)")


def cell_html(cell: str, line_breaks: bool = True) -> str:
    """A cell's HTML as is, except that a run of 2+ spaces between words (how the text packs mark a
    line break printed in the source PDF) becomes <br>, so the PDF prints it as a line break too."""
    if not line_breaks or "  " not in cell:
        return cell
    parts = TAG_SPLIT.split(cell)
    return "".join(p if p.startswith("<") else PRINTED_BREAK.sub("<br>", p) for p in parts)


def _is_table_line(line: str) -> bool:
    return "\t" in line and not SEPARATOR_ROW.match(line.replace("\t", " "))


def _is_break_line(line: str) -> bool:
    stripped = line.strip()
    return not stripped or bool(SEPARATOR_ROW.match(stripped.replace("\t", " ")))


def parse_pack(text: str) -> list[tuple]:
    """Blocks: ("h", level, text) | ("p", text) | ("li", text) | ("table", [fragment rows...]).

    A table is a list of fragments; a fragment is a list of rows (lists of cell HTML).
    Mirrors the text reader: a break line inside a table only counts when another table
    line follows; prose or a heading ends the table.
    """
    blocks: list[tuple] = []
    fragments: list[list[list[str]]] = []
    rows: list[list[str]] = []
    pending_break = False

    def flush() -> None:
        nonlocal rows, fragments
        if rows:
            fragments.append(rows)
        if fragments:
            blocks.append(("table", fragments))
        rows, fragments = [], []

    for line in text.splitlines():
        if _is_table_line(line):
            cells = line.split("\t")
            if pending_break and rows:
                fragments.append(rows)
                rows = []
            pending_break = False
            if rows or fragments or any(c.strip() for c in cells):
                rows.append(cells)
            continue
        if _is_break_line(line):
            if rows:
                pending_break = True
            continue
        flush()
        pending_break = False
        stripped = line.strip()
        m = HEADING.match(stripped)
        if m:
            blocks.append(("h", len(m.group(1)), m.group(2)))
        elif re.match(r"^[-*]\s+\S", stripped):
            blocks.append(("li", stripped[2:].strip()))
        else:
            blocks.append(("p", stripped))
    flush()
    return blocks


def _cells_html(cells: list[str], width: int, line_breaks: bool) -> str:
    """A row's <td>s, padded with empty cells to `width`."""
    return "".join(f"<td>{cell_html(c, line_breaks)}</td>" for c in cells + [""] * (width - len(cells)))


def _looks_like_header(cells: list[str]) -> bool:
    """A row of short labels (the text packs keep no mark of which first rows are headers;
    some tables start straight with an action, and that must not repeat on every page)."""
    filled = [c.strip() for c in cells if c.strip()]
    return len(filled) >= 2 and all(len(c) <= 60 and "<" not in c and not c[0].isdigit() for c in filled)


def pack_to_html(
    text: str, style: str, title: str = "", one_table: bool = False, line_breaks: bool = True,
    repeat_header: bool = False,
) -> str:
    """one_table: a table's page-break fragments are rows of one <table> (break-before on the
    fragment's first row), so every page shares the column widths, as in a Word table.
    repeat_header: a table's first row goes in <thead>, so the browser repeats it on every
    page the table runs onto (Word's "repeat as header row")."""
    css = BASE_CSS + STYLES[style]
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{html.escape(title)}</title>",
        f"<style>{css}</style></head><body>",
    ]
    in_list = False
    for block in parse_pack(text):
        kind = block[0]
        if kind != "li" and in_list:
            out.append("</ul>")
            in_list = False
        if kind == "h":
            level = block[1]
            out.append(f"<h{level}>{_inline_md(block[2])}</h{level}>")
        elif kind == "p":
            out.append(f"<p>{_inline_md(block[1])}</p>")
        elif kind == "li":
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{_inline_md(block[1])}</li>")
        else:
            fragments = block[1]
            header = [c.strip() for c in fragments[0][0]]
            run_width = max(len(r) for rows in fragments for r in rows)
            for i, rows in enumerate(fragments):
                width = run_width if one_table else max(len(r) for r in rows)
                if not one_table or i == 0:
                    cls = ' class="break"' if i else ""
                    out.append(f"<table{cls}>")
                    heads = repeat_header and i == 0 and _looks_like_header(rows[0])
                    if heads:
                        out.append('<thead><tr class="hdr">' + _cells_html(rows[0], width, line_breaks) + "</tr></thead>")
                    out.append("<tbody>")
                for r, cells in enumerate(rows):
                    if heads and i == 0 and r == 0:
                        continue  # printed in <thead>
                    classes = []
                    if (i == 0 and r == 0) or [c.strip() for c in cells] == header:
                        classes.append("hdr")
                    if one_table and i and r == 0:
                        classes.append("break")  # the fragment starts a page, inside the same table
                    tr = f'<tr class="{" ".join(classes)}">' if classes else "<tr>"
                    out.append(tr + _cells_html(cells, width, line_breaks) + "</tr>")
                if not one_table or i == len(fragments) - 1:
                    out.append("</tbody></table>")
    if in_list:
        out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out)


# ---------------------------------------------------------------- HTML -> PDF


def chromium_binary() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    raise SystemExit("chromium not found")


def print_pdf(html_path: Path, pdf_path: Path, timeout: float = 300, furniture: bool = False) -> None:
    """furniture: keep the browser's running header and footer (date, title, address, page numbers)."""
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="render-styles-chromium-") as profile:
        cmd = [
            chromium_binary(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            f"--print-to-pdf={pdf_path}",
            *([] if furniture else ["--no-pdf-header-footer"]),
            html_path.resolve().as_uri(),
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if not pdf_path.exists() or pdf_path.stat().st_size == 0:
        raise SystemExit(f"chromium failed on {html_path}: rc={proc.returncode}\n{proc.stderr[-2000:]}")


def render(
    pack: Path,
    style: str,
    pdf_out: Path,
    html_out: Path | None = None,
    one_table: bool = False,
    line_breaks: bool = True,
    repeat_header: bool = False,
    furniture: bool = False,
) -> Path:
    text = pack.read_text(encoding="utf-8-sig")
    page = pack_to_html(text, style, title=pack.stem, one_table=one_table, line_breaks=line_breaks,
                        repeat_header=repeat_header)
    if html_out is None:
        html_out = pdf_out.with_suffix(".html")
    html_out.parent.mkdir(parents=True, exist_ok=True)
    html_out.write_text(page, encoding="utf-8")
    print_pdf(html_out, pdf_out, furniture=furniture)
    return pdf_out


# ---------------------------------------------------------------- bench

COLUMNS = [
    ("recall", "recall"),
    ("precision", "precision"),
    ("f1", "f1"),
    ("id", "id"),
    ("owner", "owner"),
    ("due", "due"),
    ("ambflg", "ambiguous_flagged"),
    ("date", "dates"),
]


def extract(inputs: list[Path], out: Path) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "plantrack", "extract", *map(str, inputs), "--out", str(out)]
    env = dict(os.environ, COLUMNS="200")
    return subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)


def score(pred: Path, show: int, gold: list[Path] | None = None) -> tuple[dict[str, float], str]:
    cmd = [sys.executable, str(SCORER), str(pred), *map(str, gold or GOLD), "--dates", str(DATES), "--show", str(show)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    metrics: dict[str, float] = {}
    for line in proc.stdout.splitlines()[::-1]:
        if line.startswith("recall="):
            for part in line.split():
                key, _, value = part.partition("=")
                try:
                    metrics[key] = float(value)
                except ValueError:
                    pass
            break
    return metrics, proc.stdout + proc.stderr


def text_gold(actions: Path, docs: set[str], out: Path) -> Path:
    """The text path's records of `docs` written as a gold file: for packs with no gold of their
    own, every PDF style is then scored by how far it agrees with the text path."""
    import pandas as pd

    d = pd.read_csv(actions, dtype=str).fillna("")
    d = d[d.source_file.isin(docs)]
    gold = pd.DataFrame({
        "doc": d.source_file, "line": d.source_line, "plan": d.plan_title, "table": d.table_kind,
        "section": d.section, "action_id": d.action_id, "action": d.action, "owner": d.owner_raw,
        "partners": d.partners_raw, "due": d.due_raw, "rag": d.rag_raw, "rag_previous": d.rag_previous_raw,
        "rag_initial": d.rag_initial_raw, "ambiguous": "", "note": "",
    })
    gold.to_csv(out, index=False)
    return out


def bench(args: argparse.Namespace) -> int:
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    styles = args.styles.split(",") if args.styles else list(STYLES)
    packs = [p for key in args.packs.split(",") for p in sorted(TEXT_DIR.glob(f"{key}_*.txt"))]
    results: dict[str, dict[str, float]] = {}

    runs: list[tuple[str, list[Path]]] = [("text (baseline)", [TEXT_DIR])]
    if args.original_pdf:
        pdfs = [ROOT / "samples" / "pdf" / f"{p.stem}.pdf" for p in packs]
        runs.append(("original sample PDFs", [p for p in pdfs if p.exists()]))
    for style in styles:
        folder = work / style / "pdf"
        pdfs = []
        for pack in packs:
            pdf = folder / f"{pack.stem}.pdf"
            if args.rerender or not pdf.exists():
                render(
                    pack, style, pdf, work / style / "html" / f"{pack.stem}.html", args.one_table, not args.keep_spaces,
                    args.repeat_header, args.furniture,
                )
            pdfs.append(pdf)
        runs.append((style, pdfs))

    gold: list[Path] | None = None
    for name, inputs in runs:
        out = work / re.sub(r"\W+", "_", name).strip("_") / "out"
        shutil.rmtree(out, ignore_errors=True)  # never score a previous run's actions
        proc = extract(inputs, out)
        if args.against_text and gold is None:
            gold = [text_gold(out / "actions.csv", {p.name for p in packs}, work / "text_gold.csv")]
        if (out / "actions.csv").exists() or (out / "actions.parquet").exists():
            metrics, report = score(out, args.show, gold)
        else:  # nothing extracted (every input failed): score as zero rather than crash the scorer
            metrics = {key: 0.0 for _, key in COLUMNS}
            report = "no actions written: every input failed\n" + proc.stdout[-3000:] + proc.stderr[-3000:]
        (out.parent).mkdir(parents=True, exist_ok=True)
        (out.parent / "extract.log").write_text(proc.stdout + proc.stderr)
        (out.parent / "score.txt").write_text(report)
        results[name] = metrics
        print(f"== {name}: extract rc={proc.returncode}; score -> {out.parent / 'score.txt'}", file=sys.stderr)

    base = results["text (baseline)"]
    head = f"{'style':<24}" + "".join(f"{c:>10}" for c, _ in COLUMNS)
    print(head)
    print("-" * len(head))
    for name, metrics in results.items():
        cells = []
        for _, key in COLUMNS:
            v = metrics.get(key)
            if v is None:
                cells.append(f"{'-':>10}")
                continue
            flag = "*" if name != "text (baseline)" and key in base and v < base[key] - 0.02 else " "
            cells.append(f"{v:>9.3f}{flag}")
        print(f"{name:<24}" + "".join(cells))
    print("* = more than 0.02 below the text baseline")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("render", help="render one text pack to PDF")
    r.add_argument("pack", type=Path)
    r.add_argument("--style", choices=list(STYLES), required=True)
    r.add_argument("--out", type=Path, required=True)
    r.add_argument("--html", type=Path)
    r.add_argument("--one-table", action="store_true", help="fragments as rows of one table (shared column widths)")
    r.add_argument("--keep-spaces", action="store_true", help="leave 2+ spaces in cells as spaces (no <br>)")
    b = sub.add_parser("bench", help="render, extract and score every style")
    b.add_argument("--work", default=str(Path(tempfile.gettempdir()) / "render_styles"))
    b.add_argument("--styles", default="")
    b.add_argument("--packs", default="000,002")
    b.add_argument("--show", type=int, default=30)
    b.add_argument("--rerender", action="store_true")
    b.add_argument("--one-table", action="store_true", help="fragments as rows of one table (shared column widths)")
    b.add_argument("--keep-spaces", action="store_true", help="leave 2+ spaces in cells as spaces (no <br>)")
    b.add_argument("--original-pdf", action="store_true", help="also score samples/pdf for 000/002")
    b.add_argument("--against-text", action="store_true",
                   help="score against the text path's own records instead of the gold (packs with no gold: 001,003,004)")
    for command in (r, b):
        command.add_argument("--repeat-header", action="store_true",
                             help="a table's first row in <thead>: repeated on every page it runs onto")
        command.add_argument("--furniture", action="store_true",
                             help="keep the browser's running header and footer (date, title, address, page x/y)")
    args = parser.parse_args(argv)
    if args.cmd == "render":
        render(args.pack, args.style, args.out, args.html, args.one_table, not args.keep_spaces,
               args.repeat_header, args.furniture)
        print(args.out)
        return 0
    return bench(args)


if __name__ == "__main__":
    sys.exit(main())
