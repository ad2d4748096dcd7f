"""Reviewing the machine's suggestions: confirm or reject, one by one or in bulk."""

from __future__ import annotations

from django.contrib import admin, messages

from .. import search, tallies
from ..models import MentionStatus, PersonMention, PlaceMention, Telegram
from ..resources import PersonMentionResource, PlaceMentionResource
from .base import ArchiveAdmin, LinkedOnlyFilter


class MentionAdmin(ArchiveAdmin):
    list_filter = ["status", "role", "uncertain"]
    list_editable = ["status"]
    actions = ["confirm", "reject"]
    show_full_result_count = False
    estimated_counts = True  # about fifteen per document: 60 ms to count 1.5 million
    # Reached from a telegram's or a person's page with ?telegram__id__exact=…
    allowed_lookups = {"telegram__id__exact", "person__id__exact", "place__id__exact"}

    def lookup_allowed(self, lookup, value, request=None):
        return lookup in self.allowed_lookups or super().lookup_allowed(lookup, value, request)

    def _decide(self, request, queryset, status: str) -> None:
        count = 0
        touched = set()
        for mention in queryset.select_related("telegram"):
            if mention.status == status:
                continue
            mention.status = status
            mention.version += 1
            mention._history_user = request.user
            mention.save()
            touched.add(mention.telegram_id)
            count += 1
        search.update_search_vectors(touched)
        tallies.refresh_for(Telegram.objects.filter(pk__in=touched))
        self.message_user(request, f"{count} mention(s) marked {status}.", messages.SUCCESS)

    @admin.action(description="Confirm the selected mentions", permissions=["change"])
    def confirm(self, request, queryset):
        self._decide(request, queryset, MentionStatus.CONFIRMED)

    @admin.action(description="Reject the selected mentions", permissions=["change"])
    def reject(self, request, queryset):
        self._decide(request, queryset, MentionStatus.REJECTED)

    def after_save(self, request, obj) -> None:
        search.update_search_vectors([obj.telegram_id])
        tallies.refresh_for(Telegram.objects.filter(pk=obj.telegram_id))


@admin.register(PersonMention)
class PersonMentionAdmin(MentionAdmin):
    resource_classes = [PersonMentionResource]
    list_display = ["person", "role", "telegram", "surface", "occurrences", "status", "uncertain"]
    list_filter = [*MentionAdmin.list_filter, ("person", LinkedOnlyFilter)]
    search_fields = ["surface", "person__name", "telegram__file_number", "telegram__identifier"]
    autocomplete_fields = ["telegram", "person"]
    list_select_related = ["telegram", "person"]


@admin.register(PlaceMention)
class PlaceMentionAdmin(MentionAdmin):
    resource_classes = [PlaceMentionResource]
    list_display = ["place", "role", "telegram", "surface", "occurrences", "status", "uncertain"]
    list_filter = [*MentionAdmin.list_filter, ("place", LinkedOnlyFilter)]
    search_fields = ["surface", "place__name", "telegram__file_number", "telegram__identifier"]
    autocomplete_fields = ["telegram", "place"]
    list_select_related = ["telegram", "place"]
