"""The editors' workplace: every record searchable, filterable and correctable.

Whatever an editor changes on a Telegram, Person or Place is recorded in
``protected_fields`` so that no later import overwrites it.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db.models import Count

from . import search
from .models import (
    Annotation,
    Footnote,
    Person,
    PersonMention,
    Place,
    PlaceMention,
    Telegram,
)


class ProtectOnSaveMixin:
    """Mark every field an editor changed as protected from re-import."""

    def save_model(self, request, obj, form, change):
        if change:
            obj.protect(form.changed_data)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self.refresh_search(form.instance)

    def refresh_search(self, obj) -> None:
        """Keep the public search index current with what the editor saved."""


class FootnoteInline(admin.TabularInline):
    model = Footnote
    extra = 0
    fields = ["order", "marker", "location", "anchor_text", "text", "person", "place"]
    autocomplete_fields = ["person", "place"]


class AnnotationInline(admin.TabularInline):
    model = Annotation
    fk_name = "telegram"
    extra = 0
    fields = ["kind", "quote", "text", "person", "place", "target", "is_public", "anchor_status"]
    autocomplete_fields = ["person", "place", "target"]


class PersonMentionInline(admin.TabularInline):
    model = PersonMention
    extra = 0
    fields = ["person", "role", "surface", "occurrences", "status", "uncertain", "notes"]
    autocomplete_fields = ["person"]


class PlaceMentionInline(admin.TabularInline):
    model = PlaceMention
    extra = 0
    fields = ["place", "role", "surface", "occurrences", "status", "uncertain", "notes"]
    autocomplete_fields = ["place"]


@admin.register(Telegram)
class TelegramAdmin(ProtectOnSaveMixin, admin.ModelAdmin):
    def refresh_search(self, obj) -> None:
        search.update_search_vectors([obj.pk])

    list_display = [
        "identifier",
        "file_number",
        "kind",
        "date_text",
        "sender",
        "recipient",
        "origin",
        "review_status",
        "is_public",
    ]
    list_filter = ["kind", "review_status", "is_public", "origin"]
    search_fields = [
        "identifier",
        "file_number",
        "heading",
        "body",
        "sender__name",
        "recipient__name",
    ]
    autocomplete_fields = ["sender", "recipient", "origin"]
    list_select_related = ["sender", "recipient", "origin"]
    date_hierarchy = "date_earliest"
    readonly_fields = [
        "source_file",
        "source_sha256",
        "imported_at",
        "updated_at",
        "source_text",
        "protected_fields",
    ]
    inlines = [FootnoteInline, AnnotationInline, PersonMentionInline, PlaceMentionInline]
    fieldsets = [
        (
            None,
            {"fields": ["identifier", "file_number", "source_note", "kind", "heading"]},
        ),
        (
            "Correspondents",
            {"fields": [("sender", "sender_role"), ("recipient", "recipient_role"), "origin"]},
        ),
        (
            "Date",
            {
                "fields": [
                    "serial_number",
                    "dateline",
                    "date_text",
                    ("date_earliest", "date_latest"),
                    "received_text",
                ]
            },
        ),
        ("Text", {"fields": ["body", "signature"]}),
        ("Editorial", {"fields": ["review_status", "is_public", "notes", "protected_fields"]}),
        (
            "Provenance",
            {
                "classes": ["collapse"],
                "fields": [
                    "source_file",
                    "source_sha256",
                    "imported_at",
                    "updated_at",
                    "source_text",
                ],
            },
        ),
    ]


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
        lines = (value or "").splitlines() if isinstance(value, str) else list(value or [])
        return list(dict.fromkeys(line.strip() for line in lines if line.strip()))

    def has_changed(self, initial, data):
        return self.to_python(initial or []) != self.to_python(data)


class AuthorityForm(forms.ModelForm):
    aliases = AliasesField()


class AuthorityAdmin(ProtectOnSaveMixin, admin.ModelAdmin):
    form = AuthorityForm
    readonly_fields = ["protected_fields", "created_at", "updated_at"]


@admin.register(Person)
class PersonAdmin(AuthorityAdmin):
    def refresh_search(self, obj) -> None:
        search.update_for_person(obj.pk)

    list_display = ["name", "surname", "description", "needs_review", "wikidata_id", "documents"]
    list_filter = ["needs_review"]
    search_fields = ["name", "surname", "forenames", "aliases", "description", "authority_key"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(document_count=Count("mentions__telegram", distinct=True))
            .order_by("surname", "name", "pk")  # GROUP BY drops Meta.ordering
        )

    @admin.display(description="documents", ordering="document_count")
    def documents(self, obj) -> int:
        return obj.document_count


@admin.register(Place)
class PlaceAdmin(AuthorityAdmin):
    def refresh_search(self, obj) -> None:
        search.update_for_place(obj.pk)

    list_display = [
        "name",
        "kind",
        "parent",
        "needs_review",
        "geonames_id",
        "wikidata_id",
        "documents",
    ]
    list_filter = ["kind", "needs_review"]
    search_fields = ["name", "aliases", "description", "authority_key"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(document_count=Count("mentions__telegram", distinct=True))
            .order_by("name", "pk")  # GROUP BY drops Meta.ordering
        )

    @admin.display(description="documents", ordering="document_count")
    def documents(self, obj) -> int:
        return obj.document_count


@admin.register(Footnote)
class FootnoteAdmin(admin.ModelAdmin):
    list_display = ["__str__", "telegram", "marker", "location", "person", "place"]
    list_filter = ["location"]
    search_fields = ["text", "anchor_text", "telegram__file_number", "telegram__identifier"]
    autocomplete_fields = ["telegram", "person", "place"]
    list_select_related = ["telegram", "person", "place"]


@admin.register(Annotation)
class AnnotationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "telegram", "kind", "anchor_status", "is_public", "author"]
    list_filter = ["kind", "anchor_status", "is_public"]
    search_fields = ["quote", "text", "telegram__file_number", "telegram__identifier"]
    autocomplete_fields = ["telegram", "person", "place", "target", "author"]
    list_select_related = ["telegram", "author"]


@admin.register(PersonMention)
class PersonMentionAdmin(admin.ModelAdmin):
    list_display = ["person", "role", "telegram", "surface", "occurrences", "status", "uncertain"]
    list_filter = ["role", "status", "uncertain"]
    search_fields = ["surface", "person__name", "telegram__file_number", "telegram__identifier"]
    autocomplete_fields = ["telegram", "person"]
    list_select_related = ["telegram", "person"]


@admin.register(PlaceMention)
class PlaceMentionAdmin(admin.ModelAdmin):
    list_display = ["place", "role", "telegram", "surface", "occurrences", "status", "uncertain"]
    list_filter = ["role", "status", "uncertain"]
    search_fields = ["surface", "place__name", "telegram__file_number", "telegram__identifier"]
    autocomplete_fields = ["telegram", "place"]
    list_select_related = ["telegram", "place"]
