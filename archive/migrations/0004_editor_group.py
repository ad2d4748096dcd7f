"""The Editor group: everything on archive records except deleting documents."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["telegram", "person", "place", "footnote", "annotation", "personmention", "placemention"]


def create_editor_group(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Editor")
    codenames = []
    for model in MODELS:
        codenames += [f"view_{model}", f"add_{model}", f"change_{model}"]
        codenames += [f"import_{model}", f"export_{model}"]
        if model != "telegram":
            codenames.append(f"delete_{model}")
    codenames += ["merge_person", "merge_place", "view_merge"]
    permissions = Permission.objects.filter(
        content_type__app_label="archive", codename__in=codenames
    )
    group.permissions.set(permissions)


def remove_editor_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editor").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0003_history_versions_merges"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editor_group, remove_editor_group)]
