"""The Editor group: everything on archive records except deleting documents."""

from django.db import migrations

from archive.migrations._editor_group import grant_editor

MODELS = ["telegram", "person", "place", "footnote", "annotation", "personmention", "placemention"]


def create_editor_group(apps, schema_editor):
    codenames = []
    for model in MODELS:
        codenames += [f"view_{model}", f"add_{model}", f"change_{model}"]
        codenames += [f"import_{model}", f"export_{model}"]
        if model != "telegram":
            codenames.append(f"delete_{model}")
    codenames += ["merge_person", "merge_place", "view_merge"]
    grant_editor(apps, codenames, replace=True)


def remove_editor_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editor").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0003_history_versions_merges"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editor_group, remove_editor_group)]
