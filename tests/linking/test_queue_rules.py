"""The unmatched-names queue leaves out ships, periodicals, firms, peoples and parties."""

from __future__ import annotations

import pytest

from archive.linking.names import NameIndex, unmatched_names
from archive.linking.queue_context import named_no_one
from archive.linking.queue_words import queue_names


def _queued(text: str) -> set[str]:
    return set(unmatched_names(text, NameIndex()))


def test_a_name_after_a_ship_prefix_is_a_ship_and_so_is_the_bare_name():
    text = (
        "It is recommended that the U. S. S. Pensacola proceed to Bahia. "
        "The visit of Pensacola was announced; the S. S. Coamo sails Monday."
    )
    queued = _queued(text)
    assert not {"Pensacola", "U. S. S. Pensacola", "S. S. Pensacola", "Coamo"} & queued
    assert "Bahia" in queued


def test_a_ship_in_one_document_leaves_the_name_in_another():
    assert "Pensacola" in _queued("He flew to Pensacola yesterday.")


def test_a_list_of_periodicals_names_no_one():
    text = "He reads such periodicals as Time, Newsweek, Life and The New Republic. He told Grew."
    queued = _queued(text)
    assert not {"Newsweek", "New Republic"} & queued
    assert "Grew" in queued


def test_the_partner_in_a_firm_named_for_a_man():
    queued = _queued("Captain A. F. Pillsbury of Pillsbury and Curtis met Kennedy.")
    assert "Curtis" not in queued and "Kennedy" in queued


def test_a_firm_is_the_same_surname_on_both_sides_of_its_of():
    def partners(text):
        return [text[a:b] for a, b in named_no_one(text)[0]]

    assert partners("Pillsbury of Pillsbury & Curtis Co.") == ["Curtis Co"]
    assert partners("Pillsbury of\nPillsbury and Curtis") == ["Curtis"]
    assert partners("Grew of Pillsbury and Curtis") == []  # another surname
    assert partners("proof of Smith and Jones") == []  # no surname before the "of"
    assert partners("of Smith and Jones") == []  # nothing before it at all
    spans, ships = named_no_one("the U. S. S. Pensacola sailed; Pensacola is at Manila")
    assert ships == {"Pensacola"} and len(spans) == 1


def test_a_place_name_with_lowercase_particles_is_read_whole():
    queued = _queued("Revolt broke out in the States of Minas Geraes, Rio Grande do Sul.")
    assert "Rio Grande do Sul" in queued and "Sul" not in queued


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("European", []),  # an adjective of nationality
        ("Korean", []),
        ("McLean", ["McLean"]),  # a surname, not an adjective
        ("Pacific War", ["Pacific"]),  # a war is named by where it is fought
        ("Kuomintang", []),  # a Chinese party ("tang", party)
        ("Overseas Chinese", []),  # a people
        ("White Russians", []),
    ],
)
def test_words_that_name_no_person_or_place(printed, expected):
    assert queue_names(printed, sentence_start=False, titled=False) == expected
