"""The editor's page: quality list, layout, history labels and diffs, speed."""

from __future__ import annotations

import html as html_lib
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from archive import quality
from archive.models import (
    Annotation,
    Footnote,
    Person,
    PersonMention,
    Place,
    PlaceMention,
    QualityAcceptance,
    QualityCheck,
    Telegram,
    TelegramReference,
)
from tests.conftest import CORPUS, form_data

pytestmark = pytest.mark.django_db


def busy_telegram(mentions: int, annotations: int = 5) -> Telegram:
    """A document with ``mentions`` person and place mentions and some annotations."""
    words = [f"Word{i}" for i in range(annotations)]
    sender = Person.objects.create(name=f"Sender {mentions}", surname="Sender")
    origin = Place.objects.create(name=f"Origin {mentions}")
    telegram = Telegram.objects.create(
        identifier=f"busy-{mentions}",
        heading="Busy document",
        body="Paragraph one.[^1] " + " ".join(words) + "\n\nParagraph two.[^2]",
        sender=sender,
        recipient=sender,
        origin=origin,
    )
    citing = Telegram.objects.create(identifier=f"citing-{mentions}", heading="Reply")
    TelegramReference.objects.create(source=citing, target=telegram, quote="your 1")
    TelegramReference.objects.create(source=telegram, target=citing, quote="my 2")
    for order in (1, 2):
        Footnote.objects.create(
            telegram=telegram, marker=str(order), order=order, text="A note.", person=sender
        )
    half = mentions // 2
    for i in range(half):
        person = Person.objects.create(name=f"Person {mentions}-{i}", surname=f"P{i}")
        PersonMention.objects.create(telegram=telegram, person=person, role="mentioned")
    for i in range(mentions - half):
        place = Place.objects.create(name=f"Place {mentions}-{i}")
        PlaceMention.objects.create(telegram=telegram, place=place, role="mentioned")
    for word in words:
        start = telegram.body.index(word)
        Annotation.objects.create(
            telegram=telegram,
            kind="note",
            quote=word,
            start=start,
            end=start + len(word),
            text="note",
            person=sender,
            place=origin,
            target=citing,
        )
    return telegram


def change_page_queries(client, telegram: Telegram) -> int:
    url = reverse("admin:archive_telegram_change", args=[telegram.pk])
    client.get(url)  # a running server has its content types cached
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_change_page_queries_do_not_grow_with_mentions(admin_client):
    """Each autocomplete widget once cost a query per row: 55 queries for 20 mentions."""
    small = change_page_queries(admin_client, busy_telegram(5))
    large = change_page_queries(admin_client, busy_telegram(20))
    assert small == large
    assert large <= 25


# --- the data-quality page ------------------------------------------------------------------


def shared_number(number: str = "711.00/1", count: int = 2) -> list[Telegram]:
    return [
        Telegram.objects.create(identifier=f"shared-{i}", heading=f"Doc {i}", file_number=number)
        for i in range(count)
    ]


def editor(username: str = "editor-q", *, group: bool = True):
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(username, password="a-long-test-password-1", is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name="Editor"))
    return user


def accept_forms(html: str) -> list[dict]:
    """The hidden fields of every Accept form on the quality page, as a browser sends them."""
    forms = re.findall(
        r'<form method="post" action="([^"]+)" class="quality-accept">(.*?)</form>', html, re.S
    )
    found = []
    for action, inner in forms:
        fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', inner))
        fields = {k: html_lib.unescape(v) for k, v in fields.items()}
        found.append({"action": action, **fields})
    return found


def test_document_list_links_the_quality_page_beside_import_and_export(admin_client):
    """django-import-export's list template hid the button the archive's template added."""
    html = admin_client.get(reverse("admin:archive_telegram_changelist")).content.decode()
    tools = html.split('class="object-tools"')[1].split("</ul>")[0]
    assert reverse("admin:archive_quality") in tools
    assert "Data quality" in tools and "Import" in tools and "Export" in tools


def test_quality_lists_live_outside_the_admin():
    import archive.admin.telegrams as telegram_admin

    assert not hasattr(telegram_admin, "quality")
    assert not hasattr(telegram_admin, "likely_duplicate_people")
    assert callable(quality.quality) and callable(quality.likely_duplicate_people)


def test_an_accepted_finding_leaves_the_list_and_withdrawing_brings_it_back(client):
    shared_number()
    user = editor()
    client.force_login(user)
    page = client.get(reverse("admin:archive_quality")).content.decode()
    assert "711.00/1" in page.split("File numbers on more than one document")[1]
    (form,) = [f for f in accept_forms(page) if f["check"] == "duplicates"]
    assert form["key"] == "711.00/1: shared-0, shared-1"
    response = client.post(form.pop("action"), {**form, "note": "two parts of one despatch"})
    assert response.status_code == 302
    acceptance = QualityAcceptance.objects.get()
    assert acceptance.user == user and acceptance.note == "two parts of one despatch"
    assert acceptance.history.get().history_user == user
    page = client.get(reverse("admin:archive_quality")).content.decode()
    section = page.split("File numbers on more than one document")[1].split("<h2")[0]
    assert "711.00/1" not in section
    assert "1 accepted finding" in page
    # the list of acceptances, where one is withdrawn
    changelist = reverse("admin:archive_qualityacceptance_changelist")
    assert "two parts of one despatch" in client.get(changelist).content.decode()
    client.post(
        changelist, {"action": "withdraw", "_selected_action": [acceptance.pk], "index": 0}
    )
    assert not QualityAcceptance.objects.exists()
    assert QualityAcceptance.history.filter(history_type="-", history_user=user).exists()
    page = client.get(reverse("admin:archive_quality")).content.decode()
    assert "711.00/1" in page.split("File numbers on more than one document")[1]


def test_a_new_document_under_an_accepted_number_shows_again(admin_user):
    shared_number()
    (finding,) = quality.quality()["duplicates"]
    quality.accept(finding.check, finding.key, admin_user)
    assert quality.quality()["duplicates"] == []
    Telegram.objects.create(identifier="shared-9", heading="Later", file_number="711.00/1")
    (again,) = quality.quality()["duplicates"]
    assert again.detail == "3 documents"


def test_accepted_findings_do_not_eat_the_limit(admin_user):
    for i in range(4):
        Telegram.objects.create(identifier=f"undated-{i}", heading="No date")
    for finding in quality.quality(limit=2)["no_date"]:
        quality.accept(finding.check, finding.key, admin_user)
    shown = quality.quality(limit=2)["no_date"]
    assert [f.key for f in shown] == ["undated-2", "undated-3"]


def test_accepting_needs_post_csrf_and_change_permission(client):
    from django.contrib.auth.models import Permission
    from django.test import Client

    shared_number()
    url = reverse("admin:archive_quality_accept")
    data = {"check": "duplicates", "key": "711.00/1: shared-0, shared-1"}
    reader = editor("reader", group=False)
    reader.user_permissions.add(Permission.objects.get(codename="view_telegram"))
    client.force_login(reader)
    page = client.get(reverse("admin:archive_quality")).content.decode()
    assert page.count("Accept</button>") == 0
    assert client.post(url, data).status_code == 403
    client.force_login(editor())
    assert client.get(url, data).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor("editor-csrf"))
    assert strict.post(url, data).status_code == 403
    assert not QualityAcceptance.objects.exists()
    response = client.post(url, {"check": "no-such-check", "key": "x"}, follow=True)
    assert "Not accepted" in response.content.decode()
    assert not QualityAcceptance.objects.exists()
    client.post(url, data)
    assert QualityAcceptance.objects.count() == 1


def test_every_list_can_be_accepted(admin_client, admin_user):
    """Each check's findings carry a key an acceptance removes them by."""
    from django.core.management import call_command

    call_command("import_seeds", verbosity=0)
    call_command("import_seeds", str(CORPUS / "docs"), verbosity=0)
    Person.objects.create(name="Joseph Grew", surname="Grew", aliases=["Grew"])
    found = quality.quality()
    checks = [c for c, _ in QualityCheck.choices if found[c]]
    assert {"duplicates", "likely_duplicates", "never_places", "unread_numbers"} <= set(checks)
    for check in checks:
        first = found[check][0]
        quality.accept(check, first.key, admin_user)
        assert first.key not in [f.key for f in quality.quality()[check]]
    assert admin_client.get(reverse("admin:archive_quality")).status_code == 200


# --- history ----------------------------------------------------------------------------------


def content_of(response) -> str:
    html = response.content.decode()
    return re.sub(r"\s+", " ", html.split('id="content"')[1].split("END Content")[0])


def test_history_shows_labels_word_differences_and_no_none(admin_client, imported_seeds):
    telegram = Telegram.objects.get(file_number="793.94/7527")
    url = reverse("admin:archive_telegram_change", args=[telegram.pk])
    data = form_data(admin_client.get(url))
    data["body"] = data["body"].replace("informed me yesterday", "told me yesterday")
    data["review_status"] = "in_review"
    assert telegram.date_earliest is None
    data["date_earliest"] = data["date_latest"] = "1937-09-01"
    data["notes"] = "Checked against the printed volume."
    assert admin_client.post(url, data).status_code == 302
    history = reverse("admin:archive_telegram_history", args=[telegram.pk])
    page = content_of(admin_client.get(history))
    assert "<del>informed </del><ins>told </ins>me yesterday" in page
    assert "Review status:</strong> unreviewed&nbsp;&rarr;&nbsp;in review" in page
    assert "<ins>Checked against the printed volume.</ins>" in page
    for internal in ("protected_fields", "Protected fields", "decimal_status", ">None<", " None "):
        assert internal not in page, internal
    assert "<td>Body, Date earliest, Date latest, Notes, Review status</td>" in page
    # the page of that version says what it changed, in the same words
    version = telegram.history.first()
    version_page = content_of(
        admin_client.get(
            reverse(
                "admin:archive_telegram_simple_history", args=[telegram.pk, version.history_id]
            )
        )
    )
    assert "What this version changed" in version_page
    assert "<del>informed </del><ins>told </ins>" in version_page
    assert "Date earliest:</strong> (empty)&nbsp;&rarr;&nbsp;1937-09-01" in version_page


def test_annotation_history_hides_cached_offsets(admin_client, imported_seeds):
    telegram = Telegram.objects.get(file_number="793.94/7527")
    url = reverse("admin:archive_telegram_change", args=[telegram.pk])
    data = form_data(admin_client.get(url))
    data["annotations-TOTAL_FORMS"] = "1"
    data.update(
        {
            "annotations-0-kind": "note",
            "annotations-0-quote": "Nine Power Treaty",
            "annotations-0-text": "Signed at Washington in 1922.",
            "annotations-0-is_public": "on",
            "annotations-0-telegram": str(telegram.pk),
        }
    )
    assert admin_client.post(url, data).status_code == 302
    annotation = Annotation.objects.get(telegram=telegram, quote="Nine Power Treaty")
    data = form_data(admin_client.get(url))
    data["annotations-0-quote"] = "the Nine Power Treaty"
    assert admin_client.post(url, data).status_code == 302
    history = reverse("admin:archive_annotation_history", args=[annotation.pk])
    page = content_of(admin_client.get(history))
    assert "<ins>the </ins>Nine Power Treaty" in page
    for internal in ("Start:", "End:", ">start<", ">end<", "Version:", " None "):
        assert internal not in page, internal


# --- the change page's layout (what the browser test measures, checked on the HTML) ----------


def test_identifier_is_read_only_and_heading_a_box(admin_client, imported_seeds):
    telegram = Telegram.objects.get(file_number="793.94/7527")
    url = reverse("admin:archive_telegram_change", args=[telegram.pk])
    response = admin_client.get(url)
    html = response.content.decode()
    assert 'name="identifier"' not in html
    assert re.search(r'<textarea name="heading" cols="100" rows="3"', html)
    data = form_data(response)
    data["identifier"] = "someone-typed-this"
    data["heading"] = telegram.heading.replace(" to the ", "\r\nto the ", 1)
    assert admin_client.post(url, data).status_code == 302
    telegram.refresh_from_db()
    assert telegram.identifier != "someone-typed-this"
    assert "\n" not in telegram.heading and " to the " in telegram.heading
    # adding a document by hand still asks for its identifier
    add = admin_client.get(reverse("admin:archive_telegram_add")).content.decode()
    assert 'name="identifier"' in add


def test_document_list_shows_heading_and_sender(admin_client, imported_seeds):
    telegram = Telegram.objects.get(file_number="793.94/7527")
    html = admin_client.get(reverse("admin:archive_telegram_changelist")).content.decode()
    assert "The Chargé in the Soviet Union (Henderson) to the Secretary of State" in html
    assert str(telegram.sender) in html
    assert "column-short_heading" in html and "column-sender" in html


def test_long_headings_are_cut_in_the_list(admin_client):
    Telegram.objects.create(identifier="long", heading="A very long heading " * 20)
    html = admin_client.get(reverse("admin:archive_telegram_changelist")).content.decode()
    assert ("A very long heading " * 20).strip() not in html
    assert "A very long heading A very long heading" in html and "…" in html


@pytest.mark.parametrize("model", ["person", "place"])
def test_name_comes_first_on_person_and_place_pages(admin_client, imported_seeds, model):
    record = {"person": Person, "place": Place}[model].objects.first()
    html = admin_client.get(reverse(f"admin:archive_{model}_change", args=[record.pk]))
    rows = re.findall(r'class="form-row[^"]*field-(\w+)', html.content.decode())
    assert rows[0] == "name"
    assert rows.index("notes") > rows.index("description")


def test_inline_widgets_are_narrow(admin_client):
    telegram = busy_telegram(4)
    html = admin_client.get(reverse("admin:archive_telegram_change", args=[telegram.pk]))
    html = html.content.decode()
    notes = re.findall(
        r'<textarea name="personmention_set-0-notes" cols="(\d+)" rows="(\d+)"', html
    )
    assert notes == [("16", "1")]
    text = re.findall(r'<textarea name="footnotes-0-text" cols="(\d+)" rows="(\d+)"', html)
    assert text == [("20", "2")]
    # a person in a row is viewed from there, added or changed on its own page
    row = html.split('id="personmention_set-0"')[1].split("</tr>")[0]
    assert "view-related" in row and "add-related" not in row and "change-related" not in row


# --- speed: widgets written without templates give the same page -----------------------------


def csrf_free(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


@pytest.mark.parametrize("page", ["change", "add", "person", "list"])
def test_direct_widgets_write_what_the_templates_write(admin_client, settings, page):
    """archive.forms_renderer must give Django's templates' HTML byte for byte."""
    telegram = busy_telegram(6)
    Footnote.objects.filter(telegram=telegram).update(text='Quotes " & <tags>\nand a line')
    telegram.heading = 'A "quoted" <heading> & more'
    telegram.save()
    url = {
        "change": reverse("admin:archive_telegram_change", args=[telegram.pk]),
        "add": reverse("admin:archive_telegram_add"),
        "person": reverse("admin:archive_person_change", args=[telegram.sender_id]),
        "list": reverse("admin:archive_personmention_changelist"),
    }[page]
    admin_client.get(url)
    fast = csrf_free(admin_client.get(url).content.decode())
    settings.FORM_RENDERER = "django.forms.renderers.DjangoTemplates"
    slow = csrf_free(admin_client.get(url).content.decode())
    assert fast == slow
    expected = {
        "change": ["<textarea", "<select", 'type="hidden"', 'type="checkbox"'],
        "add": ["<textarea", "<select", 'type="number"'],
        "person": ["<textarea", 'type="checkbox"', 'type="text"'],
        "list": ["<select", 'type="checkbox"'],
    }[page]
    assert all(piece in fast for piece in expected)
