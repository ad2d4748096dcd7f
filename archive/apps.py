from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    """The telegram archive: records, import, admin and reading room."""

    name = "archive"
    verbose_name = "Telegram archive"
