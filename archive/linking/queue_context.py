"""Names the queue leaves out because of the words around them in one document.

archive.linking.queue_words judges a run of capitalised words by itself; some
runs are told apart only by what the sentence says of them:

- **Ships.** FRUS prints a ship's name after its prefix: "S. S. Pensacola"
  (steamship), "U. S. S." (United States ship), "H. M. S." (His Majesty's
  ship), "M. S." / "M. V." (motor ship or vessel), "U. S. A. T." (army
  transport). The name after the prefix is a ship, and so is the same name
  printed bare in that document ("visit of Pensacola").
- **Lists of a kind.** "such periodicals as Time, Newsweek, … The New
  Republic": English names the kind before the list, and when the kind is a
  publication, firm or ship, nothing in the list is a person or a place.
- **Firms of partners.** "Captain A. F. Pillsbury of Pillsbury and Curtis":
  a man described by the firm that bears his surname; the partner named
  beside him ("Curtis") is part of the firm's name.

Pure: one scan of the document's reading text, no database.
"""

from __future__ import annotations

import re

_WORD = r"(?:Ma?c)?[A-Z][a-zà-öø-ÿ’']+(?:-[A-Za-zà-öø-ÿ’']+)*"
_NAME = rf"{_WORD}(?:\s+{_WORD})*"
# Each pattern opens with a lookahead for its first letter, so that the engine
# skips every other position at once (a scan takes about half as long).
SHIP_PREFIX = re.compile(
    r"(?=[UHSM])\b(?:U\.\s?S\.\s?S|H\.\s?M\.\s?S|S\.\s?S|M\.\s?S|M\.\s?V|U\.\s?S\.\s?A\.\s?T)\.\s+"
    rf"(?P<name>{_NAME})"
)
# Kinds of thing whose members are never people or places.
_KINDS = (
    r"periodicals|newspapers|papers|magazines|journals|publications|reviews|firms|"
    r"companies|corporations|ships|vessels|steamers|steamships|banks"
)
# "such periodicals as A, B and C" up to the end of the sentence.
_SUCH_AS = re.compile(rf"(?=s)\bsuch\s+(?:{_KINDS})\s+as\s+(?P<list>[^.;:]*)")
# "Pillsbury of Pillsbury and Curtis", read from its "of": a pattern that opens
# with a literal is sought by the engine at C speed, where one that opens with
# the surname was tried at every capital. The surname before the "of" is then
# compared by hand (_firm_partners).
_FIRM = re.compile(rf"of\s+(?P<surname>{_WORD})\s+(?:and|&)\s+(?P<partner>{_NAME})")


def named_no_one(reading: str) -> tuple[list[tuple[int, int]], set[str]]:
    """Stretches of the text whose capitalised words name no person or place, and ships' names.

    The ships' names ("Pensacola") are names this document prints as a ship's,
    which it may also print bare.
    """
    ships = list(SHIP_PREFIX.finditer(reading))
    spans = [(m.start(), m.end()) for m in ships]
    spans += [m.span("list") for m in _SUCH_AS.finditer(reading)]
    spans += _firm_partners(reading)
    return spans, {m["name"] for m in ships}


def _firm_partners(reading: str) -> list[tuple[int, int]]:
    """Where the partner stands in each "Pillsbury of Pillsbury and Curtis"."""
    spans = []
    for match in _FIRM.finditer(reading):
        end = match.start()  # the surname must stand right before the "of", spaces between
        while end and reading[end - 1].isspace():
            end -= 1
        surname = match["surname"]
        start = end - len(surname)
        if end < match.start() and start >= 0 and reading.startswith(surname, start):
            spans.append(match.span("partner"))
    return spans


def excluded(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    """The span lies inside (or overlaps) a stretch that names no one."""
    return any(span[0] < end and start < span[1] for start, end in spans)
