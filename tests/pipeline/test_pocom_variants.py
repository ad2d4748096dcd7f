"""POCOM's other forms of a name, printed in parentheses, become aliases, not part of the name."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from archive.models import Person
from archive.pocom import PocomPerson


def test_a_name_is_read_without_its_other_form_and_keeps_it_as_an_alias():
    ratshesky = PocomPerson("ratshesky-abraham-c", "Ratshesky (Radzkey)", "Abraham C.")
    assert (ratshesky.plain_surname, ratshesky.name) == ("Ratshesky", "Abraham C. Ratshesky")
    assert ratshesky.variants == ["Abraham C. Radzkey"]
    mesta = PocomPerson("mesta-perle", "Mesta", "Perle (Pearl) Reid Skirvin")
    assert (mesta.plain_forenames, mesta.name) == (
        "Perle Reid Skirvin",
        "Perle Reid Skirvin Mesta",
    )
    assert mesta.variants == ["Pearl Reid Skirvin Mesta"]
    assert PocomPerson("grew-joseph-clark", "Grew", "Joseph Clark").variants == []


def _extract(tmp_path, surname: str) -> str:
    path = tmp_path / "extract.jsonl"
    rows = [
        {"format": "pocom-extract/1", "source": "test", "note": ""},
        {"person": {"id": "ratshesky-abraham-c", "surname": surname, "forenames": "Abraham C."}},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return str(path)


@pytest.mark.django_db
def test_import_offices_stores_the_plain_name_and_the_other_form_as_alias(tmp_path):
    call_command("import_offices", _extract(tmp_path, "Ratshesky (Radzkey)"), verbosity=0)
    person = Person.objects.get(hsg_id="ratshesky-abraham-c")
    assert (person.name, person.surname) == ("Abraham C. Ratshesky", "Ratshesky")
    assert person.aliases == ["Abraham C. Radzkey"]
    # Again: nothing is added twice.
    call_command("import_offices", _extract(tmp_path, "Ratshesky (Radzkey)"), verbosity=0)
    person.refresh_from_db()
    assert person.aliases == ["Abraham C. Radzkey"]


@pytest.mark.django_db
def test_an_editors_protected_aliases_are_kept(tmp_path):
    call_command("import_offices", _extract(tmp_path, "Ratshesky"), verbosity=0)
    person = Person.objects.get(hsg_id="ratshesky-abraham-c")
    person.aliases = ["A. C. Ratshesky"]
    person.protected_fields = ["aliases"]
    person.save()
    call_command("import_offices", _extract(tmp_path, "Ratshesky (Radzkey)"), verbosity=0)
    person.refresh_from_db()
    assert person.aliases == ["A. C. Ratshesky"]


@pytest.mark.django_db
def test_an_alias_the_editor_removed_in_the_admin_is_not_put_back(admin_client, tmp_path):
    from django.urls import reverse

    from tests.conftest import form_data

    call_command("import_offices", _extract(tmp_path, "Ratshesky (Radzkey)"), verbosity=0)
    person = Person.objects.get(hsg_id="ratshesky-abraham-c")
    url = reverse("admin:archive_person_change", args=[person.pk])
    data = form_data(admin_client.get(url))  # every field and row, textareas with CRLF
    assert "Radzkey" in str(data.get("aliases"))
    data["aliases"] = ""
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content[:2000]
    person.refresh_from_db()
    assert person.aliases == [] and "aliases" in person.protected_fields
    call_command("import_offices", _extract(tmp_path, "Ratshesky (Radzkey)"), verbosity=0)
    person.refresh_from_db()
    assert person.aliases == []
