"""Full-text search: PostgreSQL's, with a plain fallback on SQLite.

On PostgreSQL each Telegram keeps a weighted ``search_vector`` (heading and
names of linked people and places first, then body, then footnotes),
GIN-indexed and refreshed by :func:`update_search_vectors` whenever a
document or its links change. Queries use ``websearch_to_tsquery``, so
readers can write ``"North China" -Manchukuo`` or ``Litvinov or Yen``.

SQLite has no such engine; there every word of the query must appear
somewhere in the document (case-insensitive), and snippets are cut in
Python. The page looks the same.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, QuerySet

from .models import Footnote, MentionStatus, PersonMention, PlaceMention, Telegram

CONFIG = "english"
# More matches than this are listed by date, not ranked, and not counted further:
# counting and ranking read every matching vector (at 100,000 documents a common
# phrase matched 45,000; counting even 5,000 of them took 35-120 ms).
RANK_LIMIT = 1000
_MARKERS = r"\[\^[0-9]+[a-d]?\]"
# Sentinels that survive escaping, turned into <mark> afterwards.
_START, _STOP = "\ue000", "\ue001"


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


_UPDATE_SQL = f"""
UPDATE archive_telegram AS t SET search_vector =
    setweight(to_tsvector('{CONFIG}', coalesce(t.heading, '')), 'A')
 || setweight(to_tsvector('{CONFIG}', coalesce((
        SELECT string_agg(p.name || ' ' || coalesce(p.surface_forms, ''), ' ')
        FROM (
            SELECT pe.name, string_agg(pm.surface, ' ') AS surface_forms
            FROM archive_personmention pm JOIN archive_person pe ON pe.id = pm.person_id
            WHERE pm.telegram_id = t.id AND pm.status <> 'rejected'
            GROUP BY pe.name
            UNION ALL
            SELECT pl.name, string_agg(lm.surface, ' ')
            FROM archive_placemention lm JOIN archive_place pl ON pl.id = lm.place_id
            WHERE lm.telegram_id = t.id AND lm.status <> 'rejected'
            GROUP BY pl.name
        ) AS p), '')), 'A')
 || setweight(to_tsvector('{CONFIG}',
        regexp_replace(coalesce(t.body, ''), '{_MARKERS}', '', 'g')), 'B')
 || setweight(to_tsvector('{CONFIG}', coalesce((
        SELECT string_agg(f.text, ' ') FROM archive_footnote f WHERE f.telegram_id = t.id
    ), '')), 'C')
WHERE t.id = ANY(%s)
"""


def update_search_vectors(ids: Iterable[int]) -> None:
    """Refresh the search vector of these documents (a no-op on SQLite)."""
    ids = list(ids)
    if not ids or not is_postgres():
        return
    with connection.cursor() as cursor:
        for start in range(0, len(ids), 1000):
            cursor.execute(_UPDATE_SQL, [ids[start : start + 1000]])


def compute_search_vectors(rows: list[tuple[str, str, str]]) -> list[str | None]:
    """Vectors for new documents from text at hand: (heading and names, body, footnotes).

    The importer knows every name it is about to link, so it can skip the
    joins of :func:`update_search_vectors`, and it writes the vector with
    the row: setting it afterwards rewrote every new row and every one of
    its index entries. The weights are the same. ``None`` on SQLite.
    """
    if not rows or not is_postgres():
        return [None] * len(rows)
    placeholders = ", ".join(["(%s::int, %s, %s, %s)"] * len(rows))
    params = [value for i, row in enumerate(rows) for value in (i, *row)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT v.i, (
                    setweight(to_tsvector('{CONFIG}', v.names), 'A')
                 || setweight(to_tsvector('{CONFIG}',
                        regexp_replace(v.body, '{_MARKERS}', '', 'g')), 'B')
                 || setweight(to_tsvector('{CONFIG}', v.notes), 'C'))::text
                FROM (VALUES {placeholders}) AS v(i, names, body, notes)""",
            params,
        )
        vectors = dict(cursor.fetchall())
    return [vectors[i] for i in range(len(rows))]


def update_for_person(person_id: int) -> None:
    ids = PersonMention.objects.filter(person_id=person_id).values_list("telegram_id", flat=True)
    update_search_vectors(set(ids))


def update_for_place(place_id: int) -> None:
    ids = PlaceMention.objects.filter(place_id=place_id).values_list("telegram_id", flat=True)
    update_search_vectors(set(ids))


def words(query: str) -> list[str]:
    """The words of a query for the SQLite fallback (quotes and operators dropped)."""
    return [w for w in re.findall(r"[\w’'.-]+", query) if w.lower() not in {"or", "and"}]


def search(queryset: QuerySet[Telegram], query: str) -> QuerySet[Telegram]:
    """Documents matching ``query``; on PostgreSQL annotated with ``rank``."""
    query = query.strip()
    if not query:
        return queryset
    if is_postgres():
        tsquery = SearchQuery(query, search_type="websearch", config=CONFIG)
        return queryset.filter(search_vector=tsquery).annotate(
            rank=SearchRank(F("search_vector"), tsquery)
        )
    for word in words(query):
        in_names = Q(
            Exists(
                PersonMention.objects.filter(
                    telegram=OuterRef("pk"), person__name__icontains=word
                ).exclude(status=MentionStatus.REJECTED)
            )
        ) | Q(
            Exists(
                PlaceMention.objects.filter(
                    telegram=OuterRef("pk"), place__name__icontains=word
                ).exclude(status=MentionStatus.REJECTED)
            )
        )
        in_notes = Q(
            Exists(Footnote.objects.filter(telegram=OuterRef("pk"), text__icontains=word))
        )
        queryset = queryset.filter(
            Q(body__icontains=word) | Q(heading__icontains=word) | in_names | in_notes
        )
    return queryset


def headlines(telegram_ids: list[int], query: str) -> dict[int, str]:
    """HTML snippets with the matched words in ``<mark>``, for one page of results."""
    if not telegram_ids or not query.strip():
        return {}
    if is_postgres():
        options = f"StartSel={_START}, StopSel={_STOP}, MaxFragments=2, MaxWords=30, MinWords=12"
        with connection.cursor() as cursor:
            cursor.execute(
                f"""SELECT id, ts_headline('{CONFIG}',
                        regexp_replace(body, '{_MARKERS}', '', 'g'),
                        websearch_to_tsquery('{CONFIG}', %s), %s)
                    FROM archive_telegram WHERE id = ANY(%s)""",
                [query, options, telegram_ids],
            )
            raw = dict(cursor.fetchall())
        return {pk: _marked(text) for pk, text in raw.items()}
    rows = Telegram.objects.filter(pk__in=telegram_ids).values_list("pk", "body")
    return {pk: _python_snippet(body, words(query)) for pk, body in rows}


def _marked(text: str) -> str:
    return html.escape(text).replace(_START, "<mark>").replace(_STOP, "</mark>")


def _python_snippet(body: str, terms: list[str], width: int = 220) -> str:
    body = re.sub(_MARKERS, "", body).replace("\n\n", " ")
    lowered = body.lower()
    first = min((i for i in (lowered.find(t.lower()) for t in terms) if i >= 0), default=0)
    start = max(0, first - width // 3)
    snippet = body[start : start + width]
    if terms:
        pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
        snippet = pattern.sub(lambda m: f"{_START}{m.group()}{_STOP}", snippet)
    prefix = "… " if start else ""
    suffix = " …" if start + width < len(body) else ""
    return prefix + _marked(snippet) + suffix
