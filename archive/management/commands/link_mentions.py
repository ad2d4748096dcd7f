"""Link people and places in the documents again, after editors changed them.

Adds the suggestions that new aliases, new records or merges make possible,
removes suggestions that no longer hold, and never touches a mention an
editor confirmed or rejected. Uses the same linking code as the importer.
Without --telegram it also counts the list of unmatched names again.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from archive.history import script_user
from archive.linking import unmatched
from archive.linking.registry import EntityRegistry
from archive.linking.suggestions import relink
from archive.models import Telegram


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument(
            "--telegram",
            action="append",
            metavar="IDENTIFIER",
            help="only this document (repeat for more)",
        )
        parser.add_argument("--dry-run", action="store_true", help="report; write nothing")

    def handle(self, *args, telegram=None, dry_run=False, **options):
        documents = Telegram.objects.all()
        if telegram:
            documents = documents.filter(identifier__in=telegram)
            missing = set(telegram) - set(documents.values_list("identifier", flat=True))
            if missing:
                raise CommandError(
                    f"no document with identifier {', '.join(sorted(missing))}", returncode=2
                )
        with transaction.atomic():
            changed = relink(documents, script_user())
            names = None
            if not telegram:
                names = unmatched.rebuild(EntityRegistry())
            if dry_run:
                transaction.set_rollback(True)
        prefix = "Dry run, nothing written: would have " if dry_run else ""
        summary = f"{prefix}re-linked {documents.count()} document(s); {changed} changed."
        if names is not None:
            summary += f" {names} unmatched name(s) listed for editors."
        self.stdout.write(summary)
