"""The rows on a document's change page: footnotes, annotations, mentions, references.

Each row is its own record with its own lock (``VersionedInline``): a row an
editor did not touch is neither saved nor refused.
"""

from __future__ import annotations

from django.contrib import admin

from ..models import Annotation, Footnote, PersonMention, PlaceMention, TelegramReference
from .base import VersionedInline
from .notes import AnnotationForm
from .references import with_candidates
from .widgets import CompactInlineMixin, LoadedChoicesMixin, short_input, small_text

# Notes on a mention are rare and short: a one-line box that grows when used.
MENTION_WIDGETS = {"surface": short_input(14), "notes": small_text(1, 16)}


class FootnoteInline(CompactInlineMixin, LoadedChoicesMixin, VersionedInline, admin.TabularInline):
    model = Footnote
    compact_widgets = {
        "marker": short_input(3),
        "anchor_text": short_input(8),
        "text": small_text(2, 20),
    }
    extra = 0
    fields = [
        "order",
        "marker",
        "location",
        "anchor_text",
        "text",
        "person",
        "place",
        "anchor_status",
        "loaded_version",
    ]
    autocomplete_fields = ["person", "place"]


class AnnotationInline(LoadedChoicesMixin, admin.StackedInline):
    model = Annotation
    form = AnnotationForm
    fk_name = "telegram"
    extra = 0
    fields = [
        ("kind", "is_public", "anchor_status"),
        "quote",
        "text",
        ("person", "place", "target"),
        "loaded_version",
    ]
    readonly_fields = ["anchor_status"]
    autocomplete_fields = ["person", "place", "target"]


class PersonMentionInline(
    CompactInlineMixin, LoadedChoicesMixin, VersionedInline, admin.TabularInline
):
    model = PersonMention
    compact_widgets = MENTION_WIDGETS
    extra = 0
    fields = [
        "person",
        "role",
        "surface",
        "occurrences",
        "status",
        "uncertain",
        "notes",
        "loaded_version",
    ]
    autocomplete_fields = ["person"]


class PlaceMentionInline(
    CompactInlineMixin, LoadedChoicesMixin, VersionedInline, admin.TabularInline
):
    model = PlaceMention
    compact_widgets = MENTION_WIDGETS
    extra = 0
    fields = [
        "place",
        "role",
        "surface",
        "occurrences",
        "status",
        "uncertain",
        "notes",
        "loaded_version",
    ]
    autocomplete_fields = ["place"]


class ReferenceInline(CompactInlineMixin, LoadedChoicesMixin, admin.TabularInline):
    """The communications this document cites; link, confirm or reject each."""

    model = TelegramReference
    compact_widgets = {"quote": short_input(24), "notes": small_text(1, 20)}
    fk_name = "source"
    extra = 0
    fields = ["quote", "kind", "target", "status", "notes"]
    autocomplete_fields = ["target"]
    verbose_name = "reference to another document"
    template = "admin/archive/edit_inline/reference_tabular.html"

    def get_queryset(self, request):
        return with_candidates(super().get_queryset(request))

    verbose_name_plural = "references to other documents (the thread)"
