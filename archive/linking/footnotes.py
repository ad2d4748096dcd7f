"""People identified in footnotes: the editors' word on who a name means.

A FRUS identification footnote (``archive.text.identifications``) is glued
to the person's name in the body (``McHugh[^63]``) or to his office. The
footnote is linked to the person it names, found in the archive by name or
alias, by surname with agreeing forenames, or by surname and office together;
failing that, a new person is suggested for editors to review, carrying the
full name, the office held at the document's date and the footnote as its
source. Everything is looked up in the run's registry: no query per name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..models import OfficeHolding, Person
from ..text.identifications import Identification, parse_identification
from ..text.personal_names import PersonalName, clean, name_variants, parse_name
from .names import PERSON, PLACE
from .registry import EntityRegistry

# The words printed right before a marker: FRUS glues the marker to the name
# it explains, so these are the form the body uses for the person.
_BEFORE = re.compile(r"((?:[A-Z][\w’'\-]*\.?|(?:[A-Z]\.)+|de|da|du|del|van|von|y)\s+){0,4}$")
_BODY_LOCATION = "body"


@dataclass
class FootnotePerson:
    """A person a body footnote identifies, and the forms the body prints for him."""

    order: int
    marker: str
    person_id: int
    surfaces: list[str] = field(default_factory=list)
    created: bool = False


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


def identify(
    registry: EntityRegistry,
    footnotes,
    body: str,
    when: date | None,
    source: str,
) -> list[FootnotePerson]:
    """The people the body footnotes of one document identify (made when new)."""
    found = []
    for note in footnotes:
        if note.where != _BODY_LOCATION:
            continue  # a heading's footnote is about the document, not a person it names
        ident = parse_identification(note.text)
        if ident is None:
            continue
        printed = printed_before(body, note.marker)
        name = _name_of(ident, printed)
        if not name:
            continue
        person, created = _person_for(registry, name, ident, note, when, source)
        if person is None:
            continue
        surfaces = [s for s in dict.fromkeys([printed, name.full, name.surname]) if s]
        found.append(FootnotePerson(note.order, note.marker, person.pk, surfaces, created))
    return found


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


def _person_for(registry, name, ident, note, when, source) -> tuple[Person | None, bool]:
    ids = _matching(registry, name)
    if len(ids) > 1 and ident.office:
        ids = ids & registry.holders(ident.office, when, surname=name.surname)
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
