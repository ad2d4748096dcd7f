"""One import run from sources to rows, and the steps that follow it.

The command line (``import_seeds``), the benchmark and the tests all import
through :func:`run`, so the steps after the documents are saved (the public
counts, reply threads resolved against the new documents) happen on every
path, once per run rather than once per document.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from .. import tallies
from ..import_lock import import_lock
from ..linking import threads
from .importer import Importer
from .report import Outcome
from .sources import Source

# Folders larger than this are parsed in worker processes beside the writing.
PARALLEL_FROM = 500


def default_jobs(paths: Iterable[str]) -> int:
    """One parsing process per core (at most 4) for large folders, none for small runs."""
    files = sum(
        1 for raw in paths if raw != "-" and Path(raw).is_dir() for _ in Path(raw).rglob("*.txt")
    )
    return min(os.cpu_count() or 1, 4) if files > PARALLEL_FROM else 1


def run(
    sources: Iterable[Source],
    *,
    jobs: int = 1,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Import ``sources``; return one outcome per source, in their order.

    ``on_outcome`` is told of each document as soon as its batch is saved
    (the command prints progress and errors with it). One import at a
    time per database (:mod:`archive.import_lock`): raises
    :class:`~archive.import_lock.ImportBusy` when another holds the lock.
    """
    with import_lock():
        importer = Importer(jobs=jobs)
        # The run's registry (every person, place, name and office: hundreds of
        # thousands of objects) lives as long as the run. Frozen, Python's cycle
        # collector no longer walks it again and again while each batch makes
        # and drops its own objects: that walking took a fifth of the writing
        # process's CPU on 10,000 documents (10.3 s, 8.2 s frozen). Thawed
        # when the run ends, whatever happens.
        gc.freeze()
        try:
            outcomes = []
            for outcome in importer.import_sources(sources):
                outcomes.append(outcome)
                if on_outcome is not None:
                    on_outcome(outcome)
            if any(o.outcome in ("created", "updated") for o in outcomes):
                tallies.refresh()
                threads.resolve(importer.serials - {""}, importer.user, days=importer.days)
        finally:
            gc.unfreeze()
    return outcomes
