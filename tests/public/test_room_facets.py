"""Facets, the timeline and the name pickers of the document list."""

from __future__ import annotations

import json
import re
from datetime import date
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from archive.models import Person, Place, Telegram

pytestmark = pytest.mark.django_db

LIST = "/telegrams/"


@pytest.fixture
def corpus(seeds_and_corpus):
    """The seeds and the corpus, imported once for the module (tests/conftest.py)."""


def listed(client, params: dict) -> list[str]:
    response = client.get(LIST, {**params, "format": "json"})
    return [row["identifier"] for row in json.loads(b"".join(response.streaming_content))]


def facet_links(html: str) -> list[tuple[str, str, int]]:
    """(facet title, link, count) for every value of every facet on the page."""
    found = []
    for title, body in re.findall(
        r'<h2 id="facet-[^"]+">([^<]+)</h2>\s*<ul>(.*?)</ul>', html, re.S
    ):
        for url, count in re.findall(r'<a href="([^"]+)">[^<]*</a> <span class="n">(\d+)', body):
            found.append((title, unescape(url), int(count)))
    return found


def params_of(url: str) -> dict:
    return {k: v[-1] for k, v in parse_qs(urlsplit(url).query).items()}


@pytest.mark.parametrize(
    "start", [{}, {"kind": "telegram"}, {"from": "1934-01-01", "to": "1935-12-31"}]
)
def test_every_facet_count_is_the_number_its_link_lists(client, corpus, start):
    html = client.get(LIST, start).content.decode()
    links = facet_links(html)
    titles = {title for title, _, _ in links}
    assert {"Year", "Sender", "Recipient", "Origin", "File class"} <= titles
    assert ("Kind" in titles) == ("kind" not in start)  # the kind in use is shown, not linked
    for title, url, count in links:
        assert len(listed(client, params_of(url))) == count, (title, url)


def test_facet_links_keep_the_other_filters(client, corpus):
    grew = Person.objects.get(surname="Grew")
    html = client.get(LIST, {"sender": grew.pk}).content.decode()
    for _, url, count in facet_links(html):
        params = params_of(url)
        assert params["sender"] == str(grew.pk)
        rows = listed(client, params)
        assert len(rows) == count
        assert all(Telegram.objects.get(identifier=i).sender_id == grew.pk for i in rows)


def test_sender_facet_counts_match_the_database(client, corpus):
    html = client.get(LIST).content.decode()
    senders = [(url, n) for title, url, n in facet_links(html) if title == "Sender"]
    assert senders
    for url, n in senders:
        pk = int(params_of(url)["sender"])
        assert Telegram.objects.public().filter(sender_id=pk).count() == n


def bars(html: str) -> list[tuple[str, str, str]]:
    """(link, aria-label, title) of each bar of the timeline."""
    svg = re.search(r"<svg class=\"timeline\".*?</svg>", html, re.S).group(0)
    return [
        (unescape(href), label, title)
        for href, label, title in re.findall(
            r'<a href="([^"]+)" aria-label="([^"]+)"><rect[^>]*><title>([^<]+)</title>', svg
        )
    ]


def test_timeline_is_accessible_svg_whose_bars_narrow_the_range(client, corpus):
    html = client.get(LIST).content.decode()
    assert '<svg class="timeline"' in html
    assert '<title id="timeline-title">Documents by year</title>' in html
    assert '<desc id="timeline-desc">' in html and 'aria-describedby="timeline-desc"' in html
    assert "style=" not in re.search(r"<svg.*?</svg>", html, re.S).group(0)  # the CSP forbids it
    drawn = bars(html)
    assert drawn
    total = 0
    for url, label, title in drawn:
        params = params_of(url)
        year = label.split(":")[0]
        assert params["from"] == f"{year}-01-01" and params["to"] == f"{year}-12-31"
        count = int(re.search(r": (\d+) document", label).group(1))
        assert title == label
        rows = listed(client, params)
        assert len(rows) == count
        total += count
    assert total == Telegram.objects.public().filter(date_earliest__isnull=False).count()


def test_a_narrow_range_is_drawn_by_month_and_months_narrow_further(client, corpus):
    html = client.get(LIST, {"from": "1941-01-01", "to": "1941-12-31"}).content.decode()
    assert '<title id="timeline-title">Documents by month</title>' in html
    drawn = bars(html)
    assert drawn
    for url, label, _ in drawn:
        params = params_of(url)
        start, end = date.fromisoformat(params["from"]), date.fromisoformat(params["to"])
        assert start.day == 1 and start.month == end.month and start.year == end.year == 1941
        count = int(re.search(r": (\d+) document", label).group(1))
        rows = listed(client, params)
        # a document whose dates overlap two months is listed under both
        assert len(rows) >= count
        assert all(
            Telegram.objects.get(identifier=i).date_earliest <= end
            and Telegram.objects.get(identifier=i).date_latest >= start
            for i in rows
        )


def test_pickers_take_a_name_or_an_id_and_show_the_name(client, corpus):
    grew = Person.objects.get(surname="Grew")
    by_id = listed(client, {"sender": grew.pk})
    assert by_id and listed(client, {"sender": grew.name}) == by_id
    assert listed(client, {"sender": grew.name.upper()}) == by_id
    html = client.get(LIST, {"sender": grew.pk}).content.decode()
    assert re.search(rf'name="sender"[^>]*value="{re.escape(grew.name)}"', html)
    assert 'list="names-people"' in html and '<datalist id="names-people">' in html
    assert f'<option value="{grew.name}">' in html
    moscow = Place.objects.get(name="Moscow")
    assert listed(client, {"origin": "Moscow"}) == listed(client, {"origin": moscow.pk})
    unknown = client.get(LIST, {"sender": "Nobody At All"}).content.decode()
    assert "No public record has that name" in unknown


def test_names_endpoint_lists_public_names_only(client, corpus):
    response = client.get("/names/people.json", {"q": "gre"})
    assert response.status_code == 200
    names = [r["value"] for r in response.json()["results"]]
    assert "Joseph C. Grew" in names
    yen = Person.objects.get(surname="Yen")
    assert yen.name in [
        r["value"] for r in client.get("/names/people.json", {"q": "Yen"}).json()["results"]
    ]
    Telegram.objects.filter(source_file__endswith="000_ac18668fd4ff97df.txt").update(
        is_public=False
    )
    assert yen.name not in json.dumps(client.get("/names/people.json", {"q": "Yen"}).json())
    assert "Moscow" not in json.dumps(client.get("/names/places.json", {"q": "Mosc"}).json())
    files = client.get("/names/files.json", {"q": "793"}).json()["results"]
    assert files and all(f["value"].startswith("793") for f in files)
    assert client.get("/names/secrets.json").status_code == 404
    assert client.get("/names/people.json", {"q": "a\x00b"}).status_code == 400
    assert client.post("/names/people.json").status_code == 405


def test_facets_never_name_people_of_private_documents(client, corpus):
    secret = Telegram.objects.get(source_file__endswith="000_ac18668fd4ff97df.txt")
    Telegram.objects.filter(pk=secret.pk).update(is_public=False)
    html = client.get(LIST).content.decode()
    for person in Person.objects.exclude(pk__in=Telegram.objects.public().values("sender")):
        if not Telegram.objects.public().filter(recipient=person).exists():
            assert f"sender={person.pk}&" not in html and f'recipient={person.pk}"' not in html
    if (
        secret.origin_id
        and not Telegram.objects.public().filter(origin_id=secret.origin_id).exists()
    ):
        assert secret.origin.name not in html


def test_a_search_too_broad_to_count_skips_the_facets_and_says_so(client, corpus, monkeypatch):
    from archive import search

    monkeypatch.setattr(search, "RANK_LIMIT", 2)
    html = client.get(LIST, {"q": "Government"}).content.decode()
    assert "More than 2 documents" in html
    assert not facet_links(html) and '<svg class="timeline"' not in html
    assert "appear when fewer documents match" in html
    narrow = client.get(LIST, {"q": "Kremlin"}).content.decode()
    assert facet_links(narrow) and "appear when fewer" not in narrow
