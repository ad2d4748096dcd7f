"""Public pages: read-only and public records only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from archive.models import Telegram

pytestmark = pytest.mark.django_db


def test_list_shows_only_public_documents(client, imported_seeds):
    hidden = Telegram.objects.get(file_number="793.94/7527")
    hidden.is_public = False
    hidden.save()
    page = client.get(reverse("archive:telegram-list")).content.decode()
    assert "761.9315 Manchuria/35" in page
    assert "793.94/7527" not in page
    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_document_page_and_read_only(client, imported_seeds):
    telegram = Telegram.objects.get(file_number="761.9315 Manchuria/35")
    response = client.get(telegram.get_absolute_url())
    assert response.status_code == 200
    assert "Soviet Commissar for Foreign Affairs." in response.content.decode()
    assert client.post(telegram.get_absolute_url()).status_code == 405
    assert client.post(reverse("archive:telegram-list")).status_code == 405


def test_list_query_count_does_not_grow_with_documents(
    client, imported_seeds, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        client.get(reverse("archive:telegram-list"))
