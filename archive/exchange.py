"""Rules every spreadsheet import follows, whoever runs it.

Two kinds of import go through the resources of :mod:`archive.resources`:

* the import script (``import_seeds`` loading ``seeds/authorities/*.csv``,
  or code calling ``import_data`` without a user): it never overwrites a
  field an editor corrected, and its history rows name the script user;
* an editor's admin Import → Confirm: django-import-export passes
  ``user=request.user`` down to every row. That is an editor path like the
  change form, so every field whose value really changes is added to the
  record's ``protected_fields`` (the next ``import_seeds`` then leaves it
  alone), the version is raised (anyone with the record open is refused
  instead of overwriting it) and the history names the editor.

Either way a row is refused, with its row number in the admin preview and
no Confirm button, when the model refuses the value: the resources run the
model's ``full_clean`` (choices, identifier formats, dates) and read
booleans strictly.
"""

from __future__ import annotations

import json
from copy import deepcopy
from datetime import datetime

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from import_export import resources, widgets

from .history import script_user
from .normalise import normalise_instance

CHANGE_REASON_EDITOR = "admin import"
CHANGE_REASON_SCRIPT = "import"


def is_editor(user) -> bool:
    """Whether ``user`` is a person at the admin, not the import script or nobody."""
    return (
        user is not None
        and getattr(user, "is_authenticated", False)
        and user.get_username() != settings.ARCHIVE_SCRIPT_USERNAME
    )


class StrictBooleanWidget(widgets.BooleanWidget):
    """Yes or no, and nothing else: ``maybe`` is an error, not ``False``.

    django-import-export's widget reads every value it does not know as
    ``False``, so ``needs_review=maybe`` used to clear the flag silently.
    An empty cell means "not given" (the field's default).
    """

    TRUE_WORDS = frozenset({"1", "true", "yes", "y", "t"})
    FALSE_WORDS = frozenset({"0", "false", "no", "n", "f"})

    def clean(self, value, row=None, **kwargs):
        if value is None or isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        word = str(value).strip().lower()
        if word in ("", "none", "null"):
            return None
        if word in self.TRUE_WORDS:
            return True
        if word in self.FALSE_WORDS:
            return False
        raise ValueError(f"“{value}” is not yes or no: write true or false (or 1 or 0).")


class IsoDateTimeWidget(widgets.Widget):
    """A moment as ISO 8601 text with its microseconds and offset, in every format.

    django-import-export's widget writes ``%Y-%m-%d %H:%M:%S`` in local time
    (and, for XLSX, a spreadsheet date that keeps milliseconds at best), so
    a value read back differed from the one written: an editor's import of
    an untouched XLSX export "changed" every document's ``imported_at`` and
    protected it. Text is exact everywhere. Values written the old way, or
    spreadsheet dates, are still read (a moment without an offset is in the
    site's time zone).
    """

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        moment = value if isinstance(value, datetime) else parse_datetime(str(value).strip())
        if moment is None:
            raise ValueError(
                f"“{value}” is not a date and time such as 1934-03-05T10:11:12+00:00."
            )
        if settings.USE_TZ and timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if isinstance(value, datetime) else ""


class ExactJSONWidget(widgets.Widget):
    """A JSON field as JSON text, empty lists and objects included.

    The library's widget writes ``[]`` and ``{}`` as an empty cell and reads
    an empty cell as ``None``, so a record's empty ``protected_fields`` came
    back as JSON ``null``. An empty cell here means the field's default.
    """

    def __init__(self, default=None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.default = default

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return self.default() if callable(self.default) else self.default
        return json.loads(value) if isinstance(value, str) else value

    def render(self, value, obj=None, **kwargs):
        return json.dumps(value, ensure_ascii=False)


class ArchiveResource(resources.ModelResource):
    """A model resource that validates like the model and protects editors' imports."""

    WIDGETS_MAP = {
        **resources.ModelResource.WIDGETS_MAP,
        "BooleanField": StrictBooleanWidget,
        "NullBooleanField": StrictBooleanWidget,
        "DateTimeField": IsoDateTimeWidget,
        "JSONField": ExactJSONWidget,
    }

    @classmethod
    def widget_kwargs_for_field(cls, field_name, django_field):
        kwargs = super().widget_kwargs_for_field(field_name, django_field)
        if django_field.get_internal_type() == "JSONField":
            kwargs["default"] = django_field.default
        return kwargs

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        user = kwargs.get("user")
        self._acting = user if is_editor(user) else script_user()

    def _tracked_fields(self) -> dict[str, str]:
        """Model field name → attribute name, for every concrete field the import writes."""
        opts = self._meta.model._meta
        by_attname = {f.attname: f for f in opts.concrete_fields}
        tracked = {}
        for field in self.get_import_fields():
            attribute = field.attribute
            if not attribute or "__" in attribute:
                continue
            try:
                model_field = opts.get_field(attribute)
            except FieldDoesNotExist:
                model_field = by_attname.get(attribute)
            if model_field is None or not model_field.concrete:
                continue
            if model_field.name != "protected_fields":
                tracked[model_field.name] = model_field.attname
        return tracked

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        instance.protected_before_import = (
            [] if new else list(getattr(instance, "protected_fields", None) or [])
        )
        instance._values_before_import = (
            None
            if new
            else {
                name: deepcopy(getattr(instance, attname))
                for name, attname in self._tracked_fields().items()
            }
        )

    def changed_by_import(self, instance) -> list[str]:
        """The fields whose value this row really changes (none for a new record)."""
        before = getattr(instance, "_values_before_import", None)
        if before is None:
            return []
        return [
            name
            for name, attname in self._tracked_fields().items()
            if getattr(instance, attname) != before[name]
        ]

    def import_instance(self, instance, row, **kwargs):
        """Read the row, then bring its text to the archive's one normal form.

        A spreadsheet cell typed on Windows holds CRLF; compared before the
        rule, an untouched description would count as changed and be
        protected (see :mod:`archive.normalise`).
        """
        super().import_instance(instance, row, **kwargs)
        normalise_instance(instance)

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        user = getattr(self, "_acting", None) or script_user()
        changed = self.changed_by_import(instance)
        if changed and hasattr(instance, "version"):
            instance.version += 1
        if changed and is_editor(user) and hasattr(instance, "protect"):
            instance.protect(changed)
        instance._history_user = user
        instance._change_reason = CHANGE_REASON_EDITOR if is_editor(user) else CHANGE_REASON_SCRIPT
