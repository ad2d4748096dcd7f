"""From a parsed document to the values of its rows: the people, places and links it names.

The resolver reads the registry (archive.linking) to turn printed names
into records, and says in the outcome what it had to make up (a stub
person, a new place) for editors to review. It writes no row itself: the
save step does.
"""

from __future__ import annotations

from ..linking.footnotes import FootnotePerson
from ..linking.footnotes import identify as identify_footnotes
from ..linking.names import PERSON, PLACE
from ..linking.offices import heading_person
from ..linking.registry import EntityRegistry
from ..linking.runs import read_identifications
from ..linking.suggestions import post_of, suggest_mentions
from ..models import Telegram
from ..text import ParsedDocument
from .report import Outcome, note_problem


def body_reading(telegram: Telegram, parsed: ParsedDocument):
    """What the parsing process read of the body, if the body saved is the one it read.

    An editor's protected body is kept instead of the source's, and read
    where it is saved.
    """
    return parsed.body_reading if telegram.body == parsed.body else None


class Resolver:
    """Resolves documents against one run's registry of people and places."""

    def __init__(self, registry: EntityRegistry) -> None:
        self.registry = registry
        self._identified: tuple[ParsedDocument | None, list[FootnotePerson]] = (None, [])

    def footnote_people(self, parsed: ParsedDocument) -> list[FootnotePerson]:
        """The people the document's footnotes identify; read once per document."""
        if self._identified[0] is not parsed:
            where = parsed.source_note or parsed.heading
            read = parsed.identifications  # read in the parsing process, if there was one
            if read is None:
                read = read_identifications(parsed.footnotes, parsed.body)
            self._identified = (
                parsed,
                identify_footnotes(self.registry, read, parsed.date_earliest, where),
            )
        return self._identified[1]

    def values(self, parsed: ParsedDocument, outcome: Outcome) -> dict:
        registry = self.registry
        dates = (parsed.date_earliest, parsed.date_latest)
        sender, problem = heading_person(
            registry, parsed.sender_name, parsed.sender_role, *dates, signature=parsed.signature
        )
        note_problem(outcome, problem)
        recipient, problem = heading_person(
            registry, parsed.recipient_name, parsed.recipient_role, *dates
        )
        note_problem(outcome, problem)
        origin_name = parsed.dateline_place or post_of(parsed.sender_role)
        origin, problem = registry.place(origin_name) if origin_name else (None, "")
        note_problem(outcome, problem)
        return {
            "source_note": parsed.source_note,
            "file_number": parsed.file_number,
            "kind": parsed.kind,
            "heading": parsed.heading,
            "sender": sender,
            "recipient": recipient,
            "sender_role": parsed.sender_role,
            "recipient_role": parsed.recipient_role,
            "origin": origin,
            "serial_number": parsed.serial_number,
            "dateline": parsed.dateline,
            "date_text": parsed.date_text,
            "date_earliest": parsed.date_earliest,
            "date_latest": parsed.date_latest,
            "received_text": parsed.received_text,
            "body": parsed.body,
            "signature": parsed.signature,
            "source_sha256": parsed.sha256,
            "source_text": parsed.source_text,
        }

    def parts(self, parsed: ParsedDocument, kept_links: dict) -> tuple[list[dict], list[dict]]:
        """Field values of a document's footnotes and the importer's annotations."""
        footnotes = []
        identified = {p.order: p.person_id for p in self.footnote_people(parsed)}
        for note in parsed.footnotes:
            person_id, place_id = kept_links.get(note.order, (None, None))
            if person_id is None and place_id is None:
                person_id = identified.get(note.order)
            if person_id is None and place_id is None:
                person_id, place_id = self.identify(note.anchor_text, note.text)
            footnotes.append(
                {
                    "marker": note.marker,
                    "anchor_text": note.anchor_text,
                    "text": note.text,
                    "order": note.order,
                    "location": note.where,
                    "person_id": person_id,
                    "place_id": place_id,
                }
            )
        annotations = [
            {
                "kind": mark.kind,
                "quote": mark.quote,
                "prefix": mark.prefix,
                "suffix": mark.suffix,
                "start": mark.start,
                "end": mark.end,
            }
            for mark in parsed.marks
        ]
        return footnotes, annotations

    def identify(self, anchor: str, text: str) -> tuple[int | None, int | None]:
        """The person or place a footnote identifies, from its anchor word or its text.

        ``Litvinov`` + "Soviet Commissar for Foreign Affairs." identifies
        Litvinov; a footnote that is only a full name identifies that person.
        """
        registry = self.registry
        for candidate in (anchor, text.strip().rstrip(".")):
            owners = registry.index.lookup(candidate)
            people = {pk for kind, pk in owners if kind == PERSON}
            places = {pk for kind, pk in owners if kind == PLACE}
            if len(people) == 1 and not places:
                return people.pop(), None
            if len(places) == 1 and not people:
                return None, places.pop()
        return None, None

    def mentions(
        self, telegram: Telegram, parsed: ParsedDocument, outcome: Outcome
    ) -> tuple[dict, dict]:
        return suggest_mentions(
            self.registry,
            telegram,
            sender_name=parsed.sender_name,
            recipient_name=parsed.recipient_name,
            warnings=outcome.warnings,
            footnote_people={p.person_id: p.surfaces for p in self.footnote_people(parsed)},
            # Read in the parsing process, when the body is the one parsed (an
            # editor's protected body is read here).
            body_reading=body_reading(telegram, parsed),
        )
