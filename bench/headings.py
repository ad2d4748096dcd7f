"""Headings built from real POCOM tenures, resolved as the importer resolves them (issue 13).

Issue 13 asked how often "The Minister in X (Surname)" with the document's
date is resolved to the right full person. The cases are built from the
shipped POCOM extract (seeds/offices/pocom-1920-1950.jsonl), never from the
corpus, by these rules:

* **Which holdings.** Every holding in office in 1920–1950 whose office a FRUS
  heading prints with the holder's surname: a chief of mission whose POCOM
  rank FRUS prints in short (archive.text.offices.RANKS: Ambassador,
  Minister, Minister Resident, Chargé, Diplomatic Agent…), and a principal
  officer of the Department of State (the offices archive.text.heading
  calls the Department's: Secretary, Under, Assistant Secretaries,
  Counselor, Legal Adviser, Chief of Protocol). Offices outside the
  Department that POCOM files with the principal officers (the Economic
  Cooperation Administrator, the representative at the United Nations, the
  Ambassador at Large) and chiefs with a rank FRUS has no short form for are
  left out and counted (:attr:`Built.left_out`).
* **Which day.** The middle of the days the holding certainly covers
  (archive.text.offices.tenure_bounds: a partial date is read so that the
  day is certain), within 1920–1950, the years of the extract; the first
  day of a holding whose end POCOM does not record. A holding with no
  certain day in those years (a start and an end in the same month, a
  start before 1920 and no end) is left out.
* **Which words.** The office as a FRUS heading of that day prints it
  (archive.text.offices.frus_office: "Minister in Siam" in 1937), the
  surname in parentheses. A chief of mission is addressed by the Secretary
  ("The Secretary of State to the Minister in Siam (Baker)"), an officer of
  the Department writes a memorandum ("Memorandum by the Under Secretary of
  State (Welles) to the Secretary of State"); the Secretary himself is
  printed with his name when he telegraphs from abroad ("The Secretary of
  State (Byrnes) to the Acting Secretary of State").

Hard cases (issue 13):

* **shared surname**: a tenure case whose surname another POCOM person with
  a case bears (Nelson T. and Herschel V. Johnson): each must be his own man;
* **the Secretary unnamed**: "The Minister in X (Y) to the Secretary of
  State" on the middle day of each Secretary's tenure: the holder that day;
* **gaps**: a day no holding of a post or of the Secretaryship certainly
  covers (a chargé between two ambassadors, whom POCOM does not list; an
  Acting Secretary between two Secretaries), with the office printed
  without a name: no one may be guessed, the expected answer is "unresolved".

Each case is a small document (source note, heading, dateline, one line of
body, signature) read by the importer's parser and resolved by the
importer's own call (archive.pipeline.resolve.Resolver.values calls
archive.linking.offices.heading_person for each side) against a registry
built as the importer builds it. Nothing is saved: a stub person made for an
unknown name is forgotten again, as when a document's save rolls back.

Scoring: a case is **right** when it gives the expected person (matched by
POCOM id, Person.hsg_id) or, in a gap, no one; **wrong** when it gives anyone
else (another holder, a record without the POCOM id, a new stub); and
**unresolved** when it gives no one where a person was expected. Precision
is right people / people given; recall is right / all cases.
"""

from __future__ import annotations

import calendar
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from archive.pocom import PocomData, PocomHolding
from archive.text.heading import is_department_office
from archive.text.offices import RANKS, fold, frus_office, tenure_bounds

FIRST_DAY, LAST_DAY = date(1920, 1, 1), date(1950, 12, 31)

TENURE, SHARED, PLAIN, UNNAMED, GAP = (
    "tenure",
    "shared surname",
    "title printed plain",
    "the Secretary unnamed",
    "gap",
)
KINDS = (TENURE, SHARED, PLAIN, UNNAMED, GAP)
SECRETARY = "secretary"


@dataclass(frozen=True)
class Case:
    """One heading side to resolve, and whom it must give (``None``: no one)."""

    kind: str
    heading: str
    day: date
    side: str  # "sender" or "recipient": the side measured
    expected: str | None  # POCOM person id; None in a gap
    expected_name: str = ""
    holding: str = ""  # the POCOM holding the case is built from
    shared: bool = False  # the surname is another POCOM person's too

    def document(self) -> str:
        """The case as a small FRUS document, for the importer's parser."""
        signed = re.match(r"^(?:Memorandum by )?[Tt]he [^(]+\((?P<name>[^)]+)\) to ", self.heading)
        return (
            "100.1/1: Telegram\n\n"
            f"{self.heading}\n\n"
            f"Washington, {self.day:%B} {self.day.day}, {self.day.year}.\n\n"
            "1. Text.\n" + (f"\n{signed['name']}\n" if signed else "")
        )


@dataclass
class Built:
    cases: list[Case] = field(default_factory=list)
    left_out: dict[str, int] = field(default_factory=lambda: defaultdict(int))


def printed_office(holding: PocomHolding, day: date) -> str | None:
    """The office a FRUS heading prints with the holder's surname on that day, or None."""
    if holding.position:
        office = frus_office("", "", holding.position, holding.position_name, day)
        return office if is_department_office(office) else None
    if holding.role not in RANKS:
        return None
    return frus_office(holding.role, holding.territory, "", "", day)


def printed_surname(surname: str) -> str:
    """The surname as FRUS prints it: POCOM's variant in parentheses left out.

    POCOM gives one man as "Ratshesky (Radzkey)"; FRUS prints "(Ratshesky)".
    """
    return re.sub(r"\s*\([^)]*\)\s*$", "", surname).strip() or surname


def certain_days(holding: PocomHolding) -> tuple[date, date] | None:
    """The first and last day the holding certainly covers within 1920–1950, or None.

    A holding without an end date is one whose end POCOM does not record
    (every tenure of these years has ended: Romualdo Pacheco's in Guatemala,
    from 1891, has none), so only its first day is certain.
    """
    start, end = tenure_bounds(holding.started, holding.ended)
    if end is None:
        end = start
    start = max(start or FIRST_DAY, FIRST_DAY)
    end = min(end or LAST_DAY, LAST_DAY)
    return (start, end) if start <= end else None


def middle(first: date, last: date) -> date:
    return first + timedelta(days=(last - first).days // 2)


def possible_days(holding: PocomHolding) -> tuple[date, date]:
    """The widest reading of a holding's dates: every day it may have covered.

    The other way round from tenure_bounds: a partial start is read as its
    first day, a partial end as its last.
    """
    # Still in office: to the end of the years measured.
    start = _day(holding.started, last=False) or FIRST_DAY
    return start, _day(holding.ended, last=True) or LAST_DAY


def _day(text: str, *, last: bool) -> date | None:
    parts = [int(p) for p in text.split("-")] if text else []
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        year, month = parts
        return date(year, month, calendar.monthrange(year, month)[1] if last else 1)
    if len(parts) == 1:
        return date(parts[0], 12, 31) if last else date(parts[0], 1, 1)
    return None


def _tenure_heading(holding: PocomHolding, office: str, surname: str) -> tuple[str, str]:
    """The heading a holding is printed in, and the side it fills."""
    if not holding.position:
        return f"The Secretary of State to the {office} ({surname})", "recipient"
    if holding.position == SECRETARY:
        return f"The {office} ({surname}) to the Acting Secretary of State", "sender"
    return f"Memorandum by the {office} ({surname}) to the Secretary of State", "sender"


def build_cases(data: PocomData) -> Built:
    """Every case the rules of the module docstring build from ``data``."""
    built = Built()
    chosen: list[tuple[PocomHolding, date, str]] = []
    for holding in sorted(data.holdings, key=lambda h: (h.started, h.id)):
        person = data.people.get(holding.person)
        span = certain_days(holding)
        if person is None or span is None:
            built.left_out["no day certainly in the tenure in 1920–1950"] += 1
            continue
        day = middle(*span)
        office = printed_office(holding, day)
        if office is None:
            why = (
                f"not an office of the Department: {holding.position_name}"
                if holding.position
                else f"a rank FRUS prints no short form of: {holding.role}"
            )
            built.left_out[why] += 1
            continue
        chosen.append((holding, day, office))
    surnames: dict[str, set[str]] = defaultdict(set)
    for holding, _day, _office in chosen:
        surnames[fold(data.people[holding.person].surname)].add(holding.person)
    for holding, day, office in chosen:
        person = data.people[holding.person]
        heading, side = _tenure_heading(holding, office, printed_surname(person.surname))
        shared = len(surnames[fold(person.surname)]) > 1
        built.cases.append(
            Case(
                SHARED if shared else TENURE,
                heading,
                day,
                side,
                person.id,
                person.name,
                holding.id,
                shared,
            )
        )
    built.cases += _plain(data, chosen)
    built.cases += _unnamed_secretary(data, chosen)
    built.cases += _gaps(data)
    return built


def plain_office(office: str) -> str | None:
    """The shorter title FRUS also prints for a Department office, or None.

    "The Assistant Secretary of State (Clayton)" for an Assistant Secretary
    of State for Economic Affairs (archive.text.offices.office_family), and
    "the Counselor (Moore)" for the Counselor of the Department of State
    (archive.text.heading).
    """
    if office.startswith("Assistant Secretary of State for "):
        return "Assistant Secretary of State"
    if office == "Counselor of the Department of State":
        return "Counselor"
    return None


def _plain(data: PocomData, chosen) -> list[Case]:
    cases = []
    for holding, day, office in chosen:
        plain = plain_office(office)
        if holding.position and plain:
            person = data.people[holding.person]
            heading, side = _tenure_heading(holding, plain, printed_surname(person.surname))
            cases.append(Case(PLAIN, heading, day, side, person.id, person.name, holding.id))
    return cases


def _addressed_by(data: PocomData, day: date) -> str:
    """A chief of mission in office that day, printed as a sender ("The Minister in X (Y)")."""
    for holding in sorted(data.holdings, key=lambda h: h.id):
        span = certain_days(holding)
        if holding.position or holding.role not in RANKS or span is None:
            continue
        if span[0] <= day <= span[1] and holding.person in data.people:
            office = frus_office(holding.role, holding.territory, "", "", day)
            return f"The {office} ({printed_surname(data.people[holding.person].surname)})"
    return "The Minister in Siam (Baker)"


def _unnamed_secretary(data: PocomData, chosen) -> list[Case]:
    cases = []
    for holding, day, _office in chosen:
        if holding.position != SECRETARY:
            continue
        person = data.people[holding.person]
        cases.append(
            Case(
                UNNAMED,
                f"{_addressed_by(data, day)} to the Secretary of State",
                day,
                "recipient",
                person.id,
                person.name,
                holding.id,
            )
        )
    return cases


def _gaps(data: PocomData) -> list[Case]:
    """A case in every stretch of days no holding of a post (or the Secretaryship) may cover."""
    posts: dict[str, list[PocomHolding]] = defaultdict(list)
    for holding in data.holdings:
        if holding.position == SECRETARY:
            posts[SECRETARY].append(holding)
        elif not holding.position and holding.territory:
            posts[holding.territory].append(holding)
    cases = []
    for post, holdings in sorted(posts.items()):
        spans = sorted((possible_days(h), h) for h in holdings)
        covered_until = spans[0][0][1]
        before = spans[0][1]
        for (start, end), holding in spans[1:]:
            first, last = covered_until + timedelta(days=1), start - timedelta(days=1)
            first, last = max(first, FIRST_DAY), min(last, LAST_DAY)
            if first <= last:
                day = middle(first, last)
                cases.append(_gap_case(post, before, day))
            if end >= covered_until:
                covered_until, before = end, holding
    return cases


def _gap_case(post: str, before: PocomHolding, day: date) -> Case:
    if post == SECRETARY:
        heading = "The Minister in Siam to the Secretary of State"
    else:
        rank = before.role if before.role in RANKS else "ambassador-e-p"
        office = frus_office(rank, post, "", "", day)
        heading = f"The Secretary of State to the {office}"
    return Case(GAP, heading, day, "recipient", None, "", f"after {before.id}")


# Resolving (Django) ---------------------------------------------------------


@dataclass(frozen=True)
class Result:
    case: Case
    got: str | None  # the POCOM id of the person given, "" for a person without one
    got_name: str = ""
    note: str = ""  # the resolver's problem note, or what the person given is

    @property
    def outcome(self) -> str:
        if self.got is None:
            return "right" if self.case.expected is None else "unresolved"
        return "right" if self.got == self.case.expected else "wrong"


def resolve_cases(cases: list[Case]) -> list[Result]:
    """Each case resolved as the importer resolves a heading side; nothing is kept."""
    from django.db import transaction

    from archive.linking.offices import heading_person
    from archive.linking.registry import EntityRegistry
    from archive.text import parse_document

    results = []
    with transaction.atomic():
        registry = EntityRegistry()
        for case in cases:
            parsed = parse_document(case.document(), f"heading case {case.holding}")
            dates = (parsed.date_earliest, parsed.date_latest)
            registry.begin()
            if case.side == "sender":
                found, note = heading_person(
                    registry,
                    parsed.sender_name,
                    parsed.sender_role,
                    *dates,
                    signature=parsed.signature,
                )
            else:
                found, note = heading_person(
                    registry, parsed.recipient_name, parsed.recipient_role, *dates
                )
            if found is None:
                results.append(Result(case, None, note=note))
            else:
                if not found.hsg_id:
                    note = note or "a record without a POCOM id"
                results.append(Result(case, found.hsg_id or "", found.name, note))
            registry.rollback()
        transaction.set_rollback(True)
    return results


# Scoring (pure) -------------------------------------------------------------


@dataclass
class HeadingTally:
    name: str
    right: int = 0
    wrong: int = 0
    unresolved: int = 0
    right_people: int = 0  # right cases that give a person (not a gap left alone)

    @property
    def cases(self) -> int:
        return self.right + self.wrong + self.unresolved

    @property
    def resolved(self) -> int:
        return self.right_people + self.wrong

    @property
    def precision(self) -> float | None:
        return self.right_people / self.resolved if self.resolved else None

    @property
    def recall(self) -> float | None:
        return self.right / self.cases if self.cases else None

    def add(self, result: Result) -> None:
        outcome = result.outcome
        setattr(self, outcome, getattr(self, outcome) + 1)
        if outcome == "right" and result.got is not None:
            self.right_people += 1


ALL = "headings built from real tenures"
GAPS = "headings in a gap (no holder)"


def tally(results: list[Result]) -> list[HeadingTally]:
    """The cases that expect a person together, then one tally per kind (:data:`KINDS`).

    The gap cases expect no one, so they are never added to the cases that
    expect a person: a run of correct abstentions would raise its recall.
    """
    total = HeadingTally(ALL)
    kinds = {kind: HeadingTally(GAPS if kind == GAP else kind) for kind in KINDS}
    for result in results:
        if result.case.kind != GAP:
            total.add(result)
        kinds[result.case.kind].add(result)
    return [total, *(t for t in kinds.values() if t.cases)]


def as_scoring_tally(heading: HeadingTally):
    """The same counts in bench.scoring's terms, for eval's main table.

    Right / claimed is right people / people given; found / labelled is
    right cases / all cases.
    """
    from bench.scoring import Tally

    return Tally(
        heading.name,
        found=heading.right_people,
        claimed=heading.resolved,
        truth_hit=heading.right,
        truths=heading.cases,
    )


def describe(result: Result) -> str:
    """A miss as the report lists it: heading, date, expected, got."""
    case = result.case
    expected = f"{case.expected_name} ({case.expected})" if case.expected else "no one"
    if result.got is None:
        got = "no one" + (f": {result.note}" if result.note else "")
    else:
        got = f"{result.got_name} ({result.got or 'no POCOM id'})"
        if result.note:
            got += f": {result.note}"
    return f"{case.heading} — {case.day.isoformat()} — expected {expected}; got {got}"


def misses(results: list[Result]) -> list[Result]:
    return [r for r in results if r.outcome != "right"]
