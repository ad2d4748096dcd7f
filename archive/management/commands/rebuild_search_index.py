"""Rebuild the full-text index of every document (PostgreSQL vectors or SQLite FTS5)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from archive import search, search_sqlite
from archive.models import Telegram


class Command(BaseCommand):
    help = (
        "Index every document's text afresh: PostgreSQL's search vectors, or on SQLite the "
        "FTS5 index (created here if SQLite gained FTS5 after the migrations ran)."
    )

    def handle(self, *args, **options) -> None:
        if search.is_postgres():
            ids = list(Telegram.objects.values_list("pk", flat=True))
            search.update_search_vectors(ids)
            self.stdout.write(f"{len(ids)} documents indexed.")
            return
        if not search_sqlite.fts5_compiled():
            self.stderr.write("This SQLite has no FTS5: search stays plain (the page says so).")
            return
        self.stdout.write(f"{search_sqlite.rebuild()} documents indexed.")
