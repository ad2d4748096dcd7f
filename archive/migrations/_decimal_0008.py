"""A frozen copy of archive/text/decimal.py as migration 0008 first read file numbers.

Migration 0008 fills the decimal-file fields of documents imported before
they existed. It reads them with this copy, not the live parser, so that a
later change of the parser can never change (or break) what a fresh
``migrate`` does. Do not edit it; change archive/text/decimal.py instead.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

# Country codes confirmed against 1930s FRUS file numbers (DECIMAL-FILES.md).
KNOWN_COUNTRIES = {
    "11": "United States",
    "18": "Costa Rica",
    "22": "Ecuador",
    "23": "Peru",
    "24": "Bolivia",
    "32": "Brazil",
    "33": "Uruguay",
    "34": "Paraguay",
    "35": "Argentina",
    "37": "Cuba",
    "38": "Haiti",
    "39": "Dominican Republic",
    "60c": "Poland",
    "61": "Soviet Union",
    "65": "Italy",
    "84": "Ethiopia",
    "93": "China",
    "94": "Japan",
}

# The nine classes of the decimal file system, by the digit a number opens with.
CLASSES = {
    "0": "General",
    "1": "Administration of the Department",
    "2": "Extradition",
    "3": "Protection of interests",
    "4": "Claims",
    "5": "International congresses and conferences",
    "6": "Commerce",
    "7": "Political relations between states",
    "8": "Internal affairs of states",
}

PARSED = "parsed"
PARTIAL = "partial"  # class and item read, the rest kept as printed
UNREAD = "unread"
STATUSES = {
    PARSED: "read in full",
    PARTIAL: "class and item only",
    UNREAD: "not read",
}

_COUNTRY = r"\d{2}[a-z]?"
_SHAPE = re.compile(r"^(?P<head>\d[0-9A-Za-z.]*)(?:\s+(?P<qualifier>[^/]+?))?/(?P<item>.+)$")
_BILATERAL = re.compile(rf"^(?P<cls>[67])(?P<c1>{_COUNTRY})\.(?P<c2>{_COUNTRY})(?P<sub>\d*)$")
_INTERNAL = re.compile(rf"^(?P<cls>8)(?P<c1>{_COUNTRY})\.(?P<sub>\d+)$")
_ITEM = re.compile(
    r"^(?P<number>\d+)(?P<suffix>[a-z]|½|¼|¾)?(?:[–-](?P<last>\d+))?(?:\s+(?P<rest>.+))?$"
)


@dataclass(frozen=True)
class DecimalFile:
    """The parts of one file number, as plain values."""

    printed: str
    status: str = UNREAD
    decimal_class: str = ""
    countries: list[str] = field(default_factory=list)
    subdivision: str = ""
    qualifier: str = ""
    item: str = ""
    item_number: int | None = None
    file: str = ""

    def as_json(self) -> dict:
        data = asdict(self)
        data["class"] = data.pop("decimal_class")
        data.pop("printed")
        return data


def parse_file_number(printed: str, known: set[str] | dict | None = None) -> DecimalFile:
    """Read a file number; unreadable numbers come back with status ``unread``.

    ``known`` holds the country codes to trust (by default the confirmed
    ones); a number whose country digits are not among them keeps its class,
    file and item and is marked ``partial``.
    """
    known = KNOWN_COUNTRIES if known is None else known
    text = " ".join((printed or "").split())
    shape = _SHAPE.match(text)
    if not shape:
        return DecimalFile(text)
    head, qualifier, item = shape["head"], (shape["qualifier"] or "").strip(), shape["item"]
    item_match = _ITEM.match(item)
    item_number = int(item_match["number"]) if item_match else None
    file = f"{head} {qualifier}".strip()
    common = {
        "printed": text,
        "qualifier": qualifier,
        "item": item,
        "item_number": item_number,
        "file": file,
        "decimal_class": head[0],
    }
    bilateral = _BILATERAL.match(head)
    if bilateral and item_match and {bilateral["c1"], bilateral["c2"]} <= set(known):
        return DecimalFile(
            status=PARSED,
            countries=[bilateral["c1"], bilateral["c2"]],
            subdivision=bilateral["sub"],
            **common,
        )
    internal = _INTERNAL.match(head)
    if internal and item_match and internal["c1"] in known:
        return DecimalFile(
            status=PARSED, countries=[internal["c1"]], subdivision=internal["sub"], **common
        )
    return DecimalFile(status=PARTIAL, **common)
