"""The markup of a stored body, and the one place that reads it.

A document's body is kept as FRUS prints it, with three kinds of markup:

- footnote references, ``Litvinov[^56]``: where the printed marker stood
  (the parser writes them, :func:`footnote_ref`);
- page breaks, ``[Page 490]``: where a printed page of the volume begins
  (roman numerals in a volume's front matter, ``[Page xiv]``);
- the editors' square brackets: ``[sic]``, an uncertain reading
  ``[Tannu?]``, a supplied letter or word ``welcome[d]``, a note on the text
  ``[End paraphrase.]``.

Everything that reads a body (the parser's marks and pages, the reading
room's HTML, plain text for lists and search, the pages a citation gives,
name finding, the footnote check) reads it through this module, so the
three kinds are told apart by one rule. The two SQL-side patterns
(:data:`FOOTNOTE_REF`, :data:`PAGE_MARKER`) are written so that Python's
``re`` and PostgreSQL's regular expressions read them alike: search strips
the markup in SQL and lists strip it in Python, with the same result.

Pure Python, no database.
"""

from __future__ import annotations

import re
from functools import lru_cache

# A footnote reference: the printed marker's number, and a letter when FRUS
# added a note between two others (``12a``).
FOOTNOTE_REF = r"\[\^[0-9]+[a-d]?\]"
# What every footnote reference begins with (a cheap database test for "has any").
FOOTNOTE_REF_OPENING = "[^"
# A page marker as stored: an editor may have typed any page label, so the
# body is read leniently; the parser writes only the numbers of PAGE_NUMBER.
PAGE_MARKER = r"\[Page [^]]+\]"
# A printed page number: arabic, or roman in a volume's front matter.
PAGE_NUMBER = r"[0-9ivxlcdmIVXLCDM]+"
# A line of the source that is a page break and nothing else.
PAGE_LINE = re.compile(rf"^\[Page (?P<n>{PAGE_NUMBER})\]$")

# Every piece of markup in a body, in one pass: a footnote reference, a page
# marker, or any other bracket (the editors'). A bracket never nests. The
# opening bracket is written once, before the alternatives: Python's engine
# then finds each bracket by a fast search for "[" instead of trying three
# alternatives at every character (25 times faster). The groups hold the
# token without its brackets; ``match.group()`` is the whole token.
TOKEN = re.compile(
    r"\[(?:(?P<ref>\^(?P<marker>[0-9]+[a-d]?))"
    r"|(?P<page>Page (?P<label>[^\]]+))"
    r"|(?P<bracket>(?!\^)(?P<inner>[^\[\]]+)))\]"
)
# The editors' brackets, page markers included (they are brackets of the
# editors too), footnote references excluded.
BRACKET = re.compile(r"\[(?!\^)(?P<inner>[^\[\]]+)\]")
_REF = re.compile(r"\[\^([0-9]+[a-d]?)\]")
_PAGE = re.compile(r"\[Page (?P<label>[^\]]+)\]")
_NOTE = re.compile(r"^(?:End )?(?:paraphrase|translation)\.?$", re.I)
_INLINE_PAGE = re.compile(rf"\[Page ({PAGE_NUMBER})\](?!$)")
_PAGE_INNER = re.compile(rf"^Page {PAGE_NUMBER}$")


def footnote_ref(marker: str) -> str:
    """How the body keeps the reference to footnote ``marker``: ``[^56]``."""
    return f"[^{marker}]"


def footnote_markers(body: str) -> list[str]:
    """The markers of the footnote references in a body, in order (``["56", "12a"]``)."""
    return _REF.findall(body or "")


def without_footnote_refs(text: str) -> str:
    """The text with its footnote references taken out (they follow a word: no space left)."""
    return re.sub(FOOTNOTE_REF, "", text)


def plain_text(body: str) -> str:
    """The body as running text: no footnote references, page markers or paragraph breaks.

    What a list shows and what search indexes; a page marker becomes a
    space (it may stand between two words), and editorial brackets stay:
    they are part of the printed text.
    """
    text = re.sub(PAGE_MARKER, " ", without_footnote_refs(body or ""))
    return " ".join(text.split())


def is_page_break(paragraph: str) -> bool:
    """Whether a paragraph is a page marker and nothing else."""
    return re.fullmatch(PAGE_MARKER, paragraph) is not None


def page_markers(body: str) -> list[re.Match[str]]:
    """Every page marker in a body, in order; ``label`` is the page as written."""
    return list(_PAGE.finditer(body or ""))


def inline_pages(block: str) -> list[str]:
    """Page numbers printed inside a paragraph: a break that fell mid-sentence.

    A marker closing the block is left out: the parser has already counted
    it as a line of its own.
    """
    return _INLINE_PAGE.findall(block)


def bracket_kind(inner: str) -> str:
    """What an editors' bracket is, from the words inside it.

    ``Page 490`` a page break; ``sic`` (``sic!``) the editors' warning that
    the text is as printed; a reading ending in ``?`` uncertain;
    ``Paraphrase``, ``Translation`` and their ``End …`` a note on the text;
    anything else a letter or word the editors supplied (an insertion).
    """
    if _PAGE_INNER.match(inner):
        return "page_break"
    inner = inner.strip()
    if inner.lower().rstrip(".!") == "sic":
        return "sic"
    if inner.endswith("?"):
        return "uncertain"
    if _NOTE.match(inner):
        return "note"
    return "insertion"


def is_editors_aside(inner: str) -> bool:
    """Whether a bracket holds the editors' own words rather than a reading of the text.

    ``[sic]``, ``[etc.]`` (conventional wording the editors left out) and
    the notes on the text (``[Paraphrase]``, ``[End translation.]``) say
    nothing the document says; a supplied reading (``welcome[d]``,
    ``[Tannu?]``) does.
    """
    if inner.strip().lower().rstrip(".") == "etc":
        return True
    return bracket_kind(inner) in ("sic", "note")


@lru_cache(maxsize=4)
def reading_text(text: str) -> tuple[str, bytes]:
    """The text as a reader reads it, and which characters were an uncertain reading.

    The second value has one byte per character of the reading: 1 where the
    character belongs to an uncertain reading. Cached for the last few texts:
    the linker reads each body several times (names, people by their printed
    forms, the unmatched-names queue).

    Footnote references disappear and page markers become a space; the
    editors' asides (:func:`is_editors_aside`) are dropped; a supplied
    reading (``welcome[d]``, ``[Tannu?]``) is read without its brackets and
    question mark.
    """
    out: list[str] = []
    uncertain_spans: list[tuple[int, int]] = []
    position = length = 0
    for match in TOKEN.finditer(text):
        chunk = text[position : match.start()]
        out.append(chunk)
        length += len(chunk)
        if match["ref"]:
            replacement = ""
        elif match["page"]:
            replacement = " "
        elif is_editors_aside(match["inner"]):
            replacement = ""
        else:
            inner = match["inner"]
            replacement = inner
            if inner.rstrip().endswith("?"):
                replacement = inner.rstrip().rstrip("?")
                uncertain_spans.append((length, length + len(replacement)))
        out.append(replacement)
        length += len(replacement)
        position = match.end()
    out.append(text[position:])
    reading = "".join(out)
    # One byte per character (1: an uncertain reading), written span by span.
    flags = bytearray(len(reading))
    for start, end in uncertain_spans:
        flags[start:end] = b"\x01" * (end - start)
    return reading, bytes(flags)
