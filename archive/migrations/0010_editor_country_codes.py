"""Editors also keep the decimal file's country codes."""

from django.db import migrations

from archive.migrations._editor_group import grant_editor

CODENAMES = [
    "view_countrycode",
    "add_countrycode",
    "change_countrycode",
    "delete_countrycode",
    "import_countrycode",
    "export_countrycode",
]


def grant(apps, schema_editor):
    grant_editor(apps, CODENAMES)


class Migration(migrations.Migration):
    dependencies = [("archive", "0009_country_code_history")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
