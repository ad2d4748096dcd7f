"""The data-quality page and the findings editors accepted (the lists are archive.quality)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from .. import quality, tallies
from ..models import QualityAcceptance, QualityCheck
from .history import ReadableHistoryMixin

HEADINGS = {
    QualityCheck.UNREAD_NUMBERS: "File numbers not fully read",
    QualityCheck.NO_SENDER: "Telegrams without a sender",
    QualityCheck.NO_DATE: "Documents without a date",
    QualityCheck.MARKERS_WITHOUT_NOTES: "Footnote references in the body without footnotes",
    QualityCheck.NOTES_WITHOUT_MARKERS: "Footnotes whose reference was removed from the body",
    QualityCheck.ANNOTATIONS: "Annotations that need review",
    QualityCheck.DUPLICATES: "File numbers on more than one document",
    QualityCheck.NEVER_PEOPLE: "People never mentioned",
    QualityCheck.NEVER_PLACES: "Places never mentioned",
    QualityCheck.LIKELY_DUPLICATES: "People who may be the same",
}


def _change(model: str, pk) -> str:
    return reverse(f"admin:archive_{model}_change", args=[pk])


def describe(finding: quality.Finding) -> str:
    """A finding as a line of the page, with links to fix it."""
    record = finding.record
    check = finding.check
    if check == QualityCheck.NOTES_WITHOUT_MARKERS:
        return format_html(
            '<a href="{}">Note {}</a> in <a href="{}">{}</a>',
            _change("footnote", record.pk),
            record.marker,
            _change("telegram", record.telegram_id),
            record.telegram.identifier,
        )
    if check == QualityCheck.ANNOTATIONS:
        return format_html(
            '<a href="{}">{}</a> in {}',
            _change("annotation", record.pk),
            record,
            record.telegram.identifier,
        )
    if check == QualityCheck.DUPLICATES:
        return format_html(
            '<a href="{}?{}">{}</a>: {}',
            reverse("admin:archive_telegram_changelist"),
            urlencode({"file_number": record["file_number"]}),
            record["file_number"],
            finding.detail,
        )
    if check == QualityCheck.NEVER_PEOPLE:
        return format_html('<a href="{}">{}</a>', _change("person", record.pk), record)
    if check == QualityCheck.NEVER_PLACES:
        return format_html('<a href="{}">{}</a>', _change("place", record.pk), record)
    if check == QualityCheck.LIKELY_DUPLICATES:
        first, second = record
        return format_html(
            '<a href="{}">{}</a> and <a href="{}">{}</a> ({}) — <a href="{}?ids={},{}">merge</a>',
            _change("person", first.pk),
            first,
            _change("person", second.pk),
            second,
            finding.detail,
            reverse("admin:archive_person_merge"),
            first.pk,
            second.pk,
        )
    return format_html('<a href="{}">{}</a>', _change("telegram", record.pk), record)


def can_accept(request: HttpRequest) -> bool:
    """Accepting a finding is a correction of the archive: it needs change_telegram."""
    return request.user.has_perm("archive.change_telegram")


def quality_view(model_admin, request: HttpRequest) -> HttpResponse:
    found = quality.quality()
    sections = [
        {
            "check": str(check),
            "heading": heading,
            "rows": [(finding, describe(finding)) for finding in found[str(check)]],
        }
        for check, heading in HEADINGS.items()
    ]
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Data quality",
        "sections": sections,
        "can_accept": can_accept(request),
        "accepted_count": QualityAcceptance.objects.count(),
        "backend": found["backend"],
        # Not a finding to accept: a drifted count is repaired (manage.py repair_counts).
        "drifted": tallies.drifted(limit=50),
    }
    return TemplateResponse(request, "admin/archive/quality.html", context)


def accept_view(model_admin, request: HttpRequest) -> HttpResponse:
    """Accept one finding (POST from its row on the quality page), then show the page again."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not can_accept(request):
        raise PermissionDenied
    check = request.POST.get("check", "")
    key = request.POST.get("key", "")
    try:
        quality.accept(check, key, request.user, request.POST.get("note", "").strip())
    except ValidationError as error:
        messages.error(request, "Not accepted: " + "; ".join(error.messages))
    else:
        messages.success(
            request,
            f"Accepted ({dict(QualityCheck.choices).get(check, check)}: {key}); "
            "it no longer shows here. Withdraw it under “Accepted quality findings”.",
        )
    return HttpResponseRedirect(reverse("admin:archive_quality"))


@admin.register(QualityAcceptance)
class QualityAcceptanceAdmin(ReadableHistoryMixin, SimpleHistoryAdmin):
    """The findings editors accepted; deleting one withdraws it and it shows again."""

    list_display = ["check_name", "key", "user", "note", "created_at"]
    list_filter = ["check_name"]
    search_fields = ["key", "note"]
    readonly_fields = ["check_name", "key", "user", "created_at"]
    fields = ["check_name", "key", "note", "user", "created_at"]
    actions = ["withdraw"]

    def has_add_permission(self, request):
        return False  # findings are accepted from the quality page

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.action(
        description="Withdraw the selected acceptances (the findings show again)",
        permissions=["delete"],
    )
    def withdraw(self, request, queryset):
        count = 0
        for acceptance in queryset:
            acceptance._history_user = request.user
            acceptance.delete()
            count += 1
        self.message_user(request, f"{count} acceptance(s) withdrawn.", messages.SUCCESS)
