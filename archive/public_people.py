"""Public person and place pages: the public documents naming the record, by role.

The roles and their SQL are in archive.roles, shared with the stored count
(archive.tallies), so the count on /people/ and /places/ is the number of
documents these pages can list. A record that no public document names
answers 404; a merged-away record redirects to the record it went into.

Queries per page: the record, the counts by role (one query), and one list
per role that has documents, whoever the record is.
"""

from __future__ import annotations

from django.db.models.expressions import RawSQL
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from . import roles
from .filters import SORTS
from .models import Merge, Person, Place, Telegram

SECTION_SIZE = 25


def _read_only(view_class):
    """GET and HEAD only; no CSRF cookie needed for a page that changes nothing."""
    return method_decorator([csrf_exempt, require_safe], name="dispatch")(view_class)


def role_documents(entity: str, role: roles.Role, pk: int, limit: int | None = SECTION_SIZE):
    """Public documents in which record ``pk`` has ``role``, in date order."""
    sql, params = roles.ids_sql(role, pk)
    queryset = (
        Telegram.objects.public()
        .filter(pk__in=RawSQL(sql, params))
        .select_related("sender", "recipient")
        .only(
            "identifier", "heading", "date_text", "file_number", "sender__name", "recipient__name"
        )
        .order_by(*SORTS["date"])
    )
    return list(queryset if limit is None else queryset[:limit])


def sections(entity: str, pk: int) -> tuple[list[dict], int]:
    """Each role's title, count and first documents; and the count in all."""
    counts = roles.counts(entity, pk)
    blocks = []
    for role in roles.ROLES[entity]:
        count = counts[role.key]
        blocks.append(
            {
                "key": role.key,
                "title": role.title,
                "count": count,
                "documents": role_documents(entity, role, pk) if count else [],
                "more": max(0, count - SECTION_SIZE),
            }
        )
    return blocks, counts["all"]


def _merged(kind: str, pk: int) -> HttpResponse:
    """An absorbed record's address answers with a permanent redirect to its successor."""
    kept = Merge.resolve(kind, pk)
    if kept is None:
        raise Http404("No such record.")
    return HttpResponsePermanentRedirect(reverse(f"archive:{kind}-detail", args=[kept]))


def _page(request: HttpRequest, entity: str, record, template: str, filter_name: str):
    blocks, total = sections(entity, record.pk)
    if not total:
        raise Http404("No public documents name this record.")
    context = {
        "record": record,
        "sections": blocks,
        "total": total,
        "list_url": f"{reverse('archive:telegram-list')}?{filter_name}={record.pk}",
    }
    return render(request, template, context)


@_read_only
class PersonDetailView(View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = Person.objects.filter(pk=pk).first()
        if person is None:
            return _merged("person", pk)
        return _page(request, "person", person, "archive/person_detail.html", "person")


@_read_only
class PlaceDetailView(View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        place = Place.objects.select_related("parent").filter(pk=pk).first()
        if place is None:
            return _merged("place", pk)
        return _page(request, "place", place, "archive/place_detail.html", "place")
