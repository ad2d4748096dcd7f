"""The editor's page: quality list, layout, history labels and diffs, speed."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from archive.models import (
    Annotation,
    Footnote,
    Person,
    PersonMention,
    Place,
    PlaceMention,
    Telegram,
    TelegramReference,
)

pytestmark = pytest.mark.django_db


def busy_telegram(mentions: int, annotations: int = 5) -> Telegram:
    """A document with ``mentions`` person and place mentions and some annotations."""
    words = [f"Word{i}" for i in range(annotations)]
    sender = Person.objects.create(name=f"Sender {mentions}", surname="Sender")
    origin = Place.objects.create(name=f"Origin {mentions}")
    telegram = Telegram.objects.create(
        identifier=f"busy-{mentions}",
        heading="Busy document",
        body="Paragraph one.[^1] " + " ".join(words) + "\n\nParagraph two.[^2]",
        sender=sender,
        recipient=sender,
        origin=origin,
    )
    citing = Telegram.objects.create(identifier=f"citing-{mentions}", heading="Reply")
    TelegramReference.objects.create(source=citing, target=telegram, quote="your 1")
    TelegramReference.objects.create(source=telegram, target=citing, quote="my 2")
    for order in (1, 2):
        Footnote.objects.create(
            telegram=telegram, marker=str(order), order=order, text="A note.", person=sender
        )
    half = mentions // 2
    for i in range(half):
        person = Person.objects.create(name=f"Person {mentions}-{i}", surname=f"P{i}")
        PersonMention.objects.create(telegram=telegram, person=person, role="mentioned")
    for i in range(mentions - half):
        place = Place.objects.create(name=f"Place {mentions}-{i}")
        PlaceMention.objects.create(telegram=telegram, place=place, role="mentioned")
    for word in words:
        start = telegram.body.index(word)
        Annotation.objects.create(
            telegram=telegram,
            kind="note",
            quote=word,
            start=start,
            end=start + len(word),
            text="note",
            person=sender,
            place=origin,
            target=citing,
        )
    return telegram


def change_page_queries(client, telegram: Telegram) -> int:
    url = reverse("admin:archive_telegram_change", args=[telegram.pk])
    client.get(url)  # a running server has its content types cached
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_change_page_queries_do_not_grow_with_mentions(admin_client):
    """Each autocomplete widget once cost a query per row: 55 queries for 20 mentions."""
    small = change_page_queries(admin_client, busy_telegram(5))
    large = change_page_queries(admin_client, busy_telegram(20))
    assert small == large
    assert large <= 25
