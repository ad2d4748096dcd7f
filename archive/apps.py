from django.apps import AppConfig
from django.db.models.signals import pre_save


def _normalise_before_save(sender, instance, raw=False, **kwargs) -> None:
    """Every archive record is saved with its text in normal form (see archive.normalise)."""
    if raw or sender._meta.app_label != "archive":
        return
    from .normalise import normalise_instance

    normalise_instance(instance)


class ArchiveConfig(AppConfig):
    """The telegram archive: records, import, admin and reading room."""

    name = "archive"
    verbose_name = "Telegram archive"

    def ready(self) -> None:
        pre_save.connect(_normalise_before_save, dispatch_uid="archive-normalise-text")
