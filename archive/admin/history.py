"""History pages an editor can read: labels, choices by name, long texts word by word.

The wording and the comparison are archive.diffing; this module only feeds
django-simple-history's pages with them.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from simple_history.template_utils import HistoricalRecordContextHelper

from .. import diffing


def readable_value(field: models.Field, value: Any) -> str:
    """A stored value as the change form would show it: choices by label, links by name."""
    if field.choices and value not in (None, ""):
        return str(dict(field.flatchoices).get(value, value))
    return diffing.display_value(value)


def describe_changes(model: type[models.Model], delta) -> list[dict[str, Any]]:
    """The changes of a simple-history delta as rows ``{field, old, new, diff}``.

    Internal fields (diffing.HIDDEN_FIELDS) are left out; a long text gets a
    word-level ``diff`` instead of ``old`` and ``new``.
    """
    rows = []
    for change in delta.changes:
        if change.field in diffing.HIDDEN_FIELDS:
            continue
        label = diffing.field_label(model, change.field)
        if diffing.is_long_text(model, change.field):
            diff = diffing.render_word_diff(change.old or "", change.new or "")
            rows.append({"field": label, "diff": diff})
            continue
        field = model._meta.get_field(change.field)
        rows.append(
            {
                "field": label,
                "old": readable_value(field, change.old),
                "new": readable_value(field, change.new),
            }
        )
    return rows


def changed_labels(model: type[models.Model], historical) -> str:
    """The fields one history row changed, by their labels (the list's short column)."""
    previous = historical.prev_record
    if previous is None:
        return "created"
    delta = historical.diff_against(previous)
    labels = [
        diffing.field_label(model, change.field)
        for change in delta.changes
        if change.field not in diffing.HIDDEN_FIELDS
    ]
    return ", ".join(labels) or "no field an editor sees changed"


class ReadableHistoryHelper(HistoricalRecordContextHelper):
    def context_for_delta_changes(self, delta) -> list[dict[str, Any]]:
        return describe_changes(self.model, delta)


class ReadableHistoryMixin:
    """For a SimpleHistoryAdmin: readable history list and version pages."""

    object_history_list_template = "admin/archive/object_history_list.html"
    object_history_form_template = "admin/archive/object_history_form.html"

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableHistoryHelper(self.model, historical_record)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """The version page also says what that version changed."""
        history = self.model.history
        pk_name = self.model._meta.pk.attname
        record = history.filter(**{pk_name: object_id, "history_id": version_id}).first()
        changes: list[dict[str, Any]] = []
        if record is not None and record.prev_record is not None:
            delta = record.diff_against(record.prev_record, foreign_keys_are_objs=True)
            changes = describe_changes(self.model, delta)
        context = {
            "version_record": record,
            "version_changes": changes,
            "version_is_first": record is not None and record.prev_record is None,
            **(extra_context or {}),
        }
        return super().history_form_view(request, object_id, version_id, context)
