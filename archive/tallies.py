"""How many public documents name each person and place, kept beside the record.

Counting through the mentions at request time means reading every mention
of the busiest people (the Secretary of State is named in thousands of
documents) on every list page; at a hundred thousand documents that took
seconds. So the count is stored on the record and refreshed wherever it can
change: after an import or re-link, a merge, a change of a document's
public flag or links, and an editor's decision on a mention. The public
detail pages still check the documents themselves, so a stale count can
never reveal a private document.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

_SQL = """
UPDATE archive_{entity} AS e SET public_documents = coalesce((
    SELECT count(DISTINCT m.telegram_id)
    FROM archive_{entity}mention m JOIN archive_telegram t ON t.id = m.telegram_id
    WHERE m.{entity}_id = e.id AND t.is_public AND m.status <> 'rejected'
), 0)
"""


def refresh(people: Iterable[int] | None = None, places: Iterable[int] | None = None) -> None:
    """Recount the given records; ``None`` for both recounts every record."""
    everything = people is None and places is None
    with connection.cursor() as cursor:
        for entity, ids in (("person", people), ("place", places)):
            if everything:
                cursor.execute(_SQL.format(entity=entity))
                continue
            ids = sorted(set(ids or []))
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(_SQL.format(entity=entity) + f" WHERE e.id IN ({marks})", chunk)


def refresh_for_telegrams(telegram_ids: Iterable[int]) -> None:
    """Recount everyone and everything these documents name."""
    from .models import PersonMention, PlaceMention

    ids = list(telegram_ids)
    if not ids:
        return
    people = PersonMention.objects.filter(telegram_id__in=ids).values_list("person_id", flat=True)
    places = PlaceMention.objects.filter(telegram_id__in=ids).values_list("place_id", flat=True)
    refresh(set(people), set(places))
