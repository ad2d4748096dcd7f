"""From the text of one FRUS document to a plain :class:`ParsedDocument`.

Pure Python, no database: the importer, the tests and any other tool can
call :func:`parse_document` on a string. Both renderings of the seeds are
read (style A: blocks separated by blank lines; style B: one block per
line), and any mix of the two, because every non-empty line is a block.

Footnotes are paired or refused, never guessed (the rules in full are in
:mod:`archive.text.footnotes`):

- a number glued to a word or to punctuation is a footnote marker, and
  every marker needs its footnote line (``- text↩`` at the end);
- a number that cannot stand as printed (``November 433``, a year of a
  printed date with digits glued, ``194135``) ends in a marker, which must
  pair too; a day or a year as printed, and a number outside a date, are
  never split; digits after a figure's period or comma (``286.37``) are a
  marker only when the footnote lines need one there, with a warning;
- markers run in sequence: the previous number plus one, a lettered note
  (``32a``), or the same marker printed again;
- there are as many markers as footnote lines, paired in print order;
- when two readings remain the document is refused, except a split day
  settled by the document's date, which is reported as a warning.

A document that breaks these rules fails with the line of the first
disagreement. The parser's time grows linearly with the text, a document
over :data:`~archive.text.limits.MAX_DOCUMENT_BYTES` (2 MB) is refused at
once, and every value is checked against the length of its column
(:mod:`archive.text.limits`), so both databases give the same outcome.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from .dates import date_bounds, mentions_month
from .document import EditorialMark, Footnote, ParsedDocument
from .errors import ParseError, cut
from .footnotes import Segment, resolve, with_references
from .heading import Heading, parse_heading
from .limits import (
    FIELD_LIMITS,
    FOOTNOTE_LIMITS,
    MAX_DOCUMENT_BYTES,
    check_fields,
    check_length,
    check_size,
)
from .markup import BRACKET, bracket_kind, inline_pages
from .markup import PAGE_LINE as PAGE

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


@dataclass
class _Line:
    text: str
    number: int


def decode_source(data: bytes, source: str = "") -> str:
    """Bytes of a file to text: UTF-8 only, a byte-order mark and CRLF accepted."""
    try:
        check_size(len(data))
    except ParseError as error:
        raise error.with_source(source) from None
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


# Every whitespace character but the plain space and the line feed (tabs,
# no-break and typographic spaces; none lies above U+3000).
_OTHER_SPACES = tuple(c for c in map(chr, range(0x3001)) if c.isspace() and c not in " \n")


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
    # A name has no digits: "Gauss12" is a line of the body with a marker.
    return all(_NAME_TOKEN.match(word) and not any(c.isdigit() for c in word) for word in words)


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
    # Four bytes at most per character: count the bytes only when it matters.
    short = len(text) * 4 <= MAX_DOCUMENT_BYTES
    check_size(len(text) if short else len(text.encode("utf-8", "surrogatepass")))
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ParseError("the document is empty")
    if "\x00" in text:
        raise ParseError("this is a binary file, not text (it contains NUL bytes)")
    doc = ParsedDocument(source_text=text, sha256=hashlib.sha256(text.encode()).hexdigest())
    # Runs of whitespace become single spaces; a text without tabs, odd spaces
    # or double spaces (most are) is only trimmed, line by line.
    irregular = "  " in text or any(c in text for c in _OTHER_SPACES)
    lines = [
        _Line(" ".join(raw.split()) if irregular else raw.strip(" "), number)
        for number, raw in enumerate(text.split("\n"), start=1)
        if raw.strip()
    ]

    # Footnote lines close the document: "- text↩", in marker order.
    notes: list[_Line] = []
    while lines and FOOTNOTE_LINE.match(lines[-1].text):
        notes.append(lines.pop())
    notes.reverse()
    stray = next((ln for ln in lines if FOOTNOTE_LINE.match(ln.text)), None)
    if stray:
        raise ParseError(
            "a footnote line ('- text↩') stands before the end of the document; "
            "footnotes belong after the body and signature",
            stray.number,
        )

    if not lines:
        raise ParseError("the document holds only footnote lines; heading and body are missing", 1)

    # Source note, then heading. ``at`` walks the lines (no popping from the front).
    at = 0
    first = lines[at]
    at += 1
    note = SOURCE_NOTE.match(first.text) if len(first.text) <= _LONGEST_LINE_READ else None
    if note:
        doc.source_note = first.text
        doc.file_number = note["number"].strip()
        doc.source_note_kind = (note["kind"] or "").strip()
        check_length("source_note", doc.source_note, FIELD_LIMITS["source_note"], first.number)
        check_length("file_number", doc.file_number, FIELD_LIMITS["file_number"], first.number)
        if at == len(lines):
            raise ParseError("the document has a source note but no heading", first.number)
        heading_line = lines[at]
        at += 1
    elif re.match(r"^\d{3}\.", first.text):
        raise ParseError(
            f"the first line {cut(first.text, 60)!r} looks like a file number but cannot be "
            "read as '<file number>: <kind>' (for example '793.94/7527: Telegram')",
            first.number,
        )
    else:
        heading_line = first
    if (
        SERIAL.match(heading_line.text)
        or PAGE.match(heading_line.text)
        or RECEIVED.match(heading_line.text)
        or _ends_sentence(heading_line.text)
    ):
        raise ParseError(
            "no heading found: the document must open with a source note and a heading "
            "such as 'The Chargé in the Soviet Union (Henderson) to the Secretary of State'",
            heading_line.number,
        )
    # The heading keeps its markers here; the length that counts is the one
    # stored, without them, and is checked below. A heading line far beyond
    # any column is refused before it is read further.
    check_length("heading", heading_line.text, 2 * FIELD_LIMITS["heading"], heading_line.number)
    doc.heading_line = heading_line.text

    # Opener lines, in any order, until the body starts.
    received_line = dateline_line = None
    while at < len(lines):
        current = lines[at].text
        if OPENER_NOTE.match(current):
            doc.openers.append(current)
            doc.paraphrase = doc.paraphrase or "paraphrase" in current.lower()
        elif RECEIVED.match(current) and received_line is None:
            received_line = lines[at]
            doc.openers.append(current)
        elif NUMBER_LINE.match(current) and not doc.serial_number:
            doc.serial_number = NUMBER_LINE.match(current)["n"]
            check_length(
                "serial_number", doc.serial_number, FIELD_LIMITS["serial_number"], lines[at].number
            )
            doc.openers.append(current)
        elif dateline_line is None and len(doc.openers) < 4 and _is_dateline(current):
            dateline_line = lines[at]
            doc.openers.append(current)
        else:
            break
        at += 1
    lines = lines[at:]

    # Closer: the signature, and "For the Secretary of State:" above it.
    if lines and _looks_like_signature(lines[-1].text) and len(lines) > 1:
        doc.signature = lines[-1].text
        doc.closer.insert(0, lines.pop().text)
        if lines and CLOSER_PREFIX.match(lines[-1].text):
            doc.closer.insert(0, lines.pop().text)
    if not lines:
        raise ParseError("the document has no body text after its heading", heading_line.number)

    # Page breaks: a "[Page N]" line inside a sentence is written inline.
    # Each block is gathered as a list of its lines and joined once.
    pieces: list[list[str]] = []
    numbers: list[int] = []
    joining = False  # the previous block was cut by a page break mid-sentence
    for line in lines:
        page = PAGE.match(line.text)
        if page:
            doc.pages.append(page["n"])
        if joining:
            pieces[-1].append(line.text)
            joining = bool(page)
            continue
        if (
            page
            and pieces
            and not (len(pieces[-1]) == 1 and PAGE.match(pieces[-1][0]))
            and not _ends_sentence(pieces[-1][-1])
        ):
            pieces[-1].append(line.text)
            joining = True
            continue
        pieces.append([line.text])
        numbers.append(line.number)
    blocks = [_Line(" ".join(p), n) for p, n in zip(pieces, numbers, strict=True)]
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
    rewritten = with_references(segments, resolution.footnotes)
    doc.warnings.extend(resolution.warnings)
    doc.footnotes = [
        Footnote(f.marker, f.anchor_text, f.text, f.where, order, f.line)
        for order, f in enumerate(resolution.footnotes, start=1)
    ]
    for note in resolution.footnotes:
        line = segments[note.segment].line
        check_length("marker", note.marker, FOOTNOTE_LIMITS["marker"], line)
        check_length("anchor_text", note.anchor_text, FOOTNOTE_LIMITS["anchor_text"], line)

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
    _check_lengths(doc, heading_line, dateline_line, received_line, lines)
    return doc


# The source-note pattern is read on lines no longer than this; a longer
# first line is no source note (the column holds 300 characters).
_LONGEST_LINE_READ = 1000


def _check_lengths(doc: ParsedDocument, heading_line, dateline_line, received_line, lines) -> None:
    """Every value against the column it fills (archive.text.limits), with its line."""
    heading, dateline = heading_line.number, dateline_line.number if dateline_line else None
    signature = next((ln.number for ln in reversed(lines) if ln.text == doc.signature), None)
    check_fields(
        doc,
        {
            "heading": heading,
            "sender_role": heading,
            "recipient_role": heading,
            "sender_name": heading,
            "recipient_name": heading,
            "dateline": dateline,
            "date_text": dateline,
            "dateline_place": dateline,
            "received_text": received_line.number if received_line else None,
            "signature": signature if doc.signature else None,
        },
    )
