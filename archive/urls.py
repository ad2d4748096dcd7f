from django.urls import path

from . import views

app_name = "archive"

urlpatterns = [
    path("", views.TelegramListView.as_view(), name="home"),
    path("telegrams/", views.TelegramListView.as_view(), name="telegram-list"),
    path(
        "telegrams/<slug:identifier>/",
        views.TelegramDetailView.as_view(),
        name="telegram-detail",
    ),
]
