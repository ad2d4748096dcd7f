"""django-import-export resources: the authority lists and spreadsheet exchange.

Rows are keyed on ``authority_key`` (a natural key), never on database ids,
so the same CSV can be loaded into any database, again and again, without
duplicating a row. Fields an editor corrected (``protected_fields``) are
left as the editor left them.
"""

from __future__ import annotations

from import_export import fields, resources, widgets

from .models import Person, Place


class AliasesWidget(widgets.SimpleArrayWidget):
    """Aliases as ``Litvinov; Litvinoff`` in a spreadsheet cell."""

    def __init__(self) -> None:
        super().__init__(separator=";")

    def clean(self, value, row=None, **kwargs) -> list[str]:
        return [part.strip() for part in (value or "").split(self.separator) if part.strip()]

    def render(self, value, obj=None, **kwargs) -> str:
        return "; ".join(value or [])


class ProtectedFieldsMixin:
    """Never overwrite a field an editor has corrected in the admin."""

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.attribute and field.attribute in (instance.protected_fields or []):
            return
        super().import_field(field, instance, row, is_m2m, **kwargs)


class PersonResource(ProtectedFieldsMixin, resources.ModelResource):
    aliases = fields.Field(attribute="aliases", column_name="aliases", widget=AliasesWidget())

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
        ]
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True


class PlaceResource(ProtectedFieldsMixin, resources.ModelResource):
    aliases = fields.Field(attribute="aliases", column_name="aliases", widget=AliasesWidget())
    parent = fields.Field(
        attribute="parent",
        column_name="parent",
        widget=widgets.ForeignKeyWidget(Place, field="authority_key"),
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
        ]
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True
