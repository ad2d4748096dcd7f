"""Pairing footnote markers with the footnote lines printed at the end: paired or refused.

FRUS prints a footnote reference as its number glued to the preceding text
(``Litvinov56``, ``p.m.,60``, ``considerations.]34``); the plain-text
renderings print the footnote texts at the end, in marker order, without
their numbers. Nothing but the markers' own numbers can check the pairing,
so these rules of FRUS style decide, and a document that breaks them is
refused with the line of the first disagreement rather than guessed:

1. **A number glued to a word or to punctuation is a marker** (``Brett57``,
   ``review.60``, ``1941;32``, ``March 5.58`` – the period ends the date,
   and a decimal never follows a month name). Every such number must pair
   with a footnote line; one with no line (``in Moscow12``) fails the
   document.
2. **A number that cannot stand as printed ends in a marker.** A number
   after a month name that is neither a day (1–31) nor a year
   (``November 433``: November 4 + note 33; ``October 187``) and a year of
   a printed date with digits glued (``July 18, 194135``) are split into
   day or year + marker, and that marker must pair like any other. A day
   or a year as printed (``December 12``, ``May 1935``) is never split, and
   nor is a number outside a date (``decree 19367``). Digits after the
   period or comma of a figure of its own (``5.58``, ``3,500``) may be a
   marker; they are read as one only when the footnote lines require it,
   and never as a repeat.
3. **Markers run in sequence**: each is the previous number plus one
   (``57`` → ``58``), a lettered note inserted after it (``32`` → ``32a``
   → ``33``), or the same marker printed again (``63``, ``63``). The first
   may be any number (numbering runs through a chapter).
4. **Count and order agree**: there are as many markers as footnote lines,
   and the n-th marker in print order (heading, dateline, received line,
   body) takes the n-th line.
5. **One reading or none.** When the rules leave two readings, the
   document is refused; the only exception is a split whose day alone
   differs (``October 187``: the 18th or the 1st), settled by the
   document's date – telegrams cite the communications of the days just
   before – and reported as a warning that names the choice.
6. **A figure's digits are named in a warning** whenever they could go
   either way: read as a marker (``your 286.37``), or read as a figure
   although they would continue the markers (``3.59`` after marker 58:
   its footnote line may be missing).

The search is a dynamic programme over the candidate numbers with
back-pointers, so its time grows with the length of the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .errors import ParseError, cut
from .markers import (
    FIGURE,
    SPLIT,
    Candidate,
    Option,
    Segment,
    anchor,
    find_candidates,
    printed,
    split_reading,
)
from .markup import footnote_ref

_MAX_STATES = 512  # live readings beyond this are ambiguity, not FRUS
_TIE = 1e-9


@dataclass(frozen=True)
class ResolvedFootnote:
    """One marker paired with its footnote line: where it sits and what the line says."""

    marker: str
    anchor_text: str
    where: str
    segment: int
    start: int
    end: int
    text: str = ""
    line: int = 0


@dataclass
class Resolution:
    """The pairing of a document, and the warnings an editor should read about it."""

    footnotes: list[ResolvedFootnote] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _next_letter(suffix: str) -> str:
    return "a" if not suffix else chr(ord(suffix) + 1) if suffix < "d" else ""


def follows(prev: tuple[int, str] | None, cur: tuple[int, str], repeat: bool = True) -> bool:
    """Rule 3: ``cur`` may come right after ``prev`` (None: ``cur`` is the first marker)."""
    if prev is None:
        return True
    if cur[0] == prev[0] + 1 and cur[1] == "":
        return True
    if cur[0] == prev[0] and cur[1] and cur[1] == _next_letter(prev[1]):
        return True
    return repeat and cur == prev


# A reading is a chain of nodes (cost, parent, candidate index, option), so
# extending one costs nothing however long it is.
_Node = tuple


def _chain(node: _Node | None) -> list[tuple[int, Option]]:
    chosen = []
    while node is not None and node[2] >= 0:
        chosen.append((node[2], node[3]))
        node = node[1]
    return chosen[::-1]


def _search(candidates: list[Candidate], wanted: int, segments, reference=None):
    """The cheapest reading with ``wanted`` markers as ``(last node, how it differs)``, or None.

    With ``reference`` (a reading already found), the cheapest reading that
    differs from it instead, and how: 2 when it marks other numbers, 1 when
    only the day of a split differs. States are (markers so far, last marker,
    how it differs); each keeps its cheapest node.
    """
    after_required = [0] * (len(candidates) + 1)
    for i in range(len(candidates) - 1, -1, -1):
        after_required[i] = after_required[i + 1] + candidates[i].required
    chosen_ref = dict(reference) if reference is not None else {}
    states: dict = {(0, None, 0): (0.0, None, -1, None)}
    for i, cand in enumerate(candidates):
        # A count that cannot reach ``wanted`` with the candidates left, or that the
        # required markers still to come would push past it, is dropped at once.
        low, high = wanted - (len(candidates) - i - 1), wanted - after_required[i + 1]
        in_reference = i in chosen_ref
        nxt: dict = {}
        for (count, last, differs), node in states.items():
            if not cand.required and low <= count <= high:
                key = (count, last, 2 if in_reference else differs)
                old = nxt.get(key)
                if old is None or node[0] < old[0] - _TIE:
                    nxt[key] = node
            if not low <= count + 1 <= high:
                continue
            for option in cand.options:
                if not follows(last, option.value, cand.may_repeat):
                    continue
                moved = differs
                if reference is not None:
                    if not in_reference:
                        moved = 2
                    elif chosen_ref[i] != option:
                        moved = max(differs, 1)
                key = (count + 1, option.value, moved)
                cost = node[0] + option.cost
                old = nxt.get(key)
                if old is None or cost < old[0] - _TIE:
                    nxt[key] = (cost, node, i, option)
        if not nxt:
            return None
        if len(nxt) > _MAX_STATES:
            raise ParseError(
                "the footnote markers cannot be told from the numbers around them: "
                f"more than {_MAX_STATES} readings remain",
                segments[cand.segment].line,
            )
        states = nxt
    finals = [(node, key[2]) for key, node in states.items() if key[0] == wanted]
    if reference is not None:
        finals = [f for f in finals if f[1] > 0]
    if not finals:
        return None
    return min(finals, key=lambda f: (f[0][0], f[1]))


def _where(segments: list[Segment], cand: Candidate, option: Option | None = None) -> str:
    segment = segments[cand.segment]
    if cand.kind == SPLIT:
        readings = " or ".join(split_reading(segments, cand, o) for o in cand.options)
        return (
            f"in {printed(segments, cand)!r} (a number that cannot stand as printed: {readings})"
        )
    start = option.start if option else cand.run_start
    marker = option.marker if option else segment.text[cand.run_start : cand.run_end]
    return f"{cut(marker, 12)!r} after {cut(anchor(segment.text, start), 40)!r}"


def _show(segments: list[Segment], candidates: list[Candidate], reading) -> str:
    parts = []
    for index, option in reading:
        text = segments[candidates[index].segment].text
        head = option.head or text[max(0, option.start - 12) : option.start].lstrip()
        parts.append(f"{cut(head, 16)}[^{option.marker}]")
    return ", ".join(parts) or "no markers"


def _refuse_pairing(segments, candidates, texts) -> None:
    """Name the first disagreement between the markers and the footnote lines."""
    wanted = len(texts)
    reachable: set = {None}
    for cand in candidates:
        values = {
            o.value
            for o in cand.options
            if any(follows(p, o.value, cand.may_repeat) for p in reachable)
        }
        if cand.required and not values:
            before = sorted({f"{p[0]}{p[1]}" for p in reachable if p is not None})
            raise ParseError(
                f"footnote marker {_where(segments, cand, cand.options[0])} does not follow "
                f"the markers before it ({', '.join(before[:3]) or 'none'}): markers run in "
                "sequence, so it matches no footnote line",
                segments[cand.segment].line,
            )
        reachable = values if cand.required else reachable | values
        if len(reachable) > _MAX_STATES:
            break
    required = [c for c in candidates if c.required]
    if len(required) > wanted:
        extra = required[wanted]
        raise ParseError(
            f"more footnote markers than footnote lines ({len(required)} markers from "
            f"{_where(segments, required[0])}; {wanted} line(s)): {_where(segments, extra)} is "
            "left without a line; a footnote line is missing, or a number glued to a word "
            "is not a marker",
            segments[extra.segment].line,
        )
    raise ParseError(
        f"{wanted} footnote line(s) but the text has {len(required)} clear footnote marker(s) "
        "and no other numbers that continue them; a footnote line is extra or a marker is "
        "missing (every '- text↩' line needs a number glued to the word it annotates)",
        texts[min(len(required), wanted - 1)][1],
    )


def resolve(
    segments: list[Segment],
    footnote_texts: list[tuple[str, int]],
    written: date | None = None,
) -> Resolution:
    """Pair the markers in ``segments`` with ``footnote_texts`` by the module's rules.

    ``footnote_texts`` holds each footnote line's text and line number, in
    print order; ``written`` is the document's date when its dateline gives
    one. Raises :class:`ParseError` naming the line of the first
    disagreement when they cannot be paired, or when two pairings fit.
    """
    wanted = len(footnote_texts)
    candidates = find_candidates(segments, written)
    result = Resolution()
    if wanted == 0:
        for cand in candidates:
            if cand.required:
                raise ParseError(
                    f"footnote marker {_where(segments, cand)} has no footnote line "
                    "(footnotes are printed at the end as '- text↩')",
                    segments[cand.segment].line,
                )
        return result

    found = _search(candidates, wanted, segments)
    if found is None:
        _refuse_pairing(segments, candidates, footnote_texts)
    best_node, _ = found
    best = _chain(best_node)
    other = _search(candidates, wanted, segments, reference=best)
    if other is not None:
        other_node, differs = other
        if differs == 2 or other_node[0] - best_node[0] < _TIE:
            first = candidates[best[0][0]] if best else candidates[0]
            raise ParseError(
                "the footnote markers cannot be told from the numbers around them; two readings "
                f"fit: {_show(segments, candidates, best)} / "
                f"{_show(segments, candidates, _chain(other_node))}",
                segments[first.segment].line,
            )
        for (index, option), (_, alternative) in zip(best, _chain(other_node), strict=True):
            if option != alternative:
                line = segments[candidates[index].segment].line
                result.warnings.append(
                    f"line {line}: {printed(segments, candidates[index])!r} read as "
                    f"{split_reading(segments, candidates[index], option)}, the day nearer "
                    "before the document's date (not "
                    f"{split_reading(segments, candidates[index], alternative)})"
                )
    for (index, option), (text, line) in zip(best, footnote_texts, strict=True):
        cand = candidates[index]
        segment = segments[cand.segment]
        result.footnotes.append(
            ResolvedFootnote(
                marker=option.marker,
                anchor_text=anchor(segment.text, option.start),
                where=segment.where,
                segment=cand.segment,
                start=option.start,
                end=option.end,
                text=text,
                line=line,
            )
        )
        if cand.kind == FIGURE:
            result.warnings.append(
                f"line {segment.line}: {printed(segments, cand)!r} could be a figure; read as "
                f"footnote marker {option.marker} because the footnote lines need it there"
            )
    _note_unread(segments, candidates, best, result)
    return result


def _note_unread(segments, candidates, reading, result: Resolution) -> None:
    """Rule 6: a figure read as printed that would continue the run of markers is named."""
    chosen = {index: option for index, option in reading}
    values = [option.value for _, option in reading]
    position = 0  # markers of the reading before the current candidate
    for i, cand in enumerate(candidates):
        if i in chosen:
            position += 1
            continue
        if cand.required:
            continue
        prev = values[position - 1] if position else None
        nxt = values[position] if position < len(values) else None
        fits = [
            o
            for o in cand.options
            if reading
            and follows(prev, o.value, cand.may_repeat)
            and (nxt is None or follows(o.value, nxt))
        ]
        line = segments[cand.segment].line
        shown = printed(segments, cand)
        if fits:
            result.warnings.append(
                f"line {line}: the figure {shown!r} would continue the footnote markers as "
                f"{fits[0].marker}, but no footnote line is left for it; read as a figure"
            )


def with_references(segments: list[Segment], footnotes: list[ResolvedFootnote]) -> list[str]:
    """Each segment's text with its markers replaced: ``[^56]`` in the body, dropped elsewhere.

    Built from slices in one pass per segment, so ten thousand markers in a
    paragraph cost no more than ten thousand slices.
    """
    by_segment: dict[int, list] = {}
    for fn in footnotes:
        by_segment.setdefault(fn.segment, []).append(fn)
    rewritten = [s.text for s in segments]
    for index, notes in by_segment.items():
        original, parts, at = rewritten[index], [], 0
        for fn in sorted(notes, key=lambda f: f.start):
            parts.append(original[at : fn.start])
            parts.append(footnote_ref(fn.marker) if fn.where == "body" else "")
            at = fn.end
        parts.append(original[at:])
        rewritten[index] = "".join(parts)
    return rewritten
