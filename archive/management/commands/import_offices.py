"""Import people and their offices from POCOM (Principal Officers and Chiefs of Mission).

PATH is a POCOM checkout (HistoryAtState/pocom, or ../shared/pocom) or an
extract file; with no PATH the extract shipped in seeds/offices/ (the
holdings of 1920–1950) is loaded. People are found again by their POCOM id
(hsg_id), holdings by theirs; fields an editor changed are kept. Running it
twice changes nothing. --extract FILE writes the extract of --years from
PATH instead of importing. Exit status: 0 done, 1 when some record could not
be read or saved, 2 for a usage error.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from archive.pipeline.offices import load_offices
from archive.pocom import PocomError, read, write_extract

SEED_NAME = "pocom-1920-1950.jsonl"


def default_path() -> Path:
    return Path(settings.ARCHIVE_SEEDS_DIR) / "offices" / SEED_NAME


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", metavar="PATH", help="POCOM checkout or extract")
        parser.add_argument(
            "--dry-run", action="store_true", help="report what would happen; write nothing"
        )
        parser.add_argument(
            "--extract", metavar="FILE", help="write the extract of --years to FILE; no import"
        )
        parser.add_argument(
            "--years", default="1920-1950", metavar="A-B", help="years the extract covers"
        )

    def handle(self, *args, **options):
        path = Path(options["path"]) if options["path"] else default_path()
        if not path.exists():
            raise CommandError(f"{path}: no such file or folder", returncode=2)
        try:
            data = read(path)
        except PocomError as error:
            raise CommandError(str(error), returncode=1) from error
        for problem in data.errors:
            self.stderr.write(problem)
        if options["extract"]:
            self._extract(data, path, options)
        else:
            report = load_offices(data, dry_run=options["dry_run"])
            for problem in report.errors[len(data.errors) :]:
                self.stderr.write(problem)
            if options["verbosity"] >= 2:
                for kept in report.kept:
                    self.stdout.write(f"kept (an editor's): {kept}")
            prefix = "Dry run, nothing written: " if options["dry_run"] else ""
            if options["verbosity"] >= 1:
                self.stdout.write(prefix + report.summary())
            if report.errors:
                raise CommandError(
                    f"{len(report.errors)} record(s) could not be read", returncode=1
                )
        if data.errors:
            raise CommandError(f"{len(data.errors)} record(s) could not be read", returncode=1)

    def _extract(self, data, path: Path, options) -> None:
        match = re.fullmatch(r"(\d{4})-(\d{4})", options["years"])
        if not match or match[1] > match[2]:
            raise CommandError("--years takes two years, A-B, A not after B", returncode=2)
        first, last = int(match[1]), int(match[2])
        part = data.between(first, last)
        target = Path(options["extract"])
        write_extract(part, target, note=f"Holdings in office in {first}–{last}, from {path.name}")
        self.stdout.write(
            f"Wrote {len(part.people)} people and {len(part.holdings)} holdings to {target}."
        )
