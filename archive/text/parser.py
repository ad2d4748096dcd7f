"""From the text of one FRUS document to a plain :class:`ParsedDocument`.

Pure Python, no database: the importer, the tests and any other tool can
call :func:`parse_document` on a string. Both renderings of the seeds are
read (style A: blocks separated by blank lines; style B: one block per
line), and any mix of the two, because every non-empty line is a block.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from .dates import date_bounds, mentions_month
from .errors import ParseError
from .footnotes import Segment, resolve
from .heading import Heading, parse_heading
from .markup import BRACKET, bracket_kind, footnote_ref, inline_pages
from .markup import PAGE_LINE as PAGE
from .references import Reference, find_references

SOURCE_NOTE = re.compile(
    r"^(?P<number>\d{3}[0-9A-Za-z.]*(?:\s+[^/:]+?)?/[^\s:]+(?:\s+Suppl\.)?)"
    r"(?:\s*:\s*(?P<kind>.+))?$"
)
RECEIVED = re.compile(r"^\[Received[:,]?\s*(?P<text>.*?)\]\.?$")
NUMBER_LINE = re.compile(r"^No\.\s*(?P<n>\d+[A-Za-z]?)\.?$")
OPENER_NOTE = re.compile(r"^\[(?P<what>Paraphrase|Translation|Extract|Excerpt)s?\.?\]$", re.I)
SERIAL = re.compile(r"^(?P<n>\d{1,5})\.\s")
FOOTNOTE_LINE = re.compile(r"^-\s+(?P<text>.*?)\s*↩$")
DATELINE = re.compile(
    r"^(?P<place>\[?[A-Z][^\d\[\]]{0,40}?,\]?|\[[A-Z][^\d\]]{0,40}\])?\s*(?P<date>.+)$"
)
CLOSER_PREFIX = re.compile(r"^For the [A-Z][\w ]+:$")
_SENTENCE_END = ".?!:;"
_CLOSING = "”’\"')]"
_NAME_TOKEN = re.compile(r"^(?:[A-Z\[][\w\[\].,’'\-]*|de|da|van|von|y|del|la|le|Jr\.?\]?|jr\.?)$")


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


@dataclass
class _Line:
    text: str
    number: int


def decode_source(data: bytes, source: str = "") -> str:
    """Bytes of a file to text: UTF-8 only, a byte-order mark and CRLF accepted."""
    if not data.strip():
        raise ParseError("the file is empty", None, source)
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ParseError("this is a binary file, not text (it contains NUL bytes)", line, source)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ParseError(
            f"the text is not UTF-8 (byte 0x{data[error.start]:02x} cannot be read); "
            "save the file as UTF-8 and import it again",
            line,
            source,
        ) from None
    return text


def _ends_sentence(text: str) -> bool:
    text = re.sub(r"(?<=[^\s\d])\d{1,3}[a-d]?$", "", text.rstrip())
    text = text.rstrip(_CLOSING)
    return bool(text) and text[-1] in _SENTENCE_END


def _looks_like_signature(text: str) -> bool:
    if len(text) > 60 or text[-1:] in ",:;":
        return False
    if text.endswith(".") and not re.search(r"(?:\b[A-Z]\.|Jr\.)$", text):
        return False
    words = text.split()
    if not 1 <= len(words) <= 6:
        return False
    return all(_NAME_TOKEN.match(word) for word in words)


def _is_dateline(text: str) -> bool:
    if len(text) > 90 or PAGE.match(text):
        return False
    if SERIAL.match(text) or text.startswith(("[Received", "No.")):
        return False
    if re.search(r"\bundated\b", text, re.I):
        return True
    return mentions_month(text) and re.search(r"\b1[89]\d\d\b", text) is not None


def _split_dateline(text: str) -> tuple[str, str]:
    """``Moscow, December 18, 1935—noon.`` → (``Moscow``, ``December 18, 1935—noon``)."""
    match = DATELINE.match(text)
    place, rest = "", text
    if match and match["place"] and not mentions_month(match["place"]):
        place = match["place"].strip().strip("[],").strip()
        rest = match["date"]
    rest = rest.strip().strip("[]").strip()
    if rest.endswith(".") and not re.search(r"\b[ap]\.m\.$", rest):
        rest = rest[:-1].rstrip()
    return place, rest


def _kind(doc: ParsedDocument, heading: Heading, body_lines: list[str]) -> str:
    note_kind = doc.source_note_kind.lower()
    for kind in ("telegram", "despatch", "memorandum", "letter", "note"):
        if note_kind.startswith(kind):
            return kind
    if note_kind.startswith(("instruction", "dispatch")):
        return "despatch"
    if heading.form == "memorandum":
        return "memorandum"
    first = body_lines[0] if body_lines else ""
    last = body_lines[-1] if body_lines else ""
    if first.startswith("Excellency") or last.startswith("Accept"):
        return "note"
    if re.match(r"^(?:My dear|Dear)\b", first):
        return "letter"
    if any(NUMBER_LINE.match(o) for o in doc.openers) or first.startswith(("Sir:", "Sir,")):
        return "despatch"
    if last.startswith(("Respectfully yours", "I am, Sir")):
        return "despatch"
    return "other"


def _marks(body: str) -> list[EditorialMark]:
    marks = []
    for match in BRACKET.finditer(body):
        start, end = match.span()
        marks.append(
            EditorialMark(
                kind=bracket_kind(match["inner"]),
                quote=match.group(),
                prefix=body[max(0, start - 32) : start],
                suffix=body[end : end + 32],
                start=start,
                end=end,
            )
        )
    return marks


def parse_document(text: str, source: str = "") -> ParsedDocument:
    """Parse one document; raise :class:`ParseError` naming the line when it cannot."""
    try:
        return _parse(text, source)
    except ParseError as error:
        raise error.with_source(source) from None


def _parse(text: str, source: str) -> ParsedDocument:
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ParseError("the document is empty")
    if "\x00" in text:
        raise ParseError("this is a binary file, not text (it contains NUL bytes)")
    doc = ParsedDocument(source_text=text, sha256=hashlib.sha256(text.encode()).hexdigest())
    lines = [
        _Line(" ".join(raw.split()), number)
        for number, raw in enumerate(text.split("\n"), start=1)
        if raw.strip()
    ]

    # Footnote lines close the document: "- text↩", in marker order.
    notes: list[_Line] = []
    while lines and FOOTNOTE_LINE.match(lines[-1].text):
        notes.insert(0, lines.pop())
    stray = next((ln for ln in lines if FOOTNOTE_LINE.match(ln.text)), None)
    if stray:
        raise ParseError(
            "a footnote line ('- text↩') stands before the end of the document; "
            "footnotes belong after the body and signature",
            stray.number,
        )

    if not lines:
        raise ParseError("the document holds only footnote lines; heading and body are missing", 1)

    # Source note, then heading.
    first = lines.pop(0)
    note = SOURCE_NOTE.match(first.text)
    if note:
        doc.source_note = first.text
        doc.file_number = note["number"].strip()
        doc.source_note_kind = (note["kind"] or "").strip()
        if not lines:
            raise ParseError("the document has a source note but no heading", first.number)
        heading_line = lines.pop(0)
    elif re.match(r"^\d{3}\.", first.text):
        raise ParseError(
            f"the first line {first.text[:60]!r} looks like a file number but cannot be read "
            "as '<file number>: <kind>' (for example '793.94/7527: Telegram')",
            first.number,
        )
    else:
        heading_line = first
    if (
        SERIAL.match(heading_line.text)
        or PAGE.match(heading_line.text)
        or RECEIVED.match(heading_line.text)
        or len(heading_line.text) > 300
        or _ends_sentence(heading_line.text)
    ):
        raise ParseError(
            "no heading found: the document must open with a source note and a heading "
            "such as 'The Chargé in the Soviet Union (Henderson) to the Secretary of State'",
            heading_line.number,
        )
    doc.heading_line = heading_line.text

    # Opener lines, in any order, until the body starts.
    received_line = dateline_line = None
    while lines:
        current = lines[0].text
        if OPENER_NOTE.match(current):
            doc.openers.append(current)
            doc.paraphrase = doc.paraphrase or "paraphrase" in current.lower()
        elif RECEIVED.match(current) and received_line is None:
            received_line = lines[0]
            doc.openers.append(current)
        elif NUMBER_LINE.match(current) and not doc.serial_number:
            doc.serial_number = NUMBER_LINE.match(current)["n"]
            doc.openers.append(current)
        elif dateline_line is None and len(doc.openers) < 4 and _is_dateline(current):
            dateline_line = lines[0]
            doc.openers.append(current)
        else:
            break
        lines.pop(0)

    # Closer: the signature, and "For the Secretary of State:" above it.
    if lines and _looks_like_signature(lines[-1].text) and len(lines) > 1:
        doc.signature = lines[-1].text
        doc.closer.insert(0, lines.pop().text)
        if lines and CLOSER_PREFIX.match(lines[-1].text):
            doc.closer.insert(0, lines.pop().text)
    if not lines:
        raise ParseError("the document has no body text after its heading", heading_line.number)

    # Page breaks: a "[Page N]" line inside a sentence is written inline.
    blocks: list[_Line] = []
    joining = False  # the previous block was cut by a page break mid-sentence
    for line in lines:
        page = PAGE.match(line.text)
        if page:
            doc.pages.append(page["n"])
        if joining:
            blocks[-1] = _Line(f"{blocks[-1].text} {line.text}", blocks[-1].number)
            joining = bool(page)
            continue
        if (
            page
            and blocks
            and not PAGE.match(blocks[-1].text)
            and not _ends_sentence(blocks[-1].text)
        ):
            blocks[-1] = _Line(f"{blocks[-1].text} {line.text}", blocks[-1].number)
            joining = True
            continue
        blocks.append(line)
    for block in blocks:
        doc.pages.extend(inline_pages(block.text))
    doc.pages = list(dict.fromkeys(doc.pages))

    # Footnote markers in heading, dateline, received line and body, in print order.
    segments = [Segment("heading", heading_line.text, heading_line.number)]
    if dateline_line:
        segments.append(Segment("dateline", dateline_line.text, dateline_line.number))
    if received_line:
        segments.append(Segment("received", received_line.text, received_line.number))
    if dateline_line and received_line and dateline_line.number > received_line.number:
        segments[1], segments[2] = segments[2], segments[1]
    body_start = len(segments)
    segments.extend(Segment("body", b.text, b.number) for b in blocks)
    written = date_bounds(_split_dateline(dateline_line.text)[1])[0] if dateline_line else None
    resolution = resolve(
        segments, [(FOOTNOTE_LINE.match(n.text)["text"], n.number) for n in notes], written
    )
    rewritten = [s.text for s in segments]
    for fn in sorted(resolution.footnotes, key=lambda f: (f.segment, f.start), reverse=True):
        original = rewritten[fn.segment]
        replacement = footnote_ref(fn.marker) if fn.where == "body" else ""
        rewritten[fn.segment] = original[: fn.start] + replacement + original[fn.end :]
    doc.footnotes = [
        Footnote(f.marker, f.anchor_text, f.text, f.where, order, f.line)
        for order, f in enumerate(resolution.footnotes, start=1)
    ]

    doc.heading = rewritten[0].strip()
    heading = parse_heading(doc.heading)
    doc.sender_role, doc.sender_name = heading.sender.role, heading.sender.name
    doc.recipient_role, doc.recipient_name = heading.recipient.role, heading.recipient.name
    for index, segment in enumerate(segments[1:body_start], start=1):
        if segment.where == "dateline":
            doc.dateline = rewritten[index].strip()
            doc.dateline_place, doc.date_text = _split_dateline(doc.dateline)
            doc.date_earliest, doc.date_latest = date_bounds(doc.date_text)
            if doc.date_text and doc.date_earliest is None:
                doc.warnings.append(
                    f"line {segment.line}: the date {doc.date_text!r} has no full date; "
                    "its bounds are left for an editor"
                )
        elif segment.where == "received":
            doc.received_text = RECEIVED.match(rewritten[index].strip())["text"].strip()
    paragraphs = rewritten[body_start:]
    doc.body = "\n\n".join(paragraphs)
    doc.kind = _kind(doc, heading, paragraphs)
    if doc.kind == "telegram" and not doc.serial_number:
        serial = SERIAL.match(paragraphs[0])
        if serial:
            doc.serial_number = serial["n"]
    doc.marks = _marks(doc.body)
    return doc
