"""The admin's XLSX export, imported again through the admin, gives back every row.

Issue 12, item 9: XLSX export then import failed on every row of every
model. Each list is exported from its admin page as a browser does (every
field ticked), the archive emptied, and each file posted to the model's
Import page, previewed and confirmed.
"""

from __future__ import annotations

import io
import re
import shutil

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from archive import search
from archive.models import (
    Annotation,
    CountryCode,
    Footnote,
    OfficeHolding,
    Person,
    PersonMention,
    Place,
    PlaceMention,
    Telegram,
)
from tests.conftest import CORPUS

pytestmark = pytest.mark.django_db

# In the order an empty archive must receive them (links first).
MODELS = [
    Place,
    CountryCode,
    Person,
    OfficeHolding,
    Telegram,
    Footnote,
    Annotation,
    PersonMention,
    PlaceMention,
]
# Bookkeeping the admin's files leave out on purpose: database ids, lock
# versions, timestamps the database writes, counts and the search index.
NOT_EXCHANGED = {
    "id",
    "version",
    "created_at",
    "updated_at",
    "search_vector",
    "public_documents",
    "sent_documents",
    "received_documents",
    "mentioned_documents",
    "origin_documents",
}
NOTE = '=HYPERLINK("http://example.org") is what the source prints; \'quoted'


def found(word: str) -> set[str]:
    return set(search.search(Telegram.objects.all(), word).values_list("identifier", flat=True))


def xlsx_index() -> str:
    return str([f.__name__ for f in settings.IMPORT_EXPORT_FORMATS].index("XLSX"))


def natural(value) -> object:
    if isinstance(value, (Person, Place)):
        return value.authority_key
    if isinstance(value, Telegram):
        return value.identifier
    if hasattr(value, "get_username"):
        return value.get_username()
    return value


def rows_of(model) -> list[dict]:
    """Every row of ``model``, every exchanged field, links by natural key, in a stable order."""
    rows = [
        {
            field.name: natural(getattr(row, field.name))
            for field in model._meta.concrete_fields
            if field.name not in NOT_EXCHANGED
        }
        for row in model.objects.all()
    ]
    return sorted(rows, key=repr)


def export_xlsx(client, model) -> bytes:
    url = reverse(f"admin:archive_{model._meta.model_name}_export")
    form = client.get(url).context["form"]
    data = {"format": xlsx_index(), "resource": "0"}
    data.update(
        {name: "on" for name in form.fields if name not in ("format", "resource", "export_items")}
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return response.content


def import_xlsx(client, model, content: bytes) -> None:
    name = model._meta.model_name
    upload = io.BytesIO(content)
    upload.name = f"{name}.xlsx"
    response = client.post(
        reverse(f"admin:archive_{name}_import"),
        {"format": xlsx_index(), "import_file": upload, "resource": "0"},
    )
    assert response.status_code == 200
    result = response.context["result"]
    errors = [(n, [str(e.error) for e in errs]) for n, errs in result.row_errors()]
    invalid = [(r.number, r.error_dict) for r in result.invalid_rows]
    assert not errors and not invalid and not result.base_errors, (name, errors, invalid)
    form = response.context["confirm_form"]
    done = client.post(
        reverse(f"admin:archive_{name}_process_import"),
        {k: v for k, v in form.initial.items() if v is not None},
    )
    assert done.status_code == 302, name


def test_xlsx_export_then_import_through_the_admin_gives_back_every_row(
    admin_client, admin_user, tmp_path
):
    call_command("import_seeds", verbosity=0)
    for path in sorted((CORPUS / "docs").glob("*.txt"))[11:14]:
        shutil.copy(path, tmp_path)
    call_command("import_seeds", str(tmp_path), verbosity=0)
    telegram = Telegram.objects.filter(footnotes__isnull=False).first()
    telegram.notes = NOTE
    telegram.save()
    Annotation.objects.create(
        telegram=telegram,
        kind="note",
        quote=telegram.body.split()[2],
        text=NOTE,
        author=admin_user,
    )
    word = max(re.findall(r"[A-Za-z]{5,}", telegram.body), key=len)
    searched = found(word)
    assert searched
    before = {model: rows_of(model) for model in MODELS}
    assert all(before.values())
    files = {model: export_xlsx(admin_client, model) for model in MODELS}

    for model in reversed(MODELS):
        model.objects.all().delete()
    for model in MODELS:
        import_xlsx(admin_client, model, files[model])

    for model in MODELS:
        assert rows_of(model) == before[model], model.__name__
    assert Telegram.objects.get(notes=NOTE)
    assert found(word) == searched  # imported documents are indexed for search


def test_an_unchanged_xlsx_file_changes_nothing_through_the_admin(admin_client, imported_seeds):
    telegram = Telegram.objects.first()
    versions = dict(Telegram.objects.values_list("identifier", "version"))
    content = export_xlsx(admin_client, Telegram)
    import_xlsx(admin_client, Telegram, content)
    telegram.refresh_from_db()
    assert telegram.protected_fields == []
    assert dict(Telegram.objects.values_list("identifier", "version")) == versions
