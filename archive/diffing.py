"""What changed between two versions of a record, in words an editor reads.

History used to show a long text as its first 80 characters before and
after, so a corrected word in the fifth paragraph of a body showed as two
identical beginnings. Here a long text is compared word by word
(``difflib`` on word tokens) and only the changed words are shown, with a
few words of context either side; short values are shown whole, an empty
value as "(empty)", never as "None".

No database: functions of the values alone, with the model only for labels.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from django.db import models
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import capfirst

EMPTY = "(empty)"
CONTEXT_WORDS = 5
# Words and the whitespace after them, so that joining the tokens gives the text back.
TOKEN = re.compile(r"\S+\s*|\s+")

# Bookkeeping that never is an editor's change of the record:
# - ``protected_fields`` repeats the other fields of the same row (the admin
#   adds a name there whenever an editor changes that field);
# - ``version`` is raised on every save; ``search_vector`` is derived from the
#   texts; ``start`` and ``end`` are offsets cached from the annotation's quote.
# Shown, they made every row of a history list read "protected_fields,
# version" and hid what the editor did.
HIDDEN_FIELDS = frozenset({"protected_fields", "version", "search_vector", "start", "end"})

# Fields whose verbose name is still a programmer's name.
LABELS = {
    "decimal_status": "file number reading",
    "decimal_class": "file class",
    "decimal_file": "decimal file",
    "decimal_subdivision": "file subdivision",
    "decimal_qualifier": "file qualifier",
    "decimal_item": "file item",
    "file_country_1": "first country of the file",
    "file_country_2": "second country of the file",
    "prefix": "words before the quote",
    "suffix": "words after the quote",
    "source_sha256": "checksum of the source",
}


@dataclass(frozen=True)
class Segment:
    """A run of words: ``same``, ``del`` (removed), ``ins`` (added) or ``gap`` (elided)."""

    kind: str
    text: str


def field_label(model: type[models.Model], name: str) -> str:
    """The label an editor knows a field by (its verbose name, or a better one)."""
    if name in LABELS:
        return capfirst(LABELS[name])
    try:
        return capfirst(str(model._meta.get_field(name).verbose_name))
    except Exception:  # a name that is no field (an admin column)
        return capfirst(name.replace("_", " "))


def is_long_text(model: type[models.Model], name: str) -> bool:
    """Texts compared word by word: every TextField (body, footnote text, notes…)."""
    try:
        return isinstance(model._meta.get_field(name), models.TextField)
    except Exception:
        return False


def display_value(value: object) -> str:
    """A value as an editor reads it; empty values (None, "", []) as "(empty)"."""
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def word_diff(old: str, new: str, context: int = CONTEXT_WORDS) -> list[Segment]:
    """The changed words of ``old`` → ``new`` with ``context`` unchanged words either side.

    Whitespace differences alone are not changes (a word's trailing space
    or line break is compared without it). Long unchanged runs are elided as
    a ``gap`` segment.
    """
    old_tokens = TOKEN.findall(old or "")
    new_tokens = TOKEN.findall(new or "")
    matcher = difflib.SequenceMatcher(
        a=[t.strip() for t in old_tokens], b=[t.strip() for t in new_tokens], autojunk=False
    )
    segments: list[Segment] = []
    opcodes = matcher.get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            words = new_tokens[j1:j2]
            first, last = index == 0, index == len(opcodes) - 1
            keep_before = 0 if first else context
            keep_after = 0 if last else context
            if len(words) <= keep_before + keep_after:
                segments.append(Segment("same", "".join(words)))
                continue
            if keep_before:
                segments.append(Segment("same", "".join(words[:keep_before])))
            segments.append(Segment("gap", "…"))
            if keep_after:
                segments.append(Segment("same", "".join(words[-keep_after:])))
            continue
        if i2 > i1:
            segments.append(Segment("del", "".join(old_tokens[i1:i2])))
        if j2 > j1:
            segments.append(Segment("ins", "".join(new_tokens[j1:j2])))
    return segments


def render_word_diff(old: str, new: str, context: int = CONTEXT_WORDS) -> SafeString:
    """``word_diff`` as HTML: removed words in ``<del>``, added in ``<ins>``, all escaped."""
    if not (old or "").strip() and not (new or "").strip():
        return format_html("{}", EMPTY)
    tags = {"del": "<del>{}</del>", "ins": "<ins>{}</ins>", "gap": " {} ", "same": "{}"}
    segments = word_diff(old or "", new or "", context)
    if not any(s.kind in ("del", "ins") for s in segments):
        return format_html("{}", "only spacing or line breaks changed")
    return format_html_join("", "{}", ((format_html(tags[s.kind], s.text),) for s in segments))
