"""A heading's office keeps the words of its rank and post: no name is read out of them."""

from __future__ import annotations

import pytest

from archive.text.heading import parse_heading, parse_party


@pytest.mark.parametrize(
    "printed",
    [
        "the Minister Resident in Iraq",
        "the Minister Resident and Consul General in Ethiopia",
        "the Minister Plenipotentiary in Liberia",
        "the Secretary of State",
        "the Consul General at Shanghai",
    ],
)
def test_an_office_without_a_name_is_all_office(printed):
    party = parse_party(printed)
    assert party.name == ""
    assert party.role == printed.removeprefix("the ")


@pytest.mark.parametrize(
    ("printed", "role", "name"),
    [
        ("the Minister in China (Johnson)", "Minister in China", "Johnson"),
        ("the Minister Resident in Iraq (Knabenshue)", "Minister Resident in Iraq", "Knabenshue"),
        ("Ambassador Grew", "Ambassador", "Grew"),
        ("Secretary Hull", "Secretary", "Hull"),
    ],
)
def test_a_printed_name_is_still_read(printed, role, name):
    party = parse_party(printed)
    assert (party.role, party.name) == (role, name)


def test_a_heading_to_a_nameless_minister_resident_names_no_one():
    heading = parse_heading("The Secretary of State to the Minister Resident in Iraq")
    assert heading.recipient.name == ""
    assert heading.recipient.role == "Minister Resident in Iraq"
