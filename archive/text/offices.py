"""Offices as FRUS headings print them, and POCOM's titles and territories in those words.

Pure data and pure functions, no database. Two directions:

* :func:`frus_office` names a holding read from the Office of the
  Historian's Principal Officers and Chiefs of Mission (POCOM) the way a
  FRUS heading of its time prints it: POCOM's "Envoy Extraordinary and
  Minister Plenipotentiary" in ``thailand.xml`` from 1937 is "Minister in
  Siam".
* :func:`office_key` reads an office as printed (in a heading, or as stored
  on a holding) into one key, so that "Ambassador in the Soviet Union",
  "Ambassador in Russia" and "Ambassador to the U.S.S.R." are one office:
  ``ambassador|russia``.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date
from functools import lru_cache

# FRUS prints a chief of mission's rank in short (the volumes' lists of
# persons and every heading): "Ambassador" for an Ambassador Extraordinary and
# Plenipotentiary, "Minister" for an Envoy Extraordinary and Minister
# Plenipotentiary, "Chargé" for a chargé d'affaires. POCOM role title id ->
# the short rank as printed.
RANKS: dict[str, str] = {
    "ambassador-e-p": "Ambassador",
    "envoy-extraordinary-minister-plenipotentiary": "Minister",
    "envoy-extraordinary-minister-plenipotentiary-consul-general": "Minister",
    "minister-plenipotentiary": "Minister",
    "minister": "Minister",
    "minister-resident": "Minister Resident",
    "minister-resident-consul-general": "Minister Resident",
    "minister-resident-and-extraordinary": "Minister Resident",
    "minister-resident-foreign-service-officer": "Minister Resident",
    "charge-daffaires": "Chargé",
    "charge-daffaires-ad-interim": "Chargé",
    "charge-daffaires-pro-tem": "Chargé",
    "charge-daffaires-consul-general": "Chargé",
    "diplomatic-agent": "Diplomatic Agent",
    "diplomatic-agent-consul-general": "Diplomatic Agent",
    "agent": "Diplomatic Agent",
    "agent-consul-general": "Diplomatic Agent",
    "consul-general": "Consul General",
    "commissioner": "Commissioner",
    "commissioner-consul-general": "Commissioner",
}

# The ranks as a heading may spell them, longest first, and the family each
# belongs to. A post has one chief of mission at a time, so the family is
# enough to match: FRUS prints "the Minister in Iraq" and "the Minister
# Resident in Iraq" for the same man, and "Chargé d'Affaires ad interim" in
# full or as "Chargé".
_PRINTED_RANKS = (
    ("Diplomatic Agent and Consul General", "agent"),
    ("Agent and Consul General", "agent"),
    ("Diplomatic Agent", "agent"),
    ("Chargé d’Affaires ad interim", "charge"),
    ("Chargé d'Affaires ad interim", "charge"),
    ("Chargé d’Affaires", "charge"),
    ("Chargé d'Affaires", "charge"),
    ("Chargé", "charge"),
    ("Minister Resident", "minister"),
    ("Minister", "minister"),
    ("Ambassador", "ambassador"),
    ("Consul General", "consul-general"),
    ("Commissioner", "commissioner"),
)

# How FRUS names a country in a heading, by POCOM territory id: the name of
# the time, with its article ("the Minister in the Netherlands"). A name
# changes on the day the country changed it (Siam became Thailand on
# 24 June 1939, Persia became Iran on 21 March 1935); FRUS volumes of the
# 1930s say "Great Britain", those from 1938 "the United Kingdom". Every
# name listed is read back as the territory, whatever the date. Territories
# not listed are printed as their id reads ("costa-rica" -> "Costa Rica").
COUNTRY_NAMES: dict[str, list[tuple[str | None, str]]] = {
    # (first day the name is printed, name); None for "from the beginning".
    "russia": [(None, "Russia"), ("1933-11-16", "the Soviet Union")],
    "thailand": [(None, "Siam"), ("1939-06-24", "Thailand")],
    "iran": [(None, "Persia"), ("1935-03-21", "Iran")],
    "united-kingdom": [(None, "Great Britain"), ("1938-01-01", "the United Kingdom")],
    "ireland": [(None, "the Irish Free State"), ("1937-12-29", "Ireland")],
    "serbia": [
        (None, "Serbia"),
        ("1918-12-01", "the Kingdom of the Serbs, Croats and Slovenes"),
        ("1929-10-03", "Yugoslavia"),
    ],
    "yugoslavia-1946": [(None, "Yugoslavia")],
    "socialist-federal-republic-of-yugoslavia-1992": [(None, "Yugoslavia")],
    "czechoslovakia-1993": [(None, "Czechoslovakia")],
    "albania-1946": [(None, "Albania")],
    "netherlands": [(None, "the Netherlands")],
    "dominican-republic": [(None, "the Dominican Republic")],
    "south-africa": [(None, "the Union of South Africa")],
    "philippines": [(None, "the Philippines")],
    "holy-see": [(None, "the Vatican")],
    "sri-lanka": [(None, "Ceylon")],
    "joseon-dynasty-1910": [(None, "Korea")],
    "state-of-vietnam-1955": [(None, "Vietnam")],
    "congo-kinshasa": [(None, "the Congo")],
}

# Other names a heading may use for a territory, never printed by us.
COUNTRY_ALIASES: dict[str, str] = {
    "U.S.S.R.": "russia",
    "Union of Soviet Socialist Republics": "russia",
    "Soviet Russia": "russia",
    "England": "united-kingdom",
    "Britain": "united-kingdom",
    "Abyssinia": "ethiopia",
    "Holy See": "holy-see",
    "Tangier": "morocco",
    "Eire": "ireland",
}

# Department offices (POCOM's principal officers) as FRUS prints them.
# POCOM names some positions by today's bureaus; FRUS of their time printed
# the title then in force ("Assistant Secretary of State for Far Eastern
# Affairs", not "for East Asian and Pacific Affairs"). Positions not listed
# keep POCOM's singular name.
PRINCIPAL_OFFICES: dict[str, str] = {
    "secretary": "Secretary of State",
    "under-secretary": "Under Secretary of State",
    "assistant-secretary": "Assistant Secretary of State",
    "assistant-secretary2": "Assistant Secretary of State",
    "counselor": "Counselor of the Department of State",
    "legal-adviser": "Legal Adviser",
    "under-secretary-for-econ-business-ag": "Under Secretary of State for Economic Affairs",
    "assistant-secretary-for-economic-business-affairs": (
        "Assistant Secretary of State for Economic Affairs"
    ),
    "assistant-secretary-for-east-asian-pacific-affairs": (
        "Assistant Secretary of State for Far Eastern Affairs"
    ),
    "assistant-secretary-for-european-affairs": (
        "Assistant Secretary of State for European Affairs"
    ),
    "assistant-secretary-for-western-hemisphere": (
        "Assistant Secretary of State for American Republic Affairs"
    ),
    "assistant-secretary-for-near-eastern-affairs": (
        "Assistant Secretary of State for Near Eastern, South Asian, and African Affairs"
    ),
}

# A Department office printed with only its department: "the Counselor
# (Moore)" is the Counselor of the Department of State.
_DEPARTMENT_SUFFIX = " of the department of state"


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Text compared as a reader would: no accents, one kind of apostrophe, any case.

    Cached: the same surnames and offices are compared thousands of times in a run.
    """
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).replace("’", "'")
    return " ".join(text.split()).casefold()


def country_name(territory: str, when: date | None = None) -> str:
    """The name FRUS prints for a POCOM territory on a day (the latest name without one)."""
    names = COUNTRY_NAMES.get(territory)
    if not names:
        return " ".join(
            word if word == "and" else word.capitalize() for word in territory.split("-")
        )
    chosen = names[0][1]
    for since, name in names:
        if since is None or when is None or when >= date.fromisoformat(since):
            chosen = name
    return chosen


def _territories() -> dict[str, str]:
    """Every printed name (folded, without its article) -> POCOM territory id."""
    table: dict[str, str] = {}
    for territory, names in COUNTRY_NAMES.items():
        for _since, name in names:
            table.setdefault(_bare(fold(name)), territory)
    for name, territory in COUNTRY_ALIASES.items():
        table[_bare(fold(name))] = territory
    return table


def _bare(folded: str) -> str:
    return folded[4:] if folded.startswith("the ") else folded


_TERRITORY_BY_NAME = _territories()


def territory_of(name: str) -> str:
    """The POCOM territory id a printed country name stands for ("" for none known).

    A name not in the tables is read as a territory id would be spelt
    ("Costa Rica" -> ``costa-rica``); whether that territory exists is for
    the holdings to say.
    """
    folded = _bare(fold(name).strip(" ,."))
    if not folded:
        return ""
    return _TERRITORY_BY_NAME.get(folded) or re.sub(r"[^a-z]+", "-", folded).strip("-")


_RANK_PATTERN = re.compile(
    r"^(?P<rank>"
    + "|".join(re.escape(fold(printed)) for printed, _family in _PRINTED_RANKS)
    + r")\s+(?:in|at|to)\s+(?P<post>.+)$"
)
_FAMILIES = {fold(printed): family for printed, family in _PRINTED_RANKS}


def office_key(role: str) -> str:
    """One key for an office however it is printed.

    A chief of mission is ``<rank family>|<territory>``: "Minister in Siam"
    and "Minister Resident in Thailand" are ``minister|thailand``. FRUS
    prints an American official without a nationality and a foreign one
    with it ("the Chinese Ambassador in the Soviet Union"), so a role that
    does not begin with the rank is no American post. Any other office is
    its printed words, folded ("Secretary of State" -> ``secretary of
    state``), with "of the Department of State" taken as understood.
    """
    folded = _bare(fold(role).strip(" ,.;:"))
    if folded.startswith("american "):
        folded = folded[len("american ") :]
    match = _RANK_PATTERN.match(folded)
    if match:
        territory = territory_of(match["post"])
        if territory:
            return f"{_FAMILIES[match['rank']]}|{territory}"
    if folded.endswith(_DEPARTMENT_SUFFIX):
        folded = folded[: -len(_DEPARTMENT_SUFFIX)]
    return folded


def office_family(key: str) -> str:
    """The office a titled one belongs to: "Assistant Secretary of State for X" -> "…of State".

    A heading may print the plain title for a holder of a titled post
    ("the Assistant Secretary of State (Clayton)").
    """
    return key.split(" for ", 1)[0] if "|" not in key else key


def frus_office(role_id: str, territory: str, position_id: str, position_name: str, when) -> str:
    """The office of a POCOM holding as a FRUS heading of its time prints it."""
    if position_id:
        return PRINCIPAL_OFFICES.get(position_id) or " ".join(position_name.split())
    rank = RANKS.get(role_id) or role_id.replace("-", " ").title()
    return f"{rank} in {country_name(territory, when)}"


def tenure_bounds(started: str, ended: str) -> tuple[date | None, date | None]:
    """The days a holding certainly covers, from POCOM's dates as written.

    POCOM dates may be a year or a month (``1939-05``). Only days the holder
    certainly held the office count: a partial start is read as its last
    day, a partial end as its first, so that a document dated in that month
    is not given to either of the two men who held the post in it.
    """
    return _day(started, last=True), _day(ended, last=False)


def _day(text: str, *, last: bool) -> date | None:
    text = (text or "").strip()
    if not text:
        return None
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return date(*parts)
    year = parts[0]
    if len(parts) == 2:
        month = parts[1]
        return date(year, month, calendar.monthrange(year, month)[1] if last else 1)
    return date(year, 12, 31) if last else date(year, 1, 1)
