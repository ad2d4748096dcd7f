"""The unmatched-names queue: only names, variants grouped, the likely record offered."""

from __future__ import annotations

import pytest

from archive.linking.likely import comparable, likely_record, variant_heads
from archive.linking.names import NameIndex, unmatched_names
from archive.linking.queue_words import queue_names


def _queued(text: str) -> set[str]:
    return set(unmatched_names(text, NameIndex()))


@pytest.mark.parametrize(
    "text",
    [
        "The Americans and the Uruguayans agreed.",
        "He spoke to the Cabinet about Finance and Agreements.",
        "The Vice Minister called.",
        "Does the Government agree?",
        "Dear Mr. Secretary: I write.",
        "According to the Department’s June statement.",
        "The Standard Oil Company and the New York Times.",
        "He came on Monday in December with Twenty-two men.",
        "The Siberian front.",
    ],
)
def test_no_common_words_titles_nationalities_or_dates(text):
    assert _queued(text) == set()


def test_names_kept_titles_and_sentence_words_dropped():
    queued = _queued(
        "He saw Mr. Amau and Rear Admiral J. G. Tawresey. Subsequently Chiang left "
        "for the Hupeh Provincial Government and the Kwantung Army."
    )
    assert {"Amau", "J. G. Tawresey", "Chiang", "Hupeh", "Kwantung"} <= queued
    assert not queued & {"Subsequently Chiang", "Mr", "Rear Admiral", "Kwantung Army"}


def test_a_lone_capitalised_word_opening_a_sentence_is_not_queued():
    assert queue_names("Subsequently", sentence_start=True, titled=False) == []
    assert queue_names("Glover", sentence_start=False, titled=False) == ["Glover"]
    assert queue_names("Amau", sentence_start=True, titled=True) == ["Amau"]


def test_variants_grouped_under_the_commonest():
    heads = variant_heads({"Konoye": 4, "Konoe": 1, "Prince Konoye": 2, "Hull": 2, "Hall": 1})
    assert heads == {"Konoe": "Konoye", "Prince Konoye": "Konoye"}


def test_likely_record_by_fuzzy_match():
    choices = {
        comparable(name): ("person", name)
        for name in ["Cordell Hull", "Clarence E. Gauss", "Hull", "Hugh R. Wilson"]
    }
    assert likely_record("Cordel Hull", choices) == ("person", "Cordell Hull")
    assert likely_record("Clarence Gauss", choices) == ("person", "Clarence E. Gauss")
    assert likely_record("Hall", choices) is None
