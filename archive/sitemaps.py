"""The sitemap (django.contrib.sitemaps): public documents, people and places only.

Served as an index (``/sitemap.xml``) of paginated sections, so that a
hundred thousand documents never make one file. People and places are
listed only when a public document names them (archive.visibility), which
is also when their pages answer.
"""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from . import visibility
from .models import Telegram

PAGE = 5000


class TelegramSitemap(Sitemap):
    limit = PAGE
    changefreq = "monthly"

    def items(self):
        return Telegram.objects.public().only("identifier", "updated_at").order_by("pk")

    def lastmod(self, item: Telegram):
        return item.updated_at


class PersonSitemap(Sitemap):
    limit = PAGE
    changefreq = "monthly"

    def items(self):
        return visibility.public_people().only("pk", "updated_at").order_by("pk")

    def location(self, item) -> str:
        return reverse("archive:person-detail", args=[item.pk])

    def lastmod(self, item):
        return item.updated_at


class PlaceSitemap(Sitemap):
    limit = PAGE
    changefreq = "monthly"

    def items(self):
        return visibility.public_places().only("pk", "updated_at").order_by("pk")

    def location(self, item) -> str:
        return reverse("archive:place-detail", args=[item.pk])

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {"documents": TelegramSitemap, "people": PersonSitemap, "places": PlaceSitemap}
