"""Identification footnotes: each FRUS form read, and what is not one left alone."""

from __future__ import annotations

import pytest

from archive.text.identifications import parse_identification


def test_name_rank_service_and_office_apart():
    found = parse_identification(
        "Capt. James M. McHugh, U. S. M. C, Assistant Naval Attaché in China."
    )
    assert found.name.full == "James M. McHugh" and found.name.title == "Capt."
    assert found.service == "U. S. M. C"
    assert (found.office, found.place) == ("Assistant Naval Attaché in China", "China")


def test_name_and_office_with_a_nationality():
    found = parse_identification("Koki Hirota, Japanese Minister for Foreign Affairs.")
    assert found.name.surname == "Hirota" and found.name.forenames == "Koki"
    assert (found.office, found.place) == ("Minister for Foreign Affairs", "Japan")


def test_office_alone_names_no_one():
    found = parse_identification("Soviet Commissar for Foreign Affairs.")
    assert found.name is None
    assert (found.office, found.place) == ("Commissar for Foreign Affairs", "Soviet Union")


def test_department_office():
    found = parse_identification("Harry C. Hawkins, Chief of the Division of Trade Agreements.")
    assert found.name.full == "Harry C. Hawkins"
    assert found.office == "Chief of the Division of Trade Agreements" and found.place == ""


def test_not_found_then_was():
    found = parse_identification(
        "Not found in Department files. G. Howland Shaw was Assistant Secretary of State."
    )
    assert found.name.full == "G. Howland Shaw" and found.office == "Assistant Secretary of State"
    assert not found.uncertain


def test_presumably_is_uncertain():
    found = parse_identification(
        "No record found; presumably Hugh R. Wilson, Ambassador in Germany."
    )
    assert found.uncertain and found.name.surname == "Wilson" and found.place == "Germany"


@pytest.mark.parametrize(
    ("text", "full", "surname"),
    [
        ("José Carlos de Macedo Soares.", "José Carlos de Macedo Soares", "Macedo Soares"),
        ("Liu Chieh.", "Liu Chieh", "Liu"),
        ("Maj. Gen. George H. Brett, Chief of U. S. Air Corps.", "George H. Brett", "Brett"),
    ],
)
def test_name_forms(text, full, surname):
    found = parse_identification(text)
    assert (found.name.full, found.name.surname) == (full, surname)


@pytest.mark.parametrize(
    "text",
    [
        "Not printed.",
        "Telegram not printed.",
        "See p. 196.",
        "Supra.",
        "Ante, p. 34.",
        "Department of State Bulletin, May 17, 1941, pp. 581–583.",
        "File No. 793.94/7527.",
        "Drafted by Troy L. Perkins, of the same Division.",
        "Signed at Buenos Aires, October 14, 1941.",
        "Telegram in four sections.",
        "The Government headed by Prince Konoye resigned October 16, 1941; a new Government "
        "was formed under General Hideki Tojo as Prime Minister.",
    ],
)
def test_not_identifications(text):
    assert parse_identification(text) is None
