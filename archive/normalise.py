"""One rule for text that reaches the archive, whichever door it comes through.

Browsers submit every ``<textarea>`` with CRLF line endings (the HTML
standard's form-submission rule), spreadsheets and Windows editors bring
CR or CRLF too, and the parser reads files with either. Stored text uses
``\\n`` only, and trailing spaces or tabs at the end of a line carry no
meaning in a FRUS document. Normalising *before* values are compared is what
keeps an untouched field from looking changed: a document saved without a
change must not have its body rewritten, protected from the next import and
shown as wholly different in the source comparison.

The rule is applied in three places, each covering one way in:

- admin forms and inline rows (``archive.admin.base.VersionedForm``), before
  a value is compared with the stored one;
- every save of an archive model (:func:`normalise_instance`, connected to
  ``pre_save`` in ``archive.apps``), which covers the admin import, merges,
  scripts and the importer's careful path;
- the importer's bulk path, whose values come from the parser, which already
  keeps the rule (a test checks the parser's output against it).
"""

from __future__ import annotations

import re

from django.db import models

_LINE_END = re.compile(r"\r\n?")
_TRAILING = re.compile(r"[ \t]+(?=\n|\Z)")

# Stored as received, never edited: the provenance of an import.
VERBATIM_FIELDS = frozenset({"source_text"})
# Exact slices of a body (an annotation's quote and its context either
# side): their spaces are part of the anchor, so only line endings change.
EXACT_FIELDS = frozenset({"quote", "prefix", "suffix"})


def normalise_text(value: str, *, exact: bool = False) -> str:
    """``value`` with CRLF and CR turned into LF and trailing spaces cut from each line.

    Trailing blank lines are dropped as well: a textarea that ends in a
    newline holds the same text as one that does not. With ``exact`` only
    the line endings change.
    """
    if not value:
        return value
    text = _LINE_END.sub("\n", value)
    if exact:
        return text
    text = _TRAILING.sub("", text)
    return text.rstrip("\n") if text.endswith("\n") else text


def is_normal(value: str, *, exact: bool = False) -> bool:
    return normalise_text(value, exact=exact) == value


def text_fields(model: type[models.Model]) -> list[tuple[str, bool]]:
    """The text columns of ``model`` the rule applies to, each with its ``exact`` flag."""
    return [
        (field.attname, field.name in EXACT_FIELDS)
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and field.name not in VERBATIM_FIELDS
    ]


def normalise_instance(instance: models.Model) -> None:
    """Apply the rule to every text field of ``instance`` in place (before it is saved)."""
    for name, exact in text_fields(type(instance)):
        value = instance.__dict__.get(name)
        if isinstance(value, str) and value:
            normal = normalise_text(value, exact=exact)
            if normal != value:
                instance.__dict__[name] = normal
