"""One import at a time per database.

Two imports writing the same tables at once were found to trip over each
other: both loading the authority lists into an empty database (a duplicate
key), both creating the same new person from two folders, one reading
references the other had just committed. Making every step safe against
a concurrent run would need a lock at every one of them; one lock around the
whole run is simpler and plainly correct. The command line import
(``import_seeds``) and the admin's spreadsheet imports take it; whoever comes
second is refused at once with a message naming the holder, never queued
behind a run that may last an hour.

The lock must vanish with the process that holds it, even one killed with
SIGKILL, or a crashed import would block every later one:

- PostgreSQL: a session advisory lock (``pg_try_advisory_lock``), released by
  the server when the session ends. It is not transactional, so a dry run
  that rolls back keeps it until the run is over.
- SQLite: ``flock`` on a file beside the database file
  (``<database>.import-lock``), released by the kernel when the process
  dies. Only processes on one machine share an SQLite file, so an OS lock
  is enough. An in-memory database (the tests') is private to its process:
  a lock in the process stands in for the file.

The lock is re-entrant within a thread: the command holds it around the
authority lists and the documents, and :func:`archive.pipeline.run.run`
(which the benchmark and tests call directly) asks again and is let through.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connections
from django.utils import timezone

# A fixed 64-bit key for pg_advisory_lock, derived from a name so that it is
# unlikely to collide with another application's advisory locks.
PG_KEY = int.from_bytes(hashlib.sha256(b"archive.import").digest()[:8], "big", signed=True)


class ImportBusy(Exception):
    """Another import holds this database's import lock; nothing was done."""


_local = threading.local()
_memory_locks: dict[str, threading.Lock] = {}
_memory_guard = threading.Lock()


@contextmanager
def import_lock(using: str = "default") -> Iterator[None]:
    """Hold the import lock of database ``using``; raise :class:`ImportBusy` if taken."""
    depth: dict[str, int] = _local.__dict__.setdefault("depth", {})
    if depth.get(using):
        depth[using] += 1
        try:
            yield
        finally:
            depth[using] -= 1
        return
    release = _acquire(using)
    depth[using] = 1
    try:
        yield
    finally:
        del depth[using]
        release()


def _acquire(using: str) -> Callable[[], None]:
    connection = connections[using]
    if connection.vendor == "postgresql":
        return _acquire_postgresql(connection)
    if connection.vendor == "sqlite":
        if connection.is_in_memory_db():
            return _acquire_in_process(str(connection.settings_dict["NAME"]))
        return _acquire_file(f"{connection.settings_dict['NAME']}.import-lock")
    raise ImproperlyConfigured(f"imports need PostgreSQL or SQLite, not {connection.vendor}")


def _acquire_postgresql(connection) -> Callable[[], None]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [PG_KEY])
        if not cursor.fetchone()[0]:
            raise ImportBusy(_busy(_postgresql_holder(cursor)))

    def release() -> None:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [PG_KEY])
        except DatabaseError:
            pass  # the session is gone, and the server released the lock with it

    return release


def _postgresql_holder(cursor) -> str:
    """Which session holds the lock, for the message; empty if it cannot be told."""
    # A bigint advisory key is shown in pg_locks as classid (high half) and objid.
    high, low = (PG_KEY >> 32) & 0xFFFFFFFF, PG_KEY & 0xFFFFFFFF
    try:
        cursor.execute(
            "SELECT a.pid, a.backend_start FROM pg_locks l JOIN pg_stat_activity a "
            "ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted "
            "AND l.classid = %s AND l.objid = %s AND l.objsubid = 1 "
            "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            [high, low],
        )
        row = cursor.fetchone()
    except DatabaseError:
        return ""
    if row is None:
        return ""
    started = timezone.localtime(row[1]).strftime("%Y-%m-%d %H:%M")
    return f"PostgreSQL session {row[0]}, connected since {started}"


def _acquire_file(path: str) -> Callable[[], None]:
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(descriptor, 200, 0).decode("utf-8", "replace").strip()
        os.close(descriptor)
        raise ImportBusy(_busy(holder)) from None
    except BaseException:
        os.close(descriptor)
        raise
    # Who holds it, for the message another run shows; the lock is the flock.
    started = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    holder = f"process {os.getpid()} on {socket.gethostname()}, since {started}"
    os.ftruncate(descriptor, 0)
    os.pwrite(descriptor, holder.encode(), 0)

    def release() -> None:
        os.ftruncate(descriptor, 0)
        fcntl.flock(descriptor, fcntl.LOCK_UN)
        os.close(descriptor)

    return release


def _acquire_in_process(name: str) -> Callable[[], None]:
    with _memory_guard:
        lock = _memory_locks.setdefault(name, threading.Lock())
    if not lock.acquire(blocking=False):
        raise ImportBusy(_busy("another thread of this process"))
    return lock.release


def _busy(holder: str) -> str:
    held_by = f" ({holder})" if holder else ""
    return (
        f"another import is running on this database{held_by}; nothing was imported. "
        "Run this one again when it has finished."
    )
