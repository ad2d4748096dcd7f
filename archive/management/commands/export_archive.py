"""Write the whole archive to a folder: one file per table and a manifest.

The files are the rows of the editors' Import and Export (natural keys),
with database ids, versions and creation times, so that ``import_archive``
gives back every row (see archive.dump). ``--format csv`` (the default;
formula-like cells are neutralised for spreadsheets and restored on load)
or ``--format json``. Exit status 0, or 2 for a usage error.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from archive.dump import export_archive
from archive.dump.loading import FORMATS


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("folder", metavar="DIR", help="folder to write (created if needed)")
        parser.add_argument("--format", choices=sorted(FORMATS), default="csv")

    def handle(self, *args, **options) -> None:
        counts = export_archive(Path(options["folder"]), options["format"])
        if options["verbosity"] >= 1:
            listed = ", ".join(f"{count} {name}" for name, count in counts.items())
            self.stdout.write(f"Wrote {options['folder']}: {listed}.")
