"""Public person and place pages: the public documents naming the record, by role.

The roles and their SQL are in archive.roles; the count of each role is
stored on the record (archive.tallies), so the count on /people/ and
/places/ is the number of documents these pages can list and the page
counts nothing itself. A record that no public document names answers
404; a merged-away record redirects to the record it went into.

The page shows each role's first documents in date order; ``?role=sent``
(with ``&page=N``) pages through one role's documents.

Queries per page: the record (with its stored counts by role) and one list
per role that has documents, whoever the record is; one list on a role's
own pages.
"""

from __future__ import annotations

from django.db.models import QuerySet
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
from .paginators import KnownCountPaginator

SECTION_SIZE = 25


def _read_only(view_class):
    """GET and HEAD only; no CSRF cookie needed for a page that changes nothing."""
    return method_decorator([csrf_exempt, require_safe], name="dispatch")(view_class)


def role_queryset(role: roles.Role, pk: int) -> QuerySet[Telegram]:
    """Public documents in which record ``pk`` has ``role``, in date order."""
    sql, params = roles.ids_sql(role, pk)
    return (
        Telegram.objects.public()
        .filter(pk__in=RawSQL(sql, params))
        .select_related("sender", "recipient")
        .only(
            "identifier", "heading", "date_text", "file_number", "sender__name", "recipient__name"
        )
        .order_by(*SORTS["date"])
    )


def role_documents(entity: str, role: roles.Role, pk: int, limit: int | None = SECTION_SIZE):
    """The first ``limit`` (``None``: all) public documents in which ``pk`` has ``role``."""
    queryset = role_queryset(role, pk)
    return list(queryset if limit is None else queryset[:limit])


def sections(entity: str, record, role: roles.Role | None = None, page=None) -> list[dict]:
    """Each role's title, stored count and documents: the first ones, or ``role``'s page.

    The counts are read from the record (archive.tallies keeps them); a role
    without documents is not queried, nor, on one role's page, the others.
    """
    blocks = []
    for each in roles.ROLES[entity]:
        count = getattr(record, each.field)
        if role is None:
            documents = role_documents(entity, each, record.pk) if count else []
        else:
            documents = list(page.object_list) if each == role else []
        blocks.append(
            {
                "key": each.key,
                "title": each.title,
                "count": count,
                "documents": documents,
                "more": max(0, count - SECTION_SIZE) if role is None else 0,
                "page": page if each == role else None,
            }
        )
    return blocks


def _merged(kind: str, pk: int) -> HttpResponse:
    """An absorbed record's address answers with a permanent redirect to its successor."""
    kept = Merge.resolve(kind, pk)
    if kept is None:
        raise Http404("No such record.")
    return HttpResponsePermanentRedirect(reverse(f"archive:{kind}-detail", args=[kept]))


def _chosen_role(entity: str, key: str | None) -> roles.Role | None:
    return next((role for role in roles.ROLES[entity] if role.key == key), None)


def _page(request: HttpRequest, entity: str, record, template: str, filter_name: str):
    role = _chosen_role(entity, request.GET.get("role"))
    page = None
    if role is not None:
        paginator = KnownCountPaginator(
            role_queryset(role, record.pk), SECTION_SIZE, count=getattr(record, role.field)
        )
        page = paginator.get_page(request.GET.get("page"))
    blocks = sections(entity, record, role, page)
    # Whether the page exists is read from the documents listed, never from
    # the stored counts alone: a count left stale by SQL written by hand can
    # show a wrong number, but never the name of a record only private
    # documents name.
    if not any(block["documents"] for block in blocks):
        raise Http404("No public documents name this record.")
    context = {
        "record": record,
        "sections": blocks,
        "role": role,
        "total": record.public_documents,
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
