"""The queue's one-click "same as": an alias recorded, mentions linked, with history."""

from __future__ import annotations

from django.urls import reverse

from archive.models import Person, PersonMention, Telegram, UnmatchedName
from archive.search import update_search_vectors


def test_same_as_records_an_alias_and_links_mentions(admin_client, db):
    hull = Person.objects.create(name="Cordell Hull", surname="Hull", forenames="Cordell")
    telegram = Telegram.objects.create(
        identifier="t-1", heading="Memorandum", body="Cordel Hull saw Konoye. Konoe agreed."
    )
    update_search_vectors([telegram.pk])  # as an import leaves it
    row = UnmatchedName.objects.create(name="Cordel Hull", documents=1, occurrences=1)
    UnmatchedName.objects.create(name="Konoye", documents=2, occurrences=1)
    UnmatchedName.objects.create(name="Konoe", documents=1, occurrences=1)
    page = admin_client.get(reverse("admin:archive_unmatchedname_changelist"))
    html = page.content.decode()
    assert "person Cordell Hull" in html and "Same as" in html
    assert "(Konoe)" in html  # Konoe grouped under Konoye
    admin_client.post(reverse("admin:archive_unmatchedname_same_as", args=[row.pk]))
    hull.refresh_from_db()
    assert "Cordel Hull" in hull.aliases and "aliases" in hull.protected_fields
    assert hull.history.first().history_user is not None
    assert PersonMention.objects.filter(telegram=telegram, person=hull).exists()
    assert not UnmatchedName.objects.filter(name="Cordel Hull").exists()


def test_create_person_from_the_queue_parses_the_name(admin_client, db):
    row = UnmatchedName.objects.create(name="Generalissimo Chiang Kai-shek", documents=1)
    admin_client.post(
        reverse("admin:archive_unmatchedname_changelist"),
        {"action": "create_people", "_selected_action": [row.pk]},
    )
    person = Person.objects.get(surname="Chiang")
    assert (person.name, person.forenames) == ("Chiang Kai-shek", "Kai-shek")


def test_same_as_returns_to_the_list_as_the_editor_left_it(admin_client, db):
    Person.objects.create(name="Cordell Hull", surname="Hull", forenames="Cordell")
    row = UnmatchedName.objects.create(name="Cordel Hull", documents=1, occurrences=1)
    listing = reverse("admin:archive_unmatchedname_changelist")
    url = reverse("admin:archive_unmatchedname_same_as", args=[row.pk])
    kept = admin_client.post(url, HTTP_REFERER=f"http://testserver{listing}?q=Hull&p=2")
    assert kept["Location"] == f"{listing}?q=Hull&p=2"
    row = UnmatchedName.objects.create(name="Cordel Hul", documents=1, occurrences=1)
    elsewhere = admin_client.post(
        reverse("admin:archive_unmatchedname_same_as", args=[row.pk]),
        HTTP_REFERER="http://evil.example/admin/archive/unmatchedname/?q=x",
    )
    assert elsewhere["Location"] == listing
