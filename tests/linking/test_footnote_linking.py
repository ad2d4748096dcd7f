"""Footnotes that identify people: linked to a record, or a new one suggested."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from archive.models import Footnote, OfficeHolding, Person, PersonMention, Telegram

DOC = """793.94/9999: Telegram

The Ambassador in China (Johnson) to the Secretary of State

Peiping, July 20, 1937—noon.
[Received July 20—9 a.m.]

301. Captain McHugh63 called on Hirota64 yesterday. Litvinov65 was away.
McHugh said later that Hirota was firm; his paper66 follows.

Johnson

- Capt. James M. McHugh, U. S. M. C, Assistant Naval Attaché in China.↩

- Koki Hirota, Japanese Minister for Foreign Affairs.↩

- Soviet Commissar for Foreign Affairs.↩

- Not printed.↩
"""


@pytest.fixture
def imported(db, tmp_path):
    Person.objects.create(name="Maxim Litvinov", surname="Litvinov", forenames="Maxim")
    Person.objects.create(name="Koki Hirota", surname="Hirota", forenames="Koki")
    path = tmp_path / "doc.txt"
    path.write_text(DOC, encoding="utf-8")
    call_command("import_seeds", str(path), "--no-authorities", verbosity=0)
    return Telegram.objects.get(file_number="793.94/9999")


def _note(telegram, marker):
    return Footnote.objects.get(telegram=telegram, marker=marker)


def test_new_person_suggested_from_a_footnote(imported):
    mchugh = _note(imported, "63").person
    assert mchugh is not None and mchugh.needs_review
    assert (mchugh.name, mchugh.surname, mchugh.forenames) == (
        "James M. McHugh",
        "McHugh",
        "James M.",
    )
    assert "footnote 63" in mchugh.description
    holding = OfficeHolding.objects.get(person=mchugh)
    assert holding.office == "Assistant Naval Attaché in China"
    assert holding.start == imported.date_earliest == holding.end
    # The body's "McHugh" (twice, once titled) is that person; the footnote's own
    # words are the editors', not the document's, and are not counted as naming him.
    mention = PersonMention.objects.get(telegram=imported, person=mchugh, role="mentioned")
    assert mention.occurrences == 2


def test_existing_person_linked_by_name_and_by_the_marked_word(imported):
    assert _note(imported, "64").person == Person.objects.get(surname="Hirota")
    assert _note(imported, "65").person == Person.objects.get(surname="Litvinov")
    assert Person.objects.filter(surname="Hirota").count() == 1


def test_a_note_that_identifies_no_one_is_left_alone(imported):
    assert _note(imported, "66").person is None


def test_a_full_name_is_not_merged_into_a_different_person(db, tmp_path):
    Person.objects.create(name="Hugh R. Wilson", surname="Wilson", forenames="Hugh R.")
    text = DOC.replace("Capt. James M. McHugh", "Woodrow Wilson").replace(
        "Captain McHugh63", "Wilson63"
    )
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    call_command("import_seeds", str(path), "--no-authorities", verbosity=0)
    telegram = Telegram.objects.get(file_number="793.94/9999")
    person = _note(telegram, "63").person
    assert person.name == "Woodrow Wilson" and person.needs_review
    assert Person.objects.filter(surname="Wilson").count() == 2


def test_generalissimo_chiang_is_chiang_kai_shek(db, tmp_path):
    chiang = Person.objects.create(name="Chiang Kai-shek", surname="Chiang", forenames="Kai-shek")
    text = DOC.replace(
        "Captain McHugh63 called on Hirota64 yesterday.",
        "Captain McHugh63 called on Hirota64 yesterday. Chiang agreed, and then "
        "Generalissimo Chiang left.",
    )
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    call_command("import_seeds", str(path), "--no-authorities", verbosity=0)
    mention = PersonMention.objects.get(person=chiang, role="mentioned")
    assert mention.surface in {"Chiang", "Generalissimo Chiang"} and mention.occurrences == 2


def _import_body(tmp_path, sentence: str) -> Telegram:
    text = DOC.replace("Captain McHugh63 called on Hirota64 yesterday.", sentence)
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    call_command("import_seeds", str(path), "--no-authorities", verbosity=0)
    return Telegram.objects.get(file_number="793.94/9999")


def test_printed_initials_must_fit_the_one_person_of_that_surname(db, tmp_path):
    smith = Person.objects.create(
        name="Walter Bedell Smith", surname="Smith", forenames="Walter Bedell"
    )
    telegram = _import_body(
        tmp_path, "Captain McHugh63 and Mr. G. A. Smith called on Hirota64 yesterday."
    )
    assert not PersonMention.objects.filter(telegram=telegram, person=smith).exists()


def test_initials_that_fit_link_the_surname(db, tmp_path):
    smith = Person.objects.create(
        name="Walter Bedell Smith", surname="Smith", forenames="Walter Bedell"
    )
    telegram = _import_body(
        tmp_path, "Captain McHugh63 and Mr. W. B. Smith called on Hirota64 yesterday."
    )
    assert PersonMention.objects.filter(telegram=telegram, person=smith, role="mentioned")


def test_a_surname_two_people_bear_is_not_chosen_between(db, tmp_path):
    for forenames in ("Hugh R.", "Woodrow"):
        Person.objects.create(name=f"{forenames} Wilson", surname="Wilson", forenames=forenames)
    telegram = _import_body(tmp_path, "Captain McHugh63 and Wilson called on Hirota64 yesterday.")
    assert not PersonMention.objects.filter(telegram=telegram, person__surname="Wilson").exists()


def test_the_footnotes_are_read_where_the_document_is_parsed_without_any_record():
    from archive.pipeline.sources import Source, parse_source

    parsed, error = parse_source(Source("doc.txt", DOC.encode()))
    assert error is None
    read = {item.note.marker: item for item in parsed.identifications}
    assert sorted(read) == ["63", "64", "65"]  # "Not printed." identifies no one
    assert (read["63"].name.full, read["63"].printed) == ("James M. McHugh", "Captain McHugh")
    assert read["63"].identification.office == "Assistant Naval Attaché in China"
    # An office alone, glued to a name: the name is the word the marker is glued to.
    assert (read["65"].name.surname, read["65"].identification.name) == ("Litvinov", None)
