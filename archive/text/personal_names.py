"""Personal names as FRUS prints them: the title apart, then forenames and surname.

``nameparser`` reads Western names (forenames first, initials, ``Jr.``).
FRUS also prints Chinese, Japanese and Spanish or Portuguese names, and the
rules below say where it must be helped and why. Titles and ranks
("Generalissimo", "Maj. Gen.", "Dr.", "Foreign Minister") are never part of a
name; they are kept apart, because they help to tell who is meant.

Pure: no database, so the importer, the queue and the tests share one reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from nameparser import HumanName

# Titles, ranks and offices FRUS prints before a name ("Generalissimo Chiang",
# "Rear Admiral J. G. Tawresey", "Under Secretary Welles", "Foreign Minister
# Matsuoka"). Multi-word titles first, so that the longest one is taken.
TITLE_PHRASES = (
    "Minister for Foreign Affairs",
    "Minister of Foreign Affairs",
    "Assistant Secretary of State",
    "Under Secretary of State",
    "Secretary of State",
    "Assistant Secretary",
    "Under Secretary",
    "Foreign Minister",
    "Prime Minister",
    "Vice Minister",
    "Vice Admiral",
    "Rear Admiral",
    "Lieutenant General",
    "Lieutenant Colonel",
    "Major General",
    "Brigadier General",
    "Maj. Gen.",
    "Brig. Gen.",
    "Lt. Gen.",
    "Lt. Col.",
    "Vice President",
    "First Secretary",
    "Second Secretary",
    "Third Secretary",
    "His Excellency",
    "Mr. Justice",
)
TITLE_WORDS = frozenset(
    """
    Mr Mrs Miss Mme Mlle Messrs Dr Sir Lady Lord Dame Señor Senhor Señora Don Doña Dom
    Monsieur Herr Signor Baron Count Countess Marquis Viscount Earl Duke Prince Princess
    King Queen Emperor Empress Marshal Field Generalissimo General Generals Gen Colonel
    Col Major Maj Captain Capt Lieutenant Lt Commander Comdr Cmdr Admiral Adm Commodore
    Ensign Sergeant Sgt Corporal Private Judge Justice Senator Representative Governor
    Mayor President Premier Chancellor Ambassador Minister Consul Secretary Chargé
    Counselor Counsellor Attaché Commissar Chairman Professor Prof Reverend Rev Father
    Bishop Archbishop Cardinal Monsignor Pope Marshal Admiral Delegate Vice Acting Rear
    """.split()  # noqa: SIM905 (a word list reads better than a list of strings)
)

# Wade-Giles surnames, as FRUS romanised Chinese names before pinyin. A Chinese
# name puts the surname first ("Chen Yi": surname Chen, given name Yi), and the
# given name is often one syllable, so nothing in the letters says which part
# is the surname: a known surname in first place does. The list holds the
# common surnames (the Hundred Family Surnames as the Wade-Giles and postal
# spellings of the period printed them), not names fitted to documents.
CHINESE_SURNAMES = frozenset(
    """
    Chang Chao Chen Cheng Chi Chia Chiang Chien Chin Ching Chou Chu Chuang Chung Fan Fang
    Feng Fu Han Hao Ho Hou Hsia Hsiao Hsieh Hsiung Hsu Hsueh Hu Hua Huang Hung Jen Jung Kan
    Kao Keng Ko Koo Ku Kuan Kung Kuo Lai Lan Lei Li Liang Liao Lin Ling Liu Lo Lu Lung Ma
    Mao Mei Meng Miao Mo Mu Ni Nieh Niu Pai Pan Pao Pei Peng Pi Pien Po Shao Shen Shih Shu
    Soong Sun Sung Tai Tan Tang Teng Tien Ting Tou Tsai Tsang Tsao Tseng Tsiang Tso Tsou
    Tu Tuan Tung Wan Wang Wei Wen Weng Wong Wu Yang Yao Yeh Yen Yin Ying Yu Yuan Yueh Yun
    """.split()  # noqa: SIM905
)
# One Wade-Giles syllable: what a Chinese given name is made of ("Kai-shek" is two).
_WADE_GILES_SYLLABLE = re.compile(r"^[A-Z][a-z]{0,5}(?:-[a-z]{1,6})?$")

# Particles of Romance and Dutch or German surnames: "José Carlos de Macedo
# Soares", "von Ribbentrop". What follows the particle is the surname, and the
# particle stands apart, because FRUS cites the person without it ("Macedo
# Soares", "Ribbentrop"). In Spanish names "y" joins the father's and the mother's
# surnames ("Solf y Muro"): both are the surname.
PARTICLES = frozenset({"de", "da", "do", "dos", "das", "del", "della", "di", "du", "van", "von"})
_SPANISH_AND = "y"
CAPITAL_PARTICLES = frozenset(
    {"De", "Des", "Du", "Da", "Del", "Della", "Di", "Van", "Von", "La", "Le"}
)

_INITIAL = re.compile(r"^(?:[A-Z]\.)+$|^[A-Z]$")


@dataclass(frozen=True)
class PersonalName:
    """A name as printed, read into its parts; ``title`` is never part of ``full``."""

    title: str = ""
    forenames: str = ""
    surname: str = ""
    suffix: str = ""
    particle: str = ""  # "de" of "José Carlos de Macedo Soares"

    @property
    def full(self) -> str:
        """The display form: forenames, surname and suffix, in the order FRUS prints them."""
        if not self.forenames:
            return ", ".join(p for p in (self.surname, self.suffix) if p)
        if self.surname_first:
            return f"{self.surname} {self.forenames}"
        main = " ".join(p for p in (self.forenames, self.particle, self.surname) if p)
        return f"{main}, {self.suffix}" if self.suffix else main

    @property
    def surname_first(self) -> bool:
        return _is_chinese(self.surname, self.forenames)

    def __bool__(self) -> bool:
        return bool(self.surname)


def _is_chinese(surname: str, forenames: str) -> bool:
    if surname not in CHINESE_SURNAMES or not forenames:
        return False
    return all(_WADE_GILES_SYLLABLE.match(part) for part in forenames.split())


def clean(text: str) -> str:
    """Editorial brackets read through (``J[oseph] C. G[rew]``), spaces and commas tidied."""
    text = text.replace("[", "").replace("]", "")
    return " ".join(text.split()).strip(" ,;:")


def split_title(text: str) -> tuple[str, str]:
    """``Generalissimo Chiang Kai-shek`` → (``Generalissimo``, ``Chiang Kai-shek``).

    Several titles may stand together ("Rear Admiral", "Maj. Gen.",
    "Acting Secretary"); all are taken. A title alone is a title, not a name.
    """
    text = clean(text)
    titles: list[str] = []
    while True:
        for phrase in TITLE_PHRASES:
            if text.startswith(phrase + " "):
                titles.append(phrase)
                text = text[len(phrase) + 1 :].lstrip()
                break
        else:
            word, _, rest = text.partition(" ")
            if rest and word.rstrip(".") in TITLE_WORDS:
                titles.append(word)
                text = rest.lstrip()
                continue
            return " ".join(titles), text


@lru_cache(maxsize=65536)
def parse_name(text: str, printed_surname: str = "") -> PersonalName:
    """Read a printed name into title, forenames, surname and suffix.

    ``printed_surname`` is the form the body uses for the person, when known
    (the word a footnote marker is glued to: "Tobar Donoso[^5]" identified as
    "Julio Tobar Donoso"). FRUS refers to a person by surname, so when the
    full name ends with that form, that form is the surname: this is how a
    Spanish double surname ("Tobar Donoso") or a Portuguese one ("Macedo
    Soares") is told from a middle name, which the letters cannot tell.
    """
    title, rest = split_title(text)
    rest = clean(rest)
    if not rest:
        return PersonalName(title=title)
    words = rest.replace(",", " , ").split()
    words = [w for w in words if w != ","]
    suffix = ""
    if words and words[-1].rstrip(".") in {"Jr", "Sr", "II", "III"}:
        suffix = words.pop()
    if not words:
        return PersonalName(title=title, suffix=suffix)
    printed = clean(printed_surname)
    if printed and printed != " ".join(words) and " ".join(words).endswith(" " + printed):
        forenames = " ".join(words)[: -len(printed) - 1]
        return PersonalName(title, forenames, printed, suffix)
    # A name that opens with a capitalised particle ("Des Portes", "De Valera",
    # "Van Zeeland") has no forename before it: it is all surname.
    if words[0] in CAPITAL_PARTICLES and len(words) >= 2:
        return PersonalName(title, "", " ".join(words), suffix)
    if len(words) == 1:
        if words[0].rstrip(".") in TITLE_WORDS:
            return PersonalName(title=" ".join(filter(None, (title, words[0]))))
        return PersonalName(title, "", words[0], suffix)
    # Chinese order: surname first ("Chen Yi", "Chiang Kai-shek", "Wang
    # Shih-chieh"), unless printed Western-style with initials ("T. V. Soong").
    if 2 <= len(words) <= 3 and words[0] in CHINESE_SURNAMES:
        given = words[1:]
        if all(_WADE_GILES_SYLLABLE.match(w) for w in given) and not any(
            _INITIAL.match(w) for w in given
        ):
            return PersonalName(title, " ".join(given), words[0], suffix)
    # Spanish "y": the two surnames it joins, and nothing before them, are
    # the surname ("Alfredo Solf y Muro": surname "Solf y Muro").
    if _SPANISH_AND in words[1:-1]:
        at = words.index(_SPANISH_AND, 1)
        start = at - 1
        while start > 0 and words[start - 1] in PARTICLES:
            start -= 1
        return PersonalName(title, " ".join(words[:start]), " ".join(words[start:]), suffix)
    # A particle opens the surname ("José Carlos de Macedo Soares": surname
    # "Macedo Soares", the particle apart).
    for at, word in enumerate(words):
        if word in PARTICLES and 0 < at < len(words) - 1:
            return PersonalName(
                title, " ".join(words[:at]), " ".join(words[at + 1 :]), suffix, particle=word
            )
    # Western order, read by nameparser: forenames and initials, then the
    # surname. Japanese names are printed in this order in FRUS ("Koki
    # Hirota", "Kichisaburo Nomura"), so they need no rule of their own.
    human = HumanName(" ".join(words))
    forenames = " ".join(p for p in (human.first, human.middle) if p)
    surname = human.last or words[-1]
    return PersonalName(title, forenames, surname, suffix or human.suffix)


def name_variants(name: PersonalName) -> list[str]:
    """Forms under which the body may print the same person, fullest first."""
    forms = [name.full]
    if name.forenames and not name.surname_first:
        initials = " ".join(
            f"{p[0]}." for part in name.forenames.split() for p in part.split("-") if p
        )
        forms.append(f"{initials} {name.surname}")
    return [f for f in dict.fromkeys(forms) if f]
