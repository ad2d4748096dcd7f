"""Editors' work is never lost or silently changed: the change form, inline rows, the
list, revert. Every post here is what a browser sends (CRLF textareas, every row)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from archive.models import Footnote, Person, PersonMention, Telegram
from archive.normalise import is_normal, normalise_text
from archive.text import parse_document
from tests.conftest import CORPUS, SEED_000, SEEDS, form_data, page_form_data

pytestmark = pytest.mark.django_db


def change_url(obj) -> str:
    return reverse(f"admin:archive_{obj._meta.model_name}_change", args=[obj.pk])


def t000() -> Telegram:
    return Telegram.objects.get(file_number="793.94/7527")


def t002() -> Telegram:
    return Telegram.objects.get(file_number="761.9315 Manchuria/35")


def inline_prefix(data: dict, model: str) -> str:
    return next(k for k in data if k.endswith("-TOTAL_FORMS") and model in k).removesuffix(
        "-TOTAL_FORMS"
    )


# --- the rule ----------------------------------------------------------------------------


def test_the_rule_for_text():
    assert normalise_text("a\r\nb\rc") == "a\nb\nc"
    assert normalise_text("one  \r\n\r\ntwo\t\r\n") == "one\n\ntwo"
    assert normalise_text(" the League \r\n", exact=True) == " the League \n"
    assert normalise_text("") == ""


@pytest.mark.parametrize(
    "path", [*sorted((CORPUS / "docs").glob("*.txt")), *sorted(SEEDS.glob("*.txt"))]
)
def test_the_parser_keeps_the_rule(path):
    """The importer's bulk path writes parser values without a save: they must be normal."""
    parsed = parse_document(path.read_text(encoding="utf-8").replace("\n", "\r\n"))
    for name, value in vars(parsed).items():
        if isinstance(value, str) and name != "source_text":
            assert is_normal(value), name
    for note in parsed.footnotes:
        assert is_normal(note.text) and is_normal(note.anchor_text)
    for mark in parsed.marks:
        for value in (mark.quote, mark.prefix, mark.suffix):
            assert is_normal(value, exact=True)


# --- defect 1: saving a page rewrote and protected the body ------------------------------


def test_saving_one_field_changes_and_protects_only_that_field(admin_client, imported_seeds):
    telegram = t000()
    body, version = telegram.body, telegram.version
    data = form_data(admin_client.get(change_url(telegram)))
    assert "\r\n" in data["body"]  # what a browser posts
    data["review_status"] = "in_review"
    assert admin_client.post(change_url(telegram), data).status_code == 302
    telegram.refresh_from_db()
    assert telegram.body == body and "\r" not in telegram.body
    assert telegram.protected_fields == ["review_status"]
    assert telegram.version == version + 1
    latest = telegram.history.first()
    changes = {c.field for c in latest.diff_against(latest.prev_record).changes}
    assert changes == {"review_status", "protected_fields"}
    for annotation in telegram.annotations.all():
        assert "\r" not in annotation.prefix + annotation.suffix + annotation.quote
    json_url = reverse("archive:telegram-json", args=[telegram.identifier])
    document = admin_client.get(json_url).json()
    assert document["body"] == body
    assert all("\r" not in a["prefix"] + a["suffix"] for a in document["annotations"])
    page = admin_client.get(reverse("admin:archive_telegram_source_diff", args=[telegram.pk]))
    assert page.context["unchanged"] is True


def test_a_corrected_source_is_applied_after_a_save_without_body_change(
    admin_client, imported_seeds, tmp_path
):
    telegram = t000()
    data = form_data(admin_client.get(change_url(telegram)))
    data["review_status"] = "in_review"
    admin_client.post(change_url(telegram), data)
    corrected = tmp_path / "000.txt"
    text = SEED_000.read_text(encoding="utf-8")
    assert "Kremlin" in text
    corrected.write_text(text.replace("Kremlin", "Kremlin (corrected)", 1), encoding="utf-8")
    call_command("import_seeds", str(corrected), "--no-authorities", verbosity=0)
    telegram.refresh_from_db()
    assert "Kremlin (corrected)" in telegram.body
    assert telegram.review_status == "in_review"  # the editor's field is kept


def test_a_page_saved_without_change_writes_nothing(admin_client, imported_seeds):
    telegram = t002()
    history = telegram.history.count()
    note_history = Footnote.history.count()
    mention_history = PersonMention.history.count()
    data = form_data(admin_client.get(change_url(telegram)))
    assert admin_client.post(change_url(telegram), data).status_code == 302
    telegram.refresh_from_db()
    assert telegram.history.count() == history
    assert Footnote.history.count() == note_history
    assert PersonMention.history.count() == mention_history
    assert telegram.protected_fields == []


def test_a_real_body_change_is_protected(admin_client, imported_seeds):
    telegram = t002()
    data = form_data(admin_client.get(change_url(telegram)))
    data["body"] = data["body"].replace("Kremlin", "Kremlin [sic]", 1) + "\r\n"
    assert admin_client.post(change_url(telegram), data).status_code == 302
    telegram.refresh_from_db()
    assert "Kremlin [sic]" in telegram.body and "\r" not in telegram.body
    assert not telegram.body.endswith("\n")
    assert telegram.protected_fields == ["body"]


# --- defect 2: revert ----------------------------------------------------------------------


def revert_url(obj, historical) -> str:
    name = f"admin:archive_{obj._meta.model_name}_simple_history"
    return reverse(name, args=[obj.pk, historical.history_id])


def test_revert_to_an_earlier_version(admin_client, admin_user, imported_seeds):
    telegram = t000()
    imported = telegram.history.earliest()
    data = form_data(admin_client.get(change_url(telegram)))
    data["signature"] = "Loy Henderson"
    admin_client.post(change_url(telegram), data)
    telegram.refresh_from_db()
    version = telegram.version
    # The revert form, exactly as the history page renders it.
    page = admin_client.get(revert_url(telegram, imported))
    response = admin_client.post(revert_url(telegram, imported), form_data(page))
    assert response.status_code == 302, response.content.decode()[:3000]
    telegram.refresh_from_db()
    assert telegram.signature == "Henderson"
    assert telegram.version == version + 1
    assert telegram.source_text  # fields outside the form keep today's values
    assert telegram.protected_fields == ["signature"]
    latest = telegram.history.first()
    assert latest.history_user == admin_user
    assert latest.history_change_reason.startswith("Reverted to the version of ")
    assert latest.history_change_reason.endswith(f"by {admin_user.username}")


def test_revert_is_refused_when_the_record_changed_since_the_page_was_opened(
    admin_client, imported_seeds
):
    telegram = t000()
    imported = telegram.history.earliest()
    page = admin_client.get(revert_url(telegram, imported))
    data = form_data(admin_client.get(change_url(telegram)))
    data["date_text"] = "December 1935"
    admin_client.post(change_url(telegram), data)
    response = admin_client.post(revert_url(telegram, imported), form_data(page))
    assert response.status_code == 200
    assert "Another editor saved this record" in response.content.decode()
    telegram.refresh_from_db()
    assert telegram.date_text == "December 1935"


def test_revert_of_a_person(admin_client, imported_seeds):
    person = Person.objects.filter(authority_key__isnull=False).first()
    data = form_data(admin_client.get(change_url(person)))
    old = data["description"]
    data["description"] = "A wrong description."
    admin_client.post(change_url(person), data)
    previous = person.history.all()[1]
    page = admin_client.get(revert_url(person, previous))
    assert admin_client.post(revert_url(person, previous), form_data(page)).status_code == 302
    person.refresh_from_db()
    assert person.description == normalise_text(old)


# --- defect 7 and 8: the list saves only what changed; locks are per record ---------------


def test_list_edit_saves_only_the_row_that_changed(admin_client, imported_seeds):
    telegram = t000()
    url = reverse("admin:archive_personmention_changelist")
    page = admin_client.get(url, {"telegram__id__exact": telegram.pk})
    data = page_form_data(page, "changelist-form")
    rows = int(data["form-TOTAL_FORMS"])
    assert rows >= 3
    assert all(f"form-{i}-loaded_version" in data for i in range(rows))
    versions = dict(PersonMention.objects.values_list("pk", "version"))
    history = PersonMention.history.count()
    changed_pk = int(data["form-1-id"])
    data["form-1-status"] = "rejected"
    data["_save"] = "Save"
    response = admin_client.post(f"{url}?telegram__id__exact={telegram.pk}", data)
    assert response.status_code == 302
    assert PersonMention.history.count() == history + 1
    after = dict(PersonMention.objects.values_list("pk", "version"))
    assert {pk for pk in after if after[pk] != versions[pk]} == {changed_pk}
    assert PersonMention.objects.get(pk=changed_pk).status == "rejected"


def test_a_stale_list_row_is_refused(admin_client, imported_seeds):
    telegram = t000()
    url = reverse("admin:archive_personmention_changelist")
    page = admin_client.get(url, {"telegram__id__exact": telegram.pk})
    data = page_form_data(page, "changelist-form")
    pk = int(data["form-0-id"])
    mention = PersonMention.objects.get(pk=pk)
    mention.status, mention.version = "confirmed", mention.version + 1
    mention.save()
    data["form-0-status"] = "rejected"
    data["_save"] = "Save"
    response = admin_client.post(f"{url}?telegram__id__exact={telegram.pk}", data)
    assert response.status_code == 200
    assert "Another editor saved this record" in response.content.decode()
    assert PersonMention.objects.get(pk=pk).status == "confirmed"


def test_locks_are_per_record_on_a_document_page(client, django_user_model, imported_seeds):
    first = django_user_model.objects.create_superuser("first", password="x-Secret-42-long")
    second = django_user_model.objects.create_superuser("second", password="x-Secret-42-long")
    telegram = t002()
    client.force_login(first)
    mine = form_data(client.get(change_url(telegram)))
    client.force_login(second)
    theirs = form_data(client.get(change_url(telegram)))
    # The second editor changes only a mention's status, and saves first.
    mentions = inline_prefix(theirs, "personmention")
    theirs[f"{mentions}-0-status"] = "confirmed"
    assert client.post(change_url(telegram), theirs).status_code == 302
    # The first editor changed only the footnote: not refused.
    client.force_login(first)
    notes = inline_prefix(mine, "footnote")
    mine[f"{notes}-0-text"] = "Identified by the editors."
    response = client.post(change_url(telegram), mine)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert telegram.footnotes.get().text == "Identified by the editors."
    assert telegram.personmention_set.order_by("role", "person")[0].status == "confirmed"
    # The same mention changed by both is refused, and names the field.
    client.force_login(first)
    stale = dict(mine)
    stale[f"{mentions}-0-status"] = "rejected"
    stale[f"{notes}-0-text"] = "Identified by the editors."
    response = client.post(change_url(telegram), stale)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Another editor saved this record" in page and "status is now" in page


# --- defect 6, change form side: identifiers are validated --------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [("wikidata_id", "not-a-qid"), ("wikidata_id", "Q0"), ("viaf_id", "12a")],
)
def test_bad_identifiers_are_refused_in_the_change_form(
    admin_client, imported_seeds, field, value
):
    person = Person.objects.filter(authority_key__isnull=False).first()
    data = form_data(admin_client.get(change_url(person)))
    data[field] = value
    response = admin_client.post(change_url(person), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors[field]
    person.refresh_from_db()
    assert getattr(person, field) != value


# --- the repair of rows stored before the rule ---------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migration_repairs_line_endings_and_unearned_protection(tmp_path):
    from tests.test_migrations import executor, later_leaves

    call_command("import_seeds", verbosity=0)
    telegram = t000()
    body = telegram.body
    Telegram.objects.filter(pk=telegram.pk).update(
        body=body.replace("\n", "\r\n"),
        notes="Checked.\r\nTwice.  ",
        protected_fields=["body", "notes", "review_status"],
        review_status="in_review",
    )
    steps = executor(steps=True)
    steps.migrate([("archive", "0017_identifiers_validated")])
    steps = executor(steps=True)
    steps.migrate(later_leaves(steps))
    telegram.refresh_from_db()
    assert telegram.body == body
    assert telegram.notes == "Checked.\nTwice."
    # The body equals the imported one again; notes and status were an editor's.
    assert telegram.protected_fields == ["notes", "review_status"]


# --- inline corrections survive a re-import of a corrected source -------------------------


def test_footnote_and_mark_corrections_survive_a_reimport(admin_client, imported_seeds, tmp_path):
    telegram = t002()
    data = form_data(admin_client.get(change_url(telegram)))
    notes = inline_prefix(data, "footnote")
    data[f"{notes}-0-text"] = "Corrected by the editors."
    marks = inline_prefix(data, "annotation")
    data[f"{marks}-0-text"] = "An editor's reading."
    assert admin_client.post(change_url(telegram), data).status_code == 302
    note = telegram.footnotes.get()
    assert note.protected_fields == ["text"]
    source = tmp_path / "002.txt"
    text = (SEEDS / "002_6832b873961cc793.txt").read_text(encoding="utf-8")
    source.write_text(text.replace("Kremlin", "Kremlin (corrected)", 1), encoding="utf-8")
    report = tmp_path / "report.json"
    call_command(
        "import_seeds", str(source), "--no-authorities", "--report", str(report), verbosity=0
    )
    telegram.refresh_from_db()
    assert "Kremlin (corrected)" in telegram.body
    assert telegram.footnotes.get().text == "Corrected by the editors."
    marks_now = telegram.annotations.filter(author=None)
    assert marks_now.filter(text="An editor's reading.").count() == 1
    assert marks_now.count() == len(parse_document(text).marks)
    import json

    entry = json.loads(report.read_text())["documents"][0]
    assert entry["kept_fields"] == [f"footnote {note.marker}: text"]


def test_the_change_page_as_rendered_posts_back_unchanged(admin_client, imported_seeds):
    """The whole change form read from its HTML (compact inline rows included), as a
    browser submits it: one field changed, one field saved and protected, no row touched."""
    from tests.conftest import page_form_data

    telegram = t002()
    mention_history = PersonMention.history.count()
    note_history = Footnote.history.count()
    data = page_form_data(admin_client.get(change_url(telegram)), "telegram_form")
    assert "\r\n" in data["body"] and any(k.endswith("-TOTAL_FORMS") for k in data)
    data["review_status"] = "reviewed"
    data["_save"] = "Save"
    response = admin_client.post(change_url(telegram), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    telegram.refresh_from_db()
    assert telegram.review_status == "reviewed"
    assert telegram.protected_fields == ["review_status"]
    assert PersonMention.history.count() == mention_history
    assert Footnote.history.count() == note_history
