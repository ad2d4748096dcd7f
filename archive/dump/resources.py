"""The resources of a dump: the editors' exchange resources, plus what a copy needs.

Each is the resource of the admin's Import and Export (same columns, same
natural keys, same protection of editors' fields) with three more columns:
the row's database ``id``, its lock ``version`` and its ``created_at``.
They are written to a row only when the load creates it, never to a row
that is already there: an existing record keeps its id, its version (the
lock other editors hold) and its creation time. The id is written only when
the load goes into an empty archive (``keep_ids``); in an archive with rows
it could name another record.

The merge log and the accepted quality findings have no admin import; their
resources are here.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from import_export import fields, widgets

from .. import resources as exchange
from ..exchange import ArchiveResource
from ..models import Merge, QualityAcceptance

ORIGIN_FIELDS = ("id", "version", "created_at")


class DumpMixin:
    """Ids, versions and creation times for new rows; no refresh per table.

    The load rebuilds the search index and the stored counts once, after
    every table (archive.dump.loading), instead of after each one.
    """

    refreshes = False

    def __init__(self, *args, keep_ids: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.keep_ids = keep_ids

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        instance.new_in_load = new

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.attribute in ORIGIN_FIELDS:
            if not getattr(instance, "new_in_load", False):
                return
            if field.attribute == "id" and not self.keep_ids:
                return
        super().import_field(field, instance, row, is_m2m, **kwargs)
        if field.attribute == "created_at":
            instance.created_in_dump = instance.created_at

    def after_save_instance(self, instance, row, **kwargs):
        """``auto_now_add`` stamps the time of the load: put back the dump's time."""
        super().after_save_instance(instance, row, **kwargs)
        created = getattr(instance, "created_in_dump", None)
        if created is not None and created != instance.created_at:
            type(instance)._default_manager.filter(pk=instance.pk).update(created_at=created)
            instance.created_at = created


def dump_resource(base: type[ArchiveResource]) -> type[ArchiveResource]:
    """``base`` with the origin columns of the model added (see the module's docstring)."""
    model = base._meta.model
    names = {field.name for field in model._meta.concrete_fields}
    extra = [name for name in ORIGIN_FIELDS if name in names]
    options = {}
    if base._meta.fields is not None:
        options["fields"] = [*extra, *base._meta.fields]
    if base._meta.exclude:
        options["exclude"] = [name for name in base._meta.exclude if name not in extra]
    return type(
        f"{model.__name__}Dump",
        (DumpMixin, base),
        {
            "__module__": __name__,
            "__doc__": f"{base.__doc__ or base.__name__} With ids, versions and creation times.",
            "Meta": type("Meta", (), options),
        },
    )


def _account(column: str) -> fields.Field:
    return fields.Field(
        attribute=column,
        column_name=column,
        widget=widgets.ForeignKeyWidget(get_user_model(), field="username"),
    )


PlaceDump = dump_resource(exchange.PlaceResource)
CountryCodeDump = dump_resource(exchange.CountryCodeResource)
PersonDump = dump_resource(exchange.PersonResource)
OfficeHoldingDump = dump_resource(exchange.OfficeHoldingResource)
TelegramDump = dump_resource(exchange.TelegramResource)
FootnoteDump = dump_resource(exchange.FootnoteResource)
AnnotationDump = dump_resource(exchange.AnnotationResource)
PersonMentionDump = dump_resource(exchange.PersonMentionResource)
PlaceMentionDump = dump_resource(exchange.PlaceMentionResource)
TelegramReferenceDump = dump_resource(exchange.TelegramReferenceResource)
UnmatchedNameDump = dump_resource(exchange.UnmatchedNameResource)


class QualityAcceptanceDump(DumpMixin, ArchiveResource):
    """Findings editors accepted as right, keyed on the check and the finding."""

    user = _account("user")

    class Meta:
        model = QualityAcceptance
        import_id_fields = ["check_name", "key"]
        fields = ["id", "check_name", "key", "user", "note", "created_at"]
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True


class MergeDump(DumpMixin, ArchiveResource):
    """The merge log, loaded only into an empty archive.

    A merge names records by database id (the absorbed record's old id, the
    kept record, and in its undo record every row it moved), and those ids
    mean other records in another archive: undoing such a merge there would
    move the wrong rows. So into an archive that has rows no merge is
    loaded or changed; the load says how many it left out.
    """

    user = _account("user")
    undone_by = _account("undone_by")

    class Meta:
        model = Merge
        import_id_fields = ["kind", "absorbed_key", "created_at"]
        fields = [
            "id",
            "kind",
            "absorbed_id",
            "absorbed_name",
            "absorbed_key",
            "kept_id",
            "reason",
            "user",
            "created_at",
            "record",
            "undone_at",
            "undone_by",
            "undo_note",
        ]
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if not self.keep_ids:
            return True
        return super().skip_row(instance, original, row, import_validation_errors)
