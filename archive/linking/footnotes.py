"""People identified in footnotes: the editors' word on who a name means.

A FRUS identification footnote (``archive.text.identifications``) is glued
to the person's name in the body (``McHugh[^63]``) or to his office. The
footnote is linked to the person it names, found in the archive by name or
alias, by surname with agreeing forenames, or by surname and office together;
failing that, a new person is suggested for editors to review, carrying the
full name, the office held at the document's date and the footnote as its
source. Everything is looked up in the run's registry: no query per name.

Two steps, so that the first runs where the document is parsed (in the
parsing processes of a large import, archive.pipeline.sources): reading the
footnotes (:func:`archive.linking.runs.read_identifications`, pure text) and
finding or suggesting their people (:func:`identify`, against the registry).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..models import OfficeHolding, Person
from ..text.personal_names import PersonalName, name_variants
from .names import PERSON, PLACE
from .registry import EntityRegistry
from .runs import ReadIdentification


@dataclass
class FootnotePerson:
    """A person a body footnote identifies, and the forms the body prints for him."""

    order: int
    marker: str
    person_id: int
    surfaces: list[str] = field(default_factory=list)
    created: bool = False


def identify(
    registry: EntityRegistry,
    read: list[ReadIdentification],
    when: date | None,
    source: str,
) -> list[FootnotePerson]:
    """The people the footnotes ``read`` identify in one document (made when new)."""
    found = []
    for item in read:
        note, name = item.note, item.name
        person, created = _person_for(registry, name, item.identification, note, when, source)
        if person is None:
            continue
        surfaces = [s for s in dict.fromkeys([item.printed, name.full, name.surname]) if s]
        found.append(FootnotePerson(note.order, note.marker, person.pk, surfaces, created))
    return found


def _person_for(registry, name, ident, note, when, source) -> tuple[Person | None, bool]:
    ids = _matching(registry, name)
    if len(ids) > 1 and ident.office:
        ids = ids & registry.holders(ident.office, when, name=name.surname)
    if len(ids) == 1:
        return registry.people[ids.pop()], False
    if ids:
        return None, False  # several people fit: an editor chooses
    if not ident.name:
        return None, False  # only a surname and an office: too little for a new record
    return _suggest(registry, name, ident, note, when, source), True


def _matching(registry: EntityRegistry, name: PersonalName) -> set[int]:
    """People whose name or alias is the name, or whose surname and forenames agree."""
    for form in name_variants(name):
        ids = {pk for kind, pk in registry.index.lookup(form) if kind == PERSON}
        if ids:
            return ids
    same_surname = registry.with_surname(name.surname)
    if not name.forenames:
        return same_surname
    first = name.forenames.split()[0].rstrip(".")
    agree = set()
    for pk in same_surname:
        forenames = registry.people[pk].forenames or ""
        theirs = forenames.split()[0].rstrip(".") if forenames else ""
        # "Harry C." agrees with "Harry C." and "H."; an empty forename
        # (a heading's bare surname) agrees with none: a full name is not
        # silently merged into a one-word record.
        if theirs and (
            theirs == first or (min(len(theirs), len(first)) == 1 and theirs[0] == first[0])
        ):
            agree.add(pk)
    return agree


def _suggest(registry, name, ident, note, when, source) -> Person:
    office = ident.office
    description = f"{office}. " if office else ""
    description += f"Identified in footnote {note.marker} of {source}: {note.text}"
    person = Person(
        name=name.full,
        surname=name.surname,
        forenames=name.forenames,
        description=description[:2000],
        needs_review=True,
        notes="Suggested from a footnote; uncertain (the footnote guesses)."
        if ident.uncertain
        else "",
    )
    registry.adopt(person)
    if office:
        post = None
        if ident.place:
            places = {pk for kind, pk in registry.index.lookup(ident.place) if kind == PLACE}
            post = registry.places[places.pop()] if len(places) == 1 else None
        holding = OfficeHolding(
            person=person,
            office=office[:200],
            post=post,
            start=when,
            end=when,
            source=f"FRUS footnote {note.marker}, {source}"[:300],
        )
        holding._history_user = registry.user
        holding.save()
        registry.add_holding(holding)
    return person
