"""Unmatched names and office holdings: what the linker needs from editors."""

from __future__ import annotations

import threading
from urllib.parse import urlsplit

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme

from .. import tallies
from ..linking import unmatched
from ..linking.likely import comparable, likely_record, variant_heads
from ..linking.suggestions import relink
from ..models import OfficeHolding, Person, Place, UnmatchedName
from ..resources import OfficeHoldingResource
from ..text.personal_names import parse_name
from .base import ArchiveAdmin


class AliasForm(forms.Form):
    person = forms.ModelChoiceField(Person.objects.all(), required=False)
    place = forms.ModelChoiceField(Place.objects.all(), required=False)

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("person")) == bool(cleaned.get("place")):
            raise forms.ValidationError("Choose one person or one place.")
        return cleaned


_local = threading.local()


class QueueLookups:
    """What the queue's page offers beside each name: its variant group and likely record.

    Read once per page (one query for people, one for places, one for the
    queue), never once per row.
    """

    def __init__(self) -> None:
        self.choices: dict[str, tuple] = {}
        for model in (Place, Person):
            for pk, name, aliases in model.objects.values_list("pk", "name", "aliases"):
                for form in [name, *(aliases or [])]:
                    self.choices.setdefault(comparable(form), (model, pk, name))
        counts = dict(UnmatchedName.objects.filter(ignored=False).values_list("name", "documents"))
        self.heads = variant_heads(counts)

    def record(self, name: str):
        """The person or place ``name`` most likely means, or ``None``."""
        found = likely_record(name, self.choices)
        if found is None:
            return None
        model, pk, _ = found
        return model.objects.get(pk=pk)

    def label(self, name: str) -> str:
        found = likely_record(name, self.choices)
        return "" if found is None else f"{found[0]._meta.verbose_name} {found[2]}"

    def variants(self, name: str) -> list[str]:
        return sorted(n for n, head in self.heads.items() if head == name)


def _lookups() -> QueueLookups:
    lookups = getattr(_local, "lookups", None)
    if lookups is None:
        lookups = _local.lookups = QueueLookups()
    return lookups


@admin.register(UnmatchedName)
class UnmatchedNameAdmin(admin.ModelAdmin):
    """Names seen in the documents that no record matches, most frequent first."""

    list_display = [
        "name",
        "documents",
        "occurrences",
        "variant_of",
        "likely",
        "example",
        "ignored",
    ]
    list_filter = ["ignored"]
    search_fields = ["name"]
    readonly_fields = ["name", "occurrences", "documents", "examples_list", "updated_at"]
    fields = ["name", "occurrences", "documents", "examples_list", "ignored", "updated_at"]
    actions = ["same_as_likely", "create_people", "create_places", "add_alias", "ignore"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def changelist_view(self, request, extra_context=None):
        _local.lookups = None
        response = super().changelist_view(request, extra_context)
        try:
            if hasattr(response, "render"):
                response.render()  # the columns read the lookups while rendering
        finally:
            _local.lookups = None
        return response

    @admin.display(description="variant of")
    def variant_of(self, obj) -> str:
        lookups = _lookups()
        head = lookups.heads.get(obj.name)
        if head:
            return head
        return (
            ", ".join(lookups.variants(obj.name))
            and "(" + ", ".join(lookups.variants(obj.name)) + ")"
        )

    @admin.display(description="likely record")
    def likely(self, obj):
        label = _lookups().label(obj.name)
        if not label:
            return ""
        url = reverse("admin:archive_unmatchedname_same_as", args=[obj.pk])
        return format_html(
            '{} <button type="submit" formaction="{}" class="button">Same as</button>',
            label,
            url,
        )

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

    def _same_as(self, request, rows) -> None:
        """Each name (and its variants) becomes an alias of its likely record; mentions follow."""
        lookups = _lookups()
        for row in rows:
            record = lookups.record(row.name)
            if record is None:
                self.message_user(request, f"{row.name}: no likely record.", messages.WARNING)
                continue
            group = [row, *UnmatchedName.objects.filter(name__in=lookups.variants(row.name))]
            self._resolve(request, group, _alias_maker(record, request.user))

    @admin.action(description="Same as the likely record", permissions=["change"])
    def same_as_likely(self, request, queryset):
        _local.lookups = None
        self._same_as(request, list(queryset))

    def same_as_view(self, request, pk):
        if request.method != "POST" or not self.has_change_permission(request):
            return HttpResponseRedirect(reverse("admin:archive_unmatchedname_changelist"))
        _local.lookups = None
        try:
            self._same_as(request, list(UnmatchedName.objects.filter(pk=pk)))
        finally:
            _local.lookups = None
        # Back to the list as the editor left it (search, filters, page).
        back = reverse("admin:archive_unmatchedname_changelist")
        came_from = request.META.get("HTTP_REFERER", "")
        if came_from and url_has_allowed_host_and_scheme(
            came_from, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            path = urlsplit(came_from)
            if path.path == back:
                back = f"{path.path}?{path.query}" if path.query else back
        return HttpResponseRedirect(back)

    @admin.action(description="Create a person from each name", permissions=["change"])
    def create_people(self, request, queryset):
        def make(row):
            parsed = parse_name(row.name)
            person = Person(
                name=parsed.full or row.name,
                surname=parsed.surname or row.name,
                forenames=parsed.forenames,
                aliases=[row.name] if row.name != (parsed.full or row.name) else [],
            )
            person.needs_review = True
            person.protect(
                ["name", "surname", "forenames", "aliases"]
            )  # an editor's record, not a list's
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
                "<int:pk>/same-as/",
                self.admin_site.admin_view(self.same_as_view),
                name="archive_unmatchedname_same_as",
            ),
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
            self._resolve(request, rows, _alias_maker(record, request.user))
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


def _alias_maker(record, user):
    """Record a queued name as an alias of ``record``, with history and protection."""

    def make(row):
        record.aliases = list(dict.fromkeys([*record.aliases, row.name]))
        record.protect(["aliases"])
        record.version += 1
        record._history_user = user
        record.save()
        return record

    return make


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
