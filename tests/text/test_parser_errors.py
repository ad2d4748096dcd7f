"""Bad input: the parser names the line and says why, and raises nothing else."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.text import ParseError, decode_source, parse_document
from archive.text.footnotes import Segment, resolve
from tests.conftest import SEED_000, SEED_002


def test_empty_file():
    with pytest.raises(ParseError, match="empty"):
        decode_source(b"  \n", "empty.txt")


def test_binary_file():
    with pytest.raises(ParseError, match="binary") as error:
        decode_source(b"793.94/1: Telegram\n\x00\x01\x02", "blob.txt")
    assert error.value.line == 2


def test_not_utf8_names_the_line():
    data = b"793.94/1: Telegram\nThe Minister in China (Johnson) to the Secretary of State\n"
    data += "Caf\xe9 society.".encode("latin-1")
    with pytest.raises(ParseError, match="not UTF-8") as error:
        decode_source(data, "latin.txt")
    assert error.value.line == 3
    assert "latin.txt, line 3" in str(error.value)


def test_byte_order_mark_and_crlf_accepted():
    data = b"\xef\xbb\xbf" + SEED_002.read_bytes().replace(b"\n", b"\r\n")
    doc = parse_document(decode_source(data))
    assert doc.heading.startswith("The Chargé")


def test_no_heading():
    with pytest.raises(ParseError, match="no heading") as error:
        parse_document("793.94/1: Telegram\n\n520. The Ambassador said so.", "x.txt")
    assert error.value.line == 3


def test_source_note_only():
    with pytest.raises(ParseError, match="no heading"):
        parse_document("793.94/1: Telegram", "x.txt")


def test_unreadable_file_number():
    with pytest.raises(ParseError, match="looks like a file number"):
        parse_document("793.94 no slash here: Telegram\nThe Minister to the Secretary\nText.")


def test_marker_without_footnote_line():
    text = SEED_002.read_text(encoding="utf-8").rsplit("\n", 1)[0]
    with pytest.raises(ParseError, match="no footnote line") as error:
        parse_document(text, "seed.txt")
    assert error.value.line == 7


def test_footnote_line_without_marker():
    text = SEED_000.read_text(encoding="utf-8") + "\n\n- A note with no marker.↩"
    with pytest.raises(ParseError, match="footnote line"):
        parse_document(text, "seed.txt")


def test_unsettled_pairing_is_refused_not_guessed():
    segments = [Segment("body", "He replied on October 187 and no more.", 5)]
    with pytest.raises(ParseError, match="two readings"):
        resolve(segments, [("Not printed.", 9)])


def test_document_date_settles_the_day():
    from datetime import date

    segments = [Segment("body", "He replied on October 187 and no more.", 5)]
    result = resolve(segments, [("Not printed.", 9)], written=date(1930, 10, 20))
    assert [f.marker for f in result.footnotes] == ["7"]


LINES = st.sampled_from(
    [
        "793.94/7527: Telegram",
        "The Chargé in the Soviet Union (Henderson) to the Secretary of State",
        "[Received January 31—2:55 p.m.]",
        "Moscow, December 18, 1935—noon.",
        "520. The Chinese Ambassador informed me yesterday4 that",
        "[Page 490]",
        "November 433 and 1941;32",
        "- Not printed.↩",
        "Henderson",
        "",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(LINES, st.text(max_size=80)), max_size=12))
def test_parser_raises_only_its_own_error(lines):
    try:
        doc = parse_document("\n".join(lines), "fuzz.txt")
    except ParseError as error:
        assert error.reason
    else:
        assert doc.heading


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_decoder_raises_only_its_own_error(data):
    try:
        decode_source(data, "fuzz.bin")
    except ParseError as error:
        assert error.reason
