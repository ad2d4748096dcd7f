"""A document's body as reading-room HTML.

The body is stored as printed, with ``[^56]`` footnote references,
``[Page 490]`` markers and the editors' brackets (read by
:mod:`archive.text.markup`). Here each paragraph is cut into pieces (plain text,
footnote reference, page marker, editorial bracket, a name to link), every
piece is escaped on its own, and only then wrapped in markup, so nothing in
a document can inject HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.html import escape, format_html

from .text.markup import TOKEN, is_page_break, plain_text


def excerpt(body: str, words: int = 30) -> str:
    """The first ``words`` words of the plain text, with an ellipsis if there is more."""
    parts = plain_text(body).split(" ", words)
    if len(parts) > words:
        return " ".join(parts[:words]) + " …"
    return " ".join(parts)


@dataclass
class Link:
    """A name to link in the text, to a person or place page."""

    surface: str
    url: str
    kind: str  # person / place


@dataclass
class RenderedParagraph:
    html: str
    is_page_break: bool
    notes: list


def render_body(
    body: str, footnotes, links: list[Link], annotations=()
) -> list[RenderedParagraph]:
    """Paragraphs of HTML; ``footnotes`` in print order, matched to references in turn."""
    notes = [n for n in footnotes if n.location == "body"]
    names = None
    if links:
        ordered = sorted(
            {link.surface: link for link in links}.values(), key=lambda x: -len(x.surface)
        )
        names = re.compile(
            r"(?<!\w)(" + "|".join(re.escape(link.surface) for link in ordered) + r")(?!\w)"
        )
        by_surface = {link.surface: link for link in ordered}
    counter = 0
    paragraphs = []
    for text in body.split("\n\n") if body else []:
        pieces: list[str] = []
        position = 0
        for match in TOKEN.finditer(text):
            pieces.append(
                _text(text[position : match.start()], names, by_surface if names else {})
            )
            if match["ref"]:
                note = notes[counter] if counter < len(notes) else None
                counter += 1
                pieces.append(
                    format_html(
                        '<sup class="fn-ref"><a href="#fn-{0}" id="fnref-{0}" '
                        'aria-describedby="footnotes-label">{1}</a></sup>',
                        note.order if note else counter,
                        match["marker"],
                    )
                )
            elif match["page"]:
                pieces.append(
                    format_html(
                        '<span class="page-marker" id="page-{0}" role="note">[Page {0}]</span>',
                        match["label"],
                    )
                )
            else:
                pieces.append(
                    format_html(
                        '<span class="editorial" title="Editorial insertion">{}</span>',
                        match.group(),
                    )
                )
            position = match.end()
        pieces.append(_text(text[position:], names, by_surface if names else {}))
        quotes = [a for a in annotations if a.quote and a.quote in text]
        paragraphs.append(
            RenderedParagraph(
                html="".join(pieces),
                is_page_break=is_page_break(text),
                notes=quotes,
            )
        )
    return paragraphs


def _text(text: str, names, by_surface) -> str:
    if not text:
        return ""
    if names is None:
        return escape(text)
    out = []
    position = 0
    for match in names.finditer(text):
        out.append(escape(text[position : match.start()]))
        link = by_surface[match.group()]
        out.append(
            format_html('<a class="{}" href="{}">{}</a>', link.kind, link.url, match.group())
        )
        position = match.end()
    out.append(escape(text[position:]))
    return "".join(out)
