"""The importer's bulk path: COPY with history, parallel parsing, names counted in batches.

On PostgreSQL these exercise ``archive.bulkload``'s COPY path; on SQLite the
same tests check that the library path it falls back to behaves the same.
"""

from __future__ import annotations

import json
import shutil
import uuid

import pytest
from django.core.management import CommandError, call_command
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from archive.bulkload import insert_rows, insert_with_history, update_with_history
from archive.history import script_user
from archive.linking import unmatched
from archive.linking.registry import EntityRegistry
from archive.models import (
    Annotation,
    Person,
    PersonMention,
    Telegram,
    TelegramReference,
    UnmatchedName,
)
from archive.pipeline.importer import Importer
from tests.conftest import CORPUS

pytestmark = pytest.mark.django_db

HISTORY_COLUMNS = ("history_type", "history_change_reason", "history_user_id")


def _telegram(identifier: str, **values) -> Telegram:
    heading = "The Minister in China to the Secretary of State"
    return Telegram(identifier=identifier, heading=heading, body="Text.", **values)


def _but(row: dict, skip: set[str]) -> dict:
    """A row's values but those that differ between two rows by nature (ids, clocks)."""
    return {name: value for name, value in row.items() if name not in skip}


def test_rows_and_history_as_the_library_writes_them():
    user = script_user()
    ours = [_telegram("ours-1", protected_fields=["body"]), _telegram("ours-2")]
    theirs = [_telegram("theirs-1", protected_fields=["body"]), _telegram("theirs-2")]
    insert_with_history(ours, Telegram, user=user, reason="import")
    bulk_create_with_history(theirs, Telegram, default_user=user, default_change_reason="import")

    assert all(t.pk for t in ours) and not ours[0]._state.adding
    skip = {"id", "identifier", "updated_at", "history_id", "history_date"}
    for mine, library in zip(ours, theirs, strict=True):
        row = Telegram.objects.filter(pk=mine.pk).values().get()
        expected = Telegram.objects.filter(pk=library.pk).values().get()
        assert _but(row, skip) == _but(expected, skip)
        assert row["updated_at"] is not None  # auto_now stamped as save() would
        history = Telegram.history.filter(id=mine.pk).values().get()
        library_history = Telegram.history.filter(id=library.pk).values().get()
        assert _but(history, skip) == _but(library_history, skip)
        assert history["history_type"] == "+"
        assert history["history_user_id"] == user.pk
    assert Telegram.objects.get(pk=ours[0].pk).protected_fields == ["body"]


def test_changes_and_their_history_as_the_library_writes_them():
    user = script_user()
    source, target, other = (_telegram(f"doc-{n}") for n in range(3))
    insert_with_history([source, target, other], Telegram, user=user, reason="import")
    refs = [
        TelegramReference.objects.create(source=source, quote=f"your {n}", serial=str(n))
        for n in range(4)
    ]
    ours, theirs = refs[:2], refs[2:]
    for pair in (ours, theirs):
        pair[0].target, pair[1].target = target, other
        pair[0].serial = "999"  # changed, but not among the fields written
    update_with_history(ours, TelegramReference, ["target"], user=user, reason="link")
    bulk_update_with_history(
        theirs, TelegramReference, ["target"], default_user=user, default_change_reason="link"
    )

    skip = {"id", "quote", "serial", "history_id", "history_date"}
    for mine, library in zip(ours, theirs, strict=True):
        row = TelegramReference.objects.filter(pk=mine.pk).values().get()
        expected = TelegramReference.objects.filter(pk=library.pk).values().get()
        assert _but(row, skip) == _but(expected, skip)
        assert row["serial"] != "999"
        history = TelegramReference.history.filter(id=mine.pk, history_type="~").values().get()
        library_history = (
            TelegramReference.history.filter(id=library.pk, history_type="~").values().get()
        )
        assert _but(history, skip) == _but(library_history, skip)
        assert history["history_change_reason"] == "link"
        assert history["history_user_id"] == user.pk
    assert [r.target_id for r in TelegramReference.objects.filter(pk__in=[r.pk for r in ours])
            .order_by("pk")] == [target.pk, other.pk]  # fmt: skip


def test_rows_given_as_values_take_defaults_ids_and_history():
    user = script_user()
    telegram = _telegram("with-children")
    insert_with_history([telegram], Telegram, user=user, reason="import")
    person = Person.objects.create(name="Maxim Litvinov", surname="Litvinov")
    insert_rows(
        [
            {"telegram_id": telegram.pk, "kind": "sic", "quote": "a", "start": 0, "end": 1},
            {"telegram_id": telegram.pk, "kind": "sic", "quote": "b", "start": 2, "end": 3},
        ],
        Annotation,
        user=user,
        reason="import",
    )
    insert_rows(
        [{"telegram_id": telegram.pk, "person_id": person.pk, "role": "mentioned",
          "surface": "Litvinov", "occurrences": 2}],
        PersonMention, user=user, reason="import",
    )  # fmt: skip

    notes = list(telegram.annotations.order_by("start"))
    assert [a.quote for a in notes] == ["a", "b"]
    assert len({a.key for a in notes}) == 2 and all(isinstance(a.key, uuid.UUID) for a in notes)
    assert all(a.created_at and a.updated_at and a.is_public for a in notes)
    assert all(a.anchor_status == "anchored" and a.version == 1 for a in notes)
    mention = PersonMention.objects.get(telegram=telegram)
    assert (mention.status, mention.occurrences, mention.uncertain) == ("suggested", 2, False)
    for model, count in ((Annotation, 2), (PersonMention, 1)):
        rows = model.history.filter(telegram_id=telegram.pk)
        assert rows.count() == count
        assert set(rows.values_list(*HISTORY_COLUMNS)) == {("+", "import", user.pk)}
    # The history rows carry the same values as the rows themselves.
    assert set(Annotation.history.values_list("id", "key")) == {(a.pk, a.key) for a in notes}


def test_ids_come_from_the_tables_sequence_so_later_saves_follow_on():
    user = script_user()
    batch = [_telegram(f"seq-{i}") for i in range(3)]
    insert_with_history(batch, Telegram, user=user, reason="import")
    later = _telegram("seq-later")
    later.save()
    assert later.pk > max(t.pk for t in batch)


def _snapshot() -> dict:
    return {
        t.identifier: (
            t.source_file.rsplit("/", 1)[-1],
            t.sender_id,
            sorted(t.personmention_set.values_list("person__name", "role", "occurrences")),
            sorted(t.placemention_set.values_list("place__name", "role")),
            t.footnotes.count(),
            t.annotations.count(),
            sorted(t.references.values_list("quote", "target__identifier")),
        )
        for t in Telegram.objects.all()
    }


def test_parallel_parsing_gives_the_same_archive_in_the_same_order(tmp_path, monkeypatch):
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder, ignore=shutil.ignore_patterns("*.json"))
    (folder / "docs" / "zz_broken.txt").write_text("Not a FRUS document.\n", encoding="utf-8")
    # A person first met in a heading during the run, then named in a later body:
    # the name is found where the document is saved, whichever process parsed it.
    (folder / "docs" / "000a_new_person.txt").write_text(
        "124.93/1: Telegram\n\nThe Minister in Ruritania (Quimby) to the Secretary of State\n\n"
        "Strelsau, May 1, 1930—noon.\n\n12. Nothing further to report.\n\nQuimby\n",
        encoding="utf-8",
    )
    (folder / "docs" / "000b_names_him.txt").write_text(
        "124.93/2: Telegram\n\nThe Secretary of State to the Minister in Ruritania (Quimby)\n\n"
        "Washington, May 2, 1930—6 p.m.\n\n7. Your 12. Ask Quimby to wait.\n\nStimson\n",
        encoding="utf-8",
    )
    files = sorted(p.name for p in folder.rglob("*.txt"))

    monkeypatch.setattr(Importer, "WINDOW", 4)  # many windows in flight over 45 files
    monkeypatch.setattr(Importer, "BATCH", 7)
    with pytest.raises(CommandError):  # the broken file makes the run exit 1
        call_command("import_seeds", str(folder), verbosity=0, jobs=2,
                     report=str(tmp_path / "parallel.json"))  # fmt: skip
    parallel_report = json.loads((tmp_path / "parallel.json").read_text())
    parallel = _snapshot()
    parallel_names = _unmatched()
    quimby = Telegram.objects.get(file_number="124.93/2")
    assert quimby.personmention_set.filter(person__surname="Quimby", role="mentioned").exists()

    Telegram.objects.all().delete()
    UnmatchedName.objects.all().delete()
    with pytest.raises(CommandError):
        call_command("import_seeds", str(folder), verbosity=0, jobs=1,
                     report=str(tmp_path / "serial.json"))  # fmt: skip
    serial_report = json.loads((tmp_path / "serial.json").read_text())

    sources = [d["source"].rsplit("/", 1)[-1] for d in parallel_report["documents"]]
    assert sources == files
    assert [d["outcome"] for d in parallel_report["documents"]].count("failed") == 1
    assert [d["source"] for d in serial_report["documents"]] == [
        d["source"] for d in parallel_report["documents"]
    ]
    assert parallel == _snapshot()
    assert len(parallel) == len(files) - 1
    quimby = Telegram.objects.get(file_number="124.93/2")
    assert quimby.personmention_set.filter(role="mentioned", surface="Quimby").exists()
    assert parallel_names and parallel_names == _unmatched()

    # Again in parallel: the parsing processes know these texts and skip the
    # names; nothing changes.
    with pytest.raises(CommandError):
        call_command("import_seeds", str(folder), verbosity=0, jobs=2,
                     report=str(tmp_path / "again.json"))  # fmt: skip
    again = json.loads((tmp_path / "again.json").read_text())["summary"]
    assert again == {"created": 0, "updated": 0, "unchanged": len(files) - 1, "failed": 1}
    assert parallel == _snapshot() and parallel_names == _unmatched()


def _unmatched() -> dict:
    return {u.name: (u.occurrences, u.documents, u.examples) for u in UnmatchedName.objects.all()}


def test_unmatched_names_counted_across_batches_equal_a_full_count(tmp_path, monkeypatch):
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder, ignore=shutil.ignore_patterns("*.json"))
    monkeypatch.setattr(Importer, "BATCH", 5)
    monkeypatch.setattr(Importer, "NAMES_EVERY", 12)  # written several times, and at the end
    call_command("import_seeds", str(folder), verbosity=0)
    written = {
        u.name: (u.occurrences, u.documents) for u in UnmatchedName.objects.filter(ignored=False)
    }

    unmatched.rebuild(EntityRegistry())
    recounted = {
        u.name: (u.occurrences, u.documents) for u in UnmatchedName.objects.filter(ignored=False)
    }
    assert written and written == recounted


def test_references_linked_after_the_run_are_in_their_history(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder, ignore=shutil.ignore_patterns("*.json"))
    call_command("import_seeds", str(folder), verbosity=0)
    linked = TelegramReference.objects.exclude(target=None)
    assert linked.exists()
    user = script_user()
    for reference in linked:
        last = reference.history.order_by("-history_id").first()
        assert (last.target_id, last.history_change_reason, last.history_user_id) == (
            reference.target_id,
            "link",
            user.pk,
        )
