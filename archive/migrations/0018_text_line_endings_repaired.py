"""Repair text stored with CR line endings, and protection that was never earned.

Until the admin normalised what browsers post, saving a document's page
stored its body with CRLF line endings and protected the body (and any text
field) though the editor had changed nothing. This migration

1. rewrites every text value holding a CR or trailing spaces at a line's end
   in normal form (the rule of ``archive.normalise``, copied here so that a
   later change of the app cannot change what this migration did), and
2. removes from ``protected_fields`` every field whose value now equals the
   value the last import (or authority list load) wrote, as its history
   shows: such a field was never really changed by an editor.

History rows are repaired too, so that the history pages and the comparison
of versions do not show the line endings as a change.
"""

import contextlib
import re

from django.conf import settings
from django.db import migrations, models

LINE_END = re.compile(r"\r\n?")
TRAILING = re.compile(r"[ \t]+(?=\n|\Z)")
VERBATIM = {"source_text"}
EXACT = {"quote", "prefix", "suffix"}
MODELS = [
    "Telegram",
    "Person",
    "Place",
    "Footnote",
    "Annotation",
    "PersonMention",
    "PlaceMention",
    "CountryCode",
    "TelegramReference",
    "OfficeHolding",
    "Merge",
    "UnmatchedName",
]
PROTECTABLE = ["Telegram", "Person", "Place"]


def normalise(value, exact=False):
    if not value:
        return value
    text = LINE_END.sub("\n", value)
    if exact:
        return text
    text = TRAILING.sub("", text)
    return text.rstrip("\n") if text.endswith("\n") else text


def text_columns(model):
    return [
        (f.attname, f.name in EXACT)
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField) and f.name not in VERBATIM
    ]


def repair_text(model):
    columns = text_columns(model)
    if not columns:
        return
    suspect = models.Q()
    for column, exact in columns:
        suspect |= models.Q(**{f"{column}__contains": "\r"})
        if not exact:
            suspect |= models.Q(**{f"{column}__contains": " \n"})
            suspect |= models.Q(**{f"{column}__endswith": " "})
            suspect |= models.Q(**{f"{column}__endswith": "\n"})
    names = [column for column, _ in columns]
    for row in model.objects.filter(suspect).only("pk", *names).iterator():
        changes = {}
        for column, exact in columns:
            value = getattr(row, column)
            if isinstance(value, str) and normalise(value, exact) != value:
                changes[column] = normalise(value, exact)
        if changes:
            model.objects.filter(pk=row.pk).update(**changes)


def unearned_protection(apps, name):
    model = apps.get_model("archive", name)
    history = apps.get_model("archive", f"Historical{name}")
    script = settings.ARCHIVE_SCRIPT_USERNAME
    for record in model.objects.exclude(protected_fields=[]).iterator():
        protected = list(record.protected_fields or [])
        if not protected:
            continue
        imported = (
            history.objects.filter(id=record.pk)
            .filter(models.Q(history_user__isnull=True) | models.Q(history_user__username=script))
            .order_by("-history_date", "-history_id")
            .first()
        )
        if imported is None:
            continue
        kept = []
        for field in protected:
            try:
                attname = model._meta.get_field(field).attname
            except Exception:
                continue  # a name that is no longer a field protects nothing
            now, then = getattr(record, attname), getattr(imported, attname, None)
            if isinstance(now, str) and isinstance(then, str):
                now, then = normalise(now), normalise(then)
            if now != then:
                kept.append(field)
        if kept != protected:
            model.objects.filter(pk=record.pk).update(protected_fields=kept)


def forwards(apps, schema_editor):
    for name in MODELS:
        repair_text(apps.get_model("archive", name))
        with contextlib.suppress(LookupError):  # a model without history
            repair_text(apps.get_model("archive", f"Historical{name}"))
    for name in PROTECTABLE:
        unearned_protection(apps, name)


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0017_identifiers_validated"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
