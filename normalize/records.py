"""Raw records (values as printed) -> ActionRecords with every field normalised."""

from __future__ import annotations

from collections import Counter

from plantrack.extract.context import PackContext
from plantrack.extract.records import RawRecord
from plantrack.models import ActionRecord, make_record_id
from plantrack.normalize.dates import parse_due
from plantrack.normalize.owners import resolve_names, split_owners
from plantrack.normalize.rag import parse_rag
from plantrack.normalize.text import collapse_space, unhomoglyph


def normalise_records(raws: list[RawRecord], source_file: str, context: PackContext) -> list[ActionRecord]:
    seen: Counter[str] = Counter()
    out: list[ActionRecord] = []
    for raw in raws:
        rec = normalise_record(raw, source_file, context)
        base = make_record_id(source_file, rec.table_kind, rec.section, rec.action_id, rec.action)
        rec.record_id = make_record_id(source_file, rec.table_kind, rec.section, rec.action_id, rec.action,
                                       seen[base]) if seen[base] else base
        seen[base] += 1
        out.append(rec)
    return out


def normalise_record(raw: RawRecord, source_file: str, context: PackContext) -> ActionRecord:
    v = {k: collapse_space(x) for k, x in raw.values.items()}
    owner_raw = v.get("owner", "")
    owners = split_owners(owner_raw) if owner_raw else []
    # model_construct: every value is built here with its declared type, so validation would only cost time
    rec = ActionRecord.model_construct(
        source_file=source_file,
        source_page=raw.page,
        source_line=raw.line,
        plan_title=collapse_space(raw.plan_title),
        table_kind=raw.table_kind,
        section=collapse_space(raw.section),
        action_id=unhomoglyph(raw.action_id).replace(" ", "") if raw.action_id else None,
        action=collapse_space(raw.text),
        owner_raw=owner_raw,
        owners=owners,
        owner_names=resolve_names(owners, context.names),
        partners_raw=v.get("partners", ""),
        due_raw=v.get("due", ""),
        measures=v.get("measures", ""),
        refs="; ".join([r for r in raw.refs if r] + ([v["refs"]] if v.get("refs") else [])),
        confidence=raw.confidence,
        flags=list(raw.flags),
    )
    if rec.due_raw:
        due = parse_due(rec.due_raw, context.pack_year)
        rec.due_kind, rec.due_start, rec.due_date = due.kind, due.start, due.date
        for flag in due.flags:
            rec.add_flag(flag, due.confidence)
        if due.confidence < 1 and not due.flags:
            rec.add_flag("date_fallback", due.confidence)  # read by dateparser, not the grammar
    for field_raw, field, role in (("rag_raw", "rag", "rag"), ("rag_previous_raw", "rag_previous", "rag_previous"),
                                   ("rag_initial_raw", "rag_initial", "rag_initial")):
        raw_value = v.get(role, "")
        if not raw_value:
            continue
        value = parse_rag(raw_value, context.legend)
        if value.status is None:
            if raw_value.startswith("fill:"):
                continue  # a grey or white cell: table styling, not a status
            # not a status from the legend (`EHIP`, KPI text): keep it out of the RAG columns
            rec.refs = "; ".join(x for x in (rec.refs, raw_value) if x)
            continue
        setattr(rec, field_raw, raw_value)
        setattr(rec, field, value.status)
        if raw_value.startswith("fill:"):
            rec.add_flag("rag_from_colour", 0.9)
        if field == "rag":
            rec.rag_label = value.label
    return rec
