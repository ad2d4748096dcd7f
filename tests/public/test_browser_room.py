"""A historian narrows the list in a real browser: facets, the timeline, a name picker.

Named to sort beside test_browser.py: transactional tests with serialized_rollback
must run before test_editor_paths (a plain transactional test), whose flush leaves
content types behind that the serialized reload would insert again.
"""

from __future__ import annotations

import re

import pytest

from tests.admin.test_browser import browser_page, expect  # noqa: F401  (the fixture and Playwright's expect)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def count_on(page) -> int:
    return int(re.search(r"(\d+) documents?", page.locator("p.count").first.inner_text()).group(1))


def test_filter_by_facet_then_narrow_by_the_timeline(browser_page):  # noqa: F811
    page = browser_page
    violations = []
    page.on("console", lambda m: violations.append(m.text) if m.type == "error" else None)
    page.goto(page.base + "/telegrams/")
    page.screenshot(path="/tmp/room-list.png", full_page=True)
    facet = page.locator("section.facet", has=page.locator("h2", has_text="Kind"))
    link = facet.locator("a", has_text="telegram")
    expected = int(link.locator("xpath=following-sibling::span").inner_text())
    link.click()
    expect(page).to_have_url(re.compile(r"kind=telegram"))
    assert count_on(page) == expected
    bar = page.locator("svg.timeline a").first
    label = bar.get_attribute("aria-label")
    expected = int(re.search(r": (\d+) document", label).group(1))
    bar.click()
    expect(page).to_have_url(re.compile(r"from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d"))
    assert "kind=telegram" in page.url
    assert count_on(page) == expected
    assert not violations, violations


def test_name_picker_offers_names_as_the_reader_types(browser_page):  # noqa: F811
    page = browser_page
    page.goto(page.base + "/telegrams/")
    box = page.get_by_role("combobox", name="Sender", exact=True)
    box.press_sequentially("Grew", delay=30)
    expect(page.locator("#names-people option[value='Joseph C. Grew']")).to_have_count(1)
    box.fill("Joseph C. Grew")
    page.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(re.compile(r"sender=Joseph"))
    expect(page.locator(".active-filters")).to_contain_text("Sender: Joseph C. Grew")
    assert (
        page.get_by_role("combobox", name="Sender", exact=True).input_value() == "Joseph C. Grew"
    )


def test_a_historian_downloads_a_bibtex_entry(browser_page):  # noqa: F811
    """From a document found through a facet, the BibTeX link saves a citable entry."""
    page = browser_page
    page.goto(page.base + "/telegrams/?q=Kremlin")
    page.locator("ol.documents h2 a").first.click()
    expect(page.locator("meta[name=citation_title]")).to_have_count(1)
    with page.expect_download() as caught:
        page.get_by_role("link", name="BibTeX").first.click()
    entry = caught.value.path().read_text(encoding="utf-8")
    identifier = page.url.rstrip("/").rsplit("/", 1)[-1]
    assert entry.lstrip().startswith("@")
    assert "title" in entry and identifier in entry
