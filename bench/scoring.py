"""Score the archive's linking against hand labels: pure arithmetic, no database.

The labels (tests/fixtures/corpus/labels.json, described in LABELS.md beside
it) say, per document, which people, places, footnote identifications and
references a careful reader finds. The runner (bench/eval.py) reads what the
archive found into the same shapes (:class:`System`), and this module counts
agreements. Kept apart from the runner so its arithmetic is tested on tiny
samples (tests/pipeline/test_eval_scoring.py) without importing anything.

Units, so that one repeated name is not counted many times:

- people and places: distinct (document, labelled name); the archive's side
  is distinct (document, linked record);
- footnote identifications: (document, footnote number);
- references: one per labelled phrase, matched one-to-one.

A name matches a record when the tokens of the shorter form appear, in
order, in the longer one, an initial standing for a whole word ("J. P.
Cotton" = "Joseph P. Cotton"; "Hull" = "Cordell Hull"; "Chen Cheng" is not
"Chen Yi"). Case, accents, editorial brackets and punctuation are ignored.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

_BRACKETS = re.compile(r"[\[\]]")
_TOKEN = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*", re.UNICODE)
_MARKER = re.compile(r"(?<=[^\W\d_])\d+[a-z]?\b")

# Titles and ranks the labels' surfaces keep before a name (LABELS.md,
# "surface"); they are not part of the name, so the queue's entries are
# compared without them.
TITLES = frozenset(
    [
        "mr",
        "mrs",
        "miss",
        "dr",
        "sir",
        "lord",
        "lady",
        "general",
        "generals",
        "generalissimo",
        "colonel",
        "col",
        "major",
        "maj",
        "captain",
        "capt",
        "admiral",
        "rear",
        "vice",
        "lieutenant",
        "lt",
        "commander",
        "president",
        "prince",
        "count",
        "baron",
        "ambassador",
        "minister",
        "secretary",
        "assistant",
        "under",
        "third",
        "second",
        "first",
        "consul",
        "senor",
        "señor",
        "madame",
        "monsieur",
        "his",
        "her",
        "excellency",
    ]
)


def tokens(text: str) -> list[str]:
    """The words of a name: case-folded, accents and brackets removed, possessive dropped."""
    text = _BRACKETS.sub("", text).replace("’", "'")
    text = re.sub(r"'s\b", "", text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return [t.casefold() for t in _TOKEN.findall(text)]


def without_titles(words: Sequence[str]) -> list[str]:
    """Drop the leading titles of a name's words ("General Chen Cheng" → chen cheng)."""
    words = list(words)
    while len(words) > 1 and words[0] in TITLES:
        words.pop(0)
    return words


def _word_fits(short: str, long: str) -> bool:
    if short == long:
        return True
    return (len(short) == 1 and long.startswith(short)) or (
        len(long) == 1 and short.startswith(long)
    )


def names_agree(a: str, b: str) -> bool:
    """Whether two forms of a name can be the same person's (see the module docstring)."""
    first, second = without_titles(tokens(a)), without_titles(tokens(b))
    if not first or not second:
        return False
    short, long = sorted((first, second), key=len)
    at = 0
    for word in short:
        while at < len(long) and not _word_fits(word, long[at]):
            at += 1
        if at == len(long):
            return False
        at += 1
    # The surname must be matched by a whole word, not an initial.
    return any(w == short[-1] for w in long) or any(w == long[-1] for w in short)


def same_place(a: str, b: str) -> bool:
    """Whether two place names are the same words (places are not abbreviated)."""
    return tokens(a) == tokens(b) and bool(tokens(a))


@dataclass(frozen=True)
class Record:
    """A person or place record as the archive holds it: a name and its aliases."""

    id: int
    names: tuple[str, ...]


@dataclass(frozen=True)
class Reference:
    """A reference the archive found: the phrase, the number, whose side, the target's number."""

    quote: str
    serial: str = ""
    side: str = ""  # sender, recipient or other
    target_serial: str | None = None  # the resolved target's serial, None when unresolved


@dataclass
class System:
    """What the archive found in one document, in the labels' terms."""

    people: list[Record] = field(default_factory=list)  # linked, named in the body
    places: list[Record] = field(default_factory=list)
    footnotes: dict[str, Record] = field(default_factory=dict)  # number → identified person
    references: list[Reference] = field(default_factory=list)


@dataclass
class Tally:
    """Hits, the archive's claims and the labels' truths for one measure; misses listed."""

    name: str
    found: int = 0  # the archive's claims that are right
    claimed: int = 0
    truth_hit: int = 0  # labelled items the archive got
    truths: int = 0
    misses: list[str] = field(default_factory=list)  # labelled, not found
    wrong: list[str] = field(default_factory=list)  # claimed, not labelled

    @property
    def precision(self) -> float | None:
        return self.found / self.claimed if self.claimed else None

    @property
    def recall(self) -> float | None:
        return self.truth_hit / self.truths if self.truths else None

    def add(self, other: Tally) -> None:
        self.found += other.found
        self.claimed += other.claimed
        self.truth_hit += other.truth_hit
        self.truths += other.truths
        self.misses += other.misses
        self.wrong += other.wrong


def _distinct(items: Iterable[dict], key: str) -> list[dict]:
    seen, out = set(), []
    for item in items:
        marker = tuple(tokens(item[key]))
        if marker not in seen:
            seen.add(marker)
            out.append(item)
    return out


def score_people(label: dict, system: System, queued: Sequence[str], doc: str) -> list[Tally]:
    """People linked to a record, and people linked or at least in the unmatched queue."""
    linked = Tally("people linked to a record")
    listed = Tally("people linked or queued")
    people = _distinct(label["persons"], "name")
    for person in people:
        forms = {person["name"], person["surface"]}
        hit = any(names_agree(f, n) for r in system.people for n in r.names for f in forms)
        queued_hit = hit or any(names_agree(f, q) for q in queued for f in forms)
        for tally, got in ((linked, hit), (listed, queued_hit)):
            tally.truths += 1
            tally.truth_hit += got
            if not got:
                tally.misses.append(f"{doc}: {person['surface']} ({person['name']})")
    for record in system.people:
        right = any(
            names_agree(n, f) for n in record.names for p in people for f in (p["name"],)
        ) or any(names_agree(n, p["surface"]) for n in record.names for p in people)
        linked.claimed += 1
        linked.found += right
        if not right:
            linked.wrong.append(f"{doc}: {record.names[0]}")
    listed.claimed, listed.found = linked.claimed, linked.found
    return [linked, listed]


def score_places(label: dict, system: System, queued: Sequence[str], doc: str) -> list[Tally]:
    """Places linked (precision of the links) and places linked or queued (recall)."""
    linked = Tally("places linked")
    listed = Tally("places linked or queued")
    places = _distinct(label["places"], "name")
    for place in places:
        forms = {place["name"], place["surface"]}
        hit = any(same_place(f, n) for r in system.places for n in r.names for f in forms)
        queued_hit = hit or any(same_place(f, q) for q in queued for f in forms)
        for tally, got in ((linked, hit), (listed, queued_hit)):
            tally.truths += 1
            tally.truth_hit += got
            if not got:
                tally.misses.append(f"{doc}: {place['surface']}")
    for record in system.places:
        right = any(same_place(n, f) for n in record.names for p in places for f in p.values())
        linked.claimed += 1
        linked.found += right
        if not right:
            linked.wrong.append(f"{doc}: {record.names[0]}")
    listed.claimed, listed.found = linked.claimed, linked.found
    return [linked, listed]


def score_footnotes(label: dict, system: System, doc: str) -> Tally:
    """Footnotes identifying a person: right number and right person."""
    tally = Tally("footnote identifications")
    truth = {item["n"]: item["name"] for item in label["footnote_persons"]}
    for number, name in truth.items():
        record = system.footnotes.get(number)
        got = record is not None and any(names_agree(name, n) for n in record.names)
        tally.truths += 1
        tally.truth_hit += got
        if not got:
            tally.misses.append(f"{doc}: footnote {number} ({name})")
    for number, record in system.footnotes.items():
        right = number in truth and any(names_agree(truth[number], n) for n in record.names)
        tally.claimed += 1
        tally.found += right
        if not right:
            tally.wrong.append(f"{doc}: footnote {number} → {record.names[0]}")
    return tally


def _phrase(text: str) -> str:
    text = _MARKER.sub("", text.replace("’", "'"))
    return " ".join(text.casefold().split())


def _serial(value: str | None) -> str:
    """The referenced number; an editors' correction in brackets wins ("65 [67]" → 67)."""
    if not value:
        return ""
    corrected = re.search(r"\[(\w+)\]", value)
    return (corrected.group(1) if corrected else value).strip().lstrip("0") or "0"


def references_match(label: dict, found: Reference) -> bool:
    """A found reference is the labelled one: same number, or (no number) overlapping phrase."""
    if label["serial"]:
        return _serial(label["serial"]) == _serial(found.serial)
    if found.serial:
        return False
    a, b = _phrase(label["text"]), _phrase(found.quote)
    return bool(a and b) and (a in b or b in a)


def score_references(label: dict, system: System, doc: str) -> list[Tally]:
    """References found (one-to-one with the labels) and resolved (right side and target)."""
    found = Tally("references found")
    resolved = Tally("references resolved")
    unused = list(system.references)
    for item in label["references"]:
        match = next((r for r in unused if references_match(item, r)), None)
        found.truths += 1
        resolved.truths += 1
        if match is None:
            found.misses.append(f"{doc}: {item['text']}")
            resolved.misses.append(f"{doc}: {item['text']} (not found)")
            continue
        unused.remove(match)
        found.truth_hit += 1
        found.claimed += 1
        found.found += 1
        target_ok = (
            match.target_serial is None
            or not item["serial"]
            or (_serial(match.target_serial) == _serial(item["serial"]))
        )
        right = match.side == item["whose"] and target_ok
        resolved.claimed += 1
        resolved.found += right
        resolved.truth_hit += right
        if not right:
            resolved.misses.append(
                f"{doc}: {item['text']} (side {match.side or '?'}, labelled {item['whose']})"
            )
    for extra in unused:
        found.claimed += 1
        found.wrong.append(f"{doc}: {extra.quote}")
    return [found, resolved]


def queue_precision(queue: Sequence[str], labels: Sequence[dict]) -> Tally:
    """How many unmatched-queue entries are a labelled person or place somewhere in the corpus."""
    tally = Tally("unmatched queue entries that are names")
    people = {f for doc in labels for p in doc["persons"] for f in (p["name"], p["surface"])}
    places = {f for doc in labels for p in doc["places"] for f in (p["name"], p["surface"])}
    for entry in queue:
        right = any(names_agree(entry, p) for p in people) or any(
            same_place(entry, p) for p in places
        )
        tally.claimed += 1
        tally.found += right
        if not right:
            tally.wrong.append(entry)
    return tally


def score(labels: Sequence[dict], systems: dict[str, System], queue: Sequence[str]) -> list[Tally]:
    """Every measure over every labelled document, in a fixed order."""
    totals: dict[str, Tally] = {}
    for label in labels:
        doc = label["file"].rsplit("/", 1)[-1][:3]
        system = systems.get(label["file"], System())
        parts = [
            *score_people(label, system, queue, doc),
            *score_places(label, system, queue, doc),
            score_footnotes(label, system, doc),
            *score_references(label, system, doc),
        ]
        for part in parts:
            totals.setdefault(part.name, Tally(part.name)).add(part)
    return [*totals.values(), queue_precision(queue, labels)]
