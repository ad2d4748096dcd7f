"""Full-text search with one language on both databases.

On PostgreSQL each Telegram keeps a weighted ``search_vector`` (heading and
names of linked people and places first, then body, then footnotes),
GIN-indexed and refreshed by :func:`update_search_vectors` whenever a
document or its links change. On SQLite the same text sits in an FTS5 index
(archive.search_sqlite) refreshed by the same function. A reader's query is
parsed once (archive.query_syntax, PostgreSQL's ``websearch_to_tsquery``
rules: ``"North China" -Manchukuo``, ``Litvinov or Yen``) and bounded; it is
handed to ``websearch_to_tsquery`` on PostgreSQL and translated to an FTS5
``MATCH`` on SQLite, ranked (``ts_rank``, ``bm25``) with highlighted
snippets on both. Every search runs under a time limit (:func:`time_limit`).

Only where SQLite lacks FTS5 is search plain (every word, anywhere, as
typed), and the page says so.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import OperationalError, connection, transaction
from django.db.models import Exists, F, FloatField, Func, OuterRef, Q, QuerySet, Value
from django.db.models.expressions import RawSQL

from . import search_sqlite
from .models import Footnote, MentionStatus, PersonMention, PlaceMention, Telegram
from .query_syntax import ParsedQuery, parse
from .text.markup import FOOTNOTE_REF, PAGE_MARKER, plain_text

CONFIG = "english"
# More matches than this are listed by date, not ranked, and not counted further:
# counting and ranking read every matching vector (at 100,000 documents a common
# phrase matched 45,000; counting even 5,000 of them took 35-120 ms).
RANK_LIMIT = 1000
# A search page's queries, and a download's, stop after this long.
SEARCH_SECONDS = 3.0
DOWNLOAD_SECONDS = 60.0
# The body as indexed and quoted, as markup.plain_text reads it: footnote
# references out, page markers a space (their patterns belong to archive.text.markup).
_PLAIN_BODY = (
    f"regexp_replace(regexp_replace(coalesce({{}}, ''), '{FOOTNOTE_REF}', '', 'g'), "
    f"'{PAGE_MARKER}', ' ', 'g')"
)

NO_TERMS = (
    "Nothing to search for: common words (such as “the” or “or”), punctuation and "
    "symbols are not searched. Add a more specific word."
)
PLAIN_SEARCH = (
    "Full-text search is not available here (this SQLite was built without FTS5): each word "
    "is looked for as typed, anywhere in a document; phrases, “or” and “-” are not "
    "understood and results are not ranked."
)
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
        {_PLAIN_BODY.format("t.body")}), 'B')
 || setweight(to_tsvector('{CONFIG}', coalesce((
        SELECT string_agg(f.text, ' ') FROM archive_footnote f WHERE f.telegram_id = t.id
    ), '')), 'C')
WHERE t.id = ANY(%s)
"""


def update_search_vectors(ids: Iterable[int]) -> None:
    """Refresh the search vector of these documents (on SQLite, their FTS5 entries)."""
    ids = list(ids)
    if not ids:
        return
    if not is_postgres():
        search_sqlite.refresh(ids)
        return
    with connection.cursor() as cursor:
        for start in range(0, len(ids), 1000):
            cursor.execute(_UPDATE_SQL, [ids[start : start + 1000]])


def compute_search_vectors(rows: list[tuple[str, str, str]]) -> list[str | None]:
    """Vectors for new documents from text at hand: (heading and names, body, footnotes).

    The importer knows every name it is about to link, so it can skip the
    joins of :func:`update_search_vectors`, and it writes the vector with
    the row: setting it afterwards rewrote every new row and every one of
    its index entries. The weights are the same. ``None`` on SQLite, where
    :func:`index_new` indexes them once they have ids.
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
                        {_PLAIN_BODY.format("v.body")}), 'B')
                 || setweight(to_tsvector('{CONFIG}', v.notes), 'C'))::text
                FROM (VALUES {placeholders}) AS v(i, names, body, notes)""",
            params,
        )
        vectors = dict(cursor.fetchall())
    return [vectors[i] for i in range(len(rows))]


def index_new(rows: list[tuple[int, str, str, str]]) -> None:
    """SQLite: index new documents from (id, heading and names, body, footnotes)."""
    if rows and not is_postgres():
        search_sqlite.index_new(rows)


def update_for_person(person_id: int) -> None:
    ids = PersonMention.objects.filter(person_id=person_id).values_list("telegram_id", flat=True)
    update_search_vectors(set(ids))


def update_for_place(place_id: int) -> None:
    ids = PlaceMention.objects.filter(place_id=place_id).values_list("telegram_id", flat=True)
    update_search_vectors(set(ids))


def parsed_query(query: str) -> ParsedQuery:
    return parse(query or "")


def search(
    queryset: QuerySet[Telegram], query: str, notes: list[str] | None = None
) -> QuerySet[Telegram]:
    """Documents matching ``query``, annotated with ``rank`` (higher is better).

    What the reader should know about the search (cut to the bounds, no
    term left, plain search without FTS5) is appended to ``notes``.
    """
    notes = [] if notes is None else notes
    parsed = parsed_query(query)
    notes.extend(parsed.notes)
    if parsed.is_empty:
        if query.strip():
            notes.append(NO_TERMS)
            return queryset.none().annotate(rank=Value(0.0))
        return queryset
    if is_postgres():
        tsquery = SearchQuery(parsed.websearch(), search_type="websearch", config=CONFIG)
        return queryset.filter(search_vector=tsquery).annotate(
            rank=SearchRank(F("search_vector"), tsquery)
        )
    if not search_sqlite.available():
        notes.append(PLAIN_SEARCH)
        return _plain_search(queryset, parsed).annotate(rank=Value(0.0))
    matching, unless = parsed.fts5()
    if unless is None:
        bm25 = Func(
            F("search_entry__index"),
            *(Value(w) for w in search_sqlite.WEIGHTS),
            function="bm25",
            template="(-%(function)s(%(expressions)s))",
            output_field=FloatField(),
        )
        return queryset.filter(search_entry__index__match=matching).annotate(rank=bm25)
    # An alternative with exclusions alone: FTS5 cannot rank what it does not
    # match, so these are listed by date (rank 0), as matched.
    select = (
        f"SELECT rowid FROM {search_sqlite.FTS_TABLE} WHERE {search_sqlite.FTS_TABLE} MATCH %s"
    )
    condition = ~Q(pk__in=RawSQL(select, [unless]))
    if matching:
        condition |= Q(pk__in=RawSQL(select, [matching]))
    return queryset.filter(condition).annotate(rank=Value(0.0))


def _plain_search(queryset: QuerySet[Telegram], parsed: ParsedQuery) -> QuerySet[Telegram]:
    """Every required word somewhere, as typed: SQLite without FTS5 (the page says so)."""
    for word in (w for term in parsed.terms if not term.negated for w in term.tokens):
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
    parsed = parsed_query(query)
    if not telegram_ids or parsed.is_empty:
        return {}
    if is_postgres():
        options = f"StartSel={_START}, StopSel={_STOP}, MaxFragments=2, MaxWords=30, MinWords=12"
        with connection.cursor() as cursor:
            cursor.execute(
                f"""SELECT id, ts_headline('{CONFIG}', {_PLAIN_BODY.format("body")},
                        websearch_to_tsquery('{CONFIG}', %s), %s)
                    FROM archive_telegram WHERE id = ANY(%s)""",
                [parsed.websearch(), options, telegram_ids],
            )
            raw = dict(cursor.fetchall())
        return {pk: _marked(text) for pk, text in raw.items()}
    match = parsed.highlight_fts5()
    if match is None:
        return {}  # exclusions only: nothing to mark; the list shows excerpts
    if search_sqlite.available():
        raw = search_sqlite.snippets(telegram_ids, match, _START, _STOP)
        return {pk: _marked(text) for pk, text in raw.items()}
    words = [w for term in parsed.terms if not term.negated for w in term.tokens]
    rows = Telegram.objects.filter(pk__in=telegram_ids).values_list("pk", "body")
    return {pk: _python_snippet(body, words) for pk, body in rows}


def _marked(text: str) -> str:
    return html.escape(text).replace(_START, "<mark>").replace(_STOP, "</mark>")


def _python_snippet(body: str, terms: list[str], width: int = 220) -> str:
    body = plain_text(body)
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


class SearchTimeout(Exception):
    """A search ran past its time limit and was stopped."""


def _timed_out(error: OperationalError) -> bool:
    cause = error.__cause__
    if is_postgres():
        from psycopg.errors import QueryCanceled

        return isinstance(cause, QueryCanceled)
    return "interrupted" in str(error)


@contextmanager
def time_limit(seconds: float | None = None) -> Iterator[None]:
    """Stop every query run inside after ``seconds``; raise :class:`SearchTimeout`.

    PostgreSQL: ``statement_timeout`` for this transaction only (restored if
    an outer transaction goes on). SQLite: a progress handler that
    interrupts the statement once the time is up. Either way no request can
    hold a worker with one expensive query. ``seconds`` defaults to
    :data:`SEARCH_SECONDS`.
    """
    seconds = SEARCH_SECONDS if seconds is None else seconds
    try:
        if is_postgres():
            outer = connection.in_atomic_block
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT current_setting('statement_timeout'), "
                        "set_config('statement_timeout', %s, true)",
                        [f"{max(1, int(seconds * 1000))}ms"],
                    )
                    previous = cursor.fetchone()[0]
                yield
                if outer:
                    with connection.cursor() as cursor:
                        cursor.execute(
                            "SELECT set_config('statement_timeout', %s, true)", [previous]
                        )
        else:
            connection.ensure_connection()
            raw = connection.connection
            deadline = time.monotonic() + seconds
            raw.set_progress_handler(lambda: int(time.monotonic() > deadline), 2000)
            try:
                yield
            finally:
                raw.set_progress_handler(None, 0)
    except OperationalError as error:
        if _timed_out(error):
            raise SearchTimeout(f"stopped after {seconds:g} s") from error
        raise


def limited(chunks: Iterable, seconds: float | None = None) -> Iterator:
    """A streamed download's chunks, its queries under :func:`time_limit`."""
    with time_limit(DOWNLOAD_SECONDS if seconds is None else seconds):
        yield from chunks
