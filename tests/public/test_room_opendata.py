"""Open data (JSON Lines, CMIF), the sitemap, robots.txt and the favicon: public records only."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from archive import opendata
from archive.models import Person, PersonMention, Place, Telegram

pytestmark = pytest.mark.django_db

TEI = "{http://www.tei-c.org/ns/1.0}"
SECRET = "000_ac18668fd4ff97df.txt"  # the only document naming W. W. Yen and Moscow


@pytest.fixture
def corpus(seeds_and_corpus):
    """The seeds and the corpus, imported once for the module (tests/conftest.py)."""


@pytest.fixture
def secret(corpus) -> Telegram:
    Telegram.objects.filter(source_file__endswith=SECRET).update(is_public=False)
    return Telegram.objects.get(source_file__endswith=SECRET)


def body(response) -> str:
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode()


def test_jsonl_has_every_public_document_with_body_footnotes_and_names(client, corpus):
    response = client.get("/data/telegrams.jsonl")
    assert response.streaming and response["Content-Type"].startswith("application/jsonl")
    records = [json.loads(line) for line in body(response).splitlines()]
    assert len(records) == Telegram.objects.public().count() == 46
    by_id = {r["identifier"]: r for r in records}
    t002 = Telegram.objects.get(source_file__endswith="002_6832b873961cc793.txt")
    record = by_id[t002.identifier]
    assert record["body"] == t002.body
    assert record["footnotes"][0]["person"]["name"] == "Maxim Litvinov"
    assert record["sender"]["name"] == t002.sender.name
    assert {"people", "places", "date_earliest", "url"} <= set(record)
    for private in ("notes", "source_text", "protected_fields", "review_status", "source_file"):
        assert private not in record


def test_jsonl_queries_do_not_grow_with_the_documents(
    client, corpus, django_assert_max_num_queries
):
    # a batch of 500: documents, footnotes, people, places, and the empty next batch
    with django_assert_max_num_queries(5):
        body(client.get("/data/telegrams.jsonl"))


def test_jsonl_leaves_out_private_documents_and_rejected_mentions(client, secret):
    yen = Person.objects.get(surname="Yen")
    text = body(client.get("/data/telegrams.jsonl"))
    assert secret.identifier not in text and yen.name not in text
    mention = (
        PersonMention.objects.filter(telegram__is_public=True).select_related("person").first()
    )
    mention.status = "rejected"
    mention.save()
    records = [json.loads(line) for line in body(client.get("/data/telegrams.jsonl")).splitlines()]
    record = next(r for r in records if r["identifier"] == mention.telegram.identifier)
    assert (mention.person.name, mention.role) not in {
        (p["name"], p["role"]) for p in record["people"]
    }


def cmif_tree(client) -> ET.Element:
    response = client.get("/data/cmif.xml")
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(body(response))  # raises if the file is not well-formed


def test_cmif_is_well_formed_tei_with_the_required_header(client, corpus):
    root = cmif_tree(client)
    assert root.tag == f"{TEI}TEI"
    header = root.find(f"{TEI}teiHeader")
    file_desc = header.find(f"{TEI}fileDesc")
    assert file_desc.find(f"{TEI}titleStmt/{TEI}title").text
    assert file_desc.find(f"{TEI}titleStmt/{TEI}editor") is not None
    publication = file_desc.find(f"{TEI}publicationStmt")
    assert (
        publication.find(f"{TEI}publisher/{TEI}ref").get("target").startswith("http://testserver/")
    )
    idno = publication.find(f"{TEI}idno")
    assert idno.get("type") == "url" and idno.text == "http://testserver/data/cmif.xml"
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", publication.find(f"{TEI}date").get("when"))
    licence = publication.find(f"{TEI}availability/{TEI}licence")
    assert licence.get("target") == "https://creativecommons.org/licenses/by/4.0/"
    bibl = file_desc.find(f"{TEI}sourceDesc/{TEI}bibl")
    assert bibl.get("type") == "online"
    assert bibl.get("{http://www.w3.org/XML/1998/namespace}id") == opendata.SOURCE_ID
    assert root.find(f"{TEI}text/{TEI}body/{TEI}p") is not None


def test_cmif_lists_each_letter_with_sender_addressee_place_and_date(client, corpus):
    root = cmif_tree(client)
    descs = root.findall(f"{TEI}teiHeader/{TEI}profileDesc/{TEI}correspDesc")
    expected = Telegram.objects.public().exclude(sender=None, recipient=None)
    assert len(descs) == expected.count() > 0
    by_ref = {d.get("ref"): d for d in descs}
    for telegram in expected.select_related("sender", "recipient", "origin"):
        desc = by_ref[f"http://testserver{telegram.get_absolute_url()}"]
        assert desc.get("source") == f"#{opendata.SOURCE_ID}"
        sent, received = desc.findall(f"{TEI}correspAction")
        assert (sent.get("type"), received.get("type")) == ("sent", "received")
        assert sent.find(f"{TEI}persName").text == (
            telegram.sender.name if telegram.sender else "Unknown"
        )
        assert received.find(f"{TEI}persName").text == (
            telegram.recipient.name if telegram.recipient else "Unknown"
        )
        place = sent.find(f"{TEI}placeName")
        assert (place.text if place is not None else None) == (
            telegram.origin.name if telegram.origin else None
        )
        when = sent.find(f"{TEI}date")
        if telegram.date_earliest is None:
            assert when is None
        elif telegram.date_earliest == telegram.date_latest:
            assert when.get("when") == telegram.date_earliest.isoformat()
        else:
            assert when.get("notBefore") == telegram.date_earliest.isoformat()
            assert when.get("notAfter") == telegram.date_latest.isoformat()
        for child in [*sent, *received]:
            assert child.tag in {f"{TEI}persName", f"{TEI}placeName", f"{TEI}date"}


def test_cmif_uses_authority_ids_as_refs(client, corpus):
    origin = Place.objects.filter(originated__is_public=True).exclude(geonames_id="").first()
    root = cmif_tree(client)
    refs = {p.text: p.get("ref") for p in root.iter(f"{TEI}placeName")}
    assert refs[origin.name] == f"http://www.geonames.org/{origin.geonames_id}"
    person = Person.objects.filter(sent__is_public=True).first()
    person.viaf_id = "12345"
    person.save()
    refs = {p.text: p.get("ref") for p in cmif_tree(client).iter(f"{TEI}persName")}
    assert refs[person.name] == "http://viaf.org/viaf/12345"


def test_cmif_names_nobody_from_private_documents(client, secret):
    text = body(client.get("/data/cmif.xml"))
    assert secret.identifier not in text
    for person in (secret.sender, secret.recipient):
        if (
            person
            and not Telegram.objects.public().filter(sender=person).exists()
            and not (Telegram.objects.public().filter(recipient=person).exists())
        ):
            assert person.name not in text
    assert "Moscow" not in text


def test_cmif_survives_characters_xml_cannot_carry(client, corpus):
    telegram = Telegram.objects.public().exclude(sender=None).first()
    telegram.sender.name = "Bad\x0bname & <co>"
    telegram.sender.save()
    root = cmif_tree(client)
    assert "Badname & <co>" in {p.text for p in root.iter(f"{TEI}persName")}


def urls_in(xml: str) -> list[str]:
    return re.findall(r"<loc>([^<]+)</loc>", xml)


def test_sitemap_lists_public_documents_people_and_places_only(client, secret):
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    sections = urls_in(index.content.decode())
    assert len(sections) == 3 and all(s.startswith("http://testserver/sitemap-") for s in sections)
    listed = []
    for section in sections:
        response = client.get(section.removeprefix("http://testserver"))
        assert response.status_code == 200
        listed += urls_in(response.content.decode())
    yen = Person.objects.get(surname="Yen")
    moscow = Place.objects.get(name="Moscow")
    assert f"http://testserver{secret.get_absolute_url()}" not in listed
    assert f"http://testserver/people/{yen.pk}/" not in listed
    assert f"http://testserver/places/{moscow.pk}/" not in listed
    for telegram in Telegram.objects.public():
        assert f"http://testserver{telegram.get_absolute_url()}" in listed
    grew = Person.objects.get(surname="Grew")
    assert f"http://testserver/people/{grew.pk}/" in listed


def sitemap_urls(client) -> list[str]:
    listed = []
    for section in urls_in(client.get("/sitemap.xml").content.decode()):
        listed += urls_in(client.get(section.removeprefix("http://testserver")).content.decode())
    return listed


def test_every_sitemap_address_answers(client, secret):
    for url in sitemap_urls(client):
        assert client.get(url.removeprefix("http://testserver")).status_code == 200, url


def test_every_sitemap_document_and_place_answers(client, secret):
    for url in sitemap_urls(client):
        if "/people/" not in url:
            assert client.get(url.removeprefix("http://testserver")).status_code == 200, url


def test_robots_points_to_the_sitemap_and_the_favicon_answers(client, db):
    robots = client.get("/robots.txt")
    assert robots.status_code == 200 and robots["Content-Type"].startswith("text/plain")
    text = robots.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text and "Disallow: /admin/" in text
    favicon = client.get("/favicon.ico")
    assert favicon.status_code == 200 and favicon["Content-Type"] == "image/x-icon"
    assert favicon.content[:4] == b"\x00\x00\x01\x00"  # an ICO header
    for url in ("/robots.txt", "/favicon.ico", "/sitemap.xml", "/data/cmif.xml"):
        assert client.post(url).status_code == 405
