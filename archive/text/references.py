"""Finding the other communications a document cites, as FRUS prints them.

Pure text work (no database): the phrase, whose communication it names,
its kind, number, day and time. Matching them to documents in the archive
happens in :mod:`archive.linking.threads`.

The grammar is the State Department's citation style of the 1930s and 1940s:

- A **possessor** says whose communication it is: ``my``/``our`` (the
  sender's), ``your`` (the recipient's), an office (``Department’s``,
  ``Embassy’s``, ``Legation’s``, ``Consulate’s``), a post named by its city
  (``Nanking’s``, ``Shanghai’s``) or a person (``Sir Esme Howard’s``).
- A **kind** may follow, with the adjectives the Department used for its
  series (``circular telegram``, ``confidential despatch``), and a party
  (``letter to Shaw``, ``telegram from Lamas``).
- Then the **number** (``150``, ``No. 63``, ``nos. 183``), the **day** (by a
  comma, ``of`` or ``dated``, the year only when it is not the current one)
  and for telegrams the **hour** of sending (``2 p.m.``, ``noon``): a
  telegram is named by its number, or by day and hour when the post did not
  number it (consular telegrams). Despatches and notes are named by number
  and day, memoranda and letters by day.
- One possessor may cover a **list**: ``Embassy’s telegrams 756, November 30,
  noon, and 757, November 30, 3 p.m.`` names two telegrams, each item
  printed in the same shape as the first.

Every expression below is bounded (no nested repetition), so a long
paragraph is read in linear time.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from .dates import MONTH_NAMES, MONTHS
from .markup import FOOTNOTE_REF_OPENING, without_footnote_refs

_APOS = "[’']"

# Days written out, as in notes and formal letters ("June twenty-first").
_UNITS = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth",
]  # fmt: skip
SPELLED_DAYS: dict[str, int] = {word: n for n, word in enumerate(_UNITS, start=1)}
SPELLED_DAYS |= {"twentieth": 20, "thirtieth": 30}
SPELLED_DAYS |= {f"twenty-{word}": 20 + n for n, word in enumerate(_UNITS[:9], start=1)}
SPELLED_DAYS["thirty-first"] = 31
_SPELLED = "|".join(sorted(SPELLED_DAYS, key=len, reverse=True))

_DATE = rf"(?:{MONTH_NAMES})\s+(?:\d{{1,2}}(?:st|nd|rd|th)?|(?:{_SPELLED})\b)(?:,\s*\d{{4}})?"
# Days named relative to the citing document: "telegram of yesterday",
# "telegram from Lamas dated Saturday night".
_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_RELATIVE = rf"(?:yesterday|today|(?:{_WEEKDAYS})(?:\s+(?:night|morning|afternoon|evening))?)\b"
_TIME = r"(?:\d{1,2}(?::\d{2})?\s*[ap]\.\s?m\.|noon\b|midnight\b)"

# The kinds of communication FRUS cites by number or day.
_KINDS = (
    r"telegrams?|cablegrams?|cables?|radiograms?|airgrams?|despatch(?:es)?|dispatch(?:es)?"
    r"|instructions?|memorand(?:um|a)|notes?|letters?|aide-m[ée]moires?|repl(?:y|ies)"
    r"|documents?"
)
# Kinds that name a communication only with a possessor: "our document of
# June twenty-first" is the one handed over, "a document of 1935" is not.
_POSSESSED_ONLY = ("repl", "document")
# Adjectives of the Department's series and of handling.
_ADJECTIVES = (
    r"circular|confidential|strictly\s+confidential|personal|secret|urgent|priority"
    r"|triple\s+priority|mail|air\s+mail|airmail|telegraphic"
)
_OFFICES = r"Department|Embassy|Legation|Consulate[\s-]General|Consulate|Mission|Delegation"
# A named possessor: a post's city or a person, up to three capitalised words
# or initials, with a leading title ("Sir Esme Howard’s", "Hong Kong’s").
_NAME_WORD = r"(?:[A-Z][^\W\d_]+(?:-[^\W\d_]+)?|[A-Z]\.)"
_NAMED = rf"(?:(?:Sir|Mr\.|Mrs\.|Dr\.)\s+)?{_NAME_WORD}(?:\s+(?:de\s+)?{_NAME_WORD}){{0,2}}"
# Words that open a sentence of a telegram before the possessor
# ("Reference Nanking’s 150", "Following Peiping’s 45") and are never part
# of a post's or a person's name.
_LEAD_INS = {
    "Reference", "Re", "See", "Following", "Replying", "Referring", "Regarding",
    "Concerning", "Answering", "Confirming", "Supplementing", "Continuing", "Under",
    "In", "With", "For", "To", "From", "Since", "After", "Before", "Upon", "On",
    "As", "And", "But", "Also", "Please", "The", "This", "That", "Your", "My", "Our",
}  # fmt: skip

_POSSESSOR = re.compile(
    rf"(?<![\w’'])(?:(?P<own>[Mm]y|[Oo]ur|[Yy]our)|(?P<office>{_OFFICES}){_APOS}s"
    rf"|(?P<named>{_NAMED})(?:{_APOS}s|(?<=s){_APOS}(?!\w)))\s+"
)
_BARE_KIND = re.compile(rf"(?<![\w’'\-])(?:{_KINDS})\b", re.IGNORECASE)
_KIND = re.compile(
    rf"(?P<adjectives>(?:(?:{_ADJECTIVES})\s+){{0,2}})(?P<kind>{_KINDS})\b,?", re.IGNORECASE
)
# A party by name or by office and post ("from the Consul at Tsinan").
_PARTY_NAME = rf"{_NAMED}(?:\s+(?:at|in)\s+{_NAME_WORD}(?:\s+{_NAME_WORD})?)?"
_PARTY = re.compile(
    rf"\s+(?P<way>to|from)\s+(?:the\s+)?(?P<party>{_PARTY_NAME})(?=\s+(?:of|dated)\s)"
)
# "telegram dated November 14 from the Consul at Tsinan": the author after the day.
_AUTHOR_AFTER = re.compile(rf"\s+from\s+(?:the\s+)?(?P<party>{_PARTY_NAME})")
_NUMBER = re.compile(
    r"\s*(?P<no>(?:[Nn]os?\.|[Nn]umbers?)\s*)?(?P<number>\d{1,5})(?![\d:,.]\d)"
    r"(?:\s*\[(?P<fix>\d{1,5})\])?(?:\s*\[sic\])?"
)
_WHEN = re.compile(
    rf"(?P<link>,\s*|\s+of\s+|\s+dated\s+|\s+|)(?:(?P<date>{_DATE})|(?P<relative>{_RELATIVE}))"
    rf"(?:,?\s*(?P<time>{_TIME}))?"
)
_NEXT = re.compile(r",?\s+and\s+|,\s+(?=(?:[Nn]os?\.\s*)?\d|[A-Z])")


@dataclass(frozen=True)
class Reference:
    """One cited communication, as printed."""

    quote: str
    whose: str  # my, your, department, post, other (a named post or person), "" (not said)
    serial: str  # the number, the editors' correction when they printed one
    date_text: str  # the day as printed, without the hour
    time_text: str
    kind: str = ""  # telegram, circular telegram, despatch, instruction, memorandum…
    possessor: str = ""  # the post or person named: Nanking, Sir Esme Howard


@dataclass
class _Item:
    start: int
    end: int
    serial: str = ""
    date: str = ""
    time: str = ""
    link: str = ""


def _whose(match: re.Match) -> tuple[str, str]:
    """(whose, possessor) for a possessor as printed."""
    if match["own"]:
        return ("your" if match["own"].lower() == "your" else "my"), ""
    if match["office"]:
        office = match["office"]
        return ("department" if office == "Department" else "post"), ""
    return "other", match["named"]


def _named_start(match: re.Match, text: str) -> tuple[int, str] | None:
    """Where a named possessor really starts, lead-in words dropped; None if nothing is left."""
    words = match["named"].split()
    start = match.start("named")
    while words and words[0] in _LEAD_INS:
        start = text.index(words[1], start + len(words[0])) if len(words) > 1 else -1
        words = words[1:]
    if not words:
        return None
    return start, " ".join(words)


def _item(text: str, pos: int, *, kind: bool, bare: bool) -> _Item | None:
    """One number and/or day starting at ``pos``, or None.

    After a kind the day may stand alone ("your memorandum of December 15");
    without one it needs its hour ("Shanghai’s May 30, noon"), as a
    possessor and a bare day would otherwise be any date in the prose.
    """
    number = _NUMBER.match(text, pos)
    if number is not None and (not bare or number["no"] or _WHEN.match(text, number.end())):
        item = _Item(pos, number.end(), serial=number["fix"] or number["number"])
        when = _WHEN.match(text, number.end())
        if when is not None and when["date"] and when["link"].strip() in (",", "of", "dated"):
            item.date, item.time, item.end = when["date"], when["time"] or "", when.end()
            item.link = when["link"].strip()
        return item
    when = _WHEN.match(text, pos)
    if when is None:
        return None
    link = when["link"].strip()
    if when["relative"] and link not in ("of", "dated"):
        return None
    if bare and link not in ("of", "dated"):
        return None
    if not kind and not when["time"]:
        return None
    if not kind and link not in ("", ","):
        return None
    date = when["date"] or when["relative"]
    return _Item(pos, when.end(), date=date, time=when["time"] or "", link=link)


def _more(text: str, first: _Item, pos: int, *, kind: bool) -> list[_Item]:
    """The items that follow the first in its own shape ("…, and 757, November 30, 3 p.m.")."""
    items = []
    while (sep := _NEXT.match(text, pos)) is not None:
        item = _item(text, sep.end(), kind=kind or bool(first.link), bare=False)
        if item is None or bool(item.serial) != bool(first.serial):
            break
        if (first.date and not item.date) or (first.time and not item.time):
            break
        if not first.serial and item.link not in ("", ","):
            break
        items.append(item)
        pos = item.end
    return items


def _references_at(text: str, start: int, pos: int, whose: str, possessor: str, bare: bool):
    """The references of one citation whose possessor (or kind) starts at ``start``."""
    kind = _KIND.match(text, pos)
    kind_text = ""
    if kind is not None:
        kind_text = " ".join(kind.group().rstrip(",").lower().split())
        if bare and kind["kind"].lower().startswith(_POSSESSED_ONLY):
            return [], pos
        pos = kind.end()
        party = _PARTY.match(text, pos)
        if party is not None:
            pos = party.end()
            # "telegram from Lamas dated Saturday night" is Lamas's telegram.
            if party["way"] == "from" and not whose:
                whose, possessor = "other", party["party"]
    elif bare:
        return [], pos
    # A named post or person with no kind is a citation only with its day:
    # "Nanking’s 150, August 13, 2 p.m." (and not "Japan’s 15 divisions").
    first = _item(text, pos, kind=kind is not None, bare=bare)
    if first is None or (whose == "other" and kind is None and not first.date):
        return [], pos
    items = [first, *_more(text, first, first.end, kind=kind is not None)]
    # "Nos. 756 and 757 of November 30": a day after the last number is every number's.
    last = items[-1]
    if len(items) > 1 and last.link in ("of", "dated") and not any(i.date for i in items[:-1]):
        for item in items[:-1]:
            item.date, item.time = last.date, last.time
    if not whose and (author := _AUTHOR_AFTER.match(text, items[-1].end)) is not None:
        whose, possessor = "other", author["party"]
    singular = _singular(kind_text)
    found = []
    for index, item in enumerate(items):
        begin = start if index == 0 else item.start
        quote = " ".join(text[begin : item.end].split()).strip(" ,")
        found.append(
            Reference(quote, whose, item.serial, item.date, item.time, singular, possessor)
        )
    return found, items[-1].end


def _singular(kind_text: str) -> str:
    """The kind named, in the singular, adjectives of handling dropped ("circular" kept)."""
    if not kind_text:
        return ""
    words = kind_text.split()
    noun = words[-1]
    for plural, single in (("ies", "y"), ("ches", "ch"), ("anda", "andum"), ("s", "")):
        if noun.endswith(plural) and not noun.endswith("ss"):
            noun = noun[: -len(plural)] + single
            break
    noun = {"dispatch": "despatch", "cable": "telegram", "cablegram": "telegram"}.get(noun, noun)
    return f"circular {noun}" if "circular" in words else noun


def _possessor(match: re.Match, text: str) -> tuple[int, str, str] | None:
    """(start, whose, possessor) of a possessor match; None when it is only lead-in words."""
    if not match["named"]:
        return (match.start(), *_whose(match))
    named = _named_start(match, text)
    if named is None:
        return None
    start, possessor = named
    office = re.fullmatch(_OFFICES, possessor)
    if office is not None:
        return start, ("department" if possessor == "Department" else "post"), ""
    # Diplomatic notes address their recipient as "Your Excellency".
    if possessor == "Excellency" and text[max(0, start - 5) : start] == "Your ":
        return start - 5, "your", ""
    return start, "other", possessor


# Where a citation can start, found with plain string search before any
# expression runs: a regular expression tried at every position of a long
# document costs a second a megabyte, ``str.find`` a millisecond.
_OWN_STEMS = ("my", "our", "your")
_KIND_STEMS = (
    "telegram", "cable", "radiogram", "airgram", "despatch", "dispatch", "instruction",
    "memorand", "note", "letter", "aide-m", "repl", "document",
)  # fmt: skip
_WORD_START = re.compile(r"(?<![\w.’'-])[A-Z]")
_NAME_REACH = 80  # title and three words of a named possessor, and lead-ins
_NAME_WORDS = 6
_POSSESSIVE = re.compile(r"[’'](?=s\b)|(?<=s)[’'](?!\w)")  # not quotes or elisions


def _hits(haystack: str, needles: Iterable[str]) -> list[int]:
    found = set()
    for needle in needles:
        at = haystack.find(needle)
        while at != -1:
            found.add(at)
            at = haystack.find(needle, at + 1)
    return sorted(found)


def _possessor_matches(text: str, lowered: str) -> list[re.Match]:
    """Every possessor, leftmost first, as ``_POSSESSOR.finditer`` would find them."""
    matches = {}
    for at in _hits(lowered, _OWN_STEMS):
        match = _POSSESSOR.match(text, at)
        if match is not None and match["own"]:
            matches[at] = match
    # Offices and named possessors end in an apostrophe: try the word starts before it.
    for possessive in _POSSESSIVE.finditer(text):
        apostrophe = possessive.start()
        window = max(0, apostrophe - _NAME_REACH)
        words = [w.start() for w in _WORD_START.finditer(text, window, apostrophe)]
        for start in words[-_NAME_WORDS:]:
            match = _POSSESSOR.match(text, start)
            if match is not None and match.end() > apostrophe:
                matches[start] = match
                break
    ordered, end = [], -1
    for at in sorted(matches):
        if at >= end:
            ordered.append(matches[at])
            end = matches[at].end()
    return ordered


def find_references(body: str) -> list[Reference]:
    """Every reference in a body, in order; footnote markers are ignored."""
    text = without_footnote_refs(body) if FOOTNOTE_REF_OPENING in body else body
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer: read it slowly
        possessors, kinds = (
            list(_POSSESSOR.finditer(text)),
            [m.start() for m in _BARE_KIND.finditer(text)],
        )
    else:
        possessors, kinds = _possessor_matches(text, lowered), _hits(lowered, _KIND_STEMS)
    found: list[tuple[int, Reference]] = []
    spans: list[tuple[int, int]] = []
    for match in possessors:
        if spans and match.start() < spans[-1][1]:
            continue
        possessor = _possessor(match, text)
        if possessor is None:
            continue
        start, whose, name = possessor
        refs, end = _references_at(text, start, match.end(), whose, name, bare=False)
        if refs:
            found += [(start + n, ref) for n, ref in enumerate(refs)]
            spans.append((start, end))
    # A kind inside a possessed citation ("my telegram No. 253") is that
    # citation's: the spans are in order, so the one before is the only one to ask.
    starts = [a for a, _ in spans]
    bare_end = 0
    for at in kinds:
        before = bisect_right(starts, at) - 1
        if at < bare_end or (before >= 0 and at < spans[before][1]):
            continue
        if _BARE_KIND.match(text, at) is None:
            continue
        refs, end = _references_at(text, at, at, "", "", bare=True)
        if refs:
            found += [(at + n, ref) for n, ref in enumerate(refs)]
            bare_end = end
    found.sort(key=lambda pair: pair[0])
    return [ref for _, ref in found]


_DAY_PARTS = re.compile(
    rf"(?P<month>{MONTH_NAMES})\s+(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?|(?P<spelled>{_SPELLED}))"
    r"(?:,\s*(?P<year>\d{4}))?"
)
_WEEKDAY_NUMBERS = {name.lower(): n for n, name in enumerate(_WEEKDAYS.split("|"))}


def cited_day(date_text: str, written: date | None) -> date | None:
    """The day a reference names, read against the day the citing document was written.

    FRUS citations print the year only when it is not the current one
    ("despatch 2746, January 22, 1938"): a day without a year is the latest
    such day not after the citing document, since a document cites only what
    was already sent. Relative days ("of yesterday", "dated Saturday night")
    count back from the same day. Without the citing document's date a day
    without a year stays unknown rather than guessed.
    """
    text = date_text.strip()
    lowered = text.lower()
    if written is not None and lowered in ("today", "yesterday"):
        return written - timedelta(days=1 if lowered == "yesterday" else 0)
    weekday = _WEEKDAY_NUMBERS.get(lowered.split()[0]) if lowered else None
    if weekday is not None:
        if written is None:
            return None
        return written - timedelta(days=(written.weekday() - weekday) % 7)
    match = _DAY_PARTS.fullmatch(text)
    if match is None:
        return None
    month = MONTHS[match["month"].lower()]
    day = int(match["day"]) if match["day"] else SPELLED_DAYS[match["spelled"]]
    if match["year"]:
        try:
            return date(int(match["year"]), month, day)
        except ValueError:
            return None
    if written is None:
        return None
    # Back at most four years: February 29 waits for a leap year.
    for year in range(written.year, written.year - 5, -1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= written:
            return candidate
    return None


_CLOCK = re.compile(r"(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s*(?P<half>[ap])\.\s?m\.")


@lru_cache(maxsize=4096)
def clock(time_text: str) -> tuple[int, int] | None:
    """The hour a telegram was sent, as (hour, minute) on a 24-hour clock; None if not read.

    Cached: reference resolution reads the same few hours millions of times.
    """
    text = time_text.strip().lower()
    if text.rstrip(".") == "noon":  # a dateline ends with its period: "—noon."
        return 12, 0
    if text.rstrip(".") == "midnight":
        return 0, 0
    match = _CLOCK.search(text)
    if match is None:
        return None
    hour, minute = int(match["hour"]) % 12, int(match["minute"] or 0)
    return (hour + 12 if match["half"] == "p" else hour), minute
