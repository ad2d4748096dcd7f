"""Property: the parser pairs every footnote exactly as the source numbers them, or refuses.

Documents are built with markers in FRUS style (glued to a word or to
punctuation, glued to a day after a month name, glued to the year of a
date; in sequence, with lettered notes and repeats) among numbers that are
not markers (days, years, figures, decimals). Intact, each must pair
exactly; with a footnote line left out or a stray number glued to a word it
must be refused; with a line added it must be refused, unless a decimal of
the text was read as the missing marker and a warning says so.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from archive.text import ParseError, parse_document
from archive.text.dates import MONTH_NAMES

MONTHS = set(MONTH_NAMES.split("|"))

HEAD = (
    "793.94/7527: Telegram\nThe Chargé in the Soviet Union (Henderson) to the Secretary of State\n"
)
WORDS = ["Government", "Litvinov", "reply", "Embassy", "conference", "treaty", "Moscow"]
FILLER = [
    "The Minister said so",
    "in 1935 the talks began",
    "some 150 tons were shipped",
    "on December 12 he left",
    "interest of 3.5 per cent was asked",
    "a loan of 1,500 dollars",
    "see your 286, May 2, noon",
]


@st.composite
def numbered(draw):
    """Marker values in sequence: the next number, a lettered note, or a repeat."""
    number, letter = draw(st.integers(1, 400)), ""
    values = [(number, letter)]
    for _ in range(draw(st.integers(0, 7))):
        step = draw(st.sampled_from(["next", "next", "next", "letter", "repeat"]))
        if step == "next":
            number, letter = number + 1, ""
        elif step == "letter" and letter < "c":
            letter = chr(ord(letter) + 1) if letter else "a"
        values.append((number, letter))
    return [f"{n}{s}" for n, s in values]


def _placed(draw, marker: str) -> str:
    """The marker as FRUS prints it, glued to something."""
    how = draw(st.sampled_from(["word", "comma", "period", "bracket", "day", "year"]))
    if how == "word":
        return draw(st.sampled_from(WORDS)) + marker
    if how == "comma":
        return f"p.m.,{marker}"
    if how == "period":
        return f"the {draw(st.sampled_from(WORDS))}.{marker}"
    if how == "bracket":
        return f"[considerations.]{marker}"
    if how == "day" and marker.isdigit():
        # A day of 4–9 glued to any number is over 31: it cannot stand as printed.
        return f"on November {draw(st.integers(4, 9))}{marker}"
    return f"on July 18, {draw(st.integers(1930, 1942))}{marker}"


@st.composite
def documents(draw):
    markers = draw(numbered())
    pieces = [draw(st.sampled_from(FILLER)) for _ in range(draw(st.integers(0, 3)))]
    for marker in markers:
        pieces.append(_placed(draw, marker))
        pieces.extend(draw(st.sampled_from(FILLER)) for _ in range(draw(st.integers(0, 2))))
    paragraphs, current = [], []
    for piece in pieces:
        current.append(piece)
        if draw(st.booleans()):
            paragraphs.append(" ".join(current) + ".")
            current = []
    if current:
        paragraphs.append(" ".join(current) + ".")
    paragraphs[0] = "520. " + paragraphs[0]
    notes = [f"Note {i} on {m}." for i, m in enumerate(markers)]
    return markers, paragraphs, notes


def _text(paragraphs: list[str], notes: list[str]) -> str:
    return HEAD + "\n".join(paragraphs) + "\n" + "\n".join(f"- {n}↩" for n in notes)


@settings(max_examples=200, deadline=None)
@given(documents())
def test_an_intact_document_pairs_exactly_as_numbered(document):
    markers, paragraphs, notes = document
    doc = parse_document(_text(paragraphs, notes), "prop.txt")
    assert [(f.marker, f.text) for f in doc.footnotes] == list(zip(markers, notes, strict=True))
    assert doc.body.count("[^") == len(markers)


@settings(max_examples=200, deadline=None)
@given(documents(), st.data())
def test_a_missing_footnote_line_is_refused(document, data):
    _, paragraphs, notes = document
    dropped = data.draw(st.integers(0, len(notes) - 1))
    try:
        parse_document(_text(paragraphs, notes[:dropped] + notes[dropped + 1 :]), "prop.txt")
    except ParseError as error:
        assert error.line is not None
    else:
        raise AssertionError("a document with a footnote line left out was accepted")


@settings(max_examples=200, deadline=None)
@given(documents(), st.data())
def test_an_extra_footnote_line_is_refused_or_named(document, data):
    markers, paragraphs, notes = document
    at = data.draw(st.integers(0, len(notes)))
    try:
        doc = parse_document(_text(paragraphs, [*notes[:at], "An extra.", *notes[at:]]))
    except ParseError:
        return
    assert any("could be a figure" in w for w in doc.warnings)
    assert len(doc.footnotes) == len(markers) + 1


@settings(max_examples=200, deadline=None)
@given(documents(), st.data())
def test_a_stray_number_glued_to_a_word_is_refused(document, data):
    _, paragraphs, notes = document
    index = data.draw(st.integers(0, len(paragraphs) - 1))
    words = paragraphs[index].split(" ")
    # Not a month name: "November1 41" moves the marker rather than adding one
    # (the number after it is then a figure), a consistent text of its own.
    plain = [i for i, w in enumerate(words) if w.isalpha() and w not in MONTHS]
    if not plain:
        return
    at = data.draw(st.sampled_from(plain))
    words[at] += str(data.draw(st.integers(1, 500)))
    changed = [*paragraphs[:index], " ".join(words), *paragraphs[index + 1 :]]
    try:
        parse_document(_text(changed, notes), "prop.txt")
    except ParseError as error:
        assert error.line is not None
    else:
        raise AssertionError("a stray number glued to a word was accepted")
