"""Load a folder written by ``export_archive``, all or nothing.

Into an empty archive every row comes back with its id. Into an archive
with rows the load is an import like any other: rows matched by natural
key, fields editors protected kept, decided mentions kept, nothing deleted,
merges left out (see archive.dump.loading). Editors the archive has no
account for become inactive accounts, or with ``--authors NAME`` their work
goes to that account. The search index and stored counts are rebuilt.
Bad rows are listed as ``file, line N: reason`` and nothing is written.
Exit status: 0 loaded, 1 refused (bad rows, a broken dump), 2 usage error.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.dump import LoadError, import_archive


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("folder", metavar="DIR", help="folder written by export_archive")
        parser.add_argument(
            "--authors",
            metavar="NAME",
            help="existing account to receive the work of editors without an account here",
        )

    def handle(self, *args, **options) -> None:
        try:
            summary = import_archive(Path(options["folder"]), authors=options["authors"])
        except LoadError as error:
            raise CommandError(f"Nothing loaded.\n{error}", returncode=1) from error
        if options["verbosity"] < 1:
            return
        for name, totals in summary.totals.items():
            self.stdout.write(
                f"{name}: {totals.get('new', 0)} new, {totals.get('update', 0)} updated, "
                f"{totals.get('skip', 0)} unchanged"
            )
        if summary.kept_ids:
            self.stdout.write("Loaded into an empty archive: every row kept its id.")
        if summary.merges_left_out:
            self.stdout.write(
                f"{summary.merges_left_out} merge(s) not loaded: a merge names records by id, "
                "and ids differ between archives (load into an empty archive to keep them)."
            )
        self.stdout.write("Search index and stored counts rebuilt.")
