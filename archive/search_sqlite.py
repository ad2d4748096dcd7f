"""SQLite's full-text index: FTS5 over the same text PostgreSQL's vector holds.

``archive_search_text`` keeps, per document, the three texts PostgreSQL
weighs (heading with the names of linked people and places; the body as
plain text; the footnotes). ``archive_search_fts`` is an external-content
FTS5 table over it: it stores only the index, reads the text back for
snippets, and is kept in step by triggers on ``archive_search_text`` (so an
entry is always removed with exactly the text it was indexed with). A
trigger on ``archive_telegram`` drops a deleted document's entry; the rest
is refreshed from the places that refresh PostgreSQL's vector
(:func:`archive.search.update_search_vectors`).

The tables exist only on SQLite, and only where SQLite was built with FTS5
(migration ``0022``, or ``manage.py rebuild_search_index`` later). Where
they are missing, search says so on the page (see :func:`available`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache

from django.db import connection

from .text.markup import plain_text

TEXT_TABLE = "archive_search_text"
FTS_TABLE = "archive_search_fts"
# PostgreSQL's default weights for its A, B and C parts (heading and names,
# body, footnotes), so that both databases rank alike.
WEIGHTS = (1.0, 0.4, 0.2)
# Stemmed like PostgreSQL's ``english`` configuration (Porter), accents kept
# as PostgreSQL keeps them.
TOKENIZE = "porter unicode61 remove_diacritics 0"

CREATE = [
    f"""CREATE TABLE IF NOT EXISTS {TEXT_TABLE} (
        id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL, notes TEXT NOT NULL)""",
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(
        title, body, notes, content='{TEXT_TABLE}', content_rowid='id', tokenize='{TOKENIZE}')""",
    f"""CREATE TRIGGER IF NOT EXISTS {TEXT_TABLE}_ai AFTER INSERT ON {TEXT_TABLE} BEGIN
        INSERT INTO {FTS_TABLE}(rowid, title, body, notes)
        VALUES (new.id, new.title, new.body, new.notes); END""",
    f"""CREATE TRIGGER IF NOT EXISTS {TEXT_TABLE}_ad AFTER DELETE ON {TEXT_TABLE} BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, body, notes)
        VALUES ('delete', old.id, old.title, old.body, old.notes); END""",
    f"""CREATE TRIGGER IF NOT EXISTS {TEXT_TABLE}_au AFTER UPDATE ON {TEXT_TABLE} BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, body, notes)
        VALUES ('delete', old.id, old.title, old.body, old.notes);
        INSERT INTO {FTS_TABLE}(rowid, title, body, notes)
        VALUES (new.id, new.title, new.body, new.notes); END""",
    f"""CREATE TRIGGER IF NOT EXISTS archive_telegram_search_ad AFTER DELETE ON archive_telegram
        BEGIN DELETE FROM {TEXT_TABLE} WHERE id = old.id; END""",
]

# Heading, then each linked person or place (not rejected) with the forms the
# text uses, as in archive.search's SQL for PostgreSQL.
_TEXTS_SQL = """
SELECT t.id, t.heading || ' ' || coalesce((
        SELECT group_concat(x, ' ') FROM (
            SELECT pe.name || ' ' || coalesce(group_concat(pm.surface, ' '), '') AS x
            FROM archive_personmention pm JOIN archive_person pe ON pe.id = pm.person_id
            WHERE pm.telegram_id = t.id AND pm.status <> 'rejected' GROUP BY pe.name
            UNION ALL
            SELECT pl.name || ' ' || coalesce(group_concat(lm.surface, ' '), '')
            FROM archive_placemention lm JOIN archive_place pl ON pl.id = lm.place_id
            WHERE lm.telegram_id = t.id AND lm.status <> 'rejected' GROUP BY pl.name)), ''),
    t.body,
    coalesce((SELECT group_concat(f.text, ' ') FROM archive_footnote f
              WHERE f.telegram_id = t.id), '')
FROM archive_telegram t WHERE t.id IN ({})
"""
_CHUNK = 500


@cache
def fts5_compiled() -> bool:
    """Whether this SQLite library has FTS5 (a property of the library, so asked once)."""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA compile_options")
        options = {row[0] for row in cursor.fetchall()}
    return "ENABLE_FTS5" in options


def available() -> bool:
    """FTS5 is in the library and the index tables exist (one small query)."""
    if not fts5_compiled():
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [FTS_TABLE])
        return cursor.fetchone() is not None


def create() -> bool:
    """Create the tables and triggers if FTS5 is there; ``True`` if the index exists."""
    if not fts5_compiled():
        return False
    with connection.cursor() as cursor:
        for statement in CREATE:
            cursor.execute(statement)
    return True


def _write(rows: Sequence[tuple[int, str, str, str]]) -> None:
    ids = [row[0] for row in rows]
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {TEXT_TABLE} WHERE id IN ({', '.join(['%s'] * len(ids))})", ids
        )
        cursor.executemany(
            f"INSERT INTO {TEXT_TABLE} (id, title, body, notes) VALUES (%s, %s, %s, %s)",
            [(pk, title, plain_text(body), notes) for pk, title, body, notes in rows],
        )


def refresh(ids: Iterable[int]) -> None:
    """Index these documents again from the database (their text, links and footnotes)."""
    ids = sorted(set(ids))
    if not ids or not available():
        return
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        with connection.cursor() as cursor:
            cursor.execute(_TEXTS_SQL.format(", ".join(["%s"] * len(chunk))), chunk)
            rows = cursor.fetchall()
        missing = set(chunk) - {row[0] for row in rows}
        if missing:  # documents deleted meanwhile
            with connection.cursor() as cursor:
                cursor.execute(
                    f"DELETE FROM {TEXT_TABLE} WHERE id IN ({', '.join(['%s'] * len(missing))})",
                    list(missing),
                )
        if rows:
            _write(rows)


def index_new(rows: Sequence[tuple[int, str, str, str]]) -> None:
    """Index new documents from text at hand: (id, heading and names, body, footnotes)."""
    if not rows or not available():
        return
    for start in range(0, len(rows), _CHUNK):
        _write(rows[start : start + _CHUNK])


def rebuild() -> int:
    """Index every document afresh; the number indexed (0 without FTS5)."""
    if not create():
        return 0
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TEXT_TABLE}")
        cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('delete-all')")
        cursor.execute("SELECT id FROM archive_telegram")
        ids = [row[0] for row in cursor.fetchall()]
    refresh(ids)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")
    return len(ids)


def snippets(ids: list[int], match: str, start: str, stop: str) -> dict[int, str]:
    """Body snippets with the terms of ``match`` between ``start`` and ``stop``."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT rowid, snippet({FTS_TABLE}, 1, %s, %s, '…', 30) FROM {FTS_TABLE}
                WHERE {FTS_TABLE} MATCH %s AND rowid IN ({", ".join(["%s"] * len(ids))})""",
            [start, stop, match, *ids],
        )
        return dict(cursor.fetchall())
