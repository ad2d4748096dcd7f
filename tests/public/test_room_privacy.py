"""No name from a private record: filter labels, counts and bulk changes of ``is_public``."""

from __future__ import annotations

import re

import pytest

from archive import tallies, visibility
from archive.models import Person, PersonMention, Place, Telegram

pytestmark = pytest.mark.django_db

LIST = "/telegrams/"
SECRET = "000_ac18668fd4ff97df.txt"  # the only document naming W. W. Yen and Moscow


@pytest.fixture
def corpus(offices_seeds_and_corpus):
    """POCOM's holdings first, as `make run`, then seeds and corpus (once per module)."""


def without_id(html: str, key: str, pk: int) -> str:
    """The page with the id itself blanked (in the box and in links), so two can be compared."""
    html = re.sub(rf'(<input[^>]*name="{key}"[^>]*value="){pk}"', r'\1ID"', html)
    return re.sub(rf"\b{key}={pk}\b", f"{key}=ID", html)


def filter_page(client, key: str, pk: int) -> str:
    response = client.get(LIST, {key: pk})
    assert response.status_code == 200
    return without_id(response.content.decode(), key, pk)


def make_private_in_bulk() -> Telegram:
    """Withdraw the secret document the way a script would: QuerySet.update."""
    Telegram.objects.filter(source_file__endswith=SECRET).update(is_public=False)
    return Telegram.objects.get(source_file__endswith=SECRET)


def expected_count(person: Person) -> int:
    """Public documents naming ``person`` in a mention, read from the documents."""
    return (
        PersonMention.objects.filter(person=person, telegram__is_public=True)
        .exclude(status="rejected")
        .values("telegram")
        .distinct()
        .count()
    )


def test_filter_by_person_only_in_private_documents_answers_like_an_unknown_id(client, corpus):
    yen = Person.objects.get(surname="Yen")
    moscow = Place.objects.get(name="Moscow")
    before = client.get(LIST, {"person": yen.pk}).content.decode()
    assert yen.name in before  # public: the label names him
    make_private_in_bulk()
    unknown = 999999
    for key, record in (("person", yen), ("sender", yen), ("recipient", yen), ("place", moscow)):
        page = filter_page(client, key, record.pk)
        assert record.name not in page
        assert page == filter_page(client, key, unknown)


def test_person_named_only_in_a_rejected_mention_or_nowhere_is_not_named(client, corpus):
    nobody = Person.objects.create(name="Unnamed Q. Stranger", surname="Stranger")
    rejected = Person.objects.create(name="Rejected Only", surname="Only")
    telegram = Telegram.objects.public().first()
    PersonMention.objects.create(
        telegram=telegram, person=rejected, role="mentioned", status="rejected"
    )
    for person in (nobody, rejected):
        page = filter_page(client, "person", person.pk)
        assert person.name not in page
        assert page == filter_page(client, "person", 999999)
    assert not visibility.public_people().filter(pk__in=[nobody.pk, rejected.pk]).exists()


def test_queryset_update_keeps_the_public_counts_right(client, corpus):
    yen = Person.objects.get(surname="Yen")
    henderson = Person.objects.get(surname="Henderson")
    henderson_before = Person.objects.get(pk=henderson.pk).public_documents
    assert Person.objects.get(pk=yen.pk).public_documents == 1
    make_private_in_bulk()
    yen.refresh_from_db()
    henderson.refresh_from_db()
    assert yen.public_documents == 0 == expected_count(yen)
    assert henderson.public_documents == expected_count(henderson) == henderson_before - 1
    assert f"/people/{yen.pk}/" not in client.get("/people/", {"q": "Yen"}).content.decode()
    people = client.get("/people/", {"format": "csv"})
    assert yen.name not in b"".join(people.streaming_content).decode()
    # and back again, through the same path
    Telegram.objects.filter(source_file__endswith=SECRET).update(is_public=True)
    yen.refresh_from_db()
    assert yen.public_documents == 1
    assert f"/people/{yen.pk}/" in client.get("/people/", {"q": "Yen"}).content.decode()


def test_bulk_update_and_delete_keep_the_counts_right(corpus):
    secret = Telegram.objects.get(source_file__endswith=SECRET)
    yen = Person.objects.get(surname="Yen")
    secret.is_public = False
    Telegram.objects.bulk_update([secret], ["is_public"])
    yen.refresh_from_db()
    assert yen.public_documents == 0
    Telegram.objects.filter(pk=secret.pk).update(is_public=True)
    Telegram.objects.filter(pk=secret.pk).delete()
    yen.refresh_from_db()
    assert yen.public_documents == 0


def test_updates_that_leave_publicity_alone_do_not_recount(corpus, django_assert_num_queries):
    with django_assert_num_queries(1):
        Telegram.objects.filter(kind="memorandum").update(review_status="reviewed")


def test_a_full_recount_agrees_with_the_incremental_one(corpus):
    make_private_in_bulk()
    kept = dict(Person.objects.values_list("pk", "public_documents"))
    tallies.refresh()
    assert dict(Person.objects.values_list("pk", "public_documents")) == kept
