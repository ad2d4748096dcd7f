"""The two founding documents, field by field against seeds/EXPECTED.md."""

from __future__ import annotations

import pytest

from archive.text import parse_document
from tests.conftest import SEED_000, SEED_002


@pytest.fixture(scope="module")
def seed_000():
    return parse_document(SEED_000.read_text(encoding="utf-8"), SEED_000.name)


@pytest.fixture(scope="module")
def seed_002():
    return parse_document(SEED_002.read_text(encoding="utf-8"), SEED_002.name)


HEADING = "The Chargé in the Soviet Union (Henderson) to the Secretary of State"


def test_seed_000_fields(seed_000):
    doc = seed_000
    assert doc.source_note == "793.94/7527: Telegram"
    assert doc.file_number == "793.94/7527"
    assert doc.kind == "telegram"
    assert doc.heading == HEADING
    assert (doc.sender_role, doc.sender_name) == ("Chargé in the Soviet Union", "Henderson")
    assert (doc.recipient_role, doc.recipient_name) == ("Secretary of State", "")
    assert doc.serial_number == "520"
    assert (doc.dateline, doc.date_text, doc.received_text) == ("", "", "")
    assert doc.date_earliest is None and doc.date_latest is None
    assert doc.body.startswith("520. The Chinese Ambassador informed me yesterday")
    assert doc.body.endswith("would be a surprising reversal of policies hitherto followed.")
    assert len(doc.paragraphs) == 10
    assert "[Page 490]" in doc.paragraphs
    assert doc.signature == "Henderson"
    assert doc.footnotes == []
    marks = [(m.kind, m.quote) for m in doc.marks]
    assert sorted(marks) == sorted(
        [
            ("insertion", "[since]"),
            ("uncertain", "[Tannu?]"),
            ("uncertain", "[Tannu?]"),
            ("page_break", "[Page 490]"),
        ]
    )


def test_seed_002_fields(seed_002):
    doc = seed_002
    assert doc.source_note == "761.9315 Manchuria/35: Telegram"
    assert doc.file_number == "761.9315 Manchuria/35"
    assert doc.kind == "telegram"
    assert doc.heading == HEADING
    assert (doc.sender_role, doc.sender_name) == ("Chargé in the Soviet Union", "Henderson")
    assert (doc.recipient_role, doc.recipient_name) == ("Secretary of State", "")
    assert doc.serial_number == "39"
    assert (doc.dateline, doc.date_text) == ("", "")
    assert doc.received_text == "January 31—2:55 p.m."
    assert doc.body.startswith("39. The usual emissary of the Kremlin")
    assert doc.body.endswith("would discuss the matter with the British Government.")
    assert len(doc.paragraphs) == 4
    assert "Undoubtedly Litvinov[^56] while in London" in doc.body
    assert doc.signature == ""
    assert [(f.marker, f.anchor_text, f.text) for f in doc.footnotes] == [
        ("56", "Litvinov", "Soviet Commissar for Foreign Affairs.")
    ]
    assert sorted((m.kind, m.quote) for m in doc.marks) == [
        ("insertion", "[to support such attacks.]"),
        ("sic", "[sic]"),
    ]


def test_marks_carry_context_to_find_them_again(seed_000):
    for mark in seed_000.marks:
        assert seed_000.body[mark.start : mark.end] == mark.quote
        assert len(mark.prefix) <= 32 and len(mark.suffix) <= 32
        assert seed_000.body.find(mark.prefix + mark.quote + mark.suffix) != -1


def test_identities_are_stable_and_distinct(seed_000, seed_002):
    again = parse_document(SEED_000.read_text(encoding="utf-8"))
    assert again.identity == seed_000.identity
    assert seed_000.identity != seed_002.identity
    assert seed_000.identity.startswith("793-94-7527-")


def test_both_layouts_and_line_endings_read_the_same(seed_000):
    text = SEED_000.read_text(encoding="utf-8")
    crlf = parse_document("\ufeff" + text.replace("\n", "\r\n"))
    assert crlf.body == seed_000.body
    single = parse_document("\n".join(line for line in text.split("\n") if line.strip()))
    assert single.body == seed_000.body
    assert single.identity == seed_000.identity
