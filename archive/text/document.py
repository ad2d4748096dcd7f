"""A parsed FRUS document as plain values: what :func:`archive.text.parse_document` returns.

Kept apart from the parsing so that the importer, the exports and the tests
can read and build documents without the grammar that makes them. The
document's natural key (:attr:`ParsedDocument.identity`) lives here because
it is made only from what the source prints.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from .references import Reference, find_references


@dataclass(frozen=True)
class Footnote:
    marker: str
    anchor_text: str
    text: str
    where: str  # heading, dateline, received, body
    order: int
    line: int


@dataclass(frozen=True)
class EditorialMark:
    """A bracket the editors of FRUS printed: ``[sic]``, ``[Tannu?]``, ``[Page 490]``…"""

    kind: str  # insertion, uncertain, sic, page_break, note
    quote: str
    prefix: str
    suffix: str
    start: int
    end: int


@dataclass
class ParsedDocument:
    """Everything the importer needs from one document, as plain values."""

    source_note: str = ""
    file_number: str = ""
    source_note_kind: str = ""
    kind: str = "other"
    heading: str = ""
    heading_line: str = ""
    sender_role: str = ""
    sender_name: str = ""
    recipient_role: str = ""
    recipient_name: str = ""
    openers: list[str] = field(default_factory=list)
    paraphrase: bool = False
    dateline: str = ""
    dateline_place: str = ""
    date_text: str = ""
    date_earliest: date | None = None
    date_latest: date | None = None
    received_text: str = ""
    serial_number: str = ""
    body: str = ""
    closer: list[str] = field(default_factory=list)
    signature: str = ""
    footnotes: list[Footnote] = field(default_factory=list)
    marks: list[EditorialMark] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    source_text: str = ""
    sha256: str = ""
    # Readings of the body and footnotes for the linker (archive.linking.runs:
    # read_body, read_identifications), made where the document is parsed
    # (archive.pipeline.sources.parse_source: in the parsing process when there
    # is one). Left out of comparisons: they follow from the text.
    body_reading: object | None = field(default=None, compare=False, repr=False)
    identifications: list | None = field(default=None, compare=False, repr=False)

    @property
    def paragraphs(self) -> list[str]:
        return self.body.split("\n\n") if self.body else []

    @cached_property
    def references(self) -> list[Reference]:
        """The other communications the body cites ("your 128, December 31, 2 p.m.")."""
        return find_references(self.body)

    @cached_property
    def identity(self) -> str:
        """The natural key of the document, built only from what the source prints.

        File number, heading, serial number, dateline, received line and
        signature together tell apart two documents filed under one number (a
        telegram and its reply), and none of them changes when a typo in the
        body is corrected, so a corrected source updates its row. The hash is
        prefixed with the file number so that the identifier reads as a
        citation. See ``docs/identifiers.md``.
        """
        parts = [
            self.file_number,
            self.heading,
            self.serial_number,
            self.dateline or self.date_text,
            self.received_text,
            self.signature,
        ]
        if not self.file_number and not self.serial_number and not self.dateline:
            # With nothing else to go on, the opening words identify the text.
            parts.append(" ".join(self.body.split()[:12]))
        digest = hashlib.sha256("\x1f".join(_fold(p) for p in parts).encode()).hexdigest()[:10]
        stem = re.sub(r"[^a-z0-9]+", "-", _fold(self.file_number or "nofile")).strip("-")
        return f"{stem[:60]}-{digest}"


def _fold(text: str) -> str:
    """Case, accents and spacing folded, so a re-typed heading keeps its key."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().split()).replace("½", "1/2")
