"""Finding the numbers of a FRUS text that may be footnote markers, and how sure each is.

A marker is the footnote's number glued to the preceding text
(``Litvinov56``, ``p.m.,60``, ``considerations.]34``); a number that cannot
stand as printed after a month name or in a date's year (``November 433``,
``July 18, 194135``) ends in one. Each candidate says how it may be read;
:mod:`archive.text.footnotes` decides which are markers. The scan looks
only a few characters around each number, so its time grows with the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .dates import MONTH_NAMES, MONTHS
from .errors import ParseError, cut

# A maximal run of digits with an optional letter (32a), not followed by a
# word character: "10th" and "1930s" are not markers. Starting on a digit
# lets the engine skip to the next one; the lookbehind (no digit before) and
# the possessive quantifiers keep the scan linear on long runs of digits.
_DIGIT_RUN = re.compile(r"\d(?<!\d\d)\d*+[a-d]?+(?![\w½¼¾])")
# The day (or days) and month of a printed date, just before its year.
_DATE_BEFORE_YEAR = re.compile(
    rf"(?:\b(?:{MONTH_NAMES})\s+\d{{1,2}}(?:\s*(?:and|–|-|to)\s*\d{{1,2}})?"
    rf"|\b\d{{1,2}}\s+(?:{MONTH_NAMES})),?\s+$"
)
_MONTH_WORDS = frozenset(MONTH_NAMES.split("|"))
_LOOKBACK = 48  # enough for "September 30 and 31, " before a year
_NEVER_BEFORE = set("([{/\\–—-$£#§%+=*&@:'’‘\"“") | {"\u00a0"}
_ANCHOR_TRAILING = ",;:)]}”’\"'!?"
_ANCHOR_LEADING = "([{“‘\"'"
_ANCHOR_MAX = 200  # Footnote.anchor_text; a longer "word" is refused by the length check
MARKER_DIGITS = 5  # no FRUS chapter numbers a hundred thousand notes
# How sure a candidate is: glued to a word or punctuation (a marker), a split
# of a number that cannot stand as printed (a marker), or digits after a
# figure's period or comma (a marker only if the footnote lines need one).
GLUED, SPLIT, FIGURE = "glued", "split", "figure"


@dataclass(frozen=True)
class Segment:
    """A piece of the document that may carry markers: heading, dateline, body paragraph…"""

    where: str
    text: str
    line: int


@dataclass(frozen=True)
class Option:
    """One way to read a candidate as a marker: its digits, where they sit, their day cost."""

    marker: str
    start: int  # offset of the marker's first digit within the segment text
    end: int
    cost: float = 0.0  # only for splits: how far the day is from the document's date
    head: str = ""  # the day or year left in the text by a split
    value: tuple[int, str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        digits = self.marker.rstrip("abcd")
        object.__setattr__(self, "value", (int(digits), self.marker[len(digits) :]))


@dataclass(frozen=True)
class Candidate:
    """A number that may be a marker; ``kind`` says how sure (glued, split, figure)."""

    segment: int
    run_start: int
    run_end: int
    options: tuple[Option, ...]
    kind: str

    @property
    def required(self) -> bool:
        return self.kind != FIGURE

    @property
    def may_repeat(self) -> bool:
        return self.kind != FIGURE


def anchor(text: str, start: int) -> str:
    """The word a marker is glued to, as the FRUS index would cite it."""
    floor = max(0, start - _ANCHOR_MAX - 1)
    token_start = max(text.rfind(" ", floor, start), text.rfind("\n", floor, start), floor - 1) + 1
    token = text[token_start:start].lstrip(_ANCHOR_LEADING)
    core = token.rstrip(_ANCHOR_TRAILING + ".")
    if "." in core and token[len(core) : len(core) + 1] == ".":
        core += "."  # an abbreviation keeps its period: "p.m."
    return core


def month_before(text: str, end: int) -> str | None:
    """The month name printed just before ``end`` and a space (``December 433``), if any.

    Segments are normalised to single spaces, so the word before that space
    is all there is to look at: no search, whatever the length of the text.
    """
    if end < 2 or text[end - 1] != " ":
        return None
    floor = max(0, end - 13)
    space = text.rfind(" ", floor, end - 1)
    if space < 0 and floor > 0:
        return None  # the word before is longer than any month name
    word = text[space + 1 : end - 1].lstrip(_ANCHOR_LEADING)
    return word if word in _MONTH_WORDS else None


def _is_year(digits: str) -> bool:
    return len(digits) == 4 and 1800 <= int(digits) <= 2099


def _ends_a_date(text: str, end: int) -> bool:
    """Whether the digits just before ``end`` are a day after a month name or a year."""
    start = end
    while start > 0 and end - start <= 4 and text[start - 1].isdigit():
        start -= 1
    digits = text[start:end]
    if not digits or end - start > 4 or (start > 0 and text[start - 1].isdigit()):
        return False
    if len(digits) <= 2 and 1 <= int(digits) <= 31 and month_before(text, start):
        return True
    return _is_year(digits) and (start == 0 or text[start - 1] in " (")


def _stands_alone(text: str, end: int) -> bool:
    """Whether the number just before ``end`` is a figure of its own, not a date's end.

    ``3.5`` and ``1,500`` are figures; ``March 5.`` and ``1941.`` end a date,
    and digits glued to a word (``p.m57.``) are a marker already, so what
    follows their punctuation is one too.
    """
    start = end
    while start > 0 and text[start - 1].isdigit():
        start -= 1
        if end - start > 8:
            return True
    glued = start > 0 and (text[start - 1].isalpha() or text[start - 1] in ".,;:)]")
    return not glued and not _ends_a_date(text, end)


def find_candidates(segments: list[Segment], written: date | None) -> list[Candidate]:
    found: list[Candidate] = []
    for index, segment in enumerate(segments):
        text = segment.text
        for match in _DIGIT_RUN.finditer(text):
            start, end = match.span()
            run = match.group()
            prev = text[start - 1] if start else " "
            if prev.isspace():
                options = _split_options(text, start, run, written)
                if options:
                    found.append(Candidate(index, start, end, options, SPLIT))
                continue
            if prev in _NEVER_BEFORE or run[0] == "0":
                continue
            if len(run.rstrip("abcd")) > MARKER_DIGITS:
                raise ParseError(
                    f"the number {cut(run, 24)!r} glued to {cut(anchor(text, start), 40)!r} "
                    f"is too long for a footnote marker (at most {MARKER_DIGITS} digits)",
                    segment.line,
                )
            # Punctuation after a number: "1941;32" and "March 5.58" end a date or a
            # figure with a marker; "5.58" and "3,500" may be figures.
            after_number = not prev.isalpha() and start > 1 and text[start - 2].isdigit()
            figure_like = prev == "." or (prev == "," and len(run) == 3)
            kind = GLUED
            if after_number and figure_like and _stands_alone(text, start - 1):
                kind = FIGURE
            found.append(Candidate(index, start, end, (Option(run, start, end),), kind))
    return found


def _split_options(text: str, start: int, run: str, written: date | None) -> tuple[Option, ...]:
    """Readings of a free-standing number that cannot stand as printed (rule 2).

    After a month name, a number that is neither a day nor a year splits
    into a day (or a year) and a marker; in the year's place of a printed
    date, a number longer than a year splits into the year and a marker.
    When the document's own date is known, each day reading costs its
    distance before that date (rule 5).
    """
    digits = run.rstrip("abcd")
    if len(digits) > 4 + 3:
        return ()  # neither a day nor a year with a marker: a figure, read as printed
    month = month_before(text, start)
    if month is not None:
        if (len(digits) <= 2 and int(digits) <= 31) or _is_year(digits):
            return ()  # "December 12", "May 1935": a date as printed is never split
    elif not (
        len(digits) > 4 and _DATE_BEFORE_YEAR.search(text, max(0, start - _LOOKBACK), start)
    ):
        return ()  # outside a date a number is a number ("decree 19367")
    options = []
    for cut_at in range(1, len(digits)):
        head, tail = digits[:cut_at], run[cut_at:]
        if tail[0] == "0" or len(tail.rstrip("abcd")) > 3:
            continue
        if month is not None and len(head) <= 2 and 1 <= int(head) <= 31 and head[0] != "0":
            cost = _distance_cost(written, MONTHS[month.lower()], int(head)) if written else 0.0
        elif _is_year(head):
            cost = 0.0
        else:
            continue
        options.append(Option(tail, start + cut_at, start + len(run), cost, head))
    return tuple(options)


def _distance_cost(written: date, month: int, day: int) -> float:
    """0 for the document's own day, growing with the days before it; 1 for any day after."""
    for year in (written.year, written.year - 1):
        try:
            cited = date(year, month, day)
        except ValueError:
            return 1.0
        if cited <= written:
            return min(1.0, (written - cited).days / 366)
    return 1.0


def printed(segments: list[Segment], cand: Candidate) -> str:
    """The number as printed with what it is read with: ``October 187``, ``286.37``."""
    text = segments[cand.segment].text
    month = month_before(text, cand.run_start)
    number = cut(text[cand.run_start : cand.run_end], 12)
    if month:
        return f"{month} {number}"
    if cand.kind == FIGURE:
        floor = max(0, cand.run_start - 12)
        start = text.rfind(" ", floor, cand.run_start) + 1 or floor
        return text[start : cand.run_start] + number
    return number


def split_reading(segments: list[Segment], cand: Candidate, option: Option) -> str:
    month = month_before(segments[cand.segment].text, cand.run_start)
    return f"{month + ' ' if month else ''}{option.head} with footnote {option.marker}"
