"""Finding the people and places a document names.

The importer (and later the ``link_mentions`` command) builds one
:class:`NameIndex` from every Person and Place name and alias, then asks it
for the mentions in each text. Matching is whole-word and case-sensitive,
longest name first (``Outer Mongolia`` is not also ``Mongolia``), reads
through editorial brackets (``[Tannu?] Tuva`` is an uncertain ``Tannu
Tuva``) and accepts possessives (``Litvinov's``). A place whose name
contains the name of the place it lies in (``North China`` in ``China``)
names that place too; ``Outer Mongolia`` is not recorded as lying in
``Mongolia``, so it stays one mention. Adjectives are never
matched because they are not names: nothing in the index says ``Soviet``.

One index serves a whole import run, so the cost per document is one pass
over its words, not a query per word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..text.markup import reading_text

PERSON = "person"
PLACE = "place"
_FIRST_WORD = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")


@dataclass
class Found:
    """What the linker found of one entity in one text."""

    kind: str
    entity_id: int
    surface: str
    occurrences: int = 0
    uncertain: bool = False
    surfaces: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)  # in the reading text


class NameIndex:
    """Every name and alias of the people and places, ready to scan texts.

    Names are kept by their first word. A known name can only begin where a
    word begins (every name starts with a capital letter and matches whole
    words), so a text is read word by word and each word is compared with the
    names that start with it, longest first: the leftmost, longest reading,
    as one alternation of every name would give. It is written by hand
    rather than as that alternation (or with a regex library) because
    Python's ``re`` tries the alternatives one by one at every position —
    thousands of names made each scan cost milliseconds — and a name added
    during a run (people suggested from footnotes and titles) is one entry
    in a dictionary, with nothing to recompile.
    """

    def __init__(self) -> None:
        self._names: dict[str, set[tuple[str, int]]] = {}
        self._within: dict[int, int] = {}  # place id -> id of the place it lies in
        self._place_names: dict[int, list[str]] = {}
        self._by_first: dict[str, list[str]] = {}  # first word -> names, longest first
        self._unsorted: set[str] = set()  # first words whose names were added since sorting
        # Only words that begin with the first letter of some name are looked up
        # (a pattern of those letters, made again when a new one comes).
        self._letters: set[str] = set()
        self._starts: re.Pattern[str] | None = None
        # Whether a short text holds a known name, by text: the same runs of
        # capitals ("Japanese Government") are asked about in every document.
        # Forgotten whenever a name is added or removed.
        self._holds: dict[str, bool] = {}

    def add_within(self, place_id: int, parent_id: int) -> None:
        """Record that one place lies in another (``North China`` in ``China``)."""
        self._within[place_id] = parent_id

    def add(self, kind: str, entity_id: int, names: Iterable[str]) -> None:
        for name in names:
            name = " ".join((name or "").split())
            if len(name) < 2 or not name[0].isupper():
                continue
            if name not in self._names:
                self._holds.clear()
                first = _FIRST_WORD.match(name).group()
                self._by_first.setdefault(first, []).append(name)
                self._unsorted.add(first)
                if name[0] not in self._letters:
                    self._letters.add(name[0])
                    self._starts = None
            self._names.setdefault(name, set()).add((kind, entity_id))
            if kind == PLACE:
                self._place_names.setdefault(entity_id, []).append(name)

    def remove(self, kind: str, entity_id: int) -> None:
        self._holds.clear()
        for owners in self._names.values():
            owners.discard((kind, entity_id))
        if kind == PLACE:
            self._place_names.pop(entity_id, None)
            self._within.pop(entity_id, None)

    def lookup(self, name: str) -> set[tuple[str, int]]:
        return set(self._names.get(" ".join(name.split()), set()))

    @property
    def empty(self) -> bool:
        """No name is known (nothing can be found)."""
        return not self._names

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where known names occur in ``text``."""
        return self._matches(text)

    def names_in(self, text: str) -> bool:
        """Whether any known name occurs in ``text``."""
        held = self._holds.get(text)
        if held is None:
            held = bool(self._matches(text, first_only=True))
            if len(text) <= 200:
                if len(self._holds) > 100_000:
                    self._holds.clear()
                self._holds[text] = held
        return held

    def _matches(
        self, reading: str, first_only: bool = False, words: dict[str, list[int]] | None = None
    ) -> list[tuple[int, int]]:
        """Spans of names in ``reading``: leftmost first, the longest where two start together.

        ``words`` are the reading's capitalised words and where they stand
        (archive.linking.runs.capitalised_words), when they were read already:
        then only the places of words that begin a known name are visited.
        """
        if not self._letters:
            return []
        for first in self._unsorted:
            self._by_first[first].sort(key=len, reverse=True)
        self._unsorted.clear()
        if words is not None:
            starts = sorted(
                (start, word)
                for word in words.keys() & self._by_first.keys()
                for start in words[word]
            )
        else:
            if self._starts is None:
                letters = "".join(re.escape(c) for c in sorted(self._letters))
                self._starts = re.compile(rf"(?<!\w)[{letters}]\w*")
            starts = ((match.start(), match.group()) for match in self._starts.finditer(reading))
        spans: list[tuple[int, int]] = []
        after = 0  # names do not overlap: the next one starts after the last
        for start, word in starts:
            if start < after:
                continue
            for name in self._by_first.get(word, ()):
                end = start + len(name)
                if (
                    reading.startswith(name, start)
                    and not _WORD_CHAR.match(reading, end)
                    and self._names[name]  # a name whose records were all removed
                ):
                    spans.append((start, end))
                    after = end
                    break
            if spans and first_only:
                break
        return spans

    def find(self, text: str, words: dict[str, list[int]] | None = None) -> list[Found]:
        """Every entity named in ``text``, one :class:`Found` per entity.

        ``words``: the capitalised words of its reading, if read already (see
        :meth:`_matches`).
        """
        if not self._names or not text:
            return []
        reading, flags = reading_text(text)
        found: dict[tuple[str, int], Found] = {}
        for start, end in self._matches(reading, words=words):
            surface = reading[start:end]
            owners = set(self._names.get(surface, set()))
            for kind, entity_id in list(owners):
                parent = self._within.get(entity_id) if kind == PLACE else None
                for name in self._place_names.get(parent, []) if parent else []:
                    if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", surface):
                        owners.add((PLACE, parent))
                        break
            uncertain = any(flags[start:end])
            kinds = {kind for kind, _ in owners}
            direct = self._names.get(surface, set())
            for kind, entity_id in owners:
                item = found.get((kind, entity_id))
                if item is None:
                    item = found[(kind, entity_id)] = Found(kind, entity_id, surface)
                item.occurrences += 1
                item.spans.append((start, end))
                own_name = (kind, entity_id) in self._names.get(item.surface, ())
                if (kind, entity_id) in direct and not own_name:
                    item.surface = surface  # "China" rather than the "North China" it lies in
                # Uncertain only when every occurrence was an uncertain reading.
                item.uncertain = (
                    uncertain if item.occurrences == 1 else item.uncertain and uncertain
                )
                if surface not in item.surfaces:
                    item.surfaces.append(surface)
                if len(direct) > 1 or len(kinds) > 1:
                    item.uncertain = True  # the same form names more than one record
        return list(found.values())


# Capitalised words that open sentences or name things that are not people or
# places: titles, institutions, months, nationalities. An editor can add more
# by marking a name "ignored" in the admin.
STOP_WORDS = set(
    """
    A An The This That These Those It Its He She His Her They Their There Here We Our I In
    On At As By For From Of To With Without After Before Since During Under Upon When While
    If But And Or Nor Yet So Although Though However Moreover Meanwhile Accordingly
    Therefore Furthermore Also Other Another Such Some Any All Each Every No Not Only Both
    Either Neither Mr Mrs Dr Sir Lord General Generalissimo Admiral Colonel Captain Marshal
    President Premier Prime Minister Ministers Ambassador Ambassadors Chargé Consul
    Secretary Under Acting Assistant Chief Division Department Government Governments
    Embassy Legation Consulate Office Foreign Affairs Commissar Commissariat Council
    Committee Commission Conference League Nations Treaty Army Navy Air Force Forces Kremlin
    Comintern Press Agency Bank Ministry State States Political Economic Military Naval
    Party National Central Executive Republic Republics Excellency Respectfully Accept
    Paraphrase End Page Repeated Reference Received Telegram Despatch Note Memorandum Your
    My Sincerely Yours Very Truly Confidential Strictly Urgent January February March April
    May June July August September October November December Monday Tuesday Wednesday
    Thursday Friday Saturday Sunday East West North South Northern Southern Eastern Western
    Far Middle Near Great Powers Power Soviet Japanese Chinese British American French
    German Italian Russian Mongolian Manchurian Brazilian Bolivian Paraguayan Uruguayan
    Argentine Cuban English Communist Communism Communists Allied Allies Axis High First
    Second Third Fourth Fifth Last Next Mission Missions War Peace Counsellor Yesterday
    Today Tomorrow Following Nothing Something Everything Generally Undoubtedly Apparently
    Please Sir Gentlemen Excellency
    """.split()  # noqa: SIM905 (a word list reads better than a list of strings)
)


def unmatched_names(
    text: str,
    index: NameIndex,
    ignored: set[str] = frozenset(),
    known=None,
    runs: list | None = None,
) -> dict:
    """Names in ``text`` that look like people or places and that no record knows.

    Returns ``{name: (occurrences, example context)}``. What is not a name
    (archive.linking.queue_words) and names the index knows (or that contain
    a name it knows) are left out, and so are surnames ``known`` says the
    archive has (``known(name)`` is true). ``runs`` are the text's
    :func:`~archive.linking.runs.name_runs` when they were read already (in
    the parsing process).
    """
    from .runs import name_runs

    found: dict[str, list] = {}
    for run in name_runs(text) if runs is None else runs:
        if index.lookup(run.whole) or index.names_in(run.whole):
            continue
        # "Mr. Amau" where the index knows the titled form (a one-word
        # suggestion, archive.linking.body_people): already linked.
        if run.window and any(end > run.offset for _, end in index.spans(run.window)):
            continue
        for name in run.names:
            if name in ignored or index.lookup(name):
                continue
            if known is not None and known(name):
                continue
            entry = found.setdefault(name, [0, run.context])
            entry[0] += 1
    return {name: (count, context) for name, (count, context) in found.items()}
