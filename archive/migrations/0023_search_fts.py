"""SQLite's full-text index (FTS5), the same text PostgreSQL's vector holds.

On SQLite with FTS5: a table of each document's searchable text and an
external-content FTS5 table over it, with the triggers that keep them in
step, filled from the documents. Nothing happens on PostgreSQL, nor on a
SQLite built without FTS5 (search then says on the page that it is plain;
``manage.py rebuild_search_index`` creates the index later). The model is
unmanaged: only its joins are used. The SQL and the text cleaning are this
migration's own copies (archive.search_sqlite and archive.rendering keep
the live ones).
"""

import re

import django.db.models.deletion
from django.db import migrations, models

import archive.models

TOKENIZE = "porter unicode61 remove_diacritics 0"
CREATE = [
    """CREATE TABLE IF NOT EXISTS archive_search_text (
        id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL, notes TEXT NOT NULL)""",
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS archive_search_fts USING fts5(
        title, body, notes, content='archive_search_text', content_rowid='id',
        tokenize='{TOKENIZE}')""",
    """CREATE TRIGGER IF NOT EXISTS archive_search_text_ai AFTER INSERT ON archive_search_text
        BEGIN INSERT INTO archive_search_fts(rowid, title, body, notes)
        VALUES (new.id, new.title, new.body, new.notes); END""",
    """CREATE TRIGGER IF NOT EXISTS archive_search_text_ad AFTER DELETE ON archive_search_text
        BEGIN INSERT INTO archive_search_fts(archive_search_fts, rowid, title, body, notes)
        VALUES ('delete', old.id, old.title, old.body, old.notes); END""",
    """CREATE TRIGGER IF NOT EXISTS archive_search_text_au AFTER UPDATE ON archive_search_text
        BEGIN INSERT INTO archive_search_fts(archive_search_fts, rowid, title, body, notes)
        VALUES ('delete', old.id, old.title, old.body, old.notes);
        INSERT INTO archive_search_fts(rowid, title, body, notes)
        VALUES (new.id, new.title, new.body, new.notes); END""",
    """CREATE TRIGGER IF NOT EXISTS archive_telegram_search_ad AFTER DELETE ON archive_telegram
        BEGIN DELETE FROM archive_search_text WHERE id = old.id; END""",
]
DROP = [
    "DROP TRIGGER IF EXISTS archive_telegram_search_ad",
    "DROP TABLE IF EXISTS archive_search_fts",
    "DROP TABLE IF EXISTS archive_search_text",
]
FILL = """
INSERT INTO archive_search_text (id, title, body, notes)
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
FROM archive_telegram t
"""
FOOTNOTE_REF = re.compile(r"\[\^[0-9]+[a-d]?\]")
PAGE_MARKER = re.compile(r"\[Page [^]]+\]")


def plain(body):
    return " ".join(PAGE_MARKER.sub(" ", FOOTNOTE_REF.sub("", body or "")).split())


def create_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA compile_options")
        if "ENABLE_FTS5" not in {row[0] for row in cursor.fetchall()}:
            return
        for statement in CREATE:
            cursor.execute(statement)
        # The body is indexed as plain text: filled as stored, then cleaned
        # (the update trigger re-indexes each cleaned row).
        cursor.execute(FILL)
        cursor.execute("SELECT id, body FROM archive_search_text")
        cleaned = [(plain(body), pk) for pk, body in cursor.fetchall()]
        cursor.executemany("UPDATE archive_search_text SET body = %s WHERE id = %s", cleaned)


def drop_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for statement in DROP:
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0022_citation"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "telegram",
                    models.OneToOneField(
                        db_column="rowid",
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="search_entry",
                        serialize=False,
                        to="archive.telegram",
                    ),
                ),
                ("title", models.TextField()),
                ("body", models.TextField()),
                ("notes", models.TextField()),
                ("index", archive.models.FullTextField(db_column="archive_search_fts")),
            ],
            options={
                "db_table": "archive_search_fts",
                "managed": False,
            },
        ),
        migrations.RunPython(create_index, drop_index),
    ]
