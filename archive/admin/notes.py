"""Footnotes, annotations and the merge log in the admin."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse

from .. import anchoring, unmerging
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
    """The log of merges: read-only, for the record, with "Undo this merge"."""

    list_display = [
        "absorbed_name",
        "kind",
        "absorbed_id",
        "kept_id",
        "user",
        "created_at",
        "undone_at",
    ]
    list_filter = ["kind", ("undone_at", admin.EmptyFieldListFilter)]
    search_fields = ["absorbed_name", "absorbed_key", "reason"]
    readonly_fields = [f.name for f in Merge._meta.fields]
    exclude = ["record"]
    actions = ["undo_merges"]

    def get_urls(self):
        return [
            path(
                "<int:merge_id>/undo/",
                self.admin_site.admin_view(self.undo_view),
                name="archive_merge_undo",
            ),
            *super().get_urls(),
        ]

    def has_undo_permission(self, request, merge: Merge | None = None) -> bool:
        kinds = [merge.kind] if merge else [k.value for k in Merge.Kind]
        return any(
            request.user.has_perm(f"archive.merge_{kind}")
            and request.user.has_perm(f"archive.add_{kind}")
            for kind in kinds
        )

    def _undo(self, request, merge: Merge) -> bool:
        if not self.has_undo_permission(request, merge):
            self.message_user(request, f"You may not undo {merge}.", messages.ERROR)
            return False
        try:
            notes = unmerging.undo(merge, user=request.user)
        except unmerging.UndoRefused as refused:
            self.message_user(request, f"{merge} was not undone: {refused}", messages.ERROR)
            return False
        self.message_user(request, f"Undid the merge {merge}.", messages.SUCCESS)
        for note in notes:
            self.message_user(request, note, messages.WARNING)
        return True

    @admin.action(description="Undo the selected merges", permissions=["undo"])
    def undo_merges(self, request, queryset):
        # The latest first: an earlier merge into a record merged later needs that undone.
        for merge in queryset.order_by("-created_at", "-pk"):
            self._undo(request, merge)

    def undo_view(self, request, merge_id: int):
        merge = get_object_or_404(Merge, pk=merge_id)
        if not self.has_undo_permission(request, merge):
            raise PermissionDenied
        back = reverse("admin:archive_merge_change", args=[merge.pk])
        if request.method == "POST":
            self._undo(request, merge)
            return HttpResponseRedirect(back)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Undo the merge of {merge.absorbed_name}",
            "opts": Merge._meta,
            "merge": merge,
            "problem": unmerging.refusal(merge),
            "moved": len(merge.record.get("moved", [])),
            "folded": len(merge.record.get("folded", [])),
            "back": back,
        }
        return TemplateResponse(request, "admin/archive/merge_undo.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra = {**(extra_context or {})}
        merge = Merge.objects.filter(pk=object_id).first() if object_id.isdigit() else None
        if merge is not None and not merge.undone_at and self.has_undo_permission(request, merge):
            extra["undo_url"] = reverse("admin:archive_merge_undo", args=[merge.pk])
        return super().change_view(request, object_id, form_url, extra)

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
