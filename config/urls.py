"""URLs: the editors' admin and the public reading room."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Telegram archive: editors"
admin.site.site_title = "Telegram archive"
admin.site.index_title = "Records"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("archive.urls")),
    path("", include("archive.site_urls")),
]
