"""What the linker reads in a text before it looks at any record.

- :func:`printed_people`: the names printed unmistakably as a person's
  (archive.text.person_forms, with the queue's vocabulary), which
  archive.linking.body_people then links or suggests;
- :func:`name_runs`: the runs of capitalised words the unmatched-names queue
  weighs.

:func:`name_runs` does everything about a run that needs no record: where it
stands, whether editors' wording around it says it names no one (ships,
lists of periodicals, firms: archive.linking.queue_context), whether a
title or an initial stands before it, and which names it would queue
(archive.linking.queue_words). What needs the archive's records (is the name
known? already linked?) is left to :func:`archive.linking.names.unmatched_names`.

Pure, so that an import does it in the parsing processes, beside the writing,
rather than in the process that writes while the database waits
(archive.pipeline.sources.parse_source).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.markup import reading_text
from ..text.person_forms import PrintedPerson, find_printed_people
from .queue_context import excluded, excluded_spans, ship_names
from .queue_words import after_abbreviation, common_word, queue_names

_INITIALS = r"(?:[A-Z]\.\s?)+"
_WORD = r"(?:Ma?c)?[A-Z][a-zà-öø-ÿ’']+(?:-[A-Za-zà-öø-ÿ’']+)*"  # "McComb", "MacMurray"
# A run of capitalised words, with the initials and surname particles that
# stand inside names ("H. B. Walker", "Costa du Rels", "Solf y Muro"); a
# place name with lowercase particles is read whole ("Rio Grande do Sul").
# "(?=[A-Z])": a run starts with a capital (or an initial); said first, the
# engine skips every other position at once.
CANDIDATE = re.compile(
    rf"(?=[A-Z])(?<![\w’'\-.])(?:{_INITIALS}\s*)?{_WORD}"
    rf"(?:\s+(?:(?:de|da|do|du|dos|das|van|von|del|la|y)\s+|{_INITIALS}\s*)?{_WORD})*"
)
_POSSESSIVE = re.compile(r"[’']s$")
_INITIAL_BEFORE = re.compile(r"\b[A-Z]\.$")  # "H." right before: an initial, not a title
WINDOW = 40  # characters before a titled run in which its titled form is looked for


@dataclass(frozen=True)
class NameRun:
    """One run of capitalised words that would put names in the queue."""

    whole: str  # the run as printed, a possessive left out ("Amau" of "Amau’s")
    names: tuple[str, ...]  # what it would queue (queue_words), ships' names left out
    context: str  # the words around it, for the editor
    # After a title or an initial ("Mr. Amau"): the text from WINDOW characters
    # before the run to its end, and where the run starts in it, so that a
    # titled form the archive knows ("Mr. Amau") can be found; "" otherwise.
    window: str = ""
    offset: int = 0


def name_runs(text: str) -> list[NameRun]:
    """The runs of ``text`` (as a reader reads it) that would queue a name, in order."""
    reading, _ = reading_text(text)
    runs = []
    spans, ships = excluded_spans(reading), ship_names(reading)
    for match in CANDIDATE.finditer(reading):
        if excluded(match.span(), spans):
            continue
        # What precedes the run, trailing spaces left out (read in place: a copy
        # of everything before each capitalised word made long texts quadratic).
        before = match.start()
        while before and reading[before - 1].isspace():
            before -= 1
        abbreviated = after_abbreviation(reading, before)
        last = reading[before - 1] if before else ""
        sentence_start = (not before or last in '.!?:;“"(' or last == "\n") and not abbreviated
        titled = abbreviated and not _INITIAL_BEFORE.search(reading, max(0, before - 3), before)
        names = tuple(
            n for n in queue_names(match.group(), sentence_start, titled) if n not in ships
        )
        if not names:
            continue
        start = match.start()
        lo = max(0, start - WINDOW)
        runs.append(
            NameRun(
                whole=_POSSESSIVE.sub("", match.group()),
                names=names,
                context=reading[max(0, start - 60) : match.end() + 60].replace("\n", " "),
                window=reading[lo : match.end()] if abbreviated else "",
                offset=start - lo,
            )
        )
    return runs


def printed_people(text: str) -> list[PrintedPerson]:
    """The names ``text`` (as a reader reads it) prints unmistakably as a person's."""
    return find_printed_people(reading_text(text)[0], common_word)
