"""Site-wide addresses outside the reading room's pages: sitemap, robots.txt,
favicon, the open-data files and the name pickers' lists."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path
from django.views.decorators.http import require_safe

from . import opendata, pickers, sitefiles
from .sitemaps import SITEMAPS

urlpatterns = [
    path("robots.txt", sitefiles.robots_txt, name="robots"),
    path("favicon.ico", sitefiles.favicon, name="favicon"),
    path(
        "sitemap.xml",
        require_safe(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        require_safe(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("data/telegrams.jsonl", require_safe(opendata.telegrams_jsonl), name="data-jsonl"),
    path("data/cmif.xml", require_safe(opendata.cmif), name="data-cmif"),
    path("names/<str:kind>.json", require_safe(pickers.names), name="names"),
]
