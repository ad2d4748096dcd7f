"""What every archive admin shares: protection, versions, history, exchange."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import connection
from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from .. import search
from ..paginators import EstimatedPaginator
from .history import ReadableHistoryMixin, changed_labels


class LinkedOnlyFilter(admin.RelatedOnlyFieldListFilter):
    """The people or places a column links to, found by skipping through its index.

    Django's filter asks for the DISTINCT values of the column over every
    document (10 ms each at 100,000 documents, three of them on every page
    of the list). On PostgreSQL a recursive query hops from one value to the
    next in the column's index instead, one probe per distinct value.
    """

    def field_choices(self, field, request, model_admin):
        if connection.vendor != "postgresql":
            return super().field_choices(field, request, model_admin)
        quote = connection.ops.quote_name
        table, column = quote(model_admin.model._meta.db_table), quote(field.column)
        with connection.cursor() as cursor:
            cursor.execute(
                f"""WITH RECURSIVE linked(id) AS (
                        (SELECT {column} FROM {table} WHERE {column} IS NOT NULL
                         ORDER BY {column} LIMIT 1)
                        UNION ALL
                        SELECT (SELECT {column} FROM {table} WHERE {column} > linked.id
                                ORDER BY {column} LIMIT 1)
                        FROM linked WHERE linked.id IS NOT NULL
                    )
                    SELECT id FROM linked WHERE id IS NOT NULL"""
            )
            ids = [row[0] for row in cursor.fetchall()]
        ordering = self.field_admin_ordering(field, request, model_admin)
        return field.get_choices(
            include_blank=False, limit_choices_to={"pk__in": ids}, ordering=ordering
        )


class VersionedForm(forms.ModelForm):
    """Refuses a save when someone else saved the record after this form was loaded."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        loaded = cleaned.get("loaded_version")
        if not self.instance.pk or loaded is None:
            return cleaned
        model = type(self.instance)
        current = model.objects.select_for_update().filter(pk=self.instance.pk).first()
        if current is None:
            raise ValidationError("This record was deleted by another editor while you worked.")
        if current.version != loaded:
            changes = self._their_changes(current)
            raise ValidationError(
                "Another editor saved this record after you opened it, so your save was "
                "refused to keep their work. Their changes: "
                + ("; ".join(changes) if changes else "none in the fields shown here")
                + ". Reload the page, then make your correction again."
            )
        return cleaned

    def _their_changes(self, current) -> list[str]:
        """What changed between the version this editor loaded and the one saved since."""
        history = getattr(current, "history", None)
        loaded = (
            history.filter(version=self.cleaned_data["loaded_version"]).first()
            if history
            else None
        )
        if loaded is None:
            return []
        latest = history.first()
        delta = latest.diff_against(loaded)
        changes = []
        for change in delta.changes:
            field = self.fields.get(change.field)
            label = field.label if field is not None and field.label else change.field
            shown = str(change.new if change.new is not None else "")
            shown = shown if len(shown) <= 80 else shown[:77] + "…"
            changes.append(f"{label} is now “{shown}”")
        return changes

    def save(self, commit=True):
        if self.instance.pk:
            self.instance.version += 1
        return super().save(commit=commit)


class AliasesField(forms.CharField):
    """Aliases edited one per line, stored as a JSON list."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", "One form of the name per line, as printed.")
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value):
        lines = value.splitlines() if isinstance(value, str) else list(value or [])
        return list(dict.fromkeys(line.strip() for line in lines if line.strip()))

    def has_changed(self, initial, data):
        return self.to_python(initial or []) != self.to_python(data)


class ArchiveAdmin(ReadableHistoryMixin, ImportExportMixin, SimpleHistoryAdmin):
    """History with revert, spreadsheet exchange, and protection of what editors change."""

    form = VersionedForm
    history_list_display = ["changed_fields"]
    list_per_page = 50
    # Lists of tens of thousands of rows and more: counted exactly up to
    # 1,000 and estimated above (see archive.paginators.EstimatedPaginator).
    estimated_counts = False

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        if self.estimated_counts:
            return EstimatedPaginator(
                queryset, per_page, orphans, allow_empty_first_page, cap=search.RANK_LIMIT
            )
        return super().get_paginator(request, queryset, per_page, orphans, allow_empty_first_page)

    def get_changelist_form(self, request, **kwargs):
        kwargs.setdefault("form", VersionedForm)  # list edits raise the version too
        return super().get_changelist_form(request, **kwargs)

    def save_model(self, request, obj, form, change):
        if change and hasattr(obj, "protect"):
            obj.protect(form.changed_data)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self.after_save(request, form.instance)

    def after_save(self, request, obj) -> None:
        """Keep derived data (search index, anchors) current with what was saved."""

    def changed_fields(self, historical) -> str:
        return changed_labels(self.model, historical)

    changed_fields.short_description = "fields changed"


class VersionedInline:
    """Inline rows get the same stale-save check as the page they sit on."""

    form = VersionedForm
