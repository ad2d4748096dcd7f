"""Facets of the filtered document list: counts beside each filter, and the timeline.

Each facet is one ``GROUP BY`` over the list exactly as filtered (kind,
year, sender, recipient, origin, decimal file class), keeping the ``TOP``
largest values; the years feed the date histogram (archive.timeline), and
when the list spans two years or less one more query counts its months. So
a list page costs a fixed number of queries however many documents match,
and every count is the number of documents the facet's link will list:
each link adds its own filter (``sender``, ``origin``, ``file_class``…) to
the address as it stands.

The names come from the documents being counted, which are public, so a
facet can only name someone a public document names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractMonth, ExtractYear

from . import pickers, timeline
from .importing.decimal import CLASSES
from .models import Telegram

TOP = 8
# The most queries build() runs: kind, sender, recipient, origin, class, years,
# months, and the pickers' people and places.
QUERIES = 9


@dataclass
class Value:
    label: str
    count: int
    url: str
    active: bool = False


@dataclass
class Facet:
    key: str
    title: str
    values: list[Value] = field(default_factory=list)


def _url(params: list[tuple[str, str]], set_: dict[str, str]) -> str:
    """The list's address with ``set_`` replacing those parameters, back at page one."""
    kept = [(k, v) for k, v in params if k not in set_ and k not in ("page", "format") and v]
    internal = {"date_from": "from", "date_to": "to"}
    kept = [(k, v) for k, v in kept if internal.get(k, k) not in set_]
    return "?" + urlencode([*kept, *set_.items()])


def _grouped(queryset: QuerySet, *columns: str, top: int | None = TOP) -> list[dict]:
    """``columns`` with their document counts, largest first (the ``top`` of them)."""
    rows = queryset.order_by().values(*columns).annotate(n=Count("*")).order_by("-n", *columns)
    return list(rows[:top] if top else rows)


def build(request, queryset: QuerySet[Telegram], data: dict, total: int | None = None) -> dict:
    """Facets, the timeline and the pickers' lists for the list ``queryset`` (already filtered).

    ``data`` is the filter form's cleaned data (to mark the values in use);
    ``total`` is the list's count, or None when a search matched too many
    documents to count (archive.paginators.CappedPaginator): grouping every
    match would cost what the cap saves, so the facets wait for a narrower
    search and the page says so.
    """
    pickers_lists = {
        "picker_people": pickers.options("people"),
        "picker_places": pickers.options("places"),
    }
    if total is None:
        return {"facets": [], "timeline": "", "facets_skipped": True, **pickers_lists}
    params = list(request.GET.items())
    documents = queryset.order_by()
    facets = []

    kinds = Facet("kind", "Kind")
    labels = dict(Telegram.Kind.choices)
    for row in _grouped(documents, "kind", top=None):
        kinds.values.append(
            Value(
                labels.get(row["kind"], row["kind"]),
                row["n"],
                _url(params, {"kind": row["kind"]}),
                data.get("kind") == row["kind"],
            )
        )
    facets.append(kinds)

    for key, title, column in (
        ("sender", "Sender", "sender"),
        ("recipient", "Recipient", "recipient"),
        ("origin", "Origin", "origin"),
    ):
        facet = Facet(key, title)
        chosen = data.get(key)
        rows = _grouped(
            documents.filter(**{f"{column}__isnull": False}), column, f"{column}__name"
        )
        for row in rows:
            facet.values.append(
                Value(
                    row[f"{column}__name"],
                    row["n"],
                    _url(params, {key: str(row[column])}),
                    chosen is not None and chosen.pk == row[column],
                )
            )
        facets.append(facet)

    classes = Facet("file_class", "File class")
    for row in _grouped(documents.exclude(decimal_class=""), "decimal_class", top=None):
        cls = row["decimal_class"]
        classes.values.append(
            Value(
                f"{cls} {CLASSES.get(cls, '')}".strip(),
                row["n"],
                _url(params, {"file_class": cls}),
                data.get("file_class") == cls,
            )
        )
    facets.append(classes)

    # Years: every one (the histogram needs them all); the facet lists them in order.
    dated = documents.filter(date_earliest__isnull=False)
    year_counts = {
        row["year"]: row["n"]
        for row in dated.annotate(year=ExtractYear("date_earliest"))
        .values("year")
        .annotate(n=Count("*"))
        .order_by("year")
    }
    years = Facet("year", "Year")
    for year, n in sorted(year_counts.items()):
        years.values.append(
            Value(str(year), n, _url(params, {"from": f"{year}-01-01", "to": f"{year}-12-31"}))
        )
    facets.insert(1, years)

    if year_counts and max(year_counts) - min(year_counts) < timeline.MONTHS_UP_TO_YEARS:
        month_counts = {
            (row["year"], row["month"]): row["n"]
            for row in dated.annotate(
                year=ExtractYear("date_earliest"), month=ExtractMonth("date_earliest")
            )
            .values("year", "month")
            .annotate(n=Count("*"))
            .order_by("year", "month")
        }
        bars = timeline.month_bars(month_counts)
    else:
        bars = timeline.year_bars(year_counts)

    def narrow(bar: timeline.Bar) -> str:
        return _url(params, {"from": bar.start.isoformat(), "to": bar.end.isoformat()})

    total_dated = sum(year_counts.values())
    return {
        "facets": [f for f in facets if f.values],
        "timeline": timeline.svg(bars, narrow, undated=max(0, total - total_dated)),
        **pickers_lists,
    }
