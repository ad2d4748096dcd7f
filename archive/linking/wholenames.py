"""Whole names: "Generalissimo Chiang" and "Chiang Kai-shek" are one person.

FRUS introduces a person by his full name (or a footnote does) and then
refers to him by surname, usually with a title: "Dr. Wang Shih-chieh" then
"Dr. Wang", "T. V. Soong" then "Soong". Titles are not part of the name but
mark what follows as a person's name. Two rules, in this order:

1. In one document, a surname (titled or not) is the person of that surname
   whom the same document names in full or whom its footnotes identify.
2. Otherwise a surname links to the one person the archive knows by it, if
   exactly one, and the word is not also a place name. Two people sharing a
   surname are never chosen between: the name stays unlinked (and is queued).

Names are read from one scan of the text and looked up in the run's
registry: no query per name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..text.personal_names import TITLE_WORDS
from .names import PLACE, STOP_WORDS, Found
from .offices import name_fits
from .registry import EntityRegistry
from .runs import SurnameRun, surname_runs

IN_DOCUMENT = "The surname of a person this document names in full."
BY_SURNAME = "Only the surname is printed; the one person of that surname in the archive."


@dataclass
class SurnameHit:
    """Where a person is printed by surname alone in one text."""

    person_id: int
    surface: str
    occurrences: int = 0
    notes: str = ""
    surfaces: list[str] = field(default_factory=list)


def _covered(length: int, taken: list[tuple[int, int]]) -> bytearray:
    """One byte per character of the text, 1 where a name already found stands.

    A run is then checked against every name found at once (``find``), where
    comparing each run with each found span grew with the product of the two.
    """
    covered = bytearray(length)
    for start, end in taken:
        covered[start:end] = b"\x01" * (end - start)
    return covered


def surname_mentions(
    registry: EntityRegistry,
    reading: str,
    found: list[Found],
    identified: dict[int, list[str]],
    runs: list[SurnameRun] | None = None,
) -> dict[int, SurnameHit]:
    """People printed only by surname in ``reading`` (the text as a reader reads it).

    ``found`` are the names the index found (their spans are not read
    again); ``identified`` maps people identified in the document's
    footnotes to the forms the body prints for them; ``runs`` are the
    reading's :func:`~archive.linking.runs.surname_runs` when they were read
    already (in the parsing process).
    """
    in_document: dict[str, set[int]] = {}
    taken: list[tuple[int, int]] = []
    for item in found:
        taken.extend(item.spans)
        if item.kind == PLACE:
            continue
        person = registry.people.get(item.entity_id)
        if person is not None and person.surname:
            in_document.setdefault(person.surname, set()).add(person.pk)
    for pk, forms in identified.items():
        person = registry.people.get(pk)
        for form in [*forms, person.surname if person else ""]:
            if form:
                in_document.setdefault(form, set()).add(pk)
    hits: dict[int, SurnameHit] = {}
    covered = _covered(len(reading), taken)
    for run in surname_runs(reading) if runs is None else runs:
        if covered.find(1, run.start, run.end) != -1:
            continue
        pk, notes = _who(registry, run.key, in_document)
        if pk is None:
            continue
        # "G. A. Smith" is not Walter Bedell Smith: printed initials must fit.
        if run.initials and not name_fits(f"{run.initials}{run.key}", registry.people[pk]):
            continue
        hit = hits.setdefault(pk, SurnameHit(pk, run.printed, notes=notes))
        hit.occurrences += 1
        if run.printed not in hit.surfaces:
            hit.surfaces.append(run.printed)
    return hits


def _who(registry, key: str, in_document) -> tuple[int | None, str]:
    ids = in_document.get(key, set())
    if len(ids) == 1:
        return next(iter(ids)), IN_DOCUMENT
    if ids or key in STOP_WORDS or key in TITLE_WORDS:
        return None, ""
    if any(kind == PLACE for kind, _ in registry.index.lookup(key)):
        return None, ""  # "Washington": a place before a surname
    ids = registry.with_surname(key)
    if len(ids) != 1:
        return None, ""
    return next(iter(ids)), BY_SURNAME
