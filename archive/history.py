"""Who changed what: the script user and helpers around django-simple-history.

django-simple-history was chosen over django-reversion because it keeps one
relational history table per model (queryable, filterable, indexable),
records bulk imports with ``bulk_create_with_history`` in a few INSERTs
instead of one serialised blob per object, and its admin shows each change
field by field with a "revert to this version" form.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model


def script_user():
    """The account imports and other scripts act as (never able to log in)."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=settings.ARCHIVE_SCRIPT_USERNAME,
        defaults={"is_active": False, "first_name": "Import", "last_name": "script"},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
