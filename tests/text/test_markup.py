"""The body markup has one reader: archive.text.markup."""

from __future__ import annotations

import re

import pytest

from archive.frus import page_range
from archive.text import markup, parse_document

BODY = (
    "Litvinov[^56] told me [sic] that the [Tannu?] Tuva question was welcome[d]\n\n"
    "[Page 490]\n\n"
    "by the Soviet[^12a] Government [Page xiv] and [End paraphrase.] [etc.]"
)


def test_footnote_refs_written_and_read_back():
    assert markup.footnote_ref("56") == "[^56]"
    assert markup.footnote_markers(BODY) == ["56", "12a"]
    assert markup.footnote_markers("") == []
    assert markup.without_footnote_refs("Litvinov[^56] and Yen[^7b].") == "Litvinov and Yen."


def test_plain_text_drops_references_and_turns_page_markers_into_spaces():
    assert markup.plain_text("one[^1]\n\ntwo[Page 3]three [sic]") == "one two three [sic]"
    assert markup.plain_text(None) == ""


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [("[Page 490]", True), ("[Page xiv]", True), ("text [Page 490]", False), ("[sic]", False)],
)
def test_a_page_break_paragraph_is_only_its_marker(paragraph, expected):
    assert markup.is_page_break(paragraph) is expected


def test_page_markers_and_inline_pages():
    assert [m["label"] for m in markup.page_markers(BODY)] == ["490", "xiv"]
    # a marker at a block's end is a line of its own, already counted by the parser
    assert markup.inline_pages("cut mid [Page 12] sentence [Page 13]") == ["12"]
    assert markup.PAGE_LINE.match("[Page 490]")["n"] == "490"
    assert markup.PAGE_LINE.match("[Page 490] text") is None


@pytest.mark.parametrize(
    ("inner", "kind"),
    [
        ("Page 490", "page_break"),
        ("sic", "sic"),
        ("sic!", "sic"),
        ("Tannu?", "uncertain"),
        ("Paraphrase.", "note"),
        ("End translation", "note"),
        ("d", "insertion"),
        ("etc.", "insertion"),
    ],
)
def test_bracket_kinds(inner, kind):
    assert markup.bracket_kind(inner) == kind


def test_reading_text_reads_supplied_words_and_drops_the_editors_asides():
    text, flags = markup.reading_text(BODY)
    assert "Litvinov told me  that the Tannu Tuva question was welcomed" in text
    assert "[" not in text and "sic" not in text and "etc" not in text
    assert "paraphrase" not in text
    uncertain = "".join(c for c, flag in zip(text, flags, strict=True) if flag)
    assert uncertain == "Tannu"


def test_the_sql_patterns_read_as_the_python_ones():
    # search strips markup in SQL with these two patterns; plain_text with the same ones
    assert re.sub(markup.FOOTNOTE_REF, "", "a[^1]b[^22c]") == "ab"
    assert re.sub(markup.PAGE_MARKER, " ", "a[Page 1]b") == "a b"
    assert markup.footnote_ref("1")[:2] == markup.FOOTNOTE_REF_OPENING


def test_parser_and_readers_agree_on_one_document():
    source = (
        "793.94/1: Telegram\n\n"
        "The Ambassador in Japan (Grew) to the Secretary of State\n\n"
        "Tokyo, January 5, 1937—noon.\n\n"
        "[Received January 5—9 a.m.]\n\n"
        "Hirota3 said the question [sic] was settled and that the\n\n"
        "[Page 12]\n\n"
        "Japanese [Government?] would reply.\n\n"
        "Grew\n\n"
        "- Koki Hirota, Japanese Minister for Foreign Affairs.↩\n"
    )
    doc = parse_document(source, "inline.txt")
    assert markup.footnote_markers(doc.body) == [f.marker for f in doc.footnotes]
    assert doc.pages == ["12"]
    assert page_range(doc.body) == (11, 12)
    kinds = {mark.quote: mark.kind for mark in doc.marks}
    assert kinds == {"[sic]": "sic", "[Page 12]": "page_break", "[Government?]": "uncertain"}
