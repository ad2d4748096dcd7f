"""Finding an annotation's span again after the body was corrected.

An annotation is anchored by its quote and up to 32 characters of context
either side (the W3C TextQuoteSelector). When the body changes, every
occurrence of the quote is scored by how much of the old context still
stands beside it; one clear winner is the new anchor. No occurrence, or a
tie, leaves the annotation in place and flags it for an editor: an
annotation is never deleted because its text moved (the trap the APIS
prosopography project fell into).
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

CONTEXT = 32


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    prefix: str
    suffix: str


def _similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def locate(body: str, quote: str, prefix: str = "", suffix: str = "") -> Anchor | None:
    """The one place ``quote`` now stands, or ``None`` when it is gone or ambiguous."""
    if not quote:
        return None
    starts = []
    position = body.find(quote)
    while position != -1:
        starts.append(position)
        position = body.find(quote, position + 1)
    if not starts:
        return None
    scored = []
    for start in starts:
        end = start + len(quote)
        before = body[max(0, start - CONTEXT) : start]
        after = body[end : end + CONTEXT]
        score = _similarity(before[-len(prefix) :] if prefix else "", prefix) + _similarity(
            after[: len(suffix)] if suffix else "", suffix
        )
        scored.append((score, start, end, before, after))
    scored.sort(key=lambda item: -item[0])
    if len(scored) > 1 and scored[0][0] - scored[1][0] < 0.1:
        return None  # two places fit about as well: an editor must choose
    _, start, end, before, after = scored[0]
    return Anchor(start, end, before, after)


def context_of(body: str, start: int, end: int) -> Anchor:
    return Anchor(start, end, body[max(0, start - CONTEXT) : start], body[end : end + CONTEXT])


def anchor_new(body: str, quote: str) -> Anchor | str:
    """Anchor a quote an editor has just chosen; a reason string when it cannot be."""
    count = body.count(quote) if quote else 0
    if count == 0:
        return "The quoted text does not occur in the body; copy it exactly as it stands."
    if count > 1:
        return (
            f"The quoted text occurs {count} times in the body; quote a few more words so "
            "that it marks one place."
        )
    start = body.index(quote)
    return context_of(body, start, start + len(quote))
