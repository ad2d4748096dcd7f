"""Who held an office on a day: the holdings of one run in memory, and a heading's people.

A FRUS heading names its people by office: "The Minister in Siam (Baker)",
"the Secretary of State", "The Acting Secretary of State". With the office
holdings (from POCOM, ``import_offices``, and the authority lists) the
office and the document's date say who is meant:

* "(Surname)" with an office resolves to the holder of that office on that
  day (any day, for an undated document) whose surname it is, before any
  look-up by name, so a heading never falls back to a bare-surname stub
  when the holdings know the man, and two holders who share a surname
  stay apart;
* an office without a name ("the Secretary of State") is its one holder
  that day;
* in a gap the holdings do not cover (a chargé d'affaires between two
  ambassadors, whom POCOM does not list) no one is guessed;
* an acting officer is by definition not the holder (POCOM does not list
  Acting Secretaries): the signature names him, and he is looked for among
  the officers of the Department that day (the Under Secretary, an
  Assistant Secretary) before anyone else.

All look-ups are in memory: one query loads the holdings for a run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from ..text.heading import is_department_office
from ..text.offices import fold, office_family, office_key


@dataclass(frozen=True)
class Tenure:
    person_id: int
    key: str
    start: date | None
    end: date | None

    def covers(self, earliest: date, latest: date) -> bool:
        """Held on every day of the span (a document dated by a range must fall inside).

        Only days the holder certainly held the office count. A missing start or
        end is unknown, not open: every holding of the period has ended, and
        POCOM leaves an end blank where it does not know it (seven chargés, a
        Minister to Guatemala from 1891, an Assistant Secretary from 1941), so
        such a holding certainly covers only the day it gives. A holding with
        neither covers no day; it still names its holder when no date is asked.
        """
        start, end = self.start or self.end, self.end or self.start
        return start is not None and start <= earliest and latest <= end


class OfficeIndex:
    """Holdings by office key (and by family: "Assistant Secretary of State for …")."""

    def __init__(self, holdings: Iterable = ()) -> None:
        self._by_key: dict[str, list[Tenure]] = {}
        self._by_family: dict[str, list[Tenure]] = {}
        # The Department's own holdings, sorted out as they are added: an acting
        # officer is looked for among them in every document he signs, and
        # telling the Department's offices from posts abroad each time (every
        # key, for each of 20,000 documents in 100,000) was a twentieth of a
        # large import's time.
        self._department: list[Tenure] = []
        for holding in holdings:
            self.add(holding.person_id, holding.office, holding.start, holding.end)

    def add(self, person_id: int, office: str, start: date | None, end: date | None) -> None:
        key = office_key(office)
        tenure = Tenure(person_id, key, start, end)
        self._by_key.setdefault(key, []).append(tenure)
        family = office_family(key)
        if family != key:
            self._by_family.setdefault(family, []).append(tenure)
        if is_department_office(key):
            self._department.append(tenure)

    def holders(
        self,
        role: str,
        earliest: date | None = None,
        latest: date | None = None,
        accept: Callable[[int], bool] | None = None,
    ) -> set[int]:
        """Ids of the people who held the office (on every day from earliest to latest).

        The holders of the office as printed come first; when none of them
        held it then (and is ``accept``-ed: the printed name fits), the holders
        of the titled offices of that family: a heading may print the plain
        title for the holder of a titled post ("the Assistant Secretary of
        State (Clayton)" for the Assistant Secretary for Economic Affairs),
        while others still held the plain title.
        """
        key = office_key(role)
        for tenures in (self._by_key.get(key, ()), self._by_family.get(key, ())):
            found = {
                tenure.person_id
                for tenure in tenures
                if (earliest is None or tenure.covers(earliest, latest or earliest))
                and (accept is None or accept(tenure.person_id))
            }
            if found:
                return found
        return set()

    def department_officers(self, earliest: date | None, latest: date | None = None) -> set[int]:
        """Everyone in an office of the Department (not a post abroad) on those days, or ever."""
        return {
            tenure.person_id
            for tenure in self._department
            if earliest is None or tenure.covers(earliest, latest or earliest)
        }


def clean(name: str) -> str:
    """``J[oseph] C. G[rew]`` → ``Joseph C. Grew``: editorial expansions read as printed."""
    return " ".join(name.replace("[", "").replace("]", "").split()).strip(" ,")


def name_fits(printed: str, person) -> bool:
    """Whether a printed name ("Grew", "J. C. Grew", "Des Portes") can be this person.

    The surname must be the person's whole surname (FRUS prints surnames
    such as "Des Portes" or "MacMurray" whole); any forenames or initials
    printed before it must agree with the person's.
    """
    printed = fold(clean(printed))
    surname = fold(person.surname)
    if not printed or not surname:
        return False
    if printed == surname:
        return True
    if not printed.endswith(" " + surname):
        return False
    before = printed[: -len(surname) - 1].split()
    forenames = fold(getattr(person, "forenames", "") or "").replace(",", " ").split()
    if not forenames:
        return False
    for mine, theirs in zip(before, forenames, strict=False):
        mine, theirs = mine.rstrip("."), theirs.rstrip(".")
        if not (theirs.startswith(mine) if len(mine) == 1 else mine == theirs):
            return False
    return len(before) <= len(forenames)


def is_acting(role: str) -> bool:
    return fold(role).startswith("acting ")


def heading_person(
    registry,
    name: str,
    role: str,
    earliest: date | None,
    latest: date | None = None,
    signature: str = "",
):
    """The person one side of a heading stands for, or ``None``, with a note for the report.

    ``registry`` is the run's :class:`~archive.linking.registry.EntityRegistry`.
    """
    if name:
        return registry.person(name, f"{role} (from a heading).", role, earliest, latest)
    if role and is_acting(role):
        return _acting(registry, signature, earliest, latest)
    if not role or earliest is None:
        return None, ""  # an office alone, undated, may be any of its holders
    holders = registry.offices.holders(role, earliest, latest)
    if len(holders) == 1:
        return registry.people[holders.pop()], ""
    return None, ""


def _acting(registry, signature: str, earliest: date | None, latest: date | None):
    """An acting officer is the man who signed: an officer of the Department that day first.

    Undated, the officers of every day count: the signature must still fit
    exactly one of them.
    """
    if not signature:
        return None, ""
    officers = {
        pk
        for pk in registry.offices.department_officers(earliest, latest)
        if pk in registry.people and name_fits(signature, registry.people[pk])
    }
    if len(officers) == 1:
        return registry.people[officers.pop()], ""
    found, problem = registry.find_person(signature)
    return found, problem
