"""Header cells -> column roles. One table of header variants, shared by every reader."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Order matters: the first pattern that matches a header cell gives its role.
ROLE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("rag_initial", re.compile(r"^rag\s*initial$|^initial(\s*rag)?$")),
    ("rag_previous", re.compile(r"^rag\s*previous$|^previous(\s*rag)?$|^last\s*(rag|period)$")),
    ("rag", re.compile(r"^r\s*a\s*g(\s*(current|status|rating))?$|^current(\s*rag)?$|^(rag\s*)?status$")),
    ("partners", re.compile(r"^enabling|^partners?\b|^supporting|^key partners")),
    ("owner", re.compile(r"^(respon\s*-?\s*sible|responsibility|who|leads?|lead officer|owner|accountable officer)\b")),
    ("due", re.compile(r"^(target\s*date|when|due(\s*date)?|time(scales?|\s*frame)?|deadline|by when|completion date|date due|target)$")),
    ("measures", re.compile(r"^(how measured|success measure|milestones?|measures? of success|key performance|kpis?|outcomes? /|evidence|impact measure)")),
    ("refs", re.compile(r"^(ofsted\s*ref|link to other plans|links?\b|ref to)")),
    ("action", re.compile(r"^(strategic intent and actions|actions?(\s*required|\s*to be taken|\s*\(what\))?|what will we do|tasks?|key actions?|activity)\b")),
    ("objective", re.compile(r"^(objectives?|what needs to improve|area for improvement)")),
    ("section", re.compile(r"^(performance area|priority|ref|area|theme|workstream|objective area)$")),
    ("id", re.compile(r"^(no\.?|number|action no\.?|ref no\.?|#|id)$")),
]

ACTION_ROLES = {"owner", "due", "rag", "rag_previous", "partners"}


def normalise_header(text: str) -> str:
    text = text.lower().replace("\u00ad", "")
    text = re.sub(r"[\s/]+", " ", text)
    text = re.sub(r"\s*-\s+", "", text)  # `Respon- sible`
    return text.strip(" :*")


@lru_cache(maxsize=8192)
def header_role(text: str) -> str | None:
    norm = normalise_header(text)
    if len(norm) > 60:
        norm = norm.split("(")[0].strip()  # `How measured/ KPIs (not all actions will have ...)`
    if not norm or len(norm) > 60:
        return None
    for role, pattern in ROLE_PATTERNS:
        if pattern.search(norm):
            return role
    return None


@dataclass(frozen=True)
class ColumnMap:
    """Which column holds which role; `width` is the header's cell count."""

    roles: dict[str, int]
    width: int
    header_texts: tuple[str, ...]

    @property
    def is_progress(self) -> bool:
        return "rag_previous" in self.roles and "rag" in self.roles and not ({"owner", "due"} & self.roles.keys())

    def col(self, role: str) -> int | None:
        return self.roles.get(role)


def map_header(texts: list[str]) -> ColumnMap | None:
    """A ColumnMap when `texts` reads as an action table's header, else None."""
    if sum(1 for t in texts if len(t) > 150) > 1:
        return None  # header cells are short labels; this is a row of content
    roles: dict[str, int] = {}
    named = 0
    unknown_long = 0
    filled = [t for t in texts if t.strip()]
    if len(filled) < 2:
        return None
    for i, text in enumerate(texts):
        if not text.strip():
            continue
        role = header_role(text)
        if role is None:
            if len(text) > 40:
                unknown_long += 1
            continue
        named += 1
        if role == "rag" and "rag" in roles:
            # `RAG | RAG | RAG` with Initial/Previous/Current on the next row: resolved by merge
            roles.setdefault("rag_2", i)
            continue
        roles.setdefault(role, i)
    if "action" not in roles or unknown_long or named < max(2, len(filled) // 2 + 1):
        return None
    if not (ACTION_ROLES & roles.keys()):
        return None
    return ColumnMap(roles=roles, width=len(texts), header_texts=tuple(texts))


def merge_header_rows(first: list[str], second: list[str]) -> list[str]:
    """`RAG | RAG` over `Initial | Previous` -> `RAG Initial | RAG Previous`."""
    width = max(len(first), len(second))
    a = first + [""] * (width - len(first))
    b = second + [""] * (width - len(second))
    return [" ".join(x for x in (p, q) if x.strip()) for p, q in zip(a, b, strict=True)]


def is_header_continuation(texts: list[str]) -> bool:
    """A second header row: only short labels such as `Initial`, `Previous`, `Current`."""
    filled = [t.strip() for t in texts if t.strip()]
    return bool(filled) and all(len(t) <= 12 and re.fullmatch(r"[A-Za-z ]+", t) for t in filled) and any(
        t.lower() in {"initial", "previous", "current"} for t in filled)
