"""Editors also keep office holdings, reply threads and the unmatched names."""

from django.db import migrations

from archive.migrations._editor_group import grant_editor

CODENAMES = [
    *(f"{verb}_officeholding" for verb in ("view", "add", "change", "delete", "import", "export")),
    *(f"{verb}_telegramreference" for verb in ("view", "add", "change", "delete")),
    "view_unmatchedname",
    "change_unmatchedname",
]


def grant(apps, schema_editor):
    grant_editor(apps, CODENAMES)


class Migration(migrations.Migration):
    dependencies = [("archive", "0012_unmatched_names_offices")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
