"""Editors see the candidates of a reference the machine could not decide, and pick one."""

from __future__ import annotations

import pytest
from django.urls import reverse

from archive.linking import threads
from archive.models import MentionStatus, Telegram, TelegramReference
from archive.text.dates import date_bounds
from tests.conftest import page_form_data

pytestmark = pytest.mark.django_db


def _document(identifier: str, sender: str, dateline: str, body: str = "Text.") -> Telegram:
    date_text = dateline.partition(", ")[2]
    earliest, latest = date_bounds(date_text)
    telegram = Telegram.objects.create(
        identifier=identifier,
        heading=f"The {sender} to the Secretary of State",
        sender_role=sender,
        recipient_role="Secretary of State",
        dateline=dateline,
        date_text=date_text,
        date_earliest=earliest,
        date_latest=latest,
        body=body,
    )
    TelegramReference.objects.bulk_create(threads.extract(telegram))
    return telegram


@pytest.fixture
def ambiguous():
    shanghai = "Consul General at Shanghai"
    noon = _document("noon", shanghai, "Shanghai, May 30, 1937—noon.")
    evening = _document("evening", shanghai, "Shanghai, May 30, 1937—6 p.m.")
    citing = _document("citing", "Ambassador in China", "Nanking, June 1, 1937.",
                       "Shanghai’s telegram of May 30 reports the same.")  # fmt: skip
    threads.resolve()
    return TelegramReference.objects.get(source=citing), noon, evening


def test_list_filters_references_with_candidates(admin_client, ambiguous):
    _, noon, evening = ambiguous
    url = reverse("admin:archive_telegramreference_changelist")
    html = admin_client.get(url, {"resolution": "ambiguous"}).content.decode()
    assert "Shanghai’s telegram of May 30" in html
    for candidate in (noon, evening):
        assert reverse("admin:archive_telegram_change", args=[candidate.pk]) in html
    html = admin_client.get(url, {"resolution": "linked"}).content.decode()
    assert "Shanghai’s telegram of May 30" not in html


def test_change_page_shows_candidates_and_the_editor_picks_one(admin_client, ambiguous):
    reference, _, evening = ambiguous
    url = reverse("admin:archive_telegramreference_change", args=[reference.pk])
    page = admin_client.get(url)
    html = page.content.decode()
    assert reverse("admin:archive_telegram_change", args=[evening.pk]) in html
    assert "May 30, 1937—6 p.m." in html
    data = page_form_data(page, "telegramreference_form")
    data.update(target=str(evening.pk), status=MentionStatus.CONFIRMED)
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    reference.refresh_from_db()
    assert (reference.target, reference.status) == (evening, MentionStatus.CONFIRMED)


def test_citing_documents_page_shows_the_candidates(admin_client, ambiguous):
    reference, noon, _ = ambiguous
    url = reverse("admin:archive_telegram_change", args=[reference.source_id])
    html = admin_client.get(url).content.decode()
    assert "Candidates (pick one as the target)" in html
    assert reverse("admin:archive_telegram_change", args=[noon.pk]) in html
