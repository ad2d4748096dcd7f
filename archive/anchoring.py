"""Finding an annotation's span again after the body was corrected.

An annotation is anchored by its quote and up to 32 characters of context
either side (the W3C TextQuoteSelector), plus the offsets where it stood.
When the body changes, every occurrence of the quote is scored by how much
of the old context still stands beside it, and the rule is:

* an occurrence *agrees* when the mean similarity of its two context
  windows to the stored prefix and suffix is at least :data:`AGREEMENT`
  (difflib's ratio on each side, the whole 32-character window compared,
  so a quote that stood at the start of the body and now has text before
  it counts as changed on that side);
* the passage is the best agreeing occurrence, provided no other
  occurrence comes within :data:`MARGIN` of it;
* when several fit equally well, the cached start offset breaks the tie,
  and only then: the occurrence standing exactly where the passage stood
  is kept. The offset is never a reason on its own, because any edit
  before the passage moves it;
* otherwise (the quote is gone, no occurrence agrees, or an unbroken tie)
  there is no answer: the caller flags the annotation for an editor and
  leaves its offsets and context exactly as they were.

The threshold: one side of the context intact and the other at least half
the same (a word inserted or corrected right beside the quote) still
agrees; a sentence elsewhere that merely shares the quoted words scores
about 0.2 to 0.45 on each side with English prose, far below. So an
annotation never moves silently to another occurrence of its words (issue
10, defect 5: "Costa du Rels" edited to "Costa Du Rels" used to carry its
note to another sentence quoting "Costa du Rels"), and it is never deleted
because its text moved (the trap the APIS prosopography project fell into).
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

CONTEXT = 32
# Mean similarity of the prefix and suffix windows an occurrence must reach.
AGREEMENT = 0.75
# How far ahead of every other occurrence the best one must be.
MARGIN = 0.1


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    prefix: str
    suffix: str


def _similarity(stored: str, found: str) -> float:
    if stored == found:
        return 1.0
    return SequenceMatcher(None, stored, found, autojunk=False).ratio()


def occurrences(body: str, quote: str) -> list[int]:
    """Every start offset of ``quote`` in ``body``, overlapping ones included."""
    starts = []
    position = body.find(quote) if quote else -1
    while position != -1:
        starts.append(position)
        position = body.find(quote, position + 1)
    return starts


def _wordy(char: str) -> bool:
    return char.isalnum() or char == "_"


def keeps_word_edges(
    body: str, start: int, end: int, quote: str, prefix: str, suffix: str
) -> bool:
    """Whether an occurrence keeps the word boundaries the passage had when it was anchored.

    A quote that began a word (its stored prefix ends with a space or
    punctuation, or is empty) is not the same passage when it now begins
    inside a word ("du Secretary" edited to "duSecretary"), and likewise at
    its end: such an occurrence is never taken for it.
    """
    began = not (prefix and _wordy(prefix[-1]))
    if quote and _wordy(quote[0]) and began and start > 0 and _wordy(body[start - 1]):
        return False
    ended = not (suffix and _wordy(suffix[0]))
    return not (quote and _wordy(quote[-1]) and ended and end < len(body) and _wordy(body[end]))


def _context_unchanged(body: str, at: int, length: int, prefix: str, suffix: str) -> bool:
    around = context_of(body, at, at + length)
    return around.prefix == prefix and around.suffix == suffix


def context_agreement(body: str, start: int, end: int, prefix: str, suffix: str) -> float:
    """How much of the stored context stands beside ``body[start:end]`` (0 to 1)."""
    found = context_of(body, start, end)
    return (_similarity(prefix, found.prefix) + _similarity(suffix, found.suffix)) / 2


def locate(
    body: str,
    quote: str,
    prefix: str = "",
    suffix: str = "",
    start: int | None = None,
) -> Anchor | None:
    """Where the passage now stands, or ``None`` when an editor must decide.

    ``start`` is the cached offset, used only to break a tie between
    occurrences whose context fits equally well (see the module docstring).
    """
    found = [
        at
        for at in occurrences(body, quote)
        if keeps_word_edges(body, at, at + len(quote), quote, prefix, suffix)
    ]
    same = [at for at in found if _context_unchanged(body, at, len(quote), prefix, suffix)]
    if len(same) == 1 or start in same:
        at = same[0] if len(same) == 1 else start
        return context_of(body, at, at + len(quote))
    scored = sorted(
        ((context_agreement(body, at, at + len(quote), prefix, suffix), at) for at in found),
        key=lambda item: -item[0],
    )
    if not scored or scored[0][0] < AGREEMENT:
        return None
    best_score = scored[0][0]
    tied = [at for score, at in scored if best_score - score < MARGIN]
    if len(tied) > 1:
        if start not in tied:
            return None  # two places fit about as well: an editor must choose
        tied = [start]
    if any(abs(at - tied[0]) < len(quote) for at in found if at != tied[0]):
        # The quote overlaps itself here ("Secretary Secretary" in a run of
        # three): its context cannot tell the occurrences apart.
        return None
    return context_of(body, tied[0], tied[0] + len(quote))


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
