"""Import FRUS documents into the archive.

With no PATH, imports the project's seeds/ folder. A PATH is a file, a
folder (every *.txt below it, in name order) or - for standard input. The
authority lists in seeds/authorities/ are loaded first. Documents are
written in batches of 250, each batch in one transaction; a batch that fails
is written again document by document, each in its own transaction, so a
bad document is reported with its file and line, leaves no rows, and the
others import. A path that cannot be read (a FIFO, a device, a folder
without permission, a link to nothing or a loop of links) is named and
skipped, and counts as failed. One import at a time per database.
Exit status: 0 when every document imported, 1 when any failed (or the run
stopped), 2 for a usage error, 3 when another import is running (nothing
was done).

FRUS volume and document ids (archive.frus) come from a file name of the
form ``…<volume>_<docid>.txt`` (``022_frus1931-41v02_d23.txt``), from a
sidecar ``<name>.json`` beside ``<name>.txt`` holding
``{"volume": "frus1931-41v02", "document": "d23"}``, or for a single file
(or standard input) from ``--volume`` and ``--document``, which win over both.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from archive import frus
from archive.authorities import AuthorityError, load_authorities
from archive.import_lock import ImportBusy, import_lock
from archive.pipeline.paths import display_name
from archive.pipeline.report import Outcome, describe_exception
from archive.pipeline.run import default_jobs, run
from archive.pipeline.sources import iter_sources

OUTCOMES = ("created", "updated", "unchanged", "failed")
# PostgreSQL hands out ids from sequences outside transactions (so that two
# writers never wait on each other for one), and a rollback does not give
# them back. Setting them back afterwards would race with editors saving
# at the same moment, who could then be given an id already in use; ids
# skipped harm nothing, so the dry run says so rather than hide it.
SEQUENCES_NOTE = (
    "(On PostgreSQL the ids the dry run drew are not handed out again: later records skip them.)"
)


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", metavar="PATH", help="file, folder or -")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="report what would happen; write nothing (on PostgreSQL the ids it draws "
            "from the sequences are skipped by later records: sequences are not transactional)",
        )
        parser.add_argument("--report", metavar="FILE", help="write a JSON report to FILE")
        parser.add_argument(
            "--authorities",
            metavar="DIR",
            help="folder of authority lists (default: seeds/authorities)",
        )
        parser.add_argument(
            "--no-authorities", action="store_true", help="do not load the authority lists"
        )
        parser.add_argument(
            "--volume", metavar="V", help="FRUS volume id of the one document, e.g. frus1931-41v02"
        )
        parser.add_argument(
            "--document", metavar="D", help="FRUS document id of the one document, e.g. d23"
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=None,
            metavar="N",
            help="processes that parse while documents are written (default: one per "
            "core, at most 4, for folders of more than 500 files)",
        )

    def handle(self, *args, **options):
        paths = options["paths"] or [str(settings.ARCHIVE_SEEDS_DIR)]
        for raw in paths:
            if raw != "-" and not os.path.exists(raw):
                what = "a link to nothing" if os.path.lexists(raw) else "no such file or folder"
                raise CommandError(f"{display_name(raw)}: {what}", returncode=2)
        self.frus = self._frus_option(options, paths)
        jobs = default_jobs(paths) if options["jobs"] is None else options["jobs"]
        if jobs < 1:
            raise CommandError("--jobs must be at least 1", returncode=2)
        dry_run = options["dry_run"]
        outcomes: list[Outcome] = []
        authority_note, stopped, status = "", "", 0
        try:
            # A dry run does everything in one transaction and rolls it back;
            # a real run commits batch by batch, so a crash keeps what was done.
            with import_lock(), transaction.atomic() if dry_run else contextlib.nullcontext():
                authority_note = self._authorities(options, dry_run)
                self._documents(paths, options["verbosity"], jobs, outcomes)
                if dry_run:
                    transaction.set_rollback(True)
        except ImportBusy as busy:
            stopped, status = str(busy), 3
        except CommandError as error:  # an authority list rejected
            stopped, status = str(error), error.returncode
        except Exception as error:  # the run, not one document, failed: say so and report
            stopped, status = f"the import stopped: {describe_exception(error)}", 1
        except KeyboardInterrupt:
            stopped, status = "the import was interrupted", 1
        self._finish(options, outcomes, authority_note, stopped, status)

    def _finish(self, options, outcomes, authority_note: str, stopped: str, status: int):
        """The summary line and the report, whatever happened; then the exit status."""
        dry_run = options["dry_run"]
        counts = Counter(o.outcome for o in outcomes)
        prefix = "Dry run, nothing written: would have " if dry_run else ""
        summary = (
            f"{prefix}{len(outcomes)} document(s): "
            + ", ".join(f"{counts.get(name, 0)} {name}" for name in OUTCOMES)
            + "."
        )
        if outcomes and counts["unchanged"] == len(outcomes):
            summary += " Nothing changed."
        if dry_run and connection.vendor == "postgresql":
            summary += f" {SEQUENCES_NOTE}"
        if options["report"]:
            report = {
                "dry_run": dry_run,
                "summary": {name: counts.get(name, 0) for name in OUTCOMES},
                "stopped": stopped or None,
                "authorities": authority_note,
                "documents": [o.as_dict() for o in outcomes],
            }
            Path(options["report"]).write_text(
                json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
            )
        if options["verbosity"] >= 1 or counts.get("failed") or (stopped and outcomes):
            self.stdout.write(summary)
        if stopped:
            raise CommandError(stopped, returncode=status)
        if counts.get("failed"):
            raise CommandError(
                f"{counts['failed']} document(s) failed; see the errors above", returncode=1
            )

    def _frus_option(self, options, paths) -> tuple[str, str] | None:
        volume, document = options["volume"], options["document"]
        if volume is None and document is None:
            return None
        if not volume or not document:
            raise CommandError("--volume and --document go together", returncode=2)
        if not frus.is_volume(volume):
            raise CommandError(
                f"--volume {volume!r}: a volume id is frus, the year or years and an optional "
                "part (frus1930v01, frus1931-41v02, frus1942China)",
                returncode=2,
            )
        if not frus.is_document(document):
            raise CommandError(
                f"--document {document!r}: a document id is d and digits (d23)", returncode=2
            )
        if len(paths) != 1 or (paths[0] != "-" and Path(paths[0]).is_dir()):
            raise CommandError(
                "--volume and --document name one document: give one file or -", returncode=2
            )
        return volume, document

    def _sources(self, paths, stdin):
        for source in iter_sources(paths, stdin):
            if self.frus is not None:
                source.frus = self.frus
            yield source

    def _authorities(self, options, dry_run: bool) -> str:
        if options["no_authorities"]:
            return ""
        directory = Path(options["authorities"] or settings.ARCHIVE_SEEDS_DIR / "authorities")
        if not directory.is_dir():
            if options["authorities"]:
                raise CommandError(f"{directory}: no such folder", returncode=2)
            return ""
        try:
            report = load_authorities(directory, dry_run=dry_run)
        except AuthorityError as error:
            raise CommandError(f"authority list rejected:\n{error}", returncode=1) from None
        note = report.summary()
        if options["verbosity"] >= 1 and note:
            self.stderr.write(f"Authority lists: {note}")
        return note

    def _documents(self, paths, verbosity: int, jobs: int, outcomes: list[Outcome]) -> None:
        """Import the documents, adding each outcome to ``outcomes`` as it comes."""

        def tell(outcome) -> None:
            outcomes.append(outcome)
            count = len(outcomes)
            for error in outcome.errors:
                self.stderr.write(f"error: {error}")
            if verbosity >= 2:
                self.stderr.write(f"{outcome.outcome}: {outcome.source} ({outcome.identifier})")
                for warning in outcome.warnings:
                    self.stderr.write(f"  warning: {warning}")
                if outcome.kept_fields:
                    self.stderr.write("  kept the editor's " + ", ".join(outcome.kept_fields))
            elif outcome.kept_fields:
                self.stderr.write(
                    f"updated {outcome.source}: kept the editor's {', '.join(outcome.kept_fields)}"
                )
            if verbosity >= 1 and count % 500 == 0:
                self.stderr.write(f"... {count} documents read")

        stdin = getattr(sys.stdin, "buffer", sys.stdin)
        run(self._sources(paths, stdin), jobs=jobs, on_outcome=tell)
