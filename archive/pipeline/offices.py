"""Saving POCOM's people and office holdings (read by :mod:`archive.pocom`).

Idempotent and respectful of editors, like every import here:

* a person is found again by the POCOM id in ``hsg_id``; a person already in
  the archive without one (from the authority lists, say "Joseph C. Grew")
  is taken to be POCOM's when the surname is the same and every forename
  printed agrees with POCOM's (a name or its initial), and no other record
  or POCOM person fits as well. Names and description are written only when
  the person is created: after that they belong to the authority lists and
  to editors. The life years are POCOM's, unless an editor changed them.
* a holding is found again by its POCOM id; the fields POCOM defines
  (person, office, post, start, end, source) follow POCOM unless an editor
  protected them.

Everything is read into memory first: a run costs a few queries, not one
per person. Every row written gets a history row naming the script user.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from ..history import script_user
from ..models import OfficeHolding, Person, Place
from ..pocom import PocomData, PocomHolding, PocomPerson
from ..text.heading import is_department_office
from ..text.offices import (
    country_name,
    fold,
    frus_office,
    office_key,
    tenure_bounds,
)

REASON = "import offices"
PERSON_FIELDS = ("hsg_id", "birth_year", "death_year", "aliases")
HOLDING_FIELDS = ("person", "office", "post", "start", "end", "source")


@dataclass
class OfficesReport:
    people: Counter = field(default_factory=Counter)
    holdings: Counter = field(default_factory=Counter)
    kept: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        def part(name: str, counts: Counter) -> str:
            return (
                f"{counts['created'] + counts['adopted']} {name} new "
                f"({counts['adopted']} found in the archive), "
                f"{counts['updated']} updated, {counts['unchanged']} unchanged"
            )

        return f"{part('people', self.people)}; {part('holdings', self.holdings)}."


def load_offices(data: PocomData, *, dry_run: bool = False) -> OfficesReport:
    """Bring the archive's people and holdings in line with ``data``; one transaction."""
    report = OfficesReport(errors=list(data.errors))
    with transaction.atomic():
        _Loader(data, report).run()
        if dry_run:
            transaction.set_rollback(True)
    return report


def forenames_agree(printed: str, full: str) -> bool:
    """ "Joseph C." agrees with "Joseph Clark"; "J. Clark" too; "John C." does not."""
    printed_words = [w for w in printed.replace(",", " ").split() if fold(w) not in _SUFFIXES]
    full_words = [w for w in full.replace(",", " ").split() if fold(w) not in _SUFFIXES]
    if not printed_words or len(printed_words) > len(full_words):
        return False
    for mine, theirs in zip(printed_words, full_words, strict=False):
        a, b = fold(mine).rstrip("."), fold(theirs).rstrip(".")
        if mine.endswith(".") and len(a) == 1:
            if not b.startswith(a):
                return False
        elif a != b:
            return False
    return True


_SUFFIXES = {"jr.", "jr", "sr.", "sr", "2d", "3d", "ii", "iii"}


class _Loader:
    def __init__(self, data: PocomData, report: OfficesReport) -> None:
        self.data = data
        self.report = report
        self.user = script_user()
        self.people: dict[str, Person] = {}  # POCOM id -> record

    def run(self) -> None:
        self._people()
        self._holdings()

    # People ---------------------------------------------------------------

    def _people(self) -> None:
        existing = list(
            Person.objects.only(
                "id",
                "name",
                "surname",
                "forenames",
                "hsg_id",
                "authority_key",
                "birth_year",
                "death_year",
                "aliases",
                "protected_fields",
                "version",
            )
        )
        by_hsg: dict[str, list[Person]] = defaultdict(list)
        by_surname: dict[str, list[Person]] = defaultdict(list)
        for person in existing:
            if person.hsg_id:
                by_hsg[person.hsg_id].append(person)
            elif person.forenames:
                by_surname[fold(person.surname)].append(person)
        keys = {p.authority_key for p in existing}
        # Who could be whom, by name: adopted only when it fits both ways.
        claims: dict[int, list[str]] = defaultdict(list)
        candidates: dict[str, list[Person]] = {}
        for pocom in self.data.people.values():
            if pocom.id in by_hsg:
                continue
            fits = [
                p
                for p in by_surname.get(fold(pocom.plain_surname), [])
                if forenames_agree(p.forenames, pocom.plain_forenames)
            ]
            candidates[pocom.id] = fits
            for person in fits:
                claims[person.pk].append(pocom.id)
        create, update = [], []
        for pocom in self.data.people.values():
            found = by_hsg.get(pocom.id, [])
            if len(found) > 1:
                names = ", ".join(sorted(p.name for p in found))
                self.report.errors.append(
                    f"{pocom.id}: several people carry this POCOM id ({names}); "
                    "an editor must merge them"
                )
                continue
            if found:
                person = found[0]
                self._update_person(person, pocom, update)
                continue
            fits = candidates.get(pocom.id, [])
            if len(fits) == 1 and claims[fits[0].pk] == [pocom.id]:
                person = fits[0]
                if "hsg_id" in person.protected_fields:
                    self.report.kept.append(f"person {person.name}: POCOM id ({pocom.id})")
                    continue
                person.hsg_id = pocom.id
                self._update_person(person, pocom, update, adopted=True)
                continue
            person = Person(
                name=pocom.name,
                surname=pocom.plain_surname,
                forenames=f"{pocom.plain_forenames}, {pocom.suffix}"
                if pocom.suffix
                else pocom.plain_forenames,
                aliases=pocom.variants,
                hsg_id=pocom.id,
                birth_year=pocom.birth,
                death_year=pocom.death,
                description=self._description(pocom),
                authority_key=pocom.id if pocom.id not in keys else None,
            )
            if person.authority_key is None:
                person.authority_key = person.new_key()
            keys.add(person.authority_key)
            create.append(person)
            self.people[pocom.id] = person
            self.report.people["created"] += 1
        if create:
            bulk_create_with_history(
                create, Person, default_user=self.user, default_change_reason=REASON
            )
            # bulk_create sets primary keys on PostgreSQL and SQLite alike.
        if update:
            for person in update:
                person.version += 1
            bulk_update_with_history(
                update,
                Person,
                [*PERSON_FIELDS, "version"],
                default_user=self.user,
                default_change_reason=REASON,
            )

    def _update_person(self, person: Person, pocom: PocomPerson, update, adopted=False) -> None:
        self.people[pocom.id] = person
        changed = adopted
        for name, value in (("birth_year", pocom.birth), ("death_year", pocom.death)):
            if getattr(person, name) == value:
                continue
            if name in person.protected_fields:
                self.report.kept.append(f"person {person.name}: {name.replace('_', ' ')}")
                continue
            setattr(person, name, value)
            changed = True
        missing = [form for form in pocom.variants if form not in (person.aliases or [])]
        if missing and "aliases" in person.protected_fields:
            self.report.kept.append(f"person {person.name}: aliases")
        elif missing:
            person.aliases = [*(person.aliases or []), *missing]
            changed = True
        if changed:
            update.append(person)
        self.report.people["adopted" if adopted else "updated" if changed else "unchanged"] += 1

    def _description(self, pocom: PocomPerson) -> str:
        held = [h for h in self.data.holdings if h.person == pocom.id]
        parts = []
        for holding in sorted(held, key=lambda h: h.started):
            office = self._office(holding)
            years = holding.started[:4] + ("–" + holding.ended[:4] if holding.ended else "–")
            parts.append(f"{office}, {years}")
        return "; ".join(parts) + "." if parts else ""

    # Holdings -------------------------------------------------------------

    def _office(self, holding: PocomHolding) -> str:
        start, _end = tenure_bounds(holding.started, holding.ended)
        return frus_office(
            holding.role, holding.territory, holding.position, holding.position_name, start
        )

    def _places(self) -> dict[str, int | None]:
        """Folded name or alias -> place id (None where a name fits several places)."""
        table: dict[str, int | None] = {}
        for place in Place.objects.only("id", "name", "aliases"):
            for name in place.all_names:
                key = fold(name)
                table[key] = place.pk if table.get(key, place.pk) == place.pk else None
        return table

    def _post(self, holding: PocomHolding, start, places) -> int | None:
        if holding.territory:
            name = country_name(holding.territory, start)
            return places.get(fold(name[4:] if name.startswith("the ") else name))
        if is_department_office(office_key(self._office(holding))):
            return places.get("washington")
        return None

    def _holdings(self) -> None:
        places = self._places()
        by_id = {h.pocom_id: h for h in OfficeHolding.objects.filter(pocom_id__isnull=False)}
        by_triple = {
            (h.person_id, h.office, h.start): h
            for h in OfficeHolding.objects.filter(pocom_id__isnull=True)
        }
        create, update = [], []
        for holding in self.data.holdings:
            person = self.people.get(holding.person)
            if person is None:
                continue  # its person was reported above
            start, end = tenure_bounds(holding.started, holding.ended)
            if start and end and start > end:
                # A start and an end in the same month: read the month whole.
                start, end = end.replace(day=1), start
            values = {
                "person": person,
                "office": self._office(holding),
                "post_id": self._post(holding, start, places),
                "start": start,
                "end": end,
                "source": _source(holding),
            }
            record = by_id.get(holding.id) or by_triple.pop(
                (person.pk, values["office"], start), None
            )
            if record is None:
                create.append(OfficeHolding(pocom_id=holding.id, **values))
                self.report.holdings["created"] += 1
                continue
            changed = record.pocom_id != holding.id
            record.pocom_id = holding.id
            for name, value in values.items():
                field_name = name.removesuffix("_id")
                current = getattr(record, "person_id" if name == "person" else name)
                wanted = value.pk if name == "person" else value
                if current == wanted:
                    continue
                if field_name in record.protected_fields:
                    self.report.kept.append(f"holding {holding.id}: {field_name}")
                    continue
                setattr(record, name, value)
                changed = True
            if changed:
                record.version += 1
                update.append(record)
                self.report.holdings["updated"] += 1
            else:
                self.report.holdings["unchanged"] += 1
        if create:
            bulk_create_with_history(
                create, OfficeHolding, default_user=self.user, default_change_reason=REASON
            )
        if update:
            bulk_update_with_history(
                update,
                OfficeHolding,
                ["pocom_id", "person", "office", "post", "start", "end", "source", "version"],
                default_user=self.user,
                default_change_reason=REASON,
            )


def _source(holding: PocomHolding) -> str:
    """Where the holding comes from, with POCOM's dates as written when they are partial."""
    source = f"Office of the Historian, POCOM {holding.id}"
    partial = [
        f"{label} {value}"
        for label, value in (("started", holding.started), ("ended", holding.ended))
        if value and len(value) < 10
    ]
    return source + (f" ({', '.join(partial)})" if partial else "")
