"""What may enter the unmatched-names queue: only what looks like a person or a place.

FRUS capitalises far more than names: institutions ("the Cabinet", "Finance"),
offices without a name ("the Vice Minister"), nationalities ("Americans"),
months and weekdays, the opening of a letter ("Dear Mr. …") and every word
that opens a sentence. None of these is worth an editor's time, so each rule
here says which of them it drops; what is left is a name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..text.identifications import NATIONALITIES, OFFICE_NOUNS
from ..text.personal_names import TITLE_WORDS
from .names import STOP_WORDS

# Institutions, papers and bodies FRUS capitalises as common nouns.
INSTITUTION_WORDS = frozenset(
    """
    Cabinet Finance Commerce Industry Interior Justice Agriculture Communications Economics
    Information Control Mobilization Supreme Command Bureau Assembly Congress Senate House
    Parliament Diet Yuan Court Board Staff Headquarters Section Sections Service Services
    Administration Directorate Secretariat Subcommittee Marine Navigation Shipping Food
    Mining Routes Warfare Armies Ministries Schedule Schedules Resolution Resolutions
    Proclamation Pact Agreement Agreements Convention Protocol Declaration Item Items
    Annex Article Articles Position Questions Question Matters Affairs Relations Affairs
    Federal Financial Imperial Provincial Municipal Retired Continued Christmas Easter
    Majesty Highness Excellency Chairman Director Manager Coordinator Governor Commander
    Bombings Indignities Time Life Control Position Cultural Social Commercial Legal
    Trade Treaties Tariff Customs Budget Loan Loans Credit Credits Bonds Exports Imports
    Mission Legation Embassy Consulate Delegation Delegations Government Governments
    People Peoples Efforts Editorial News Law Dominions Nation Nations
    """.split()  # noqa: SIM905 (a word list reads better than a list of strings)
)
# The last word of a firm, paper or body: the name is the body's, not a person's
# or a place's ("Standard Oil Company", "New York Times", "Tripartite Pact").
BODY_ENDINGS = frozenset(
    """
    Company Corporation Association Society Institute Times News Tribune Herald Digest
    Forum Post Journal Gazette Review Press Agency Bank Line Lines Railway Railroad Party
    Pact Treaty Doctrine Law Laws Conference Committee Council Commission League Bureau
    Division Section Department Ministry Office Service Administration Schedule Resolution
    Agreement Convention Club Union Church University College Yuan Nations Nation
    """.split()  # noqa: SIM905
)
# A government, army or province named by its place: the place is the name
# ("Hupeh Provincial Government", "Kwantung Army"); so is a war named by
# where it is fought ("Pacific War", "Chaco War").
PLACE_BODIES = ("Provincial Government", "Government", "Army", "Navy", "Province", "War")
# The names of peoples that close a group's name ("Overseas Chinese", "White
# Russians"): the adjectives of nationality and their plurals.
NATIONALITY_NOUNS = frozenset([*NATIONALITIES, *(f"{n}s" for n in NATIONALITIES)])
# Words of a letter's opening and close.
SALUTATION_WORDS = frozenset({"Dear", "Sir", "Sirs", "Madam", "Gentlemen", "Yours", "Faithfully"})
# Verbs and sentence words that FRUS capitalises only at the start of a
# sentence, listed because a sentence may open after a quotation mark.
SENTENCE_WORDS = frozenset(
    """
    Does Did Do Has Had Have Is Was Were Are Will Would Should Could Can Shall Must Might
    Concerning Regarding Inform See Kindly Please Re Subject Yes Nevertheless Thus Hence
    Whether Because Unless Until Whereas Then Now Later Upon Having Being Today Tonight
    """.split()  # noqa: SIM905
)
# Common-noun endings: "Indignities", "Bombings", "Agreements" are no names.
_POSSESSIVE_END = re.compile(r"[’']s?$")
# A possessive ends a name: "Department’s June" is two runs.
_POSSESSIVE_SPLIT = re.compile(r"(?<=[’'])s?\s+|[’']s\s+")
_COMMON_ENDING = re.compile(r"(?:tion|tions|ment|ments|ness|ity|ities|ance|ence|ings|ism|ists)$")
# Peoples: "Americans", "Uruguayans", "Japaneses", "Tibetans", "Mongols".
_PEOPLE_ENDING = re.compile(r"(?:ans|ese|eses|ians|ites|ols|ems)$")
# Numbers written out ("Twenty-two") are no names.
_NUMBER = re.compile(
    r"^(?:One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|Twelve|Twenty|Thirty|"
    r"Forty|Fifty|Sixty|Seventy|Eighty|Ninety|Hundred|Thousand)\b"
)
# Adjectives ("Siberian", "Japanese", "Spanish", "European", "Korean") name no
# one on their own; "-ean" only in words of more than five letters that are
# not Gaelic patronymics ("Dean", "McLean" are surnames).
_ADJECTIVE = re.compile(r"(?:ese|ian|ish)$|^(?!Ma?c)[A-Z][a-z]{2,}ean$")
# A Chinese party: Wade-Giles writes the party's name joined, ending in
# "tang" (黨, party): "Kuomintang", "Kungchantang".
_PARTY = re.compile(r"^[A-Z][a-z]{3,}tang$")
# Compass words open the names of regions ("South Seas", "North China"): kept
# when a word follows them.
COMPASS = frozenset(
    [
        "North",
        "South",
        "East",
        "West",
        "Northern",
        "Southern",
        "Eastern",
        "Western",
        "Far",
        "Middle",
        "Near",
        "Upper",
        "Lower",
    ]
)
_ABBREVIATION_BEFORE = re.compile(r"(?:\b[A-Z][a-z]{0,3}|\b[A-Z])\.$")


def _vocabulary(word: str) -> bool:
    bare = word.rstrip(".")
    return (
        bare in STOP_WORDS
        or bare in TITLE_WORDS
        or bare in OFFICE_NOUNS
        or bare in INSTITUTION_WORDS
        or bare in SALUTATION_WORDS
        or bare in SENTENCE_WORDS
        or bare in NATIONALITIES
    )


def _common(word: str) -> bool:
    """A word that is not a name on its own."""
    parts = word.split("-")
    return (
        all(_vocabulary(p) for p in parts)
        or bool(_COMMON_ENDING.search(word))
        or bool(_PEOPLE_ENDING.search(word) and len(word) > 5)
        or (word.endswith("ly") and len(word) > 4)
        or bool(_NUMBER.match(word))
    )


def common_word(word: str) -> bool:
    """A capitalised word that names nothing on its own (shared with body_people)."""
    return _common(word)


def after_abbreviation(text: str, end: int | None = None) -> bool:
    """``Mr.``, ``Dr.``, ``Gen.`` or an initial ends ``text[:end]``: no sentence ends there.

    Only the last few characters are read (the longest abbreviation is five
    characters and the word boundary before it), in place, without a copy.
    """
    end = len(text) if end is None else end
    return bool(_ABBREVIATION_BEFORE.search(text, max(0, end - 6), end))


def queue_names(printed: str, sentence_start: bool, titled: bool) -> list[str]:
    """The names worth queueing in one run of capitalised words (possibly none).

    ``sentence_start``: the run opens a sentence (its first word is
    capitalised for that reason alone); ``titled``: a title stands right before
    it ("Mr. Amau"), which marks it as a person's name.
    """
    return list(_queue_names(printed, sentence_start, titled))


@lru_cache(maxsize=65536)
def _queue_names(printed: str, sentence_start: bool, titled: bool) -> tuple[str, ...]:
    """:func:`queue_names`, cached: the same runs come back in document after document."""
    names = []
    if _POSSESSIVE_END.sub("", printed.strip()).split()[-1] in BODY_ENDINGS:
        return ()  # "Reader’s Digest", "People’s Political Council": a body's name
    # A possessive ends a name: "Department’s June" is two runs.
    pieces = _POSSESSIVE_SPLIT.split(printed + " ")
    for index, piece in enumerate(pieces):
        words = _POSSESSIVE_END.sub("", piece.strip()).split()
        start = sentence_start and index == 0
        name = _one(words, start, titled and index == 0)
        if name:
            names.append(name)
    return tuple(names)


def _one(words: list[str], sentence_start: bool, titled: bool) -> str:
    lead = len(words)
    while (
        words
        and (_vocabulary(words[0]) or words[0].endswith("ly"))
        and not (words[0] in COMPASS and len(words) > 1 and not _vocabulary(words[1]))
    ):
        titled = titled or words[0].rstrip(".") in TITLE_WORDS
        words = words[1:]
    dropped_lead = len(words) < lead
    while words and (_vocabulary(words[-1]) and words[-1] not in BODY_ENDINGS):
        if words[-1] in TITLE_WORDS or words[-1] in SALUTATION_WORDS:
            words = words[:-1]  # "Dicky Mr": the title belongs to the next name
            continue
        break
    if not words:
        return ""
    text = " ".join(words)
    for body in PLACE_BODIES:
        if text.endswith(" " + body):
            text = text[: -len(body) - 1]
            words = text.split()
            break
    if words[-1] in BODY_ENDINGS and len(words) > 1:
        return ""
    if len(words) > 1 and words[-1] in NATIONALITY_NOUNS:
        return ""  # "Overseas Chinese", "White Russians": a people, not a person
    if any(_PARTY.match(w) for w in words):
        return ""
    if all(_common(w) for w in words):
        return ""
    if len(words) == 1 and sentence_start and not dropped_lead and not titled:
        return ""  # a capitalised word opening a sentence says nothing
    if len(words) == 1 and _ADJECTIVE.search(words[0]) and not titled:
        return ""
    if len(text) < 3:
        return ""
    return text
