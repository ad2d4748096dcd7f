"""The files every site is asked for: robots.txt and the favicon."""

from __future__ import annotations

from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

STATIC = Path(__file__).resolve().parent / "static" / "archive"
FAVICON = (STATIC / "favicon.ico").read_bytes()


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawl the documents, people and places; not the admin or every filter combination.

    The document list with parameters (filters, facets, the timeline, page
    numbers, downloads) makes endlessly many addresses of the same
    documents, so crawlers are pointed to the sitemap instead.
    """
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /telegrams/?",
        "Disallow: /people/?",
        "Disallow: /places/?",
        "Disallow: /names/",
        "Allow: /",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(max_age=604800, public=True)
def favicon(request: HttpRequest) -> HttpResponse:
    """The icon browsers ask for at /favicon.ico, whatever the page links."""
    return HttpResponse(FAVICON, content_type="image/x-icon")
