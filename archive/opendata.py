"""Open data for the field: every public document as JSON Lines, and a CMIF file.

Both are streamed at stable addresses (``/data/telegrams.jsonl`` and
``/data/cmif.xml``) so that a harvester or a historian's script can fetch
the whole reading room without paging through it, and neither ever holds
more than one batch of documents in memory. They read public documents
only, so every name they carry is one a public document prints: the
sender, recipient and origin, the people and places of mentions an editor
has not rejected, and those a footnote identifies (archive.visibility).

The CMIF file follows the Correspondence Metadata Interchange Format of
the TEI Correspondence SIG, which correspSearch harvests: one
``correspDesc`` per letter or telegram, a ``sent`` action with sender,
place and date and a ``received`` action with the addressee, with VIAF,
Wikidata and GeoNames ids as ``@ref`` where the records have them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from xml.sax.saxutils import escape, quoteattr

from django.conf import settings
from django.db.models import Max, Prefetch, Q
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone

from .downloads import document_fields, footnote_fields, linked
from .models import Footnote, MentionStatus, PersonMention, PlaceMention, Telegram

BATCH = 500
TEI = "http://www.tei-c.org/ns/1.0"
CC_BY = "https://creativecommons.org/licenses/by/4.0/"
SOURCE_ID = "telegram-archive"
# Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def batches(documents) -> Iterator[list[Telegram]]:
    """Public documents in primary-key order, ``BATCH`` at a time (keyset, never OFFSET)."""
    last = 0
    while True:
        batch = list(documents.filter(pk__gt=last).order_by("pk")[:BATCH])
        if not batch:
            return
        yield batch
        last = batch[-1].pk


def _public_documents():
    return Telegram.objects.public().select_related("sender", "recipient", "origin")


# ---------------------------------------------------------------- JSON Lines


def _jsonl_documents():
    people = PersonMention.objects.exclude(status=MentionStatus.REJECTED).select_related("person")
    places = PlaceMention.objects.exclude(status=MentionStatus.REJECTED).select_related("place")
    return (
        _public_documents()
        .defer("source_text", "notes", "search_vector", "protected_fields")
        .prefetch_related(
            Prefetch("footnotes", queryset=Footnote.objects.select_related("person", "place")),
            Prefetch("personmention_set", queryset=people.order_by("role", "person__name")),
            Prefetch("placemention_set", queryset=places.order_by("role", "place__name")),
        )
    )


def document_record(telegram: Telegram, base: str) -> dict:
    """One line of the JSON Lines export: the document's public fields and names."""

    def person(record):
        return linked(record, "archive:person-detail", base, with_id=True)

    def place(record):
        return linked(record, "archive:place-detail", base, with_id=True)

    return {
        **document_fields(telegram, base, with_ids=True),
        "decimal_file": telegram.decimal_file,
        "footnotes": [footnote_fields(f, base, with_ids=True) for f in telegram.footnotes.all()],
        "people": [
            {**person(m.person), "role": m.role, "surface": m.surface, "status": m.status}
            for m in telegram.personmention_set.all()
        ],
        "places": [
            {**place(m.place), "role": m.role, "surface": m.surface, "status": m.status}
            for m in telegram.placemention_set.all()
        ],
    }


def telegrams_jsonl(request) -> StreamingHttpResponse:
    """Every public document, one JSON object a line (https://jsonlines.org/)."""
    base = request.build_absolute_uri("/")[:-1]

    def lines() -> Iterator[str]:
        for batch in batches(_jsonl_documents()):
            yield "".join(
                json.dumps(document_record(t, base), ensure_ascii=False) + "\n" for t in batch
            )

    response = StreamingHttpResponse(lines(), content_type="application/jsonl; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="telegrams.jsonl"'
    return response


# ---------------------------------------------------------------- CMIF


def _text(value: str) -> str:
    return escape(_NOT_XML.sub("", value))


def _attr(value: str) -> str:
    return quoteattr(_NOT_XML.sub("", value))


def person_ref(person) -> str:
    """The authority URI CMIF asks for: VIAF first, then Wikidata; empty if neither."""
    if person.viaf_id:
        return f"http://viaf.org/viaf/{person.viaf_id}"
    if person.wikidata_id:
        return f"http://www.wikidata.org/entity/{person.wikidata_id}"
    return ""


def place_ref(place) -> str:
    """GeoNames first (as CMIF recommends), then Wikidata; empty if neither."""
    if place.geonames_id:
        return f"http://www.geonames.org/{place.geonames_id}"
    if place.wikidata_id:
        return f"http://www.wikidata.org/entity/{place.wikidata_id}"
    return ""


def _name(tag: str, record, ref: str) -> str:
    if record is None:
        return f"<{tag}>Unknown</{tag}>" if tag == "persName" else ""
    attribute = f" ref={_attr(ref)}" if ref else ""
    return f"<{tag}{attribute}>{_text(record.name)}</{tag}>"


def _date(telegram: Telegram) -> str:
    first, last = telegram.date_earliest, telegram.date_latest
    if first is None and last is None:
        return ""  # CMIF: an unknown date is left out
    if first == last or last is None:
        return f'<date when="{first.isoformat()}"/>'
    if first is None:
        return f'<date notAfter="{last.isoformat()}"/>'
    return f'<date notBefore="{first.isoformat()}" notAfter="{last.isoformat()}"/>'


def corresp_desc(telegram: Telegram, base: str) -> str:
    """One ``correspDesc``: who sent it from where and when, and to whom."""
    origin = telegram.origin
    sent = (
        _name("persName", telegram.sender, telegram.sender and person_ref(telegram.sender))
        + (_name("placeName", origin, place_ref(origin)) if origin else "")
        + _date(telegram)
    )
    received = _name(
        "persName", telegram.recipient, telegram.recipient and person_ref(telegram.recipient)
    )
    url = base + telegram.get_absolute_url()
    return (
        f"<correspDesc key={_attr(telegram.identifier)} ref={_attr(url)} "
        f'source="#{SOURCE_ID}">'
        f'<correspAction type="sent">{sent}</correspAction>'
        f'<correspAction type="received">{received}</correspAction>'
        "</correspDesc>\n"
    )


def correspondence():
    """Public documents with a sender or a recipient: the letters and telegrams CMIF lists."""
    return _public_documents().filter(Q(sender__isnull=False) | Q(recipient__isnull=False))


def _header(request, base: str) -> str:
    changed = Telegram.objects.public().aggregate(last=Max("updated_at"))["last"] or timezone.now()
    title = getattr(settings, "ARCHIVE_TITLE", "Telegram archive")
    contact = getattr(settings, "ARCHIVE_CONTACT_NAME", "") or f"The editors of the {title}"
    email = getattr(settings, "ARCHIVE_CONTACT_EMAIL", "")
    editor = _text(contact) + (f"<email>{_text(email)}</email>" if email else "")
    home = base + reverse("archive:home")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<TEI xmlns="{TEI}">\n<teiHeader>\n<fileDesc>\n'
        f"<titleStmt><title>{_text(title)}: correspondence metadata</title>"
        f"<editor>{editor}</editor></titleStmt>\n"
        "<publicationStmt>"
        f"<publisher><ref target={_attr(home)}>{_text(title)}</ref></publisher>"
        f'<idno type="url">{_text(request.build_absolute_uri())}</idno>'
        f'<date when="{changed.replace(microsecond=0).isoformat()}"/>'
        f'<availability><licence target="{CC_BY}">This file is licensed under the terms of '
        "the Creative-Commons-License CC-BY 4.0</licence></availability>"
        "</publicationStmt>\n"
        f'<sourceDesc><bibl type="online" xml:id="{SOURCE_ID}">{_text(title)}: documents from '
        "Foreign Relations of the United States (United States Department of State), "
        f"<ref target={_attr(home)}>{_text(home)}</ref></bibl></sourceDesc>\n"
        "</fileDesc>\n<profileDesc>\n"
    )


def cmif(request) -> StreamingHttpResponse:
    """The CMIF file of every public letter and telegram, streamed."""
    base = request.build_absolute_uri("/")[:-1]

    def body() -> Iterator[str]:
        yield _header(request, base)
        for batch in batches(correspondence()):
            yield "".join(corresp_desc(t, base) for t in batch)
        yield "</profileDesc>\n</teiHeader>\n<text><body><p/></body></text>\n</TEI>\n"

    return StreamingHttpResponse(body(), content_type="application/xml; charset=utf-8")
