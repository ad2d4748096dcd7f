"""A heading's office and the document's date say who is meant (POCOM holdings)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command

from archive.linking.offices import heading_person
from archive.linking.registry import EntityRegistry
from archive.models import Person, Telegram
from archive.text.offices import country_name, office_key
from tests.conftest import FIXTURES


@pytest.mark.parametrize(
    ("printed", "key"),
    [
        ("Minister in Siam", "minister|thailand"),
        ("Minister Resident in Thailand", "minister|thailand"),
        ("Ambassador in the Soviet Union", "ambassador|russia"),
        ("Ambassador in Russia", "ambassador|russia"),
        ("Ambassador in Great Britain", "ambassador|united-kingdom"),
        ("Chargé d’Affaires ad interim in Persia", "charge|iran"),
        ("Secretary of State", "secretary of state"),
        ("Counselor of the Department of State", "counselor"),
        ("Chinese Ambassador in the Soviet Union", "chinese ambassador in the soviet union"),
    ],
)
def test_offices_are_read_as_frus_prints_them(printed, key):
    assert office_key(printed) == key


def test_country_names_of_their_time():
    assert country_name("thailand", date(1937, 1, 1)) == "Siam"
    assert country_name("thailand", date(1940, 1, 1)) == "Thailand"
    assert country_name("russia", date(1935, 1, 1)) == "the Soviet Union"
    assert country_name("costa-rica", date(1935, 1, 1)) == "Costa Rica"


@pytest.fixture
def offices(db):
    call_command("import_offices", str(FIXTURES / "pocom"), verbosity=0)
    return EntityRegistry()


def person(hsg_id: str) -> Person:
    return Person.objects.get(hsg_id=hsg_id)


def resolve(registry, name, role, day, signature=""):
    found, _ = heading_person(registry, name, role, day, day, signature=signature)
    return found


def test_a_surname_with_its_office_is_the_pocom_person_not_a_stub(offices):
    Person.objects.create(name="Grew", surname="Grew", needs_review=True)
    registry = EntityRegistry()
    found = resolve(registry, "Grew", "Ambassador in Japan", date(1939, 12, 18))
    assert found == person("grew-joseph-clark")
    # undated, the only Grew who ever held the office
    assert resolve(registry, "Grew", "Ambassador in Japan", None) == person("grew-joseph-clark")


def test_two_holders_who_share_a_surname_are_told_apart(offices):
    china = resolve(offices, "Johnson", "Ambassador in China", date(1937, 8, 1))
    sweden = resolve(offices, "Johnson", "Minister in Sweden", date(1942, 3, 1))
    assert china == person("johnson-nelson-trusler")
    assert sweden == person("johnson-herschel-vespasian")
    assert resolve(offices, "Johnson", "Minister in China", date(1932, 1, 1)) == china


def test_the_secretary_of_state_is_the_holder_on_that_day(offices):
    assert resolve(offices, "", "Secretary of State", date(1930, 10, 20)) == person(
        "stimson-henry-lewis"
    )
    assert resolve(offices, "", "Secretary of State", date(1934, 10, 3)) == person("hull-cordell")
    assert resolve(offices, "", "Secretary of State", None) is None  # undated: not guessed
    assert resolve(offices, "", "Minister in Siam", date(1938, 1, 1)) == person(
        "baker-james-marion"
    )


def test_in_a_gap_pocom_does_not_cover_no_one_is_guessed(offices):
    gap = date(1936, 10, 1)  # between Bullitt and Davies: a chargé held the Embassy
    assert resolve(offices, "", "Ambassador in the Soviet Union", gap) is None
    assert resolve(offices, "", "Chargé in the Soviet Union", gap) is None
    found = resolve(offices, "Henderson", "Chargé in the Soviet Union", gap)
    assert found is not None and found.hsg_id == "" and found.needs_review  # a stub to review
    # a partial end date: the month is nobody's
    assert resolve(offices, "", "Minister in Siam", date(1940, 6, 15)) is None


def test_the_acting_secretary_is_read_from_the_signature(offices):
    found = resolve(offices, "", "Acting Secretary of State", date(1930, 3, 3), signature="Cotton")
    assert found == person("cotton-joseph-potter")
    # the Secretary himself is not the acting one, and a name outside the
    # Department that day is not taken for him
    assert resolve(offices, "", "Acting Secretary of State", date(1930, 3, 3), "") is None


DOCUMENT = """711.94/1: Telegram
The Secretary of State to the Ambassador in Japan (Grew)
Washington, January 8, 1940—7 p.m.
13. Your 1. Noted.
Hull
"""


@pytest.mark.django_db
def test_an_imported_heading_gets_both_people(offices, tmp_path):
    Person.objects.create(name="Grew", surname="Grew", needs_review=True)  # an old stub
    path = tmp_path / "doc.txt"
    path.write_text(DOCUMENT, encoding="utf-8")
    call_command("import_seeds", str(path), "--no-authorities", verbosity=0)
    telegram = Telegram.objects.get()
    assert telegram.sender == person("hull-cordell")
    assert telegram.recipient == person("grew-joseph-clark")
    signer = telegram.personmention_set.get(role="signatory")
    assert signer.person == person("hull-cordell")
