"""Header cells -> column roles. One table of header variants, shared by every reader."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Order matters: the first pattern that matches a header cell gives its role.
ROLE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("rag_initial", re.compile(r"^rag\s*initial$|^initial(\s*(rag|status|rating))?$|^baseline\s*(rag|status)$")),
    ("rag_previous", re.compile(r"^rag\s*(previous|last|prior)$|^(previous|last|prior)(\s*(rag|status|rating|period|quarter|month))?$"
                                r"|^(rag|status)\s*(last|previous)\s*\w*$")),
    ("rag", re.compile(r"^r\s*a\s*g(\s*(current|status|rating|now|latest))?$|^current(\s*(rag|status|rating))?$"
                       r"|^(rag\s*)?(status|rating)(\s*(now|current))?$|^b?rag$")),
    ("partners", re.compile(r"^enabling|^partners?\b|^supporting|^key partners|^contributors?$|^support(ed)? by")),
    ("owner", re.compile(r"^(respon\s*-?\s*sible|responsibility|who|leads?|lead (officer|person|manager|agency)s?"
                         r"|owners?|action owners?|accountable( officer| person)?|by whom|officers?)\b")),
    ("due", re.compile(r"^(target\s*dates?|when|due(\s*(date|by))?|time(scales?|\s*frames?|lines?)?|deadlines?|by when"
                       r"|when by|completion( date)?|date due|target( completion)?( date)?|dates?|target date for completion)$")),
    ("measures", re.compile(r"^(how (measured|will we (know|measure))|success (measures?|criteria)|milestones?"
                            r"|measures?( of success)?|key performance|kpis?|outcomes? /|evidence( of impact)?|impact measure"
                            r"|performance (measures?|indicators?)|expected outcomes?)")),
    ("refs", re.compile(r"^(ofsted\s*ref|link to other plans|links?\b|ref to|ofsted recommendation)")),
    ("action", re.compile(r"^(strategic intent and actions|((specific|key|improvement|planned|agreed)\s+)?actions?"
                          r"(\s*required|\s*to be taken|\s*\(what\))?|what will we do|what we will do|tasks?|key tasks?"
                          r"|activity|activities)\b")),
    ("objective", re.compile(r"^(objectives?|what needs to improve|area for improvement)")),
    ("section", re.compile(r"^(performance area|priority|ref|area|theme|workstream|objective area|priority area)$")),
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

    @property
    def role_at(self) -> dict[int, str]:
        """The role of each named column, by its index."""
        return {col: role for role, col in self.roles.items()}


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
