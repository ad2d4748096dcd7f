"""The reading room in a real browser: Debian's Chromium driven by Playwright.

No browser is ever downloaded: the tests use /usr/bin/chromium, which
.ci/run installs from Debian's packages. Outside CI, they are skipped with
a reason when that browser is missing; in CI (CI=true) a missing browser
fails the run instead.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("ARCHIVE_CHROMIUM", "/usr/bin/chromium"))
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        raise RuntimeError(f"{CHROMIUM} is missing: .ci/run must install Debian's chromium")
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)", allow_module_level=True)

# Playwright's sync API runs an event loop in this thread; the ORM calls the
# tests make around it are ordinary synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import expect, sync_playwright  # noqa: E402

from tests.conftest import CORPUS  # noqa: E402

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def browser_page(live_server, settings):
    from django.core.management import call_command

    settings.SECURE_SSL_REDIRECT = False
    call_command("import_seeds", verbosity=0)
    call_command("import_seeds", str(CORPUS / "docs"), verbosity=0)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        context = browser.new_context(accept_downloads=True)
        page = context.new_page()
        page.set_default_timeout(15000)
        page.base = live_server.url
        yield page
        context.close()
        browser.close()


def test_search_open_footnote_and_person(browser_page):
    page = browser_page
    page.goto(page.base + "/")
    page.get_by_label("Search the documents").fill("Kremlin")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("h1")).to_contain_text("Kremlin")
    expect(page.locator(".results mark").first).to_have_text("Kremlin")
    page.locator(".results h2 a", has_text="Henderson").first.click()
    expect(page.locator("h1")).to_contain_text("The Chargé in the Soviet Union (Henderson)")
    if page.locator(".fn-ref a").count():
        page.locator(".fn-ref a").first.click()
        assert page.url.endswith("#fn-1")
        expect(page.locator("#fn-1")).to_contain_text("Soviet Commissar")
        page.locator("#fn-1 a.back").click()
        assert page.url.endswith("#fnref-1")
    page.locator("a.person", has_text="Litvinov").first.click()
    expect(page.locator("h1")).to_have_text("Maxim Litvinov")


def test_filter_by_dates_and_download_csv(browser_page):
    page = browser_page
    page.goto(page.base + "/telegrams/")
    page.get_by_label("From").fill("1934-10-01")
    page.get_by_label("To").fill("1934-10-03")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator(".count")).to_contain_text("4 documents")
    expect(page.locator(".active-filters")).to_contain_text("From")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").click()
    download = download_info.value
    text = Path(download.path()).read_text(encoding="utf-8")
    assert text.startswith("identifier,")
    assert len(text.strip().splitlines()) == 5


@pytest.fixture
def editor_page(browser_page):
    from django.contrib.auth.models import Group, User

    editor = User.objects.create_user("editor-b", password="a-long-test-password-1", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editor"))
    page = browser_page
    page.goto(page.base + "/admin/login/")
    page.fill("#id_username", "editor-b")
    page.fill("#id_password", "a-long-test-password-1")
    page.click("input[type=submit]")
    expect(page.locator("#site-name")).to_contain_text("Telegram archive")
    return page


def test_editor_workday(editor_page):
    from archive.models import Merge, Person, Telegram

    page = editor_page
    telegram = Telegram.objects.get(file_number="793.94/7527")
    change = f"{page.base}/admin/archive/telegram/{telegram.pk}/change/"

    # correct the body
    page.goto(change)
    body = page.locator("#id_body")
    body.fill(body.input_value().replace("informed me yesterday", "told me yesterday"))
    # add an annotation by quoting the text
    page.locator(".add-row a", has_text="Add another Annotation").click()
    page.select_option("#id_annotations-0-kind", "note")
    page.fill("#id_annotations-0-quote", "Nine Power Treaty")
    page.fill("#id_annotations-0-text", "Signed at Washington in 1922.")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    telegram.refresh_from_db()
    assert "told me yesterday" in telegram.body and "body" in telegram.protected_fields
    note = telegram.annotations.get(text="Signed at Washington in 1922.")
    assert telegram.body[note.start : note.end] == "Nine Power Treaty"

    # reject a mention
    page.goto(f"{page.base}/admin/archive/personmention/?telegram__id__exact={telegram.pk}&q=Yen")
    page.locator("input.action-select").first.check()
    page.select_option("select[name=action]", "reject")
    page.click("button[name=index]")
    expect(page.locator(".messagelist")).to_contain_text("marked rejected")
    assert telegram.personmention_set.get(person__surname="Yen").status == "rejected"

    # merge two people
    twin = Person.objects.create(name="L. W. Henderson", surname="Henderson")
    henderson = Person.objects.get(authority_key="henderson-loy-w")
    page.goto(f"{page.base}/admin/archive/person/?q=Henderson")
    for box in page.locator("input.action-select").all():
        box.check()
    page.select_option("select[name=action]", "merge_records")
    page.click("button[name=index]")
    page.check(f"#keep-{henderson.pk}")
    page.fill("#id_reason", "The same chargé d'affaires.")
    page.click("input[value=Merge]")
    expect(page.locator(".messagelist")).to_contain_text(
        "Merged L. W. Henderson into Loy W. Henderson"
    )
    assert Merge.objects.filter(absorbed_id=twin.pk, kept_id=henderson.pk).exists()

    # every change is in the history
    page.goto(f"{page.base}/admin/archive/telegram/{telegram.pk}/history/")
    expect(page.locator("#change-history")).to_contain_text("editor-b")
    expect(page.locator("#change-history")).to_contain_text("Body")
    page.goto(f"{page.base}/admin/archive/person/{henderson.pk}/history/")
    expect(page.locator("#change-history")).to_contain_text("The same chargé d'affaires.")
    page.goto(
        f"{page.base}/admin/archive/personmention/{telegram.personmention_set.get(person__surname='Yen').pk}/history/"
    )
    expect(page.locator("#change-history")).to_contain_text("Status")
