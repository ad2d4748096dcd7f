"""Names added to the index after it was compiled are found as if it were compiled anew."""

from __future__ import annotations

from archive.linking.names import PERSON, PLACE, NameIndex

TEXT = "Chiang Kai-shek met Chiang and Hirota in Nanking; Koki Hirota left for Tokyo."


def _found(index: NameIndex) -> set[tuple[str, int, str, int]]:
    return {(f.kind, f.entity_id, f.surface, f.occurrences) for f in index.find(TEXT)}


def test_names_added_after_compiling_are_found_like_a_fresh_index():
    grown = NameIndex()
    grown.add(PERSON, 1, ["Chiang"])
    grown.add(PLACE, 2, ["Nanking"])
    assert grown.find(TEXT)  # compiled now
    for pk, names in ((3, ["Chiang Kai-shek"]), (4, ["Koki Hirota", "Hirota"]), (5, ["Tokyo"])):
        grown.add(PLACE if pk == 5 else PERSON, pk, names)
    fresh = NameIndex()
    for kind, pk, names in (
        (PERSON, 1, ["Chiang"]),
        (PLACE, 2, ["Nanking"]),
        (PERSON, 3, ["Chiang Kai-shek"]),
        (PERSON, 4, ["Koki Hirota", "Hirota"]),
        (PLACE, 5, ["Tokyo"]),
    ):
        fresh.add(kind, pk, names)
    assert _found(grown) == _found(fresh)
    # The longer name wins where two start together: "Chiang Kai-shek" is not "Chiang".
    assert (PERSON, 3, "Chiang Kai-shek", 1) in _found(grown)
    assert (PERSON, 1, "Chiang", 1) in _found(grown)
    assert grown.names_in("a note on Koki Hirota") and not grown.names_in("a note")


def test_many_additions_fold_into_the_large_pattern():
    index = NameIndex()
    index.add(PERSON, 0, ["Grew"])
    assert index.find("Grew")
    for pk in range(1, 200):
        index.add(PERSON, pk, [f"Person{pk:03d}"])
    assert {f.entity_id for f in index.find("Person007 and Person150 met Grew")} == {0, 7, 150}
