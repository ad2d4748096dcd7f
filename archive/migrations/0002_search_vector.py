import django.contrib.postgres.search
from django.db import migrations


def create_gin_index(apps, schema_editor):
    """GIN is PostgreSQL's; SQLite searches without a vector (see archive/search.py)."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS telegram_search_gin "
            "ON archive_telegram USING gin (search_vector)"
        )


def drop_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS telegram_search_gin")


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="telegram",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False,
                help_text="Full-text index (PostgreSQL); kept by the code.",
                null=True,
            ),
        ),
        migrations.RunPython(create_gin_index, drop_gin_index),
    ]
