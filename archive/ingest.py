"""Saving parsed documents: the database side of ``import_seeds``.

Each document is written in its own transaction, so a failure leaves no
row of it behind and the run goes on. A document keeps its identity across
runs (see :attr:`ParsedDocument.identity`), a re-import of unchanged text
touches nothing, and fields an editor protected are never overwritten.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from . import tallies, threads, unmatched
from .bulkload import insert_rows, insert_with_history
from .history import script_user
from .importing import ParsedDocument, ParseError, decode_source, parse_document
from .linking import PERSON, PLACE, Found, NameIndex, reading_text, unmatched_names
from .models import (
    AnchorStatus,
    Annotation,
    Footnote,
    MentionStatus,
    OfficeHolding,
    Person,
    PersonMention,
    Place,
    PlaceMention,
    Telegram,
    TelegramReference,
)
from .reanchoring import reanchor
from .search import compute_search_vectors, index_new, update_search_vectors

# Telegram fields the importer owns, unless an editor has protected them.
IMPORTED_FIELDS = (
    "source_note",
    "file_number",
    "kind",
    "heading",
    "sender",
    "recipient",
    "sender_role",
    "recipient_role",
    "origin",
    "serial_number",
    "dateline",
    "date_text",
    "date_earliest",
    "date_latest",
    "received_text",
    "body",
    "signature",
)
PROVENANCE = ("source_file", "source_sha256", "source_text")

# Offices of the Department itself: their telegrams leave from Washington.
DEPARTMENT_ROLE = re.compile(
    r"Secretary of State|Division of|Department of State|Adviser on|Legal Adviser"
)
POST = re.compile(r"\b(?:in|at)\s+(?:the\s+)?(?P<post>[A-Z][\w’'. -]+?)$")


@dataclass
class Outcome:
    """What happened to one document, for the summary line and ``--report``."""

    source: str
    outcome: str  # created, updated, unchanged, failed
    identifier: str = ""
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    kept_fields: list[str] = field(default_factory=list)
    changed_fields: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "source": self.source,
            "identifier": self.identifier,
            "outcome": self.outcome,
            "changed_fields": self.changed_fields,
            "kept_fields": self.kept_fields,
            "warnings": self.warnings,
            "errors": self.errors,
        }


@dataclass
class Source:
    """One document's bytes and where they came from."""

    name: str
    data: bytes


def iter_sources(paths: Iterable[str], stdin=None) -> Iterator[Source]:
    """Files in name order, read one at a time so a large run never holds them all."""
    for raw in paths:
        if raw == "-":
            data = stdin.read() if stdin is not None else b""
            yield Source("<stdin>", data.encode() if isinstance(data, str) else data)
            continue
        path = Path(raw)
        files = sorted(p for p in path.rglob("*.txt") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            yield Source(str(file), file.read_bytes())


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
        for person in Person.objects.only("id", "name", "surname", "aliases"):
            self._add_person(person)
        self.offices: dict[str, list] = {}
        for holding in OfficeHolding.objects.only("person_id", "office", "start", "end"):
            self.offices.setdefault(_office_key(holding.office), []).append(holding)
        places = list(Place.objects.only("id", "name", "aliases", "parent_id"))
        for place in places:
            self._add_place(place)
        self.mark()

    def mark(self) -> None:
        """Start counting the records added from now on (see :meth:`names_new_in`)."""
        self._added: dict[tuple[str, int], list[str]] = {}
        self._added_pattern: re.Pattern[str] | None = None

    def names_new_in(self, text: str) -> bool:
        """Whether any name added since :meth:`mark` occurs in ``text``, even inside a word.

        Parsing processes find names with the index as it was at the mark.
        Their answer for a text is exactly the whole index's answer unless a
        newer name occurs in the text as the linker reads it (see
        :func:`~archive.linking.reading_text`); only then is it worked out
        again here.
        """
        if not self._added:
            return False
        text = reading_text(text)[0]
        if self._added_pattern is None:
            names = {name for names in self._added.values() for name in names}
            self._added_pattern = re.compile(
                "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
            )
        return self._added_pattern.search(text) is not None

    def _added_now(self, kind: str, pk: int, names: list[str]) -> None:
        if hasattr(self, "_added"):
            self._added[(kind, pk)] = [" ".join(n.split()) for n in names if n.strip()]
            self._added_pattern = None

    def _add_person(self, person: Person) -> None:
        self._added_now(PERSON, person.pk, person.all_names)
        self.people[person.pk] = person
        self.index.add(PERSON, person.pk, person.all_names)
        if person.surname:
            self._surnames.setdefault(person.surname, set()).add(person.pk)

    def _add_place(self, place: Place) -> None:
        self._added_now(PLACE, place.pk, place.all_names)
        self.places[place.pk] = place
        self.index.add(PLACE, place.pk, place.all_names)
        if place.parent_id:
            self.index.add_within(place.pk, place.parent_id)

    def begin(self) -> None:
        self._pending = []

    def rollback(self) -> None:
        for kind, pk in self._pending:
            self.index.remove(kind, pk)
            if self._added.pop((kind, pk), None) is not None:
                self._added_pattern = None
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

    def holders(self, role: str, when=None, surname: str = "") -> set[int]:
        """People who held the office printed in a heading (on that day, if given)."""
        found = set()
        for holding in self.offices.get(_office_key(role), []):
            if when is not None and (
                (holding.start and when < holding.start) or (holding.end and when > holding.end)
            ):
                continue
            person = self.people.get(holding.person_id)
            if person is None or (surname and person.surname != surname):
                continue
            found.add(holding.person_id)
        return found

    def person(
        self, name: str, description: str, role: str = "", when=None
    ) -> tuple[Person | None, str]:
        """Find the person a heading or signature names, or make a stub for review.

        When the name fits several people, the office printed beside it
        (with the document's date, if any) may settle it: a surname and a
        role decide together; a role alone decides nothing.
        """
        found, problem = self.find_person(name)
        if problem and role:
            holders = self.holders(role, when, surname=clean_name(name).split()[-1])
            if len(holders) == 1:
                return self.people[holders.pop()], ""
        if found or problem:
            return found, problem
        name = clean_name(name)
        stub = Person(
            name=name,
            surname=name.split()[-1] if re.match(r"^(?:[A-Z]\.\s*)+", name) else name,
            description=description,
            needs_review=True,
        )
        stub._history_user = self.user
        stub.save()
        self._add_person(stub)
        self._pending.append((PERSON, stub.pk))
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


def known_country_codes() -> set[str] | None:
    """The country codes editors keep in the admin; the confirmed list when there are none."""
    from .models import CountryCode

    codes = set(CountryCode.objects.values_list("code", flat=True))
    return codes or None


def parse_source(source: Source) -> tuple[ParsedDocument | None, Outcome | None]:
    """Decode and parse one source; a failure comes back as an Outcome."""
    try:
        text = decode_source(source.data, source.name)
        parsed = parse_document(text, source.name)
    except ParseError as error:
        return None, Outcome(source.name, "failed", errors=[error.describe()])
    parsed.identity  # noqa: B018 (computed here, in the parsing process when there is one)
    return parsed, None


@dataclass
class Prelinked:
    """Names a parsing process found in one document with the index of the run's start."""

    found: list[Found]  # in the body and footnotes (see suggest_mentions)
    unmatched: dict  # in the body (see archive.unmatched)


# Set in each parsing process when the pool starts: (index, ignored names,
# texts already in the archive).
_WORKER_NAMES: tuple[NameIndex, set[str], frozenset[int]] | None = None


def _start_worker(index: NameIndex, ignored: set[str], known: frozenset[int]) -> None:
    global _WORKER_NAMES
    _WORKER_NAMES = (index, ignored, known)


def _text_key(sha256: str) -> int:
    """A short key for a source text: the first 60 bits of its hash."""
    return int(sha256[:15], 16)


def mention_text(body: str, footnote_texts: list[str]) -> str:
    """The text mentions are found in: the body, then the footnotes."""
    return "\n\n".join([body, *footnote_texts])


Prepared = tuple[ParsedDocument | None, Outcome | None, Prelinked | None]


def prepare_source(source: Source) -> Prepared:
    """Parse one source and, in a parsing process, find the names it uses."""
    parsed, failure = parse_source(source)
    if parsed is None or _WORKER_NAMES is None:
        return parsed, failure, None
    index, ignored, known = _WORKER_NAMES
    if _text_key(parsed.sha256) in known:
        # Most likely unchanged since the last import (a re-import): nothing
        # will be linked, and if it was changed after all, the importing
        # process finds its names itself.
        return parsed, None, None
    parsed.references  # noqa: B018 (the rest of the text work, done here for new texts)
    text = mention_text(parsed.body, [note.text for note in parsed.footnotes])
    return parsed, None, Prelinked(index.find(text), unmatched_names(parsed.body, index, ignored))


def _office_key(role: str) -> str:
    return " ".join((role or "").split()).lower()


def clean_name(name: str) -> str:
    """``J[oseph] C. G[rew]`` → ``Joseph C. Grew``: editorial expansions read as printed."""
    return " ".join(name.replace("[", "").replace("]", "").split()).strip(" ,")


def _initials_agree(printed: str, full: str) -> bool:
    printed_first = printed.split()[0].rstrip(".")
    return full.split()[0].rstrip(".").startswith(printed_first[:1])


class Importer:
    """Imports documents; shared state lives here for the whole run.

    Documents are parsed and then written in batches: one query finds which
    of a batch already exist, new documents and all their footnotes,
    annotations and mentions go in with a handful of bulk inserts, and the
    search index is refreshed once per batch. If anything in a batch fails
    to save, the batch is rolled back and its documents are saved again one
    by one, each in its own transaction, so the failure stays with the
    document that caused it.
    """

    BATCH = 250
    WINDOW = 500
    NAMES_EVERY = 5000

    def __init__(self, *, dry_run: bool = False, jobs: int = 1) -> None:
        self.dry_run = dry_run
        self.jobs = jobs
        self.user = script_user()
        self.registry = EntityRegistry(self.user)
        self.known_codes = known_country_codes()
        self.serials: set[str] = set()  # serial numbers seen this run, for reply threads
        self.seen: dict[str, str] = {}  # identifier -> source, within this run
        # Unmatched names counted since they were last written (see _tally_names).
        self.ignored_names = unmatched.ignored_names()
        self.names: dict[str, dict] = {}
        self.names_documents = 0
        self._pending_names: dict[str, dict] = {}
        self.prelinked: dict[str, Prelinked] = {}  # by identity, until its batch is saved

    def import_sources(self, sources: Iterable[Source]) -> Iterator[Outcome]:
        """Outcomes in the order of the sources."""
        batch: list[tuple[Source, ParsedDocument] | Outcome] = []
        for source, parsed, error, prelinked in self._parsed(sources):
            failure = error or self._claim(source, parsed)
            batch.append(failure if failure is not None else (source, parsed))
            if failure is None and prelinked is not None:
                self.prelinked[parsed.identity] = prelinked
            if len(batch) >= self.BATCH:
                yield from self._flush(batch)
                batch = []
        if batch:
            yield from self._flush(batch)
        self._write_names()

    def _tally_names(self, names: dict[str, dict], documents: int) -> None:
        """Add a committed batch's unmatched names; write them every few thousand documents.

        Writing the list once per batch of 250 cost more than counting the
        names (an UPDATE of every name seen, each time); a crash loses at
        most the counts since the last write, which ``link_mentions``
        counts again.
        """
        unmatched.merge(self.names, names)
        self.names_documents += documents
        if self.names_documents >= self.NAMES_EVERY:
            self._write_names()

    def _write_names(self) -> None:
        if self.names:
            unmatched.add(self.names)
        self.names, self.names_documents = {}, 0

    def _parsed(self, sources: Iterable[Source]):
        """Parse in worker processes when there are cores to spare.

        Parsing is pure Python and knows nothing of the database, so it runs
        beside the writing; sources go to the pool a window at a time, so a
        large run never holds every file in memory.
        """
        if self.jobs <= 1:
            for source in sources:
                yield (source, *parse_source(source), None)
            return
        iterator = iter(sources)
        self.registry.mark()
        known = frozenset(
            _text_key(sha)
            for sha in Telegram.objects.values_list("source_sha256", flat=True).iterator(2000)
            if sha
        )
        start = (self.registry.index, self.ignored_names, known)
        with ProcessPoolExecutor(self.jobs, initializer=_start_worker, initargs=start) as pool:
            # Two windows in flight: the workers parse the next while this
            # process saves the current one, and never wait for it to ask.
            flight: deque = deque()
            while True:
                window = list(islice(iterator, self.WINDOW))
                if window:
                    flight.append((window, pool.map(prepare_source, window, chunksize=25)))
                if flight and (len(flight) > 1 or not window):
                    done, results = flight.popleft()
                    for source, result in zip(done, results, strict=True):
                        yield (source, *result)
                if not flight:
                    return

    def _claim(self, source: Source, parsed: ParsedDocument) -> Outcome | None:
        """Refuse a second document with the identity of one already in this run."""
        identifier = parsed.identity
        earlier = self.seen.get(identifier)
        if earlier is not None:
            return Outcome(
                source.name,
                "failed",
                identifier=identifier,
                errors=[
                    f"{source.name}, line 1: this document has the same identity as {earlier} "
                    "(same file number, heading, serial number, dateline, received line and "
                    "signature); import one of them, or correct the one that is wrong"
                ],
            )
        self.seen[identifier] = source.name
        return None

    def _flush(self, batch) -> list[Outcome]:
        documents = [item for item in batch if not isinstance(item, Outcome)]
        saved = iter(self._save_batch(documents) if documents else [])
        for _, parsed in documents:
            self.prelinked.pop(parsed.identity, None)
        return [item if isinstance(item, Outcome) else next(saved) for item in batch]

    def import_source(self, source: Source) -> Outcome:
        return next(self.import_sources([source]))

    def _save_batch(self, batch: list[tuple[Source, ParsedDocument]]) -> list[Outcome]:
        identifiers = [parsed.identity for _, parsed in batch]
        existing = {
            identifier: sha
            for identifier, sha in Telegram.objects.filter(identifier__in=identifiers).values_list(
                "identifier", "source_sha256"
            )
        }
        outcomes: dict[int, Outcome] = {}
        fresh, changed = [], []
        for index, (source, parsed) in enumerate(batch):
            sha = existing.get(parsed.identity)
            if sha == parsed.sha256:
                outcome = Outcome(source.name, "unchanged", identifier=parsed.identity)
                outcome.warnings.extend(parsed.warnings)
                outcomes[index] = outcome
            elif sha is None:
                fresh.append(index)
            else:
                changed.append(index)
        if fresh:
            self.registry.begin()
            try:
                with transaction.atomic():
                    created = self._create_many([batch[i] for i in fresh])
                outcomes.update(zip(fresh, created, strict=True))
                self._tally_names(self._pending_names, len(fresh))
            except Exception:
                self.registry.rollback()
                changed = sorted(changed + fresh)
        for index in changed:
            outcomes[index] = self._save_one(*batch[index])
        return [outcomes[i] for i in range(len(batch))]

    def _save_one(self, source: Source, parsed: ParsedDocument) -> Outcome:
        self.registry.begin()
        try:
            with transaction.atomic():
                outcome = self._save(parsed, source.name)
        except Exception as error:  # one document's failure must not stop the run
            self.registry.rollback()
            self.seen.pop(parsed.identity, None)
            return Outcome(
                source.name,
                "failed",
                identifier=parsed.identity,
                errors=[f"{source.name}: could not be saved: {error}"],
            )
        return outcome

    def _create_many(self, items: list[tuple[Source, ParsedDocument]]) -> list[Outcome]:
        """New documents with all their parts, in bulk (one transaction, set by the caller)."""
        now = timezone.now()
        outcomes, telegrams, suggested, texts = [], [], [], []
        for source, parsed in items:
            outcome = Outcome(source.name, "created", identifier=parsed.identity)
            outcome.warnings.extend(parsed.warnings)
            telegram = Telegram(
                identifier=parsed.identity,
                imported_at=now,
                source_file=source.name,
                **self._values(parsed, outcome),
            )
            telegram.read_file_number(self.known_codes)
            telegram.full_clean(
                exclude=["sender", "recipient", "origin"],
                validate_unique=False,
                validate_constraints=False,
            )
            wanted_people, wanted_places = self._mentions(telegram, parsed, outcome)
            names = [telegram.heading]
            for (pk, _), values in wanted_people.items():
                names += [self.registry.people[pk].name, values["surface"]]
            for (pk, _), values in wanted_places.items():
                names += [self.registry.places[pk].name, values["surface"]]
            notes_text = " ".join(note.text for note in parsed.footnotes)
            texts.append((" ".join(names), telegram.body, notes_text))
            outcomes.append(outcome)
            telegrams.append(telegram)
            suggested.append((wanted_people, wanted_places))
        for telegram, vector in zip(telegrams, compute_search_vectors(texts), strict=True):
            telegram.search_vector = vector
        self._bulk(telegrams, Telegram)
        if any(t.pk is None for t in telegrams):  # databases that return no ids
            ids = dict(
                Telegram.objects.filter(
                    identifier__in=[t.identifier for t in telegrams]
                ).values_list("identifier", "pk")
            )
            for telegram in telegrams:
                telegram.pk = ids[telegram.identifier]
        footnotes, annotations, people, places, references = [], [], [], [], []
        for telegram, (_, parsed), (wanted_people, wanted_places) in zip(
            telegrams, items, suggested, strict=True
        ):
            notes, marks = self._parts(parsed, {})
            footnotes += [{**row, "telegram_id": telegram.pk} for row in notes]
            annotations += [{**row, "telegram_id": telegram.pk} for row in marks]
            people += [
                {"telegram_id": telegram.pk, "person_id": pk, "role": role, **values}
                for (pk, role), values in wanted_people.items()
            ]
            places += [
                {"telegram_id": telegram.pk, "place_id": pk, "role": role, **values}
                for (pk, role), values in wanted_places.items()
            ]
            references += [
                {**row, "source_id": telegram.pk}
                for row in threads.reference_rows(parsed.references)
            ]
        for rows, model in (
            (footnotes, Footnote),
            (annotations, Annotation),
            (people, PersonMention),
            (places, PlaceMention),
            (references, TelegramReference),
        ):
            insert_rows(rows, model, user=self.user, reason="import")
        index_new([(t.pk, *text) for t, text in zip(telegrams, texts, strict=True)])
        self._pending_names = {}
        for telegram, (_, parsed) in zip(telegrams, items, strict=True):
            prelinked = self.prelinked.get(parsed.identity)
            if prelinked is None or self.registry.names_new_in(telegram.body):
                names = unmatched_names(telegram.body, self.registry.index, self.ignored_names)
            else:
                names = prelinked.unmatched
            unmatched.count(self._pending_names, telegram.identifier, names)
        self.serials |= {t.serial_number for t in telegrams if t.serial_number}
        self.serials |= {ref["serial"] for ref in references if ref["serial"]}
        return outcomes

    def _bulk(self, objects: list, model) -> None:
        """Insert and record history in one go, attributed to the import script."""
        insert_with_history(objects, model, user=self.user, reason="import")

    def _save(self, parsed: ParsedDocument, source_name: str) -> Outcome:
        """One document, created or updated; the careful path for changes and failures."""
        identifier = parsed.identity
        outcome = Outcome(source_name, "created", identifier=identifier)
        outcome.warnings.extend(parsed.warnings)
        existing = Telegram.objects.filter(identifier=identifier).first()
        if existing is not None and existing.source_sha256 == parsed.sha256:
            outcome.outcome = "unchanged"
            return outcome

        values = self._values(parsed, outcome)
        protected: set[str] = set()
        if existing is None:
            telegram = Telegram(identifier=identifier, imported_at=timezone.now(), **values)
        else:
            telegram = existing
            protected = set(telegram.protected_fields or [])
            for name in PROVENANCE:
                setattr(telegram, name, values.pop(name, getattr(telegram, name)))
            for name, value in values.items():
                current = getattr(telegram, name)
                if current == value:
                    continue
                if name in protected:
                    outcome.kept_fields.append(name)
                    continue
                setattr(telegram, name, value)
                outcome.changed_fields.append(name)
            telegram.imported_at = timezone.now()
            telegram.version += 1
            outcome.outcome = "updated"
        telegram.source_file = source_name
        telegram.read_file_number(self.known_codes)
        telegram._history_user = self.user
        telegram._change_reason = "import"
        telegram.full_clean(
            exclude=["sender", "recipient", "origin"],
            validate_unique=False,
            validate_constraints=False,
        )
        telegram.save()
        if "body" not in protected:
            self._replace_parts(telegram, parsed, outcome)
            if existing is not None and "body" in outcome.changed_fields:
                # Editors' annotations and kept footnotes are found again in
                # the corrected body, or flagged; never moved by guesswork.
                flagged = reanchor(telegram, self.user)
                if flagged:
                    outcome.warnings.append(
                        f"{flagged} annotation(s) or footnote(s) of editors could not be "
                        "found again in the corrected body and are flagged for review"
                    )
        threads.refresh(telegram, self.user)
        self.serials.add(telegram.serial_number)
        self.serials |= set(telegram.references.values_list("serial", flat=True))
        wanted_people, wanted_places = self._mentions(telegram, parsed, outcome)
        _sync_mentions(telegram, PersonMention, "person_id", wanted_people, self.user)
        _sync_mentions(telegram, PlaceMention, "place_id", wanted_places, self.user)
        update_search_vectors([telegram.pk])
        return outcome

    def _replace_parts(self, telegram: Telegram, parsed: ParsedDocument, outcome: Outcome):
        """Replace the importer's footnotes and marks with the new source's, keeping editors' work.

        - An editor's own annotations (with an author) and importer marks an
          editor corrected (``protected_fields``) are never touched.
        - A footnote an editor corrected keeps the corrected fields on the
          footnote of the same number in the new source (the report names
          them in ``kept_fields``); one the new source no longer has stays
          as it is, flagged for review, rather than vanish.
        - An editor's link from a footnote to a person or place is kept.
        """
        old_notes = list(telegram.footnotes.all())
        kept_links = {f.order: (f.person_id, f.place_id) for f in old_notes}
        corrected = {f.order: f for f in old_notes if f.protected_fields}
        notes, marks = self._parts(parsed, kept_links)
        new_orders = {row["order"] for row in notes}
        for row in notes:
            old = corrected.get(row["order"])
            if old is None:
                continue
            row["protected_fields"] = list(old.protected_fields)
            for name in old.protected_fields:
                attname = Footnote._meta.get_field(name).attname
                if row.get(attname) != getattr(old, attname):
                    outcome.kept_fields.append(f"footnote {old.marker}: {name}")
                row[attname] = getattr(old, attname)
        orphans = [f for f in old_notes if f.protected_fields and f.order not in new_orders]
        for note in orphans:
            note.anchor_status = AnchorStatus.NEEDS_REVIEW
            note.version += 1
            note._history_user = self.user
            note._change_reason = "kept: corrected by an editor, gone from the new source"
            note.save()
            outcome.warnings.append(
                f"footnote {note.marker} was corrected by an editor and is not in the new "
                "source: kept and flagged for review"
            )
        replaced = [f for f in old_notes if f not in orphans]
        importer_marks = list(telegram.annotations.filter(author=None))
        stale_marks = [a for a in importer_marks if not a.protected_fields]
        kept_marks = {(a.kind, a.quote) for a in importer_marks if a.protected_fields}
        marks = [m for m in marks if (m["kind"], m["quote"]) not in kept_marks]
        for old in [*replaced, *stale_marks]:
            old._history_user = self.user
            old.delete()
        self._bulk([Footnote(telegram=telegram, **row) for row in notes], Footnote)
        self._bulk([Annotation(telegram=telegram, **row) for row in marks], Annotation)

    def _values(self, parsed: ParsedDocument, outcome: Outcome) -> dict:
        registry = self.registry
        sender, problem = (
            registry.person(
                parsed.sender_name,
                f"{parsed.sender_role} (from a heading).",
                parsed.sender_role,
                parsed.date_earliest,
            )
            if parsed.sender_name
            else (None, "")
        )
        _note(outcome, problem)
        recipient, problem = (
            registry.person(
                parsed.recipient_name,
                f"{parsed.recipient_role} (from a heading).",
                parsed.recipient_role,
                parsed.date_earliest,
            )
            if parsed.recipient_name
            else (None, "")
        )
        _note(outcome, problem)
        origin_name = parsed.dateline_place or post_of(parsed.sender_role)
        origin, problem = registry.place(origin_name) if origin_name else (None, "")
        _note(outcome, problem)
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

    def _parts(self, parsed: ParsedDocument, kept_links: dict) -> tuple[list[dict], list[dict]]:
        """Field values of a document's footnotes and the importer's annotations."""
        footnotes = []
        for note in parsed.footnotes:
            person_id, place_id = kept_links.get(note.order, (None, None))
            if person_id is None and place_id is None:
                person_id, place_id = self._identify(note.anchor_text, note.text)
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

    def _identify(self, anchor: str, text: str) -> tuple[int | None, int | None]:
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

    def _mentions(
        self, telegram: Telegram, parsed: ParsedDocument, outcome: Outcome
    ) -> tuple[dict, dict]:
        footnote_texts = [note.text for note in parsed.footnotes]
        prelinked = self.prelinked.get(parsed.identity)
        found = None
        if prelinked is not None and not self.registry.names_new_in(
            mention_text(telegram.body, footnote_texts)
        ):
            found = prelinked.found
        return suggest_mentions(
            self.registry,
            telegram,
            sender_name=parsed.sender_name,
            recipient_name=parsed.recipient_name,
            footnote_texts=footnote_texts,
            outcome=outcome,
            found=found,
        )


def suggest_mentions(
    registry: EntityRegistry,
    telegram: Telegram,
    *,
    sender_name: str,
    recipient_name: str,
    footnote_texts: list[str],
    outcome: Outcome,
    found: list[Found] | None = None,
) -> tuple[dict, dict]:
    """The mentions the machine suggests for a document, keyed by (entity id, role).

    Shared by the importer and by re-linking (after editors add aliases or
    merge records), so both always suggest the same things.
    """
    people: dict[tuple[int, str], dict] = {}
    places: dict[tuple[int, str], dict] = {}
    if telegram.sender_id:
        people[(telegram.sender_id, "sender")] = {"surface": sender_name}
    if telegram.recipient_id:
        people[(telegram.recipient_id, "recipient")] = {"surface": recipient_name}
    # A heading that names only an office, in a dated document: the holder of
    # that office on that day is suggested (never set as the sender itself).
    for role_name, printed, side in (
        ("sender", sender_name, telegram.sender_role),
        ("recipient", recipient_name, telegram.recipient_role),
    ):
        if printed or not side or telegram.date_earliest is None:
            continue
        if getattr(telegram, f"{role_name}_id"):
            continue
        holders = registry.holders(side, telegram.date_earliest)
        if len(holders) == 1:
            people[(holders.pop(), role_name)] = {
                "surface": side,
                "notes": "Suggested from the office printed in the heading and the date.",
            }
    if telegram.signature:
        signer = (
            telegram.sender
            if telegram.sender_id and clean_name(telegram.signature) == sender_name
            else None
        )
        if signer is None:
            signer, problem = registry.person(
                telegram.signature, "Signed a document (from a signature)."
            )
            _note(outcome, problem)
        if signer is not None:
            people[(signer.pk, "signatory")] = {"surface": telegram.signature}
    if telegram.origin_id:
        places[(telegram.origin_id, "origin")] = {"surface": telegram.origin.name}
    destination = post_of(telegram.recipient_role)
    if destination and not DEPARTMENT_ROLE.search(telegram.recipient_role):
        place, problem = registry.place(destination)
        _note(outcome, problem)
        if place is not None:
            places[(place.pk, "destination")] = {"surface": destination}
    if found is None:
        found = registry.index.find(mention_text(telegram.body, footnote_texts))
    for item in found:
        target = people if item.kind == PERSON else places
        target[(item.entity_id, "mentioned")] = {
            "surface": item.surface,
            "occurrences": item.occurrences,
            "uncertain": item.uncertain,
        }
    return people, places


def relink(telegrams, user) -> int:
    """Suggest mentions again for these documents; confirmed and rejected ones stay.

    Returns the number of documents whose suggestions changed.
    """
    from .importing.heading import parse_heading

    registry = EntityRegistry(user)
    changed = 0
    ids = []
    queryset = telegrams.select_related("sender", "recipient", "origin").prefetch_related(
        "footnotes"
    )
    for telegram in queryset.iterator(chunk_size=500):
        heading = parse_heading(telegram.heading)
        outcome = Outcome(telegram.source_file, "unchanged", identifier=telegram.identifier)
        with transaction.atomic():
            people, places = suggest_mentions(
                registry,
                telegram,
                sender_name=heading.sender.name,
                recipient_name=heading.recipient.name,
                footnote_texts=[note.text for note in telegram.footnotes.all()],
                outcome=outcome,
            )
            a = _sync_mentions(telegram, PersonMention, "person_id", people, user)
            b = _sync_mentions(telegram, PlaceMention, "place_id", places, user)
        if a or b:
            changed += 1
            ids.append(telegram.pk)
    update_search_vectors(ids)
    tallies.refresh_for_telegrams(ids)
    return changed


def _sync_mentions(telegram: Telegram, model, key: str, wanted: dict, user) -> bool:
    """Make the machine's suggestions match ``wanted``; editors' decisions stay as they are.

    Returns whether anything changed.
    """
    existing = {(getattr(m, key), m.role): m for m in model.objects.filter(telegram=telegram)}
    create, update = [], []
    for (entity_id, role), values in wanted.items():
        mention = existing.pop((entity_id, role), None)
        if mention is None:
            create.append(model(telegram=telegram, role=role, **{key: entity_id}, **values))
        elif mention.status == MentionStatus.SUGGESTED:
            changed = False
            for name, value in values.items():
                if getattr(mention, name) != value:
                    setattr(mention, name, value)
                    changed = True
            if changed:
                update.append(mention)
    bulk_create_with_history(create, model, default_user=user, default_change_reason="link")
    if update:
        for mention in update:
            mention.version += 1
        bulk_update_with_history(
            update,
            model,
            ["surface", "occurrences", "uncertain", "version"],
            default_user=user,
            default_change_reason="link",
        )
    stale = [m for m in existing.values() if m.status == MentionStatus.SUGGESTED]
    for mention in stale:
        mention._history_user = user
        mention.delete()
    return bool(create or update or stale)


def post_of(role: str) -> str:
    """The post a role names: ``Chargé in the Soviet Union`` → ``Soviet Union``.

    A Department office (``Secretary of State``) is in Washington.
    """
    if not role:
        return ""
    if DEPARTMENT_ROLE.search(role) and not re.search(r"\b(?:in|at)\s+[A-Z]", role):
        return "Washington"
    match = POST.search(role)
    return match["post"].strip() if match else ""


def _note(outcome: Outcome, problem: str) -> None:
    if problem:
        outcome.warnings.append(problem)
