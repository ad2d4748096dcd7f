"""The public reading room: lists, filters, search, document pages, downloads, privacy."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from archive.filters import SORTS
from archive.models import Annotation, Person, Place, Telegram

pytestmark = pytest.mark.django_db

LIST = "/telegrams/"


@pytest.fixture
def corpus(seeds_and_corpus):
    """The seeds and the corpus, imported once for the module (tests/conftest.py)."""


def page(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def listed(client, **params) -> list[str]:
    response = client.get(LIST, {**params, "format": "json"})
    return [row["identifier"] for row in json.loads(b"".join(response.streaming_content))]


def doc(suffix: str) -> Telegram:
    return Telegram.objects.get(source_file__endswith=suffix)


def test_home_counts_and_ways_in(client, corpus):
    html = page(client, "/")
    assert "<dd>46</dd>" in html
    assert "1930" in html and "1942" in html
    assert 'href="/telegrams/"' in html and 'href="/people/"' in html


def test_list_pages_of_25_with_undated_last(client, corpus):
    html = page(client, LIST)
    assert "46 documents" in html
    assert "Page 1 of 2" in html
    rows = listed(client)
    undated = set(
        Telegram.objects.filter(date_earliest__isnull=True).values_list("identifier", flat=True)
    )
    assert set(rows[-len(undated) :]) == undated
    dates = [Telegram.objects.get(identifier=i).date_earliest for i in rows[: -len(undated)]]
    assert dates == sorted(dates)


def test_sorting_both_directions(client, corpus):
    by_file = listed(client, sort="file")
    files = [Telegram.objects.get(identifier=i).file_number for i in by_file]
    assert files == sorted(files)
    assert listed(client, sort="-file") == list(reversed(by_file))
    latest = [
        Telegram.objects.get(identifier=i).date_earliest for i in listed(client, sort="-date")
    ]
    dated = [d for d in latest if d]
    assert dated == sorted(dated, reverse=True) and latest[: len(dated)] == dated


def test_date_range_overlap_and_undated_left_out(client, corpus):
    rows = listed(client, **{"from": "1934-10-01", "to": "1934-10-02"})
    texts = {Telegram.objects.get(identifier=i).date_text[:10] for i in rows}
    assert texts == {"October 1,", "October 2,"}
    two_day = doc("026_frus1931-41v02_d372.txt")  # October 16 and 17, 1941
    assert two_day.identifier in listed(client, **{"from": "1941-10-17", "to": "1941-10-20"})
    assert two_day.identifier not in listed(client, **{"from": "1941-10-18", "to": "1941-10-20"})
    assert not Telegram.objects.filter(
        identifier__in=listed(client, to="1950-01-01"), date_earliest=None
    )


def test_filters_by_people_places_and_kind(client, corpus):
    grew = Person.objects.get(surname="Grew")
    sent = listed(client, sender=grew.pk)
    assert sent and all(Telegram.objects.get(identifier=i).sender == grew for i in sent)
    received = listed(client, recipient=grew.pk)
    assert doc("024_frus1931-41v02_d25.txt").identifier in received
    litvinov = Person.objects.get(surname="Litvinov")
    assert len(listed(client, person=litvinov.pk)) == 2
    moscow = Place.objects.get(name="Moscow")
    assert listed(client, place=moscow.pk) == [doc("000_ac18668fd4ff97df.txt").identifier]
    memoranda = listed(client, kind="memorandum")
    assert len(memoranda) == 4


def test_active_filters_are_shown_and_removable(client, corpus):
    grew = Person.objects.get(surname="Grew")
    html = page(client, LIST, sender=grew.pk, kind="telegram")
    assert "Sender: <strong>Joseph C. Grew</strong>" in html
    assert f'href="?sender={grew.pk}"' in html  # removing the kind keeps the sender
    assert 'href="?kind=telegram"' in html


def test_search_fallback_or_full_text(client, corpus):
    rows = listed(client, q="Litvinov")
    assert set(rows) == {
        doc("000_ac18668fd4ff97df.txt").identifier,
        doc("002_6832b873961cc793.txt").identifier,
    }
    html = page(client, LIST, q="Kremlin")
    assert "<mark>Kremlin</mark>" in html
    # words in footnotes and in the names of linked people count too
    assert doc("002_6832b873961cc793.txt").identifier in listed(client, q="Commissar")
    assert doc("000_ac18668fd4ff97df.txt").identifier in listed(client, q="Hui-ching")


def test_document_page(client, corpus):
    t002 = doc("002_6832b873961cc793.txt")
    html = page(client, t002.get_absolute_url())
    assert "<title>The Chargé in the Soviet Union (Henderson) to the Secretary of State" in html
    assert '<link rel="canonical" href="http://testserver/telegrams/' in html
    assert 'href="#fn-1" id="fnref-1"' in html and 'id="fn-1"' in html
    assert 'href="#fnref-1"' in html
    assert '<span class="editorial" title="Editorial insertion">[sic]</span>' in html
    litvinov = Person.objects.get(surname="Litvinov")
    assert f'<a class="person" href="/people/{litvinov.pk}/">Litvinov</a>' in html
    assert "January 31—2:55 p.m." in html
    cited = re.search(r'<output id="citation">(.*?)</output>', html)[1]
    assert f"http://testserver/telegrams/{t002.identifier}/" in cited
    assert "The Chargé in the Soviet Union (Henderson) to the Secretary of State" in cited
    t000 = doc("000_ac18668fd4ff97df.txt")
    html = page(client, t000.get_absolute_url())
    assert '<p class="page-break"><span class="page-marker" id="page-490"' in html
    inline = doc("013_frus1934v04_d137.txt")
    html = page(client, inline.get_absolute_url())
    assert 'class="page-marker" id="page-' in html


def test_public_annotations_beside_their_span(client, corpus, admin_user):
    t000 = doc("000_ac18668fd4ff97df.txt")
    Annotation.objects.create(
        telegram=t000, kind="note", quote="Nine Power Treaty", text="Signed at Washington, 1922.",
        author=admin_user,
    )  # fmt: skip
    Annotation.objects.create(
        telegram=t000, kind="note", quote="Kremlin", text="Editors' private remark.",
        author=admin_user, is_public=False,
    )  # fmt: skip
    html = page(client, t000.get_absolute_url())
    assert "Signed at Washington, 1922." in html
    assert "private remark" not in html


def test_previous_and_next_by_date(client, corpus):
    ordered = list(Telegram.objects.public().order_by(*SORTS["date"]))
    html = page(client, ordered[0].get_absolute_url())
    assert 'rel="prev"' not in html
    assert f'rel="next" href="{ordered[1].get_absolute_url()}"' in html
    for before, current, after in zip(ordered, ordered[1:], ordered[2:], strict=False):
        html = page(client, current.get_absolute_url())
        assert f'rel="prev" href="{before.get_absolute_url()}"' in html
        assert f'rel="next" href="{after.get_absolute_url()}"' in html
    assert 'rel="next"' not in page(client, ordered[-1].get_absolute_url())


def test_person_and_place_pages(client, corpus):
    html = page(client, "/people/", q="Grew")
    grew = Person.objects.get(surname="Grew")
    assert f'href="/people/{grew.pk}/"' in html
    html = page(client, f"/people/{grew.pk}/")
    assert "<h1>Joseph C. Grew</h1>" in html and "Sent" in html
    roosevelt = Person.objects.get(surname="Roosevelt")
    assert 'href="https://www.wikidata.org/wiki/Q8007"' in page(client, f"/people/{roosevelt.pk}/")
    moscow = Place.objects.get(name="Moscow")
    html = page(client, f"/places/{moscow.pk}/")
    assert "https://www.geonames.org/524901/" in html and "Soviet Union" in html
    assert "Holland" in page(client, "/places/", q="Holland")


def test_downloads_stream_the_same_rows(client, corpus):
    response = client.get(LIST, {"kind": "memorandum", "format": "csv"})
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 4 and rows[0]["url"].startswith("http://testserver/telegrams/")
    people = client.get("/people/", {"format": "json"})
    data = json.loads(b"".join(people.streaming_content))
    assert {"name", "document_count", "url"} <= set(data[0])
    assert "notes" not in data[0] and "protected_fields" not in data[0]


def test_document_json(client, corpus):
    t002 = doc("002_6832b873961cc793.txt")
    data = client.get(f"/telegrams/{t002.identifier}.json").json()
    assert data["file_number"] == "761.9315 Manchuria/35"
    assert data["footnotes"][0]["person"]["name"] == "Maxim Litvinov"
    assert {"people", "places", "annotations", "body", "received_text"} <= set(data)
    for private in ("notes", "source_text", "protected_fields", "review_status", "source_file"):
        assert private not in data


def test_private_document_never_appears(client, corpus):
    # withdrawn as a script withdraws documents: the queryset's update recounts
    Telegram.objects.filter(source_file__endswith="000_ac18668fd4ff97df.txt").update(
        is_public=False, notes="editor only"
    )
    secret = doc("000_ac18668fd4ff97df.txt")
    yen = Person.objects.get(surname="Yen")  # named only in this document
    moscow = Place.objects.get(name="Moscow")
    assert client.get(secret.get_absolute_url()).status_code == 404
    assert client.get(f"/telegrams/{secret.identifier}.json").status_code == 404
    assert secret.identifier not in listed(client)
    assert secret.identifier not in listed(client, q="Litvinov")
    assert secret.identifier not in listed(
        client, person=Person.objects.get(surname="Litvinov").pk
    )
    assert "<dd>45</dd>" in page(client, "/")
    assert client.get(f"/people/{yen.pk}/").status_code == 404
    assert client.get(f"/places/{moscow.pk}/").status_code == 404
    assert f"/people/{yen.pk}/" not in page(client, "/people/")
    henderson = Person.objects.get(surname="Henderson")
    assert secret.identifier not in page(client, f"/people/{henderson.pk}/")
    csv_text = b"".join(client.get(LIST, {"format": "csv"}).streaming_content).decode()
    assert secret.identifier not in csv_text
    for other in Telegram.objects.public():
        assert secret.identifier not in page(client, other.get_absolute_url())


def test_only_get_and_head(client, corpus):
    t002 = doc("002_6832b873961cc793.txt")
    for url in ["/", LIST, t002.get_absolute_url(), "/people/", "/places/"]:
        assert client.head(url).status_code == 200
        for method in ("post", "put", "patch", "delete"):
            assert getattr(client, method)(url).status_code == 405, (method, url)


def test_friendly_404(client, db):
    response = client.get("/telegrams/no-such-document/")
    assert response.status_code == 404
    assert "Not found" in response.content.decode()


def test_security_headers(client, corpus):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_pages_load_nothing_from_other_sites(client, corpus):

    html = page(client, doc("002_6832b873961cc793.txt").get_absolute_url())
    for attr in re.findall(r'(?:src|href)="(https?://[^"]+)"', html):
        assert attr.startswith("http://testserver/"), attr
    assert 'media="print"' in html


@pytest.mark.parametrize(
    "url",
    ["/", LIST, LIST + "?q=Soviet", LIST + "?sort=-file&kind=telegram", "/people/", "/places/"],
)
def test_query_count_is_fixed(client, corpus, url, django_assert_max_num_queries):
    from archive import facets

    # The document list also draws its facets and timeline (archive.facets).
    with django_assert_max_num_queries(8 + (facets.QUERIES if url.startswith(LIST) else 0)):
        client.get(url)


def test_document_page_query_count_is_fixed(client, corpus, django_assert_max_num_queries):
    busy = doc("042_frus1942China_d202.txt")
    # document, footnotes, people, places, notes, file and nearby items, country codes,
    # the thread both ways, and at most 3 + 4 steps for the neighbours by date
    with django_assert_max_num_queries(17):
        client.get(busy.get_absolute_url())
    grew = Person.objects.get(surname="Grew")
    with django_assert_max_num_queries(8):
        client.get(f"/people/{grew.pk}/")


@pytest.mark.django_db
def test_the_list_title_is_text_and_its_script_loads_in_the_head(client):
    html = client.get(LIST).content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "<" not in title and title.startswith("Documents")
    head = html.split("</head>", 1)[0]
    assert 'src="/static/archive/pickers.js"' in head
