"""Reading a FRUS heading: who wrote to whom, in which capacity.

Headings follow a small number of printed forms:

* ``The Chargé in the Soviet Union (Henderson) to the Secretary of State``
* ``Memorandum by the Chief of the Division … (Hamilton) to the Under Secretary of State (Welles)``
* ``President Roosevelt to Generalissimo Chiang Kai-shek``
* ``The Chinese Embassy to the Department of State`` (institutions, no names)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Titles printed before a bare name instead of "The <office> (<Name>)".
TITLES = (
    "President",
    "Generalissimo",
    "Premier",
    "Prime Minister",
    "King",
    "Emperor",
    "Queen",
    "Chancellor",
    "Marshal",
    "General",
    "Admiral",
    "Ambassador",
    "Minister",
    "Secretary",
    "Senator",
    "Representative",
    "Governor",
    "Dr.",
    "Mr.",
    "Mrs.",
    "Miss",
    "Sir",
    "Lord",
)

# An office of the Department of State as a FRUS heading prints it: the
# Secretary of State and every Under, Assistant, Acting or Special Assistant
# Secretary ("of State" is always printed), the Department of State itself,
# its divisions ("Chief of the Division of Far Eastern Affairs") and its
# advisers ("Adviser on Political Relations", "Legal Adviser", "Economic
# Adviser"), and its Chief of Protocol. Their documents are the Department's:
# sent from and to Washington, and "the Department" of a reply thread. A
# foreign ministry's department ("the Far Eastern Department of the Foreign
# Office") is not one.
DEPARTMENT_OFFICE = re.compile(
    r"Secretary of State|Department of State|Division of|Adviser on|Legal Adviser"
    r"|Economic Adviser|Chief of Protocol",
    re.IGNORECASE,  # the same rule reads printed roles and folded office keys
)
# The one Department title FRUS prints bare: "the Counselor (Moore)" (the
# Counselor of the Department of State). With nothing after it, it is the
# Department's; "the Counselor of Embassy in China (Peck)" is not.
_BARE_DEPARTMENT_TITLE = re.compile(r"(?:the\s+)?(?:acting\s+)?counselor", re.IGNORECASE)

MEMORANDUM = re.compile(
    r"^(?:Memorandum|Aide-Mémoire|Aide-Memoire|Minutes|Report|Statement|Note)"
    r"(?: of (?:a )?Conversation)?,?\s+(?:by|of|from)\s+(?P<rest>.+)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Party:
    """One side of a heading: the office as printed and the name, if any."""

    role: str = ""
    name: str = ""


@dataclass(frozen=True)
class Heading:
    sender: Party
    recipient: Party
    form: str  # "letter" (A to B), "memorandum" (Memorandum by A [to B]), "other"


def _split_top_level(text: str, separator: str) -> list[str]:
    """Split on ``separator`` outside parentheses and brackets."""
    parts, depth, start, index = [], 0, 0, 0
    while index < len(text):
        char = text[index]
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif depth == 0 and text.startswith(separator, index):
            parts.append(text[start:index])
            index += len(separator)
            start = index
            continue
        index += 1
    parts.append(text[start:])
    return parts


def parse_party(text: str) -> Party:
    """``the Chargé in Brazil (Washington)`` → role ``Chargé in Brazil``, name ``Washington``."""
    text = text.strip().rstrip(",.;:")
    text = re.sub(r"^(?:the|The)\s+", "", text)
    match = re.match(r"^(?P<role>.*?)\s*\((?P<name>[^()]+)\)$", text)
    if match and match["role"]:
        return Party(role=match["role"].strip(), name=match["name"].strip())
    for title in sorted(TITLES, key=len, reverse=True):
        if text.startswith(title + " ") and len(text.split()) <= len(title.split()) + 4:
            rest = text[len(title) :].strip()
            # "Secretary of State" is an office, not "Secretary" + a name, and so
            # is "Minister Resident in Iraq": a name never holds the words that
            # tie an office to its post or its department.
            if (
                rest
                and rest[0].isupper()
                and not re.search(r"(?:^|\s)(?:of|for|to|in|at)\b", rest)
            ):
                return Party(role=title, name=rest)
    return Party(role=text, name="")


def is_department_office(role: str) -> bool:
    """Whether a role is an office of the Department of State, not a post abroad.

    The one rule for "the Department": a role printed in a heading ("the
    Secretary of State", "the Chief of the Division of Far Eastern Affairs",
    "the Counselor") and an office key of the authority lists
    (archive.text.offices.office_key: "secretary of state", "counselor";
    a post abroad is "minister|thailand") are read alike.
    """
    role = (role or "").strip(" ,.;:")
    return bool(DEPARTMENT_OFFICE.search(role) or _BARE_DEPARTMENT_TITLE.fullmatch(role))


def parse_heading(text: str) -> Heading:
    """Read a heading already stripped of footnote markers."""
    text = text.strip()
    memo = MEMORANDUM.match(text)
    form = "letter"
    if memo:
        text, form = memo["rest"], "memorandum"
    parts = _split_top_level(text, " to ")
    if len(parts) == 1:
        sender = parse_party(parts[0])
        return Heading(sender, Party(), form if memo else "other")
    # Prefer the " to " right after a name in parentheses: roles such as
    # "Delegate to the Conference" contain " to " of their own.
    cut = next((i for i, part in enumerate(parts[:-1]) if part.rstrip().endswith(")")), None)
    if cut is None:
        cut = len(parts) - 2 if not re.match(r"^(?:the|The)\b", parts[1].strip()) else 0
    sender = parse_party(" to ".join(parts[: cut + 1]))
    recipient = parse_party(" to ".join(parts[cut + 1 :]))
    return Heading(sender, recipient, form)
