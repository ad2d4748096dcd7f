"""How long a document and each value the parser reads may be.

The parser checks these itself, so a value too long for its column fails
the document with the line it came from on every database alike (SQLite
does not enforce ``max_length``; PostgreSQL fails the whole save without a
line). The numbers are the ``max_length`` of the model fields the values go
to (archive/models.py); tests/text/test_parser_limits.py keeps them equal.
"""

from __future__ import annotations

from .errors import ParseError, cut

# No FRUS document comes near this: the longest printed despatches run to
# some tens of kilobytes. Above it a file is refused before it is read.
MAX_DOCUMENT_BYTES = 2_000_000

FIELD_LIMITS: dict[str, int] = {
    # ParsedDocument field -> max_length of the Telegram field it fills
    "source_note": 300,
    "file_number": 120,
    "heading": 1000,  # FRUS headings naming several recipients pass 500 characters
    "sender_role": 1000,
    "recipient_role": 1000,
    "serial_number": 20,
    "dateline": 200,
    "date_text": 120,
    "received_text": 200,
    "signature": 200,
}
# Names become Person.name; the dateline place becomes Place.name.
# A name the archive does not know becomes a new Person whose surname (120
# characters) may be the whole name.
NAME_LIMITS: dict[str, int] = {"sender_name": 120, "recipient_name": 120, "dateline_place": 200}
FOOTNOTE_LIMITS: dict[str, int] = {"marker": 10, "anchor_text": 200}

LABELS = {
    "source_note": "source note",
    "file_number": "file number",
    "sender_role": "sender's office in the heading",
    "recipient_role": "recipient's office in the heading",
    "serial_number": "serial number",
    "date_text": "date",
    "received_text": "received line",
    "sender_name": "sender's name in the heading",
    "recipient_name": "recipient's name in the heading",
    "dateline_place": "dateline place",
    "anchor_text": "word before the footnote marker",
    "marker": "footnote marker",
}


def check_size(size: int) -> None:
    """Refuse a document over :data:`MAX_DOCUMENT_BYTES` at once, before any work."""
    if size > MAX_DOCUMENT_BYTES:
        raise ParseError(
            f"the document is {size:,} bytes; the archive reads documents of at most "
            f"{MAX_DOCUMENT_BYTES:,} bytes (2 MB), far more than any FRUS document"
        )


def check_length(name: str, value: str, limit: int, line: int | None) -> None:
    """Refuse ``value`` when longer than ``limit``, quoting only its start."""
    if len(value) > limit:
        raise ParseError(
            f"the {LABELS.get(name, name)} is {len(value):,} characters long; the archive "
            f"holds at most {limit}: {cut(value)!r}",
            line,
        )


def check_fields(doc, lines: dict[str, int | None]) -> None:
    """Every column value of a parsed document against its limit; ``lines`` says where each is."""
    for name, limit in {**FIELD_LIMITS, **NAME_LIMITS}.items():
        if name in lines:
            check_length(name, getattr(doc, name), limit, lines[name])
