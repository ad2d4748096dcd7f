"""A full dump and load: ``export_archive DIR`` then ``import_archive DIR`` (issue 12, item 9).

The archive is built with every kind of row editors care about (small
builders plus a few corpus documents), dumped to a folder, the database
emptied with ``flush``, the dump loaded, and every field of every row
compared by natural key (the auto ``updated_at`` stamps and the derived
search vector excepted: the load rebuilds them).
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from datetime import UTC, date, datetime

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from archive import merging, search, tallies, unmerging
from archive.models import (
    Annotation,
    CountryCode,
    Footnote,
    Merge,
    OfficeHolding,
    Person,
    PersonMention,
    Place,
    PlaceMention,
    QualityAcceptance,
    Telegram,
    TelegramReference,
    UnmatchedName,
)
from tests.conftest import CORPUS, module_archive

pytestmark = pytest.mark.django_db

User = get_user_model()

# Every table of the dump, with the columns that make a row's natural key.
NATURAL_KEYS = {
    Place: ["authority_key"],
    CountryCode: ["code"],
    Person: ["authority_key"],
    OfficeHolding: ["person", "office", "start"],
    Telegram: ["identifier"],
    Footnote: ["telegram", "order"],
    Annotation: ["key"],
    PersonMention: ["telegram", "person", "role"],
    PlaceMention: ["telegram", "place", "role"],
    TelegramReference: ["source", "quote"],
    UnmatchedName: ["name"],
    QualityAcceptance: ["check_name", "key"],
    Merge: ["kind", "absorbed_key", "created_at"],
}
# Written by the database at every save, or derived: the load makes them anew.
NOT_COMPARED = {"updated_at", "search_vector"}
# Texts a spreadsheet would run as formulae, and one that already starts with an apostrophe.
TRICKY = ["=SUM(A1:A9) is the editor's note", "+1 more", "-- a dash", "@someone", "'quoted"]


def natural(value) -> object:
    """A linked row by its natural key, so rows compare across databases."""
    if isinstance(value, (Person, Place)):
        return value.authority_key
    if isinstance(value, Telegram):
        return value.identifier
    if isinstance(value, User):
        return value.username
    return value


def every_row() -> dict:
    """Every row of every dumped table, keyed by natural key, every field compared."""
    state = {}
    for model, key in NATURAL_KEYS.items():
        rows = {}
        for row in model.objects.all():
            values = {}
            for field in model._meta.concrete_fields:
                if field.name in NOT_COMPARED:
                    continue
                values[field.name] = natural(getattr(row, field.name))
            rows[tuple(str(values[k]) for k in key)] = values
        state[model.__name__] = rows
    return state


def corpus_documents(folder, count: int = 5):
    """A few corpus documents that cite each other (reply threads)."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted((CORPUS / "docs").glob("*.txt"))[11 : 11 + count]:
        shutil.copy(path, folder)
    return folder


@pytest.fixture(scope="module")
def _module_full_archive(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the module (tests/conftest.py): each test gets its own savepoint."""
    yield from module_archive(
        "full_archive", django_db_blocker, lambda: build_full_archive(tmp_path_factory)
    )


@pytest.fixture
def full_archive(_module_full_archive, db):
    """An archive with every kind of row, including an editor's work on each.

    The editor and the telegram are read afresh for each test.
    """
    return {
        "editor": User.objects.get(pk=_module_full_archive["editor"]),
        "telegram": Telegram.objects.get(pk=_module_full_archive["telegram"]),
    }


def build_full_archive(tmp_path_factory) -> dict[str, int]:
    """Every kind of row, an editor's work on each; the editor's and telegram's ids."""
    call_command("import_seeds", verbosity=0)
    docs = corpus_documents(tmp_path_factory.mktemp("full_archive") / "docs_in", 5)
    call_command("import_seeds", str(docs), verbosity=0)
    assert TelegramReference.objects.exists() and Footnote.objects.exists()
    editor = User.objects.create_user("ed", password="pw-123-secret-xyz", is_staff=True)
    telegram = Telegram.objects.filter(footnotes__isnull=False).first()
    other = Telegram.objects.exclude(pk=telegram.pk).first()

    telegram.notes = TRICKY[0]
    telegram.signature = "Loy W. Henderson"
    telegram.protect(["signature", "notes"])
    telegram.save()
    footnote = telegram.footnotes.first()
    footnote.text = f"{TRICKY[1]}: {footnote.text}"
    footnote.protect(["text"])
    footnote.save()
    quote = telegram.body.split()[3]
    Annotation.objects.create(
        telegram=telegram,
        kind="note",
        quote=quote,
        text=TRICKY[2],
        author=editor,
        target=other,
        person=Person.objects.get(authority_key="litvinov-maxim"),
    )
    mention = PersonMention.objects.filter(telegram__in=[telegram, other]).first()
    mention.status = "rejected"
    mention.notes = TRICKY[3]
    mention.save()
    TelegramReference.objects.create(
        source=other,
        target=telegram,
        kind="replies_to",
        quote="your 999 of today",
        whose="your",
        serial="999",
        status="confirmed",
        notes=TRICKY[4],
    )
    UnmatchedName.objects.create(
        name="Narkomindel", occurrences=3, documents=2, examples=[{"identifier": "x"}]
    )
    UnmatchedName.objects.filter(name="Narkomindel").update(ignored=True)
    QualityAcceptance.objects.create(
        check_name="no_date", key=telegram.identifier, user=editor, note="Undated as printed."
    )
    place = Place.objects.exclude(parent=None).first()
    place.latitude, place.longitude = -34.603333, -58.381667
    place.save()

    twin = Person.objects.create(name="M. Litvinoff", authority_key="litvinoff-twin")
    PersonMention.objects.create(
        telegram=other, person=twin, role="mentioned", surface="Litvinoff"
    )
    OfficeHolding.objects.create(
        person=twin, office="Commissar", start=date(1930, 7, 21), end=date(1939, 5, 3)
    )
    # A POCOM holding whose end an editor corrected: import_offices must find it
    # again by its id after a load, and keep the correction.
    holding = OfficeHolding.objects.create(
        person=Person.objects.get(authority_key="litvinov-maxim"),
        office="Ambassador in the United States",
        start=date(1941, 11, 7),
        end=date(1943, 8, 22),
        pocom_id="ru-1941-litv-01",
    )
    holding.end = date(1943, 8, 21)
    holding.protect(["end"])
    holding.save()
    merging.merge(
        Person.objects.get(authority_key="litvinov-maxim"), [twin], user=editor, reason="Same man."
    )
    tallies.refresh()  # the builders above saved mentions past the admin's recounts
    return {"editor": editor.pk, "telegram": telegram.pk}


def empty_the_database() -> None:
    """Every row of every table gone, accounts included, as in a new installation."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    assert not Telegram.objects.exists() and not User.objects.exists()


def found(word: str) -> set[str]:
    return set(search.search(Telegram.objects.all(), word).values_list("identifier", flat=True))


def longest_word(text: str) -> str:
    return max(re.findall(r"[A-Za-z]{4,}", text), key=len)


def words_to_search() -> list[str]:
    """A word of each kind of text search covers: heading, body, footnote, name."""
    telegram = Telegram.objects.filter(footnotes__isnull=False).first()
    footnote = Footnote.objects.first()
    return [
        longest_word(telegram.heading),
        longest_word(telegram.body),
        longest_word(footnote.text),
        "Litvinov",
    ]


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_dump_and_load_into_an_empty_database_gives_back_every_row(full_archive, tmp_path, fmt):
    words = words_to_search()
    searched = {word: found(word) for word in words}
    assert all(searched.values())
    before = every_row()
    ids = {
        model.__name__: set(model.objects.values_list("pk", flat=True)) for model in NATURAL_KEYS
    }
    call_command("export_archive", str(tmp_path / "dump"), format=fmt, verbosity=0)

    empty_the_database()
    call_command("import_archive", str(tmp_path / "dump"), verbosity=0)

    after = every_row()
    for table, rows in before.items():
        assert after[table].keys() == rows.keys(), table
        for key, row in rows.items():
            differing = {
                name: (value, after[table][key][name])
                for name, value in row.items()
                if after[table][key][name] != value
            }
            assert not differing, (table, key, differing)
    # Loaded into an empty database, every row keeps its id: public addresses
    # of people and places, merge redirects and the undo record still hold.
    for model in NATURAL_KEYS:
        assert set(model.objects.values_list("pk", flat=True)) == ids[model.__name__]
    assert {word: found(word) for word in words} == searched
    assert tallies.drifted() == []


def test_annotation_authors_come_back_as_inactive_accounts(full_archive, tmp_path):
    call_command("export_archive", str(tmp_path / "dump"), verbosity=0)
    empty_the_database()
    call_command("import_archive", str(tmp_path / "dump"), verbosity=0)

    annotation = Annotation.objects.get(author__isnull=False)
    assert annotation.author.username == "ed"
    assert not annotation.author.is_active and not annotation.author.has_usable_password()
    assert QualityAcceptance.objects.get().user == annotation.author
    assert Merge.objects.get().user == annotation.author


def test_authors_can_be_given_to_a_named_account(full_archive, tmp_path):
    call_command("export_archive", str(tmp_path / "dump"), verbosity=0)
    empty_the_database()
    curator = User.objects.create_user("curator", password="pw-123-secret-xyz")
    call_command("import_archive", str(tmp_path / "dump"), authors="curator", verbosity=0)

    assert Annotation.objects.get(author__isnull=False).author == curator
    assert Merge.objects.get().user == curator
    assert not User.objects.filter(username="ed").exists()


def test_a_named_account_that_does_not_exist_stops_the_load(full_archive, tmp_path):
    call_command("export_archive", str(tmp_path / "dump"), verbosity=0)
    empty_the_database()
    with pytest.raises(CommandError, match="nobody"):
        call_command("import_archive", str(tmp_path / "dump"), authors="nobody", verbosity=0)
    assert not Telegram.objects.exists()


def test_a_merged_record_still_redirects_and_the_merge_can_be_undone_after_a_load(
    full_archive, tmp_path, client
):
    merge = Merge.objects.get()
    call_command("export_archive", str(tmp_path / "dump"), verbosity=0)
    empty_the_database()
    call_command("import_archive", str(tmp_path / "dump"), verbosity=0)

    merge = Merge.objects.get()
    assert Merge.resolve("person", merge.absorbed_id) == merge.kept_id
    assert unmerging.refusal(merge) == ""
    unmerging.undo(merge, user=User.objects.get(username="ed"))
    twin = Person.objects.get(authority_key="litvinoff-twin")
    assert twin.pk == merge.absorbed_id
    assert twin.offices.get().office == "Commissar"
    # A record made after the load never takes an absorbed record's id.
    Merge.objects.all().delete()
    twin.delete()
    assert Person.objects.create(name="Someone new").pk > merge.absorbed_id


def test_the_dump_says_what_it_holds(full_archive, tmp_path):
    call_command("export_archive", str(tmp_path / "dump"), format="json", verbosity=0)
    manifest = json.loads((tmp_path / "dump" / "manifest.json").read_text())
    assert manifest["format"] == "json"
    assert manifest["tables"]["telegrams"] == Telegram.objects.count()
    assert manifest["tables"]["references"] == TelegramReference.objects.count()
    for table in manifest["tables"]:
        assert (tmp_path / "dump" / f"{table}.json").is_file()


def test_formulae_are_neutralised_in_the_csv_dump_and_restored_on_load(full_archive, tmp_path):
    call_command("export_archive", str(tmp_path / "dump"), format="csv", verbosity=0)
    text = (tmp_path / "dump" / "telegrams.csv").read_text(encoding="utf-8")
    assert "'" + TRICKY[0] in text  # a spreadsheet opening the dump shows text, runs nothing
    empty_the_database()
    call_command("import_archive", str(tmp_path / "dump"), verbosity=0)
    assert Telegram.objects.get(notes=TRICKY[0])
    assert Footnote.objects.get(text__startswith=TRICKY[1])
    assert Annotation.objects.get(text=TRICKY[2])
    assert PersonMention.objects.get(notes=TRICKY[3])
    assert TelegramReference.objects.get(notes=TRICKY[4])


def test_a_bad_row_names_the_file_and_line_and_loads_nothing(full_archive, tmp_path):
    call_command("export_archive", str(tmp_path / "dump"), format="csv", verbosity=0)
    path = tmp_path / "dump" / "footnotes.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[1][rows[0].index("telegram")] = "no-such-document"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    empty_the_database()

    with pytest.raises(CommandError) as error:
        call_command("import_archive", str(tmp_path / "dump"), verbosity=0)
    assert f"{path}, line 2: " in str(error.value)
    assert not Telegram.objects.exists() and not Person.objects.exists()


def test_a_folder_without_a_dump_is_refused(tmp_path, db):
    with pytest.raises(CommandError, match=r"manifest\.json"):
        call_command("import_archive", str(tmp_path), verbosity=0)


def test_loading_into_an_archive_with_rows_keeps_what_editors_protected(full_archive, tmp_path):
    telegram = full_archive["telegram"]
    call_command("export_archive", str(tmp_path / "dump"), verbosity=0)
    ids = dict(Telegram.objects.values_list("identifier", "pk"))

    # The target archive: an editor corrected a heading there; a script changed
    # an unprotected field; an editor decided a mention the dump leaves suggested.
    telegram.refresh_from_db()
    telegram.heading = "Corrected by an editor"
    telegram.protect(["heading"])
    telegram.dateline = "changed by a script"
    telegram.save()
    suggested = PersonMention.objects.filter(status="suggested").first()
    PersonMention.objects.filter(pk=suggested.pk).update(status="confirmed")
    annotations = Annotation.objects.count()
    Annotation.objects.all().delete()

    call_command("import_archive", str(tmp_path / "dump"), verbosity=0)

    telegram.refresh_from_db()
    assert telegram.heading == "Corrected by an editor"  # protected: kept
    assert telegram.dateline != "changed by a script"  # not protected: the dump's value
    assert PersonMention.objects.get(pk=suggested.pk).status == "confirmed"
    assert Annotation.objects.count() == annotations  # the dump's annotations come back
    assert dict(Telegram.objects.values_list("identifier", "pk")) == ids  # matched, not added
    assert Merge.objects.count() == 1


def test_iso_datetimes_keep_microseconds_and_the_offset(full_archive, tmp_path):
    stamp = datetime(1934, 3, 5, 10, 11, 12, 131415, tzinfo=UTC)
    Telegram.objects.filter(pk=full_archive["telegram"].pk).update(imported_at=stamp)
    call_command("export_archive", str(tmp_path / "dump"), verbosity=0)
    empty_the_database()
    call_command("import_archive", str(tmp_path / "dump"), verbosity=0)
    assert Telegram.objects.get(imported_at=stamp)


def test_every_table_with_editors_work_is_dumped():
    """A new model that editors change must be added to the dump (archive.dump)."""
    from archive.dump.tables import TABLES

    dumped = {table.resource._meta.model for table in TABLES}
    skipped = {"SearchEntry"}
    archive_models = {
        model
        for model in apps.get_app_config("archive").get_models()
        if not model.__name__.startswith("Historical") and model.__name__ not in skipped
    }
    assert archive_models == dumped == set(NATURAL_KEYS)
