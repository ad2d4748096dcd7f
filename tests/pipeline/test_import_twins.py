"""A failed document never blocks its good twin (issue 12, item 6).

Two files with one identity: the first is imported and the second refused.
But when the first fails to save (on PostgreSQL, a value too long for its
column did it), the second was refused all the same, and neither was in the
archive. A save failure in a batch also lost the batch's unmatched names.
The save failure is simulated (any exception while the document's rows are
built), so the tests hold on both databases.
"""

from __future__ import annotations

import io
import shutil

import pytest
from django.core.management import CommandError, call_command

from archive.linking import unmatched
from archive.linking.registry import EntityRegistry
from archive.models import Telegram, UnmatchedName
from archive.pipeline.importer import Importer
from archive.pipeline.resolve import Resolver
from tests.conftest import CORPUS
from tests.pipeline.builders import document, write_documents

pytestmark = pytest.mark.django_db


@pytest.fixture
def saving_fails_for(monkeypatch):
    """Make saving fail for documents whose file name contains a marker."""
    markers: list[str] = []
    real_values = Resolver.values

    def values(self, parsed, outcome):
        if any(marker in outcome.source for marker in markers):
            raise ValueError("value too long for type character varying(300)")
        return real_values(self, parsed, outcome)

    monkeypatch.setattr(Resolver, "values", values)
    return markers


def import_folder(folder, **options) -> str:
    err = io.StringIO()
    options.setdefault("no_authorities", True)
    with pytest.raises(CommandError):
        call_command(
            "import_seeds", str(folder), verbosity=0, stdout=io.StringIO(), stderr=err, **options
        )
    return err.getvalue()


@pytest.mark.parametrize("batch", [250, 1])
def test_a_good_twin_is_imported_when_the_first_fails_to_save(
    tmp_path, monkeypatch, saving_fails_for, batch
):
    monkeypatch.setattr(Importer, "BATCH", batch)
    saving_fails_for.append("a_broken")
    folder = tmp_path / "docs"
    write_documents(folder, 2)
    text = document(7)
    (folder / "a_broken.txt").write_text(text, encoding="utf-8")
    (folder / "b_twin.txt").write_text(text.replace("matter", "the matter"), encoding="utf-8")

    err = import_folder(folder)

    assert "a_broken.txt: could not be saved: ValueError: value too long" in err
    assert "same identity" not in err
    twin = Telegram.objects.get(source_file__endswith="b_twin.txt")
    assert "the matter 7" in twin.body
    assert Telegram.objects.count() == 3


def test_a_third_copy_is_still_refused_after_the_twin_is_saved(tmp_path, saving_fails_for):
    saving_fails_for.append("a_broken")
    folder = tmp_path / "docs"
    text = document(7)
    (folder).mkdir()
    (folder / "a_broken.txt").write_text(text, encoding="utf-8")
    (folder / "b_twin.txt").write_text(text.replace("matter", "the matter"), encoding="utf-8")
    (folder / "c_third.txt").write_text(text.replace("matter", "a matter"), encoding="utf-8")

    err = import_folder(folder)

    assert Telegram.objects.get().source_file.endswith("b_twin.txt")
    assert "c_third.txt, line 1: this document has the same identity as" in err
    assert f"{folder / 'b_twin.txt'} (same file number" in err


def test_a_save_failure_in_a_batch_keeps_its_unmatched_names(
    tmp_path, monkeypatch, saving_fails_for
):
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder, ignore=shutil.ignore_patterns("*.json"))
    first = sorted((folder / "docs").glob("*.txt"))[0].name
    saving_fails_for.append(first)
    monkeypatch.setattr(Importer, "BATCH", 10)

    # With the authority lists, as test_bulk_import counts them: names are
    # matched against the same index whoever counts them.
    import_folder(folder, no_authorities=False)

    assert not Telegram.objects.filter(source_file__endswith=first).exists()
    written = {
        u.name: (u.occurrences, u.documents) for u in UnmatchedName.objects.filter(ignored=False)
    }
    unmatched.rebuild(EntityRegistry().index)
    recounted = {
        u.name: (u.occurrences, u.documents) for u in UnmatchedName.objects.filter(ignored=False)
    }
    assert written and written == recounted
