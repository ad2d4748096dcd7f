"""The archive's schema as migrations 0001 to 0021 left it, in one readable step.

A new database starts here; one that has applied the old migrations keeps
them (``replaces``). Generated from the models as they stood after 0021,
plus what the old migrations did beyond the models:

- PostgreSQL-only indexes: the GIN index of the search vector (0002) and the
  latest-first index of the public list (0005);
- the Editor group's permissions (0004, 0010, 0013, 0021).

The data fills of the old migrations (natural keys, counts, decimal-file
fields, line endings) have nothing to fill in a new database and are left
out. tests/test_migrations.py checks that a database migrated step by step
and one migrated from here are the same.
"""

import uuid

import django.contrib.postgres.search
import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

from archive.migrations._editor_group import grant_editor

GIN_INDEX = (
    "CREATE INDEX IF NOT EXISTS telegram_search_gin ON archive_telegram USING gin (search_vector)"
)
DESC_INDEX = (
    "CREATE INDEX IF NOT EXISTS telegram_public_date_desc ON archive_telegram "
    "(is_public, date_earliest DESC NULLS LAST, file_number, identifier)"
)
EDITOR_MODELS = [
    "telegram",
    "person",
    "place",
    "footnote",
    "annotation",
    "personmention",
    "placemention",
]
ALL_VERBS = ("view", "add", "change", "delete", "import", "export")


def create_postgres_indexes(apps, schema_editor):
    """GIN and NULLS LAST are PostgreSQL's; SQLite searches and sorts without them."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(GIN_INDEX)
        schema_editor.execute(DESC_INDEX)


def drop_postgres_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS telegram_search_gin")
        schema_editor.execute("DROP INDEX IF EXISTS telegram_public_date_desc")


def editor_codenames():
    """Everything on archive records but deleting documents, as 0004, 0010, 0013, 0021 granted."""
    codenames = []
    for model in EDITOR_MODELS:
        codenames += [f"view_{model}", f"add_{model}", f"change_{model}"]
        codenames += [f"import_{model}", f"export_{model}"]
        if model != "telegram":
            codenames.append(f"delete_{model}")
    codenames += ["merge_person", "merge_place", "view_merge"]
    codenames += [f"{verb}_countrycode" for verb in ALL_VERBS]
    codenames += [f"{verb}_officeholding" for verb in ALL_VERBS]
    codenames += [f"{verb}_telegramreference" for verb in ("view", "add", "change", "delete")]
    codenames += ["view_unmatchedname", "change_unmatchedname"]
    codenames += [f"{verb}_qualityacceptance" for verb in ("view", "add", "change", "delete")]
    return codenames


def create_editor_group(apps, schema_editor):
    grant_editor(apps, editor_codenames(), replace=True)


def remove_editor_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editor").delete()


class Migration(migrations.Migration):
    replaces = [
        ("archive", "0001_initial"),
        ("archive", "0002_search_vector"),
        ("archive", "0003_history_versions_merges"),
        ("archive", "0004_editor_group"),
        ("archive", "0005_reading_room_indexes"),
        ("archive", "0006_history_keeps_versions"),
        ("archive", "0007_public_document_tallies"),
        ("archive", "0008_decimal_files"),
        ("archive", "0009_country_code_history"),
        ("archive", "0010_editor_country_codes"),
        ("archive", "0011_reply_threads"),
        ("archive", "0012_unmatched_names_offices"),
        ("archive", "0013_editor_linking"),
        ("archive", "0014_history_indexes_for_reading"),
        ("archive", "0015_public_files_index"),
        ("archive", "0016_editors_counts_kept"),
        ("archive", "0017_identifiers_validated"),
        ("archive", "0018_text_line_endings_repaired"),
        ("archive", "0019_footnotes_annotations_protected"),
        ("archive", "0020_merge_undo"),
        ("archive", "0021_quality_acceptance"),
    ]

    initial = True

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Person",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "notes",
                    models.TextField(
                        blank=True, help_text="Private notes for editors; never published."
                    ),
                ),
                (
                    "protected_fields",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="Names of fields corrected by an editor; imports never overwrite them.",
                    ),
                ),
                (
                    "authority_key",
                    models.SlugField(
                        blank=True,
                        help_text="Stable key used by the authority lists in seeds/authorities/ (for example 'henderson-loy-w'). Leave blank for records made by hand.",
                        max_length=120,
                        null=True,
                        unique=True,
                    ),
                ),
                (
                    "aliases",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="Other forms of the name as printed in documents, one per entry (for example 'Litvinoff').",
                    ),
                ),
                (
                    "description",
                    models.TextField(
                        blank=True,
                        help_text="One or two lines an editor would write to identify the record.",
                    ),
                ),
                (
                    "wikidata_id",
                    models.CharField(
                        blank=True,
                        help_text="For example Q193253.",
                        max_length=20,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^Q[1-9][0-9]*$",
                                "A Wikidata id is Q followed by digits, for example Q193253.",
                            )
                        ],
                        verbose_name="Wikidata id",
                    ),
                ),
                (
                    "needs_review",
                    models.BooleanField(
                        db_index=True,
                        default=False,
                        help_text="Tick when the record was made by the importer or is doubtful and an editor should check it.",
                    ),
                ),
                (
                    "public_documents",
                    models.PositiveIntegerField(
                        db_index=True,
                        default=0,
                        editable=False,
                        help_text="Public documents that name this record; kept by archive.tallies.",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "name",
                    models.CharField(
                        db_index=True,
                        help_text="Display form of the name, for example 'Loy W. Henderson'.",
                        max_length=200,
                    ),
                ),
                ("surname", models.CharField(blank=True, db_index=True, max_length=120)),
                ("forenames", models.CharField(blank=True, max_length=120)),
                (
                    "viaf_id",
                    models.CharField(
                        blank=True,
                        help_text="Digits only.",
                        max_length=30,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[0-9]+$", "This id is digits only."
                            )
                        ],
                        verbose_name="VIAF id",
                    ),
                ),
                (
                    "hsg_id",
                    models.CharField(
                        blank=True,
                        help_text="Id in the history.state.gov people database (not a FRUS volume's p_… id, which changes from volume to volume).",
                        max_length=30,
                        verbose_name="history.state.gov id",
                    ),
                ),
                ("sent_documents", models.PositiveIntegerField(default=0, editable=False)),
                ("received_documents", models.PositiveIntegerField(default=0, editable=False)),
                ("mentioned_documents", models.PositiveIntegerField(default=0, editable=False)),
            ],
            options={
                "verbose_name_plural": "people",
                "ordering": ["surname", "name"],
                "permissions": [
                    ("merge_person", "Can merge people"),
                    ("import_person", "Can import person"),
                    ("export_person", "Can export person"),
                ],
            },
        ),
        migrations.CreateModel(
            name="UnmatchedName",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200, unique=True)),
                ("occurrences", models.PositiveIntegerField(default=0)),
                ("documents", models.PositiveIntegerField(default=0)),
                (
                    "examples",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="Up to three documents and the words around the name.",
                    ),
                ),
                (
                    "ignored",
                    models.BooleanField(
                        db_index=True,
                        default=False,
                        help_text="Not a person or place (an institution, a ship…): the linker stops listing it.",
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "ordering": ["-documents", "name"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalPerson",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "notes",
                    models.TextField(
                        blank=True, help_text="Private notes for editors; never published."
                    ),
                ),
                (
                    "protected_fields",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="Names of fields corrected by an editor; imports never overwrite them.",
                    ),
                ),
                (
                    "authority_key",
                    models.SlugField(
                        blank=True,
                        db_index=False,
                        help_text="Stable key used by the authority lists in seeds/authorities/ (for example 'henderson-loy-w'). Leave blank for records made by hand.",
                        max_length=120,
                        null=True,
                    ),
                ),
                (
                    "aliases",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="Other forms of the name as printed in documents, one per entry (for example 'Litvinoff').",
                    ),
                ),
                (
                    "description",
                    models.TextField(
                        blank=True,
                        help_text="One or two lines an editor would write to identify the record.",
                    ),
                ),
                (
                    "wikidata_id",
                    models.CharField(
                        blank=True,
                        help_text="For example Q193253.",
                        max_length=20,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^Q[1-9][0-9]*$",
                                "A Wikidata id is Q followed by digits, for example Q193253.",
                            )
                        ],
                        verbose_name="Wikidata id",
                    ),
                ),
                (
                    "needs_review",
                    models.BooleanField(
                        default=False,
                        help_text="Tick when the record was made by the importer or is doubtful and an editor should check it.",
                    ),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(blank=True, editable=False)),
                (
                    "name",
                    models.CharField(
                        help_text="Display form of the name, for example 'Loy W. Henderson'.",
                        max_length=200,
                    ),
                ),
                ("surname", models.CharField(blank=True, max_length=120)),
                ("forenames", models.CharField(blank=True, max_length=120)),
                (
                    "viaf_id",
                    models.CharField(
                        blank=True,
                        help_text="Digits only.",
                        max_length=30,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[0-9]+$", "This id is digits only."
                            )
                        ],
                        verbose_name="VIAF id",
                    ),
                ),
                (
                    "hsg_id",
                    models.CharField(
                        blank=True,
                        help_text="Id in the history.state.gov people database (not a FRUS volume's p_… id, which changes from volume to volume).",
                        max_length=30,
                        verbose_name="history.state.gov id",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")],
                        max_length=1,
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical person",
                "verbose_name_plural": "historical people",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalQualityAcceptance",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "check_name",
                    models.CharField(
                        choices=[
                            ("unread_numbers", "file number not fully read"),
                            ("no_sender", "telegram without a sender"),
                            ("no_date", "document without a date"),
                            ("markers_without_notes", "footnote references without footnotes"),
                            ("notes_without_markers", "footnote whose reference was removed"),
                            ("annotations", "annotation to review"),
                            ("duplicates", "file number on more than one document"),
                            ("bad_dates", "earliest date after the latest"),
                            ("never_people", "person never mentioned"),
                            ("never_places", "place never mentioned"),
                            ("likely_duplicates", "people who may be the same"),
                        ],
                        max_length=40,
                        verbose_name="check",
                    ),
                ),
                (
                    "key",
                    models.CharField(help_text="Which finding of that check.", max_length=500),
                ),
                (
                    "note",
                    models.TextField(blank=True, help_text="Why the finding is right as it is."),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")],
                        max_length=1,
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical accepted quality finding",
                "verbose_name_plural": "historical accepted quality findings",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Place",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "notes",
                    models.TextField(
                        blank=True, help_text="Private notes for editors; never published."
                    ),
                ),
                (
                    "protected_fields",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="Names of fields corrected by an editor; imports never overwrite them.",
                    ),
                ),
                (
                    "authority_key",
                    models.SlugField(
                        blank=True,
                        help_text="Stable key used by the authority lists in seeds/authorities/ (for example 'henderson-loy-w'). Leave blank for records made by hand.",
                        max_length=120,
                        null=True,
                        unique=True,
                    ),
                ),
                (
                    "aliases",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="Other forms of the name as printed in documents, one per entry (for example 'Litvinoff').",
                    ),
                ),
                (
                    "description",
                    models.TextField(
                        blank=True,
                        help_text="One or two lines an editor would write to identify the record.",
                    ),
                ),
                (
                    "wikidata_id",
                    models.CharField(
                        blank=True,
                        help_text="For example Q193253.",
                        max_length=20,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^Q[1-9][0-9]*$",
                                "A Wikidata id is Q followed by digits, for example Q193253.",
                            )
                        ],
                        verbose_name="Wikidata id",
                    ),
                ),
                (
                    "needs_review",
                    models.BooleanField(
                        db_index=True,
                        default=False,
                        help_text="Tick when the record was made by the importer or is doubtful and an editor should check it.",
                    ),
                ),
                (
                    "public_documents",
                    models.PositiveIntegerField(
                        db_index=True,
                        default=0,
                        editable=False,
                        help_text="Public documents that name this record; kept by archive.tallies.",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("name", models.CharField(db_index=True, max_length=200)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("country", "country"),
                            ("region", "region"),
                            ("city", "city"),
                            ("other", "other"),
                        ],
                        default="other",
                        max_length=20,
                    ),
                ),
                (
                    "latitude",
                    models.DecimalField(blank=True, decimal_places=6, max_digits=9, null=True),
                ),
                (
                    "longitude",
                    models.DecimalField(blank=True, decimal_places=6, max_digits=9, null=True),
                ),
                (
                    "geonames_id",
                    models.CharField(
                        blank=True,
                        help_text="Digits only, for example 524901.",
                        max_length=20,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[0-9]+$", "This id is digits only."
                            )
                        ],
                        verbose_name="GeoNames id",
                    ),
                ),
                ("origin_documents", models.PositiveIntegerField(default=0, editable=False)),
                ("mentioned_documents", models.PositiveIntegerField(default=0, editable=False)),
                (
                    "parent",
                    models.ForeignKey(
                        blank=True,
                        help_text="The larger place this one lies in (Moscow → Soviet Union).",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="children",
                        to="archive.place",
                    ),
                ),
            ],
            options={
                "ordering": ["name"],
                "permissions": [
                    ("merge_place", "Can merge places"),
                    ("import_place", "Can import place"),
                    ("export_place", "Can export place"),
                ],
            },
        ),
        migrations.CreateModel(
            name="OfficeHolding",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "office",
                    models.CharField(
                        db_index=True,
                        help_text="As headings print it: 'Ambassador in Japan'.",
                        max_length=200,
                    ),
                ),
                ("start", models.DateField(blank=True, null=True)),
                (
                    "end",
                    models.DateField(blank=True, help_text="Empty while in office.", null=True),
                ),
                ("source", models.CharField(blank=True, max_length=300)),
                (
                    "person",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="offices",
                        to="archive.person",
                    ),
                ),
                (
                    "post",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="office_holdings",
                        to="archive.place",
                    ),
                ),
            ],
            options={
                "ordering": ["office", "start"],
                "permissions": [
                    ("import_officeholding", "Can import office holding"),
                    ("export_officeholding", "Can export office holding"),
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalTelegram",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "notes",
                    models.TextField(
                        blank=True, help_text="Private notes for editors; never published."
                    ),
                ),
                (
                    "protected_fields",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="Names of fields corrected by an editor; imports never overwrite them.",
                    ),
                ),
                (
                    "identifier",
                    models.SlugField(
                        db_index=False,
                        help_text="Stable key made from the source (file number plus a hash of heading, serial number, dateline, received line and signature). Do not change it.",
                        max_length=100,
                    ),
                ),
                (
                    "source_note",
                    models.CharField(
                        blank=True, help_text="First line as printed.", max_length=300
                    ),
                ),
                (
                    "file_number",
                    models.CharField(
                        blank=True,
                        help_text="State Department decimal file number, for example 793.94/7527.",
                        max_length=120,
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("telegram", "telegram"),
                            ("despatch", "despatch"),
                            ("memorandum", "memorandum"),
                            ("letter", "letter"),
                            ("note", "note"),
                            ("other", "other"),
                        ],
                        default="telegram",
                        max_length=20,
                    ),
                ),
                (
                    "heading",
                    models.CharField(help_text="Heading line as printed.", max_length=500),
                ),
                (
                    "sender_role",
                    models.CharField(blank=True, help_text="Without the article.", max_length=300),
                ),
                ("recipient_role", models.CharField(blank=True, max_length=300)),
                ("serial_number", models.CharField(blank=True, max_length=20)),
                ("dateline", models.CharField(blank=True, max_length=200)),
                (
                    "date_text",
                    models.CharField(blank=True, help_text="Date as printed.", max_length=120),
                ),
                (
                    "date_earliest",
                    models.DateField(
                        blank=True, help_text="Earliest day the printed date can mean.", null=True
                    ),
                ),
                (
                    "date_latest",
                    models.DateField(
                        blank=True,
                        help_text="Latest day; the same as the earliest when the day is known.",
                        null=True,
                    ),
                ),
                ("received_text", models.CharField(blank=True, max_length=200)),
                (
                    "body",
                    models.TextField(
                        help_text="Paragraphs separated by a blank line; footnote references as [^56]; editorial brackets as printed."
                    ),
                ),
                ("signature", models.CharField(blank=True, max_length=200)),
                ("source_file", models.CharField(blank=True, editable=False, max_length=500)),
                ("source_sha256", models.CharField(blank=True, editable=False, max_length=64)),
                ("imported_at", models.DateTimeField(blank=True, editable=False, null=True)),
                ("updated_at", models.DateTimeField(blank=True, editable=False)),
                (
                    "review_status",
                    models.CharField(
                        choices=[
                            ("unreviewed", "unreviewed"),
                            ("in_review", "in review"),
                            ("reviewed", "reviewed"),
                        ],
                        default="unreviewed",
                        max_length=20,
                    ),
                ),
                (
                    "is_public",
                    models.BooleanField(default=True, help_text="Shown on the public site."),
                ),
                (
                    "decimal_status",
                    models.CharField(
                        blank=True,
                        editable=False,
                        help_text="'parsed', 'partial' (class and item only) or 'unread': the last two need an editor's eye.",
                        max_length=10,
                        verbose_name="file number reading",
                    ),
                ),
                ("decimal_class", models.CharField(blank=True, editable=False, max_length=1)),
                ("file_country_1", models.CharField(blank=True, editable=False, max_length=4)),
                ("file_country_2", models.CharField(blank=True, editable=False, max_length=4)),
                (
                    "decimal_subdivision",
                    models.CharField(blank=True, editable=False, max_length=20),
                ),
                ("decimal_qualifier", models.CharField(blank=True, editable=False, max_length=80)),
                ("decimal_item", models.CharField(blank=True, editable=False, max_length=40)),
                (
                    "decimal_item_number",
                    models.PositiveIntegerField(blank=True, editable=False, null=True),
                ),
                ("decimal_file", models.CharField(blank=True, editable=False, max_length=120)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")],
                        max_length=1,
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "recipient",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="archive.person",
                    ),
                ),
                (
                    "sender",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="archive.person",
                    ),
                ),
                (
                    "origin",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        help_text="Dateline place if printed, otherwise the post named in the sender's role.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="archive.place",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical telegram",
                "verbose_name_plural": "historical telegrams",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalPlace",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "notes",
                    models.TextField(
                        blank=True, help_text="Private notes for editors; never published."
                    ),
                ),
                (
                    "protected_fields",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="Names of fields corrected by an editor; imports never overwrite them.",
                    ),
                ),
                (
                    "authority_key",
                    models.SlugField(
                        blank=True,
                        db_index=False,
                        help_text="Stable key used by the authority lists in seeds/authorities/ (for example 'henderson-loy-w'). Leave blank for records made by hand.",
                        max_length=120,
                        null=True,
                    ),
                ),
                (
                    "aliases",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="Other forms of the name as printed in documents, one per entry (for example 'Litvinoff').",
                    ),
                ),
                (
                    "description",
                    models.TextField(
                        blank=True,
                        help_text="One or two lines an editor would write to identify the record.",
                    ),
                ),
                (
                    "wikidata_id",
                    models.CharField(
                        blank=True,
                        help_text="For example Q193253.",
                        max_length=20,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^Q[1-9][0-9]*$",
                                "A Wikidata id is Q followed by digits, for example Q193253.",
                            )
                        ],
                        verbose_name="Wikidata id",
                    ),
                ),
                (
                    "needs_review",
                    models.BooleanField(
                        default=False,
                        help_text="Tick when the record was made by the importer or is doubtful and an editor should check it.",
                    ),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(blank=True, editable=False)),
                ("name", models.CharField(max_length=200)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("country", "country"),
                            ("region", "region"),
                            ("city", "city"),
                            ("other", "other"),
                        ],
                        default="other",
                        max_length=20,
                    ),
                ),
                (
                    "latitude",
                    models.DecimalField(blank=True, decimal_places=6, max_digits=9, null=True),
                ),
                (
                    "longitude",
                    models.DecimalField(blank=True, decimal_places=6, max_digits=9, null=True),
                ),
                (
                    "geonames_id",
                    models.CharField(
                        blank=True,
                        help_text="Digits only, for example 524901.",
                        max_length=20,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[0-9]+$", "This id is digits only."
                            )
                        ],
                        verbose_name="GeoNames id",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")],
                        max_length=1,
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "parent",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        help_text="The larger place this one lies in (Moscow → Soviet Union).",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="archive.place",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical place",
                "verbose_name_plural": "historical places",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalOfficeHolding",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "office",
                    models.CharField(
                        help_text="As headings print it: 'Ambassador in Japan'.", max_length=200
                    ),
                ),
                ("start", models.DateField(blank=True, null=True)),
                (
                    "end",
                    models.DateField(blank=True, help_text="Empty while in office.", null=True),
                ),
                ("source", models.CharField(blank=True, max_length=300)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")],
                        max_length=1,
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="archive.person",
                    ),
                ),
                (
                    "post",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="archive.place",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical office holding",
                "verbose_name_plural": "historical office holdings",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalCountryCode",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("code", models.CharField(help_text="For example 93, or 60c.", max_length=4)),
                ("name", models.CharField(max_length=120)),
                (
                    "note",
                    models.TextField(
                        blank=True, help_text="Where the code was read or confirmed."
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")],
                        max_length=1,
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "place",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="archive.place",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical decimal file country code",
                "verbose_name_plural": "historical decimal file country codes",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="CountryCode",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "code",
                    models.CharField(
                        help_text="For example 93, or 60c.", max_length=4, unique=True
                    ),
                ),
                ("name", models.CharField(max_length=120)),
                (
                    "note",
                    models.TextField(
                        blank=True, help_text="Where the code was read or confirmed."
                    ),
                ),
                (
                    "place",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="file_codes",
                        to="archive.place",
                    ),
                ),
            ],
            options={
                "verbose_name": "decimal file country code",
                "ordering": ["code"],
                "permissions": [
                    ("import_countrycode", "Can import country code"),
                    ("export_countrycode", "Can export country code"),
                ],
            },
        ),
        migrations.CreateModel(
            name="QualityAcceptance",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "check_name",
                    models.CharField(
                        choices=[
                            ("unread_numbers", "file number not fully read"),
                            ("no_sender", "telegram without a sender"),
                            ("no_date", "document without a date"),
                            ("markers_without_notes", "footnote references without footnotes"),
                            ("notes_without_markers", "footnote whose reference was removed"),
                            ("annotations", "annotation to review"),
                            ("duplicates", "file number on more than one document"),
                            ("bad_dates", "earliest date after the latest"),
                            ("never_people", "person never mentioned"),
                            ("never_places", "place never mentioned"),
                            ("likely_duplicates", "people who may be the same"),
                        ],
                        max_length=40,
                        verbose_name="check",
                    ),
                ),
                (
                    "key",
                    models.CharField(help_text="Which finding of that check.", max_length=500),
                ),
                (
                    "note",
                    models.TextField(blank=True, help_text="Why the finding is right as it is."),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "accepted quality finding",
                "ordering": ["-created_at"],
            },
        ),
        migrations.CreateModel(
            name="Telegram",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "notes",
                    models.TextField(
                        blank=True, help_text="Private notes for editors; never published."
                    ),
                ),
                (
                    "protected_fields",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="Names of fields corrected by an editor; imports never overwrite them.",
                    ),
                ),
                (
                    "identifier",
                    models.SlugField(
                        help_text="Stable key made from the source (file number plus a hash of heading, serial number, dateline, received line and signature). Do not change it.",
                        max_length=100,
                        unique=True,
                    ),
                ),
                (
                    "source_note",
                    models.CharField(
                        blank=True, help_text="First line as printed.", max_length=300
                    ),
                ),
                (
                    "file_number",
                    models.CharField(
                        blank=True,
                        db_index=True,
                        help_text="State Department decimal file number, for example 793.94/7527.",
                        max_length=120,
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("telegram", "telegram"),
                            ("despatch", "despatch"),
                            ("memorandum", "memorandum"),
                            ("letter", "letter"),
                            ("note", "note"),
                            ("other", "other"),
                        ],
                        default="telegram",
                        max_length=20,
                    ),
                ),
                (
                    "heading",
                    models.CharField(help_text="Heading line as printed.", max_length=500),
                ),
                (
                    "sender_role",
                    models.CharField(blank=True, help_text="Without the article.", max_length=300),
                ),
                ("recipient_role", models.CharField(blank=True, max_length=300)),
                ("serial_number", models.CharField(blank=True, max_length=20)),
                ("dateline", models.CharField(blank=True, max_length=200)),
                (
                    "date_text",
                    models.CharField(blank=True, help_text="Date as printed.", max_length=120),
                ),
                (
                    "date_earliest",
                    models.DateField(
                        blank=True, help_text="Earliest day the printed date can mean.", null=True
                    ),
                ),
                (
                    "date_latest",
                    models.DateField(
                        blank=True,
                        help_text="Latest day; the same as the earliest when the day is known.",
                        null=True,
                    ),
                ),
                ("received_text", models.CharField(blank=True, max_length=200)),
                (
                    "body",
                    models.TextField(
                        help_text="Paragraphs separated by a blank line; footnote references as [^56]; editorial brackets as printed."
                    ),
                ),
                ("signature", models.CharField(blank=True, max_length=200)),
                ("source_file", models.CharField(blank=True, editable=False, max_length=500)),
                ("source_sha256", models.CharField(blank=True, editable=False, max_length=64)),
                ("source_text", models.TextField(blank=True, editable=False)),
                ("imported_at", models.DateTimeField(blank=True, editable=False, null=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "review_status",
                    models.CharField(
                        choices=[
                            ("unreviewed", "unreviewed"),
                            ("in_review", "in review"),
                            ("reviewed", "reviewed"),
                        ],
                        default="unreviewed",
                        max_length=20,
                    ),
                ),
                (
                    "is_public",
                    models.BooleanField(default=True, help_text="Shown on the public site."),
                ),
                (
                    "decimal_status",
                    models.CharField(
                        blank=True,
                        editable=False,
                        help_text="'parsed', 'partial' (class and item only) or 'unread': the last two need an editor's eye.",
                        max_length=10,
                        verbose_name="file number reading",
                    ),
                ),
                ("decimal_class", models.CharField(blank=True, editable=False, max_length=1)),
                ("file_country_1", models.CharField(blank=True, editable=False, max_length=4)),
                ("file_country_2", models.CharField(blank=True, editable=False, max_length=4)),
                (
                    "decimal_subdivision",
                    models.CharField(blank=True, editable=False, max_length=20),
                ),
                ("decimal_qualifier", models.CharField(blank=True, editable=False, max_length=80)),
                ("decimal_item", models.CharField(blank=True, editable=False, max_length=40)),
                (
                    "decimal_item_number",
                    models.PositiveIntegerField(blank=True, editable=False, null=True),
                ),
                ("decimal_file", models.CharField(blank=True, editable=False, max_length=120)),
                (
                    "search_vector",
                    django.contrib.postgres.search.SearchVectorField(
                        editable=False,
                        help_text="Full-text index (PostgreSQL); kept by the code.",
                        null=True,
                    ),
                ),
                (
                    "origin",
                    models.ForeignKey(
                        blank=True,
                        help_text="Dateline place if printed, otherwise the post named in the sender's role.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="originated",
                        to="archive.place",
                    ),
                ),
                (
                    "recipient",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="received",
                        to="archive.person",
                    ),
                ),
                (
                    "sender",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="sent",
                        to="archive.person",
                    ),
                ),
            ],
            options={
                "ordering": [
                    models.OrderBy(models.F("date_earliest"), nulls_last=True),
                    "file_number",
                    "identifier",
                ],
                "permissions": [
                    ("import_telegram", "Can import telegram"),
                    ("export_telegram", "Can export telegram"),
                ],
            },
        ),
        migrations.CreateModel(
            name="PlaceMention",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "surface",
                    models.CharField(blank=True, help_text="The form as printed.", max_length=200),
                ),
                ("occurrences", models.PositiveIntegerField(default=1)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("suggested", "suggested"),
                            ("confirmed", "confirmed"),
                            ("rejected", "rejected"),
                        ],
                        default="suggested",
                        max_length=20,
                    ),
                ),
                (
                    "uncertain",
                    models.BooleanField(
                        default=False,
                        help_text="The reading is doubtful (for example '[Tannu?] Tuva').",
                    ),
                ),
                ("notes", models.TextField(blank=True)),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("origin", "origin"),
                            ("destination", "destination"),
                            ("mentioned", "mentioned"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "place",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="mentions",
                        to="archive.place",
                    ),
                ),
                (
                    "telegram",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, to="archive.telegram"
                    ),
                ),
            ],
            options={
                "ordering": ["telegram", "role", "place"],
                "permissions": [
                    ("import_placemention", "Can import place mention"),
                    ("export_placemention", "Can export place mention"),
                ],
            },
        ),
        migrations.CreateModel(
            name="PersonMention",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "surface",
                    models.CharField(blank=True, help_text="The form as printed.", max_length=200),
                ),
                ("occurrences", models.PositiveIntegerField(default=1)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("suggested", "suggested"),
                            ("confirmed", "confirmed"),
                            ("rejected", "rejected"),
                        ],
                        default="suggested",
                        max_length=20,
                    ),
                ),
                (
                    "uncertain",
                    models.BooleanField(
                        default=False,
                        help_text="The reading is doubtful (for example '[Tannu?] Tuva').",
                    ),
                ),
                ("notes", models.TextField(blank=True)),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("sender", "sender"),
                            ("recipient", "recipient"),
                            ("signatory", "signatory"),
                            ("mentioned", "mentioned"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="mentions",
                        to="archive.person",
                    ),
                ),
                (
                    "telegram",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, to="archive.telegram"
                    ),
                ),
            ],
            options={
                "ordering": ["telegram", "role", "person"],
                "permissions": [
                    ("import_personmention", "Can import person mention"),
                    ("export_personmention", "Can export person mention"),
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalTelegramReference",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("replies_to", "replies to"), ("refers_to", "refers to")],
                        default="refers_to",
                        max_length=20,
                    ),
                ),
                ("quote", models.CharField(help_text="The phrase as printed.", max_length=300)),
                (
                    "whose",
                    models.CharField(
                        blank=True,
                        help_text="Whose communication the phrase names: your, my, department, post, other.",
                        max_length=12,
                    ),
                ),
                ("serial", models.CharField(blank=True, max_length=20)),
                ("date_text", models.CharField(blank=True, max_length=60)),
                ("time_text", models.CharField(blank=True, max_length=30)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("suggested", "suggested"),
                            ("confirmed", "confirmed"),
                            ("rejected", "rejected"),
                        ],
                        default="suggested",
                        max_length=20,
                    ),
                ),
                ("notes", models.TextField(blank=True)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")],
                        max_length=1,
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "source",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="archive.telegram",
                    ),
                ),
                (
                    "target",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        help_text="Empty while the cited document is not in the archive; filled when it is imported.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="archive.telegram",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical telegram reference",
                "verbose_name_plural": "historical telegram references",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalPlaceMention",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "surface",
                    models.CharField(blank=True, help_text="The form as printed.", max_length=200),
                ),
                ("occurrences", models.PositiveIntegerField(default=1)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("suggested", "suggested"),
                            ("confirmed", "confirmed"),
                            ("rejected", "rejected"),
                        ],
                        default="suggested",
                        max_length=20,
                    ),
                ),
                (
                    "uncertain",
                    models.BooleanField(
                        default=False,
                        help_text="The reading is doubtful (for example '[Tannu?] Tuva').",
                    ),
                ),
                ("notes", models.TextField(blank=True)),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("origin", "origin"),
                            ("destination", "destination"),
                            ("mentioned", "mentioned"),
                        ],
                        max_length=20,
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")],
                        max_length=1,
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "place",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="archive.place",
                    ),
                ),
                (
                    "telegram",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="archive.telegram",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical place mention",
                "verbose_name_plural": "historical place mentions",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalPersonMention",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "surface",
                    models.CharField(blank=True, help_text="The form as printed.", max_length=200),
                ),
                ("occurrences", models.PositiveIntegerField(default=1)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("suggested", "suggested"),
                            ("confirmed", "confirmed"),
                            ("rejected", "rejected"),
                        ],
                        default="suggested",
                        max_length=20,
                    ),
                ),
                (
                    "uncertain",
                    models.BooleanField(
                        default=False,
                        help_text="The reading is doubtful (for example '[Tannu?] Tuva').",
                    ),
                ),
                ("notes", models.TextField(blank=True)),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("sender", "sender"),
                            ("recipient", "recipient"),
                            ("signatory", "signatory"),
                            ("mentioned", "mentioned"),
                        ],
                        max_length=20,
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")],
                        max_length=1,
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="archive.person",
                    ),
                ),
                (
                    "telegram",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="archive.telegram",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical person mention",
                "verbose_name_plural": "historical person mentions",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalFootnote",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "protected_fields",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="Names of fields corrected by an editor; imports never overwrite them.",
                    ),
                ),
                (
                    "marker",
                    models.CharField(
                        help_text="Number as printed, for example 56.", max_length=10
                    ),
                ),
                ("anchor_text", models.CharField(blank=True, max_length=200)),
                ("text", models.TextField()),
                ("order", models.PositiveIntegerField()),
                (
                    "location",
                    models.CharField(
                        choices=[
                            ("heading", "heading"),
                            ("dateline", "dateline"),
                            ("received", "received line"),
                            ("body", "body"),
                        ],
                        default="body",
                        max_length=20,
                    ),
                ),
                (
                    "anchor_status",
                    models.CharField(
                        choices=[("anchored", "anchored"), ("needs_review", "needs review")],
                        default="anchored",
                        help_text="Set to 'needs review' when a correction of the body removed this footnote's [^N] reference.",
                        max_length=20,
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")],
                        max_length=1,
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        help_text="The person this footnote identifies, if any.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="archive.person",
                    ),
                ),
                (
                    "place",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="archive.place",
                    ),
                ),
                (
                    "telegram",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="archive.telegram",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical footnote",
                "verbose_name_plural": "historical footnotes",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalAnnotation",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "protected_fields",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="Names of fields corrected by an editor; imports never overwrite them.",
                    ),
                ),
                (
                    "key",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, help_text="Natural key for exchange."
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("insertion", "insertion"),
                            ("uncertain", "uncertain reading"),
                            ("sic", "sic"),
                            ("page_break", "page break"),
                            ("note", "note"),
                            ("cross_reference", "cross-reference"),
                        ],
                        max_length=20,
                    ),
                ),
                ("quote", models.TextField(help_text="The exact text the annotation marks.")),
                (
                    "prefix",
                    models.CharField(
                        blank=True, help_text="Up to 32 characters before.", max_length=32
                    ),
                ),
                (
                    "suffix",
                    models.CharField(
                        blank=True, help_text="Up to 32 characters after.", max_length=32
                    ),
                ),
                (
                    "start",
                    models.PositiveIntegerField(blank=True, help_text="Cached offset.", null=True),
                ),
                (
                    "end",
                    models.PositiveIntegerField(blank=True, help_text="Cached offset.", null=True),
                ),
                ("text", models.TextField(blank=True)),
                ("is_public", models.BooleanField(default=True)),
                (
                    "anchor_status",
                    models.CharField(
                        choices=[("anchored", "anchored"), ("needs_review", "needs review")],
                        default="anchored",
                        max_length=20,
                    ),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(blank=True, editable=False)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")],
                        max_length=1,
                    ),
                ),
                (
                    "author",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        help_text="Empty when the importer made the annotation.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="archive.person",
                    ),
                ),
                (
                    "place",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="archive.place",
                    ),
                ),
                (
                    "target",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="archive.telegram",
                    ),
                ),
                (
                    "telegram",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="archive.telegram",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical annotation",
                "verbose_name_plural": "historical annotations",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Footnote",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "protected_fields",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="Names of fields corrected by an editor; imports never overwrite them.",
                    ),
                ),
                (
                    "marker",
                    models.CharField(
                        help_text="Number as printed, for example 56.", max_length=10
                    ),
                ),
                ("anchor_text", models.CharField(blank=True, max_length=200)),
                ("text", models.TextField()),
                ("order", models.PositiveIntegerField()),
                (
                    "location",
                    models.CharField(
                        choices=[
                            ("heading", "heading"),
                            ("dateline", "dateline"),
                            ("received", "received line"),
                            ("body", "body"),
                        ],
                        default="body",
                        max_length=20,
                    ),
                ),
                (
                    "anchor_status",
                    models.CharField(
                        choices=[("anchored", "anchored"), ("needs_review", "needs review")],
                        default="anchored",
                        help_text="Set to 'needs review' when a correction of the body removed this footnote's [^N] reference.",
                        max_length=20,
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        blank=True,
                        help_text="The person this footnote identifies, if any.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="footnotes",
                        to="archive.person",
                    ),
                ),
                (
                    "place",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="footnotes",
                        to="archive.place",
                    ),
                ),
                (
                    "telegram",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="footnotes",
                        to="archive.telegram",
                    ),
                ),
            ],
            options={
                "ordering": ["telegram", "order"],
                "permissions": [
                    ("import_footnote", "Can import footnote"),
                    ("export_footnote", "Can export footnote"),
                ],
            },
        ),
        migrations.CreateModel(
            name="Annotation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "protected_fields",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="Names of fields corrected by an editor; imports never overwrite them.",
                    ),
                ),
                (
                    "key",
                    models.UUIDField(
                        default=uuid.uuid4,
                        editable=False,
                        help_text="Natural key for exchange.",
                        unique=True,
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("insertion", "insertion"),
                            ("uncertain", "uncertain reading"),
                            ("sic", "sic"),
                            ("page_break", "page break"),
                            ("note", "note"),
                            ("cross_reference", "cross-reference"),
                        ],
                        max_length=20,
                    ),
                ),
                ("quote", models.TextField(help_text="The exact text the annotation marks.")),
                (
                    "prefix",
                    models.CharField(
                        blank=True, help_text="Up to 32 characters before.", max_length=32
                    ),
                ),
                (
                    "suffix",
                    models.CharField(
                        blank=True, help_text="Up to 32 characters after.", max_length=32
                    ),
                ),
                (
                    "start",
                    models.PositiveIntegerField(blank=True, help_text="Cached offset.", null=True),
                ),
                (
                    "end",
                    models.PositiveIntegerField(blank=True, help_text="Cached offset.", null=True),
                ),
                ("text", models.TextField(blank=True)),
                ("is_public", models.BooleanField(default=True)),
                (
                    "anchor_status",
                    models.CharField(
                        choices=[("anchored", "anchored"), ("needs_review", "needs review")],
                        default="anchored",
                        max_length=20,
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "author",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty when the importer made the annotation.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="annotations",
                        to="archive.person",
                    ),
                ),
                (
                    "place",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="annotations",
                        to="archive.place",
                    ),
                ),
                (
                    "target",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="annotations_targeting",
                        to="archive.telegram",
                    ),
                ),
                (
                    "telegram",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="annotations",
                        to="archive.telegram",
                    ),
                ),
            ],
            options={
                "ordering": ["telegram", "start", "id"],
                "permissions": [
                    ("import_annotation", "Can import annotation"),
                    ("export_annotation", "Can export annotation"),
                ],
            },
        ),
        migrations.CreateModel(
            name="TelegramReference",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("replies_to", "replies to"), ("refers_to", "refers to")],
                        default="refers_to",
                        max_length=20,
                    ),
                ),
                ("quote", models.CharField(help_text="The phrase as printed.", max_length=300)),
                (
                    "whose",
                    models.CharField(
                        blank=True,
                        help_text="Whose communication the phrase names: your, my, department, post, other.",
                        max_length=12,
                    ),
                ),
                ("serial", models.CharField(blank=True, max_length=20)),
                ("date_text", models.CharField(blank=True, max_length=60)),
                ("time_text", models.CharField(blank=True, max_length=30)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("suggested", "suggested"),
                            ("confirmed", "confirmed"),
                            ("rejected", "rejected"),
                        ],
                        default="suggested",
                        max_length=20,
                    ),
                ),
                ("notes", models.TextField(blank=True)),
                (
                    "source",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="references",
                        to="archive.telegram",
                    ),
                ),
                (
                    "target",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty while the cited document is not in the archive; filled when it is imported.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="cited_by",
                        to="archive.telegram",
                    ),
                ),
            ],
            options={
                "ordering": ["source", "id"],
            },
        ),
        migrations.CreateModel(
            name="Merge",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("person", "person"), ("place", "place")], max_length=10
                    ),
                ),
                (
                    "absorbed_id",
                    models.BigIntegerField(help_text="Id of the record that no longer exists."),
                ),
                ("absorbed_name", models.CharField(max_length=200)),
                (
                    "kept_id",
                    models.BigIntegerField(help_text="Id of the record it was merged into."),
                ),
                ("reason", models.TextField()),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "absorbed_key",
                    models.CharField(
                        blank=True,
                        db_index=True,
                        help_text="The absorbed record's authority key: authority lists that still name it update nothing and create nothing (archive.resources).",
                        max_length=120,
                    ),
                ),
                (
                    "record",
                    models.JSONField(
                        blank=True,
                        default=dict,
                        help_text="What the merge changed, so that it can be undone (archive.unmerging).",
                    ),
                ),
                ("undone_at", models.DateTimeField(blank=True, null=True)),
                (
                    "undo_note",
                    models.TextField(blank=True, help_text="What the undo could not give back."),
                ),
                (
                    "undone_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("undone_at__isnull", True)),
                        fields=("kind", "absorbed_id"),
                        name="merge_absorbed_unique",
                    )
                ],
            },
        ),
        migrations.AddConstraint(
            model_name="place",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("latitude__isnull", True),
                    models.Q(("latitude__gte", -90), ("latitude__lte", 90)),
                    _connector="OR",
                ),
                name="place_latitude_range",
            ),
        ),
        migrations.AddConstraint(
            model_name="place",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("longitude__isnull", True),
                    models.Q(("longitude__gte", -180), ("longitude__lte", 180)),
                    _connector="OR",
                ),
                name="place_longitude_range",
            ),
        ),
        migrations.AddConstraint(
            model_name="officeholding",
            constraint=models.UniqueConstraint(
                fields=("person", "office", "start"), name="office_holding_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="officeholding",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("start__isnull", True),
                    ("end__isnull", True),
                    ("start__lte", models.F("end")),
                    _connector="OR",
                ),
                name="office_holding_dates_ordered",
            ),
        ),
        migrations.AddConstraint(
            model_name="qualityacceptance",
            constraint=models.UniqueConstraint(
                fields=("check_name", "key"), name="quality_acceptance_unique"
            ),
        ),
        migrations.AddIndex(
            model_name="telegram",
            index=models.Index(fields=["date_earliest", "date_latest"], name="telegram_dates"),
        ),
        migrations.AddIndex(
            model_name="telegram",
            index=models.Index(fields=["date_latest"], name="telegram_date_latest"),
        ),
        migrations.AddIndex(
            model_name="telegram",
            index=models.Index(fields=["review_status"], name="telegram_review_status"),
        ),
        migrations.AddIndex(
            model_name="telegram",
            index=models.Index(
                fields=["is_public", "date_earliest", "file_number", "identifier"],
                name="telegram_public_date",
            ),
        ),
        migrations.AddIndex(
            model_name="telegram",
            index=models.Index(
                fields=["is_public", "file_number", "identifier"], name="telegram_public_file"
            ),
        ),
        migrations.AddIndex(
            model_name="telegram",
            index=models.Index(
                fields=["decimal_file", "decimal_item_number"], name="telegram_file_item"
            ),
        ),
        migrations.AddIndex(
            model_name="telegram",
            index=models.Index(
                fields=["decimal_class", "file_country_1"], name="telegram_file_class"
            ),
        ),
        migrations.AddIndex(
            model_name="telegram",
            index=models.Index(
                condition=models.Q(
                    ("is_public", True), models.Q(("decimal_file", ""), _negated=True)
                ),
                fields=["decimal_class", "file_country_1", "decimal_file", "file_country_2"],
                name="telegram_public_files",
            ),
        ),
        migrations.AddIndex(
            model_name="telegram",
            index=models.Index(fields=["file_country_2"], name="telegram_file_country_2"),
        ),
        migrations.AddIndex(
            model_name="telegram",
            index=models.Index(fields=["decimal_status"], name="telegram_decimal_status"),
        ),
        migrations.AddIndex(
            model_name="telegram",
            index=models.Index(
                fields=["date_earliest", "file_number", "identifier"], name="telegram_date_order"
            ),
        ),
        migrations.AddConstraint(
            model_name="telegram",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("date_earliest__isnull", True),
                    ("date_latest__isnull", True),
                    ("date_earliest__lte", models.F("date_latest")),
                    _connector="OR",
                ),
                name="telegram_date_bounds_ordered",
            ),
        ),
        migrations.AddIndex(
            model_name="placemention",
            index=models.Index(fields=["status"], name="place_mention_status"),
        ),
        migrations.AddConstraint(
            model_name="placemention",
            constraint=models.UniqueConstraint(
                fields=("telegram", "place", "role"), name="place_mention_unique"
            ),
        ),
        migrations.AddIndex(
            model_name="personmention",
            index=models.Index(fields=["status"], name="person_mention_status"),
        ),
        migrations.AddConstraint(
            model_name="personmention",
            constraint=models.UniqueConstraint(
                fields=("telegram", "person", "role"), name="person_mention_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="footnote",
            constraint=models.UniqueConstraint(
                fields=("telegram", "order"), name="footnote_order_unique"
            ),
        ),
        migrations.AddIndex(
            model_name="annotation",
            index=models.Index(fields=["anchor_status"], name="annotation_anchor_status"),
        ),
        migrations.AddIndex(
            model_name="telegramreference",
            index=models.Index(fields=["serial", "target"], name="reference_pending"),
        ),
        migrations.AddConstraint(
            model_name="telegramreference",
            constraint=models.UniqueConstraint(
                fields=("source", "quote"), name="reference_quote_unique"
            ),
        ),
        migrations.RunPython(create_postgres_indexes, drop_postgres_indexes),
        migrations.RunPython(create_editor_group, remove_editor_group),
    ]
