"""One rule says what "the Department" is, for printed roles and for office keys alike."""

from __future__ import annotations

import json

import pytest

from archive.text.heading import is_department_office
from archive.text.offices import PRINCIPAL_OFFICES, frus_office, office_key, tenure_bounds
from tests.conftest import SEEDS


@pytest.mark.parametrize(
    "role",
    [
        "the Secretary of State",
        "Acting Secretary of State",
        "the Under Secretary of State",
        "Assistant Secretary of State for Economic Affairs",
        "the Chief of the Division of Far Eastern Affairs",
        "the Adviser on Political Relations",
        "the Legal Adviser",
        "the Counselor",  # printed bare: the Counselor of the Department
        "the Chief of Protocol",
    ],
)
def test_department_offices_as_headings_print_them(role):
    assert is_department_office(role)
    assert is_department_office(office_key(role))  # and as the authority lists key them


@pytest.mark.parametrize(
    "role",
    [
        "the Minister in China",
        "the Ambassador in the Soviet Union",
        "the Counselor of Embassy in China",  # a post abroad, not the Counselor
        "the Consul General at Shanghai",
        "the Chinese Minister for Foreign Affairs",
        "the Far Eastern Department of the Foreign Office",
        "Representative of the U.S.A. to the United Nations",
    ],
)
def test_posts_abroad_and_foreign_offices_are_not(role):
    assert not is_department_office(role)
    assert not is_department_office(office_key(role))


def test_every_principal_office_of_the_authority_lists_is_the_departments():
    keys = {office_key(office) for office in PRINCIPAL_OFFICES.values()}
    assert keys and all(is_department_office(key) for key in keys)


def test_the_shipped_holdings_split_into_the_departments_and_posts_abroad():
    lines = (SEEDS / "offices" / "pocom-1920-1950.jsonl").read_text(encoding="utf-8").splitlines()
    holdings = [row["holding"] for row in map(json.loads, lines) if "holding" in row]
    offices = {
        frus_office(
            h.get("role", ""),
            h.get("territory", ""),
            h.get("position", ""),
            h.get("position_name", ""),
            tenure_bounds(h.get("started", ""), h.get("ended", ""))[0],
        ): bool(h.get("territory"))
        for h in holdings
    }
    abroad = [office for office, has_territory in offices.items() if has_territory]
    assert len(abroad) > 100
    assert not [office for office in abroad if is_department_office(office_key(office))]
    home = {office_key(office) for office, has_territory in offices.items() if not has_territory}
    assert {"secretary of state", "counselor", "legal adviser"} <= home
    assert all(is_department_office(key) for key in home if "secretary of state" in key)
    assert is_department_office(office_key("Chief of Protocol"))
    # Agencies beside the Department are not it.
    assert not is_department_office(
        office_key("Administrator of the Economic Cooperation Administration")
    )
