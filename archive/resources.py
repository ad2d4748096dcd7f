"""django-import-export resources: the authority lists and spreadsheet exchange.

Rows are keyed on ``authority_key`` (a natural key), never on database ids,
so the same CSV can be loaded into any database, again and again, without
duplicating a row. Fields an editor corrected (``protected_fields``) are
left as the editor left them.
"""

from __future__ import annotations

import json

import tablib
from django.contrib.auth import get_user_model
from import_export import fields, widgets

from .exchange import ArchiveResource, is_editor
from .models import (
    Annotation,
    CountryCode,
    Footnote,
    MentionStatus,
    Merge,
    OfficeHolding,
    Person,
    PersonMention,
    Place,
    PlaceMention,
    Telegram,
    TelegramReference,
    UnmatchedName,
)


def parents_first(dataset: tablib.Dataset) -> tablib.Dataset:
    """Reorder rows so that a place comes after the place it lies in.

    Editors can then keep the list in whatever order reads best. Line numbers
    in error messages still refer to the file, through the ``line`` column.
    """
    keys = dataset["authority_key"]
    parents = dict(zip(keys, dataset["parent"], strict=True))

    def depth(key: str, seen: frozenset = frozenset()) -> int:
        parent = parents.get(key) or ""
        if not parent or parent not in parents or key in seen:
            return 0
        return 1 + depth(parent, seen | {key})

    order = sorted(range(len(keys)), key=lambda i: depth(keys[i]))
    ordered = tablib.Dataset(headers=dataset.headers)
    for index in order:
        ordered.append(dataset[index])
    ordered.line_numbers = [index + 2 for index in order]
    return ordered


class AliasesWidget(widgets.SimpleArrayWidget):
    """Aliases as ``Litvinov; Litvinoff`` in a spreadsheet cell."""

    def __init__(self) -> None:
        super().__init__(separator=";")

    def clean(self, value, row=None, **kwargs) -> list[str]:
        return [part.strip() for part in (value or "").split(self.separator) if part.strip()]

    def render(self, value, obj=None, **kwargs) -> str:
        return "; ".join(value or [])


class JSONListWidget(widgets.Widget):
    """A list (protected fields) as JSON text in a cell."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return []
        return value if isinstance(value, list) else json.loads(value)

    def render(self, value, obj=None, **kwargs):
        return json.dumps(value or [], ensure_ascii=False)


class ProtectedFieldsMixin:
    """The import script never overwrites a field an editor has corrected.

    An editor's own admin import may: it is their correction, and it stays
    protected (see :mod:`archive.exchange`).
    """

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        # As stored before this row: a new record protects nothing yet, and a
        # protected_fields column read earlier in the same row does not count.
        protected = getattr(instance, "protected_before_import", instance.protected_fields) or []
        if field.attribute and field.attribute in protected and not is_editor(kwargs.get("user")):
            return
        super().import_field(field, instance, row, is_m2m, **kwargs)


class AuthorityKeyWidget(widgets.ForeignKeyWidget):
    """A person or place by authority key; a key merged away names the record kept."""

    def __init__(self, model, kind: str) -> None:
        super().__init__(model, field="authority_key")
        self.kind = kind

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            kept = Merge.resolve_key(self.kind, value)
            if kept is None:
                raise
            return self.model.objects.get(pk=kept)


class MergedKeysMixin:
    """A row whose authority key was merged away creates nothing and changes nothing.

    The key now stands for the record it was merged into (see
    :meth:`archive.models.Merge.resolve_key`), whose fields the editor's
    merge decided; re-importing the authority lists must not bring the
    absorbed record back. Undoing the merge makes the row count again.
    """

    merge_kind = ""

    def skip_row(self, instance, original, row, import_validation_errors=None):
        key = row.get("authority_key") or ""
        if instance.pk is None and Merge.resolve_key(self.merge_kind, key) is not None:
            return True
        return super().skip_row(instance, original, row, import_validation_errors)


class PersonResource(MergedKeysMixin, ProtectedFieldsMixin, ArchiveResource):
    merge_kind = "person"

    def get_instance(self, instance_loader, row):
        """The person a row means: by its key, else by its POCOM id (``hsg_id``).

        ``import_offices`` may have made the person before the list was
        loaded; the row then updates that record instead of making a second
        one, whichever of the two imports ran first.
        """
        instance = super().get_instance(instance_loader, row)
        hsg_id = (row.get("hsg_id") or "").strip()
        if instance is None and hsg_id:
            found = list(Person.objects.filter(hsg_id=hsg_id)[:2])
            if len(found) == 1:
                return found[0]
        return instance

    aliases = fields.Field(attribute="aliases", column_name="aliases", widget=AliasesWidget())
    protected_fields = fields.Field(
        attribute="protected_fields", column_name="protected_fields", widget=JSONListWidget()
    )

    class Meta:
        model = Person
        import_id_fields = ["authority_key"]
        fields = [
            "authority_key",
            "name",
            "surname",
            "forenames",
            "aliases",
            "description",
            "wikidata_id",
            "viaf_id",
            "hsg_id",
            "birth_year",
            "death_year",
            "needs_review",
            "notes",
            "protected_fields",
        ]
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True


class PlaceResource(MergedKeysMixin, ProtectedFieldsMixin, ArchiveResource):
    merge_kind = "place"

    def before_import(self, dataset, **kwargs):
        """A place may be listed before the place it lies in: import parents first."""
        super().before_import(dataset, **kwargs)
        if "parent" in (dataset.headers or []) and "authority_key" in dataset.headers:
            ordered = parents_first(dataset)
            headers = dataset.headers
            dataset.wipe()
            dataset.headers = headers
            for row in ordered:
                dataset.append(row)

    aliases = fields.Field(attribute="aliases", column_name="aliases", widget=AliasesWidget())
    protected_fields = fields.Field(
        attribute="protected_fields", column_name="protected_fields", widget=JSONListWidget()
    )
    parent = fields.Field(
        attribute="parent",
        column_name="parent",
        widget=AuthorityKeyWidget(Place, "place"),
    )

    class Meta:
        model = Place
        import_id_fields = ["authority_key"]
        fields = [
            "authority_key",
            "name",
            "kind",
            "parent",
            "aliases",
            "description",
            "latitude",
            "longitude",
            "geonames_id",
            "wikidata_id",
            "needs_review",
            "notes",
            "protected_fields",
        ]
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True


def _fk(model, field: str, column: str, attribute: str | None = None) -> fields.Field:
    if model in (Person, Place) and field == "authority_key":
        widget = AuthorityKeyWidget(model, model._meta.model_name)
    else:
        widget = widgets.ForeignKeyWidget(model, field=field)
    return fields.Field(attribute=attribute or column, column_name=column, widget=widget)


class RefreshAfterImport:
    """Spreadsheet imports keep the search index and the public counts current.

    The documents are noted as their rows are saved (django-import-export
    keeps no instance in its results unless told to, so reading them from
    the result found none and left imported documents unsearchable). A load
    of a whole archive (archive.dump) turns this off and rebuilds both once,
    at the end.
    """

    refreshes = True

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.documents_saved: set[int] = set()

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        pk = (
            instance.pk
            if isinstance(instance, Telegram)
            else getattr(instance, "telegram_id", None)
        )
        if pk:
            self.documents_saved.add(pk)

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if not self.refreshes or kwargs.get("dry_run") or result.has_errors():
            return
        from . import search, tallies

        search.update_search_vectors(self.documents_saved)
        tallies.refresh()


class TelegramResource(ProtectedFieldsMixin, RefreshAfterImport, ArchiveResource):
    """Documents keyed on ``identifier``; people and places by their authority keys."""

    sender = _fk(Person, "authority_key", "sender")
    recipient = _fk(Person, "authority_key", "recipient")
    origin = _fk(Place, "authority_key", "origin")
    protected_fields = fields.Field(
        attribute="protected_fields", column_name="protected_fields", widget=JSONListWidget()
    )

    class Meta:
        model = Telegram
        import_id_fields = ["identifier"]
        exclude = ["id", "search_vector", "version", "updated_at"]
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True


class FootnoteResource(ProtectedFieldsMixin, RefreshAfterImport, ArchiveResource):
    telegram = _fk(Telegram, "identifier", "telegram")
    person = _fk(Person, "authority_key", "person")
    place = _fk(Place, "authority_key", "place")

    class Meta:
        model = Footnote
        import_id_fields = ["telegram", "order"]
        exclude = ["id", "version"]
        skip_unchanged = True
        clean_model_instances = True


class AnnotationResource(ProtectedFieldsMixin, RefreshAfterImport, ArchiveResource):
    telegram = _fk(Telegram, "identifier", "telegram")
    target = _fk(Telegram, "identifier", "target")
    person = _fk(Person, "authority_key", "person")
    place = _fk(Place, "authority_key", "place")
    author = fields.Field(
        attribute="author",
        column_name="author",
        widget=widgets.ForeignKeyWidget(get_user_model(), field="username"),
    )

    class Meta:
        model = Annotation
        import_id_fields = ["key"]
        exclude = ["id", "version", "created_at", "updated_at"]
        skip_unchanged = True
        clean_model_instances = True


class DecidedMentionsMixin:
    """The import script never undoes an editor's decision on a mention.

    A mention an editor confirmed or rejected keeps its status whatever a
    file says (the rule of ``import_seeds`` and re-linking); an editor's own
    admin import may change it.
    """

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        before = getattr(instance, "_values_before_import", None) or {}
        decided = before.get("status") in (MentionStatus.CONFIRMED, MentionStatus.REJECTED)
        if field.attribute == "status" and decided and not is_editor(kwargs.get("user")):
            return
        super().import_field(field, instance, row, is_m2m, **kwargs)


class PersonMentionResource(DecidedMentionsMixin, RefreshAfterImport, ArchiveResource):
    telegram = _fk(Telegram, "identifier", "telegram")
    person = _fk(Person, "authority_key", "person")

    class Meta:
        model = PersonMention
        import_id_fields = ["telegram", "person", "role"]
        exclude = ["id", "version"]
        skip_unchanged = True
        clean_model_instances = True


class PlaceMentionResource(DecidedMentionsMixin, RefreshAfterImport, ArchiveResource):
    telegram = _fk(Telegram, "identifier", "telegram")
    place = _fk(Place, "authority_key", "place")

    class Meta:
        model = PlaceMention
        import_id_fields = ["telegram", "place", "role"]
        exclude = ["id", "version"]
        skip_unchanged = True
        clean_model_instances = True


class CountryCodeResource(ArchiveResource):
    place = _fk(Place, "authority_key", "place")

    class Meta:
        model = CountryCode
        import_id_fields = ["code"]
        fields = ["code", "name", "place", "note"]
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True


class OptionalText(widgets.CharWidget):
    """Text whose empty cell means NULL (a unique id that may be absent)."""

    def clean(self, value, row=None, **kwargs):
        value = super().clean(value, row, **kwargs)
        return value or None


class OfficeHoldingResource(ArchiveResource):
    """A person in an office; POCOM's id kept, so import_offices finds the holding again."""

    person = _fk(Person, "authority_key", "person")
    post = _fk(Place, "authority_key", "post")
    protected_fields = fields.Field(
        attribute="protected_fields", column_name="protected_fields", widget=JSONListWidget()
    )
    # Unique when set: an empty cell is "no POCOM id" (NULL), never the id "".
    pocom_id = fields.Field(attribute="pocom_id", column_name="pocom_id", widget=OptionalText())

    class Meta:
        model = OfficeHolding
        import_id_fields = ["person", "office", "start"]
        fields = ["person", "office", "post", "start", "end", "source", "pocom_id"]
        fields += ["protected_fields"]
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True


class TelegramReferenceResource(RefreshAfterImport, ArchiveResource):
    """A document's citation of another ("your 123 of May 4"), keyed on document and phrase."""

    source = _fk(Telegram, "identifier", "source")
    target = _fk(Telegram, "identifier", "target")

    class Meta:
        model = TelegramReference
        import_id_fields = ["source", "quote"]
        exclude = ["id"]
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True


class UnmatchedNameResource(ArchiveResource):
    """The names the linker could not match, with the editors' "ignored" decisions."""

    class Meta:
        model = UnmatchedName
        import_id_fields = ["name"]
        exclude = ["id", "updated_at"]
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True


# In the order an empty database must receive them.
ALL_RESOURCES = [
    PlaceResource,
    CountryCodeResource,
    PersonResource,
    OfficeHoldingResource,
    TelegramResource,
    FootnoteResource,
    AnnotationResource,
    PersonMentionResource,
    PlaceMentionResource,
    TelegramReferenceResource,
    UnmatchedNameResource,
]
