"""People the body names unmistakably: linked to a record or suggested for review."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from archive.history import script_user
from archive.merging import merge
from archive.models import Person, PersonMention, Telegram
from archive.text.person_forms import CHINESE, INITIALS, TITLE, find_printed_people

HEADING = """{number}: Telegram

The Ambassador in Brazil (Morgan) to the Secretary of State

Rio de Janeiro, May {day}, 1934—noon.
[Received May {day}—9 a.m.]

{body}

Morgan
"""


def _import(tmp_path, body: str, number: str = "832.00/1", day: int = 3, name: str = "a"):
    path = tmp_path / f"{name}.txt"
    path.write_text(HEADING.format(number=number, day=day, body=body), encoding="utf-8")
    call_command("import_seeds", str(path), "--no-authorities", verbosity=0)
    return Telegram.objects.get(file_number=number)


def _mentioned(telegram) -> set[str]:
    return set(
        PersonMention.objects.filter(telegram=telegram, role="mentioned").values_list(
            "person__name", flat=True
        )
    )


@pytest.mark.parametrize(
    ("text", "printed", "rule", "full", "title"),
    [
        ("We met Mr. H. B. Walker today.", "Mr. H. B. Walker", TITLE, "H. B. Walker", "Mr."),
        (
            "Rear Admiral J. G. Tawresey, United States Navy.",
            "Rear Admiral J. G. Tawresey",
            TITLE,
            "J. G. Tawresey",
            "Rear Admiral",
        ),
        (
            "by Third Secretary John S. Service.",
            "Third Secretary John S. Service",
            TITLE,
            "John S. Service",
            "Third Secretary",
        ),
        ("He saw President Vargas.", "President Vargas", TITLE, "Vargas", "President"),
        ("as H. H. Kung said", "H. H. Kung", INITIALS, "H. H. Kung", ""),
        ("a regime under Wang Ching-wei. Should", "Wang Ching-wei", CHINESE, "Wang Ching-wei", ""),
        ("both Chen Yi and Lin Sen", "Chen Yi", CHINESE, "Chen Yi", ""),
    ],
)
def test_forms_that_make_a_person(text, printed, rule, full, title):
    found = find_printed_people(text)
    assert found[0].printed == printed
    assert (found[0].rule, found[0].name.full, found[0].name.title) == (rule, full, title)


@pytest.mark.parametrize(
    "text",
    [
        "the U. S. S. Pensacola will call",
        "the U. S. Government replied",
        "a General Strike was called",  # an adjective title alone before one word
        "Generals Wavell and Brett held conferences",  # several people under one title
        "from the Franklin D. Roosevelt Library today",  # a body named after a person
        "the Han River rose",  # "River" is no Wade-Giles syllable
        "Avenol said so",  # a bare surname without a title stays in the queue
    ],
)
def test_forms_that_make_no_person(text):
    assert find_printed_people(text) == []


def test_suggested_person_from_the_body(db, tmp_path):
    telegram = _import(tmp_path, "120. Mr. H. B. Walker and Chen Yi called on President Vargas.")
    walker = Person.objects.get(name="H. B. Walker")
    assert walker.needs_review and (walker.surname, walker.forenames) == ("Walker", "H. B.")
    assert "“Mr. H. B. Walker”" in walker.description and "832.00/1" in walker.description
    assert walker.history.first().history_user == script_user()
    chen = Person.objects.get(name="Chen Yi")
    assert (chen.surname, chen.forenames) == ("Chen", "Yi")
    vargas = Person.objects.get(name="Vargas")
    assert vargas.aliases == ["President Vargas"] and vargas.forenames == ""
    assert {"H. B. Walker", "Chen Yi", "Vargas"} <= _mentioned(telegram)


def test_one_word_person_links_only_with_the_same_title(db, tmp_path):
    _import(tmp_path, "120. President Vargas left.", name="a")
    same = _import(tmp_path, "121. President Vargas returned.", number="832.00/2", name="b")
    bare = _import(tmp_path, "122. Vargas returned.", number="832.00/3", name="c")
    other = _import(tmp_path, "123. Dr. Vargas spoke.", number="832.00/4", name="d")
    president = Person.objects.get(aliases=["President Vargas"])
    assert PersonMention.objects.filter(telegram=same, person=president).exists()
    # A bare surname never reaches the one-word record; another title makes another.
    assert not PersonMention.objects.filter(telegram=bare, person=president).exists()
    doctor = Person.objects.get(aliases=["Dr. Vargas"])
    assert doctor != president
    assert _mentioned(other) == {"Vargas"}
    assert not PersonMention.objects.filter(telegram=other, person=president).exists()


def test_a_surname_two_people_bear_is_never_linked(db, tmp_path):
    Person.objects.create(name="Hugh R. Wilson", surname="Wilson", forenames="Hugh R.")
    Person.objects.create(name="Orme Wilson", surname="Wilson", forenames="Orme")
    telegram = _import(tmp_path, "120. Mr. Wilson called.")
    assert Person.objects.filter(surname="Wilson").count() == 2
    assert not PersonMention.objects.filter(telegram=telegram, person__surname="Wilson").exists()


def test_a_fuller_name_links_to_the_person_whose_forenames_agree(db, tmp_path):
    harold = Person.objects.create(
        name="Harold B. Walker", surname="Walker", forenames="Harold B."
    )
    telegram = _import(tmp_path, "120. Mr. H. B. Walker called, and Mr. T. Walker too.")
    assert PersonMention.objects.filter(telegram=telegram, person=harold).exists()
    assert Person.objects.filter(name="T. Walker", needs_review=True).exists()


def test_reimport_changes_nothing(db, tmp_path):
    _import(tmp_path, "120. President Vargas and Mr. H. B. Walker called.")
    before = set(Person.objects.values_list("pk", "name"))
    _import(tmp_path, "120. President Vargas and Mr. H. B. Walker called.")
    changed = _import(tmp_path, "120. President Vargas and Mr. H. B. Walker called again.")
    assert set(Person.objects.values_list("pk", "name")) == before
    assert {"Vargas", "H. B. Walker"} <= _mentioned(changed)


def test_merged_or_renamed_suggestions_are_not_made_again(db, tmp_path, admin_user):
    _import(tmp_path, "120. President Vargas and Mr. H. B. Walker called.")
    getulio = Person.objects.create(name="Getúlio Vargas", surname="Vargas", forenames="Getúlio")
    merge(getulio, [Person.objects.get(name="Vargas")], user=admin_user, reason="the same man")
    walker = Person.objects.get(name="H. B. Walker")
    walker.name, walker.forenames = "Harold B. Walker", "Harold B."
    walker.save()
    count = Person.objects.count()
    telegram = _import(tmp_path, "120. President Vargas and Mr. H. B. Walker called again.")
    assert Person.objects.count() == count
    assert {"Getúlio Vargas", "Harold B. Walker"} <= _mentioned(telegram)
