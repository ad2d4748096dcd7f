"""Telegrams in the admin: correcting, reviewing, publishing, re-linking."""

from __future__ import annotations

import difflib
import re

from django import forms
from django.contrib import admin, messages
from django.contrib.postgres.search import SearchQuery
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

from .. import search, tallies
from ..linking.suggestions import relink
from ..models import (
    Annotation,
    CountryCode,
    Telegram,
)
from ..reanchoring import reanchor
from ..resources import TelegramResource
from ..text import ParseError, parse_document
from . import quality as quality_admin
from .base import ArchiveAdmin, LinkedOnlyFilter, VersionedForm
from .document_filters import (
    DateRangeFilter,
    DecimalClassFilter,
    DecimalStatusFilter,
    HasFootnotesFilter,
    NeedsAttentionFilter,
)
from .inlines import (
    AnnotationInline,
    FootnoteInline,
    PersonMentionInline,
    PlaceMentionInline,
    ReferenceInline,
)
from .widgets import (
    LoadedChoicesMixin,
    hand_loaded_records,
)

CHANGELIST_URL = "admin:archive_telegram_changelist"
LINKS = ("sender", "recipient", "origin")
HEADING_SHOWN = 70  # characters of the heading in the document list


class TelegramForm(VersionedForm):
    class Meta:
        model = Telegram
        fields = "__all__"
        widgets = {
            "body": forms.Textarea(attrs={"rows": 24, "cols": 100}),
            # up to 500 characters: a one-line input showed a fifth of a long heading
            "heading": forms.Textarea(attrs={"rows": 3, "cols": 100, "class": "heading-text"}),
        }

    def clean_heading(self) -> str:
        """A heading is one line: a line break typed into its box becomes a space."""
        return re.sub(r"\s*[\r\n]+\s*", " ", self.cleaned_data.get("heading", ""))


@admin.register(Telegram)
class TelegramAdmin(LoadedChoicesMixin, ArchiveAdmin):
    form = TelegramForm

    class Media:
        css = {"all": ["archive/admin.css"]}

    # django-import-export replaces the list's template with its own, which
    # hid the "Data quality" button; this one adds it beside Import and Export.
    import_export_change_list_template = "admin/archive/telegram/change_list.html"
    resource_classes = [TelegramResource]
    list_display = [
        "file_number",
        "short_heading",
        "date",
        "sender",
        "state",
    ]
    list_display_links = ["file_number", "short_heading"]
    list_filter = [
        "kind",
        "review_status",
        "is_public",
        ("origin", LinkedOnlyFilter),
        ("sender", LinkedOnlyFilter),
        ("recipient", LinkedOnlyFilter),
        DecimalStatusFilter,
        DecimalClassFilter,
        HasFootnotesFilter,
        NeedsAttentionFilter,
        DateRangeFilter,
    ]
    search_fields = [
        "identifier",
        "file_number",
        "heading",
        "body",
        "sender__name",
        "recipient__name",
        "personmention__person__name",
        "placemention__place__name",
    ]
    search_help_text = (
        "Words of the heading, body or footnotes, names of the people and places linked, "
        "or the beginning of a file number as printed. On PostgreSQL: "
        '"quoted phrases", -exclusion, or. Above 1,000 matches the count is an estimate.'
    )
    show_full_result_count = False
    # Counting a filter matching a fifth of 100,000 documents took 70 ms.
    estimated_counts = True
    autocomplete_fields = ["sender", "recipient", "origin"]
    list_select_related = ["sender", "recipient", "origin"]
    readonly_fields = [
        "source_file",
        "source_sha256",
        "imported_at",
        "updated_at",
        "source_text",
        "protected_fields",
        "source_diff_link",
        "decimal_reading",
        "cited_by_list",
    ]
    inlines = [
        FootnoteInline,
        AnnotationInline,
        PersonMentionInline,
        PlaceMentionInline,
        ReferenceInline,
    ]
    actions = ["mark_reviewed", "publish", "withdraw", "relink_mentions"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "identifier",
                    "file_number",
                    "decimal_reading",
                    "source_note",
                    "kind",
                    "heading",
                    "loaded_version",
                ]
            },
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
        ("Text", {"fields": ["body", "signature", "cited_by_list"]}),
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
                    "source_diff_link",
                    "source_text",
                ],
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("source_text", "search_vector")

    def get_object(self, request, object_id, from_field=None):
        """The change page shows the source text, so it is read with the row, not after."""
        if from_field is not None or not str(object_id).isdigit():
            return super().get_object(request, object_id, from_field)
        queryset = self.get_queryset(request).defer(None).defer("search_vector")
        return queryset.filter(pk=int(object_id)).first()

    def render_change_form(self, request, context, *args, **kwargs):
        hand_loaded_records(context)
        return super().render_change_form(request, context, *args, **kwargs)

    @admin.display(description="heading", ordering="heading")
    def short_heading(self, obj) -> str:
        return Truncator(obj.heading).chars(HEADING_SHOWN)

    @admin.display(description="review", ordering="review_status")
    def state(self, obj) -> str:
        """Review status and whether the public sees it, in one narrow column."""
        shown = "public" if obj.is_public else "not public"
        return f"{obj.get_review_status_display()}, {shown}"

    def get_readonly_fields(self, request, obj=None):
        """The identifier is the document's natural key: set by the import, never edited."""
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "identifier"] if obj is not None else fields

    @admin.display(description="date", ordering="date_earliest")
    def date(self, obj) -> str:
        return obj.date_text or "undated"

    @admin.display(description="cited by")
    def cited_by_list(self, obj) -> str:
        rows = (
            list(
                obj.cited_by.select_related("source").only(
                    "quote",
                    "status",
                    "source_id",
                    "source__identifier",
                    "source__file_number",
                    "source__date_text",
                    "source__heading",
                )[:50]
            )
            if obj.pk
            else []
        )
        if not rows:
            return "No document in the archive cites this one."
        return format_html_join(
            "",
            '<p><a href="{}">{}</a>: “{}” ({})</p>',
            (
                (
                    reverse("admin:archive_telegram_change", args=[r.source_id]),
                    r.source,
                    r.quote,
                    r.get_status_display(),
                )
                for r in rows
            ),
        )

    @admin.display(description="decimal file")
    def decimal_reading(self, obj) -> str:
        if not obj.file_number:
            return "-"
        parts = obj.decimal_parts
        if parts["status"] != "parsed":
            return format_html(
                "<strong>Not fully read</strong> ({}): class {}, file {}, item {}. "
                "Check the number as printed.",
                parts["status"],
                parts["class"] or "?",
                parts["file"] or "?",
                parts["item"] or "?",
            )
        return format_html(
            "class {}, countries {}, subdivision {}, qualifier {}, item {} — file "
            '<a href="{}?decimal_file={}">{}</a>',
            parts["class"],
            " and ".join(parts["countries"]),
            parts["subdivision"] or "none",
            parts["qualifier"] or "none",
            parts["item"],
            reverse(CHANGELIST_URL),
            parts["file"],
            parts["file"],
        )

    @admin.display(description="changes since import")
    def source_diff_link(self, obj) -> str:
        if not obj.pk:
            return "-"
        url = reverse("admin:archive_telegram_source_diff", args=[obj.pk])
        return format_html('<a href="{}">Compare the body with the original source</a>', url)

    def get_search_results(self, request, queryset, search_term):
        """Full-text on PostgreSQL, and a file number or identifier by its beginning.

        The prefixes are matched as typed (file numbers are printed with
        their capitals, identifiers are lower case) so that the pattern
        indexes serve them; a case-folded prefix could only be read off
        every row.
        """
        term = search_term.strip()
        if not term or not search.is_postgres():
            return super().get_search_results(request, queryset, search_term)
        query = SearchQuery(term, search_type="websearch", config=search.CONFIG)
        matched = queryset.filter(
            Q(search_vector=query)
            | Q(file_number__startswith=term)
            | Q(identifier__startswith=term.lower())
        )
        return matched, False

    def save_formset(self, request, form, formset, change):
        """Rows an editor changed are protected; annotations an editor adds carry their author.

        ``formset.save`` returns only the rows whose forms changed (judged on
        normalised text, against the version the editor loaded).
        """
        instances = formset.save(commit=False)
        changed = {id(obj): fields for obj, fields in formset.changed_objects}
        for instance in instances:
            if isinstance(instance, Annotation) and not instance.pk and not instance.author_id:
                instance.author = request.user
            if id(instance) in changed and hasattr(instance, "protect"):
                instance.protect(changed[id(instance)])
            instance.save()
        for instance in formset.deleted_objects:
            instance.delete()
        formset.save_m2m()

    def save_model(self, request, obj, form, change):
        obj.read_file_number(CountryCode.known_codes())
        # Whoever the document named before an editor changed it is recounted too.
        obj._linked_before = {name: form.initial.get(name) for name in LINKS}
        super().save_model(request, obj, form, change)

    def after_save(self, request, obj) -> None:
        moved = reanchor(obj, request.user)
        if moved:
            self.message_user(
                request,
                f"{moved} annotation(s) or footnote(s) could not be found again in the "
                "corrected body and are flagged for review.",
                messages.WARNING,
            )
        search.update_search_vectors([obj.pk])
        before = getattr(obj, "_linked_before", {})
        tallies.refresh_for(
            Telegram.objects.filter(pk=obj.pk),
            also_people={before.get("sender"), before.get("recipient")} - {None},
            also_places={before.get("origin")} - {None},
        )

    @admin.action(description="Mark as reviewed", permissions=["change"])
    def mark_reviewed(self, request, queryset):
        self._bulk_set(request, queryset, review_status=Telegram.ReviewStatus.REVIEWED)

    @admin.action(description="Publish on the public site", permissions=["change"])
    def publish(self, request, queryset):
        self._bulk_set(request, queryset, is_public=True)

    @admin.action(description="Withdraw from the public site", permissions=["change"])
    def withdraw(self, request, queryset):
        self._bulk_set(request, queryset, is_public=False)

    def _bulk_set(self, request, queryset, **values):
        count = 0
        touched = []
        for telegram in queryset:
            changed = [k for k, v in values.items() if getattr(telegram, k) != v]
            if not changed:
                continue
            for key, value in values.items():
                setattr(telegram, key, value)
            telegram.protect(changed)
            telegram.version += 1
            telegram._history_user = request.user
            telegram.save()
            touched.append(telegram.pk)
            count += 1
        tallies.refresh_for(Telegram.objects.filter(pk__in=touched))
        self.message_user(request, f"{count} document(s) changed.", messages.SUCCESS)

    @admin.action(description="Re-link people and places", permissions=["change"])
    def relink_mentions(self, request, queryset):
        changed = relink(queryset, request.user)
        self.message_user(
            request,
            f"Suggestions brought up to date for {changed} document(s); confirmed and "
            "rejected mentions were left as they are.",
            messages.SUCCESS,
        )

    def get_urls(self):
        custom = [
            path(
                "<int:pk>/source-diff/",
                self.admin_site.admin_view(self.source_diff_view),
                name="archive_telegram_source_diff",
            ),
            path(
                "quality/",
                self.admin_site.admin_view(self.quality_view),
                name="archive_quality",
            ),
            path(
                "quality/accept/",
                self.admin_site.admin_view(self.accept_finding_view),
                name="archive_quality_accept",
            ),
        ]
        return custom + super().get_urls()

    def source_diff_view(self, request, pk):
        telegram = get_object_or_404(Telegram, pk=pk)
        if not self.has_view_permission(request, telegram):
            return self.admin_site.login(request)
        try:
            original = parse_document(telegram.source_text).body
        except ParseError:
            original = telegram.source_text
        table = difflib.HtmlDiff(wrapcolumn=70).make_table(
            original.split("\n\n"),
            telegram.body.split("\n\n"),
            "Original source",
            "Body today",
            context=True,
            numlines=1,
        )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Changes to {telegram}",
            "telegram": telegram,
            "table": table,
            "unchanged": original == telegram.body,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/archive/source_diff.html", context)

    def quality_view(self, request):
        return quality_admin.quality_view(self, request)

    def accept_finding_view(self, request):
        return quality_admin.accept_view(self, request)
