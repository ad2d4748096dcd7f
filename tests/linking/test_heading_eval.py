"""The heading measure of ``make eval`` (bench/headings.py): cases, arithmetic, hard cases."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command

from archive.pocom import PocomData, PocomHolding, PocomPerson, read_checkout
from bench import headings
from bench.headings import Case, Result
from tests.conftest import FIXTURES


def sample() -> PocomData:
    """A hand-made POCOM sample: one holding of each kind the rules tell apart."""
    people = [
        PocomPerson("baker-james-marion", "Baker", "James Marion"),
        PocomPerson("welles-sumner", "Welles", "Sumner"),
        PocomPerson("clayton-william-lockhart", "Clayton", "William Lockhart"),
        PocomPerson("moore-r-walton", "Moore", "R. Walton"),
        PocomPerson("hull-cordell", "Hull", "Cordell"),
        PocomPerson("hoffman-paul-gray", "Hoffman", "Paul Gray"),
        PocomPerson("ratshesky-radzkey-abraham-c", "Ratshesky (Radzkey)", "Abraham C."),
        PocomPerson("short-tenure", "Short", "Only"),
        PocomPerson("pacheco-romualdo", "Pacheco", "Romualdo"),
        PocomPerson("matthews-harrison-freeman", "Matthews", "Harrison Freeman"),
    ]
    holdings = [
        # A partial end ("1940-06") is read as its first day: certainly in office.
        PocomHolding(
            "th-1937-bake-01",
            "baker-james-marion",
            "envoy-extraordinary-minister-plenipotentiary",
            "1937-01-30",
            "1940-06",
            territory="thailand",
        ),
        PocomHolding(
            "unde-1937-well",
            "welles-sumner",
            "under-secretary",
            "1937-05-21",
            "1943-09-30",
            position="under-secretary",
            position_name="Under Secretary of State",
        ),
        PocomHolding(
            "asec-1944-clay",
            "clayton-william-lockhart",
            "assistant-secretary-for-economic-business-affairs",
            "1944-12-19",
            "1946-08-16",
            position="assistant-secretary-for-economic-business-affairs",
            position_name=(
                "Assistant Secretary of State for Economic, Energy, and Business Affairs"
            ),
        ),
        PocomHolding(
            "coun-1937-moor",
            "moore-r-walton",
            "counselor",
            "1937-05-21",
            "1941-02-08",
            position="counselor",
            position_name="Counselor",
        ),
        PocomHolding(
            "secr-1933-hull",
            "hull-cordell",
            "secretary",
            "1933-03-04",
            "1944-11-30",
            position="secretary",
            position_name="Secretary of State",
        ),
        PocomHolding(
            "eca-1948-hoff",
            "hoffman-paul-gray",
            "administrator-economic-cooperation-administration",
            "1948-04-09",
            "1950-09-30",
            position="administrator-economic-cooperation-administration",
            position_name="Administrator of the Economic Cooperation Administration",
        ),
        PocomHolding(
            "cz-1930-rats-01",
            "ratshesky-radzkey-abraham-c",
            "envoy-extraordinary-minister-plenipotentiary",
            "1930-04-15",
            "1932-04-30",
            territory="czechoslovakia",
        ),
        # Started and ended in the same month: no day is certainly in the tenure.
        PocomHolding(
            "xx-1931-shor-01",
            "short-tenure",
            "envoy-extraordinary-minister-plenipotentiary",
            "1931-05",
            "1931-05",
            territory="norway",
        ),
        # No end recorded: only the first day is certain (before 1920: left out).
        PocomHolding(
            "gt-1890-pach-01",
            "pacheco-romualdo",
            "envoy-extraordinary-minister-plenipotentiary",
            "1891-02-28",
            territory="guatemala",
        ),
        PocomHolding(
            "es-1939-matt-01",
            "matthews-harrison-freeman",
            "charge-daffaires-ad-interim",
            "1939-04-13",
            territory="spain",
        ),
    ]
    return PocomData(people={p.id: p for p in people}, holdings=holdings)


def by_holding(cases: list[Case], kind: str = "") -> dict[str, Case]:
    return {c.holding: c for c in cases if not kind or c.kind == kind}


def test_each_holding_is_printed_as_a_frus_heading_of_its_day():
    built = headings.build_cases(sample())
    tenures = by_holding(built.cases, headings.TENURE)
    siam = tenures["th-1937-bake-01"]
    # The middle of 1937-01-30 .. 1940-06-01 (a partial end read as its first day).
    assert siam.day == date(1938, 10, 1)
    assert siam.heading == "The Secretary of State to the Minister in Siam (Baker)"
    assert (siam.side, siam.expected) == ("recipient", "baker-james-marion")
    welles = tenures["unde-1937-well"]
    assert welles.heading == (
        "Memorandum by the Under Secretary of State (Welles) to the Secretary of State"
    )
    assert welles.side == "sender"
    # POCOM's present-day bureau name is printed as FRUS printed it then.
    assert tenures["asec-1944-clay"].heading.startswith(
        "Memorandum by the Assistant Secretary of State for Economic Affairs (Clayton)"
    )
    assert tenures["secr-1933-hull"].heading == (
        "The Secretary of State (Hull) to the Acting Secretary of State"
    )
    chargé = tenures["es-1939-matt-01"]
    assert chargé.heading == "The Secretary of State to the Chargé in Spain (Matthews)"
    assert chargé.day == date(1939, 4, 13)
    # POCOM's variant spelling in parentheses is not printed.
    assert tenures["cz-1930-rats-01"].heading.endswith("Minister in Czechoslovakia (Ratshesky)")


def test_shorter_titles_and_the_unnamed_secretary():
    built = headings.build_cases(sample())
    plain = by_holding(built.cases, headings.PLAIN)
    assert plain["asec-1944-clay"].heading == (
        "Memorandum by the Assistant Secretary of State (Clayton) to the Secretary of State"
    )
    assert plain["coun-1937-moor"].heading == (
        "Memorandum by the Counselor (Moore) to the Secretary of State"
    )
    assert set(plain) == {"asec-1944-clay", "coun-1937-moor"}
    unnamed = by_holding(built.cases, headings.UNNAMED)["secr-1933-hull"]
    assert unnamed.day == date(1939, 1, 16)
    assert unnamed.heading == "The Minister in Siam (Baker) to the Secretary of State"
    assert (unnamed.side, unnamed.expected) == ("recipient", "hull-cordell")


def test_offices_frus_does_not_print_with_a_surname_are_left_out_and_counted():
    built = headings.build_cases(sample())
    held = {c.holding for c in built.cases}
    assert "eca-1948-hoff" not in held
    assert "xx-1931-shor-01" not in held
    assert "gt-1890-pach-01" not in held
    assert built.left_out == {
        "not an office of the Department: "
        "Administrator of the Economic Cooperation Administration": 1,
        "no day certainly in the tenure in 1920–1950": 2,
    }


def test_each_case_is_a_document_the_parser_reads_back():
    from archive.text import parse_document

    cases = by_holding(headings.build_cases(sample()).cases, headings.TENURE)
    parsed = parse_document(cases["unde-1937-well"].document())
    assert (parsed.sender_role, parsed.sender_name) == ("Under Secretary of State", "Welles")
    assert parsed.signature == "Welles"
    assert parsed.date_earliest == parsed.date_latest == cases["unde-1937-well"].day
    parsed = parse_document(cases["th-1937-bake-01"].document())
    assert (parsed.recipient_role, parsed.recipient_name) == ("Minister in Siam", "Baker")


def result(expected, got, kind=headings.TENURE) -> Result:
    case = Case(
        kind,
        "The Secretary of State to the Minister in Siam (Baker)",
        date(1938, 1, 1),
        "recipient",
        expected,
        "James Marion Baker" if expected else "",
    )
    return Result(case, got, "someone" if got else "")


def test_the_arithmetic():
    results = [
        result("baker", "baker"),
        result("baker", "baker", headings.SHARED),
        result("baker", "other", headings.SHARED),
        result("baker", ""),  # a record without a POCOM id: wrong
        result("baker", None),
        result(None, None, headings.GAP),
        result(None, "other", headings.GAP),
    ]
    assert [r.outcome for r in results] == [
        "right",
        "right",
        "wrong",
        "wrong",
        "unresolved",
        "right",
        "wrong",
    ]
    total, tenure, shared, gaps = headings.tally(results)
    assert (total.name, gaps.name) == (headings.ALL, headings.GAPS)
    # The gaps stay out of the cases that expect a person.
    assert (total.right, total.wrong, total.unresolved) == (2, 2, 1)
    assert total.precision == 2 / 4
    assert total.recall == 2 / 5
    assert (tenure.cases, shared.cases) == (3, 2)
    # A gap left alone is right but gives no one: recall counts it, precision does not.
    assert (gaps.right, gaps.wrong, gaps.resolved) == (1, 1, 1)
    assert gaps.precision == 0.0
    assert gaps.recall == 1 / 2
    table = headings.as_scoring_tally(total)
    assert (table.found, table.claimed, table.truth_hit, table.truths) == (2, 4, 2, 5)
    assert headings.tally([]) == [headings.HeadingTally(headings.ALL)]


def test_a_miss_names_heading_date_expected_and_got():
    line = headings.describe(result("baker", None))
    assert line == (
        "The Secretary of State to the Minister in Siam (Baker) — 1938-01-01 — "
        "expected James Marion Baker (baker); got no one"
    )


# The small POCOM checkout of the tests --------------------------------------


@pytest.fixture
def checkout_cases() -> list[Case]:
    return headings.build_cases(read_checkout(FIXTURES / "pocom")).cases


def test_gaps_are_the_days_no_holding_may_cover(checkout_cases):
    gaps = [c for c in checkout_cases if c.kind == headings.GAP]
    # Moscow between Bullitt and Davies, Tokyo between Castle and Grew; China's
    # Minister became its Ambassador the same day, and Hull followed Stimson.
    assert [(c.heading, c.day) for c in gaps] == [
        ("The Secretary of State to the Ambassador in Japan", date(1931, 6, 5)),
        ("The Secretary of State to the Ambassador in the Soviet Union", date(1936, 9, 20)),
    ]
    assert all(c.expected is None for c in gaps)


def test_holders_sharing_a_surname_are_marked(checkout_cases):
    shared = {c.holding: c for c in checkout_cases if c.kind == headings.SHARED}
    assert set(shared) == {"ch-1929-john-01", "ch-1935-john-01", "sw-1946-john-01"}
    assert shared["sw-1946-john-01"].heading == (
        "The Secretary of State to the Minister in Sweden (Johnson)"
    )
    assert shared["sw-1946-john-01"].day == date(1943, 12, 6)
    # Grew held two offices: one man, no shared surname.
    assert {c.kind for c in checkout_cases if c.expected == "grew-joseph-clark"} == {
        headings.TENURE
    }


@pytest.mark.django_db
def test_the_checkout_resolves_two_johnsons_apart_and_no_one_in_a_gap(checkout_cases):
    call_command("import_offices", str(FIXTURES / "pocom"), verbosity=0)
    results = headings.resolve_cases(checkout_cases)
    outcomes = {(r.case.kind, r.case.holding): (r.outcome, r.got) for r in results}
    assert outcomes[(headings.SHARED, "ch-1935-john-01")] == ("right", "johnson-nelson-trusler")
    assert outcomes[(headings.SHARED, "sw-1946-john-01")] == (
        "right",
        "johnson-herschel-vespasian",
    )
    gaps = [r for r in results if r.case.kind == headings.GAP]
    assert [(r.outcome, r.got) for r in gaps] == [("right", None), ("right", None)]
    assert headings.misses(results) == []
    # Nothing a case made is kept.
    from archive.models import Person

    assert not Person.objects.filter(needs_review=True).exists()
