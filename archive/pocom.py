"""Reading the Office of the Historian's Principal Officers and Chiefs of Mission (POCOM).

Pure: files in, plain records out, no database. Two sources give the same
records:

* a POCOM checkout (``HistoryAtState/pocom``, or ``../shared/pocom``):
  ``people/<letter>/<id>.xml``, ``positions-principals/<id>.xml``,
  ``missions-countries/<territory>.xml`` and ``missions-orgs/<id>.xml``;
* the compact extract shipped in ``seeds/offices/`` (:func:`write_extract`
  writes it from a checkout), one JSON object a line.

A holding is kept only when POCOM says the person took up the office (a
``started`` date): an appointee who "did not proceed to post" held nothing.
A file that cannot be read is reported with its name and line, and the
others are read.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from lxml import etree

EXTRACT_FORMAT = "pocom-extract/1"
# The extract's header records where it came from; the data is a work of the
# U.S. government in the public domain (POCOM's LICENSE.md: CC0).
SOURCE = "HistoryAtState/pocom"


_VARIANT = re.compile(r"(?P<word>\S+)\s*\((?P<other>[^()]+)\)")


def _without_variants(text: str) -> str:
    return " ".join(_VARIANT.sub(lambda m: m["word"], text or "").split())


def _with_variants(text: str) -> str:
    return " ".join(_VARIANT.sub(lambda m: m["other"], text or "").split())


class PocomError(ValueError):
    """A POCOM file or extract line that cannot be read; the message names it."""


@dataclass(frozen=True)
class PocomPerson:
    id: str
    surname: str
    forenames: str = ""
    suffix: str = ""
    birth: int | None = None
    death: int | None = None

    # POCOM prints another form of a name in parentheses after the word it
    # replaces: "Ratshesky (Radzkey)", "Perle (Pearl) Reid Skirvin". The name
    # is read without it, and each other form is kept as an alias.
    @property
    def plain_surname(self) -> str:
        return _without_variants(self.surname)

    @property
    def plain_forenames(self) -> str:
        return _without_variants(self.forenames)

    @property
    def name(self) -> str:
        """The display name: "Joseph Clark Grew", "William Richards Castle, Jr."."""
        name = " ".join(part for part in (self.plain_forenames, self.plain_surname) if part)
        return f"{name}, {self.suffix}" if self.suffix else name

    @property
    def variants(self) -> list[str]:
        """The full name with each other form in place: "Pearl Reid Skirvin Mesta"."""
        plain = " ".join(part for part in (self.plain_forenames, self.plain_surname) if part)
        forms = []
        for forenames, surname in (
            (_with_variants(self.forenames), self.plain_surname),
            (self.plain_forenames, _with_variants(self.surname)),
        ):
            form = " ".join(part for part in (forenames, surname) if part)
            if form != plain:
                forms.append(form)
        return forms


@dataclass(frozen=True)
class PocomHolding:
    """One tenure: a chief of mission at a territory, or a principal officer's position."""

    id: str
    person: str
    role: str
    started: str
    ended: str = ""
    territory: str = ""  # chiefs of mission: the territory as it was then
    position: str = ""  # principal officers: the position id
    position_name: str = ""


@dataclass
class PocomData:
    people: dict[str, PocomPerson] = field(default_factory=dict)
    holdings: list[PocomHolding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def between(self, first_year: int, last_year: int) -> PocomData:
        """The holdings in office at some time in these years, and their holders."""
        kept = [
            h
            for h in self.holdings
            if h.started[:4] <= str(last_year) and (not h.ended or h.ended[:4] >= str(first_year))
        ]
        people = {h.person: self.people[h.person] for h in kept if h.person in self.people}
        return PocomData(people=dict(sorted(people.items())), holdings=kept)


# POCOM files are plain data: no entities, no DTDs, nothing fetched.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def read_checkout(root: Path) -> PocomData:
    """Every person and every holding with a start date in a POCOM checkout."""
    if not (root / "people").is_dir():
        raise PocomError(f"{root}: not a POCOM checkout (no people/ folder)")
    data = PocomData()
    for path in sorted((root / "people").glob("*/*.xml")):
        _read(path, data, _person)
    for folder, reader in (
        ("positions-principals", _principals),
        ("missions-countries", _chiefs),
        ("missions-orgs", _chiefs),
    ):
        for path in sorted((root / folder).glob("*.xml")):
            _read(path, data, reader)
    _drop_repeats(data)
    _distinct_ids(data)
    known = set(data.people)
    for holding in list(data.holdings):
        if holding.person not in known:
            data.errors.append(
                f"{holding.id}: names the person {holding.person!r}, who has no file in people/"
            )
            data.holdings.remove(holding)
    return data


def _drop_repeats(data: PocomData) -> None:
    """One tenure listed twice (same person, office and start) is kept once, with its end.

    POCOM has a few such repeats (an ambassador at large in 2001, an
    ambassador in Turkey in 2014), the second with the end date the first
    lacks.
    """
    chosen: dict[tuple, PocomHolding] = {}
    for holding in data.holdings:
        key = _key(holding)
        if key not in chosen or (holding.ended and not chosen[key].ended):
            chosen[key] = holding
    data.holdings = [h for h in data.holdings if chosen[_key(h)] is h]


def _key(holding: PocomHolding) -> tuple:
    return (holding.person, holding.role, holding.territory, holding.position, holding.started)


def _distinct_ids(data: PocomData) -> None:
    """Give a repeated holding id its start date, so that both tenures are kept.

    POCOM's ids are meant to be unique, but one is used twice (Sumner
    Welles's two tenures as Assistant Secretary, 1933, are both
    ``secr-1933-well``); the later one becomes ``secr-1933-well@1933-12-15``.
    """
    seen: set[str] = set()
    for index, holding in enumerate(data.holdings):
        if holding.id in seen:
            holding = replace(holding, id=f"{holding.id}@{holding.started}")
            data.holdings[index] = holding
        seen.add(holding.id)


def _read(path: Path, data: PocomData, reader) -> None:
    try:
        tree = etree.parse(str(path), _PARSER)
    except (etree.XMLSyntaxError, OSError) as error:
        line = getattr(error, "lineno", None)
        where = f"{path}, line {line}" if line else str(path)
        data.errors.append(f"{where}: {error}")
        return
    try:
        reader(tree.getroot(), path, data)
    except PocomError as error:
        data.errors.append(str(error))


def _text(element, path: str) -> str:
    found = element.find(path)
    return " ".join((found.text or "").split()) if found is not None else ""


def _year(element, tag: str, path: Path) -> int | None:
    text = _text(element, tag)
    if not text:
        return None
    if not (text.isdigit() and len(text) == 4):
        line = element.find(tag).sourceline
        raise PocomError(f"{path}, line {line}: {tag} {text!r} is not a year")
    return int(text)


def _person(root, path: Path, data: PocomData) -> None:
    person_id = _text(root, "id")
    surname = _text(root, "persName/surname")
    if not person_id or not surname:
        raise PocomError(f"{path}, line {root.sourceline}: a person needs an id and a surname")
    data.people[person_id] = PocomPerson(
        id=person_id,
        surname=surname,
        forenames=_text(root, "persName/forename"),
        suffix=_text(root, "persName/genName"),
        birth=_year(root, "birth", path),
        death=_year(root, "death", path),
    )


def _principals(root, path: Path, data: PocomData) -> None:
    position = _text(root, "id") or path.stem
    name = _text(root, "names/singular")
    for element in root.iter("principal"):
        holding = _holding(element, path, position=position, position_name=name)
        if holding is not None:
            data.holdings.append(holding)


def _chiefs(root, path: Path, data: PocomData) -> None:
    # A country file is named by today's territory; each chief carries the
    # territory as it was (contemporary-territory-id). An organisation's
    # mission has no territory: its chief is a principal-like office.
    organisation = root.tag == "org-mission"
    name = _text(root, "names/singular")
    for element in root.iter("chief"):
        if organisation:
            holding = _holding(element, path, position=path.stem, position_name=name)
        else:
            territory = _text(element, "contemporary-territory-id") or _text(root, "territory-id")
            holding = _holding(element, path, territory=territory)
        if holding is not None:
            data.holdings.append(holding)


def _holding(element, path: Path, **where) -> PocomHolding | None:
    holding_id = _text(element, "id")
    person = _text(element, "person-id")
    started = _text(element, "started/date")
    if not started:
        return None  # appointed, but never took up the office
    ended = _text(element, "ended/date")
    if not holding_id or not person:
        raise PocomError(f"{path}, line {element.sourceline}: a holding needs an id and a person")
    for value in (started, ended):
        if value and not _is_date(value):
            raise PocomError(f"{path}, line {element.sourceline}: {value!r} is not a date")
    return PocomHolding(
        id=holding_id,
        person=person,
        role=_text(element, "role-title-id"),
        started=started,
        ended=ended,
        **where,
    )


def _is_date(text: str) -> bool:
    parts = text.split("-")
    return (
        1 <= len(parts) <= 3
        and len(parts[0]) == 4
        and all(p.isdigit() for p in parts)
        and all(len(p) == 2 for p in parts[1:])
    )


def write_extract(data: PocomData, path: Path, *, note: str = "") -> None:
    """Write the compact extract: a header line, then one person or holding a line."""
    lines = [json.dumps({"format": EXTRACT_FORMAT, "source": SOURCE, "note": note})]
    lines += [json.dumps({"person": asdict(p)}, ensure_ascii=False) for p in data.people.values()]
    lines += [
        json.dumps({"holding": _compact(asdict(h))}, ensure_ascii=False) for h in data.holdings
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _compact(record: dict) -> dict:
    return {key: value for key, value in record.items() if value not in ("", None)}


def read_extract(path: Path) -> PocomData:
    """Read a compact extract written by :func:`write_extract`."""
    data = PocomData()
    lines = path.read_text(encoding="utf-8").splitlines()
    header = _json_line(path, 1, lines[0] if lines else "")
    if header.get("format") != EXTRACT_FORMAT:
        raise PocomError(f"{path}, line 1: not a POCOM extract ({EXTRACT_FORMAT})")
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        record = _json_line(path, number, line)
        try:
            if "person" in record:
                person = PocomPerson(**record["person"])
                data.people[person.id] = person
            elif "holding" in record:
                data.holdings.append(PocomHolding(**record["holding"]))
            else:
                raise TypeError("neither a person nor a holding")
        except TypeError as error:
            data.errors.append(f"{path}, line {number}: {error}")
    return data


def _json_line(path: Path, number: int, line: str) -> dict:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise PocomError(f"{path}, line {number}: {error.msg}") from error
    if not isinstance(record, dict):
        raise PocomError(f"{path}, line {number}: not a JSON object")
    return record


def read(path: Path) -> PocomData:
    """A POCOM checkout (a folder) or an extract (a file)."""
    return read_checkout(path) if path.is_dir() else read_extract(path)
