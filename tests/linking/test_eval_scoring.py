"""The linking evaluation's arithmetic (bench/scoring.py) on tiny labelled samples."""

from __future__ import annotations

import pytest

from bench.scoring import (
    Record,
    Reference,
    System,
    names_agree,
    queue_precision,
    references_match,
    score,
)


def label(**parts) -> dict:
    base = {"file": "docs/001_x.txt", "persons": [], "places": [], "footnote_persons": []}
    return {**base, "references": [], **parts}


def person(surface, name=None, footnote=None):
    return {"surface": surface, "name": name or surface, "identified_by_footnote": footnote}


def measures(labels, systems, queue=()):
    return {t.name: t for t in score(labels, systems, list(queue))}


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("J. P. Cotton", "Joseph P. Cotton", True),
        ("Hull", "Cordell Hull", True),
        ("C[ordell] H[ull]", "Cordell Hull", True),
        ("Guani’s", "Alberto Guani", True),
        ("General Chen Cheng", "Chen Cheng", True),
        ("Chen Cheng", "Chen Yi", False),
        ("H. Hull", "Cordell Hull", False),
        ("Hull", "H.", False),
        ("Gauss", "Clarence E. Gauss", True),
    ],
)
def test_names_agree(a, b, same):
    assert names_agree(a, b) is same
    assert names_agree(b, a) is same


def test_people_precision_and_recall_count_distinct_people():
    labels = [
        label(
            persons=[
                person("Hull", "Cordell Hull"),
                person("Mr. Hull", "Cordell Hull"),
                person("Welles"),
                person("Amau"),
            ]
        )
    ]
    system = System(people=[Record(1, ("Cordell Hull",)), Record(2, ("Henry L. Stimson",))])
    got = measures(labels, {"docs/001_x.txt": system}, queue=["Amau"])
    linked = got["people linked to a record"]
    assert (linked.found, linked.claimed) == (1, 2)  # Stimson is not labelled
    assert (linked.truth_hit, linked.truths) == (1, 3)  # Hull once, Welles and Amau missed
    assert linked.precision == 0.5 and linked.recall == pytest.approx(1 / 3)
    listed = got["people linked or queued"]
    assert (listed.truth_hit, listed.truths) == (2, 3)  # Amau is in the queue
    assert listed.misses == ["001: Welles (Welles)"]
    assert linked.wrong == ["001: Henry L. Stimson"]


def test_places_match_on_name_or_surface_and_an_alias():
    labels = [
        label(
            places=[
                {"surface": "Argentine", "name": "Argentina"},
                {"surface": "Pará", "name": "Pará"},
            ]
        )
    ]
    system = System(
        places=[Record(1, ("Argentine Republic", "Argentina")), Record(2, ("Buenos Aires",))]
    )
    got = measures(labels, {"docs/001_x.txt": system}, queue=["Para"])
    assert (got["places linked"].found, got["places linked"].claimed) == (1, 2)
    assert got["places linked"].truth_hit == 1
    assert got["places linked or queued"].truth_hit == 2  # accents are ignored


def test_footnotes_need_the_right_number_and_person():
    labels = [
        label(
            footnote_persons=[
                {"n": "57", "anchor_word": "Brett", "name": "George H. Brett"},
                {"n": "59", "anchor_word": "Chennault", "name": "C. L. Chennault"},
            ]
        )
    ]
    system = System(
        footnotes={
            "57": Record(1, ("George H. Brett",)),
            "59": Record(2, ("Archibald Wavell",)),
            "60": Record(3, ("Someone Else",)),
        }
    )
    tally = measures(labels, {"docs/001_x.txt": system})["footnote identifications"]
    assert (tally.found, tally.claimed, tally.truth_hit, tally.truths) == (1, 3, 1, 2)


def test_references_match_one_to_one_by_number_or_phrase():
    labelled = [
        {"text": "your 35", "serial": "35", "whose": "recipient"},
        {
            "text": "Department’s telegram No. 65 [67], October 17",
            "serial": "67",
            "whose": "sender",
        },
        {"text": "my telegram of August 26, 4 p.m.", "serial": None, "whose": "sender"},
        {"text": "your 36", "serial": "36", "whose": "recipient"},
    ]
    found = [
        Reference("your 35", "35", "recipient"),
        Reference("your 35", "35", "recipient"),  # a second claim of the same is extra
        Reference("Department’s telegram No. 65 [67]", "65 [67]", "recipient"),
        Reference("my telegram of August 26, 4 p.m.34", "", "sender", target_serial="12"),
    ]
    got = measures([label(references=labelled)], {"docs/001_x.txt": System(references=found)})
    refs, resolved = got["references found"], got["references resolved"]
    assert (refs.found, refs.claimed, refs.truth_hit, refs.truths) == (3, 4, 3, 4)
    assert refs.misses == ["001: your 36"]
    # The Department's side is wrong; the date-only one has no labelled number to check.
    assert (resolved.found, resolved.truth_hit, resolved.truths) == (2, 2, 4)


def test_a_resolved_target_with_the_wrong_number_is_not_resolved():
    item = {"text": "your 35", "serial": "35", "whose": "recipient"}
    assert references_match(item, Reference("your 35", "35", "recipient", target_serial="53"))
    got = measures(
        [label(references=[item])],
        {
            "docs/001_x.txt": System(
                references=[Reference("your 35", "35", "recipient", target_serial="53")]
            )
        },
    )
    assert got["references resolved"].found == 0


def test_queue_precision_counts_entries_that_are_labelled_names():
    labels = [
        label(
            persons=[person("Prince Konoye", "Konoye")],
            places=[{"surface": "Chungking", "name": "Chungking"}],
        )
    ]
    tally = queue_precision(["Konoye", "Chungking", "Cabinet", "Dear Mr"], labels)
    assert (tally.found, tally.claimed) == (2, 4)
    assert tally.wrong == ["Cabinet", "Dear Mr"]


def test_an_empty_measure_has_no_figure():
    got = measures([label()], {})
    assert got["footnote identifications"].precision is None
    assert got["footnote identifications"].recall is None
