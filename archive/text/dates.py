"""Dates as FRUS prints them, turned into normalised bounds.

A date printed without a year never gets one: the bounds stay empty and an
editor fills them. That is the rule the Geniza project keeps, and the reason
there is no placeholder year anywhere in this code.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTH_NAMES = "|".join(name for name in calendar.month_name if name)

# "December 18, 1935", "October 16 and 17, 1941", "October 16-17, 1941"
_MONTH_FIRST = re.compile(
    rf"\b(?P<month>{MONTH_NAMES})\s+(?P<day>\d{{1,2}})"
    rf"(?:\s*(?:and|–|-|to)\s*(?P<day2>\d{{1,2}}))?(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b"
)
# "27 June, 1942"
_DAY_FIRST = re.compile(
    rf"\b(?P<day>\d{{1,2}})\s+(?P<month>{MONTH_NAMES}),?\s+(?P<year>\d{{4}})\b"
)
# "December 1935"
_MONTH_YEAR = re.compile(rf"\b(?P<month>{MONTH_NAMES}),?\s+(?P<year>\d{{4}})\b")
_YEAR = re.compile(r"\b(?P<year>1[89]\d\d|20\d\d)\b")


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def date_bounds(text: str) -> tuple[date | None, date | None]:
    """Return the earliest and latest day a printed date can mean.

    A full date gives one day; a month and year give the month; a year alone
    gives the year; anything without a year gives ``(None, None)``. An
    impossible day (``February 30``) gives ``(None, None)`` rather than a guess.
    """
    if not text:
        return None, None
    match = _MONTH_FIRST.search(text)
    if match:
        year, month = int(match["year"]), MONTHS[match["month"].lower()]
        first = _safe_date(year, month, int(match["day"]))
        last = _safe_date(year, month, int(match["day2"])) if match["day2"] else first
        if first is None or last is None or last < first:
            return None, None
        return first, last
    match = _DAY_FIRST.search(text)
    if match:
        day = _safe_date(int(match["year"]), MONTHS[match["month"].lower()], int(match["day"]))
        return day, day
    match = _MONTH_YEAR.search(text)
    if match:
        year, month = int(match["year"]), MONTHS[match["month"].lower()]
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    match = _YEAR.search(text)
    if match:
        year = int(match["year"])
        return date(year, 1, 1), date(year, 12, 31)
    return None, None


def mentions_month(text: str) -> bool:
    """True when the text names a calendar month (used to recognise datelines)."""
    return re.search(rf"\b(?:{MONTH_NAMES})\b", text) is not None
