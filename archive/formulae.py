"""Spreadsheet formula injection: neutralising cells that a spreadsheet would run.

A cell that begins with ``=``, ``+``, ``-`` or ``@`` is read as a formula by
Excel, LibreOffice and Google Sheets; a leading TAB or carriage return is
dropped by some of them and the rest of the cell then read as a formula
(OWASP, "CSV Injection"). Such a cell gets an apostrophe in front, which
spreadsheets show as text. A leading line feed is treated like a carriage
return: the archive stores line breaks as LF (archive.normalise), so a CR
typed at the start of a field arrives here as LF. A real number is left alone: ``-34.603333`` is a
southern latitude, not a formula, and must stay a number.

Two rules use this. The public downloads (archive.downloads) only need the
cell to be harmless. The editors' admin exports (archive.spreadsheets) are
imported again, so there the apostrophe must come off on the way back in,
exactly: a value that itself begins with an apostrophe gets a second one,
and :func:`restore` removes one from any cell that starts with one before a
formula character or another apostrophe.
"""

from __future__ import annotations

import re
from decimal import Decimal

LEADS = ("=", "+", "-", "@", "\t", "\r", "\n")
QUOTE = "'"
NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\Z")


def is_number(text: str) -> bool:
    """Whether ``text`` is a plain decimal number (what a spreadsheet reads as a number)."""
    return bool(NUMBER.match(text))


def neutralise(value: object) -> str:
    """``value`` as cell text that no spreadsheet runs as a formula."""
    if value is None:
        return ""
    text = str(value)
    if isinstance(value, (int, float, Decimal)) or is_number(text):
        return text
    if text.startswith(LEADS):
        return QUOTE + text
    return text


def neutralise_reversibly(value: object) -> object:
    """Like :func:`neutralise`, but a leading apostrophe is doubled so :func:`restore` is exact.

    Numbers and other non-text values pass through unchanged (the exporter
    writes them as numbers).
    """
    if not isinstance(value, str) or is_number(value):
        return value
    if value.startswith((*LEADS, QUOTE)):
        return QUOTE + value
    return value


def restore(value: object) -> object:
    """Undo :func:`neutralise_reversibly` on a cell read back from a spreadsheet."""
    if isinstance(value, str) and value[:1] == QUOTE and value[1:2] in (*LEADS, QUOTE):
        return value[1:]
    return value
