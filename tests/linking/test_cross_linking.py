"""Decimal files, offices and name linking (link_mentions, unmatched names)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from archive.models import (
    OfficeHolding,
    Person,
    PersonMention,
    Telegram,
    UnmatchedName,
)
from archive.text.decimal import parse_file_number
from tests.conftest import CORPUS


@pytest.mark.parametrize(
    ("printed", "cls", "countries", "subdivision", "qualifier", "item", "file"),
    [
        ("793.94/7527", "7", ["93", "94"], "", "", "7527", "793.94"),
        (
            "761.9315 Manchuria/35",
            "7",
            ["61", "93"],
            "15",
            "Manchuria",
            "35",
            "761.9315 Manchuria",
        ),
        (
            "893.00 P.R. Peiping/123",
            "8",
            ["93"],
            "00",
            "P.R. Peiping",
            "123",
            "893.00 P.R. Peiping",
        ),
        ("611.3331/419½", "6", ["11", "33"], "31", "", "419½", "611.3331"),
        ("793.94/15587a", "7", ["93", "94"], "", "", "15587a", "793.94"),
    ],
)
def test_decimal_file_numbers(printed, cls, countries, subdivision, qualifier, item, file):
    parts = parse_file_number(printed)
    assert parts.status == "parsed"
    assert (parts.decimal_class, parts.countries, parts.subdivision) == (
        cls,
        countries,
        subdivision,
    )
    assert (parts.qualifier, parts.item, parts.file) == (qualifier, item, file)


@pytest.mark.parametrize("printed", ["740.0011 Pacific War/2066", "500.A15a3/728"])
def test_numbers_outside_the_rules_are_kept_not_guessed(printed):
    parts = parse_file_number(printed)
    assert parts.status == "partial" and parts.countries == []
    assert parts.file and parts.item
    assert parse_file_number("not a file number").status == "unread"


@pytest.fixture
def corpus(seeds_pocom_and_corpus):
    """Seeds, the fixture POCOM offices, then the corpus (once per module)."""


def test_file_fields_filter_and_files_page(client, corpus):
    t = Telegram.objects.get(file_number="761.9315 Manchuria/35")
    assert (t.decimal_class, t.file_country_1, t.file_country_2) == ("7", "61", "93")
    assert (t.decimal_qualifier, t.decimal_item, t.decimal_file) == (
        "Manchuria",
        "35",
        "761.9315 Manchuria",
    )
    response = client.get("/telegrams/", {"file": "724.3415", "format": "json"})
    rows = b"".join(response.streaming_content).decode()
    assert (
        rows.count('"identifier"')
        == Telegram.objects.filter(decimal_file="724.3415").count()
        == 10
    )
    page = client.get("/files/").content.decode()
    assert "724.3415" in page and "Political relations between states" in page
    assert "?file=724.3415" in page
    assert '724.3415</a> (Paraguay) <span class="count">10 documents</span>' in page
    data = client.get(f"/telegrams/{t.identifier}.json").json()
    assert data["decimal_file"]["countries"] == ["61", "93"]
    assert data["decimal_file"]["qualifier"] == "Manchuria"
    doc = Telegram.objects.get(source_file__endswith="013_frus1934v04_d137.txt")
    html = client.get(doc.get_absolute_url()).content.decode()
    assert "Other documents in this file" in html and "Nearby items" in html
    assert "Bolivia</a> (24)" in html


def test_unread_numbers_are_flagged_for_editors(admin_client, corpus):
    partial = Telegram.objects.filter(decimal_status="partial")
    assert partial.filter(file_number="740.0011 Pacific War/2066").exists()
    page = admin_client.get(reverse("admin:archive_quality")).content.decode()
    assert "File numbers not fully read" in page and "740.0011 Pacific War/2066" in page


def test_office_and_date_give_the_person(corpus):
    hull = Person.objects.get(surname="Hull")
    # d141: "The Secretary of State to the Ambassador in Brazil (Gibson)", October 2, 1934:
    # the office and the date name the Secretary (archive.linking.offices).
    telegram = Telegram.objects.get(source_file__endswith="017_frus1934v04_d141.txt")
    assert telegram.sender == hull
    mention = telegram.personmention_set.get(role="sender")
    assert mention.person == hull and mention.status == "suggested"
    # undated: the office alone may be any of its holders, so nobody is set
    undated = Telegram.objects.get(source_file__endswith="019_frus1934v04_d143.txt")
    assert undated.sender is None
    assert not undated.personmention_set.filter(role="sender").exists()
    # "The Acting Secretary of State", signed "Cotton": the Under Secretary that day
    acting = Telegram.objects.get(source_file__endswith="001_frus1930v01_d34.txt")
    assert acting.sender == Person.objects.get(authority_key="cotton-joseph-p")


def test_role_with_surname_settles_an_ambiguous_name(db, tmp_path):
    call_command("import_seeds", verbosity=0)
    other = Person.objects.create(name="Arthur Henderson", surname="Henderson")
    assert other
    path = tmp_path / "doc.txt"
    path.write_text(
        (CORPUS.parent.parent.parent / "seeds/000_ac18668fd4ff97df.txt")
        .read_text(encoding="utf-8")
        .replace("520.", "521."),
        encoding="utf-8",
    )
    call_command("import_seeds", str(path), verbosity=0, no_authorities=True)
    telegram = Telegram.objects.get(serial_number="521")
    assert telegram.sender == Person.objects.get(authority_key="henderson-loy-w")


def test_confirmed_office_suggestion_is_never_changed(corpus):
    telegram = Telegram.objects.get(source_file__endswith="017_frus1934v04_d141.txt")
    telegram.personmention_set.filter(role="sender").update(status="rejected")
    OfficeHolding.objects.filter(person__surname="Hull").delete()
    call_command("link_mentions", verbosity=0)
    assert telegram.personmention_set.get(role="sender").status == "rejected"


def test_link_mentions_adds_suggestions_after_a_new_alias(corpus):
    telegram = Telegram.objects.get(file_number="793.94/7527")
    sakoh = Person.objects.get(name="Sakoh")
    telegram.personmention_set.filter(person=sakoh).delete()
    yen = telegram.personmention_set.get(person__surname="Yen")
    yen.status = "confirmed"
    yen.save()
    call_command("link_mentions", "--telegram", telegram.identifier, "--dry-run", verbosity=0)
    assert not telegram.personmention_set.filter(person=sakoh).exists()
    call_command("link_mentions", "--telegram", telegram.identifier, verbosity=0)
    assert telegram.personmention_set.filter(person=sakoh, status="suggested").exists()
    assert telegram.personmention_set.get(person__surname="Yen").status == "confirmed"
    with pytest.raises(CommandError):
        call_command("link_mentions", "--telegram", "no-such-document", verbosity=0)


def test_unmatched_names_listed_and_turned_into_records(admin_client, corpus):
    call_command("link_mentions", verbosity=0)
    # "Kwantung Army" names the place Kwantung; a treaty is no person or place.
    kwantung = UnmatchedName.objects.get(name="Kwantung")
    assert kwantung.documents >= 1 and "Kwantung" in kwantung.examples[0]["context"]
    assert not UnmatchedName.objects.filter(
        name__in=["Soviet", "Japanese", "The", "Union", "Kwantung Army", "Nine Power Treaty"]
    ).exists()
    pravda = UnmatchedName.objects.get(name="Pravda")
    url = reverse("admin:archive_unmatchedname_changelist")
    admin_client.post(url, {"action": "create_people", "_selected_action": [pravda.pk]})
    # (a newspaper, but it shows the one-step flow) its documents now suggest it
    person = Person.objects.get(name="Pravda")
    assert PersonMention.objects.filter(person=person, role="mentioned").exists()
    assert not UnmatchedName.objects.filter(name="Pravda").exists()
    litvinov = Person.objects.get(surname="Litvinov")
    nine = UnmatchedName.objects.exclude(name__in=["Pravda", "Kwantung"]).first()
    alias_url = reverse("admin:archive_unmatchedname_alias") + f"?ids={nine.pk}"
    assert admin_client.get(alias_url).status_code == 200
    admin_client.post(alias_url, {"ids": str(nine.pk), "person": litvinov.pk})
    litvinov.refresh_from_db()
    assert nine.name in litvinov.aliases
    kwantung_id = UnmatchedName.objects.get(name="Kwantung").pk
    admin_client.post(url, {"action": "ignore", "_selected_action": [kwantung_id]})
    call_command("link_mentions", verbosity=0)
    assert UnmatchedName.objects.get(name="Kwantung").ignored


def test_office_dates_are_checked(corpus):
    grew = OfficeHolding.objects.get(person__surname="Grew", office="Ambassador in Japan")
    assert grew.start == date(1932, 6, 14)
