"""How many documents name each person and place, kept beside the record.

Counting through the mentions at request time means reading every mention
of the busiest people (the Secretary of State is named in thousands of
documents) on every list page; at a hundred thousand documents that took
seconds. So the count is stored on the record and refreshed wherever it can
change: after an import or re-link, a merge, a change of a document's
public flag or links, and an editor's decision on a mention. The public
detail pages still check the documents themselves, so a stale count can
never reveal a private document. The editors' counts (sent, received, sent
from, mentioned in: every document, public or not) are kept the same way:
computed per row, the people list took a second at 100,000 documents.

The public count is the number of public documents that name the record in
any role (archive.roles): the same documents its page lists. Beside it, one
count per role (``public_sent``, ``public_named``…), which the page shows
without counting. This module reads documents only through the querysets it
is given and the SQL of the tables, never through the models, so the models
can call it (a bulk ``update`` or a deletion recounts) without an import
cycle. A count can still drift when something writes past these paths (a
bulk ``QuerySet.update`` of the counts themselves, or SQL by hand):
``drifted`` finds such counts (the editors' quality page lists them) and
``python manage.py repair_counts`` repairs them.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import QuerySet

from . import roles

_LINKED = "(SELECT count(*) FROM archive_telegram t WHERE t.{column} = e.id)"
_MENTIONED = """(SELECT count(*) FROM archive_{entity}mention m
    WHERE m.{entity}_id = e.id AND m.role = 'mentioned')"""
# What the editors' lists show (all documents, public or not) beside the public count.
_COLUMNS = {
    "person": {
        "sent_documents": _LINKED.format(column="sender_id"),
        "received_documents": _LINKED.format(column="recipient_id"),
        "mentioned_documents": _MENTIONED.format(entity="person"),
    },
    "place": {
        "origin_documents": _LINKED.format(column="origin_id"),
        "mentioned_documents": _MENTIONED.format(entity="place"),
    },
}
# Every stored count and the SQL that computes it for the record ``e``: the
# public documents in all and by role (what the public pages show), then the
# editors' counts.
_EXPRESSIONS = {
    entity: {
        "public_documents": roles.public_total(entity, "e.id"),
        **{role.field: role.public_count("e.id") for role in roles.ROLES[entity]},
        **columns,
    }
    for entity, columns in _COLUMNS.items()
}
_SQL = {
    entity: f"UPDATE archive_{entity} AS e SET "
    + ",\n    ".join(f"{name} = {expression}" for name, expression in expressions.items())
    for entity, expressions in _EXPRESSIONS.items()
}


def refresh(people: Iterable[int] | None = None, places: Iterable[int] | None = None) -> None:
    """Recount the given records; ``None`` for both recounts every record."""
    everything = people is None and places is None
    with connection.cursor() as cursor:
        for entity, ids in (("person", people), ("place", places)):
            if everything:
                cursor.execute(_SQL[entity])
                continue
            ids = sorted(set(ids or []))
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(_SQL[entity] + f" WHERE e.id IN ({marks})", chunk)


def refresh_for(
    documents: QuerySet, also_people: Iterable[int] = (), also_places: Iterable[int] = ()
) -> None:
    """Recount everyone and everything these documents name (and ``also_*``: former links).

    Called where documents change: the admin's saves and actions, re-linking,
    an editor's decision on a mention.
    """
    people, places = named_by(documents)
    refresh(people | set(also_people), places | set(also_places))


# Everything a document names, in any role, as paths from the document
# (the roles of archive.roles): sender, recipient, origin, mentions, footnotes.
_NAMED = (
    ("sender", "people"),
    ("recipient", "people"),
    ("personmention__person", "people"),
    ("footnotes__person", "people"),
    ("origin", "places"),
    ("placemention__place", "places"),
    ("footnotes__place", "places"),
)


def named_by(documents: QuerySet) -> tuple[set[int], set[int]]:
    """Ids of the people and places a queryset of documents names, in any role.

    Read through joins from the queryset, so a bulk change of a hundred
    thousand documents never sends their ids as parameters.
    """
    found: dict[str, set[int]] = {"people": set(), "places": set()}
    documents = documents.order_by()
    for path, kind in _NAMED:
        found[kind].update(
            documents.filter(**{f"{path}__isnull": False}).values_list(path, flat=True).distinct()
        )
    return found["people"], found["places"]


# The fields whose change can change who is named in public (see TelegramQuerySet.update).
COUNTED_FIELDS = frozenset(
    {"is_public", "sender", "sender_id", "recipient", "recipient_id", "origin", "origin_id"}
)


@contextmanager
def recounting(documents):
    """Recount what ``documents`` name before and after the change inside the block.

    For the paths that bypass ``Telegram.save``: ``QuerySet.update`` (and
    ``bulk_update``, which uses it) and deletion. The names are read before
    the change, since afterwards the queryset may no longer match (a filter
    on ``is_public``) or the documents may be gone, and again after it, by
    id, for the links the change made (a new sender).
    """
    with transaction.atomic(using=documents.db):
        ids = list(documents.order_by().values_list("pk", flat=True))
        people, places = named_by(documents)
        yield
        for start in range(0, len(ids), 500):
            now_people, now_places = named_by(
                documents.model._default_manager.filter(pk__in=ids[start : start + 500])
            )
            people |= now_people
            places |= now_places
        refresh(people, places)


@dataclass(frozen=True)
class Drift:
    """A stored count that differs from what the documents say."""

    entity: str  # "person" or "place"
    pk: int
    name: str
    field: str
    stored: int
    actual: int


def drifted(limit: int | None = None) -> list[Drift]:
    """Stored counts that differ from a fresh count, people first, by id.

    One query per kind of record; ``limit`` caps the records read per kind.
    """
    found: list[Drift] = []
    for entity, expressions in _EXPRESSIONS.items():
        names = list(expressions)
        inner = ", ".join(
            f"e.{name} AS s{i}, {expression} AS a{i}"
            for i, (name, expression) in enumerate(expressions.items())
        )
        differs = " OR ".join(f"s{i} <> a{i}" for i in range(len(names)))
        sql = (
            f"SELECT * FROM (SELECT e.id, e.name, {inner} FROM archive_{entity} e) x "
            f"WHERE {differs} ORDER BY id"
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        with connection.cursor() as cursor:
            cursor.execute(sql)
            rows = cursor.fetchall()
        for row in rows:
            pk, name, values = row[0], row[1], row[2:]
            for i, field_name in enumerate(names):
                stored, actual = values[2 * i], values[2 * i + 1]
                if stored != actual:
                    found.append(Drift(entity, pk, name, field_name, stored, actual))
    return found


def repair(drifts: Iterable[Drift]) -> None:
    """Recount the records of ``drifts``."""
    drifts = list(drifts)
    refresh(
        [d.pk for d in drifts if d.entity == "person"],
        [d.pk for d in drifts if d.entity == "place"],
    )
