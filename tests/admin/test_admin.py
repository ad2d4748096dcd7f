"""The admin: every record can be found and corrected; corrections are protected."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from archive.models import Person, Telegram
from tests.conftest import form_data as _form_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model",
    ["telegram", "person", "place", "footnote", "annotation", "personmention", "placemention"],
)
def test_changelists_search_and_change_pages_open(admin_client, imported_seeds, model):
    url = reverse(f"admin:archive_{model}_changelist")
    assert admin_client.get(url).status_code == 200
    assert admin_client.get(url, {"q": "Litvinov"}).status_code == 200
    model_class = admin.site._registry
    instance = next(m for m in model_class if m._meta.model_name == model).objects.first()
    change = reverse(f"admin:archive_{model}_change", args=[instance.pk])
    assert admin_client.get(change).status_code == 200


def test_every_foreign_key_has_autocomplete():
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label != "archive":
            continue
        assert model_admin.search_fields, model
        foreign_keys = {
            f.name for f in model._meta.fields if f.is_relation and f.editable and f.name != "id"
        }
        editable = foreign_keys - set(model_admin.readonly_fields)
        assert editable <= set(model_admin.autocomplete_fields), model


def test_search_finds_body_text(admin_client, imported_seeds):
    response = admin_client.get(reverse("admin:archive_telegram_changelist"), {"q": "Kremlin"})
    assert response.context["cl"].result_count == 2


def test_autocomplete_answers_for_people(admin_client, imported_seeds):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "archive", "model_name": "telegram", "field_name": "sender", "term": "Hend"},
    )
    assert response.status_code == 200
    assert "Loy W. Henderson" in response.content.decode()


def test_editor_change_is_protected_from_reimport(admin_client, imported_seeds):
    from django.core.management import call_command

    telegram = Telegram.objects.get(file_number="793.94/7527")
    url = reverse("admin:archive_telegram_change", args=[telegram.pk])
    data = _form_data(admin_client.get(url))
    data["signature"] = "Loy W. Henderson"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    telegram.refresh_from_db()
    assert telegram.protected_fields == ["signature"]
    Telegram.objects.filter(pk=telegram.pk).update(source_sha256="stale")
    call_command("import_seeds", verbosity=0)
    telegram.refresh_from_db()
    assert telegram.signature == "Loy W. Henderson"


def test_person_change_is_protected(admin_client, imported_seeds):
    person = Person.objects.get(authority_key="yen-hui-ching")
    url = reverse("admin:archive_person_change", args=[person.pk])
    data = _form_data(admin_client.get(url))
    data["description"] = "Chinese Ambassador in Moscow."
    assert admin_client.post(url, data).status_code == 302
    person.refresh_from_db()
    assert person.protected_fields == ["description"]
