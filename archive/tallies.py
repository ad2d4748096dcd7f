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
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

_PUBLIC = """coalesce((
    SELECT count(DISTINCT m.telegram_id)
    FROM archive_{entity}mention m JOIN archive_telegram t ON t.id = m.telegram_id
    WHERE m.{entity}_id = e.id AND t.is_public AND m.status <> 'rejected'
), 0)"""
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
_SQL = {
    entity: f"UPDATE archive_{entity} AS e SET public_documents = {_PUBLIC.format(entity=entity)}"
    + "".join(f",\n    {name} = {expression}" for name, expression in columns.items())
    for entity, columns in _COLUMNS.items()
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


def refresh_for_telegrams(
    telegram_ids: Iterable[int], also_people: Iterable[int] = (), also_places: Iterable[int] = ()
) -> None:
    """Recount everyone and everything these documents name (and ``also_*``: former links)."""
    from .models import PersonMention, PlaceMention

    ids = list(telegram_ids)
    if not ids:
        return
    from .models import Telegram

    people = set(
        PersonMention.objects.filter(telegram_id__in=ids).values_list("person_id", flat=True)
    )
    places = set(
        PlaceMention.objects.filter(telegram_id__in=ids).values_list("place_id", flat=True)
    )
    for sender, recipient, origin in Telegram.objects.filter(pk__in=ids).values_list(
        "sender_id", "recipient_id", "origin_id"
    ):
        people |= {sender, recipient} - {None}
        places |= {origin} - {None}
    refresh(people | set(also_people), places | set(also_places))
