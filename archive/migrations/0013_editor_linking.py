"""Editors also keep office holdings, reply threads and the unmatched names."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = [
    *(f"{verb}_officeholding" for verb in ("view", "add", "change", "delete", "import", "export")),
    *(f"{verb}_telegramreference" for verb in ("view", "add", "change", "delete")),
    "view_unmatchedname",
    "change_unmatchedname",
]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Editor")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="archive", codename__in=CODENAMES)
    )


class Migration(migrations.Migration):
    dependencies = [("archive", "0012_unmatched_names_offices")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
