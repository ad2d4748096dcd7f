"""Pairing footnote markers with the footnote lines printed at the end.

FRUS prints a footnote reference as its number glued to the preceding text
(``Litvinov56``, ``p.m.,60``, ``considerations.]34``), and the plain-text
renderings drop the numbers from the footnote lines themselves. When the
number is glued to another number (``November 433``) the digits alone cannot
say where the date ends and the marker starts, so this module weighs every
reading: how strongly each place looks like a marker, how many footnote lines
there are, and how well the chosen numbers run on (72, 73, 74; a repeat is
allowed but costs). The cheapest reading wins; when two readings tie, the
document is refused rather than guessed.

No library does this; a small dynamic programme over the candidates is the
whole of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .dates import MONTH_NAMES, MONTHS
from .errors import ParseError

# A run of digits with an optional letter (32a), not followed by a word
# character: "10th" and "1930s" are not markers.
_DIGIT_RUN = re.compile(r"\d+[a-d]?(?![\w½¼¾])")
_MONTH_BEFORE = re.compile(rf"(?P<month>{MONTH_NAMES})\s+$")
_NEVER_BEFORE = set("([{/\\–—-$£#§%+=*&@:'’‘\"“") | {"\u00a0"}
_ANCHOR_TRAILING = ",;:)]}”’\"'!?"
_ANCHOR_LEADING = "([{“‘\"'"

# Costs of the reading. Only their order matters; they were set on the
# development corpus (tests/fixtures/corpus) and the two seeds.
STRONG_SKIP = 4.0  # leaving out a number glued to a word: very unlikely
MEDIUM_SKIP = 0.5
WEAK_CHOOSE = 1.5
SPLIT_DAY_OR_YEAR = 1.0
REPEAT = 1.0
TIE = 1e-6


@dataclass(frozen=True)
class Segment:
    """A piece of the document that may carry markers: heading, dateline, body paragraph…"""

    where: str
    text: str
    line: int


@dataclass(frozen=True)
class Option:
    marker: str
    start: int  # offset of the marker's first digit within the segment text
    end: int
    cost: float

    @property
    def value(self) -> tuple[int, str]:
        digits = self.marker.rstrip("abcd")
        return int(digits), self.marker[len(digits) :]


@dataclass
class Candidate:
    segment: int
    run_start: int
    run_end: int
    options: list[Option]
    skip_cost: float
    strong: bool


@dataclass(frozen=True)
class ResolvedFootnote:
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
    footnotes: list[ResolvedFootnote] = field(default_factory=list)


def _anchor(text: str, start: int) -> str:
    """The word a marker is glued to, as the FRUS index would cite it."""
    token_start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    token = text[token_start:start].lstrip(_ANCHOR_LEADING)
    core = token.rstrip(_ANCHOR_TRAILING + ".")
    if "." in core and token[len(core) : len(core) + 1] == ".":
        core += "."  # an abbreviation keeps its period: "p.m."
    return core


def _candidates(segments: list[Segment], written: date | None) -> list[Candidate]:
    found: list[Candidate] = []
    for index, segment in enumerate(segments):
        text = segment.text
        for match in _DIGIT_RUN.finditer(text):
            start, end = match.span()
            run = match.group()
            prev = text[start - 1] if start else " "
            before_prev = text[start - 2] if start > 1 else " "
            if prev.isspace():
                options = _split_options(text, start, run, written)
                if options:
                    found.append(Candidate(index, start, end, options, 0.0, False))
                continue
            if prev in _NEVER_BEFORE or prev.isdigit():
                continue
            if run[0] == "0":
                continue
            if prev.isalpha():
                found.append(
                    Candidate(index, start, end, [Option(run, start, end, 0.0)], STRONG_SKIP, True)
                )
                continue
            # Punctuation before the digits.
            if before_prev.isdigit():
                if prev == "," and len(run) == 3:  # 1,000
                    choose, skip, strong = WEAK_CHOOSE, 0.0, False
                elif prev == ".":  # 5.58 could be a decimal or "March 5." + 58
                    choose, skip, strong = 0.0, MEDIUM_SKIP, False
                else:
                    choose, skip, strong = 0.0, STRONG_SKIP, True
            else:
                choose, skip, strong = 0.0, STRONG_SKIP, True
            found.append(
                Candidate(index, start, end, [Option(run, start, end, choose)], skip, strong)
            )
    return found


def _split_options(text: str, start: int, run: str, written: date | None) -> list[Option]:
    """Readings of a free-standing number whose tail may be a marker (``433``).

    Only a number that cannot stand as printed is split: a day after a month
    name that is over 31 (``November 433``), or a year with digits after it
    (``194135``). The head must then be a day or a year.

    When the document's own date is known, a day close before it is the more
    likely reading: telegrams cite the communications of the last few days.
    """
    digits = run.rstrip("abcd")
    options = []
    month = _MONTH_BEFORE.search(text[:start])
    if month is not None and 1 <= int(digits) <= 31:
        return []  # "December 12" is a date as printed; reading "1" + note 2 would be a guess
    if month is None and not (len(digits) > 4 and 1800 <= int(digits[:4]) <= 2099):
        return []  # only a year can carry a marker outside a date ("194135")
    for cut in range(1, len(digits)):
        prefix, suffix = digits[:cut], run[cut:]
        if suffix[0] == "0" or prefix[0] == "0" or len(suffix.rstrip("abcd")) > 3:
            continue
        number = int(prefix)
        if month is not None and 1 <= number <= 31:
            cost = SPLIT_DAY_OR_YEAR + (
                _distance_cost(written, MONTHS[month["month"].lower()], number)
                if written is not None
                else 0.0
            )
        elif len(prefix) == 4 and 1800 <= number <= 2099:
            cost = SPLIT_DAY_OR_YEAR
        else:
            continue
        options.append(Option(suffix, start + cut, start + len(run), cost))
    return options


def _distance_cost(written: date, month: int, day: int) -> float:
    """0 for a day just before the document's date, up to 0.5 for one far off."""
    for year in (written.year, written.year - 1):
        try:
            cited = date(year, month, day)
        except ValueError:
            return 0.5
        if cited <= written:
            return min(0.5, (written - cited).days / 60)
    return 0.5


def _sequence_cost(prev: tuple[int, str] | None, cur: tuple[int, str]) -> float:
    if prev is None:
        return 0.0
    step = cur[0] - prev[0]
    if step == 1:
        return 0.0 if cur[1] in ("", "a") else 1.0
    if step == 0:
        if cur[1] > prev[1]:
            return 0.0
        return REPEAT if cur[1] == prev[1] else 5.0
    if 1 < step <= 5:
        return 1.5 * (step - 1)
    if step > 5:
        return 6.0
    return 10.0


def resolve(
    segments: list[Segment],
    footnote_texts: list[tuple[str, int]],
    written: date | None = None,
) -> Resolution:
    """Choose which numbers in ``segments`` are the markers of ``footnote_texts``.

    ``footnote_texts`` holds each footnote line's text and line number, in
    print order; ``written`` is the document's date when its dateline gives
    one. Raises :class:`ParseError` when the markers and the lines cannot be
    paired, or when two pairings are equally good.
    """
    wanted = len(footnote_texts)
    candidates = _candidates(segments, written)
    if wanted == 0:
        strong = [c for c in candidates if c.strong]
        if strong:
            first = strong[0]
            segment = segments[first.segment]
            marker = first.options[0].marker
            raise ParseError(
                f"footnote marker {marker!r} after {_anchor(segment.text, first.run_start)!r} "
                "has no footnote line (footnotes are printed at the end as '- text↩')",
                segment.line,
            )
        return Resolution()

    # states: (count, last value) -> up to two best (cost, chosen options)
    State = tuple[int, tuple[int, str] | None]
    states: dict[State, list[tuple[float, tuple[tuple[int, Option], ...]]]] = {
        (0, None): [(0.0, ())]
    }
    for index, candidate in enumerate(candidates):
        remaining = len(candidates) - index - 1
        nxt: dict[State, list[tuple[float, tuple[tuple[int, Option], ...]]]] = {}
        for (count, last), paths in states.items():
            for cost, chosen in paths:
                if count + remaining >= wanted:
                    _keep(nxt, (count, last), cost + candidate.skip_cost, chosen)
                if count < wanted:
                    for option in candidate.options:
                        step = option.cost + _sequence_cost(last, option.value)
                        _keep(
                            nxt,
                            (count + 1, option.value),
                            cost + step,
                            (*chosen, (index, option)),
                        )
        states = nxt
    finals = sorted(
        (path for (count, _), paths in states.items() if count == wanted for path in paths),
        key=lambda path: path[0],
    )
    if not finals:
        found = sum(1 for c in candidates if c.strong)
        raise ParseError(
            f"{wanted} footnote line(s) but only {found} clear footnote marker(s) in the text; "
            "every '- text↩' line needs a number glued to the word it annotates",
            footnote_texts[0][1],
        )
    best_cost, best = finals[0]
    if len(finals) > 1 and finals[1][0] - best_cost < TIE:
        alternatives = [
            ", ".join(
                f"{segments[candidates[i].segment].text[o.start - 8 : o.end]!r}" for i, o in p
            )
            for _, p in finals[:2]
        ]
        raise ParseError(
            "the footnote markers cannot be told from the numbers around them; two readings "
            f"fit equally well: {alternatives[0]} / {alternatives[1]}",
            segments[candidates[best[0][0]].segment].line if best else footnote_texts[0][1],
        )
    result = Resolution()
    for (index, option), (text, line) in zip(best, footnote_texts, strict=True):
        candidate = candidates[index]
        segment = segments[candidate.segment]
        result.footnotes.append(
            ResolvedFootnote(
                marker=option.marker,
                anchor_text=_anchor(segment.text, option.start),
                where=segment.where,
                segment=candidate.segment,
                start=option.start,
                end=option.end,
                text=text,
                line=line,
            )
        )
    skipped_strong = [
        c for i, c in enumerate(candidates) if c.strong and i not in {i for i, _ in best}
    ]
    if skipped_strong:
        first = skipped_strong[0]
        segment = segments[first.segment]
        raise ParseError(
            f"more footnote markers than footnote lines: {first.options[0].marker!r} after "
            f"{_anchor(segment.text, first.run_start)!r} has no footnote line to pair with",
            segment.line,
        )
    return result


def _keep(table, state, cost, chosen) -> None:
    """Keep the two cheapest distinct paths per state (enough to detect a tie)."""
    paths = table.setdefault(state, [])
    paths.append((cost, chosen))
    paths.sort(key=lambda path: path[0])
    del paths[2:]
