"""Finding the other communications a document cites: "your 128, December 31, 2 p.m.".

Pure text work: the phrases, whose number they give and whose side they
name ("your", "my", "Department's", "Embassy's"). Matching them to documents
in the archive happens in :mod:`archive.threads`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import MONTH_NAMES
from .markup import without_footnote_refs

_DATE = rf"(?:{MONTH_NAMES})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,\s*\d{{4}})?"
_TIME = r"\d{1,2}(?::\d{2})?\s*[ap]\.\s?m\.|noon|midnight"
_WHOSE = r"[Yy]our|[Mm]y|Department[’']s|Embassy[’']s|Legation[’']s|Consulate[’']s"
_KIND = r"(?:telegram|despatch|dispatch|instruction|note|letter|reply),?"
_NUMBER = r"(?:(?:[Nn]os?\.|[Nn]umbers?)\s*)?(?P<number>\d{1,5})(?:\s*\[\d+\])?"
_WHEN = rf"(?:,?\s+(?:of\s+)?(?P<date>{_DATE})(?:,\s*(?P<time>{_TIME}))?)?"
REFERENCE = re.compile(
    rf"(?<![\w’'])(?P<whose>{_WHOSE})\s+(?:{_KIND}\s+)?(?:{_NUMBER}{_WHEN}"
    rf"|(?P<onlydate>{_DATE}),\s*(?P<onlytime>{_TIME}))"
)
# "Sir Esme Howard's note No. 63 of February 7, 1930", "Chapin's letter to Shaw of May 27"
NAMED = re.compile(
    rf"(?P<name>(?:(?:Sir|Mr\.|Dr\.)\s+)?(?:[A-Z][a-z]+\s+){{0,2}}[A-Z][a-z]+)[’']s\s+"
    rf"(?:note|letter|telegram|despatch|memorandum|aide-m[ée]moire)"
    rf"(?:\s+[Nn]o\.\s*(?P<number>\d{{1,5}}))?(?:\s+to\s+[A-Z][a-z]+)?"
    rf"\s+of\s+(?P<date>{_DATE})"
)
# "… and 236, June 13, 4 p.m." or ", 195, March 7, 9 a.m." right after a reference
CONTINUATION = re.compile(
    rf"^(?P<sep>,?\s+and\s+|,\s+)(?P<number>\d{{1,5}}),\s+(?P<date>{_DATE})"
    rf"(?:,\s*(?P<time>{_TIME}))?"
)


@dataclass(frozen=True)
class Reference:
    """One cited communication, as printed."""

    quote: str
    whose: str  # your, my, department, post, other (a named person's note or letter)
    serial: str
    date_text: str
    time_text: str


def _whose(word: str) -> str:
    word = word.lower().replace("’", "'")
    if word in ("your", "my"):
        return word
    if word.startswith("department"):
        return "department"
    return "post"


def find_references(body: str) -> list[Reference]:
    """Every reference in a body, in order; footnote markers are ignored."""
    text = without_footnote_refs(body)
    found: list[Reference] = []
    for match in REFERENCE.finditer(text):
        whose = _whose(match["whose"])
        if match["onlydate"]:
            found.append(
                Reference(match.group().strip(), whose, "", match["onlydate"], match["onlytime"])
            )
            continue
        found.append(
            Reference(
                match.group().rstrip(" ,"),
                whose,
                match["number"],
                match["date"] or "",
                match["time"] or "",
            )
        )
        rest = text[match.end() :]
        while (more := CONTINUATION.match(rest)) is not None:
            quote = rest[len(more["sep"]) : more.end()].strip()
            found.append(Reference(quote, whose, more["number"], more["date"], more["time"] or ""))
            rest = rest[more.end() :]
    for match in NAMED.finditer(text):
        if match["name"].split()[-1] in ("Department", "Embassy", "Legation", "Consulate"):
            continue
        found.append(Reference(match.group(), "other", match["number"] or "", match["date"], ""))
    order = {ref.quote: text.find(ref.quote) for ref in found}
    return sorted(found, key=lambda ref: order[ref.quote])
