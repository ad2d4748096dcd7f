"""The editor's change page at 1366 × 768 in a real browser (Debian's Chromium).

Marked and skipped like tests/test_browser.py (which holds the fixtures):
without /usr/bin/chromium the module is skipped, in CI it fails.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.admin.test_browser import browser_page, editor_page  # noqa: F401  (the fixtures)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDTH, HEIGHT = 1366, 768
# Set ARCHIVE_SCREENSHOTS=DIR to keep the screenshots for a look.
SHOTS = os.environ.get("ARCHIVE_SCREENSHOTS")

OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    const selectors = ['.inline-group', '.inline-related', '.inline-group table',
                       '.inline-group td', 'fieldset.module', '#content-main'];
    const wide = [];
    for (const selector of selectors) {
        for (const element of document.querySelectorAll(selector)) {
            const box = element.getBoundingClientRect();
            if (box.width > 0 && box.right > width + 0.5) {
                const name = element.id || element.className;
                wide.push(`${selector}#${name}: ${Math.round(box.right)}`);
            }
        }
    }
    return {width, wide, scroll: document.documentElement.scrollWidth};
}"""


def shot(page, name: str, selector: str = "") -> None:
    """Keep a screenshot of the page's first screen, or of one element, when asked."""
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    path = str(Path(SHOTS) / f"{name}.png")
    if selector:
        page.locator(selector).first.screenshot(path=path)
    else:
        page.screenshot(path=path)


def busiest(field: str):
    from django.db.models import Count

    from archive.models import Telegram

    return Telegram.objects.annotate(n=Count(field, distinct=True)).order_by("-n", "pk").first()


def assert_fits(page) -> None:
    found = page.evaluate(OVERFLOW)
    assert found["wide"] == [], found
    assert found["scroll"] <= WIDTH, found


def test_change_page_fits_1366_pixels(editor_page):  # noqa: F811
    """Mention and footnote tables ran 700 pixels past the edge (2,062 wide at 1,366)."""
    page = editor_page
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    for name, telegram in [
        ("mentions", busiest("placemention")),
        ("footnotes", busiest("footnotes")),
        ("references", busiest("references")),
    ]:
        page.goto(f"{page.base}/admin/archive/telegram/{telegram.pk}/change/")
        shot(page, f"{name}-top")
        for group in page.locator(".inline-group").all():
            group_id = group.get_attribute("id")
            shot(page, f"{name}-{group_id}", f"#{group_id}")
        assert_fits(page)
        # the person or place of every mention row can be read
        for cell in page.locator(
            "td.field-person .select2-container, td.field-place .select2-container"
        ).all():
            box = cell.bounding_box()
            assert box["width"] >= 120 and box["x"] + box["width"] <= WIDTH
        # the heading is a box of several lines, the identifier plain text
        assert page.locator("textarea#id_heading").get_attribute("rows") == "3"
        assert page.locator("#id_identifier").count() == 0
        expect(page.locator(".field-identifier .readonly")).to_have_text(telegram.identifier)


def test_lists_and_authority_pages_fit_1366_pixels(editor_page):  # noqa: F811
    from archive.models import Person, Place

    page = editor_page
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    page.goto(f"{page.base}/admin/archive/telegram/")
    shot(page, "document-list")
    expect(page.locator(".object-tools")).to_contain_text("Data quality")
    expect(page.locator("#result_list thead")).to_contain_text("Heading")
    expect(page.locator("#result_list thead")).to_contain_text("Sender")
    assert_fits(page)
    # the list's own scroller hides no column
    assert page.evaluate(
        "() => { const r = document.querySelector('.results');"
        " return r.scrollWidth <= r.clientWidth; }"
    )
    for model, record in [("person", Person.objects.first()), ("place", Place.objects.first())]:
        page.goto(f"{page.base}/admin/archive/{model}/{record.pk}/change/")
        shot(page, f"{model}-change")
        first = page.locator("fieldset .form-row").first
        assert "field-name" in first.get_attribute("class")
        assert_fits(page)
