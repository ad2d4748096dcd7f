"""Each role's count of public documents is stored on the record and kept right.

The person and place pages read these counts instead of counting (the
Secretary of State's page took 297 ms at 100,000 documents counting his
documents on every view), so every path that changes what a public document
names must recount them, the drift finder must see them, and a stale count
must never open the page of a record only private documents name.
"""

from __future__ import annotations

import importlib
import re
from datetime import date, timedelta
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import connection

from archive import roles, tallies
from archive.models import Person, PersonMention, Place, Telegram
from archive.public_people import SECTION_SIZE, role_documents

pytestmark = pytest.mark.django_db

SECRET = "000_ac18668fd4ff97df.txt"  # the only document naming W. W. Yen


@pytest.fixture
def corpus(offices_seeds_and_corpus):
    """POCOM's holdings first, as `make run`, then seeds and corpus (once per module)."""


def stored_and_listed(entity: str, model) -> tuple[dict, dict]:
    """Every record's stored role counts, and the lengths of its pages' lists."""
    stored, listed = {}, {}
    for record in model.objects.all():
        for role in roles.ROLES[entity]:
            stored[record.pk, role.key] = getattr(record, role.field)
            listed[record.pk, role.key] = len(role_documents(entity, role, record.pk, None))
    return stored, listed


def assert_counts_right() -> None:
    for entity, model in (("person", Person), ("place", Place)):
        stored, listed = stored_and_listed(entity, model)
        assert stored == listed, entity


def test_queryset_update_of_is_public_recounts_every_role(corpus):
    yen = Person.objects.get(surname="Yen")
    named_before = {role.field: getattr(yen, role.field) for role in roles.ROLES["person"]}
    assert sum(named_before.values()) > 0
    Telegram.objects.filter(source_file__endswith=SECRET).update(is_public=False)
    yen.refresh_from_db()
    assert all(getattr(yen, role.field) == 0 for role in roles.ROLES["person"])
    assert_counts_right()
    Telegram.objects.filter(source_file__endswith=SECRET).update(is_public=True)
    yen.refresh_from_db()
    assert {role.field: getattr(yen, role.field) for role in roles.ROLES["person"]} == (
        named_before
    )
    assert_counts_right()


def test_a_rejected_mention_leaves_its_role(corpus, admin_client):
    mention = PersonMention.objects.filter(role="mentioned", telegram__is_public=True).first()
    before = mention.person.public_named
    mention.status = "rejected"
    mention.save()
    tallies.refresh_for(Telegram.objects.filter(pk=mention.telegram_id))
    assert Person.objects.get(pk=mention.person_id).public_named == before - 1
    assert_counts_right()


def test_drifted_role_count_found_and_repaired(corpus):
    hull = Person.objects.get(surname="Hull")
    assert hull.public_received > 0
    Person.objects.filter(pk=hull.pk).update(public_received=0)
    washington = Place.objects.get(name="Washington")
    Place.objects.filter(pk=washington.pk).update(public_named=washington.public_named + 3)
    drifts = {(d.entity, d.pk, d.field): d for d in tallies.drifted()}
    assert drifts[("person", hull.pk, "public_received")].actual == hull.public_received
    assert ("place", washington.pk, "public_named") in drifts
    out = StringIO()
    call_command("repair_counts", stdout=out)
    assert "public_received stored 0" in out.getvalue()
    assert Person.objects.get(pk=hull.pk).public_received == hull.public_received
    assert Place.objects.get(pk=washington.pk).public_named == washington.public_named
    assert tallies.drifted() == []


def test_migration_fills_the_counts_of_records_already_there(corpus):
    Person.objects.update(public_sent=0, public_received=0, public_named=0)
    Place.objects.update(public_origin=0, public_named=0)
    assert tallies.drifted()
    migration = importlib.import_module("archive.migrations.0028_role_counts_stored")
    migration.count(None, SimpleNamespace(connection=connection))
    assert tallies.drifted() == []


@pytest.fixture
def prolific(db) -> tuple[Person, list[Telegram]]:
    """A person who sent more public documents than a section shows, and one private one."""
    person = Person.objects.create(name="Prolific P. Sender", surname="Sender")
    start = date(1934, 1, 1)
    public = [
        Telegram.objects.create(
            identifier=f"prolific-{i:02}",
            heading=f"Telegram number {i:02}",
            body="Text.",
            sender=person,
            date_earliest=start + timedelta(days=i),
            date_latest=start + timedelta(days=i),
        )
        for i in range(SECTION_SIZE + 5)
    ]
    Telegram.objects.create(
        identifier="prolific-secret",
        heading="Secret telegram",
        body="Text.",
        sender=person,
        is_public=False,
        date_earliest=start,
        date_latest=start,
    )
    tallies.refresh([person.pk])
    person.refresh_from_db()
    return person, public


def _items(html: str, key: str) -> list[str]:
    section = re.search(rf'id="role-{key}">.*?</ul>', html, re.S).group(0)
    return re.findall(r"<li><a[^>]*>([^<]*)</a>", section)


def test_a_role_pages_through_its_documents(client, prolific, django_assert_max_num_queries):
    person, public = prolific
    assert person.public_sent == person.public_documents == len(public)
    html = client.get(f"/people/{person.pk}/").content.decode()
    assert _items(html, "sent") == [t.heading for t in public[:SECTION_SIZE]]
    assert 'href="?role=sent&amp;page=2">and 5 more</a>' in html
    # the person, one list: nothing is counted
    with django_assert_max_num_queries(2):
        response = client.get(f"/people/{person.pk}/", {"role": "sent", "page": 2})
    html = response.content.decode()
    assert _items(html, "sent") == [t.heading for t in public[SECTION_SIZE:]]
    assert "Page 2 of 2" in html and "Secret telegram" not in html
    assert 'href="?role=sent&amp;page=1"' in html


def test_a_stale_count_never_opens_a_private_record(client, prolific):
    person, _ = prolific
    Telegram.objects.filter(sender=person).update(is_public=False)
    person.refresh_from_db()
    assert person.public_documents == 0 == person.public_sent
    # raw writes past every path that keeps the counts
    Person.objects.filter(pk=person.pk).update(public_documents=3, public_sent=3)
    assert client.get(f"/people/{person.pk}/").status_code == 404
    assert client.get(f"/people/{person.pk}/", {"role": "sent"}).status_code == 404
