from django.urls import path

from . import citation, citation_views, public_people, views

app_name = "archive"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("telegrams/", views.TelegramListView.as_view(), name="telegram-list"),
    path(
        "telegrams/<slug:identifier>.json",
        views.TelegramJSONView.as_view(),
        name="telegram-json",
    ),
    *(
        path(
            f"telegrams/<slug:identifier>.{suffix}",
            citation_views.TelegramCitationView.as_view(),
            {"suffix": suffix},
            name=f"telegram-{fmt}",
        )
        for fmt, (suffix, _) in citation.FORMATS.items()
    ),
    path(
        "telegrams/<slug:identifier>/",
        views.TelegramDetailView.as_view(),
        name="telegram-detail",
    ),
    path("files/", views.FileListView.as_view(), name="file-list"),
    path("people/", views.PersonListView.as_view(), name="person-list"),
    path("people/<int:pk>/", public_people.PersonDetailView.as_view(), name="person-detail"),
    path("places/", views.PlaceListView.as_view(), name="place-list"),
    path("places/<int:pk>/", public_people.PlaceDetailView.as_view(), name="place-detail"),
]
