"""References to other documents: the ones the machine could not link, with their candidates.

A reference several documents fit is left unlinked (a wrong thread is worse
than none) and lists those documents; the editor picks the target here or
on the citing document's page.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.html import format_html_join
from simple_history.admin import SimpleHistoryAdmin

from ..models import Telegram, TelegramReference

CANDIDATE_FIELDS = ("id", "identifier", "heading", "date_text", "serial_number")


def with_candidates(queryset):
    """References with their candidates read in one more query, long texts left behind."""
    return queryset.prefetch_related(
        Prefetch("candidates", queryset=Telegram.objects.only(*CANDIDATE_FIELDS))
    )


def candidate_links(reference: TelegramReference):
    """Each candidate as a link to its change page, with its date and number."""
    documents = list(reference.candidates.all()) if reference.pk else []
    if not documents:
        return "—"
    return format_html_join(
        "",
        '<div><a href="{}">{}</a> ({}{})</div>',
        (
            (
                reverse("admin:archive_telegram_change", args=[t.pk]),
                t.heading,
                t.date_text or "undated",
                f", No. {t.serial_number}" if t.serial_number else "",
            )
            for t in documents
        ),
    )


class ResolutionFilter(admin.SimpleListFilter):
    """Linked, waiting for an editor's choice among candidates, or not found."""

    title = "resolution"
    parameter_name = "resolution"

    def lookups(self, request, model_admin):
        return [
            ("linked", "linked"),
            ("ambiguous", "several candidates"),
            ("unresolved", "no candidate"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "linked":
            return queryset.filter(target__isnull=False)
        if self.value() == "ambiguous":
            return queryset.filter(target__isnull=True, candidates__isnull=False).distinct()
        if self.value() == "unresolved":
            return queryset.filter(target__isnull=True, candidates__isnull=True)
        return queryset


@admin.register(TelegramReference)
class TelegramReferenceAdmin(SimpleHistoryAdmin):
    """Every reference a document makes; filter by resolution to find the ones to decide."""

    list_display = [
        "quote",
        "source",
        "whose",
        "possessor",
        "cited_kind",
        "cited_on",
        "target",
        "candidate_list",
        "status",
    ]
    list_filter = [ResolutionFilter, "status", "whose", "cited_kind"]
    list_select_related = ["source", "target"]
    search_fields = ["quote", "source__identifier", "source__file_number"]
    autocomplete_fields = ["target"]
    show_full_result_count = False
    readonly_fields = [
        "source",
        "quote",
        "whose",
        "possessor",
        "cited_kind",
        "serial",
        "date_text",
        "time_text",
        "cited_on",
        "candidate_list",
    ]
    fields = [*readonly_fields, "target", "status", "kind", "notes"]

    def get_queryset(self, request):
        return with_candidates(
            super()
            .get_queryset(request)
            .select_related("source", "target")
            .defer("source__body", "source__source_text", "target__body", "target__source_text")
        )

    def has_add_permission(self, request):
        return False  # references come from the documents' text

    @admin.display(description="candidates")
    def candidate_list(self, obj):
        return candidate_links(obj)
