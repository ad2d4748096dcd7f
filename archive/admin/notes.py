"""Footnotes, annotations and the merge log in the admin."""

from __future__ import annotations

from django import forms
from django.contrib import admin

from .. import anchoring
from ..models import AnchorStatus, Annotation, CountryCode, Footnote, Merge
from ..resources import AnnotationResource, CountryCodeResource, FootnoteResource
from .base import ArchiveAdmin, VersionedForm


class AnnotationForm(VersionedForm):
    """An editor marks a span by quoting it; the context is found for them."""

    class Meta:
        model = Annotation
        fields = "__all__"
        widgets = {
            "quote": forms.Textarea(attrs={"rows": 2}),
            "text": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "quote": "Copy the words from the body exactly; enough of them to mark one place.",
        }

    def clean(self):
        cleaned = super().clean()
        telegram = cleaned.get("telegram") or getattr(self.instance, "telegram", None)
        quote = cleaned.get("quote")
        if telegram is None or not quote:
            return cleaned
        if self.instance.pk and "quote" not in self.changed_data:
            return cleaned
        anchor = anchoring.anchor_new(telegram.body, quote)
        if isinstance(anchor, str):
            self.add_error("quote", anchor)
            return cleaned
        self.instance.start, self.instance.end = anchor.start, anchor.end
        self.instance.prefix, self.instance.suffix = anchor.prefix, anchor.suffix
        self.instance.anchor_status = AnchorStatus.ANCHORED
        return cleaned

    def save(self, commit=True):
        if not self.instance.author_id and self.request_user is not None:
            self.instance.author = self.request_user
        return super().save(commit=commit)

    request_user = None


@admin.register(Footnote)
class FootnoteAdmin(ArchiveAdmin):
    resource_classes = [FootnoteResource]
    list_display = [
        "__str__",
        "telegram",
        "marker",
        "location",
        "person",
        "place",
        "anchor_status",
    ]
    list_filter = ["location", "anchor_status"]
    search_fields = ["text", "anchor_text", "telegram__file_number", "telegram__identifier"]
    autocomplete_fields = ["telegram", "person", "place"]
    list_select_related = ["telegram", "person", "place"]
    show_full_result_count = False


@admin.register(Annotation)
class AnnotationAdmin(ArchiveAdmin):
    form = AnnotationForm
    resource_classes = [AnnotationResource]
    list_display = ["__str__", "telegram", "kind", "anchor_status", "is_public", "author"]
    list_filter = ["kind", "anchor_status", "is_public"]
    search_fields = ["quote", "text", "telegram__file_number", "telegram__identifier"]
    autocomplete_fields = ["telegram", "person", "place", "target"]
    list_select_related = ["telegram", "author"]
    readonly_fields = ["prefix", "suffix", "start", "end", "author"]
    show_full_result_count = False

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.request_user = request.user
        return form


@admin.register(Merge)
class MergeAdmin(admin.ModelAdmin):
    """The log of merges: read-only, for the record."""

    list_display = ["absorbed_name", "kind", "absorbed_id", "kept_id", "user", "created_at"]
    list_filter = ["kind"]
    search_fields = ["absorbed_name", "reason"]
    readonly_fields = [f.name for f in Merge._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CountryCode)
class CountryCodeAdmin(ArchiveAdmin):
    """The decimal file's country codes, each tied to its place."""

    resource_classes = [CountryCodeResource]
    list_display = ["code", "name", "place"]
    search_fields = ["code", "name", "place__name"]
    autocomplete_fields = ["place"]
    list_select_related = ["place"]
