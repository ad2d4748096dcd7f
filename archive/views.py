"""The public reading room: read-only, public records only.

Every view answers GET and HEAD alone (anything else is 405) and starts from
``Telegram.objects.public()``, so a private document cannot reach a list, a
count, a search result, a download, a person or place page, or a
previous/next link.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.html import escape, format_html_join
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from . import citation, citation_views, downloads, facets, frus, search
from .filters import SORTS, TelegramFilter
from .models import (
    Annotation,
    CountryCode,
    MentionStatus,
    Person,
    PersonMention,
    Place,
    PlaceMention,
    Telegram,
)
from .paginators import CappedPaginator
from .rendering import Link, excerpt, render_body
from .text.decimal import CLASSES

PAGE_SIZE = 25
AUTHORITY_PAGE_SIZE = 50


def read_only(view_class):
    """GET and HEAD only; no CSRF cookie needed for a page that changes nothing."""
    return method_decorator([csrf_exempt, require_safe], name="dispatch")(view_class)


def public_documents():
    return Telegram.objects.public()


def _counted(model):
    """People or places named in public documents, with the stored count (archive.tallies)."""
    return model.objects.filter(public_documents__gt=0).annotate(
        document_count=F("public_documents")
    )


@read_only
class HomeView(View):
    def get(self, request):
        documents = public_documents()
        # Two index walks rather than one aggregate over every row.
        dated = documents.filter(date_earliest__isnull=False)
        first = dated.order_by("date_earliest").values_list("date_earliest", flat=True).first()
        last = (
            documents.filter(date_latest__isnull=False)
            .order_by("-date_latest")
            .values_list("date_latest", flat=True)
            .first()
        )
        context = {
            "document_count": documents.count(),
            "person_count": _counted(Person).count(),
            "place_count": _counted(Place).count(),
            "first_date": first,
            "last_date": last,
            # The newest rows: the primary key answers this without a sort.
            "recent": documents.only("identifier", "heading", "date_text").order_by("-pk")[:10],
        }
        return render(request, "archive/home.html", context)


@read_only
class TelegramListView(View):
    """Public documents: filters, search, sorting and downloads, all in the URL."""

    def get(self, request):
        if not request.GET.get("q", "").strip():
            return self.page(request)
        # A search runs under a time limit, its download too (archive.search).
        try:
            with search.time_limit():
                response = self.page(request)
        except search.SearchTimeout:
            context = {
                "filter": TelegramFilter(request.GET, queryset=public_documents().none()),
                "query": request.GET.get("q", ""),
                "timed_out": f"{search.SEARCH_SECONDS:g}",
            }
            return render(request, "archive/telegram_list.html", context)
        if response.streaming:
            response.streaming_content = search.limited(response.streaming_content)
        return response

    def page(self, request):
        filterset = TelegramFilter(request.GET or None, queryset=public_documents())
        if filterset.is_bound and not filterset.is_valid():
            queryset = public_documents().none()
        else:
            queryset = filterset.qs
        queryset = queryset.select_related("sender", "recipient", "origin")
        fmt = request.GET.get("format")
        if fmt in downloads.FORMATS:
            return downloads.telegrams(queryset, fmt, request)
        if fmt in citation.FORMATS:
            return citation_views.telegrams(queryset, fmt, request)
        rows_queryset = queryset.defer("source_text", "notes", "search_vector")
        paginator = (
            CappedPaginator(
                rows_queryset,
                PAGE_SIZE,
                cap=search.RANK_LIMIT,
                found=getattr(filterset, "matches", None),
            )
            if request.GET.get("q", "").strip()
            else Paginator(rows_queryset, PAGE_SIZE)
        )
        page = paginator.get_page(request.GET.get("page"))
        query = filterset.form.cleaned_data.get("q", "") if filterset.is_bound else ""
        snippets = search.headlines([t.pk for t in page.object_list], query) if query else {}
        rows = [(t, snippets.get(t.pk) or escape(excerpt(t.body))) for t in page.object_list]
        valid = not filterset.is_bound or filterset.form.is_valid()
        capped = getattr(paginator, "capped", False)
        context = {
            **facets.build(
                request,
                queryset,
                filterset.form.cleaned_data if filterset.is_bound and valid else {},
                total=None if capped else paginator.count,
            ),
            "filter": filterset,
            "page": page,
            "rows": rows,
            "query": query,
            "unranked": getattr(filterset, "unranked", False),
            "capped": getattr(paginator, "capped", False),
            "active": _active_filters(request, filterset),
            "querystring": _querystring(request, drop=("page",)),
            "csv_url": "?" + _querystring(request, drop=("page", "format"), add={"format": "csv"}),
            "json_url": "?"
            + _querystring(request, drop=("page", "format"), add={"format": "json"}),
            "citation_urls": [
                (label, "?" + _querystring(request, drop=("page", "format"), add={"format": f}))
                for f, label in (("bibtex", "BibTeX"), ("ris", "RIS"), ("csljson", "CSL-JSON"))
            ],
        }
        return render(request, "archive/telegram_list.html", context)


def _querystring(request, drop=(), add=None) -> str:
    params = [(k, v) for k, v in request.GET.items() if k not in drop and v != ""]
    params.extend((add or {}).items())
    return urlencode(params)


def _active_filters(request, filterset) -> list[tuple[str, str, str]]:
    """(label, value, URL without it) for each filter in use, so each can be removed."""
    if not filterset.is_bound or not filterset.form.is_valid():
        return []
    data = filterset.form.cleaned_data
    labels = {
        "q": "Search",
        "sender": "Sender",
        "recipient": "Recipient",
        "person": "Person mentioned",
        "place": "Place",
        "origin": "Origin",
        "kind": "Kind",
        "file_class": "File class",
        "from": "From",
        "to": "To",
        "file": "File",
        "sort": "Sorted by",
    }
    internal = {"from": "date_from", "to": "date_to"}
    active = []
    for key, label in labels.items():
        value = data.get(internal.get(key, key))
        if value in (None, ""):
            continue
        if key == "sort":
            value = dict(filterset.filters["sort"].extra["choices"])[value]
        remaining = _querystring(request, drop=(key, internal.get(key, key), "page"))
        active.append((label, str(value), "?" + remaining if remaining else request.path))
    return active


def _neighbours(telegram: Telegram) -> tuple[Telegram | None, Telegram | None]:
    """Previous and next public documents in date order (undated ones last).

    Each neighbour is looked for in at most three small steps (same date and
    file, same date, another date), each a walk along the date index, instead
    of one OR that PostgreSQL could only answer by reading every row.
    """
    documents = public_documents().only("identifier", "heading", "date_text")
    d, f, i = telegram.date_earliest, telegram.file_number, telegram.identifier
    same = {"date_earliest": d} if d else {"date_earliest__isnull": True}
    forward = SORTS["date"]
    backward = [F("date_earliest").desc(nulls_first=True), "-file_number", "-identifier"]
    after_steps = [
        Q(**same, file_number=f, identifier__gt=i),
        Q(**same, file_number__gt=f),
    ]
    before_steps = [
        Q(**same, file_number=f, identifier__lt=i),
        Q(**same, file_number__lt=f),
    ]
    if d:
        after_steps += [Q(date_earliest__gt=d), Q(date_earliest__isnull=True)]
        before_steps.append(Q(date_earliest__lt=d))
    else:
        before_steps.append(Q(date_earliest__isnull=False))

    def first(steps, ordering):
        for condition in steps:
            found = documents.filter(condition).order_by(*ordering).first()
            if found is not None:
                return found
        return None

    return first(before_steps, backward), first(after_steps, forward)


def _document(identifier: str) -> Telegram:
    return get_object_or_404(
        public_documents().select_related("sender", "recipient", "origin"),
        identifier=identifier,
    )


def _public_mentions(telegram: Telegram):
    people = list(
        telegram.personmention_set.exclude(status=MentionStatus.REJECTED)
        .select_related("person")
        .order_by("role", "person__name")
    )
    places = list(
        telegram.placemention_set.exclude(status=MentionStatus.REJECTED)
        .select_related("place")
        .order_by("role", "place__name")
    )
    return people, places


def _public_annotations(telegram: Telegram):
    return list(
        telegram.annotations.filter(
            is_public=True, kind__in=[Annotation.Kind.NOTE, Annotation.Kind.CROSS_REFERENCE]
        ).select_related("person", "place", "target")
    )


@read_only
class TelegramDetailView(View):
    def get(self, request, identifier):
        telegram = _document(identifier)
        url = request.build_absolute_uri(telegram.get_absolute_url())
        fmt = request.GET.get("format")
        if fmt in citation.FORMATS:
            return citation_views.TelegramCitationView.as_view()(
                request, identifier=identifier, suffix=citation.FORMATS[fmt][0]
            )
        footnotes = list(telegram.footnotes.select_related("person", "place"))
        people, places = _public_mentions(telegram)
        links = [
            Link(m.surface, reverse("archive:person-detail", args=[m.person_id]), "person")
            for m in people
            if m.role == "mentioned" and m.surface
        ] + [
            Link(m.surface, reverse("archive:place-detail", args=[m.place_id]), "place")
            for m in places
            if m.role == "mentioned" and m.surface
        ]
        annotations = [
            a for a in _public_annotations(telegram) if not a.target_id or a.target.is_public
        ]
        previous, following = _neighbours(telegram)
        in_file, nearby = _file_neighbours(telegram)
        cites = list(
            telegram.references.exclude(status=MentionStatus.REJECTED).select_related("target")
        )
        cited_by = list(
            telegram.cited_by.exclude(status=MentionStatus.REJECTED)
            .filter(source__is_public=True)
            .select_related("source")
        )
        context = {
            "telegram": telegram,
            "paragraphs": render_body(telegram.body, footnotes, links, annotations),
            "footnotes": footnotes,
            "heading_notes": [n for n in footnotes if n.location != "body"],
            "people": people,
            "places": places,
            "previous": previous,
            "next": following,
            "permalink": url,
            **_citations(telegram, url),
            "in_file": in_file,
            "cites": cites,
            "cited_by": cited_by,
            "nearby": nearby,
            "countries": _country_names(telegram),
        }
        return render(request, "archive/telegram_detail.html", context)


def _file_neighbours(telegram: Telegram, limit: int = 10):
    """Other public documents of the same decimal file, and those with nearby items."""
    if not telegram.decimal_file:
        return [], []
    same = (
        public_documents()
        .filter(decimal_file=telegram.decimal_file)
        .exclude(pk=telegram.pk)
        .only("identifier", "heading", "date_text", "decimal_item")
    )
    in_file = list(same.order_by("decimal_item_number", "identifier")[:limit])
    nearby = []
    if telegram.decimal_item_number is not None:
        number = telegram.decimal_item_number
        nearby = list(
            same.filter(decimal_item_number__range=(max(0, number - 8), number + 8)).order_by(
                "decimal_item_number", "identifier"
            )[:limit]
        )
    return in_file, nearby


def _country_names(telegram: Telegram) -> list[tuple[str, str, int | None]]:
    codes = [c for c in (telegram.file_country_1, telegram.file_country_2) if c]
    if not codes:
        return []
    known = {c.code: c for c in CountryCode.objects.filter(code__in=codes)}
    return [
        (
            code,
            known[code].name if code in known else "",
            known[code].place_id if code in known else None,
        )
        for code in codes
    ]


def _citations(telegram: Telegram, url: str) -> dict:
    """The document's place in FRUS and its citations (archive.frus, archive.citation)."""
    first, last = frus.page_range(telegram.body)
    return {
        "citation": citation.chicago(telegram, url),
        "frus_citation": citation.frus_citation(telegram),
        "volume_title": frus.volume_title(telegram.frus_volume),
        "document_number": frus.document_number(telegram.frus_document),
        "pages": frus.pages_label(first, last),
        "hsg_url": frus.hsg_url(telegram.frus_volume, telegram.frus_document),
        "highwire": citation.highwire(telegram, url),
        "coins": citation.coins(telegram, url),
    }


@read_only
class TelegramJSONView(View):
    def get(self, request, identifier):
        telegram = _document(identifier)
        return JsonResponse(
            downloads.telegram_document(telegram, request),
            json_dumps_params={"ensure_ascii": False, "indent": 2},
        )


class AuthorityListView(View):
    model = Person
    mention_model = PersonMention
    template = ""
    kind = ""

    def get(self, request):
        queryset = _counted(self.model)
        query = request.GET.get("q", "").strip()
        if query:
            queryset = queryset.filter(Q(name__icontains=query) | Q(aliases__icontains=query))
        queryset = queryset.order_by(*self.ordering, "pk")
        fmt = request.GET.get("format")
        if fmt in downloads.FORMATS:
            return downloads.authorities(queryset, self.kind, fmt, request)
        page = Paginator(queryset, AUTHORITY_PAGE_SIZE).get_page(request.GET.get("page"))
        return render(
            request,
            self.template,
            {
                "page": page,
                "query": query,
                "querystring": _querystring(request, drop=("page",)),
                "csv_url": "?"
                + _querystring(request, drop=("page", "format"), add={"format": "csv"}),
                "json_url": "?"
                + _querystring(request, drop=("page", "format"), add={"format": "json"}),
            },
        )


@read_only
class PersonListView(AuthorityListView):
    model = Person
    template = "archive/person_list.html"
    ordering = ("surname", "name")
    kind = "person"


@read_only
class PlaceListView(AuthorityListView):
    model = Place
    mention_model = PlaceMention
    template = "archive/place_list.html"
    ordering = ("name",)
    kind = "place"


@read_only
class FileListView(View):
    """The decimal files of the public documents, with counts, by class and country."""

    def get(self, request):
        rows = (
            public_documents()
            .exclude(decimal_file="")
            .values("decimal_class", "file_country_1", "file_country_2", "decimal_file")
            .annotate(n=Count("*"))  # not Count("pk"): the files index alone answers COUNT(*)
            .order_by("decimal_class", "file_country_1", "decimal_file")
        )
        names = dict(CountryCode.objects.values_list("code", "name"))
        listing = reverse("archive:telegram-list")
        groups: dict[tuple[str, str], list] = {}
        for row in rows:
            key = (row["decimal_class"], row["file_country_1"])
            groups.setdefault(key, []).append(row)
        # Each file's line is built here rather than in a template loop: a
        # hundred thousand documents fill over a thousand files, and the
        # template engine took 90 ms to write their lines.
        sections = [
            {
                "title": CLASSES.get(cls, f"Class {cls}"),
                "cls": cls,
                "country": names.get(country, country or "other"),
                "files": format_html_join(
                    "",
                    '<li><a href="{}">{}</a>{} <span class="count">{} document{}</span></li>',
                    (
                        (
                            f"{listing}?{urlencode({'file': row['decimal_file']})}",
                            row["decimal_file"],
                            f" ({second})"
                            if (second := names.get(row["file_country_2"], row["file_country_2"]))
                            else "",
                            row["n"],
                            "" if row["n"] == 1 else "s",
                        )
                        for row in files
                    ),
                ),
            }
            for (cls, country), files in groups.items()
        ]
        return render(request, "archive/file_list.html", {"sections": sections})
