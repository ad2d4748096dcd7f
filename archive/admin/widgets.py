"""Autocomplete fields that render the record already loaded, without asking again.

Django's autocomplete widget looks up its selected record with one query per
field per row: a document with twenty mentions and five annotations cost
thirty queries just to print the names already selected (51 queries for the
page). Here the change page's rows are read with their linked records
(``select_related``), and each widget is handed the record its row already
holds; a widget asked to show anything else (a bound form after an error)
falls back to Django's query.
"""

from __future__ import annotations

from functools import cache

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect, RelatedFieldWidgetWrapper
from django.db.models import Model
from django.urls import get_script_prefix, reverse

# A linked document is shown by its label only; its texts are never needed.
TELEGRAM_TEXTS = ("body", "source_text", "search_vector", "notes")


class LoadedAutocompleteSelect(AutocompleteSelect):
    """An autocomplete select that prints the record it was given instead of querying."""

    loaded: Model | None = None

    def get_url(self):
        return cached_reverse(self.url_name % self.admin_site.name)

    def optgroups(self, name, value, attr=None):
        selected = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        loaded = self.loaded
        if not selected or loaded is None or selected != {str(loaded.pk)}:
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required:
            options.append(self.create_option(name, "", "", False, 0))
        label = self.choices.field.label_from_instance(loaded)
        options.append(self.create_option(name, loaded.pk, label, selected, len(options)))
        return [(None, options, 0)]


@cache
def _reversed(name: str, prefix: str, args: tuple = (), current_app: str | None = None) -> str:
    return reverse(name, args=args, current_app=current_app)


def cached_reverse(name: str, args: tuple = (), current_app: str | None = None) -> str:
    """``reverse`` for the admin's own fixed addresses, computed once per script prefix.

    A change page asked for the same few addresses (the autocomplete view,
    a person's change page with ``__fk__`` in it) once per row: about
    eight hundred ``reverse`` calls for a document naming twenty people.
    """
    return _reversed(name, get_script_prefix(), tuple(args), current_app)


class CachedLinksWrapper(RelatedFieldWidgetWrapper):
    """The admin's wrapper of a linked record's box, with its link addresses cached."""

    def get_related_url(self, info, action, *args):
        app_label, model_name = info
        return cached_reverse(
            f"admin:{app_label}_{model_name}_{action}", args, self.admin_site.name
        )


class LoadedChoicesMixin:
    """For a ModelAdmin or an inline: autocomplete widgets fed from the rows read.

    ``loaded_related`` names the foreign keys read with each row; linked
    documents leave their long texts behind.
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        widget = getattr(formfield, "widget", None)
        if type(widget) is RelatedFieldWidgetWrapper:
            formfield.widget = CachedLinksWrapper(
                widget.widget,
                widget.rel,
                widget.admin_site,
                can_add_related=widget.can_add_related,
                can_change_related=widget.can_change_related,
                can_delete_related=widget.can_delete_related,
                can_view_related=widget.can_view_related,
            )
        return formfield

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = LoadedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        related = list(self.autocomplete_fields)
        if not related:
            return queryset
        queryset = queryset.select_related(*related)
        model = queryset.model
        skipped = [
            f"{name}__{text}"
            for name in related
            if model._meta.get_field(name).related_model._meta.model_name == "telegram"
            for text in TELEGRAM_TEXTS
        ]
        return queryset.defer(*skipped) if skipped else queryset


def hand_loaded_records(context: dict) -> None:
    """Give every autocomplete widget on a change page the record its row already holds."""
    forms = []
    adminform = context.get("adminform")
    if adminform is not None:
        forms.append(adminform.form)
    for inline in context.get("inline_admin_formsets", []):
        forms.extend(inline.formset.forms)
    for form in forms:
        instance = form.instance
        for name, field in form.fields.items():
            widget = field.widget
            if isinstance(widget, RelatedFieldWidgetWrapper):
                widget = widget.widget
            if not isinstance(widget, LoadedAutocompleteSelect):
                continue
            model_field = instance._meta.get_field(name)
            if model_field.is_cached(instance):
                widget.loaded = model_field.get_cached_value(instance)


def small_text(rows: int = 2, cols: int = 24) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "cols": cols, "class": "compact-text"})


def short_input(size: int) -> forms.TextInput:
    return forms.TextInput(attrs={"size": size, "class": "compact-input"})


class CompactInlineMixin:
    """A tabular inline that fits beside the admin's menu on a 1366-pixel screen.

    ``compact_widgets`` gives narrow widgets by field name (a TextField's
    default is a 40 × 10 textarea, which pushed the mention and footnote
    tables 700 pixels past the right edge); linked records keep only their
    "view" link, as adding or changing a person belongs on its own page.
    """

    compact_widgets: dict[str, forms.Widget] = {}
    template = "admin/archive/edit_inline/compact_tabular.html"

    def get_formset(self, request, obj=None, **kwargs):
        kwargs.setdefault("widgets", self.compact_widgets)
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and isinstance(formfield.widget, RelatedFieldWidgetWrapper):
            formfield.widget.can_add_related = False
            formfield.widget.can_change_related = False
            formfield.widget.can_delete_related = False
        return formfield
