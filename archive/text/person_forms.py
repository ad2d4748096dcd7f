"""Names the body prints so that FRUS style makes them unmistakably a person's.

Most capitalised words in a telegram are not people (archive.linking.queue_words
says why), and a bare surname may be a person, a place or a ship. Three
printed forms leave no doubt, and only these are read here:

(a) a name after an honorific, a rank or an office title: "Mr. Amau",
    "Rear Admiral J. G. Tawresey", "President Vargas", "Third Secretary John
    S. Service". FRUS puts a title only before a person's name.
(b) a name printed with initials: "H. B. Walker", "H. H. Kung", "John S.
    Service". Initials abbreviate forenames; places and bodies are not
    printed so (the abbreviations of states and ships, "U. S.", "S. S.",
    are not initials and are left out).
(c) a Chinese name: a Wade-Giles surname followed by a given name of one or
    two Wade-Giles syllables ("Chen Yi", "Lin Sen", "Wang Ching-wei"). FRUS
    prints Chinese names surname first, and the syllables of the
    romanisation are a closed set, so "Chang Chun" is a name and "Han
    River" is not.

Pure: no database. The linker (archive.linking.body_people) decides which of
these the archive already knows and suggests the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .personal_names import (
    CHINESE_SURNAMES,
    TITLE_PHRASES,
    TITLE_WORDS,
    PersonalName,
    parse_name,
)

TITLE = "title"
INITIALS = "initials"
CHINESE = "chinese"

_LETTERS = "a-zà-öø-ÿ’'"
_WORD = rf"(?:Ma?c)?[A-Z][{_LETTERS}]+(?:-[A-Za-z{_LETTERS}]+)*"
_INITIAL = r"[A-Z]\."
_INITIALS_TOKEN = r"(?:[A-Z]\.)+"
_PARTICLE = r"(?:de|da|do|dos|das|du|van|von|del|la|y)"
# A run of tokens that may make a name with its titles: capitalised words
# (only a title word carries its abbreviation's period, "Gen.", "Mr.": any
# other period ends a sentence, and the run), initials, and the lowercase
# particles inside Romance names ("Costa du Rels").
_ABBREVIATED = "|".join(sorted(TITLE_WORDS, key=len, reverse=True))
_TOKEN = rf"(?:(?:{_ABBREVIATED})\.|{_WORD}|{_INITIAL})"
# Every token begins with a capital letter, and "(?=[A-Z])" says so first: the
# engine then skips the other positions at once (a scan takes less than half as long).
_RUN = re.compile(
    rf"(?=[A-Z])(?<![\w’'\-.]){_TOKEN}"
    rf"(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_TOKEN}|(?<=\.)[ \t]*{_INITIAL})*"
)
# Compiled once: the run reader applies them to every token of every run.
_POSSESSIVE = re.compile(r"[’']s$")
_INITIALS_ONLY = re.compile(_INITIALS_TOKEN)
_LETTERS_ONLY = re.compile(r"(?:[A-Z]\.?)+")
_NON_SPACE = re.compile(r"\S+")
# Abbreviations that look like initials but are not: the United States and the
# prefixes of ships' names (steamship, United States ship, His Majesty's ship,
# motor ship or vessel, army transport). What follows them is no person.
_NOT_INITIALS = re.compile(r"^(?:U\.S\.(?:S\.|A\.(?:T\.)?)?|S\.S\.|H\.M\.S\.|M\.S\.|M\.V\.)$")
# Titles that are also common adjectives ("General Strike", "Major Powers",
# "Acting Secretary", "Field Marshal"): alone before one word they do not
# make it a name; abbreviated ("Gen. Franco") or before a fuller name they do.
_ADJECTIVE_TITLES = frozenset({"General", "Major", "Private", "Field", "Acting", "Vice", "Rear"})
# Titles of several people at once ("Messrs. Hull and Welles").
_PLURAL_TITLES = frozenset({"Messrs", "Generals", "Admirals", "Ministers", "Ambassadors"})
# Wade-Giles syllables: an initial consonant (aspiration marks dropped, as
# FRUS mostly prints them) and a final from the romanisation's table.
_WG_SYLLABLE = re.compile(
    r"^(?:ch|hs|sh|ts|tz|ss|j|p|m|f|t|n|l|k|h|s|y|w)?"
    r"(?:a|ai|an|ang|ao|e|ei|en|eng|erh|i|ia|iang|iao|ieh|ien|ih|in|ing|iu|iung|o|ou|"
    r"u|ua|uai|uan|uang|ueh|ui|un|ung|uo|ü|üeh|üan|ün|ung)$"
)


@dataclass(frozen=True)
class PrintedPerson:
    """One printing of a person's name in a text, by the rule that makes it one."""

    printed: str  # as printed, title included: "Rear Admiral J. G. Tawresey"
    name: PersonalName  # read with personal_names; its title apart
    rule: str  # TITLE, INITIALS or CHINESE
    start: int
    end: int

    @property
    def one_word(self) -> bool:
        """Only a surname is printed (with a title): "President Vargas"."""
        return not self.name.forenames


def is_wade_giles(word: str) -> bool:
    """A given name of Wade-Giles syllables joined by hyphens: "Ching-wei", "Sen"."""
    parts = word.split("-")
    if not parts[0][:1].isupper() or any(not p[:1].islower() for p in parts[1:]):
        return False
    return all(_WG_SYLLABLE.match(p.lower().replace("’", "").replace("'", "")) for p in parts)


# The title phrases by their first word, as token tuples in TITLE_PHRASES' order
# (a run is compared token by token, not rebuilt as a string at every token).
_PHRASES: dict[str, list[tuple[str, ...]]] = {}
for _phrase in TITLE_PHRASES:
    _PHRASES.setdefault(_phrase.split()[0], []).append(tuple(_phrase.split()))


def _phrase_at(tokens: list[str], at: int) -> int:
    """How many tokens a title phrase takes from ``tokens[at]`` on (0: none)."""
    for phrase in _PHRASES.get(tokens[at], ()):
        if tuple(tokens[at : at + len(phrase)]) == phrase:
            return len(phrase)
    return 0


def _title_at(tokens: list[str]) -> tuple[int, int]:
    """Where the titles in a run start and end (token indexes), or (-1, -1)."""
    for start in range(len(tokens)):
        end = start
        while end < len(tokens):
            taken = _phrase_at(tokens, end)
            if taken:
                end += taken
            elif tokens[end].rstrip(".") in TITLE_WORDS:
                end += 1
            else:
                break
        if end > start:
            return start, end
    return -1, -1


def _plain(word: str, vocabulary) -> bool:
    """A word that names nothing by itself (see archive.linking.queue_words)."""
    return vocabulary(word.rstrip("."))


def find_printed_people(text: str, vocabulary=lambda word: False) -> list[PrintedPerson]:
    """Every name in ``text`` (as a reader reads it) printed unmistakably as a person's.

    ``vocabulary(word)`` says whether a capitalised word is a common word,
    an institution or a nationality rather than part of a name; the linker
    passes the queue's rules so that both read text alike.
    """
    found = []
    for match in _RUN.finditer(text):
        tokens = match.group().split()
        if len(tokens) < 2:
            continue  # one word alone is none of the three forms (most runs: "The", "Soviet")
        item = _read_run(tuple(tokens), vocabulary)
        if item is None:
            continue
        offsets = [m.start() + match.start() for m in _NON_SPACE.finditer(match.group())]
        first, last, rule = item
        start = offsets[first]
        end = offsets[last] + len(tokens[last])
        printed = text[start:end]
        printed = _POSSESSIVE.sub("", printed).rstrip(".")
        name = parse_name(printed)
        if rule != TITLE and not name.forenames:
            continue
        if name.surname:
            found.append(PrintedPerson(printed, name, rule, start, start + len(printed)))
    return found


@lru_cache(maxsize=65536)
def _read_run(tokens: tuple[str, ...], vocabulary) -> tuple[int, int, str] | None:
    """The tokens of a run that make a person's name (first, last, rule), if any.

    Cached by the tokens: the same runs come back in document after document.
    """
    tokens = list(tokens)
    title_start, title_end = _title_at(tokens)
    begin = title_end if title_start >= 0 else 0
    words = tokens[begin:]
    # "President Vargas Government": the name is "Vargas". A word right after
    # an initial is the surname, whatever it means ("John S. Service").
    while (
        words
        and _plain(_POSSESSIVE.sub("", words[-1]), vocabulary)
        and not (len(words) > 1 and _INITIALS_ONLY.fullmatch(words[-2]))
    ):
        words = words[:-1]
    if not words:
        return None
    bare = [_POSSESSIVE.sub("", w).rstrip(".") for w in words]
    leading = ""
    for word in words:
        if not _INITIALS_ONLY.fullmatch(word):
            break
        leading += word
    if _NOT_INITIALS.match(leading):
        return None  # "U. S. Government", "S. S. Pensacola": no person
    initials = bool(leading) or any(_INITIALS_ONLY.fullmatch(w) for w in words[1:])
    names = [w for w in bare if not _LETTERS_ONLY.fullmatch(w)]
    checked = [
        w
        for at, w in enumerate(bare)
        if w in names and not (at and _INITIALS_ONLY.fullmatch(words[at - 1]))
    ]
    if not names or any(_plain(w, vocabulary) for w in checked):
        return None  # "General Staff", "Minister Plenipotentiary": no name
    last = begin + len(words) - 1
    if initials:
        # A surname follows the last initial, and nothing more: "Franklin D.
        # Roosevelt Library" is a body named after a person, not the person.
        after = (
            len(words) - 1 - max(at for at, w in enumerate(words) if _INITIALS_ONLY.fullmatch(w))
        )
        if after > (2 if leading else 1):
            return None
    if title_start >= 0:
        titles = tokens[title_start:title_end]
        if titles[-1].rstrip(".") in _PLURAL_TITLES:
            return None  # "Generals Wavell and Brett": no one name is titled
        lone = len(names) == 1 and not initials and not _chinese(bare)
        if lone and len(titles) == 1 and titles[0] in _ADJECTIVE_TITLES:
            return None
        return title_start, last, TITLE
    if initials and len(names) <= 3:
        return begin, last, INITIALS
    if _chinese(bare) and len(bare) == len(tokens):
        return begin, last, CHINESE
    return None


def _chinese(words: list[str]) -> bool:
    """A Wade-Giles surname and one or two given-name syllable groups: "Wang Ching-wei"."""
    return (
        2 <= len(words) <= 3
        and words[0] in CHINESE_SURNAMES
        and all(is_wade_giles(w) for w in words[1:])
    )
