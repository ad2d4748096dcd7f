"""A person's change page lists the documents in every role, footnotes and signatures too."""

from __future__ import annotations

from django.core.management import call_command
from django.urls import reverse

from archive.models import Person
from tests.linking.test_footnote_linking import DOC


def test_a_person_identified_only_in_a_footnote_lists_that_document(admin_client, tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text(DOC, encoding="utf-8")
    call_command("import_seeds", str(path), "--no-authorities", verbosity=0)
    mchugh = Person.objects.get(surname="McHugh")
    page = admin_client.get(reverse("admin:archive_person_change", args=[mchugh.pk]))
    html = page.content.decode()
    assert "Identified in a footnote" in html
    assert "No documents yet." not in html
    assert (
        "Signed"
        in admin_client.get(
            reverse("admin:archive_person_change", args=[Person.objects.get(surname="Johnson").pk])
        ).content.decode()
    )
