"""People the body names unmistakably: linked to their record, or suggested for review.

archive.text.person_forms finds the names FRUS style marks as a person's (a
title before it, initials, a Chinese name). For each, in this order:

1. A name the archive's index knows, or that contains a name it knows
   ("Mr. Hull", "Consul Pernambuco"), is left to the index and to the
   whole-name rules (archive.linking.wholenames): they already decide it.
2. A titled surname is linked to a one-word suggested person only when the
   same title is printed with it ("President Vargas", "President Getúlio
   Vargas"): such a person is known by its titled forms alone (see
   :func:`titled_only`), never by the bare surname, because FRUS gives one
   surname to many people and a title is all that tells them apart.
3. A fuller name is linked to the one person of that surname whose forenames
   agree ("H. B. Walker" and "Harold B. Walker"); several agreeing leave it
   to an editor. A bare titled surname that some record already bears is
   left to the whole-name rules, which never choose between two bearers.
4. Otherwise a new person is suggested (needs review, history by the run's
   user): the parsed full name, or for a titled surname a one-word person
   whose alias is the titled form, with a description naming the document
   and the printed form.

Everything is looked up in the run's registry (no query per name), and a
suggestion is found again by its name or alias on the next run, so an
unchanged or repeated import creates nothing; an editor's merge keeps the
absorbed names as aliases of the kept record, and a rename keeps the titled
alias or agreeing forenames, so neither makes the importer suggest it again.
"""

from __future__ import annotations

from ..models import Person
from ..text.person_forms import PrintedPerson, find_printed_people
from ..text.personal_names import split_title
from .names import PERSON, Found
from .queue_words import common_word
from .registry import EntityRegistry


def titled_only(person: Person) -> bool:
    """A one-word suggestion not yet reviewed, known only by its titled forms.

    ("Vargas" with the alias "President Vargas"). Once an editor reviews it,
    gives it forenames or another alias, it is an ordinary record.
    """
    aliases = person.aliases or []
    if not person.needs_review or person.forenames or not aliases:
        return False
    for alias in aliases:
        title, rest = split_title(alias)
        if not title or rest != person.name:
            return False
    return True


def titled_form(item: PrintedPerson) -> str:
    """The title and surname as printed together: "President Vargas"."""
    return f"{item.name.title} {item.name.surname}"


def suggest_people(
    registry: EntityRegistry,
    reading: str,
    where: str,
    printed: list[PrintedPerson] | None = None,
) -> list[Found]:
    """The people ``reading`` names unmistakably, one :class:`Found` each (new ones made).

    ``printed``: those printings, when they were read already (in the parsing
    process, archive.linking.runs.printed_people).
    """
    printed = list(printed) if printed is not None else find_printed_people(reading, common_word)
    # Fuller names first: "Dr. Wang Shih-chieh" is known before "Dr. Wang" is read.
    printed.sort(key=lambda item: (item.one_word, item.start))
    hits: dict[int, Found] = {}
    for item in printed:
        pk = _person_for(registry, item, where)
        if pk is None:
            continue
        hit = hits.setdefault(pk, Found(PERSON, pk, item.printed))
        hit.occurrences += 1
        hit.spans.append((item.start, item.end))
        if item.printed not in hit.surfaces:
            hit.surfaces.append(item.printed)
    return list(hits.values())


def merge_found(found: list[Found], suggested: list[Found]) -> list[Found]:
    """The index's finds with the printings only this module read (no span counted twice)."""
    taken = [span for item in found for span in item.spans]
    by_person = {item.entity_id: item for item in found if item.kind == PERSON}
    merged = list(found)
    for hit in suggested:
        spans = [
            (start, end)
            for start, end in hit.spans
            if not any(start < t_end and t_start < end for t_start, t_end in taken)
        ]
        if not spans:
            continue
        item = by_person.get(hit.entity_id)
        if item is None:
            item = Found(PERSON, hit.entity_id, hit.surface)
            merged.append(item)
            by_person[hit.entity_id] = item
        item.occurrences += len(spans)
        item.spans.extend(spans)
        item.surfaces.extend(s for s in hit.surfaces if s not in item.surfaces)
    return merged


def _person_for(registry: EntityRegistry, item: PrintedPerson, where: str) -> int | None:
    name = item.name
    index = registry.index
    owners = index.lookup(name.full)
    if owners:
        people = {pk for kind, pk in owners if kind == PERSON}
        return people.pop() if len(people) == 1 and len(owners) == 1 else None
    if index.names_in(name.full):
        return None  # rule 1: a known name inside it; the index and whole names decide
    if name.title:
        owners = {pk for kind, pk in index.lookup(titled_form(item)) if kind == PERSON}
        owners = {pk for pk in owners if titled_only(registry.people[pk])}
        if len(owners) == 1:
            return owners.pop()  # rule 2: the same title and surname
        if owners:
            return None
    bearers = registry.with_surname(name.surname)
    if item.one_word:
        if bearers:
            return None  # rule 3: the whole-name rules decide a bare surname
        return _suggest(registry, item, where).pk
    agreeing = {pk for pk in bearers if _forenames_agree(registry.people[pk], name.forenames)}
    if len(agreeing) == 1:
        return agreeing.pop()
    if agreeing:
        return None
    return _suggest(registry, item, where).pk


def _forenames_agree(person: Person, forenames: str) -> bool:
    """ "Harry C." agrees with "Harry C." and "H. C."; an empty forename agrees with none.

    A one-word record is never merged with a fuller name by forenames alone:
    nothing in it says which of the people of that surname it is.
    """
    theirs = (person.forenames or "").split()
    ours = forenames.split()
    if not theirs or not ours:
        return False
    for a, b in zip(theirs, ours, strict=False):
        a, b = a.rstrip("."), b.rstrip(".")
        if a != b and not (min(len(a), len(b)) == 1 and a[0] == b[0]):
            return False
    return True


def _suggest(registry: EntityRegistry, item: PrintedPerson, where: str) -> Person:
    name = item.name
    reason = {
        "title": "a name after a title",
        "initials": "a name printed with initials",
        "chinese": "a Chinese name",
    }[item.rule]
    person = Person(
        name=name.full,
        surname=name.surname,
        forenames=name.forenames,
        aliases=[titled_form(item)] if item.one_word else [],
        description=(f"Suggested by the importer from “{item.printed}” ({reason}) in {where}.")[
            :2000
        ],
        needs_review=True,
    )
    registry.adopt(person)
    return person
