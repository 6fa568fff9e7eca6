"""Action records for the comparison tests: the hand-made gold records, and big plans built from them.

The gold CSVs carry the texts, numbers, owners and due cells of real packs; dates are read here with a
small reader of the common cell shapes (`Dec 2013`, `30 Nov 13`, `By Mar 2014`, `From Sept 2013`) so the
tests do not depend on the extractor being written alongside.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
import re
from functools import cache
from pathlib import Path

import pandas as pd

from plantrack.models import ActionRecord

GOLD = Path(__file__).resolve().parents[1] / "gold"
MONTHS = {m.lower(): k for k, m in enumerate(calendar.month_abbr) if m} | {"sept": 9}
_DUE = re.compile(r"^(by |end )?(?:(\d{1,2}) )?([a-z]{3,9})\.? (\d{2}|\d{4})$")
_FROM = re.compile(r"^(?:from )([a-z]{3,9})\.? (\d{2}|\d{4})$")
RAGS = ["red", "amber", "amber", "green", "green", "green", "complete"]


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _month(word: str) -> int | None:
    return MONTHS.get(word[:4]) or MONTHS.get(word[:3])


def _year(text: str) -> int:
    return int(text) + 2000 if len(text) == 2 else int(text)


def due_fields(raw: str) -> dict[str, object]:
    """due_kind / due_start / due_date for the common shapes; anything else is kept raw as kind `none`."""
    text = raw.strip().lower()
    if m := _DUE.match(text):
        month = _month(m.group(3))
        if month:
            year = _year(m.group(4))
            date = dt.date(year, month, int(m.group(2))) if m.group(2) else month_end(year, month)
            return {"due_kind": "deadline", "due_start": None, "due_date": date}
    if (m := _FROM.match(text)) and _month(m.group(1)):
        return {"due_kind": "from", "due_start": dt.date(_year(m.group(2)), _month(m.group(1)) or 1, 1),
                "due_date": None}
    if text in ("ongoing", "on-going"):
        return {"due_kind": "ongoing", "due_start": None, "due_date": None}
    return {"due_kind": "none", "due_start": None, "due_date": None}


@cache
def _gold_rows() -> tuple[dict[str, str], ...]:
    frames = [pd.read_csv(p, dtype=str, keep_default_na=False) for p in sorted(GOLD.glob("0*.csv"))]
    return tuple(pd.concat(frames).to_dict("records"))


def gold_records(source_file: str = "old.txt", seed: int = 0) -> list[ActionRecord]:
    """The gold actions (several plans) as records, with a RAG status drawn for most of them."""
    rng = random.Random(seed)
    out = []
    for k, row in enumerate(_gold_rows()):
        out.append(ActionRecord(
            record_id=f"o{k}", source_file=source_file, source_line=int(row["line"]) if row["line"] else None,
            plan_title=row["plan"], table_kind=row["table"] or "plan", section=row["section"],
            action_id=row["action_id"] or None, action=row["action"], owner_raw=row["owner"],
            owners=[o.strip() for o in re.split(r"[/&,]", row["owner"]) if o.strip()],
            due_raw=row["due"], rag=rng.choice(RAGS) if rng.random() < 0.7 else None,
            **due_fields(row["due"])))
    return out


def synthetic_plan(n: int, seed: int = 0, title: str = "Children's Services Improvement Plan") -> list[ActionRecord]:
    """One plan of `n` actions: the gold actions repeated in numbered blocks, each copy lightly varied.

    Copies keep the gold wording except one word swapped per action, so the plan is full of
    near-duplicates (the hard case for matching), and get their own section and number prefix.
    """
    rng = random.Random(seed)
    base = gold_records(seed=seed)
    vocab = sorted({w for r in base for w in r.action.split() if w.isalpha() and len(w) > 5})
    out: list[ActionRecord] = []
    copy = 0
    while len(out) < n:
        for r in base:
            if len(out) == n:
                break
            words = r.action.split()
            if copy and len(words) > 3:
                words[rng.randrange(len(words))] = rng.choice(vocab)
            out.append(r.model_copy(update={
                "record_id": f"o{len(out)}", "plan_title": title, "section": f"B{copy}.{r.section}",
                "action_id": f"{copy}.{r.action_id}" if r.action_id else None, "action": " ".join(words),
                "source_line": len(out) + 1}))
        copy += 1
    return out
