"""The Editor group's permissions, granted by data migrations as models arrive.

This module belongs to the migrations (its name starts with ``_``, so
Django does not take it for one): migrations must not import live app code,
which may change after they were written, so it is frozen here with them.
"""

from __future__ import annotations

from django.contrib.auth.management import create_permissions


def grant_editor(apps, codenames: list[str], *, replace: bool = False) -> None:
    """Give the Editor group these archive permissions (creating both when missing)."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Editor")
    permissions = Permission.objects.filter(
        content_type__app_label="archive", codename__in=codenames
    )
    if replace:
        group.permissions.set(permissions)
    else:
        group.permissions.add(*permissions)
