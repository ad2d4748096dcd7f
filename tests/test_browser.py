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

from .conftest import CORPUS  # noqa: E402

pytestmark = pytest.mark.django_db(transaction=True)


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
