"""Find and repair stored counts of people and places that drifted from the documents.

The counts on /people/ and /places/ and in the editors' lists are stored
(archive.tallies) and kept by every path the application writes through; a
bulk ``QuerySet.update`` or SQL by hand can leave them behind. This command
recounts and reports each count that differed. ``--check`` reports without
repairing and exits with status 1 when any count drifted (for CI or cron).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from archive import tallies


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="report drifted counts; repair nothing"
        )

    def handle(self, *args, **options):
        drifts = tallies.drifted()
        for drift in drifts:
            self.stdout.write(
                f"{drift.entity} {drift.pk} ({drift.name}): {drift.field} "
                f"stored {drift.stored}, actually {drift.actual}"
            )
        records = len({(d.entity, d.pk) for d in drifts})
        if options["check"]:
            if drifts:
                raise CommandError(
                    f"{len(drifts)} count(s) of {records} record(s) drifted; "
                    "run repair_counts to repair them",
                    returncode=1,
                )
            self.stdout.write("All stored counts agree with the documents.")
            return
        with transaction.atomic():
            tallies.repair(drifts)
        if drifts:
            self.stdout.write(f"Repaired {len(drifts)} count(s) of {records} record(s).")
        else:
            self.stdout.write("All stored counts agree with the documents.")
