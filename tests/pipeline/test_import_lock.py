"""One import at a time per database (issue 12, item 7).

Two imports started together on a fresh database collided on the authority
lists (duplicate key), two imports of different folders created one person
twice, and reply threads were resolved while another run committed. The
second import is now refused at once; so is an admin spreadsheet import
while the command runs. "Another run" is a thread holding the lock through
its own database connection (on PostgreSQL a session of its own).
"""

from __future__ import annotations

import io
import json
import threading
from contextlib import contextmanager

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.urls import reverse

from archive import import_lock
from archive.history import script_user
from archive.import_lock import ImportBusy
from archive.linking import threads
from archive.models import Person, Telegram, TelegramReference
from tests.conftest import SEED_000

pytestmark = pytest.mark.django_db


@contextmanager
def another_import():
    """Hold the import lock in another thread, as a second run would, until the block ends."""
    holding, done = threading.Event(), threading.Event()
    failure: list[BaseException] = []

    def hold() -> None:
        try:
            with import_lock.import_lock():
                holding.set()
                done.wait(60)
        except BaseException as error:
            failure.append(error)
            holding.set()
        finally:
            connections.close_all()

    thread = threading.Thread(target=hold)
    thread.start()
    holding.wait(60)
    try:
        assert not failure, failure
        yield
    finally:
        done.set()
        thread.join(60)


def test_a_second_import_is_refused_while_one_runs(tmp_path):
    report = tmp_path / "report.json"
    with another_import(), pytest.raises(CommandError) as refused:
        call_command(
            "import_seeds", str(SEED_000), report=str(report),
            stdout=io.StringIO(), stderr=io.StringIO(),
        )  # fmt: skip
    assert refused.value.returncode == 3
    assert "another import is running on this database" in str(refused.value)
    assert "nothing was imported" in str(refused.value)
    assert Telegram.objects.count() == 0 and Person.objects.count() == 0
    written = json.loads(report.read_text(encoding="utf-8"))
    assert written["stopped"].startswith("another import is running")
    assert written["documents"] == []
    # Once the other run is over, the import goes ahead.
    call_command("import_seeds", str(SEED_000), verbosity=0)
    assert Telegram.objects.count() == 1


def test_postgresql_names_the_session_holding_the_lock():
    if connection.vendor != "postgresql":
        pytest.skip("advisory locks are PostgreSQL's")
    with (
        another_import(),
        pytest.raises(ImportBusy, match=r"PostgreSQL session \d+"),
        import_lock.import_lock(),
    ):
        pass


def test_the_lock_is_reentrant_in_one_thread_and_released_after():
    with import_lock.import_lock(), import_lock.import_lock():
        pass
    with another_import():
        pass  # another thread could take it: it was released


def test_a_file_lock_refuses_a_second_holder_and_names_the_first(tmp_path):
    """The SQLite lock, tested on its own file whatever the test database is."""
    path = str(tmp_path / "db.sqlite3.import-lock")
    release = import_lock._acquire_file(path)
    with pytest.raises(ImportBusy, match=r"another import is running .*\(process \d+ on "):
        import_lock._acquire_file(path)
    release()
    import_lock._acquire_file(path)()


def test_an_admin_import_is_refused_while_an_import_runs(admin_client):
    upload = io.BytesIO(b"authority_key,name,surname\nquimby-q,Q. Quimby,Quimby\n")
    upload.name = "person.csv"
    with another_import():
        response = admin_client.post(
            reverse("admin:archive_person_import"),
            {"format": "0", "import_file": upload, "resource": "0"},
            follow=True,
        )
    assert "another import is running on this database" in response.content.decode().lower()
    assert not Person.objects.filter(authority_key="quimby-q").exists()


def test_references_committed_while_threads_resolve_reads_them_do_not_crash_it():
    """Another writer commits documents and references between resolve's reads.

    resolve read the pending references and their source documents in two
    queries; a reference committed in between had no source, and the run
    crashed with a KeyError after its documents were saved.
    """
    Telegram.objects.create(
        identifier="cited", heading="The Minister in Ruritania to the Secretary of State",
        body="Text.", serial_number="77",
    )  # fmt: skip
    # Either read of resolve's: the references pending, or the documents they can mean.
    tables = (f'FROM "{Telegram._meta.db_table}"', f'FROM "{TelegramReference._meta.db_table}"')
    state = {"writing": False, "added": 0}

    def another_writer(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if any(t in sql for t in tables) and not state["writing"] and state["added"] < 2:
            state["writing"] = True
            try:
                state["added"] += 1
                source = Telegram.objects.create(
                    identifier=f"citing-{state['added']}",
                    heading="The Secretary of State to the Minister in Ruritania",
                    body="Your 77.",
                )
                TelegramReference.objects.create(
                    source=source, quote="Your 77", whose="your", serial="77"
                )
            finally:
                state["writing"] = False
        return result

    with connection.execute_wrapper(another_writer):
        threads.resolve({"77"}, script_user())
    assert state["added"] >= 1
