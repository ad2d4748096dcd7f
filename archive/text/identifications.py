"""Footnotes in which the editors of FRUS say who a person is.

FRUS identifies a person the first time the body names him, in a footnote
glued to the name (``McHugh[^63]``) or to his office (``Minister for Foreign
Affairs[^66]``). The forms, all of them one sentence:

- the name alone: "José Carlos de Macedo Soares.";
- the name, then the office: "Koki Hirota, Japanese Minister for Foreign
  Affairs.", "Capt. James M. McHugh, U. S. M. C, Assistant Naval Attaché in
  China." (rank and service apart from the name);
- the office alone, the name being the word the marker is glued to:
  "Soviet Commissar for Foreign Affairs." on ``Litvinov``;
- after a note that a paper was not found, "Harry C. Hawkins was Chief of
  the Division of …";
- a guess: "No record found; presumably Hugh R. Wilson, Ambassador in
  Germany." (kept, and marked uncertain).

Anything else (a cross-reference, "Not printed.", "See p. 196", a citation of
a file or a publication, a summary of a paper) is not an identification and
is left alone. Pure: no database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .personal_names import TITLE_WORDS, PersonalName, clean, parse_name

# Nouns of office: an office phrase names one of these ("Chief of the
# Division of Trade Agreements", "Assistant Naval Attaché in China").
OFFICE_NOUNS = frozenset(
    """
    Ambassador Minister Secretary Chargé Consul Consul-General Counselor Counsellor
    Attaché Commissar Chief Director Adviser Advisor President Vice-President Premier
    Chancellor Governor Governor-General Commander Commander-in-Chief Chairman Delegate
    Representative Member Head Officer Agent Commissioner King Emperor Regent Mayor Judge
    Justice Senator General Admiral Marshal Generalissimo Undersecretary Under-Secretary
    Dean Leader Envoy Counsel Assistant Clerk Inspector Administrator Superintendent
    Prefect Viceroy Sultan Prince Diplomat Correspondent Editor Economist Expert
    """.split()  # noqa: SIM905 (a word list reads better than a list of strings)
)

# Country adjectives as FRUS prints them before an office ("Japanese Minister
# for Foreign Affairs"): the office is held in that country.
NATIONALITIES = {
    "American": "United States",
    "Argentine": "Argentina",
    "Australian": "Australia",
    "Austrian": "Austria",
    "Belgian": "Belgium",
    "Bolivian": "Bolivia",
    "Brazilian": "Brazil",
    "British": "Great Britain",
    "Bulgarian": "Bulgaria",
    "Canadian": "Canada",
    "Chilean": "Chile",
    "Chinese": "China",
    "Colombian": "Colombia",
    "Cuban": "Cuba",
    "Czechoslovak": "Czechoslovakia",
    "Danish": "Denmark",
    "Dominican": "Dominican Republic",
    "Dutch": "Netherlands",
    "Ecuadoran": "Ecuador",
    "Ecuadorean": "Ecuador",
    "Egyptian": "Egypt",
    "Estonian": "Estonia",
    "Finnish": "Finland",
    "French": "France",
    "German": "Germany",
    "Greek": "Greece",
    "Guatemalan": "Guatemala",
    "Haitian": "Haiti",
    "Honduran": "Honduras",
    "Hungarian": "Hungary",
    "Indian": "India",
    "Iranian": "Iran",
    "Iraqi": "Iraq",
    "Irish": "Ireland",
    "Italian": "Italy",
    "Japanese": "Japan",
    "Latvian": "Latvia",
    "Lithuanian": "Lithuania",
    "Manchukuoan": "Manchukuo",
    "Mexican": "Mexico",
    "Mongolian": "Mongolia",
    "Netherland": "Netherlands",
    "Nicaraguan": "Nicaragua",
    "Norwegian": "Norway",
    "Panamanian": "Panama",
    "Paraguayan": "Paraguay",
    "Persian": "Persia",
    "Peruvian": "Peru",
    "Polish": "Poland",
    "Portuguese": "Portugal",
    "Rumanian": "Rumania",
    "Russian": "Russia",
    "Salvadoran": "El Salvador",
    "Siamese": "Siam",
    "Soviet": "Soviet Union",
    "Spanish": "Spain",
    "Swedish": "Sweden",
    "Swiss": "Switzerland",
    "Thai": "Thailand",
    "Turkish": "Turkey",
    "Uruguayan": "Uruguay",
    "Venezuelan": "Venezuela",
    "Yugoslav": "Yugoslavia",
}

# Words that never stand in a name: a sentence with them is a citation or a
# summary ("Department of State Bulletin", "Telegram not printed").
_NOT_NAME_WORDS = frozenset(
    """
    See Not None Neither Telegram Despatch Memorandum Note Notes Letter Instruction
    Department Bulletin Press Releases Stat Foreign Relations Supra Infra Ante Post
    Printed File Files Document Documents Signed Drafted Section Sections Table
    Photostatic Copy Text For The This That In On At By To From Of And Vol Pp
    Reference Message Paraphrase Enclosure Annex Report
    """.split()  # noqa: SIM905
)
# "No record … found …", "Not found in Department files." — a sentence that
# says a paper is missing; an identification may follow it.
_NOT_FOUND = re.compile(
    r"^(?:No\s+(?:record|copy|memorandum|text)\b[^.;]*?\bfound\b[^.;]*|"
    r"Not\s+found\b[^.;]*)[.;]\s*",
    re.I,
)
_GUESS = re.compile(r"^(?:presumably|probably|apparently|possibly|perhaps)\s+", re.I)
_WAS = re.compile(r"^(?P<name>[^,]+?)\s+(?:was|is)\s+(?:then\s+)?(?:the\s+)?(?P<office>.+)$")
_SERVICE = re.compile(
    r"^(?:U\.\s?S\.\s?(?:M\.\s?C|N|A)\.?|U\.\s?S\.\s?Army|U\.\s?S\.\s?Navy|ret\.?)$"
)
_PLACE_AFTER = re.compile(r"\b(?:in|at|to)\s+(?:the\s+)?(?P<place>[A-Z][\w’'. -]*?)$")
_NAME_WORD = re.compile(r"^(?:[A-Z][\w’'\-]*\.?|(?:[A-Z]\.)+|de|da|do|dos|del|di|du|van|von|y)$")


@dataclass(frozen=True)
class Identification:
    """Who a footnote says a person is: the name (if printed), the office and its place."""

    name: PersonalName | None
    office: str = ""
    place: str = ""
    uncertain: bool = False
    service: str = ""

    @property
    def names_person(self) -> bool:
        return bool(self.name)


def _looks_like_name(text: str) -> bool:
    """Capitalised words, initials and surname particles, with at least one real word."""
    text = clean(text)
    words = text.split()
    if not words or len(words) > 7:
        return False
    if any(not _NAME_WORD.match(w) or w.rstrip(".") in _NOT_NAME_WORDS for w in words):
        return False
    title_free = [w for w in words if w.rstrip(".") not in TITLE_WORDS]
    if not title_free or all(w.rstrip(".") in OFFICE_NOUNS for w in title_free):
        return False
    return any(len(w.rstrip(".")) > 1 and not w.endswith(".") for w in title_free)


def _office_and_place(text: str) -> tuple[str, str] | None:
    """An office phrase and the place it is held in, or ``None`` if it is no office."""
    text = text.strip().rstrip(".").strip()
    text = re.sub(r"^(?:the|an?|then)\s+", "", text)
    if not text or not text[0].isupper():
        return None
    words = re.findall(r"[\w’'\-]+", text)
    if not any(w in OFFICE_NOUNS for w in words):
        return None
    if re.search(r"\b(?:not printed|see|signed|drafted|printed)\b", text, re.I):
        return None
    place = ""
    first, _, rest = text.partition(" ")
    if first in NATIONALITIES and rest:
        place = NATIONALITIES[first]
        text = rest
    match = _PLACE_AFTER.search(text)
    if match:
        place = match["place"].strip()
    return text, place


def parse_identification(text: str) -> Identification | None:
    """The identification a footnote makes, or ``None`` when it makes none."""
    text = " ".join(clean(text).split())
    if not text:
        return None
    uncertain = False
    text = _NOT_FOUND.sub("", text, count=1).strip()
    guess = _GUESS.match(text)
    if guess:
        uncertain = True
        text = text[guess.end() :]
    if not text or not text.endswith("."):
        return None
    sentence = text[:-1].strip()
    if re.search(r"[.;?!]\s+[A-Z]", _mask_abbreviations(sentence)):
        return None  # more than one sentence: a summary, not an identification
    if _looks_like_name(sentence):
        return Identification(parse_name(sentence), uncertain=uncertain)
    was = _WAS.match(sentence)
    if was and _looks_like_name(was["name"]):
        found = _office_and_place(was["office"])
        if found:
            return Identification(parse_name(was["name"]), *found, uncertain=uncertain)
    parts = [p.strip() for p in sentence.split(",")]
    if len(parts) >= 2 and _looks_like_name(parts[0]):
        rest = parts[1:]
        suffix = ""
        if rest and rest[0].rstrip(".") in {"Jr", "Sr"}:
            suffix = rest.pop(0)
        service = ""
        if rest and _SERVICE.match(rest[0]):
            service = rest.pop(0)
        found = _office_and_place(", ".join(rest)) if rest else None
        if found:
            name = parse_name(f"{parts[0]}, {suffix}" if suffix else parts[0])
            return Identification(name, *found, uncertain=uncertain, service=service)
    found = _office_and_place(sentence)
    if found and "," not in sentence:
        return Identification(None, *found, uncertain=uncertain)
    return None


def _mask_abbreviations(text: str) -> str:
    """Hide the periods of initials and ranks, which end no sentence."""
    text = re.sub(r"\b(?:[A-Z]\.\s?)+(?=[A-Z])", lambda m: m.group().replace(".", "_"), text)
    return re.sub(
        r"\b(?:Capt|Maj|Gen|Lt|Col|Adm|Comdr|Dr|Mr|Mrs|Brig|Rev|Sgt|Jr|Sr|St|No)\.",
        lambda m: m.group().replace(".", "_"),
        text,
    )
