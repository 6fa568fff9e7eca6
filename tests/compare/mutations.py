"""Make a 'next version' of a plan with known edits, and score a diff against what was done.

`mutate` rewords, edits cosmetically, re-owns, slips / brings forward / rewords deadlines, changes
RAG, deletes, adds and renumbers a block, and records the truth: which old action became which new
one and what each `*_change` column should say. Used by the tests and by benchmarks/bench_diff.py.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
from dataclasses import dataclass, field

import pandas as pd
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from plantrack.models import ActionRecord

CHANGE_COLUMNS = ("text_change", "owner_change", "due_change", "rag_change")
RATES = {"delete": 0.03, "replace": 0.02, "add": 0.03, "reword": 0.06, "cosmetic": 0.05, "reown": 0.05, "owner_format": 0.03,
         "slip": 0.05, "bring_forward": 0.02, "due_reword": 0.03, "rag": 0.08}
RAG_ORDER = ["red", "amber", "green", "complete"]
PHRASES = ["with partner agencies", "and report progress to the Board", "across all localities",
           "within existing resources", "in line with the new Ofsted framework", "for children in need"]
SENTENCES = ["Progress will be reviewed quarterly.", "Findings to be shared with the LSCB.",
             "Impact measured through the audit programme."]
WORDS = ["safeguarding", "placement", "commissioning", "workforce", "supervision", "assessment", "partnership",
         "caseload", "recruitment", "fostering", "adoption", "transition", "escalation", "thresholds",
         "dashboard", "scorecard", "advocacy", "participation", "consultation", "induction"]
VERBS = ["Develop", "Implement", "Review", "Establish", "Embed", "Commission", "Launch", "Evaluate"]
OWNERS = ["AB", "AH", "MC", "DM", "CS", "JW", "TS", "ES", "Head of QA", "PD", "KA", "GP", "RL", "SF"]


@dataclass
class Truth:
    pairs: dict[str, str] = field(default_factory=dict)  # old record_id -> new record_id
    expected: dict[str, dict[str, str]] = field(default_factory=dict)  # old record_id -> change columns
    removed: set[str] = field(default_factory=set)
    added: set[str] = field(default_factory=set)
    renumbered: set[str] = field(default_factory=set)  # old record_ids whose number changed
    counts: dict[str, int] = field(default_factory=dict)  # edits made, by kind

    def count(self, kind: str) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + 1


# --- text --------------------------------------------------------------------------------------------

def reword(text: str, rng: random.Random) -> str:
    """A change of meaning: words replaced by different words, a clause inserted or cut, a sentence added."""
    words = text.split()
    op = rng.choice(["replace", "insert", "delete", "append"])
    if op == "replace":
        spots = [k for k, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
        for k in rng.sample(spots, min(len(spots), rng.randint(2, 3))):
            words[k] = rng.choice([w for w in WORDS if OSA.distance(w, words[k].lower()) > 2])
        if spots:
            return " ".join(words)
    if op == "delete" and len(words) >= 12:
        k = rng.randrange(1, len(words) - 4)
        return " ".join(words[:k] + words[k + rng.randint(2, 4):])
    if op == "append":
        return text + " " + rng.choice(SENTENCES)
    k = rng.randrange(1, len(words) + 1)
    return " ".join(words[:k] + rng.choice(PHRASES).split() + words[k:])


def cosmetic(text: str, rng: random.Random) -> str:
    """Case, punctuation or a one-letter slip in a long word: the same words, the same meaning."""
    words = text.split()
    op = rng.choice(["case", "punctuation", "spelling"])
    long_words = [k for k, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
    if op == "spelling" and long_words:
        k = rng.choice(long_words)
        w = words[k]
        p = rng.randrange(1, len(w) - 2)
        words[k] = w[:p] + w[p + 1] + w[p] + w[p + 2:]  # two letters swapped
        if words[k] != w:
            return " ".join(words)
    if op == "case":
        k = rng.randrange(len(words))
        new = words[k].lower() if words[k] != words[k].lower() else words[k].capitalize()
        if new != words[k]:
            words[k] = new
            return " ".join(words)
    return text[:-1] if text.endswith(".") else text + "."


def new_action(rng: random.Random) -> str:
    return (f"{rng.choice(VERBS)} a {rng.choice(WORDS)} and {rng.choice(WORDS)} protocol so that "
            f"{rng.choice(WORDS)} {rng.choice(PHRASES)}")


def replacement(r: ActionRecord, donors: list[ActionRecord], rng: random.Random, source_file: str) -> ActionRecord:
    """Another real action's text in `r`'s place, with r's number, owner and date.

    The text comes from another plan where there is one, and is reworded, so it never repeats an
    action of this version word for word (that would make the truth itself ambiguous).
    """
    others = [d.action for d in donors if d.plan_title != r.plan_title] or [d.action for d in donors]
    text = reword(rng.choice(others), rng)
    while fuzz.ratio(text, r.action) >= 60:
        text = reword(rng.choice(others), rng)
    return r.model_copy(deep=True, update={"record_id": f"rep:{r.record_id}", "source_file": source_file,
                                           "action": text})


# --- owners, dates, RAG ------------------------------------------------------------------------------

def reown(owner_raw: str, rng: random.Random) -> str:
    current = {o.strip().upper() for o in owner_raw.split("/")}
    choices = [o for o in OWNERS if o.upper() not in current]
    return "/".join(rng.sample(choices, rng.randint(1, 2)))


def reformat_owner(owner_raw: str, rng: random.Random) -> str:
    """`AB/AH` -> `AH, AB` or `AB / AH`: the same owners printed differently."""
    parts = [p.strip() for p in owner_raw.split("/") if p.strip()]
    if len(parts) > 1 and rng.random() < 0.5:
        return ", ".join(reversed(parts))
    return " / ".join(parts) if len(parts) > 1 else owner_raw.lower()


def shift_month(date: dt.date, months: int) -> dt.date:
    k = date.year * 12 + date.month - 1 + months
    y, m = divmod(k, 12)
    return dt.date(y, m + 1, calendar.monthrange(y, m + 1)[1])


def month_text(date: dt.date) -> str:
    return f"{calendar.month_abbr[date.month]} {date.year}"


def _mutate_due(r: ActionRecord, rng: random.Random, truth: Truth) -> tuple[dict[str, object], str]:
    u = rng.random()
    if r.due_kind == "deadline" and r.due_date:
        if u < RATES["slip"]:
            date = shift_month(r.due_date, rng.randint(1, 6))
            truth.count("slip")
            return {"due_raw": month_text(date), "due_date": date}, "slipped"
        u -= RATES["slip"]
        if u < RATES["bring_forward"]:
            date = shift_month(r.due_date, -rng.randint(1, 3))
            truth.count("bring_forward")
            return {"due_raw": month_text(date), "due_date": date}, "brought_forward"
        u -= RATES["bring_forward"]
        if u < RATES["due_reword"]:
            d = r.due_date
            raw = (f"By {calendar.month_name[d.month]} {d.year}" if d == shift_month(d, 0)
                   else f"{d.day} {calendar.month_name[d.month]} {d.year}")
            if raw.lower() != r.due_raw.lower():
                truth.count("due_reword")
                return {"due_raw": raw}, "reworded"
    if r.due_kind == "from" and r.due_start and u < RATES["due_reword"]:
        truth.count("due_reword")
        return {"due_raw": f"{month_text(r.due_start)} onwards"}, "reworded"
    return {}, "none"


def _mutate_rag(rag: str | None, rng: random.Random, truth: Truth) -> tuple[str | None, str]:
    if rng.random() >= RATES["rag"]:
        return rag, "none"
    truth.count("rag")
    if rag not in RAG_ORDER:
        return "amber", "changed"
    k = RAG_ORDER.index(rag)
    step = rng.choice([-1, 1]) if 0 < k < len(RAG_ORDER) - 1 else (1 if k == 0 else -1)
    return RAG_ORDER[k + step], "improved" if step > 0 else "worsened"


# --- a new version -----------------------------------------------------------------------------------

def _bump(action_id: str) -> str | None:
    head, _, last = action_id.rpartition(".")
    return f"{head}.{int(last) + 1}" if head and last.isdigit() else None


def _renumber_blocks(records: list[ActionRecord], rng: random.Random, truth: Truth, old_of: dict[str, str]) -> None:
    """Runs of actions numbered one up (as after an insertion): their old numbers now name other actions.

    One run per 1,000 actions, each starting at a numbered action.
    """
    numbered = [k for k, r in enumerate(records) if r.action_id and _bump(r.action_id)]
    for start in rng.sample(numbered, min(len(numbered), max(1, len(records) // 1000))):
        for r in records[start:start + rng.randint(8, 15)]:
            bumped = _bump(r.action_id) if r.action_id else None
            if bumped:
                r.action_id = bumped
                if r.record_id in old_of:
                    truth.renumbered.add(old_of[r.record_id])
                truth.count("renumber")


def mutate(records: list[ActionRecord], seed: int, source_file: str = "new.txt") -> tuple[list[ActionRecord], Truth]:
    """A plausible next version of `records` and the truth about what was changed."""
    rng = random.Random(seed)
    truth = Truth()
    out: list[ActionRecord] = []
    old_of: dict[str, str] = {}
    for r in records:
        u = rng.random()
        if u < RATES["delete"]:
            truth.removed.add(r.record_id)
            truth.count("delete")
        elif u < RATES["delete"] + RATES["replace"]:
            # a different action printed in its place, under its number, owner and date: removed + added
            out.append(replacement(r, records, rng, source_file))
            truth.removed.add(r.record_id)
            truth.added.add(out[-1].record_id)
            truth.count("replace")
        else:
            expect = dict.fromkeys(CHANGE_COLUMNS, "none")
            update: dict[str, object] = {"record_id": f"n:{r.record_id}", "source_file": source_file}
            u = rng.random()
            if u < RATES["reword"]:
                update["action"], expect["text_change"] = reword(r.action, rng), "reworded"
                truth.count("reword")
            elif u < RATES["reword"] + RATES["cosmetic"]:
                update["action"], expect["text_change"] = cosmetic(r.action, rng), "cosmetic"
                truth.count("cosmetic")
            u = rng.random()
            if u < RATES["reown"]:
                update["owner_raw"] = reown(r.owner_raw, rng)
                update["owners"] = str(update["owner_raw"]).split("/")
                expect["owner_change"] = "changed"
                truth.count("reown")
            elif u < RATES["reown"] + RATES["owner_format"] and r.owner_raw:
                update["owner_raw"] = reformat_owner(r.owner_raw, rng)
                truth.count("owner_format")
            due_update, expect["due_change"] = _mutate_due(r, rng, truth)
            update.update(due_update)
            update["rag"], expect["rag_change"] = _mutate_rag(r.rag, rng, truth)
            new = r.model_copy(deep=True, update=update)
            out.append(new)
            old_of[new.record_id] = r.record_id
            truth.pairs[r.record_id] = new.record_id
            truth.expected[r.record_id] = expect
        if rng.random() < RATES["add"]:
            added = ActionRecord(record_id=f"add{len(truth.added)}", source_file=source_file,
                                 plan_title=r.plan_title, section=r.section, action_id=f"N{len(truth.added)}",
                                 action=new_action(rng), owner_raw=rng.choice(OWNERS),
                                 due_raw="Mar 2014", due_kind="deadline", due_date=dt.date(2014, 3, 31))
            out.append(added)
            truth.added.add(added.record_id)
            truth.count("add")
    _renumber_blocks(out, rng, truth, old_of)
    return out, truth


# --- scoring a diff ------------------------------------------------------------------------------------

def _str(v: object) -> str | None:
    return v if isinstance(v, str) and v else None


def evaluate(changes: pd.DataFrame, truth: Truth) -> dict[str, float]:
    """Pair precision / recall / F1, and the share of true pairs whose each `*_change` column is right."""
    rows = {(_str(o), _str(n)): k for k, (o, n) in enumerate(zip(changes["old_record_id"],
                                                                  changes["new_record_id"], strict=True))}
    predicted = {key for key in rows if key[0] and key[1]}
    true = set(truth.pairs.items())
    tp = len(predicted & true)
    precision = tp / len(predicted) if predicted else 0.0
    recall = tp / len(true) if true else 1.0
    scores = {"pairs_true": float(len(true)), "pairs_found": float(len(predicted)), "precision": precision,
              "recall": recall, "f1": 2 * precision * recall / (precision + recall) if tp else 0.0}
    for col in CHANGE_COLUMNS:
        values = changes[col].tolist()
        right = sum(1 for o, n in truth.pairs.items()
                    if (o, n) in rows and values[rows[(o, n)]] == truth.expected[o][col])
        scores[col] = right / len(true) if true else 1.0
    status = changes["status"].tolist()
    scores["removed_found"] = (sum(1 for o in truth.removed if (o, None) in rows and status[rows[(o, None)]] == "removed")
                               / len(truth.removed) if truth.removed else 1.0)
    scores["added_found"] = (sum(1 for n in truth.added if (None, n) in rows and status[rows[(None, n)]] == "added")
                             / len(truth.added) if truth.added else 1.0)
    return scores


def mistakes(changes: pd.DataFrame, truth: Truth, limit: int = 20) -> list[str]:
    """The pairs and columns a diff got wrong, in words (for failing tests and the benchmark)."""
    out = []
    found = {_str(o): (_str(n), row) for o, n, row in zip(changes["old_record_id"], changes["new_record_id"],
                                                          changes.to_dict("records"), strict=True) if _str(o)}
    for o, n in truth.pairs.items():
        got, row = found.get(o, (None, {}))
        if got != n:
            out.append(f"{o} should pair {n}, got {got}: {row.get('old_action_id')} {str(row.get('old_action'))[:60]!r}"
                       f" | {row.get('match_evidence')}")
            continue
        for col in CHANGE_COLUMNS:
            if row[col] != truth.expected[o][col]:
                out.append(f"{o} {col}: expected {truth.expected[o][col]}, got {row[col]}: "
                           f"{str(row['old_action'])[:50]!r} -> {str(row['new_action'])[:50]!r}")
    return out[:limit]
