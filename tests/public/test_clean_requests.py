"""Control characters in an address answer 400; the document list reads cleanly."""

from __future__ import annotations

import re

import pytest

from archive.models import Person, Telegram
from archive.rendering import excerpt, plain_text

from .test_public import LIST, doc, listed, page

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(seeds_and_corpus):
    """The seeds and the corpus, imported once for the module (tests/conftest.py)."""


@pytest.mark.parametrize(
    "url",
    [
        "/people/?q=%00",  # 500 on PostgreSQL
        "/places/?q=%00",
        "/people/?q=%00&format=csv",  # 200 with a truncated body on PostgreSQL
        "/people/?q=%00&format=json",
        "/places/?q=Tokyo%00&format=csv",
        "/places/?q=%00&format=json",
        LIST + "?q=%00",
        LIST + "?q=Kremlin%00&format=csv",
        LIST + "?from=%00",
        LIST + "?to=1934-01-01%00",
        LIST + "?sort=date%00",
        LIST + "?file=%00",
        LIST + "?format=%00",
        LIST + "?page=%00",
        LIST + "?person={grew}%00",
        LIST + "?sender=%01",
        LIST + "?q=%1F",
        LIST + "?q=a%7Fb",
        LIST + "?q=%C2%85",  # a C1 control
        LIST + "?q=tab%09tab",
        LIST + "?x%00=1",
        "/telegrams/%00/",
        "/people/{grew}/?q=%00",
    ],
)
def test_control_characters_answer_400(client, corpus, url):
    if "{grew}" in url:  # a person who has a page, found by name (no fixed primary key)
        grew = Person.objects.get(surname="Grew").pk
        assert client.get(url.format(grew=grew).replace("%00", "")).status_code == 200
        url = url.format(grew=grew)
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert b"control character" in response.content
    assert b"\x00" not in response.content


def test_ordinary_text_still_passes(client, corpus):
    assert client.get("/people/", {"q": "Grew"}).status_code == 200
    assert client.get(LIST, {"q": "Chiang Kai-shek «» — é 😀"}).status_code == 200


def test_excerpts_carry_no_markup():
    assert plain_text("October 18[^7] was\n\n[Page 49]\n\nthe [sic] day[^12a].") == (
        "October 18 was the [sic] day."
    )
    assert excerpt("one two three", 2) == "one two …"


def test_list_rows_are_clean_and_name_sender_recipient_origin(client, corpus):
    # the beginnings the list used to show carry footnote references and page markers
    beginnings = [" ".join(t.body.split()[:30]) for t in Telegram.objects.all()]
    assert any("[^" in b for b in beginnings) and any("[Page" in b for b in beginnings)
    for number in (1, 2):
        html = page(client, LIST, page=number)
        excerpts = re.findall(r'<p class="excerpt">(.*?)</p>', html, re.S)
        assert len(excerpts) >= 21
        for text in excerpts:
            assert "[^" not in text and "[Page" not in text, text
    html = page(client, LIST, q="Kremlin")
    for text in re.findall(r'<p class="excerpt">(.*?)</p>', html, re.S):
        assert "[^" not in text and "[Page" not in text
    sent = Telegram.objects.filter(
        sender__isnull=False, recipient__isnull=False, origin__isnull=False
    ).first()
    html = page(client, LIST, sender=sent.sender_id)
    row = html[html.index(sent.get_absolute_url()) :]
    row = row[: row.index("</li>")]
    assert f'<span class="sender">{sent.sender.name}</span>' in row
    assert f'<span class="recipient">{sent.recipient.name}</span>' in row
    assert f'from <span class="origin">{sent.origin.name}</span>' in row


def test_unknown_sort_is_ignored(client, corpus):
    html = page(client, LIST, sort="unknown")
    assert "46 documents" in html  # was 0 with a form error
    assert 'class="errors"' not in html
    assert listed(client, sort="unknown") == listed(client)
    assert listed(client, sort="unknown", kind="memorandum") == listed(client, kind="memorandum")


def test_reversed_date_range_is_swapped_and_said_so(client, corpus):
    forwards = listed(client, **{"from": "1934-10-01", "to": "1934-10-02"})
    assert forwards
    assert listed(client, **{"from": "1934-10-02", "to": "1934-10-01"}) == forwards
    html = page(client, LIST, **{"from": "1934-10-02", "to": "1934-10-01"})
    assert "the two dates were swapped" in html
    assert 'name="from" value="1934-10-01"' in html and 'name="to" value="1934-10-02"' in html
    two_day = doc("026_frus1931-41v02_d372.txt")
    assert two_day.identifier in listed(client, **{"from": "1941-10-20", "to": "1941-10-17"})
