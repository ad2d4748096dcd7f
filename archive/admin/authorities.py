"""People and places: authority records, their documents, and merging duplicates."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from .. import merging, search
from ..models import MentionStatus, Merge, Person, Place, Telegram
from ..resources import PersonResource, PlaceResource
from .base import AliasesField, ArchiveAdmin, VersionedForm

DOCUMENTS_SHOWN = 50
# Name first: the default order put the private notes and the list key above it.
EDITORIAL = (
    "Editorial",
    {"fields": ["notes", "protected_fields", ("created_at", "updated_at")]},
)
DOCUMENTS = ("Documents", {"fields": ["documents"]})


class AuthorityForm(VersionedForm):
    aliases = AliasesField()


class IdentifierFilter(admin.SimpleListFilter):
    """Records with or without an identifier in an outside authority."""

    field = ""

    def lookups(self, request, model_admin):
        return [("yes", "has one"), ("no", "has none")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(**{self.field: ""})
        if self.value() == "no":
            return queryset.filter(**{self.field: ""})
        return queryset


def identifier_filter(field: str, label: str):
    return type(
        f"{field}_filter",
        (IdentifierFilter,),
        {"field": field, "title": label, "parameter_name": f"has_{field}"},
    )


class MergeForm(forms.Form):
    keep = forms.ModelChoiceField(queryset=None, widget=forms.RadioSelect, label="Record to keep")
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Why are these the same? The reason is kept in the history.",
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = queryset


class AuthorityAdmin(ArchiveAdmin):
    form = AuthorityForm
    readonly_fields = ["protected_fields", "created_at", "updated_at", "documents"]
    actions = ["merge_records"]
    show_full_result_count = False
    kind = ""
    links: list[tuple[str, str]] = []

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        return [
            path(
                "merge/",
                self.admin_site.admin_view(self.merge_view),
                name="{}_{}_merge".format(*info),
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """An absorbed record's page redirects to the record it was merged into."""
        if object_id.isdigit() and not self.model.objects.filter(pk=object_id).exists():
            kept = Merge.resolve(self.kind, int(object_id))
            if kept is not None:
                info = self.model._meta.app_label, self.model._meta.model_name
                return HttpResponseRedirect(
                    reverse("admin:{}_{}_change".format(*info), args=[kept])
                )
        return super().change_view(request, object_id, form_url, extra_context)

    def after_save(self, request, obj) -> None:
        if self.kind == "person":
            search.update_for_person(obj.pk)
        else:
            search.update_for_place(obj.pk)

    def has_merge_permission(self, request) -> bool:
        opts = self.model._meta
        return (
            request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
            and request.user.has_perm(f"{opts.app_label}.delete_{opts.model_name}")
            and request.user.has_perm(f"{opts.app_label}.merge_{opts.model_name}")
        )

    @admin.action(description="Merge the selected records…", permissions=["merge"])
    def merge_records(self, request, queryset):
        ids = ",".join(str(pk) for pk in queryset.values_list("pk", flat=True))
        info = self.model._meta.app_label, self.model._meta.model_name
        return HttpResponseRedirect(reverse("admin:{}_{}_merge".format(*info)) + f"?ids={ids}")

    def merge_view(self, request):
        if not self.has_merge_permission(request):
            raise PermissionDenied
        raw = request.GET.get("ids") or request.POST.get("ids", "")
        ids = [int(pk) for pk in raw.split(",") if pk.isdigit()]
        records = self.model.objects.filter(pk__in=ids)
        info = self.model._meta.app_label, self.model._meta.model_name
        changelist = reverse("admin:{}_{}_changelist".format(*info))
        if records.count() < 2:
            self.message_user(request, "Choose at least two records to merge.", messages.WARNING)
            return HttpResponseRedirect(changelist)
        candidates = list(records.order_by("pk"))
        counts = {r.pk: merging.link_counts(r) for r in candidates}
        chosen = merging.preferred(candidates, counts)
        form = MergeForm(request.POST or None, queryset=records, initial={"keep": chosen})
        problem = ""
        if request.method == "POST" and form.is_valid():
            keep = form.cleaned_data["keep"]
            absorbed = [r for r in records if r.pk != keep.pk]
            try:
                merging.merge(
                    keep, absorbed, user=request.user, reason=form.cleaned_data["reason"]
                )
            except merging.MergeConflict as error:
                problem = str(error)
            else:
                self.message_user(
                    request,
                    f"Merged {', '.join(r.name for r in absorbed)} into {keep.name}.",
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse("admin:{}_{}_change".format(*info), args=[keep.pk])
                )
        else:
            try:
                merging.check(chosen, [r for r in candidates if r.pk != chosen.pk])
            except merging.MergeConflict as error:
                problem = str(error)
        posted = request.POST.get("keep", "")
        context = {
            **self.admin_site.each_context(request),
            "title": f"Merge {self.model._meta.verbose_name_plural}",
            "opts": self.model._meta,
            "form": form,
            "records": candidates,
            "rows": [(r, counts[r.pk]) for r in candidates],
            "labels": list(counts[candidates[0].pk]),
            "chosen": int(posted) if posted.isdigit() else chosen.pk,
            "merge_log": reverse("admin:archive_merge_changelist"),
            "ids": ",".join(map(str, ids)),
            "problem": problem,
        }
        return TemplateResponse(request, "admin/archive/merge.html", context)

    @admin.display(description="documents")
    def documents(self, obj) -> str:
        if not obj.pk:
            return "-"
        parts = []
        for label, condition in self.document_sections(obj):
            rows = list(
                Telegram.objects.filter(condition)
                .distinct()
                .only("pk", "identifier", "heading", "date_text")
                .order_by("date_earliest", "pk")[: DOCUMENTS_SHOWN + 1]
            )
            if not rows:
                continue
            items = format_html_join(
                "",
                '<li><a href="{}">{}</a> ({})</li>',
                (
                    (
                        reverse("admin:archive_telegram_change", args=[t.pk]),
                        t.heading,
                        t.date_text or "undated",
                    )
                    for t in rows[:DOCUMENTS_SHOWN]
                ),
            )
            more = f" — first {DOCUMENTS_SHOWN} shown" if len(rows) > DOCUMENTS_SHOWN else ""
            parts.append(
                format_html("<p><strong>{}</strong>{}</p><ul>{}</ul>", label, more, items)
            )
        return format_html_join("", "{}", ((p,) for p in parts)) or "No documents yet."


@admin.register(Person)
class PersonAdmin(AuthorityAdmin):
    resource_classes = [PersonResource]
    kind = "person"
    list_display = [
        "name",
        "surname",
        "needs_review",
        "wikidata_id",
        "sent_count",
        "received_count",
        "mention_count",
    ]
    list_filter = [
        "needs_review",
        identifier_filter("wikidata_id", "Wikidata id"),
        identifier_filter("viaf_id", "VIAF id"),
    ]
    search_fields = ["name", "surname", "forenames", "aliases", "description", "authority_key"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    ("surname", "forenames"),
                    ("birth_year", "death_year"),
                    "aliases",
                    "description",
                    "needs_review",
                    "loaded_version",
                ]
            },
        ),
        ("Identifiers", {"fields": ["wikidata_id", "viaf_id", "hsg_id", "authority_key"]}),
        EDITORIAL,
        DOCUMENTS,
    ]

    @admin.display(description="sent", ordering="sent_documents")
    def sent_count(self, obj) -> int:
        return obj.sent_documents

    @admin.display(description="received", ordering="received_documents")
    def received_count(self, obj) -> int:
        return obj.received_documents

    @admin.display(description="mentioned in", ordering="mentioned_documents")
    def mention_count(self, obj) -> int:
        return obj.mentioned_documents

    def document_sections(self, obj):
        mentioned = Q(personmention__person=obj, personmention__role="mentioned") & ~Q(
            personmention__status=MentionStatus.REJECTED
        )
        signed = Q(personmention__person=obj, personmention__role="signatory") & ~Q(
            personmention__status=MentionStatus.REJECTED
        )
        return [
            ("Sent", Q(sender=obj)),
            ("Received", Q(recipient=obj)),
            ("Signed", signed),
            ("Mentioned in", mentioned),
            ("Identified in a footnote", Q(footnotes__person=obj)),
        ]


@admin.register(Place)
class PlaceAdmin(AuthorityAdmin):
    resource_classes = [PlaceResource]
    kind = "place"
    list_display = [
        "name",
        "kind",
        "parent",
        "needs_review",
        "geonames_id",
        "origin_count",
        "mention_count",
    ]
    list_filter = [
        "kind",
        "needs_review",
        identifier_filter("wikidata_id", "Wikidata id"),
        identifier_filter("geonames_id", "GeoNames id"),
    ]
    search_fields = ["name", "aliases", "description", "authority_key"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "kind",
                    "parent",
                    "aliases",
                    "description",
                    "needs_review",
                    "loaded_version",
                ]
            },
        ),
        (
            "Location and identifiers",
            {
                "fields": [
                    ("latitude", "longitude"),
                    "wikidata_id",
                    "geonames_id",
                    "authority_key",
                ]
            },
        ),
        EDITORIAL,
        DOCUMENTS,
    ]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]

    @admin.display(description="sent from", ordering="origin_documents")
    def origin_count(self, obj) -> int:
        return obj.origin_documents

    @admin.display(description="mentioned in", ordering="mentioned_documents")
    def mention_count(self, obj) -> int:
        return obj.mentioned_documents

    def document_sections(self, obj):
        mentioned = Q(placemention__place=obj, placemention__role="mentioned") & ~Q(
            placemention__status=MentionStatus.REJECTED
        )
        return [
            ("Sent from", Q(origin=obj)),
            ("Mentioned in", mentioned),
            ("Identified in a footnote", Q(footnotes__place=obj)),
        ]
