"""Unmatched names and office holdings: what the linker needs from editors."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html_join

from .. import tallies
from ..linking import unmatched
from ..linking.suggestions import relink
from ..models import OfficeHolding, Person, Place, UnmatchedName
from ..resources import OfficeHoldingResource
from .base import ArchiveAdmin


class AliasForm(forms.Form):
    person = forms.ModelChoiceField(Person.objects.all(), required=False)
    place = forms.ModelChoiceField(Place.objects.all(), required=False)

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("person")) == bool(cleaned.get("place")):
            raise forms.ValidationError("Choose one person or one place.")
        return cleaned


@admin.register(UnmatchedName)
class UnmatchedNameAdmin(admin.ModelAdmin):
    """Names seen in the documents that no record matches, most frequent first."""

    list_display = ["name", "documents", "occurrences", "example", "ignored"]
    list_filter = ["ignored"]
    search_fields = ["name"]
    readonly_fields = ["name", "occurrences", "documents", "examples_list", "updated_at"]
    fields = ["name", "occurrences", "documents", "examples_list", "ignored", "updated_at"]
    actions = ["create_people", "create_places", "add_alias", "ignore"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    @admin.display(description="example")
    def example(self, obj) -> str:
        return obj.examples[0]["context"] if obj.examples else ""

    @admin.display(description="examples")
    def examples_list(self, obj):
        return format_html_join(
            "", "<p>{}: … {} …</p>", ((e["identifier"], e["context"]) for e in obj.examples)
        )

    def _resolve(self, request, rows, make_record) -> None:
        for row in rows:
            record = make_record(row)
            documents = unmatched.documents_naming(row.name)
            relink(documents, request.user)
            row.delete()
            self.message_user(
                request,
                f"{row.name}: {record} now suggested wherever the documents name it.",
                messages.SUCCESS,
            )
        tallies.refresh()

    @admin.action(description="Create a person from each name", permissions=["change"])
    def create_people(self, request, queryset):
        def make(row):
            person = Person(name=row.name, surname=row.name.split()[-1], aliases=[row.name])
            person.needs_review = True
            person.protect(["name", "surname", "aliases"])  # an editor's record, not a list's
            person._history_user = request.user
            person.save()
            return person

        self._resolve(request, list(queryset), make)

    @admin.action(description="Create a place from each name", permissions=["change"])
    def create_places(self, request, queryset):
        def make(row):
            place = Place(name=row.name, needs_review=True)
            place.protect(["name"])  # an editor's record, not a list's
            place._history_user = request.user
            place.save()
            return place

        self._resolve(request, list(queryset), make)

    @admin.action(
        description="Add the name as an alias of a person or place…", permissions=["change"]
    )
    def add_alias(self, request, queryset):
        ids = ",".join(str(pk) for pk in queryset.values_list("pk", flat=True))
        return HttpResponseRedirect(reverse("admin:archive_unmatchedname_alias") + f"?ids={ids}")

    @admin.action(description="Ignore (not a person or place)", permissions=["change"])
    def ignore(self, request, queryset):
        count = queryset.update(ignored=True)
        self.message_user(request, f"{count} name(s) will no longer be listed.", messages.SUCCESS)

    def get_urls(self):
        return [
            path(
                "alias/",
                self.admin_site.admin_view(self.alias_view),
                name="archive_unmatchedname_alias",
            ),
            *super().get_urls(),
        ]

    def alias_view(self, request):
        if not self.has_change_permission(request):
            return self.admin_site.login(request)
        raw = request.GET.get("ids") or request.POST.get("ids", "")
        rows = list(
            UnmatchedName.objects.filter(pk__in=[int(i) for i in raw.split(",") if i.isdigit()])
        )
        form = AliasForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            record = form.cleaned_data["person"] or form.cleaned_data["place"]

            def make(row):
                record.aliases = list(dict.fromkeys([*record.aliases, row.name]))
                record.protect(["aliases"])
                record.version += 1
                record._history_user = request.user
                record.save()
                return record

            self._resolve(request, rows, make)
            return HttpResponseRedirect(reverse("admin:archive_unmatchedname_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": "Add as an alias",
            "opts": self.model._meta,
            "rows": rows,
            "ids": raw,
            "form": form,
        }
        return TemplateResponse(request, "admin/archive/alias.html", context)


@admin.register(OfficeHolding)
class OfficeHoldingAdmin(ArchiveAdmin):
    """Who held which office when: lets a heading's role suggest the person."""

    resource_classes = [OfficeHoldingResource]
    list_display = ["office", "person", "post", "start", "end"]
    list_filter = ["office"]
    search_fields = ["office", "person__name", "post__name"]
    autocomplete_fields = ["person", "post"]
    list_select_related = ["person", "post"]
    fields = [
        "person",
        "office",
        "post",
        ("start", "end"),
        "source",
        "pocom_id",
        "protected_fields",
        "loaded_version",
    ]
    readonly_fields = ["pocom_id", "protected_fields"]
