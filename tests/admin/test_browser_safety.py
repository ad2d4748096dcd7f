"""An editor's day in a real browser, the parts where work used to be lost: a save
without change, a one-field save, revert, merge and its undo, an admin import with a
bad row. Debian's Chromium driven by Playwright, as in tests/test_browser.py."""

from __future__ import annotations

import os

import pytest

from tests.admin.test_browser import CHROMIUM, browser_page, editor_page  # noqa: F401  (fixtures)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SHOTS = os.environ.get("ARCHIVE_SCREENSHOTS")  # a folder, to look at the pages by eye


def shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_editor_work_is_never_lost(editor_page, tmp_path):  # noqa: F811  (a fixture)
    from archive.models import Merge, Person, Telegram

    assert CHROMIUM.exists()
    page = editor_page
    telegram = Telegram.objects.get(file_number="793.94/7527")
    body = telegram.body
    history = telegram.history.count()
    change = f"{page.base}/admin/archive/telegram/{telegram.pk}/change/"

    # save without change: nothing is written
    page.goto(change)
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    telegram.refresh_from_db()
    assert telegram.history.count() == history and telegram.protected_fields == []

    # one field changed: only that field is changed and protected
    page.goto(change)
    page.select_option("#id_review_status", "in_review")
    shot(page, "change-page")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    telegram.refresh_from_db()
    assert telegram.body == body and telegram.protected_fields == ["review_status"]

    # revert to the imported version
    imported = telegram.history.earliest()
    page.goto(f"{page.base}/admin/archive/telegram/{telegram.pk}/history/{imported.history_id}/")
    shot(page, "revert-page")
    page.locator("input[type=submit][name=_save], button[type=submit][name=_save]").first.click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    telegram.refresh_from_db()
    assert telegram.review_status == "unreviewed" and telegram.body == body
    assert telegram.history.first().history_change_reason.startswith("Reverted to the version")

    # merge a duplicate, then undo the merge from the merge log
    henderson = Person.objects.get(authority_key="henderson-loy-w")
    twin = Person.objects.create(name="L. W. Henderson", surname="Henderson")
    page.goto(f"{page.base}/admin/archive/person/?q=Henderson")
    for box in page.locator("input.action-select").all():
        box.check()
    page.select_option("select[name=action]", "merge_records")
    page.click("button[name=index]")
    expect(page.locator(f"#keep-{henderson.pk}")).to_be_checked()  # the listed record
    page.fill("#id_reason", "The same chargé d'affaires.")
    shot(page, "merge-page")
    page.click("input[value=Merge]")
    expect(page.locator(".messagelist")).to_contain_text("Merged L. W. Henderson")
    merge = Merge.objects.get(absorbed_id=twin.pk)
    page.goto(f"{page.base}/admin/archive/merge/{merge.pk}/change/")
    page.get_by_role("link", name="Undo this merge").click()
    shot(page, "undo-page")
    page.locator("form [type=submit]").last.click()
    expect(page.locator(".messagelist")).to_contain_text("Undid the merge")
    assert Person.objects.filter(pk=twin.pk).exists()
    merge.refresh_from_db()
    assert merge.undone_at is not None

    # an admin import with a bad row: refused with its row, nothing to confirm
    csv = tmp_path / "people.csv"
    csv.write_text(
        "authority_key,name,wikidata_id\nsomeone-new,Someone New,not-a-qid\n", encoding="utf-8"
    )
    page.goto(f"{page.base}/admin/archive/person/import/")
    page.set_input_files("input[type=file]", str(csv))
    page.select_option("select[name=format]", index=1)
    page.locator("input[type=submit]").last.click()
    shot(page, "import-bad-row")
    expect(page.locator("body")).to_contain_text("A Wikidata id is Q followed by digits")
    expect(page.locator("body")).not_to_contain_text("Confirm import")
    assert not Person.objects.filter(authority_key="someone-new").exists()
