"""Due-date cells -> DueDate.

A small regex grammar reads the idioms council packs print (`Dec 13`, `By Oct /Nov 2013`,
`03/16`, `2014/15`, `Dec 2013 - termly`, `Start w/c 14 or 21 October`); `dateparser` only
gets the date-like leftovers the grammar cannot read, and only a plausible answer is kept.

Conventions where the SPEC leaves a choice:
- quarters are calendar quarters (`Q1 2014` = Jan-Mar 2014) unless the year is a financial
  year (`Q1 2014/15` = Apr-Jun 2014);
- seasons are meteorological: spring Mar-May, summer Jun-Aug, autumn Sep-Nov, winter Dec of
  the year named to the end of the next February;
- school terms: autumn 1 Sep-31 Dec, spring 1 Jan-31 Mar (Easter moves, so the quarter end is
  used), summer 1 Apr-31 Jul; with an academic year (`Spring term 2013/14`) spring and summer
  take its second year;
- `or` between dates names alternatives for one date (`w/c 14 or 21 October`): one element
  spanning the alternatives, not two;
- a missing year comes from the next date in the cell (one year back when that would put a
  range's start after its end, `Nov - Jan 2014`); failing that from the previous date, then
  from pack_year; the last two are guesses (flag `year_from_context`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import html
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from plantrack.normalize.text import unhomoglyph

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

KINDS = ("deadline", "range", "from", "recurring", "multiple", "immediate", "ongoing", "tbc", "none")
CONTEXT_CONFIDENCE = 0.7  # year taken from outside the date itself
BAD_CONFIDENCE = 0.5  # a date printed but not usable
FALLBACK_CONFIDENCE = 0.9  # read by dateparser rather than the grammar
PAST_YEARS, FUTURE_YEARS = 5, 10  # plausibility window around pack_year
MIN_YEAR, MAX_YEAR = 1990, 2100  # only absurd years fail when the pack's year is unknown


@dataclass(frozen=True)
class DueDate:
    kind: str  # deadline, range, from, recurring, multiple, immediate, ongoing, tbc, none
    start: dt.date | None
    date: dt.date | None
    flags: tuple[str, ...] = ()  # date_unparsed, date_implausible, year_from_context
    confidence: float = 1.0


class _Tok(NamedTuple):
    kind: str  # period, status, recur, residue
    pos: int
    end: int
    unit: str = ""  # day, month, year, fy, quarter, fquarter, season, term
    year: int | None = None
    a: int = 0  # month / quarter / season / term number
    b: int = 0  # day of month
    status: str = ""


# --- grammar -------------------------------------------------------------------------------

_MONTH_RE = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
             r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                         "nov", "dec"), start=1)}
_SEASONS = {"spring": (3, 3), "summer": (6, 3), "autumn": (9, 3), "winter": (12, 3)}  # first month, months
_TERMS = {"autumn": (9, 4), "spring": (1, 3), "summer": (4, 4)}
_ORD = r"(?:\s?(?:st|nd|rd|th)(?![a-z]))"


def _mon(name: str) -> str:
    # the lookarounds keep `mar` out of `marked` but let `Dec13` through
    return rf"(?<![a-z])(?P<{name}>{_MONTH_RE})\.?(?![a-z])"


def _yr(name: str) -> str:
    return rf"(?P<{name}>\d{{4}}|'?\d{{2}})(?![\d/])"


def _acyear(prefix: str) -> str:
    """A year, or an academic / financial year `2013/14`."""
    return rf"(?:(?P<{prefix}1>(?:19|20)\d\d)\s*/\s*(?P<{prefix}2>\d{{4}}|\d{{2}})(?![\d/])|{_yr(prefix)})"


_CONNECT = r"(?:,|or|and|&|/|-|to)"
_GRAMMAR = "|".join([
    # recurrence before anything numeric: the 6 of `every 6mths` is not a day
    r"(?P<recur>(?<![a-z\d/])(?:(?:bi|tri|half|semi|six|two|three|twice|\d{1,2})[\s-]*)?"
    r"(?:termly|monthly|weekly|yearly|quarterly|daily|fortnightly|annually)(?![a-z])"
    r"|(?<![a-z])bi-?annual(?:ly)?(?![a-z])|(?<![a-z])per\s+annum(?![a-z])"
    r"|(?<![a-z])(?:every|each)\s*(?:other|\d+|two|three|four|six|twelve)?\s*"
    r"(?:days?|weeks?|wks?|months?|mths?|mnths?|years?|yrs?|terms?|quarters?|half[\s-]?terms?)(?![a-z]))",
    r"(?P<immediate>(?<![a-z])(?:immediate(?:ly)?|asap|as soon as possible)(?![a-z]))",
    r"(?P<ongoing>(?<![a-z])(?:on[\s-]?going|continuous|continual)(?![a-z]))",
    r"(?P<tbc>(?<![a-z])(?:tb[cad]|to be (?:confirmed|agreed|determined|decided|arranged|advised))(?![a-z]))",
    r"(?P<iso>(?<![\d/.])(?P<iy>(?:19|20)\d\d)-(?P<im>\d{1,2})-(?P<id>\d{1,2})(?![\d/]))",
    # UK order: 31/03/2014
    r"(?P<dmy>(?<![\d/.])(?P<nd>\d{1,2})(?P<sep>[/.-])(?P<nm>\d{1,2})(?P=sep)(?P<ny>\d{4}|\d{2})(?![\d/.]))",
    r"(?P<fy>(?<![\d/.])(?:fy\s*)?(?P<fy1>(?:19|20)\d\d)\s*(?P<fysep>/|-)\s*(?P<fy2>\d{4}|\d{2})(?![\d/])"
    rf"(?!\s*(?:st|nd|rd|th)?\s*(?:of\s+)?(?:{_MONTH_RE})))",
    rf"(?P<quarter>(?<![a-z])(?:q|quarter\s*)(?P<q>[1-4])(?![a-z\d])(?:\s*(?:[,/-]\s*)?(?:fy\s*)?{_acyear('qy')})?"
    r"|(?<![\d/])(?P<qy0>(?:19|20)\d\d)\s*q(?P<q0>[1-4])(?![a-z\d]))",
    rf"(?P<season>(?<![a-z])(?P<sea>spring|summer|autumn|winter)(?P<term>\s+(?:half[\s-]?)?term)?(?![a-z])"
    rf"(?:\s*(?:of\s+)?{_acyear('sy')})?)",
    # `14 or 21 October`, `14 - 21 Oct 2013`: the leading days share the last one's month and year
    rf"(?P<daylist>(?<![\d/.])(?P<days>(?:\d{{1,2}}{_ORD}?\s*{_CONNECT}\s*)+)(?P<dld>\d{{1,2}}){_ORD}?[\s-]*(?:of\s+)?"
    rf"{_mon('dlm')}(?:(?:\s*,\s*|\s+|-|\s*')?{_yr('dly')})?)",
    rf"(?P<dmon>(?<![\d/.])(?P<dd>\d{{1,2}}){_ORD}?[\s-]*(?:of\s+)?{_mon('dm')}(?:(?:\s*,\s*|\s+|-|\s*')?{_yr('dy')})?)",
    # `January 1st 2014`, `March 14, 2014`, `Jan 1`; a two-digit number after a month is a year (`Dec 13`)
    rf"(?P<mday>{_mon('mm')}\s*(?:(?P<md>\d{{1,2}}){_ORD}(?:\s*,?\s*(?P<my>\d{{4}})(?![\d/]))?"
    rf"|(?P<md2>\d{{1,2}}),\s*(?P<my2>\d{{4}})(?![\d/])|(?P<md3>[1-9])(?![\d/])))",
    rf"(?P<myear>{_mon('ym')}(?:-|\s*,\s*|\s+of\s+|\s*)(?P<yy>\d{{4}}|'?\d{{2}})(?![\d/]))",
    # `03/16` is March 2016, never a day and month
    r"(?P<mmyy>(?<![\d/.])(?P<mmm>\d{1,2})/(?P<mmy>\d{4}|\d{2})(?![\d/]|\.\d))",
    rf"(?P<month>{_mon('bm')})",
    r"(?P<year>(?<![\d/.])(?P<by>(?:19|20|21)\d\d)(?![\d/]|\.\d))",
    # numbers the grammar cannot read: `12/1`, `03/`, `3rd`
    rf"(?P<residue>(?<![\d/.])\d+(?:\s*[/.]\s*\d+)+(?![\d/])|\d+/(?!\d)|(?<![\d/])/\d+|\d{{1,2}}{_ORD})",
])
_TOKEN = re.compile(_GRAMMAR)

_DASHES = re.compile("[\u2010-\u2015\u2212\u2043\ufe58\ufe63\uff0d]")
_BLOCK_TAG = re.compile(r"<\s*(?:br|/?p|/?li|/?div|/?tr)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]+>")
_BREAK = re.compile(r"[;\u2022\u25cf\u25aa\u00b7\r]")
_SPACE = re.compile(r"[^\S\n]+")
_NEWLINES = re.compile(r"\s*\n\s*")
_RANGE_GAP = re.compile(r"(?:-|to|until|till|through|thru)")
_FROM_START = re.compile(r"(?:from|start(?:s|ing)?|commenc\w*|beginning|w/?c|week commencing)(?![a-z])")
_FROM_PREFIX_END = re.compile(r"(?<![a-z])from\W*$")
_FROM_SUFFIX = re.compile(r"(?:(?:[-&,+]|and)?\s*(?:onwards?|on[\s-]?going)|-)\W*")
# words that make a dateless cell read as a failed date (`by start of campaign`), unlike `See above`
_TEMPORAL = re.compile(r"(?<![a-z])(?:start\w*|end|beginning|before|until|till|within|after|deadline"
                       r"|weeks?|months?|years?|term|commenc\w*|w/c)(?![a-z])")
_MAY_ALONE = re.compile(r"\s*(?:$|\n|[-/&,]|(?:and|to|or|onwards?)(?![a-z]))")
_PREV_WORD = re.compile(r"([a-z]{3,})\.?\s*$")
_MONTH_NAMES = [calendar.month_name[i].lower() for i in range(1, 13)] + ["sept"]
_FALLBACK_HINT = re.compile(r"\d{4}|[a-z]{3,}")


def _normalise(raw: str) -> str:
    """Lower case, Latin letters, `-` for every dash, `\\n` between paragraphs, single spaces."""
    text = unhomoglyph(raw)
    if "<" in text:
        text = _TAG.sub(" ", _BLOCK_TAG.sub("\n", text))
    if "&" in text:
        text = html.unescape(text)
    text = _DASHES.sub("-", text.lower()).replace("\u2019", "'").replace("\u2018", "'")
    text = _BREAK.sub("\n", text)
    text = _SPACE.sub(" ", text)
    return _NEWLINES.sub("\n", text).strip()


def _year(text: str | None) -> int | None:
    if not text:
        return None
    digits = text.lstrip("'")
    return int(digits) + 2000 if len(digits) == 2 else int(digits)  # two-digit years are 20YY


def _academic(m: re.Match[str], prefix: str, first: bool) -> tuple[int | None, bool]:
    """(year, was it an academic/financial year) for an `_acyear` group."""
    y1 = m.group(prefix + "1")
    if y1 is None:
        return _year(m.group(prefix)), False
    return (int(y1) if first else int(y1) + 1), True


def _tokens_of(m: re.Match[str]) -> list[_Tok]:
    """Tokens for one grammar match (a day list gives one per day)."""
    kind, pos, end = m.lastgroup or "", m.start(), m.end()
    g = m.group
    if kind in ("immediate", "ongoing", "tbc"):
        return [_Tok("status", pos, end, status=kind)]
    if kind == "recur":
        return [_Tok("recur", pos, end)]
    if kind == "iso":
        return [_Tok("period", pos, end, "day", int(g("iy")), int(g("im")), int(g("id")))]
    if kind == "dmy":
        return [_Tok("period", pos, end, "day", _year(g("ny")), int(g("nm")), int(g("nd")))]
    if kind == "fy":
        y1, y2 = int(g("fy1")), _year(g("fy2")) or 0
        if y2 % 100 == (y1 + 1) % 100 and (len(g("fy2")) == 2 or y2 == y1 + 1):
            return [_Tok("period", pos, end, "fy", y1)]
        if len(g("fy2")) == 4:  # `2013/2015`, `2013-2015`: two years, the gap decides range or multiple
            second = m.start("fy2")
            return [_Tok("period", pos, m.end("fy1"), "year", y1), _Tok("period", second, end, "year", y2)]
        return [_Tok("residue", pos, end)]
    if kind == "quarter":
        if g("q0"):
            return [_Tok("period", pos, end, "quarter", int(g("qy0")), int(g("q0")))]
        year, financial = _academic(m, "qy", first=True)
        return [_Tok("period", pos, end, "fquarter" if financial else "quarter", year, int(g("q")))]
    if kind == "season":
        name, is_term = g("sea"), bool(g("term"))
        # an academic year's autumn is in its first calendar year, its spring and summer in the second
        year, _ = _academic(m, "sy", first=name in ("autumn", "winter"))
        if is_term and name == "winter":
            name = "spring"  # schools' winter term is the spring term
        return [_Tok("period", pos, end, "term" if is_term else "season", year, list(_SEASONS).index(name))]
    if kind == "daylist":
        month, year = _MONTHS[g("dlm")[:3]], _year(g("dly"))
        days = [_Tok("period", pos + d.start(), pos + d.end(), "day", year, month, int(d.group()))
                for d in re.finditer(r"\d{1,2}", g("days"))]
        return [*days, _Tok("period", m.start("dld"), end, "day", year, month, int(g("dld")))]
    if kind == "dmon":
        return [_Tok("period", pos, end, "day", _year(g("dy")), _MONTHS[g("dm")[:3]], int(g("dd")))]
    if kind == "mday":
        day = g("md") or g("md2") or g("md3")
        return [_Tok("period", pos, end, "day", _year(g("my") or g("my2")), _MONTHS[g("mm")[:3]], int(day))]
    if kind == "myear":
        return [_Tok("period", pos, end, "month", _year(g("yy")), _MONTHS[g("ym")[:3]])]
    if kind == "mmyy":
        month = int(g("mmm"))
        if not 1 <= month <= 12:
            return [_Tok("residue", pos, end)]
        return [_Tok("period", pos, end, "month", _year(g("mmy")), month)]
    if kind == "month":
        if g("bm") == "may" and not _MAY_ALONE.match(m.string, end):
            return []  # `may slip`: the verb; `By May`, `May - June 2014`: the month
        return [_Tok("period", pos, end, "month", None, _MONTHS[g("bm")[:3]])]
    if kind == "year":
        word = _PREV_WORD.search(m.string, 0, pos)
        if word and difflib.get_close_matches(word.group(1), _MONTH_NAMES, n=1, cutoff=0.75):
            # `Febuary 2014` is a misspelt month, not the whole of 2014
            return [_Tok("residue", word.start(), end)]
        return [_Tok("period", pos, end, "year", int(g("by")))]
    return [_Tok("residue", pos, end)]


def _span(year: int, first_month: int, months: int) -> tuple[dt.date, dt.date]:
    y0, m0 = divmod(year * 12 + first_month - 1, 12)
    y1, m1 = divmod(year * 12 + first_month - 1 + months - 1, 12)
    return dt.date(y0, m0 + 1, 1), dt.date(y1, m1 + 1, calendar.monthrange(y1, m1 + 1)[1])


def _bounds(tok: _Tok, year: int) -> tuple[dt.date, dt.date]:
    """First and last day of the period a token names; ValueError for impossible dates (`31/02/2014`)."""
    if tok.unit == "day":
        day = dt.date(year, tok.a, tok.b)
        return day, day
    if tok.unit == "month":
        return _span(year, tok.a, 1)
    if tok.unit == "year":
        return _span(year, 1, 12)
    if tok.unit == "fy":
        return _span(year, 4, 12)
    if tok.unit == "quarter":
        return _span(year, 3 * tok.a - 2, 3)
    if tok.unit == "fquarter":
        return _span(year, 3 * tok.a + 1, 3)
    name = list(_SEASONS)[tok.a]
    return _span(year, *(_TERMS if tok.unit == "term" else _SEASONS)[name])


def _plausible(start: dt.date, end: dt.date, pack_year: int | None) -> bool:
    lo, hi = (MIN_YEAR, MAX_YEAR) if pack_year is None else (pack_year - PAST_YEARS, pack_year + FUTURE_YEARS)
    return lo <= start.year and end.year <= hi


@lru_cache(maxsize=1)
def _date_parser() -> DateDataParser:
    from dateparser.date import DateDataParser  # slow import, rarely needed

    # month and year must be printed: dateparser would otherwise fill them from today's date
    return DateDataParser(languages=["en"], settings={
        "REQUIRE_PARTS": ["month", "year"], "PARSERS": ["absolute-time"], "DATE_ORDER": "DMY",
        "PREFER_DAY_OF_MONTH": "first"})


def _fallback(text: str, pack_year: int | None) -> _Tok | None:
    """dateparser's reading of a leftover the grammar could not read, if it names a plausible month or day."""
    if not _FALLBACK_HINT.search(text):
        return None  # `12/1` alone: dateparser would invent the missing part
    found = _date_parser().get_date_data(text)
    when = found.date_obj
    if when is None:
        return None
    tok = _Tok("period", 0, 0, "day" if found.period == "day" else "month", when.year, when.month, when.day)
    return tok if _plausible(*_bounds(tok, when.year), pack_year) else None


def _tokenise(text: str, pack_year: int | None) -> tuple[list[_Tok], bool]:
    """Grammar tokens, with residues that dateparser can read replaced; True when one was."""
    toks = [t for m in _TOKEN.finditer(text) for t in _tokens_of(m)]
    used = False
    for i, tok in enumerate(toks):
        if tok.kind != "residue":
            continue
        # the residue and the loose words around it, up to the neighbouring tokens, in its paragraph
        lo = toks[i - 1].end if i else 0
        hi = toks[i + 1].pos if i + 1 < len(toks) else len(text)
        left, right = text[lo:tok.pos].rsplit("\n", 1)[-1], text[tok.end:hi].split("\n", 1)[0]
        read = _fallback(left + text[tok.pos:tok.end] + right, pack_year)
        if read is not None:
            toks[i] = read._replace(pos=tok.pos, end=tok.end)
            used = True
    return toks, used


def _is_range_gap(gap: str) -> bool:
    return "\n" not in gap and _RANGE_GAP.fullmatch(gap.strip()) is not None


def _resolve(periods: list[_Tok], text: str, pack_year: int | None) -> tuple[list[int | None], bool]:
    """The year of each period (None if it cannot be known) and whether any was guessed from context."""
    years: list[int | None] = [p.year for p in periods]
    guessed = False
    for i, tok in enumerate(periods):
        if tok.year is not None:
            continue
        nxt = next((j for j in range(i + 1, len(periods)) if periods[j].year is not None), None)
        prev = next((j for j in range(i - 1, -1, -1) if periods[j].year is not None), None)
        try:
            if nxt is not None:
                year = periods[nxt].year or 0
                # `Nov - Jan 2014`: the range starts the year before
                if _is_range_gap(text[tok.end:periods[i + 1].pos]) and nxt == i + 1 and \
                        _bounds(tok, year)[0] > _bounds(periods[nxt], year)[0]:
                    year -= 1
            elif prev is not None:
                year = periods[prev].year or 0
                # `Dec 2013 - Mar`: the range ends the year after
                if _is_range_gap(text[periods[i - 1].end:tok.pos]) and prev == i - 1 and \
                        _bounds(tok, year)[0] < _bounds(periods[prev], year)[0]:
                    year += 1
                guessed = True
            elif pack_year is not None:
                year, guessed = pack_year, True
            else:
                continue
        except ValueError:
            continue  # an impossible day; reported as unparsed with the rest
        years[i] = year
    return years, guessed


def _result(kind: str, start: dt.date | None, date: dt.date | None, flags: list[str], confidence: float) -> DueDate:
    return DueDate(kind, start, date, tuple(dict.fromkeys(flags)), confidence)


@lru_cache(maxsize=65536)
def parse_due(raw: str, pack_year: int | None = None) -> DueDate:
    """Read one due-date cell as printed; pack_year is the year the pack prints for itself."""
    text = _normalise(raw or "")
    if not text:
        return DueDate("none", None, None)
    toks, used_fallback = _tokenise(text, pack_year)
    periods = [t for t in toks if t.kind == "period"]
    years, guessed = _resolve(periods, text, pack_year)

    flags: list[str] = []
    confidence = FALLBACK_CONFIDENCE if used_fallback else 1.0
    spans: list[tuple[dt.date, dt.date]] = []
    for tok, year in zip(periods, years, strict=True):
        try:
            span = _bounds(tok, year) if year is not None else None
        except ValueError:
            span = None
        if span is None:
            flags.append("date_unparsed")
        elif not _plausible(*span, pack_year):
            flags.append("date_implausible")
        else:
            spans.append(span)
    if any(t.kind == "residue" for t in toks):
        flags.append("date_unparsed")
    if guessed:
        flags.append("year_from_context")
        confidence = min(confidence, CONTEXT_CONFIDENCE)
    bad = "date_unparsed" in flags or "date_implausible" in flags
    if bad:
        confidence = min(confidence, BAD_CONFIDENCE)
        spans = []  # any unusable part makes the cell's dates unknowable
    first = min((s for s, _ in spans), default=None)
    last = max((e for _, e in spans), default=None)

    if any(t.kind == "recur" for t in toks):
        return _result("recurring", first, None, flags, confidence)

    # elements: dated tokens, alternatives joined by `or` counted once
    dated = [t for t in toks if t.kind in ("period", "residue")]
    elements: list[list[_Tok]] = []
    for tok in dated:
        if elements and text[elements[-1][-1].end:tok.pos].strip() == "or":
            elements[-1].append(tok)
        else:
            elements.append([tok])

    if not elements:
        status = next((t.status for t in toks if t.kind == "status"), None)
        if status is not None:
            return _result(status, None, None, flags, confidence)
        if _TEMPORAL.search(text):
            # reads like a date (`by start of campaign`) yet names none
            return _result("none", None, None, [*flags, "date_unparsed"], BAD_CONFIDENCE)
        return _result("none", None, None, flags, confidence)

    prefix, suffix = text[:elements[0][0].pos].strip(), text[elements[-1][-1].end:].strip()
    if len(elements) == 1:
        if _FROM_START.match(prefix) or _FROM_PREFIX_END.search(prefix) or _FROM_SUFFIX.fullmatch(suffix):
            return _result("from", first, None, flags, confidence)
        return _result("deadline", None, last, flags, confidence)

    if len(elements) == 2 and len(elements[0]) == len(elements[1]) == 1 and not suffix.strip(".") and \
            "\n" not in text:
        gap = text[elements[0][0].end:elements[1][0].pos]
        if (prefix in ("", "from") and _is_range_gap(gap)) or (prefix == "between" and gap.strip() == "and"):
            return _result("range", first, last, flags, confidence)
    return _result("multiple", first, last, flags, confidence)
