"""Parsing processes: they die with the import, and a crash stays with its document.

Parsing is pure Python and knows nothing of the database, so large runs
parse in worker processes beside the writing (see :mod:`.importer`).

**Workers die with their parent.** An import killed with SIGKILL runs no
clean-up, and its workers would otherwise live on, waiting for work that
never comes, holding memory and, having been forked, a copy of the parent's
database socket (on PostgreSQL the session, and with it the import lock,
then outlives the import). Each worker therefore asks the Linux kernel to
kill it when its parent dies (``prctl(PR_SET_PDEATHSIG)``), and also watches
its parent's id from a thread, leaving as soon as it has been handed to
another parent. The watchdog is the fallback where ``prctl`` does not exist
(macOS, BSD) or is refused (a seccomp filter), and it covers the moment
between the fork and the ``prctl`` call, when the parent may already be
gone.

**A crash stays with its document.** :func:`.sources.parse_source` turns
every exception into its document's failure, but a worker can still die
(the kernel's out-of-memory killer, a fault in the interpreter). Then the
documents the pool had not finished are parsed again, each in a process of
its own, so the one that kills its process is found, reported and skipped,
and the others are imported.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Collection, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice

from ..text import ParsedDocument
from .report import Outcome, describe_exception, failure
from .sources import Source, parse_source

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
WATCH_EVERY = 1.0  # seconds between the watchdog's looks at the parent

Parsed = tuple[Source, ParsedDocument | None, Outcome | None]

# The hashes of the texts the archive holds, given to each parsing process once
# when it starts (see parse_source): sent with every task, a set of a hundred
# thousand hashes would be pickled again for every 25 documents.
_known: Collection[str] = frozenset()


def start_worker(parent: int, known: Collection[str] = frozenset()) -> None:
    """Initializer of each parsing process: make it die when ``parent`` dies."""
    global _known
    _known = known
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the watchdog below still stands
    if os.getppid() != parent:  # the parent died before the kernel was asked
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), name="parent-watchdog", daemon=True).start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_EVERY)
    os._exit(1)


def worker_pool(jobs: int, known: Collection[str] = frozenset()) -> ProcessPoolExecutor:
    """A pool of ``jobs`` parsing processes that die with this one."""
    return ProcessPoolExecutor(jobs, initializer=start_worker, initargs=(os.getpid(), known))


def _parse(source: Source) -> tuple[ParsedDocument | None, Outcome | None]:
    """:func:`parse_source` in a parsing process, with the texts known when it started."""
    return parse_source(source, _known)


def parse_in_workers(
    sources: Iterable[Source], jobs: int, window: int, known: Collection[str] = frozenset()
) -> Iterator[Parsed]:
    """Parse ``sources`` in ``jobs`` processes; results in the order of the sources.

    Sources go to the pool a window at a time, so a large run never holds
    every file in memory, and two windows are in flight: the workers parse
    the next while the caller saves the current one. ``known``: the hashes of
    the texts the archive holds (see :func:`.sources.parse_source`).
    """
    iterator = iter(sources)
    while True:
        unfinished = yield from _pooled(iterator, jobs, window, known)
        if unfinished is None:
            return
        yield from _one_by_one(unfinished, known)


def _pooled(iterator: Iterator[Source], jobs: int, window: int, known: Collection[str]):
    """Parse until the sources run out (return None) or the pool fails (return the rest)."""
    with worker_pool(jobs, known) as pool:
        flight: deque = deque()
        while True:
            chunk = list(islice(iterator, window))
            if chunk:
                try:
                    flight.append((chunk, pool.map(_parse, chunk, chunksize=25)))
                except Exception:  # the pool broke: parse what is left one by one
                    return [s for done, _ in flight for s in done] + chunk
            if flight and (len(flight) > 1 or not chunk):
                done, results = flight.popleft()
                position = 0
                try:
                    for result in results:
                        yield (done[position], *result)
                        position += 1
                except Exception:  # a worker died, or a result could not be sent back
                    return done[position:] + [s for later, _ in flight for s in later]
            if not flight:
                return None


def _one_by_one(sources: list[Source], known: Collection[str]) -> Iterator[Parsed]:
    """Each source in a process of its own, so one that kills its process is found."""
    pool = None
    try:
        for source in sources:
            if pool is None:
                pool = worker_pool(1, known)
            try:
                parsed, error = pool.submit(_parse, source).result()
            except Exception as fault:  # the process died on this document
                pool.shutdown(wait=False, cancel_futures=True)
                pool = None
                parsed, error = (
                    None,
                    failure(
                        source.name,
                        f"{source.name}: the parsing process stopped on this document "
                        f"({describe_exception(fault)}); the other documents were parsed again",
                    ),
                )
            yield source, parsed, error
    finally:
        if pool is not None:
            pool.shutdown()
