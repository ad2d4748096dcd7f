"""What the parsing process reads of a body leads to exactly what reading it on the spot does.

A large import reads each body for the linker in its parsing processes
(archive.linking.runs.read_body); an editor's protected body, re-linking and
the tests read it where it is saved. Both must suggest the same mentions
and queue the same names.
"""

from __future__ import annotations

import pytest
from django.db import transaction

from archive.history import script_user
from archive.linking.names import unmatched_names
from archive.linking.registry import EntityRegistry
from archive.linking.runs import capitalised_words, read_body, surname_runs
from archive.linking.suggestions import suggest_mentions
from archive.models import Telegram
from archive.text import decode_source, parse_document
from tests.conftest import CORPUS


def _suggested(registry, telegram, parsed, reading) -> tuple[dict, dict]:
    """The suggestions, keyed by names (a person made on the way is rolled back)."""
    with transaction.atomic():
        registry.begin()
        people, places = suggest_mentions(
            registry,
            telegram,
            sender_name=parsed.sender_name,
            recipient_name=parsed.recipient_name,
            warnings=[],
            body_reading=reading,
        )
        named = (
            {(registry.people[pk].name, role): v for (pk, role), v in people.items()},
            {(registry.places[pk].name, role): v for (pk, role), v in places.items()},
        )
        registry.rollback()
        transaction.set_rollback(True)
    return named


@pytest.mark.django_db
def test_the_corpus_is_linked_alike_whether_read_before_or_on_the_spot(seeds_and_corpus):
    registry = EntityRegistry(script_user())
    compared = linked = 0
    for path in sorted((CORPUS / "docs").glob("*.txt")):
        parsed = parse_document(decode_source(path.read_bytes(), path.name), path.name)
        telegram = Telegram.objects.get(identifier=parsed.identity)
        reading = read_body(parsed.body)
        before = _suggested(registry, telegram, parsed, reading)
        assert before == _suggested(registry, telegram, parsed, None), path.name
        assert registry.index.find(parsed.body, reading.words) == registry.index.find(parsed.body)
        assert unmatched_names(parsed.body, registry.index, runs=reading.name_runs) == (
            unmatched_names(parsed.body, registry.index)
        )
        compared += 1
        linked += sum(1 for _, role in before[0] if role == "mentioned")
    assert compared == 44 and linked > 50  # the comparison had something to compare


def test_capitalised_words_are_whole_words_that_open_with_a_capital():
    words = capitalised_words("Mr. Grew and MacMurray’s aide, Ōkura; the Chiang-Wang talks. Grew")
    assert words == {
        "Mr": [0],
        "Grew": [4, 61],
        "MacMurray": [13],
        "Ōkura": [31],
        "Chiang": [42],
        "Wang": [49],
    }
    assert capitalised_words("naïve Zone2 x_Y") == {"Zone2": [6]}


def test_a_surname_run_keeps_what_the_lookup_needs():
    (run,) = surname_runs("said Generalissimo Chiang’s aide")
    assert (run.printed, run.key, run.initials) == ("Generalissimo Chiang", "Chiang", "")
    (run,) = surname_runs("a note from G. A. Smith today")
    assert (run.key, run.initials) == ("Smith", "G. A. ")
    assert surname_runs("The Minister of Foreign Affairs Wang Chung-hui Spoke") == []
