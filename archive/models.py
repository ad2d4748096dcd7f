"""The archive's records: documents, the people and places they name, and the
editorial layer (footnotes, annotations, mentions) on top of them.

Field names follow the data contract in ``shared/design/DATA-MODEL.md``.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from . import tallies

# Identifiers in outside authorities. The merge refuses two records with
# different ids of one kind, so a malformed id would pass for a different one.
WIKIDATA_ID = RegexValidator(
    r"^Q[1-9][0-9]*$", "A Wikidata id is Q followed by digits, for example Q193253."
)
DIGITS_ID = RegexValidator(r"^[0-9]+$", "This id is digits only.")
# The rules of archive.frus (frus + years + optional part; d + digits).
FRUS_VOLUME_ID = RegexValidator(
    r"^frus\d{4}(?:-\d{2,4})?(?:[A-Za-z][A-Za-z0-9]*)?\Z",
    "A FRUS volume id is frus, the year or years and an optional part, "
    "for example frus1931-41v02 or frus1942China.",
)
FRUS_DOCUMENT_ID = RegexValidator(r"^d\d+\Z", "A FRUS document id is d and digits, e.g. d23.")


def exchange_permissions(verbose: str) -> list[tuple[str, str]]:
    """The permissions django-import-export checks (see IMPORT_EXPORT_*_PERMISSION_CODE)."""
    name = verbose.replace(" ", "")
    return [
        (f"import_{name}", f"Can import {verbose}"),
        (f"export_{name}", f"Can export {verbose}"),
    ]


def history_records(*unindexed: str, excluded_fields: tuple[str, ...] = ()) -> HistoricalRecords:
    """Field-by-field history, with the history table indexed only as it is read.

    django-simple-history copies every index of a model to its history
    table. The admin reads history one record at a time (by id, newest
    first) and nothing looks history up by a linked record or a name, so
    those copies only made writes slower: at fourteen rows and fourteen
    history rows per imported document they were about a quarter of the
    index entries written (docs/benchmarks.md).
    """
    return HistoricalRecords(excluded_fields=list(excluded_fields), no_db_index=list(unindexed))


class Versioned(models.Model):
    """A counter raised on every save, so that a stale edit can be refused.

    The admin sends the version an editor loaded with the form; if the
    record has moved on since, the save is refused instead of silently
    overwriting the other editor's work.
    """

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class Notable(models.Model):
    """Editor-only notes, never shown to the public."""

    notes = models.TextField(blank=True, help_text="Private notes for editors; never published.")

    class Meta:
        abstract = True


class Protectable(models.Model):
    """Fields an editor corrected in the admin, which imports must leave alone.

    The admin adds a field name here whenever an editor changes it; the
    import command reads the list and skips those fields (the ppa-django
    approach). Remove a name to let the next import overwrite the field again.
    """

    protected_fields = models.JSONField(
        default=list,
        blank=True,
        help_text="Names of fields corrected by an editor; imports never overwrite them.",
    )

    class Meta:
        abstract = True

    def protect(self, field_names) -> list[str]:
        """Record ``field_names`` as editor-owned; return the names newly protected."""
        own = {f.name for f in self._meta.concrete_fields} - {"protected_fields", "id"}
        added = [n for n in field_names if n in own and n not in self.protected_fields]
        if added:
            self.protected_fields = sorted({*self.protected_fields, *added})
        return added


class Authority(Notable, Protectable, Versioned):
    """Fields shared by the Person and Place authority records."""

    authority_key = models.SlugField(
        max_length=120,
        unique=True,
        null=True,
        blank=True,
        help_text="Stable key used by the authority lists in seeds/authorities/ "
        "(for example 'henderson-loy-w'). Leave blank for records made by hand.",
    )
    aliases = models.JSONField(
        default=list,
        blank=True,
        help_text="Other forms of the name as printed in documents, one per entry "
        "(for example 'Litvinoff').",
    )
    description = models.TextField(
        blank=True, help_text="One or two lines an editor would write to identify the record."
    )
    wikidata_id = models.CharField(
        "Wikidata id",
        max_length=20,
        blank=True,
        validators=[WIKIDATA_ID],
        help_text="For example Q193253.",
    )
    needs_review = models.BooleanField(
        default=False,
        db_index=True,
        help_text="Tick when the record was made by the importer or is doubtful and an "
        "editor should check it.",
    )
    public_documents = models.PositiveIntegerField(
        default=0,
        editable=False,
        db_index=True,
        help_text="Public documents that name this record; kept by archive.tallies.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.authority_key:
            self.authority_key = self.new_key()
        super().save(*args, **kwargs)

    @property
    def all_names(self) -> list[str]:
        return [n for n in dict.fromkeys([self.name, *(self.aliases or [])]) if n]

    def new_key(self) -> str:
        """A natural key for a record made by hand or by the importer: name plus a suffix."""
        stem = slugify(self.name)[:80] or type(self).__name__.lower()
        return f"{stem}-{uuid.uuid4().hex[:8]}"


class Person(Authority):
    """A person who sends, receives, signs or is named in a document."""

    name = models.CharField(
        max_length=200,
        db_index=True,
        help_text="Display form of the name, for example 'Loy W. Henderson'.",
    )
    surname = models.CharField(max_length=120, blank=True, db_index=True)
    forenames = models.CharField(max_length=120, blank=True)
    viaf_id = models.CharField(
        "VIAF id", max_length=30, blank=True, validators=[DIGITS_ID], help_text="Digits only."
    )
    hsg_id = models.CharField(
        "history.state.gov id",
        max_length=100,
        blank=True,
        help_text="Id in the history.state.gov people database, as the Office of the "
        "Historian's Principal Officers and Chiefs of Mission data names the person "
        "(for example 'grew-joseph-clark'); not a FRUS volume's p_… id, which changes "
        "from volume to volume.",
    )
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True)
    death_year = models.PositiveSmallIntegerField(null=True, blank=True)

    # Kept by archive.tallies, so the editors' list can show and sort by them.
    sent_documents = models.PositiveIntegerField(default=0, editable=False)
    received_documents = models.PositiveIntegerField(default=0, editable=False)
    mentioned_documents = models.PositiveIntegerField(default=0, editable=False)
    # Public documents by role (archive.roles), kept by archive.tallies: the
    # person page shows them without counting.
    public_sent = models.PositiveIntegerField(default=0, editable=False)
    public_received = models.PositiveIntegerField(default=0, editable=False)
    public_signed = models.PositiveIntegerField(default=0, editable=False)
    public_named = models.PositiveIntegerField(default=0, editable=False)
    public_footnote = models.PositiveIntegerField(default=0, editable=False)

    history = history_records(
        "authority_key",
        "needs_review",
        "name",
        "surname",
        excluded_fields=(
            "public_documents",
            "sent_documents",
            "received_documents",
            "mentioned_documents",
            "public_sent",
            "public_received",
            "public_signed",
            "public_named",
            "public_footnote",
        ),
    )

    class Meta:
        ordering = ["surname", "name"]
        verbose_name_plural = "people"
        permissions = [("merge_person", "Can merge people"), *exchange_permissions("person")]

    def __str__(self) -> str:
        return self.name


class Place(Authority):
    """A country, region, city or other place named in the documents."""

    class Kind(models.TextChoices):
        COUNTRY = "country", "country"
        REGION = "region", "region"
        CITY = "city", "city"
        OTHER = "other", "other"

    name = models.CharField(max_length=200, db_index=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        help_text="The larger place this one lies in (Moscow → Soviet Union).",
    )
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    geonames_id = models.CharField(
        "GeoNames id",
        max_length=20,
        blank=True,
        validators=[DIGITS_ID],
        help_text="Digits only, for example 524901.",
    )

    # Kept by archive.tallies, so the editors' list can show and sort by them.
    origin_documents = models.PositiveIntegerField(default=0, editable=False)
    mentioned_documents = models.PositiveIntegerField(default=0, editable=False)
    # Public documents by role (archive.roles), kept by archive.tallies: the
    # place page shows them without counting.
    public_origin = models.PositiveIntegerField(default=0, editable=False)
    public_destination = models.PositiveIntegerField(default=0, editable=False)
    public_named = models.PositiveIntegerField(default=0, editable=False)
    public_footnote = models.PositiveIntegerField(default=0, editable=False)

    history = history_records(
        "authority_key",
        "needs_review",
        "name",
        "parent",
        excluded_fields=(
            "public_documents",
            "origin_documents",
            "mentioned_documents",
            "public_origin",
            "public_destination",
            "public_named",
            "public_footnote",
        ),
    )

    class Meta:
        ordering = ["name"]
        permissions = [("merge_place", "Can merge places"), *exchange_permissions("place")]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="place_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="place_longitude_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class TelegramQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def update(self, **kwargs):
        """Update, and recount the public tallies when who is named in public can change.

        A bulk ``update`` (and ``bulk_update``, which calls it) is where a
        script changes many documents at once; left alone it would leave the
        stored counts stale, and a stale count names a person in public.
        """
        if tallies.COUNTED_FIELDS.isdisjoint(kwargs):
            return super().update(**kwargs)
        with tallies.recounting(self):
            return super().update(**kwargs)

    update.alters_data = True

    def delete(self):
        """Delete, and recount everyone and everything the documents named."""
        with tallies.recounting(self):
            return super().delete()

    delete.alters_data = True
    delete.queryset_only = True


class Telegram(Notable, Protectable, Versioned):
    """One document as printed in FRUS: telegram, despatch, memorandum, note…"""

    class Kind(models.TextChoices):
        TELEGRAM = "telegram", "telegram"
        DESPATCH = "despatch", "despatch"
        MEMORANDUM = "memorandum", "memorandum"
        LETTER = "letter", "letter"
        NOTE = "note", "note"
        OTHER = "other", "other"

    class ReviewStatus(models.TextChoices):
        UNREVIEWED = "unreviewed", "unreviewed"
        IN_REVIEW = "in_review", "in review"
        REVIEWED = "reviewed", "reviewed"

    identifier = models.SlugField(
        max_length=100,
        unique=True,
        help_text="Stable key made from the source (file number plus a hash of heading, "
        "serial number, dateline, received line and signature). Do not change it.",
    )
    source_note = models.CharField(max_length=300, blank=True, help_text="First line as printed.")
    file_number = models.CharField(
        max_length=120,
        blank=True,
        db_index=True,
        help_text="State Department decimal file number, for example 793.94/7527.",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.TELEGRAM)
    heading = models.CharField(max_length=1000, help_text="Heading line as printed.")
    sender = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="sent"
    )
    recipient = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="received"
    )
    sender_role = models.CharField(max_length=1000, blank=True, help_text="Without the article.")
    recipient_role = models.CharField(max_length=1000, blank=True)
    origin = models.ForeignKey(
        Place,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="originated",
        help_text="Dateline place if printed, otherwise the post named in the sender's role.",
    )
    serial_number = models.CharField(max_length=20, blank=True)
    dateline = models.CharField(max_length=200, blank=True)
    date_text = models.CharField(max_length=120, blank=True, help_text="Date as printed.")
    date_earliest = models.DateField(
        null=True, blank=True, help_text="Earliest day the printed date can mean."
    )
    date_latest = models.DateField(
        null=True,
        blank=True,
        help_text="Latest day; the same as the earliest when the day is known.",
    )
    received_text = models.CharField(max_length=200, blank=True)
    body = models.TextField(
        help_text="Paragraphs separated by a blank line; footnote references as [^56]; "
        "editorial brackets as printed."
    )
    signature = models.CharField(max_length=200, blank=True)
    source_file = models.CharField(max_length=500, blank=True, editable=False)
    # Where FRUS printed the document (archive.frus): read from the file name
    # or given at import; empty when unknown. Citations are built from them.
    frus_volume = models.CharField(
        "FRUS volume",
        max_length=40,
        blank=True,
        db_index=True,
        validators=[FRUS_VOLUME_ID],
        help_text="Volume id as in history.state.gov addresses, for example frus1931-41v02.",
    )
    frus_document = models.CharField(
        "FRUS document",
        max_length=12,
        blank=True,
        validators=[FRUS_DOCUMENT_ID],
        help_text="Document id in the volume, for example d23.",
    )
    source_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    source_text = models.TextField(blank=True, editable=False)
    imported_at = models.DateTimeField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    review_status = models.CharField(
        max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.UNREVIEWED
    )
    is_public = models.BooleanField(default=True, help_text="Shown on the public site.")
    # The parts of the decimal file number, read by Telegram.read_file_number.
    decimal_status = models.CharField(
        "file number reading",
        max_length=10,
        blank=True,
        editable=False,
        help_text="'parsed', 'partial' (class and item only) or 'unread': the last two "
        "need an editor's eye.",
    )
    decimal_class = models.CharField(max_length=1, blank=True, editable=False)
    file_country_1 = models.CharField(max_length=4, blank=True, editable=False)
    file_country_2 = models.CharField(max_length=4, blank=True, editable=False)
    decimal_subdivision = models.CharField(max_length=20, blank=True, editable=False)
    decimal_qualifier = models.CharField(max_length=80, blank=True, editable=False)
    decimal_item = models.CharField(max_length=40, blank=True, editable=False)
    decimal_item_number = models.PositiveIntegerField(null=True, blank=True, editable=False)
    decimal_file = models.CharField(max_length=120, blank=True, editable=False)
    search_vector = SearchVectorField(
        null=True, editable=False, help_text="Full-text index (PostgreSQL); kept by the code."
    )

    objects = TelegramQuerySet.as_manager()
    history = history_records(
        "identifier",
        "file_number",
        "sender",
        "recipient",
        "origin",
        "frus_volume",
        excluded_fields=("search_vector", "source_text"),
    )

    class Meta:
        ordering = [F("date_earliest").asc(nulls_last=True), "file_number", "identifier"]
        permissions = exchange_permissions("telegram")
        constraints = [
            models.CheckConstraint(
                condition=Q(date_earliest__isnull=True)
                | Q(date_latest__isnull=True)
                | Q(date_earliest__lte=F("date_latest")),
                name="telegram_date_bounds_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["date_earliest", "date_latest"], name="telegram_dates"),
            models.Index(fields=["date_latest"], name="telegram_date_latest"),
            models.Index(fields=["review_status"], name="telegram_review_status"),
            # The public list in date order, walked without sorting (the
            # latest-first order has a PostgreSQL-only index: migration 0005).
            models.Index(
                fields=["is_public", "date_earliest", "file_number", "identifier"],
                name="telegram_public_date",
            ),
            models.Index(
                fields=["is_public", "file_number", "identifier"], name="telegram_public_file"
            ),
            models.Index(
                fields=["decimal_file", "decimal_item_number"], name="telegram_file_item"
            ),
            models.Index(fields=["decimal_class", "file_country_1"], name="telegram_file_class"),
            # The files page counts public documents per file from this index alone.
            models.Index(
                fields=["decimal_class", "file_country_1", "decimal_file", "file_country_2"],
                condition=Q(is_public=True) & ~Q(decimal_file=""),
                name="telegram_public_files",
            ),
            # The list's facets (archive.facets) group public documents by these
            # columns: read from this index alone, never from the wide rows.
            models.Index(
                fields=[
                    "kind",
                    "decimal_class",
                    "sender",
                    "recipient",
                    "origin",
                    "date_earliest",
                    "date_latest",
                ],
                condition=Q(is_public=True),
                name="telegram_public_facets",
            ),
            models.Index(fields=["file_country_2"], name="telegram_file_country_2"),
            models.Index(fields=["decimal_status"], name="telegram_decimal_status"),
            # Neighbours in date order, for the document page.
            models.Index(
                fields=["date_earliest", "file_number", "identifier"], name="telegram_date_order"
            ),
        ]

    def __str__(self) -> str:
        label = self.file_number or self.identifier
        when = self.date_text or "undated"
        return f"{label} ({when}): {self.heading[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("archive:telegram-detail", args=[self.identifier])

    def delete(self, *args, **kwargs):
        """Delete, and recount the people and places this document named (archive.tallies)."""
        with tallies.recounting(Telegram.objects.filter(pk=self.pk)):
            return super().delete(*args, **kwargs)

    def read_file_number(self, known=None) -> None:
        """Fill the decimal-file fields from ``file_number`` (see text/decimal.py)."""
        from .text.decimal import parse_file_number

        parts = parse_file_number(self.file_number, known)
        countries = [*parts.countries, "", ""]
        self.decimal_status = parts.status if self.file_number else ""
        self.decimal_class = parts.decimal_class
        self.file_country_1, self.file_country_2 = countries[0], countries[1]
        self.decimal_subdivision = parts.subdivision
        self.decimal_qualifier = parts.qualifier[:80]
        self.decimal_item = parts.item[:40]
        self.decimal_item_number = parts.item_number
        self.decimal_file = parts.file[:120]

    @property
    def decimal_parts(self) -> dict:
        return {
            "status": self.decimal_status,
            "class": self.decimal_class,
            "countries": [c for c in (self.file_country_1, self.file_country_2) if c],
            "subdivision": self.decimal_subdivision,
            "qualifier": self.decimal_qualifier,
            "item": self.decimal_item,
            "file": self.decimal_file,
        }


class AnchorStatus(models.TextChoices):
    ANCHORED = "anchored", "anchored"
    NEEDS_REVIEW = "needs_review", "needs review"


class Footnote(Protectable, Versioned):
    """A note printed with the document, tied to the word its marker follows."""

    class Location(models.TextChoices):
        HEADING = "heading", "heading"
        DATELINE = "dateline", "dateline"
        RECEIVED = "received", "received line"
        BODY = "body", "body"

    telegram = models.ForeignKey(Telegram, on_delete=models.CASCADE, related_name="footnotes")
    marker = models.CharField(max_length=10, help_text="Number as printed, for example 56.")
    anchor_text = models.CharField(max_length=200, blank=True)
    text = models.TextField()
    order = models.PositiveIntegerField()
    location = models.CharField(max_length=20, choices=Location.choices, default=Location.BODY)
    # Indexed with the document (Meta.indexes), not alone.
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="footnotes",
        help_text="The person this footnote identifies, if any.",
        db_index=False,
    )
    place = models.ForeignKey(
        Place,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="footnotes",
        db_index=False,
    )
    anchor_status = models.CharField(
        max_length=20,
        choices=AnchorStatus.choices,
        default=AnchorStatus.ANCHORED,
        help_text="Set to 'needs review' when a correction of the body removed this "
        "footnote's [^N] reference.",
    )

    history = history_records("telegram", "person", "place")

    class Meta:
        ordering = ["telegram", "order"]
        permissions = exchange_permissions("footnote")
        constraints = [
            models.UniqueConstraint(fields=["telegram", "order"], name="footnote_order_unique")
        ]
        # The documents a record is identified in (the person and place pages'
        # "Identified in a footnote" list, archive.roles): probed per document in
        # date order. With only the record's own index, China's list read 36,000
        # documents' footnotes (385 ms at 100,000 documents); with these, 1.6 ms.
        indexes = [
            models.Index(fields=["person", "telegram"], name="footnote_person_documents"),
            models.Index(fields=["place", "telegram"], name="footnote_place_documents"),
        ]

    def __str__(self) -> str:
        return f"Note {self.marker} on {self.anchor_text or self.location}"


class Annotation(Protectable, Versioned):
    """An editorial mark on a span of the body, anchored by its quote and context."""

    class Kind(models.TextChoices):
        INSERTION = "insertion", "insertion"
        UNCERTAIN = "uncertain", "uncertain reading"
        SIC = "sic", "sic"
        PAGE_BREAK = "page_break", "page break"
        NOTE = "note", "note"
        CROSS_REFERENCE = "cross_reference", "cross-reference"

    AnchorStatus = AnchorStatus

    key = models.UUIDField(
        default=uuid.uuid4, unique=True, editable=False, help_text="Natural key for exchange."
    )
    telegram = models.ForeignKey(Telegram, on_delete=models.CASCADE, related_name="annotations")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    quote = models.TextField(help_text="The exact text the annotation marks.")
    prefix = models.CharField(max_length=32, blank=True, help_text="Up to 32 characters before.")
    suffix = models.CharField(max_length=32, blank=True, help_text="Up to 32 characters after.")
    start = models.PositiveIntegerField(null=True, blank=True, help_text="Cached offset.")
    end = models.PositiveIntegerField(null=True, blank=True, help_text="Cached offset.")
    text = models.TextField(blank=True)
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="annotations"
    )
    place = models.ForeignKey(
        Place, on_delete=models.SET_NULL, null=True, blank=True, related_name="annotations"
    )
    target = models.ForeignKey(
        Telegram,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="annotations_targeting",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text="Empty when the importer made the annotation.",
    )
    is_public = models.BooleanField(default=True)
    anchor_status = models.CharField(
        max_length=20, choices=AnchorStatus.choices, default=AnchorStatus.ANCHORED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = history_records("key", "telegram", "person", "place", "target", "author")

    class Meta:
        ordering = ["telegram", "start", "id"]
        permissions = exchange_permissions("annotation")
        indexes = [models.Index(fields=["anchor_status"], name="annotation_anchor_status")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.quote[:40]}"


class MentionStatus(models.TextChoices):
    SUGGESTED = "suggested", "suggested"
    CONFIRMED = "confirmed", "confirmed"
    REJECTED = "rejected", "rejected"


class Mention(Versioned):
    """A typed link between a document and an entity it names."""

    telegram = models.ForeignKey(Telegram, on_delete=models.CASCADE)
    surface = models.CharField(max_length=200, blank=True, help_text="The form as printed.")
    occurrences = models.PositiveIntegerField(default=1)
    status = models.CharField(
        max_length=20, choices=MentionStatus.choices, default=MentionStatus.SUGGESTED
    )
    uncertain = models.BooleanField(
        default=False, help_text="The reading is doubtful (for example '[Tannu?] Tuva')."
    )
    notes = models.TextField(blank=True)

    class Meta:
        abstract = True


class PersonMention(Mention):
    """A person in a document, as sender, recipient, signatory or named in the text."""

    class Role(models.TextChoices):
        SENDER = "sender", "sender"
        RECIPIENT = "recipient", "recipient"
        SIGNATORY = "signatory", "signatory"
        MENTIONED = "mentioned", "mentioned"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="mentions")
    role = models.CharField(max_length=20, choices=Role.choices)

    history = history_records("telegram", "person")

    class Meta:
        ordering = ["telegram", "role", "person"]
        permissions = exchange_permissions("person mention")
        constraints = [
            models.UniqueConstraint(
                fields=["telegram", "person", "role"], name="person_mention_unique"
            )
        ]
        indexes = [
            models.Index(fields=["status"], name="person_mention_status"),
            # A person's documents in one role (archive.roles), read from the
            # index alone: for its page's lists and its stored counts.
            models.Index(
                fields=["person", "role", "telegram"],
                condition=~Q(status=MentionStatus.REJECTED),
                name="person_mention_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.role})"


class PlaceMention(Mention):
    """A place in a document, as origin, destination or named in the text."""

    class Role(models.TextChoices):
        ORIGIN = "origin", "origin"
        DESTINATION = "destination", "destination"
        MENTIONED = "mentioned", "mentioned"

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="mentions")
    role = models.CharField(max_length=20, choices=Role.choices)

    history = history_records("telegram", "place")

    class Meta:
        ordering = ["telegram", "role", "place"]
        permissions = exchange_permissions("place mention")
        constraints = [
            models.UniqueConstraint(
                fields=["telegram", "place", "role"], name="place_mention_unique"
            )
        ]
        indexes = [
            models.Index(fields=["status"], name="place_mention_status"),
            # A place's documents in one role (archive.roles), read from the
            # index alone: for its page's lists and its stored counts.
            models.Index(
                fields=["place", "role", "telegram"],
                condition=~Q(status=MentionStatus.REJECTED),
                name="place_mention_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.place} ({self.role})"


class Merge(models.Model):
    """A record absorbed into another by an editor; its old id keeps resolving."""

    class Kind(models.TextChoices):
        PERSON = "person", "person"
        PLACE = "place", "place"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    absorbed_id = models.BigIntegerField(help_text="Id of the record that no longer exists.")
    absorbed_name = models.CharField(max_length=200)
    kept_id = models.BigIntegerField(help_text="Id of the record it was merged into.")
    reason = models.TextField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    absorbed_key = models.CharField(
        max_length=120,
        blank=True,
        db_index=True,
        help_text="The absorbed record's authority key: authority lists that still name it "
        "update nothing and create nothing (archive.resources).",
    )
    record = models.JSONField(
        default=dict,
        blank=True,
        help_text="What the merge changed, so that it can be undone (archive.unmerging).",
    )
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    undo_note = models.TextField(blank=True, help_text="What the undo could not give back.")

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "absorbed_id"],
                condition=Q(undone_at__isnull=True),
                name="merge_absorbed_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.absorbed_name} → {self.kind} {self.kept_id}"

    @classmethod
    def resolve(cls, kind: str, pk: int) -> int | None:
        """The id an absorbed record now lives under, following later merges too."""
        seen = set()
        current = None
        while pk not in seen:
            seen.add(pk)
            row = cls.objects.filter(
                kind=kind, absorbed_id=pk, undone_at__isnull=True
            ).values_list("kept_id", flat=True)
            nxt = row.first()
            if nxt is None:
                return current
            current = pk = nxt
        return current

    @classmethod
    def resolve_key(cls, kind: str, key: str) -> int | None:
        """The id of the record a merged-away authority key now lives under, if any."""
        if not key:
            return None
        absorbed = (
            cls.objects.filter(kind=kind, absorbed_key=key, undone_at__isnull=True)
            .values_list("absorbed_id", flat=True)
            .first()
        )
        return None if absorbed is None else cls.resolve(kind, absorbed)


class CountryCode(models.Model):
    """A country's two digits (sometimes with a letter) in the decimal file, 1930s usage."""

    code = models.CharField(max_length=4, unique=True, help_text="For example 93, or 60c.")
    name = models.CharField(max_length=120)
    place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="file_codes")
    note = models.TextField(blank=True, help_text="Where the code was read or confirmed.")

    history = history_records("code", "place")

    class Meta:
        ordering = ["code"]
        verbose_name = "decimal file country code"
        permissions = exchange_permissions("country code")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @classmethod
    def known_codes(cls) -> set[str] | None:
        """The codes editors keep here; ``None`` (the confirmed list) while there are none."""
        return set(cls.objects.values_list("code", flat=True)) or None


class QualityCheck(models.TextChoices):
    """The lists of the data-quality page (archive.quality)."""

    UNREAD_NUMBERS = "unread_numbers", "file number not fully read"
    NO_SENDER = "no_sender", "telegram without a sender"
    NO_DATE = "no_date", "document without a date"
    MARKERS_WITHOUT_NOTES = "markers_without_notes", "footnote references without footnotes"
    NOTES_WITHOUT_MARKERS = "notes_without_markers", "footnote whose reference was removed"
    ANNOTATIONS = "annotations", "annotation to review"
    DUPLICATES = "duplicates", "file number on more than one document"
    NEVER_PEOPLE = "never_people", "person never mentioned"
    NEVER_PLACES = "never_places", "place never mentioned"
    LIKELY_DUPLICATES = "likely_duplicates", "people who may be the same"


class QualityAcceptance(models.Model):
    """A data-quality finding an editor checked and found right, so it leaves the list.

    ``key`` names the finding (see archive.quality.item_key): a document's
    identifier, or for a shared file number the number with the documents
    that share it, so that a third document filed under it shows again.
    Deleting the row withdraws the acceptance.
    """

    check_name = models.CharField("check", max_length=40, choices=QualityCheck.choices)
    key = models.CharField(max_length=500, help_text="Which finding of that check.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    note = models.TextField(blank=True, help_text="Why the finding is right as it is.")
    created_at = models.DateTimeField(auto_now_add=True)

    history = history_records("user")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "accepted quality finding"
        constraints = [
            models.UniqueConstraint(fields=["check_name", "key"], name="quality_acceptance_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_check_name_display()}: {self.key}"


class TelegramReference(models.Model):
    """A document's citation of another communication, linked when it is in the archive."""

    class Kind(models.TextChoices):
        REPLIES_TO = "replies_to", "replies to"
        REFERS_TO = "refers_to", "refers to"

    source = models.ForeignKey(Telegram, on_delete=models.CASCADE, related_name="references")
    target = models.ForeignKey(
        Telegram,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cited_by",
        help_text="Empty while the cited document is not in the archive; filled when it "
        "is imported.",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.REFERS_TO)
    quote = models.CharField(max_length=300, help_text="The phrase as printed.")
    whose = models.CharField(
        max_length=12,
        blank=True,
        help_text="Whose communication the phrase names: your, my, department, post, other.",
    )
    serial = models.CharField(
        max_length=20,
        blank=True,
        help_text="The number cited; where the editors printed a correction "
        "(“No. 379 [369]”), their corrected number.",
    )
    date_text = models.CharField(max_length=60, blank=True)
    time_text = models.CharField(max_length=30, blank=True)
    cited_kind = models.CharField(
        "kind cited",
        max_length=30,
        blank=True,
        help_text="The kind of communication the phrase names (telegram, circular telegram, "
        "despatch, instruction, memorandum…); empty when it names none (“your 35”).",
    )
    possessor = models.CharField(
        max_length=120,
        blank=True,
        help_text="The post or person the phrase names as the author (“Nanking’s 150”, "
        "“Sir Esme Howard’s note”); empty for my, your and the offices.",
    )
    cited_on = models.DateField(
        "cited day",
        null=True,
        blank=True,
        help_text="The day the phrase names. When no year is printed, the latest such day "
        "not after the citing document; empty when that document has no date.",
    )
    candidates = models.ManyToManyField(
        Telegram,
        blank=True,
        related_name="candidate_for",
        help_text="Documents that fit the phrase equally well, so none was linked: "
        "pick the right one as the target.",
    )
    status = models.CharField(
        max_length=20, choices=MentionStatus.choices, default=MentionStatus.SUGGESTED
    )
    notes = models.TextField(blank=True)

    history = history_records("source", "target")

    class Meta:
        ordering = ["source", "id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "quote"], name="reference_quote_unique")
        ]
        indexes = [
            models.Index(fields=["serial", "target"], name="reference_pending"),
            models.Index(fields=["cited_on", "target"], name="reference_pending_day"),
        ]

    def __str__(self) -> str:
        return self.quote


class UnmatchedName(models.Model):
    """A name the linker saw in the documents but could not match to a person or place."""

    name = models.CharField(max_length=200, unique=True)
    occurrences = models.PositiveIntegerField(default=0)
    documents = models.PositiveIntegerField(default=0)
    examples = models.JSONField(
        default=list, blank=True, help_text="Up to three documents and the words around the name."
    )
    ignored = models.BooleanField(
        default=False,
        db_index=True,
        help_text="Not a person or place (an institution, a ship…): the linker stops listing it.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-documents", "name"]

    def __str__(self) -> str:
        return self.name


class OfficeHolding(Protectable, Versioned):
    """A person in an office, as headings print it, for a span of dates.

    Holdings read from the Office of the Historian's Principal Officers and
    Chiefs of Mission carry its id (``pocom_id``), so that ``import_offices``
    finds them again on every run; an editor's corrections are protected.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="offices")
    office = models.CharField(
        max_length=200, db_index=True, help_text="As headings print it: 'Ambassador in Japan'."
    )
    post = models.ForeignKey(
        Place, on_delete=models.SET_NULL, null=True, blank=True, related_name="office_holdings"
    )
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True, help_text="Empty while in office.")
    source = models.CharField(max_length=300, blank=True)
    pocom_id = models.CharField(
        "POCOM id",
        max_length=60,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="The chief's or principal's id in POCOM (for example 'th-1882-hald-01').",
    )

    history = history_records("office", "person", "post", "pocom_id")

    class Meta:
        ordering = ["office", "start"]
        permissions = exchange_permissions("office holding")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "office", "start"], name="office_holding_unique"
            ),
            models.CheckConstraint(
                condition=Q(start__isnull=True) | Q(end__isnull=True) | Q(start__lte=F("end")),
                name="office_holding_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}, {self.office}"


class FullTextField(models.TextField):
    """FTS5's hidden column, named after its table: the left side of ``MATCH``."""


@FullTextField.register_lookup
class FullTextMatch(models.Lookup):
    lookup_name = "match"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", [*lhs_params, *rhs_params]


class SearchEntry(models.Model):
    """A document's entry in SQLite's FTS5 index (archive.search_sqlite), for joins.

    Not managed: the table is a virtual table created only on SQLite with
    FTS5, and written only through its content table. Declared so that a
    search can join the index and rank by ``bm25`` in one query.
    """

    telegram = models.OneToOneField(
        Telegram,
        primary_key=True,
        db_column="rowid",
        db_constraint=False,
        on_delete=models.DO_NOTHING,
        related_name="search_entry",
    )
    title = models.TextField()
    body = models.TextField()
    notes = models.TextField()
    index = FullTextField(db_column="archive_search_fts")

    class Meta:
        managed = False
        db_table = "archive_search_fts"

    def __str__(self) -> str:
        return f"search entry of document {self.pk}"
