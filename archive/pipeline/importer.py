"""The import run: sources parsed (in worker processes for large runs), resolved, saved.

Documents are written in batches: one query finds which of a batch already
exist, new documents and all their footnotes, annotations and mentions go in
with a handful of bulk inserts (``COPY`` on PostgreSQL, see
:mod:`archive.bulkload`), and a batch that fails is saved again
document by document, each in its own transaction, so a failure leaves no
row of its document behind and stays with it. Changed documents take the
careful path (:meth:`Importer._save`): a document keeps its identity across
runs (:attr:`ParsedDocument.identity`), unchanged text is skipped, and fields
an editor protected are never overwritten.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from django.db import transaction
from django.utils import timezone

from ..bulkload import insert_rows, insert_with_history
from ..history import script_user
from ..linking import threads, unmatched
from ..linking.names import unmatched_names
from ..linking.registry import EntityRegistry
from ..linking.suggestions import sync_mentions
from ..models import (
    AnchorStatus,
    Annotation,
    CountryCode,
    Footnote,
    PersonMention,
    PlaceMention,
    Telegram,
    TelegramReference,
)
from ..reanchoring import reanchor
from ..search import compute_search_vectors, index_new, update_search_vectors
from ..text import ParsedDocument
from .report import Outcome, describe_exception, failure
from .resolve import Resolver, body_reading
from .sources import Source, parse_source
from .workers import parse_in_workers

PROVENANCE = ("source_file", "source_sha256", "source_text")


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
    # New documents go in with bulk inserts; off, each takes the careful path
    # one by one (what a failed batch does), which must write the same rows.
    BULK = True
    WINDOW = 500
    NAMES_EVERY = 5000

    def __init__(self, *, jobs: int = 1) -> None:
        self.jobs = jobs
        self.user = script_user()
        self.registry = EntityRegistry(self.user)
        self.resolver = Resolver(self.registry)
        self.known_codes = CountryCode.known_codes()
        self.serials: set[str] = set()  # serial numbers seen this run, for reply threads
        self.days: set[date] = set()  # days of documents and cited days, for the same
        self.seen: dict[str, str] = {}  # identifier -> source, within this run
        # Unmatched names counted since they were last written (see _tally_names).
        self.ignored_names = unmatched.ignored_names()
        self.names: dict[str, dict] = {}
        self.names_documents = 0
        self._pending_names: dict[str, dict] = {}

    def import_sources(self, sources: Iterable[Source]) -> Iterator[Outcome]:
        """Outcomes in the order of the sources."""
        batch: list[tuple[Source, ParsedDocument] | Outcome] = []
        for source, parsed, error in self._parsed(sources):
            batch.append(error if error is not None else (source, parsed))
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
        # A name may have become known since it was counted (a person suggested
        # from a later document's footnote): it is no longer unmatched.
        known = self.registry.with_surname
        names = {n: e for n, e in self.names.items() if not known(n)}
        if names:
            unmatched.add(names)
        self.names, self.names_documents = {}, 0

    def _parsed(self, sources: Iterable[Source]):
        """Parse in worker processes when there are cores to spare.

        The workers parse and read each body for the linker (archive.linking.runs:
        pure text, no record); names are looked up here, with the index as it
        stands when the document is saved; see :mod:`.workers`. A text the
        archive already holds will be found unchanged and never linked, so its
        reading is not made: reading every body cost a re-import of 10,000
        unchanged documents a quarter of its rate, while reading them beside
        the writing made a fresh import 15 % faster (docs/benchmarks.md).
        """
        known = frozenset(
            Telegram.objects.exclude(source_sha256="").values_list("source_sha256", flat=True)
        )
        if self.jobs <= 1:
            for source in sources:
                yield (source, *parse_source(source, known))
            return
        yield from parse_in_workers(sources, self.jobs, self.WINDOW, known)

    def _duplicate(self, source: Source, identifier: str) -> Outcome:
        """A second document with the identity of one already imported in this run."""
        return Outcome(
            source.name,
            "failed",
            identifier=identifier,
            errors=[
                f"{source.name}, line 1: this document has the same identity as "
                f"{self.seen[identifier]} (same file number, heading, serial number, dateline, "
                "received line and signature); import one of them, or correct the one that "
                "is wrong"
            ],
        )

    def _flush(self, batch) -> list[Outcome]:
        """Save a batch; a document whose identity another holds waits for its fate.

        The first document of an identity in the run is saved; a later one
        with the same identity is refused, unless the first failed to save,
        in which case the later one takes its place (a broken copy must not
        keep the good one out of the archive).
        """
        documents, twins = [], []
        for index, item in enumerate(batch):
            if isinstance(item, Outcome):
                continue
            identifier = item[1].identity
            if identifier in self.seen:
                twins.append(index)
            else:
                self.seen[identifier] = item[0].name
                documents.append(index)
        outcomes: list[Outcome | None] = [
            item if isinstance(item, Outcome) else None for item in batch
        ]
        if documents:
            saved = self._save_batch([batch[i] for i in documents])
            for index, outcome in zip(documents, saved, strict=True):
                outcomes[index] = outcome
        for index in twins:
            source, parsed = batch[index]
            if parsed.identity in self.seen:
                outcomes[index] = self._duplicate(source, parsed.identity)
            else:
                self.seen[parsed.identity] = source.name
                outcomes[index] = self._save_one(source, parsed)
        return outcomes

    def _save_batch(self, batch: list[tuple[Source, ParsedDocument]]) -> list[Outcome]:
        identifiers = [parsed.identity for _, parsed in batch]
        rows = Telegram.objects.filter(identifier__in=identifiers).values_list(
            "identifier", "source_sha256", "frus_volume", "frus_document"
        )
        existing = {identifier: sha for identifier, sha, *_ in rows}
        placed = {
            identifier: {"frus_volume": v, "frus_document": d} for identifier, _, v, d in rows
        }
        outcomes: dict[int, Outcome] = {}
        fresh, changed = [], []
        for index, (source, parsed) in enumerate(batch):
            sha = existing.get(parsed.identity)
            if sha == parsed.sha256:
                outcomes[index] = self._unchanged(source, parsed, placed[parsed.identity])
            elif sha is None:
                fresh.append(index)
            else:
                changed.append(index)
        if not self.BULK:
            changed, fresh = sorted(changed + fresh), []
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

    def _unchanged(self, source: Source, parsed: ParsedDocument, placed: dict) -> Outcome:
        """A text already in the archive; only FRUS ids given since then are recorded."""
        outcome = Outcome(source.name, "unchanged", identifier=parsed.identity)
        outcome.warnings.extend(parsed.warnings)
        wanted = _frus_values(source)
        if not wanted or wanted == placed:
            return outcome
        try:
            with transaction.atomic():
                telegram = Telegram.objects.get(identifier=parsed.identity)
                _place_in_frus(telegram, wanted, outcome, self.user)
        except Exception as error:  # one document's failure must not stop the run
            return failure(
                source.name,
                f"{source.name}: could not be saved: {describe_exception(error)}",
                parsed.identity,
            )
        return outcome

    def _save_one(self, source: Source, parsed: ParsedDocument) -> Outcome:
        self.registry.begin()
        self._pending_names = {}
        try:
            with transaction.atomic():
                outcome = self._save(parsed, source.name, _frus_values(source))
        except Exception as error:  # one document's failure must not stop the run
            self.registry.rollback()
            # A later file with this identity may now take its place (see _flush).
            self.seen.pop(parsed.identity, None)
            return failure(
                source.name,
                f"{source.name}: could not be saved: {describe_exception(error)}",
                parsed.identity,
            )
        if outcome.outcome == "created":
            self._tally_names(self._pending_names, 1)
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
                **self.resolver.values(parsed, outcome),
                **_frus_values(source),
            )
            telegram.read_file_number(self.known_codes)
            telegram.full_clean(
                exclude=["sender", "recipient", "origin"],
                validate_unique=False,
                validate_constraints=False,
            )
            wanted_people, wanted_places = self.resolver.mentions(telegram, parsed, outcome)
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
            notes, marks = self.resolver.parts(parsed, {})
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
                for row in threads.reference_rows(parsed.references, telegram.date_latest)
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
            names = unmatched_names(
                telegram.body,
                self.registry.index,
                self.ignored_names,
                known=self.registry.with_surname,
                runs=_name_runs(telegram, parsed),
            )
            unmatched.count(self._pending_names, telegram.identifier, names)
        self.serials |= {t.serial_number for t in telegrams if t.serial_number}
        self.serials |= {ref["serial"] for ref in references if ref["serial"]}
        self.days |= {d for t in telegrams for d in (t.date_earliest, t.date_latest) if d}
        self.days |= {ref["cited_on"] for ref in references if ref["cited_on"]}
        return outcomes

    def _bulk(self, objects: list, model) -> None:
        """Insert and record history in one go, attributed to the import script."""
        insert_with_history(objects, model, user=self.user, reason="import")

    def _save(self, parsed: ParsedDocument, source_name: str, frus_values: dict) -> Outcome:
        """One document, created or updated; the careful path for changes and failures."""
        identifier = parsed.identity
        outcome = Outcome(source_name, "created", identifier=identifier)
        outcome.warnings.extend(parsed.warnings)
        existing = Telegram.objects.filter(identifier=identifier).first()
        if existing is not None and existing.source_sha256 == parsed.sha256:
            outcome.outcome = "unchanged"
            _place_in_frus(existing, frus_values, outcome, self.user)
            return outcome

        values = {**self.resolver.values(parsed, outcome), **frus_values}
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
        self.days |= {d for d in (telegram.date_earliest, telegram.date_latest) if d}
        self.days |= set(
            telegram.references.exclude(cited_on=None).values_list("cited_on", flat=True)
        )
        wanted_people, wanted_places = self.resolver.mentions(telegram, parsed, outcome)
        sync_mentions(telegram, PersonMention, "person_id", wanted_people, self.user)
        sync_mentions(telegram, PlaceMention, "place_id", wanted_places, self.user)
        update_search_vectors([telegram.pk])
        if existing is None:
            # Counted as the bulk path counts them (tallied once committed);
            # a changed document's names were counted when it was new.
            names = unmatched_names(
                telegram.body,
                self.registry.index,
                self.ignored_names,
                runs=_name_runs(telegram, parsed),
            )
            unmatched.count(self._pending_names, identifier, names)
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
        notes, marks = self.resolver.parts(parsed, kept_links)
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


def _name_runs(telegram: Telegram, parsed: ParsedDocument) -> list | None:
    reading = body_reading(telegram, parsed)
    return reading.name_runs if reading is not None else None


def _frus_values(source: Source) -> dict:
    """The FRUS fields a source sets; none when it does not know them."""
    volume, document = source.frus_identity
    return {"frus_volume": volume, "frus_document": document} if volume else {}


def _place_in_frus(telegram: Telegram, values: dict, outcome: Outcome, user) -> None:
    """Record FRUS ids newly known for an unchanged text (an option or sidecar added later)."""
    changed = [
        name
        for name, value in values.items()
        if getattr(telegram, name) != value and name not in (telegram.protected_fields or [])
    ]
    if not changed:
        return
    for name in changed:
        setattr(telegram, name, values[name])
    telegram.version += 1
    telegram._history_user = user
    telegram._change_reason = "import: FRUS volume and document"
    telegram.save()
    outcome.outcome = "updated"
    outcome.changed_fields.extend(changed)
