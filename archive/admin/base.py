"""What every archive admin shares: protection, versions, history, exchange."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.forms.models import model_to_dict
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import to_historic

from .. import search
from ..import_lock import ImportBusy, import_lock
from ..normalise import EXACT_FIELDS, is_normal, normalise_text
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
    """A form for one record: text in normal form, and a lock on that record alone.

    - Text fields are normalised (``archive.normalise``) as they arrive, so
      a textarea posted with CRLF compares equal to the stored text and an
      untouched field never counts as changed, and so is never protected.
    - ``loaded_version`` carries the version the editor loaded. A form with
      changes is refused when its record moved on since; a form without
      changes is never refused and never saved, so one editor's change to a
      mention does not lock another out of the footnotes of the same page.
    - On a history page ("revert to this version") the form is built from
      the old version, but the lock is on the record as it stood when the
      page was opened.
    """

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            self.data = self._normalised(self.data)
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.stored_version()
            if self.is_bound:
                self._compare_with_what_was_loaded()

    def _compare_with_what_was_loaded(self) -> None:
        """Judge "changed" against the version the editor saw, not the one stored now.

        Django compares posted values with the record as it is now; when
        another editor saved the row meanwhile, every value they changed
        would look changed by this editor too (and a save would silently
        undo their work). Compared with the loaded version from the
        history, a row this editor did not touch is left alone, and a row
        both changed is refused by :meth:`clean`.
        """
        try:
            loaded = int(self.data.get(self.add_prefix("loaded_version")) or "")
        except (TypeError, ValueError):
            return
        if loaded == self.instance.version or self.is_revert:
            return
        history = getattr(type(self.instance), "history", None)
        seen = history.filter(id=self.instance.pk, version=loaded).first() if history else None
        if seen is not None:
            snapshot = model_to_dict(seen.instance, fields=list(self.fields))
            self.initial.update({k: v for k, v in snapshot.items() if k in self.fields})

    def _normalised(self, data):
        """A copy of the posted data with every text field in normal form."""
        names = [
            (self.add_prefix(name), name in EXACT_FIELDS)
            for name, field in self.fields.items()
            if isinstance(field, forms.CharField)
        ]
        changes = {}
        for key, exact in names:
            value = data.get(key)
            if isinstance(value, str) and not is_normal(value, exact=exact):
                changes[key] = normalise_text(value, exact=exact)
        if not changes:
            return data
        data = data.copy()
        for key, value in changes.items():
            data[key] = value
        return data

    @property
    def is_revert(self) -> bool:
        return to_historic(self.instance) is not None

    def stored_version(self) -> int | None:
        """The record's version as stored now (a history page shows an older one)."""
        if not self.is_revert:
            return self.instance.version
        row = type(self.instance).objects.filter(pk=self.instance.pk).values("version").first()
        return row["version"] if row else None

    @cached_property
    def changed_data(self) -> list[str]:
        return [name for name in super().changed_data if name != "loaded_version"]

    def clean(self):
        cleaned = super().clean()
        loaded = cleaned.get("loaded_version")
        if not self.instance.pk or loaded is None:
            return cleaned
        if not self.has_changed() and not self.is_revert:
            return cleaned  # nothing of this record is saved: nothing to refuse
        model = type(self.instance)
        current = model.objects.select_for_update().filter(pk=self.instance.pk).first()
        if current is None:
            raise ValidationError("This record was deleted by another editor while you worked.")
        if current.version != loaded:
            changes = self._their_changes(current)
            raise ValidationError(
                "Another editor saved this record after you opened it, so your save was "
                f"refused to keep their work. Their changes to this {model._meta.verbose_name}: "
                + ("; ".join(changes) if changes else "none in the fields shown here")
                + ". Reload the page, then make your correction again."
            )
        self.current = current
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
            if change.field in INTERNAL_FIELDS:
                continue
            changes.append(f"{field_label(current, change.field)} is now {shown(change.new)}")
        return changes

    def save(self, commit=True):
        if self.instance.pk and (self.has_changed() or self.is_revert):
            loaded = self.cleaned_data.get("loaded_version")
            base = loaded if loaded is not None else self.stored_version()
            self.instance.version = (base or 0) + 1
        return super().save(commit=commit)


# Bookkeeping columns an editor never sets: left out of conflict messages.
INTERNAL_FIELDS = frozenset(
    {"version", "protected_fields", "updated_at", "search_vector", "start", "end"}
)


def field_label(obj, name: str) -> str:
    """The human label of a model field ("Wikidata id", "review status")."""
    try:
        return str(obj._meta.get_field(name).verbose_name)
    except Exception:  # a name that is no field (an annotation on a history row)
        return name.replace("_", " ")


def shown(value) -> str:
    """A value as an editor reads it in a message: quoted, cut, never 'None'."""
    if value is None or value == "" or value == []:
        return "empty"
    text = " ".join(str(value).split())
    text = text if len(text) <= 80 else text[:77] + "…"
    return f"“{text}”"


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
        """Save what the editor changed, protect it, and leave an unchanged record alone.

        A page saved without a change writes no row, no history and no new
        version. A revert (the history page's form, built from an old
        version) restores the fields the form shows and keeps the rest
        (provenance, counts, protected fields) as they stand today; every
        field it changes is protected, like any other editor's change.
        """
        reverting = to_historic(obj) is not None
        if change and not reverting and not form.has_changed():
            return
        if reverting:
            changed = self._restore_outside_form(obj, form)
            obj._change_reason = revert_reason(to_historic(obj), request.user)
        else:
            changed = form.changed_data if change else []
        if change and hasattr(obj, "protect"):
            obj.protect(changed)
        super().save_model(request, obj, form, change)
        if reverting:
            self.after_save(request, obj)

    def _restore_outside_form(self, obj, form) -> list[str]:
        """Fields the revert form does not show keep today's values; return what it changes."""
        current = getattr(form, "current", None) or type(obj).objects.get(pk=obj.pk)
        changed = []
        for field in obj._meta.concrete_fields:
            name = field.attname
            if field.primary_key or name == "version":
                continue
            if field.name not in form.fields:
                setattr(obj, name, getattr(current, name))
            elif getattr(obj, name) != getattr(current, name):
                changed.append(field.name)
        return changed

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # The lock check reads the row FOR UPDATE: it needs a transaction,
        # which the change page has and the history page does not.
        with transaction.atomic():
            return super().history_form_view(request, object_id, version_id, extra_context)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self.after_save(request, form.instance)

    def after_save(self, request, obj) -> None:
        """Keep derived data (search index, anchors) current with what was saved."""

    def changed_fields(self, historical) -> str:
        return changed_labels(self.model, historical)

    changed_fields.short_description = "fields changed"

    # A spreadsheet import writes the tables a command-line import writes:
    # one at a time (archive.import_lock), the preview as well as the import.
    def import_action(self, request, **kwargs):
        return self._one_import_at_a_time(request, super().import_action, **kwargs)

    def process_import(self, request, **kwargs):
        return self._one_import_at_a_time(request, super().process_import, **kwargs)

    def _one_import_at_a_time(self, request, view, **kwargs):
        if request.method != "POST":  # the upload form itself writes nothing
            return view(request, **kwargs)
        try:
            with import_lock():
                return view(request, **kwargs)
        except ImportBusy as busy:
            self.message_user(request, str(busy), level=messages.ERROR)
            return redirect(
                f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}_changelist"
            )


class VersionedInline:
    """Inline rows get the same stale-save check as the page they sit on."""

    form = VersionedForm


def revert_reason(historical, user) -> str:
    """The history note of a revert: "Reverted to the version of <date> by <user>"."""
    when = timezone.localtime(historical.history_date).strftime("%Y-%m-%d %H:%M")
    name = user.get_username() if user is not None else "a script"
    return f"Reverted to the version of {when} by {name}"
