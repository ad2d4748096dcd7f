"""The public document list's filters (django-filter), all carried in the URL."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import F, Q, QuerySet

from . import search, visibility
from .models import MentionStatus, Person, PersonMention, Place, PlaceMention, Telegram
from .paginators import count_upto
from .pickers import NamedChoiceFilter, picker_widget
from .text.decimal import CLASSES

SORTS = {
    "date": [F("date_earliest").asc(nulls_last=True), "file_number", "identifier"],
    "-date": [F("date_earliest").desc(nulls_last=True), "file_number", "identifier"],
    "file": ["file_number", "identifier"],
    "-file": ["-file_number", "-identifier"],
}


def _not_rejected(queryset):
    return queryset.exclude(status=MentionStatus.REJECTED)


FEW = 5000


def mentioned_in(mentions) -> Q:
    """Documents with one of ``mentions``, in the form PostgreSQL answers fastest.

    A name that appears in few documents is best answered from its own
    mentions; a very common one by walking the date index. The planner cannot
    tell them apart from its statistics (it once read all 100,000 documents to
    find none), so one small query decides.
    """
    ids = list(mentions.values_list("telegram_id", flat=True)[: FEW + 1])
    if len(ids) <= FEW:
        return Q(pk__in=ids)
    return Q(pk__in=mentions.values("telegram_id"))


def _named_people(request) -> QuerySet[Person]:
    """Only people a public document names: any other id is refused like an unknown one."""
    return visibility.public_people()


def _named_places(request) -> QuerySet[Place]:
    """Only places a public document names (archive.visibility)."""
    return visibility.public_places()


class TelegramFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search", method="filter_search")
    # People and places: a text box with type-ahead (archive.pickers) that
    # takes a name or the id that links from their pages carry.
    sender = NamedChoiceFilter(
        queryset=_named_people, label="Sender", widget=picker_widget("people")
    )
    recipient = NamedChoiceFilter(
        queryset=_named_people, label="Recipient", widget=picker_widget("people")
    )
    person = NamedChoiceFilter(
        queryset=_named_people,
        label="Person mentioned",
        method="filter_person",
        widget=picker_widget("people"),
    )
    place = NamedChoiceFilter(
        queryset=_named_places,
        label="Place",
        method="filter_place",
        widget=picker_widget("places"),
    )
    origin = NamedChoiceFilter(
        queryset=_named_places, label="Origin", widget=picker_widget("places")
    )
    kind = django_filters.ChoiceFilter(choices=Telegram.Kind.choices, label="Kind")
    file_class = django_filters.ChoiceFilter(
        field_name="decimal_class", choices=sorted(CLASSES.items()), label="File class"
    )
    date_from = django_filters.DateFilter(
        field_name="date_latest",
        lookup_expr="gte",
        label="From",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        field_name="date_earliest",
        lookup_expr="lte",
        label="To",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    file = django_filters.CharFilter(
        label="File", method="filter_file", widget=picker_widget("files")
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by",
        method="filter_sort",
        empty_label="relevance or date",
        choices=[
            ("date", "date, earliest first"),
            ("-date", "date, latest first"),
            ("file", "file number, ascending"),
            ("-file", "file number, descending"),
        ],
    )

    class Meta:
        model = Telegram
        fields: list[str] = []

    def __init__(self, data=None, *args, **kwargs):
        # What the reader should be told about how the request was read.
        self.notes: list[str] = []
        # "from" and "to" are the public parameter names; they are Python keywords.
        if data is not None:
            data = data.copy()
            for public, internal in (("from", "date_from"), ("to", "date_to")):
                if public in data and internal not in data:
                    data[internal] = data[public]
            # An unknown order (an old link, a typo) is ignored, not an error
            # that empties the list.
            if data.get("sort") and data["sort"] not in SORTS:
                del data["sort"]
            self._order_dates(data)
        super().__init__(data, *args, **kwargs)

    def _order_dates(self, data) -> None:
        """A range given backwards (From after To) is read the right way round, and said so."""
        field = forms.DateField(required=False)
        try:
            start, end = field.clean(data.get("date_from")), field.clean(data.get("date_to"))
        except forms.ValidationError:
            return
        if start and end and start > end:
            data["date_from"], data["date_to"] = end.isoformat(), start.isoformat()
            self.notes.append(
                f"“From” ({start:%-d %B %Y}) came after “To” ({end:%-d %B %Y}); "
                "the two dates were swapped."
            )

    def filter_search(self, queryset, name, value):
        return search.search(queryset, value, self.notes)

    def filter_person(self, queryset, name, value):
        return queryset.filter(
            mentioned_in(_not_rejected(PersonMention.objects.filter(person=value)))
        )

    def filter_place(self, queryset, name, value):
        mentions = _not_rejected(PlaceMention.objects.filter(place=value))
        return queryset.filter(Q(origin=value) | mentioned_in(mentions))

    def filter_file(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(decimal_file=value)

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*SORTS[value])

    @property
    def qs(self):
        if getattr(self, "_ordered", None) is not None:
            return self._ordered
        queryset = super().qs
        data = self.form.cleaned_data if self.is_bound and self.form.is_valid() else {}
        if data.get("date_from") or data.get("date_to"):
            queryset = queryset.filter(date_earliest__isnull=False, date_latest__isnull=False)
        self.unranked = False
        self.matches = None  # counted (up to RANK_LIMIT + 1) when ranking is decided
        if not data.get("sort"):
            if data.get("q"):
                # Ranking reads every matching vector; past a few thousand
                # matches that costs more than a reader waits, so such
                # searches are listed by date and the page says so.
                self.matches = count_upto(queryset, search.RANK_LIMIT + 1)
                many = self.matches > search.RANK_LIMIT
                self.unranked = many
                ordering = SORTS["date"] if many else ["-rank", *SORTS["date"]]
                queryset = queryset.order_by(*ordering)
            else:
                queryset = queryset.order_by(*SORTS["date"])
        self._ordered = queryset
        return queryset
