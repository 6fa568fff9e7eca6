"""Due cells -> (due_kind, due_start, due_date), by the grammar of UK improvement plans.

A small tokenizer finds the periods a cell names (a day, a month, MM/YY, a financial year,
a quarter, a season or school term, a bare year); the cell's shape (From / onwards / a range
dash / a recurrence word / several periods) decides the kind, exactly as SPEC's "Due dates"
section says. dateparser is only a fallback for leftovers, and only when its answer is
plausible for the pack's own year.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from plantrack.normalize.text import unhomoglyph

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
    "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
MONTH = r"(?P<{name}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
YEAR = r"(?P<{name}>'?\d{{4}}|'?\d{{2}})(?!\d)"

TOKEN = re.compile(
    "|".join([
        # 30/11/2013, 30/11/13: a day
        r"(?P<dmy>\b(?P<dmy_d>\d{1,2})[/.](?P<dmy_m>\d{1,2})[/.](?P<dmy_y>\d{4}|\d{2})\b)",
        # 2014/15, 2014-15, 2014/2015: a financial year
        r"(?P<fy>\b(?P<fy_a>20\d\d)\s*[/-]\s*(?P<fy_b>\d{2}|20\d\d)\b)",
        # 30 Nov 13, 1st July 2013, 14 (or 21) October: a day
        r"(?P<day>\b(?P<day_d>\d{1,2})(?:st|nd|rd|th)?(?:\s*(?:or|and|&|-|/)\s*(?P<day_d2>\d{1,2})(?:st|nd|rd|th)?)?"
        r"\s*(?:of\s+)?" + MONTH.format(name="day_m")
        + r"(?:,?\s*" + YEAR.format(name="day_y") + r")?)",
        # 03/16 = March 2016 (never day/month), 06/2016
        r"(?P<my>\b(?P<my_m>\d{1,2})/(?P<my_y>\d{4}|\d{2})\b)",
        # Q1 2014, Quarter 2 2014/15 handled as calendar quarters
        r"(?P<q>\b(?:q|quarter\s*)(?P<q_n>[1-4])\s*(?:" + YEAR.format(name="q_y") + r")?)",
        # Autumn term 2013, Spring 2014
        r"(?P<season>\b(?P<season_n>spring|summer|autumn|fall|winter)(?P<season_t>\s+term)?\s*(?:"
        + YEAR.format(name="season_y") + r")?)",
        # Dec 2013, Sept 14, Dec13, March
        r"(?P<month>\b" + MONTH.format(name="month_m") + r"(?:\s*,?\s*" + YEAR.format(name="month_y") + r")?)",
        # 2014
        r"(?P<year>\b(?P<year_y>(?:19|20)\d\d)\b)",
    ]),
    re.I,
)
RECURRING = re.compile(
    r"\b(termly|monthly|bi-?monthly|quarterly|annually|annual|yearly|weekly|fortnightly|half[- ]?yearly|"
    r"bi-?annual(?:ly)?|(?:six|\d+)[- ]?monthly|every\s+\w+\s*(?:months?|mths?|weeks?|wks?|years?|terms?)|"
    r"each\s+(?:month|term|quarter|year))\b", re.I)
IMMEDIATE = re.compile(r"\bimmediate(?:ly)?\b", re.I)
ONGOING = re.compile(r"\bon[- ]?going\b", re.I)
TBC = re.compile(r"\b(tb[cad]|to be (?:confirmed|agreed|decided|determined))\b", re.I)
FROM_START = re.compile(r"^\s*(?:from|start(?:ing|s)?|commencing|beginning)\b", re.I)
FROM_END = re.compile(r"(?:\bonwards?|&\s*on[- ]?going|and\s+on[- ]?going|-)\s*$", re.I)
RANGE_JOIN = re.compile(r"^\s*(?:-|to|until|till)\s*$", re.I)
ALTERNATIVE_JOIN = re.compile(r"^\s*or\s*$", re.I)
LEFTOVER_DATEISH = re.compile(r"\d{1,2}\s*/\s*\d{1,4}|\b\d{1,2}\s*/|\b\d{3}\b|\b\d{5,}\b|\b(?:19|20)\d\b")
DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-"})
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
TERMS = {"autumn": (9, 12), "fall": (9, 12), "spring": (1, 3), "summer": (4, 7), "winter": (1, 3)}


@dataclass(frozen=True)
class DueDate:
    kind: str
    start: dt.date | None
    date: dt.date | None
    flags: tuple[str, ...] = ()
    confidence: float = 1.0


@dataclass
class _Period:
    first: dt.date | None
    last: dt.date | None
    begin: int  # position in the cleaned text
    end: int
    year_missing: bool = False
    bad: str | None = None  # "unparsed" or "implausible"
    pending: tuple = ()  # how to build the dates once a year is known


def _year(text: str | None) -> int | None:
    if not text:
        return None
    digits = text.lstrip("'")
    year = int(digits)
    return 2000 + year if len(digits) == 2 else year


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _build(kind: str, year: int, a: int, b: int = 0, c: int = 0) -> tuple[dt.date, dt.date]:
    """First and last day of a period once its year is known."""
    if kind == "day":
        return dt.date(year, a, b), dt.date(year, a, max(b, c or b))
    if kind == "month":
        return dt.date(year, a, 1), _month_end(year, a)
    if kind == "season":
        start, stop = a, b
        end_year = year + 1 if stop < start else year
        return dt.date(year, start, 1), _month_end(end_year, stop)
    if kind == "quarter":
        return dt.date(year, 3 * a - 2, 1), _month_end(year, 3 * a)
    raise ValueError(kind)


def _tokens(text: str) -> list[_Period]:
    periods: list[_Period] = []
    for m in TOKEN.finditer(text):
        g = m.groupdict()
        begin, end = m.start(), m.end()
        try:
            if g["dmy"]:
                y = _year(g["dmy_y"])
                first = dt.date(y, int(g["dmy_m"]), int(g["dmy_d"]))
                periods.append(_Period(first, first, begin, end))
            elif g["fy"]:
                a = int(g["fy_a"])
                b = _year(g["fy_b"])
                if b != a + 1:
                    periods.append(_Period(None, None, begin, end, bad="unparsed"))
                else:
                    periods.append(_Period(dt.date(a, 4, 1), dt.date(b, 3, 31), begin, end))
            elif g["day"]:
                month = MONTHS[g["day_m"].lower().rstrip(".")]
                day = int(g["day_d"])
                # `14 or 21 October`, `14-21 October`: one period from the first day to the last
                last_day = int(g["day_d2"]) if g["day_d2"] else day
                periods.append(_pending(("day", month, day, last_day), _year(g["day_y"]), begin, end))
            elif g["my"]:
                month = int(g["my_m"])
                if not 1 <= month <= 12:
                    periods.append(_Period(None, None, begin, end, bad="unparsed"))
                else:
                    periods.append(_pending(("month", month, 0), _year(g["my_y"]), begin, end))
            elif g["q"]:
                periods.append(_pending(("quarter", int(g["q_n"]), 0), _year(g["q_y"]), begin, end))
            elif g["season"]:
                name = g["season_n"].lower()
                a, b = (TERMS if g["season_t"] else SEASONS)[name]
                periods.append(_pending(("season", a, b), _year(g["season_y"]), begin, end))
            elif g["month"]:
                month = MONTHS[g["month_m"].lower().rstrip(".")]
                periods.append(_pending(("month", month, 0), _year(g["month_y"]), begin, end))
            elif g["year"]:
                y = int(g["year_y"])
                periods.append(_Period(dt.date(y, 1, 1), dt.date(y, 12, 31), begin, end))
        except ValueError:
            periods.append(_Period(None, None, begin, end, bad="unparsed"))
    return periods


def _pending(spec: tuple, year: int | None, begin: int, end: int) -> _Period:
    period = _Period(None, None, begin, end, year_missing=year is None, pending=spec)
    if year is not None:
        _resolve(period, year)
    return period


def _resolve(period: _Period, year: int) -> None:
    try:
        period.first, period.last = _build(period.pending[0], year, *period.pending[1:])
    except ValueError:
        period.bad = "unparsed"


def _fill_years(periods: list[_Period], pack_year: int | None) -> bool:
    """A missing year comes from the next date in the cell, else from the pack; True if the pack's was used."""
    used_context = False
    for i, p in enumerate(periods):
        if not p.year_missing or p.bad:
            continue
        following = next((q for q in periods[i + 1:] if q.first is not None and not q.year_missing), None)
        if following is not None:
            year = following.first.year
            if p.pending[0] in ("month", "day") and p.pending[1] > following.first.month and \
                    following.first.month < 12 and p.pending[0] != "day":
                year -= 1  # `Dec / Jan 2014`: December of the year before
            _resolve(p, year)
        elif pack_year is not None:
            _resolve(p, pack_year)
            used_context = True
        else:
            p.bad = "unparsed"
    return used_context


def _plausible(year: int, pack_year: int | None) -> bool:
    if pack_year is None:
        return 1990 <= year <= 2100
    return pack_year - 5 <= year <= pack_year + 10


def _status_only(text: str) -> str | None:
    if IMMEDIATE.search(text):
        return "immediate"
    if ONGOING.search(text):
        return "ongoing"
    if TBC.search(text):
        return "tbc"
    return None


def _clean(raw: str) -> str:
    text = unhomoglyph(raw).translate(DASHES)
    return " ".join(text.split())


def _fallback(text: str, pack_year: int | None) -> _Period | None:
    """dateparser for idioms the grammar does not know, accepted only when plausible for the pack."""
    try:
        import dateparser
    except ImportError:  # pragma: no cover - dateparser is a declared dependency
        return None
    settings = {"PREFER_DAY_OF_MONTH": "last", "DATE_ORDER": "DMY", "REQUIRE_PARTS": ["month", "year"]}
    if pack_year:
        settings["RELATIVE_BASE"] = dt.datetime(pack_year, 1, 1)
    found = dateparser.parse(text, languages=["en"], settings=settings)
    if found is None or not _plausible(found.year, pack_year):
        return None
    day = found.date()
    return _Period(day, day, 0, len(text))


@lru_cache(maxsize=16384)
def parse_due(raw: str, pack_year: int | None = None) -> DueDate:
    """A due cell as printed -> kind, start, date, flags (see SPEC: Due dates)."""
    text = _clean(raw)
    if not text:
        return DueDate("none", None, None)
    periods = _tokens(text)
    used_context = _fill_years(periods, pack_year)
    flags: list[str] = []
    confidence = 1.0
    if used_context:
        flags.append("year_from_context")
        confidence = 0.8
    recurring = RECURRING.search(text)
    if not periods:
        if recurring:
            return DueDate("recurring", None, None, tuple(flags), confidence)
        status = _status_only(text)
        if status:
            return DueDate(status, None, None)
        if LEFTOVER_DATEISH.search(text):
            # looks like a date but reads as none (`12/1`): one unreadable period, kept raw
            kind = "from" if FROM_START.search(text) else "deadline"
            return DueDate(kind, None, None, ("date_unparsed",), 0.5)
        fallback = _fallback(text, pack_year) if re.search(r"\d", text) else None
        if fallback is None:
            return DueDate("none", None, None)
        periods = [fallback]
        flags.append("date_fallback")
        confidence = min(confidence, 0.7)
    # leftovers that look like dates but were not read (`12/1`) make the whole cell unreadable
    leftover = text
    for p in reversed(periods):
        leftover = leftover[:p.begin] + " " * (p.end - p.begin) + leftover[p.end:]
    if LEFTOVER_DATEISH.search(leftover):
        periods.append(_Period(None, None, len(text), len(text), bad="unparsed"))
    for p in periods:
        if p.bad is None and p.first is not None and not (_plausible(p.first.year, pack_year)
                                                          and _plausible(p.last.year, pack_year)):
            p.bad = "implausible"
    # alternatives (`14 or 21 October`) name one period: the earliest start, the latest end
    periods = _merge_alternatives(periods, text)
    kind = _shape(text, periods, bool(recurring))
    bad = [p.bad for p in periods if p.bad]
    if bad:
        flags.append("date_unparsed" if "unparsed" in bad else "date_implausible")
        return DueDate(kind, None, None, tuple(flags), min(confidence, 0.5))
    first = min(p.first for p in periods)
    last = max(p.last for p in periods)
    if kind == "recurring":
        return DueDate(kind, first, None, tuple(flags), confidence)
    if kind == "from":
        return DueDate(kind, first, None, tuple(flags), confidence)
    if kind == "deadline":
        return DueDate(kind, None, last, tuple(flags), confidence)
    return DueDate(kind, first, last, tuple(flags), confidence)


def _merge_alternatives(periods: list[_Period], text: str) -> list[_Period]:
    out: list[_Period] = []
    for p in periods:
        if out and ALTERNATIVE_JOIN.match(text[out[-1].end:p.begin]) and not out[-1].bad and not p.bad:
            prev = out[-1]
            prev.first, prev.last = min(prev.first, p.first), max(prev.last, p.last)
            prev.end = p.end
            continue
        out.append(p)
    return out


def _shape(text: str, periods: list[_Period], recurring: bool) -> str:
    if recurring:
        return "recurring"
    if len(periods) == 1:
        p = periods[0]
        if FROM_START.search(text) or FROM_END.search(text[p.end:]) and not text[p.end:].strip().startswith("-") \
                or re.match(r"^\s*(?:-|&\s*on[- ]?going|and\s+on[- ]?going|onwards?)\s*$", text[p.end:], re.I):
            return "from"
        return "deadline"
    if len(periods) == 2:
        a, b = periods
        before, between, after = text[:a.begin], text[a.end:b.begin], text[b.end:]
        if RANGE_JOIN.match(between) and not before.strip(" -") and not after.strip():
            return "range"
        if RANGE_JOIN.match(between) and re.fullmatch(r"\s*(?:from|between)\s*", before, re.I) and not after.strip():
            return "range"
    return "multiple"
