"""One way to write a document: the bulk path (COPY) and the careful path write the same rows.

New documents go in with bulk inserts, by ``COPY`` on PostgreSQL
(archive.bulkload); a failed batch, and every changed document,
takes the careful path one document at a time. The same corpus imported
each way must leave the same rows, the same history rows and the same
search vectors. PostgreSQL only: on SQLite the bulk path is the library's
own ``bulk_create_with_history``, which there is no point comparing with
itself.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, models, transaction

from archive.history import script_user
from archive.models import Person, Place, Telegram
from archive.pipeline.importer import Importer
from tests.conftest import CORPUS

pytestmark = [
    pytest.mark.django_db,  # the database is set up for the module's fixture
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the COPY path runs on PostgreSQL only"
    ),
]

# Values that differ between two runs by nature: ids from sequences, random
# keys, clocks. Rows are compared through their natural keys instead.
VOLATILE = {"id", "key", "created_at", "updated_at", "imported_at", "history_id", "history_date"}
NATURAL = {Telegram: "identifier", Person: "name", Place: "name"}


def _natural_keys() -> dict[type, dict[int, str]]:
    return {
        model: dict(model.objects.values_list("pk", field)) for model, field in NATURAL.items()
    }


def _rows(model, keys) -> list[tuple]:
    """Every row of ``model`` as comparable values: foreign keys by their target's natural key."""
    targets = {
        field.attname: field.related_model
        for field in model._meta.concrete_fields
        if isinstance(field, models.ForeignKey)
    }
    rows = []
    for row in model._base_manager.values():
        values = []
        for name, value in sorted(row.items()):
            if name in VOLATILE or name.endswith("authority_key"):
                continue  # stub records get a random suffix to their key
            target = targets.get(name)
            if target is not None and target in keys and value is not None:
                value = keys[target][value]
            values.append((name, repr(value)))
        rows.append(tuple(values))
    return sorted(rows)


def _archive() -> dict[str, list[tuple]]:
    keys = _natural_keys()
    return {
        model._meta.label: _rows(model, keys)
        for model in apps.get_app_config("archive").get_models()
        if model._meta.managed
    }


def _import(monkeypatch, *, bulk: bool) -> dict[str, list[tuple]]:
    """The archive after importing the corpus one way; rolled back afterwards."""
    monkeypatch.setattr(Importer, "BULK", bulk)
    with transaction.atomic():
        call_command("import_seeds", str(CORPUS / "docs"), verbosity=0)
        archive = _archive()
        transaction.set_rollback(True)
    return archive


@pytest.fixture(scope="module")
def archives(django_db_setup, django_db_blocker):
    """The corpus imported through each path once, for every test here (nothing is kept)."""
    blocked = django_db_blocker.unblock()
    with blocked, pytest.MonkeyPatch.context() as monkeypatch, transaction.atomic():
        script_user()  # both runs attribute their history to the same user
        bulk = _import(monkeypatch, bulk=True)
        careful = _import(monkeypatch, bulk=False)
        transaction.set_rollback(True)
    return bulk, careful


def _without(archive: dict, known: dict[str, set[str]]) -> dict:
    """The archive less the columns (or whole tables, ``{"*"}``) named in ``known``."""
    kept = {}
    for label, rows in archive.items():
        drop = known.get(label, set())
        if "*" in drop:
            continue
        kept[label] = sorted(tuple(v for v in row if v[0] not in drop) for row in rows)
    return kept


# Where the two paths still differ (found by this comparison, left for the pipeline):
# - the careful path records its mentions' history as "link", the bulk path as "import";
# - the search vector's names: the bulk path repeats a name for every role it has in
#   the document, the SQL of the careful path names it once, in no fixed order.
KNOWN_DIFFERENCES = {
    "archive.HistoricalPersonMention": {"history_change_reason"},
    "archive.HistoricalPlaceMention": {"history_change_reason"},
    "archive.Telegram": {"search_vector"},
}


def test_both_paths_write_the_same_rows_and_history(archives):
    bulk, careful = archives
    documents = bulk["archive.Telegram"]
    assert len(documents) == len(list((CORPUS / "docs").glob("*.txt")))
    assert len(bulk["archive.HistoricalTelegram"]) == len(documents)
    assert bulk["archive.PersonMention"] and bulk["archive.HistoricalFootnote"]
    bulk, careful = _without(bulk, KNOWN_DIFFERENCES), _without(careful, KNOWN_DIFFERENCES)
    for label in bulk:
        assert bulk[label] == careful[label], (label, _first_difference(bulk, careful, label))


@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason="the paths differ as KNOWN_DIFFERENCES says; remove this mark when fixed",
)
@pytest.mark.parametrize("label", sorted(KNOWN_DIFFERENCES))
def test_both_paths_write_the_same_search_vectors_names_and_reasons(archives, label):
    bulk, careful = archives
    assert bulk[label] == careful[label], _first_difference(bulk, careful, label)


def _first_difference(one: dict, other: dict, label: str) -> list:
    """The fields of the first pair of rows that differ: what a failure should show."""
    for a, b in zip(one[label], other[label], strict=False):
        if a != b:
            return sorted(set(a) ^ set(b))
    return [len(one[label]), len(other[label])]
