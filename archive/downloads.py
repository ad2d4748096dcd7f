"""CSV and JSON downloads, streamed so that 100,000 rows never sit in memory.

Only public fields leave the archive: no editors' notes, source text,
protected fields or review status.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator

from django.http import StreamingHttpResponse
from django.urls import reverse

from .formulae import neutralise
from .models import MentionStatus, Telegram

FORMATS = ("csv", "json")
CHUNK = 2000

TELEGRAM_COLUMNS = [
    ("identifier", "identifier"),
    ("file_number", "file_number"),
    ("kind", "kind"),
    ("heading", "heading"),
    ("sender", "sender__name"),
    ("sender_role", "sender_role"),
    ("recipient", "recipient__name"),
    ("recipient_role", "recipient_role"),
    ("origin", "origin__name"),
    ("serial_number", "serial_number"),
    ("date_text", "date_text"),
    ("date_earliest", "date_earliest"),
    ("date_latest", "date_latest"),
    ("received_text", "received_text"),
]
AUTHORITY_COLUMNS = {
    "person": [
        "name",
        "surname",
        "forenames",
        "aliases",
        "description",
        "wikidata_id",
        "viaf_id",
        "hsg_id",
    ],
    "place": [
        "name",
        "kind",
        "aliases",
        "description",
        "latitude",
        "longitude",
        "geonames_id",
        "wikidata_id",
    ],
}


class _Echo:
    def write(self, value: str) -> str:
        return value


def _stream(rows: Iterable[dict], columns: list[str], fmt: str, filename: str):
    if fmt == "csv":
        writer = csv.writer(_Echo())

        def body() -> Iterator[str]:
            yield writer.writerow(columns)
            for row in rows:
                yield writer.writerow([_cell(row.get(c)) for c in columns])

        content_type = "text/csv; charset=utf-8"
    else:

        def body() -> Iterator[str]:
            yield "[\n"
            first = True
            for row in rows:
                yield ("" if first else ",\n") + json.dumps(row, ensure_ascii=False, default=str)
                first = False
            yield "\n]\n"

        content_type = "application/json; charset=utf-8"
    response = StreamingHttpResponse(body(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def _cell(value) -> str:
    """Spreadsheet-safe text (archive.formulae): no cell is run as a formula."""
    if isinstance(value, list):
        value = "; ".join(value)
    return neutralise(value)


def telegrams(queryset, fmt: str, request):
    base = request.build_absolute_uri("/")[:-1]
    lookups = [lookup for _, lookup in TELEGRAM_COLUMNS]
    names = [name for name, _ in TELEGRAM_COLUMNS]

    def rows() -> Iterator[dict]:
        for values in queryset.values_list(*lookups).iterator(chunk_size=CHUNK):
            row = dict(zip(names, values, strict=True))
            row["url"] = base + reverse("archive:telegram-detail", args=[row["identifier"]])
            yield row

    return _stream(rows(), [*names, "url"], fmt, "telegrams")


def authorities(queryset, kind: str, fmt: str, request):
    columns = AUTHORITY_COLUMNS[kind]
    base = request.build_absolute_uri("/")[:-1]
    route = f"archive:{kind}-detail"

    def rows() -> Iterator[dict]:
        for values in queryset.values("pk", "document_count", *columns).iterator(chunk_size=CHUNK):
            values["url"] = base + reverse(route, args=[values.pop("pk")])
            yield values

    return _stream(rows(), [*columns, "document_count", "url"], fmt, f"{kind}s")


def linked(record, route: str, base: str, *, with_id: bool = False) -> dict | None:
    """A person or place as the public exports name it: name and page (and id)."""
    if record is None:
        return None
    link = {"name": record.name, "url": base + reverse(route, args=[record.pk])}
    return {"id": record.pk, **link} if with_id else link


def document_fields(telegram: Telegram, base: str, *, with_ids: bool = False) -> dict:
    """The fields every public serialisation of a document shares, in one place.

    The document JSON (below) and the JSON Lines export (archive.opendata)
    both start from these, so a field is named and written the same way in
    both.
    """

    def person(record):
        return linked(record, "archive:person-detail", base, with_id=with_ids)

    def place(record):
        return linked(record, "archive:place-detail", base, with_id=with_ids)

    def day(value):
        return value.isoformat() if value else None

    return {
        "identifier": telegram.identifier,
        "url": base + telegram.get_absolute_url(),
        "file_number": telegram.file_number,
        "kind": telegram.kind,
        "heading": telegram.heading,
        "sender": person(telegram.sender),
        "sender_role": telegram.sender_role,
        "recipient": person(telegram.recipient),
        "recipient_role": telegram.recipient_role,
        "origin": place(telegram.origin),
        "serial_number": telegram.serial_number,
        "dateline": telegram.dateline,
        "date_text": telegram.date_text,
        "date_earliest": day(telegram.date_earliest),
        "date_latest": day(telegram.date_latest),
        "received_text": telegram.received_text,
        "body": telegram.body,
        "signature": telegram.signature,
    }


def footnote_fields(note, base: str, *, with_ids: bool = False) -> dict:
    """A footnote as both public serialisations write it."""
    return {
        "marker": note.marker,
        "order": note.order,
        "location": note.location,
        "anchor_text": note.anchor_text,
        "text": note.text,
        "person": linked(note.person, "archive:person-detail", base, with_id=with_ids),
        "place": linked(note.place, "archive:place-detail", base, with_id=with_ids),
    }


def telegram_document(telegram: Telegram, request) -> dict:
    """Every public field of one document, with footnotes, public notes and mentions."""
    base = request.build_absolute_uri("/")[:-1]

    def person(p):
        return linked(p, "archive:person-detail", base)

    def place(p):
        return linked(p, "archive:place-detail", base)

    people = telegram.personmention_set.exclude(status=MentionStatus.REJECTED).select_related(
        "person"
    )
    places = telegram.placemention_set.exclude(status=MentionStatus.REJECTED).select_related(
        "place"
    )
    notes = telegram.annotations.filter(is_public=True).select_related("person", "place", "target")
    return {
        **document_fields(telegram, base),
        "source_note": telegram.source_note,
        "decimal_file": telegram.decimal_parts,
        "references": [
            {
                "quote": r.quote,
                "kind": r.kind,
                "status": r.status,
                "target": (
                    request.build_absolute_uri(r.target.get_absolute_url())
                    if r.target_id and r.target.is_public
                    else None
                ),
            }
            for r in telegram.references.exclude(status="rejected").select_related("target")
        ],
        "cited_by": [
            request.build_absolute_uri(r.source.get_absolute_url())
            for r in telegram.cited_by.exclude(status="rejected")
            .filter(source__is_public=True)
            .select_related("source")
        ],
        "footnotes": [
            footnote_fields(f, base) for f in telegram.footnotes.select_related("person", "place")
        ],
        "annotations": [
            {
                "kind": a.kind,
                "quote": a.quote,
                "prefix": a.prefix,
                "suffix": a.suffix,
                "text": a.text,
                "person": person(a.person),
                "place": place(a.place),
                "target": (
                    request.build_absolute_uri(a.target.get_absolute_url())
                    if a.target_id and a.target.is_public
                    else None
                ),
            }
            for a in notes
        ],
        "people": [
            {
                **person(m.person),
                "role": m.role,
                "surface": m.surface,
                "occurrences": m.occurrences,
                "status": m.status,
                "uncertain": m.uncertain,
            }
            for m in people
        ],
        "places": [
            {
                **place(m.place),
                "role": m.role,
                "surface": m.surface,
                "occurrences": m.occurrences,
                "status": m.status,
                "uncertain": m.uncertain,
            }
            for m in places
        ],
    }
