"""The admin's Import → preview → Confirm, posted as a browser posts it.

Issue 10, defect 6: admin import wrote values the model forbids
(``kind=cable``, ``needs_review=maybe`` stored as false, Wikidata id
``not-a-qid``). Defect 3: a description changed through admin import was
put back by the next ``import_seeds``.
"""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.urls import reverse

from archive.exchange import StrictBooleanWidget
from archive.models import Person, Place, Telegram
from tests.conftest import SEED_000

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, imported_seeds) -> User:
    user = User.objects.create_user("ed", password="pw-123-secret-xyz", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    client.force_login(user)
    return user


def preview(client, model: str, csv_text: str):
    """Upload a CSV file to the model's Import page, as the browser's form does."""
    upload = io.BytesIO(csv_text.encode("utf-8"))
    upload.name = f"{model}.csv"
    response = client.post(
        reverse(f"admin:archive_{model}_import"),
        {"format": "0", "import_file": upload, "resource": "0"},
    )
    assert response.status_code == 200
    return response


def confirm(client, model: str, response):
    form = response.context["confirm_form"]
    done = client.post(
        reverse(f"admin:archive_{model}_process_import"),
        {k: v for k, v in form.initial.items() if v is not None},
    )
    assert done.status_code == 302
    return done


def refused(response, row: int, message: str) -> None:
    """The preview lists the row with its number and the model's message, and offers no Confirm."""
    page = response.content.decode()
    assert response.context.get("confirm_form") is None
    assert 'name="confirm"' not in page and "Confirm import" not in page
    result = response.context["result"]
    invalid = {r.number: str(r.error_dict) for r in result.invalid_rows}
    assert row in invalid and message in invalid[row], invalid
    assert f"<td>{row} </td>" in page
    assert message in page


# --- defect 6: values the model forbids ------------------------------------------------------


def test_a_kind_outside_the_choices_is_refused(client, editor):
    telegram = Telegram.objects.order_by("identifier").first()
    response = preview(
        client, "telegram", f"identifier,kind\n{telegram.identifier},telegram\nnew-doc,cable\n"
    )
    refused(response, 2, "is not a valid choice")
    assert not Telegram.objects.filter(kind="cable").exists()


def test_needs_review_maybe_is_refused_not_stored_as_false(client, editor):
    person = Person.objects.get(authority_key="henderson-loy-w")
    person.needs_review = True
    person.save()
    response = preview(
        client,
        "person",
        "authority_key,name,needs_review\nhenderson-loy-w,Loy W. Henderson,maybe\n",
    )
    refused(response, 1, "is not yes or no")
    person.refresh_from_db()
    assert person.needs_review is True


def test_identifier_formats_are_refused(client, editor):
    response = preview(
        client,
        "person",
        "authority_key,name,wikidata_id,viaf_id\n"
        "henderson-loy-w,Loy W. Henderson,Q4357,\n"
        "someone-new,Someone New,not-a-qid,\n",
    )
    refused(response, 2, "A Wikidata id is Q followed by digits")
    response = preview(
        client, "place", "authority_key,name,kind,geonames_id\nnowhere,Nowhere,city,GN-12\n"
    )
    refused(response, 1, "This id is digits only")
    assert not Person.objects.filter(wikidata_id="not-a-qid").exists()


def test_dates_are_refused(client, editor):
    telegram = Telegram.objects.order_by("identifier").first()
    response = preview(
        client,
        "telegram",
        "identifier,date_earliest,date_latest\n"
        f"{telegram.identifier},1934-13-45,\n"
        f"{telegram.identifier},1935-02-01,1935-01-01\n",
    )
    result = response.context["result"]
    assert response.context.get("confirm_form") is None
    numbers = {r.number for r in result.invalid_rows}
    assert numbers == {1, 2}, [r.error_dict for r in result.invalid_rows]


def test_strict_booleans():
    widget = StrictBooleanWidget()
    for word, value in (("TRUE", True), ("yes", True), (1, True), ("0", False), ("no", False)):
        assert widget.clean(word) is value
    assert widget.clean("") is None
    for word in ("maybe", "2", "ja"):
        with pytest.raises(ValueError):
            widget.clean(word)


# --- defect 3: what an editor imports is theirs -------------------------------------------


def test_an_admin_import_survives_the_next_import_seeds(client, editor):
    person = Person.objects.get(authority_key="henderson-loy-w")
    version = person.version
    described = "Chargé d'affaires in Moscow; corrected by an editor."
    response = preview(
        client,
        "person",
        f'authority_key,name,description\nhenderson-loy-w,Loy W. Henderson,"{described}"\n',
    )
    confirm(client, "person", response)
    person.refresh_from_db()
    assert person.description == described
    assert person.protected_fields == ["description"]  # the name did not change
    assert person.version == version + 1
    assert person.history.first().history_user == editor

    call_command("import_seeds", verbosity=0)
    person.refresh_from_db()
    assert person.description == described


def test_an_unchanged_admin_import_protects_nothing(client, editor):
    place = Place.objects.get(authority_key="soviet-union")
    response = preview(
        client, "place", f"authority_key,name,kind\nsoviet-union,{place.name},{place.kind}\n"
    )
    confirm(client, "place", response)
    place.refresh_from_db()
    assert place.protected_fields == []


def test_a_document_field_imported_by_an_editor_survives_a_reimport(client, editor, seed_dir):
    telegram = Telegram.objects.get(source_file__endswith=SEED_000.name)
    heading = "The Chargé in the Soviet Union (Loy W. Henderson) to the Secretary of State"
    response = preview(
        client, "telegram", f'identifier,heading\n{telegram.identifier},"{heading}"\n'
    )
    confirm(client, "telegram", response)
    telegram.refresh_from_db()
    assert telegram.heading == heading and telegram.protected_fields == ["heading"]
    assert telegram.history.first().history_user == editor

    # The source is corrected and imported again: its heading is left as the editor set it.
    source = seed_dir / SEED_000.name
    source.write_text(
        source.read_text(encoding="utf-8").replace("several days ago", "some days ago"),
        encoding="utf-8",
    )
    call_command("import_seeds", str(source), "--no-authorities", verbosity=0)
    telegram.refresh_from_db()
    assert "some days ago" in telegram.body  # the correction was applied
    assert telegram.heading == heading


def test_the_import_script_still_leaves_protected_fields_alone(imported_seeds):
    """Without a user (import_seeds, code) an import never overwrites an editor's field."""
    import tablib

    from archive.resources import PersonResource

    person = Person.objects.get(authority_key="henderson-loy-w")
    person.description = "An editor's description."
    person.protect(["description"])
    person.save()
    dataset = tablib.Dataset(headers=["authority_key", "name", "description"])
    dataset.append(["henderson-loy-w", "Loy W. Henderson", "The list's description."])
    result = PersonResource().import_data(dataset)
    assert not result.has_errors() and not result.has_validation_errors()
    person.refresh_from_db()
    assert person.description == "An editor's description."


def test_crlf_in_a_cell_is_no_change(client, editor):
    """A cell from a Windows spreadsheet (CRLF, spaces at line ends): the same text, no change."""
    person = Person.objects.get(authority_key="henderson-loy-w")
    Person.objects.filter(pk=person.pk).update(description="First line.\nSecond line.")
    version = person.history.count()
    response = preview(
        client,
        "person",
        'authority_key,name,description\r\nhenderson-loy-w,Loy W. Henderson,"First line.  \r\n'
        'Second line."\r\n',
    )
    confirm(client, "person", response)
    person.refresh_from_db()
    assert person.description == "First line.\nSecond line."
    assert person.protected_fields == []
    assert person.history.count() == version
