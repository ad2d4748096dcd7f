"""Write N realistic synthetic FRUS documents into DIR, for benchmarks.

The text is built from the sentences of the seeds and of the development
corpus (tests/fixtures/corpus), so it follows every convention the
importer reads. The same N and --seed always give the same files.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from archive.benchmarking.corpus import CorpusGenerator, sentence_bank


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, metavar="N")
        parser.add_argument("directory", metavar="DIR")
        parser.add_argument("--seed", type=int, default=1, metavar="S")

    def handle(self, *args, count, directory, seed, **options):
        if count < 1:
            raise CommandError("N must be at least 1", returncode=2)
        target = Path(directory)
        target.mkdir(parents=True, exist_ok=True)
        sources = [settings.ARCHIVE_SEEDS_DIR, settings.BASE_DIR / "tests/fixtures/corpus/docs"]
        generator = CorpusGenerator(sentence_bank(p for p in sources if p.is_dir()), seed=seed)
        for name, text in generator.documents(count):
            (target / name).write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {count} documents to {target} (seed {seed}).")
