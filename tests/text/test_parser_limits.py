"""Sizes and lengths the parser checks itself (issue 12 items 3 and 5).

A value too long for its column fails the document with its line on both
databases alike; a document over the size limit is refused at once; an
error quotes at most the start of the offending text. The shapes that were
slow are in bench/adversarial.py (timed there, not here).
"""

from __future__ import annotations

import pytest

from archive.models import Footnote, Telegram
from archive.text import ParseError, decode_source, parse_document
from archive.text.limits import FIELD_LIMITS, FOOTNOTE_LIMITS, MAX_DOCUMENT_BYTES
from bench.adversarial import SHAPES

NOTE = "793.94/7527: Telegram\n"
HEADING = "The Chargé in the Soviet Union (Henderson) to the Secretary of State\n"


@pytest.mark.parametrize("name", sorted(FIELD_LIMITS))
def test_the_parsers_limits_are_the_columns(name):
    assert Telegram._meta.get_field(name).max_length == FIELD_LIMITS[name]


@pytest.mark.parametrize("name", sorted(FOOTNOTE_LIMITS))
def test_the_footnote_limits_are_the_columns(name):
    assert Footnote._meta.get_field(name).max_length == FOOTNOTE_LIMITS[name]


def _circular_heading(length: int) -> str:
    """A heading as FRUS prints circular telegrams: one office after another."""
    posts = ["France", "Germany", "Italy", "Japan", "the United Kingdom", "the Soviet Union"]
    names = ["Straus", "Dodd", "Phillips", "Grew", "Bingham", "Bullitt"]
    parts, n = [], 0
    while len(", ".join(parts)) < length:
        parts.append(f"the Ambassador in {posts[n % 6]} ({names[n % 6]})")
        n += 1
    return "The Secretary of State to " + ", ".join(parts)


def test_a_heading_of_more_than_500_characters_is_read():
    heading = _circular_heading(600)
    assert 500 < len(heading) <= FIELD_LIMITS["heading"]
    doc = parse_document(NOTE + heading + "\n15. Please inform the Government.")
    assert doc.heading == heading
    assert doc.sender_role == "Secretary of State"


def test_a_heading_too_long_for_its_column_is_refused_with_its_line_and_cut():
    heading = _circular_heading(FIELD_LIMITS["heading"] + 100)
    with pytest.raises(ParseError, match=r"heading is .* characters long") as error:
        parse_document(NOTE + "\n" + heading + "\n15. Please inform the Government.", "x.txt")
    assert error.value.line == 3
    assert len(str(error.value)) < 300


@pytest.mark.parametrize(
    ("text", "field", "line"),
    [
        (NOTE + HEADING + "No. " + "7" * 25 + "\nSir: I have the honor.", "serial number", 3),
        (NOTE + HEADING + "[Received " + "x " * 120 + "]\n39. The text.", "received line", 3),
        ("793.94/" + "7" * 130 + ": Telegram\n" + HEADING + "39. The text.", "file number", 1),
        (NOTE + "The Minister (" + "Smith " * 30 + ") to the Secretary\n39. Text.", "name", 2),
    ],
    ids=["serial", "received", "file-number", "name"],
)
def test_values_too_long_for_their_columns_fail_with_their_line(text, field, line):
    with pytest.raises(ParseError, match=field) as error:
        parse_document(text, "x.txt")
    assert error.value.line == line


def test_a_footnote_anchor_too_long_is_refused():
    text = NOTE + HEADING + "39. " + "x" * 300 + "5 said so.\n- Note.↩"
    with pytest.raises(ParseError, match="word before the footnote marker") as error:
        parse_document(text)
    assert error.value.line == 3 and len(error.value.reason) < 300


def test_a_long_glued_number_is_no_marker_and_says_so_briefly():
    text = NOTE + HEADING + "39. He said Moscow" + "4" * 5000 + " twice."
    with pytest.raises(ParseError, match="too long for a footnote marker") as error:
        parse_document(text)
    assert error.value.line == 3 and len(error.value.reason) < 200


def test_a_4301_digit_number_after_a_month_is_read_as_printed_not_a_crash():
    # It was int() of 4,301 digits: a ValueError that stopped the whole run.
    # It is no day, no year and no day with a marker, so it is a figure.
    doc = parse_document(SHAPES["4,301-digit number after a month"]())
    assert "December " + "4" * 4301 in doc.body and doc.footnotes == []


def test_a_document_over_the_limit_is_refused_at_once_naming_it():
    text = NOTE + HEADING + "39. " + "x" * MAX_DOCUMENT_BYTES
    with pytest.raises(ParseError, match="2,000,000 bytes") as error:
        parse_document(text, "big.txt")
    assert error.value.line is None and "big.txt" in str(error.value)
    with pytest.raises(ParseError, match="at most 2,000,000 bytes"):
        decode_source(text.encode(), "big.txt")
    # Counted in bytes: 700,000 three-byte characters are over the limit.
    with pytest.raises(ParseError, match="2,100,"):
        parse_document(NOTE + HEADING + "39. " + "…" * 700_000)


def test_a_parse_error_never_repeats_the_whole_line():
    text = "793.94 " + "no slash here " * 100_000 + ": Telegram\nThe Minister\nText."
    with pytest.raises(ParseError, match="looks like a file number") as error:
        parse_document(text)
    assert len(str(error.value)) < 300


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_the_adversarial_shapes_parse_or_are_refused_cleanly(shape):
    try:
        doc = parse_document(SHAPES[shape](), "shape.txt")
    except ParseError as error:
        assert "over the limit" in shape and "2,000,000" in error.reason
    else:
        assert doc.body and "over the limit" not in shape
