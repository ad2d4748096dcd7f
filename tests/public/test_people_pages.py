"""Person and place pages list every public document naming the record, by role.

Before, the pages read only the sender and recipient fields and "mentioned"
mentions: Cordell Hull, Henry L. Stimson and others named only as recipient
or signatory were linked with counts from /people/ and from document pages
and answered 404.
"""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from archive import roles, tallies
from archive.models import Footnote, Person, Place, Telegram
from archive.public_people import role_documents

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(offices_seeds_and_corpus):
    """POCOM's holdings first, as `make run`, then seeds and corpus (once per module)."""


def _links(html: str, kind: str) -> set[str]:
    return set(re.findall(rf'href="(/{kind}/\d+/)"', html))


def _all_list_pages(client, url: str) -> str:
    html, page = "", 1
    while True:
        response = client.get(url, {"page": page})
        assert response.status_code == 200
        text = response.content.decode()
        html += text
        if f"page={page + 1}" not in text:
            return html
        page += 1


def test_every_linked_person_and_place_has_a_page(client, corpus):
    links = _links(_all_list_pages(client, "/people/"), "people")
    links |= _links(_all_list_pages(client, "/places/"), "places")
    for telegram in Telegram.objects.public():
        html = client.get(telegram.get_absolute_url()).content.decode()
        links |= _links(html, "people") | _links(html, "places")
    assert len(links) > 50
    for url in sorted(links):
        assert client.get(url).status_code == 200, url


def test_recipient_and_signatory_only_people_have_pages(client, corpus):
    for surname in ("Hull", "Stimson", "Cotton", "Phillips", "Acheson"):
        # POCOM knows more than one Phillips: the one the documents name.
        person = Person.objects.filter(surname=surname).order_by("-public_documents").first()
        assert person.public_documents > 0
        html = client.get(f"/people/{person.pk}/").content.decode()
        assert f"<h1>{person.name}</h1>" in html, surname
    hull = Person.objects.get(name="Cordell Hull")
    html = client.get(f"/people/{hull.pk}/").content.decode()
    assert 'id="role-received"' in html and 'id="role-signed"' in html


def _page_lists(entity: str, record) -> tuple[dict[str, set[int]], set[int]]:
    lists = {
        role.key: {t.pk for t in role_documents(entity, role, record.pk, limit=None)}
        for role in roles.ROLES[entity]
    }
    return lists, set().union(*lists.values())


@pytest.mark.parametrize("entity,model", [("person", Person), ("place", Place)])
def test_stored_counts_are_the_pages_lists(client, corpus, entity, model):
    for record in model.objects.all():
        lists, union = _page_lists(entity, record)
        assert record.public_documents == len(union), record
        for role in roles.ROLES[entity]:
            assert getattr(record, role.field) == len(lists[role.key]), (record, role.key)
        if not union:
            continue
        html = client.get(f"/{'people' if entity == 'person' else 'places'}/{record.pk}/")
        html = html.content.decode()
        assert f"Named in {len(union)} public document" in html
        for key, ids in lists.items():
            if ids:
                assert f'id="role-{key}">' in html
                shown = re.search(rf'id="role-{key}">.*?</ul>', html, re.S).group(0)
                assert shown.count("<li>") == min(len(ids), 25)


def test_footnote_identification_counts_and_shows(client, corpus):
    note = Footnote.objects.filter(person__isnull=False).select_related("person").first()
    lonely = Person.objects.create(name="Footnoted Only", surname="Only")
    note.person = lonely
    note.save()
    tallies.refresh([lonely.pk])
    lonely.refresh_from_db()
    assert lonely.public_documents == 1
    html = client.get(f"/people/{lonely.pk}/").content.decode()
    assert 'id="role-footnote"' in html and note.telegram.heading in html


def test_rejected_mentions_name_nobody(client, corpus):
    # Someone the public documents name only through mentions (no heading, no footnote).
    named = (
        Person.objects.filter(public_documents__gt=0, sent__isnull=True, received__isnull=True)
        .filter(footnotes__isnull=True)
        .order_by("pk")
        .first()
    )
    named.mentions.update(status="rejected")
    tallies.refresh([named.pk])
    assert client.get(f"/people/{named.pk}/").status_code == 404
    assert Person.objects.get(pk=named.pk).public_documents == 0


def test_drifted_count_found_and_repaired(corpus):
    hull = Person.objects.get(surname="Hull")
    before = hull.public_documents
    # Counts written past every path that keeps them (raw writes to the counts
    # themselves; a document's QuerySet.update recounts, see test_room_privacy).
    Person.objects.filter(pk=hull.pk).update(public_documents=before + 5, sent_documents=999)
    drifts = {(d.entity, d.pk, d.field) for d in tallies.drifted()}
    assert ("person", hull.pk, "public_documents") in drifts
    assert ("person", hull.pk, "sent_documents") in drifts
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("repair_counts", "--check", stdout=out)
    assert f"person {hull.pk} (Cordell Hull): public_documents stored {before + 5}" in (
        out.getvalue()
    )
    assert Person.objects.get(pk=hull.pk).public_documents == before + 5  # --check repairs nothing
    out = StringIO()
    call_command("repair_counts", stdout=out)
    assert "Repaired" in out.getvalue()
    assert Person.objects.get(pk=hull.pk).public_documents == before
    assert Person.objects.get(pk=hull.pk).sent_documents == hull.sent.count()
    assert tallies.drifted() == []
    call_command("repair_counts", "--check", stdout=StringIO())


def test_quality_page_lists_drifted_counts(admin_client, corpus):
    hull = Person.objects.get(surname="Hull")
    Person.objects.filter(pk=hull.pk).update(public_documents=0)
    html = admin_client.get("/admin/archive/telegram/quality/").content.decode()
    assert 'id="check-drifted_counts"' in html
    assert "Cordell Hull" in html and "public_documents" in html


def test_person_page_query_count_is_fixed(client, corpus, django_assert_max_num_queries):
    for surname in ("Hull", "Grew"):
        person = Person.objects.get(surname=surname)
        # the person with its stored counts, one list per role (five)
        with django_assert_max_num_queries(6):
            assert client.get(f"/people/{person.pk}/").status_code == 200
    washington = Place.objects.get(name="Washington")
    with django_assert_max_num_queries(5):
        assert client.get(f"/places/{washington.pk}/").status_code == 200
