"""The people and places of the archive in memory for one run, and the names they answer to.

Look-ups without a query per name: the importer and re-linking ask the
registry for the record a printed name stands for; where there is none, it
makes a stub for editors to review (remembered, and forgotten again if the
document being saved rolls back).
"""

from __future__ import annotations

from ..models import OfficeHolding, Person, Place
from ..text.personal_names import parse_name
from .names import PERSON, PLACE, NameIndex
from .offices import OfficeIndex, name_fits
from .offices import clean as clean_name


def _initials_agree(printed: str, full: str) -> bool:
    printed_first = printed.split()[0].rstrip(".")
    return full.split()[0].rstrip(".").startswith(printed_first[:1])


class EntityRegistry:
    """People and places in memory for one run: look-ups without a query per name.

    Records created while a document is being saved are forgotten again if
    that document's transaction rolls back.
    """

    def __init__(self, user=None) -> None:
        self.user = user
        self.index = NameIndex()
        self.people: dict[int, Person] = {}
        self.places: dict[int, Place] = {}
        self._surnames: dict[str, set[int]] = {}
        self._pending: list[tuple[str, int]] = []
        people = Person.objects.only(
            "id", "name", "surname", "forenames", "aliases", "needs_review"
        )
        for person in people:
            self._add_person(person)
        self.offices = OfficeIndex(
            OfficeHolding.objects.only("person_id", "office", "start", "end")
        )
        places = list(Place.objects.only("id", "name", "aliases", "parent_id"))
        for place in places:
            self._add_place(place)

    def _add_person(self, person: Person) -> None:
        from .body_people import titled_only

        self.people[person.pk] = person
        if titled_only(person):
            # Known only as printed with its title, never by the bare surname
            # (archive.linking.body_people says why).
            self.index.add(PERSON, person.pk, person.aliases)
            return
        self.index.add(PERSON, person.pk, person.all_names)
        if person.surname:
            self._surnames.setdefault(person.surname, set()).add(person.pk)

    def _add_place(self, place: Place) -> None:
        self.places[place.pk] = place
        self.index.add(PLACE, place.pk, place.all_names)
        if place.parent_id:
            self.index.add_within(place.pk, place.parent_id)

    def with_surname(self, surname: str) -> set[int]:
        """Ids of the people recorded under this surname."""
        return set(self._surnames.get(surname, ()))

    def adopt(self, person: Person) -> None:
        """Save a person the run suggests, and know it (forgotten again on rollback)."""
        person._history_user = self.user
        person.save()
        self._add_person(person)
        self._pending.append((PERSON, person.pk))

    def add_holding(self, holding: OfficeHolding) -> None:
        """Know an office holding the run suggests (from a footnote), as if loaded."""
        self.offices.add(holding.person_id, holding.office, holding.start, holding.end)

    def begin(self) -> None:
        self._pending = []

    def rollback(self) -> None:
        for kind, pk in self._pending:
            self.index.remove(kind, pk)
            if kind == PERSON:
                person = self.people.pop(pk)
                self._surnames.get(person.surname, set()).discard(pk)
            else:
                self.places.pop(pk, None)
        self._pending = []

    def find_person(self, name: str) -> tuple[Person | None, str]:
        """The one person a printed name means, or ``None`` with the reason."""
        name = clean_name(name)
        if not name:
            return None, ""
        ids = {pk for kind, pk in self.index.lookup(name) if kind == PERSON}
        if not ids:
            ids = set(self._surnames.get(name, set()))
        if not ids and " " in name:
            ids = set(self._surnames.get(name.split()[-1], set()))
            ids = {pk for pk in ids if _initials_agree(name, self.people[pk].name)}
        if len(ids) == 1:
            return self.people[ids.pop()], ""
        if len(ids) > 1:
            names = ", ".join(sorted(self.people[pk].name for pk in ids))
            return None, f"the name {name!r} fits several people ({names}); an editor must choose"
        return None, ""

    def holders(self, role: str, when=None, name: str = "", until=None) -> set[int]:
        """People who held the office printed in a heading (on that day, if given).

        With a printed ``name``, only the holders it fits (see
        :func:`archive.linking.offices.name_fits`).
        """
        return self.offices.holders(
            role,
            when,
            until,
            accept=lambda pk: pk in self.people and (not name or name_fits(name, self.people[pk])),
        )

    def person(
        self, name: str, description: str, role: str = "", when=None, until=None
    ) -> tuple[Person | None, str]:
        """Find the person a heading or signature names, or make a stub for review.

        The office printed beside the name, on the document's date, comes
        first: the one holder of that office that day (any day, undated) whom
        the name fits is the person, whoever else shares the surname
        (archive.linking.offices).
        Otherwise the name alone is looked up.
        """
        if role:
            holders = self.holders(role, when, name=name, until=until)
            if len(holders) == 1:
                return self.people[holders.pop()], ""
        found, problem = self.find_person(name)
        if found or problem:
            return found, problem
        parsed = parse_name(name)
        stub = Person(
            name=parsed.full or clean_name(name),
            surname=parsed.surname or clean_name(name),
            forenames=parsed.forenames,
            description=description,
            needs_review=True,
        )
        self.adopt(stub)
        name = stub.name
        return stub, f"created a new person {name!r} for editors to review"

    def place(self, name: str) -> tuple[Place | None, str]:
        name = " ".join(name.split()).strip(" ,.[]")
        if not name:
            return None, ""
        ids = {pk for kind, pk in self.index.lookup(name) if kind == PLACE}
        if len(ids) == 1:
            return self.places[ids.pop()], ""
        if len(ids) > 1:
            return None, f"the place name {name!r} fits several places; an editor must choose"
        stub = Place(name=name, needs_review=True, description="Made by the importer.")
        stub._history_user = self.user
        stub.save()
        self._add_place(stub)
        self._pending.append((PLACE, stub.pk))
        return stub, f"created a new place {name!r} for editors to review"
