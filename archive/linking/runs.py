"""What the linker reads in a text before it looks at any record.

- :func:`read_body`, all of the following for one body at once
  (:class:`BodyReading`);
- :func:`printed_people`: the names printed unmistakably as a person's
  (archive.text.person_forms, with the queue's vocabulary), which
  archive.linking.body_people then links or suggests;
- :func:`name_runs`: the runs of capitalised words the unmatched-names queue
  weighs;
- :func:`surname_runs`: the runs that may be a person printed by surname
  alone, which archive.linking.wholenames looks up;
- :func:`capitalised_words`: where each capitalised word stands, so that the
  index of names (archive.linking.names) compares only the words that begin
  a known name;
- :func:`read_identifications`: the footnotes that identify someone
  (archive.text.identifications), with the name read, which
  archive.linking.footnotes then finds or suggests.

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
from dataclasses import dataclass, field

from ..text.identifications import Identification, parse_identification
from ..text.markup import reading_text
from ..text.person_forms import PrintedPerson, find_printed_people
from ..text.personal_names import TITLE_WORDS, PersonalName, clean, parse_name
from .names import STOP_WORDS
from .queue_context import excluded, named_no_one
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


@dataclass(frozen=True)
class SurnameRun:
    """A run of one or two capitalised words (titles dropped) that may be a surname."""

    start: int  # where the run stands in the reading text
    end: int
    printed: str  # as printed, a possessive left out ("Wang" of "Wang’s")
    key: str  # the words looked up: "Chiang" of "Generalissimo Chiang"
    initials: str = ""  # initials printed right before it ("G. A. "), which must fit


@dataclass
class BodyReading:
    """What the linker reads in one body before it looks at any record."""

    printed_people: list[PrintedPerson] = field(default_factory=list)
    name_runs: list[NameRun] = field(default_factory=list)
    surname_runs: list[SurnameRun] = field(default_factory=list)
    words: dict[str, list[int]] = field(default_factory=dict)


def read_body(body: str) -> BodyReading:
    """Every reading of ``body`` the linker makes before looking at a record."""
    reading = reading_text(body)[0]
    return BodyReading(
        printed_people=printed_people(body),
        name_runs=name_runs(body),
        surname_runs=surname_runs(reading),
        words=capitalised_words(reading),
    )


# A word that opens with a capital letter, whole ("(?<!\w)" and "\w+"), as the
# index of names reads words; the lookahead skips words in lower case at once.
_CAPITALISED = re.compile(r"(?<!\w)(?=[^\W\d_a-z])\w+")


def capitalised_words(reading: str) -> dict[str, list[int]]:
    """Each word of ``reading`` that opens with a capital, and where it stands, in order."""
    words: dict[str, list[int]] = {}
    for match in _CAPITALISED.finditer(reading):
        word = match.group()
        if word[0].isupper():
            words.setdefault(word, []).append(match.start())
    return words


# Runs as names are printed, for the surnames: capitalised words with surname
# particles. "(?=[A-Z])": a run starts with a capital; said first, other
# positions are skipped at once.
_SURNAME_RUN = re.compile(
    rf"(?=[A-Z])(?<![\w’'\-]){_WORD}(?:\s+(?:(?:de|da|du|van|von|del|y)\s+)?{_WORD})*"
)
# Initials printed before a surname ("Mr. G. A. Smith"): they name whose surname it is.
_INITIALS_BEFORE = re.compile(r"(?:\b[A-Z]\.\s*)+$")


def _surname_part(words: list[str]) -> list[str]:
    """Leading titles and sentence words dropped: "Subsequently Chiang" → ["Chiang"]."""
    while words and (words[0] in TITLE_WORDS or words[0] in STOP_WORDS or words[0].endswith("ly")):
        words = words[1:]
    return words


def surname_runs(reading: str) -> list[SurnameRun]:
    """The runs of ``reading`` that may print a person by surname alone, in order."""
    runs = []
    for match in _SURNAME_RUN.finditer(reading):
        printed = _POSSESSIVE.sub("", match.group())
        words = _surname_part(printed.split())
        if not words or len(words) > 2:
            continue
        start = match.start()
        initials = _INITIALS_BEFORE.search(reading, max(0, start - 12), start)
        runs.append(
            SurnameRun(
                start,
                match.end(),
                printed,
                " ".join(words),
                initials.group() if initials else "",
            )
        )
    return runs


def name_runs(text: str) -> list[NameRun]:
    """The runs of ``text`` (as a reader reads it) that would queue a name, in order."""
    reading, _ = reading_text(text)
    runs = []
    spans, ships = named_no_one(reading)
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


# The words printed right before a marker: FRUS glues the marker to the name
# it explains, so these are the form the body uses for the person.
_BEFORE = re.compile(r"((?:[A-Z][\w’'\-]*\.?|(?:[A-Z]\.)+|de|da|du|del|van|von|y)\s+){0,4}$")
_BODY_LOCATION = "body"


@dataclass(frozen=True)
class ReadIdentification:
    """A body footnote that identifies someone, as read: before any record is looked at."""

    note: object  # the parsed footnote (archive.text.footnotes.Footnote)
    identification: Identification
    printed: str  # the words the marker is glued to
    name: PersonalName


def printed_before(body: str, marker: str) -> str:
    """The capitalised words the footnote ``marker`` is glued to in ``body``."""
    at = body.find(f"[^{marker}]")
    if at < 0:
        return ""
    before = re.sub(r"[’']s$", "", body[:at])
    match = _BEFORE.search(before + " ")
    return clean(match.group()) if match else ""


def _printed_surname(full: str, printed: str) -> str:
    """The longest run of the body's words that ends the footnote's full name."""
    words = printed.split()
    for start in range(len(words)):
        tail = " ".join(words[start:])
        if tail != full and full.endswith(" " + tail):
            return tail
    return ""


def read_identifications(footnotes, body: str) -> list[ReadIdentification]:
    """The body footnotes that identify someone by name, with the name read (pure)."""
    read = []
    for note in footnotes:
        if note.where != _BODY_LOCATION:
            continue  # a heading's footnote is about the document, not a person it names
        ident = parse_identification(note.text)
        if ident is None:
            continue
        printed = printed_before(body, note.marker)
        name = _name_of(ident, printed)
        if name:
            read.append(ReadIdentification(note, ident, printed, name))
    return read


def _name_of(ident: Identification, printed: str) -> PersonalName:
    """The name the footnote prints, or (for an office alone) the word it is glued to."""
    if ident.name:
        full = ident.name.full
        return parse_name(full, _printed_surname(full, printed)) if printed else ident.name
    if not printed:
        return PersonalName()
    name = parse_name(printed)
    # "Minister for Foreign Affairs[^66]" + "Soviet Commissar…": glued to an
    # office, not a name, so there is no one to name.
    office_words = set(ident.office.split())
    if not name or set(name.full.split()) & office_words:
        return PersonalName()
    return name
