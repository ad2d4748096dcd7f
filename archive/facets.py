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

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractMonth, ExtractYear

from . import pickers, timeline
from .models import Person, Place, Telegram
from .text.decimal import CLASSES

TOP = 8
# The most queries build() runs: the counts (one on PostgreSQL, six elsewhere),
# the names of the people and places shown, the months, and the pickers' lists.
QUERIES = 11


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


COLUMNS = ("kind", "decimal_class", "sender_id", "recipient_id", "origin_id", "year")


def counts(documents: QuerySet[Telegram]) -> dict[str, dict]:
    """Documents per value of each facet column (``year`` of the earliest date).

    PostgreSQL answers all six in one pass over the documents with
    ``GROUPING SETS`` (from the ``telegram_public_facets`` index alone when
    only public documents are asked for); elsewhere one ``GROUP BY`` each.
    Empty values (no sender, no class, no date) are left out.
    """
    rows = documents.order_by().annotate(year=ExtractYear("date_earliest")).values(*COLUMNS)
    found: dict[str, dict] = {column: {} for column in COLUMNS}
    if connection.vendor == "postgresql":
        try:
            sql, params = rows.query.sql_with_params()
        except EmptyResultSet:  # the list is .none(): a refused filter
            return found
        flags = ", ".join(f'GROUPING("{c}")' for c in COLUMNS)
        names = ", ".join(f'"{c}"' for c in COLUMNS)
        sets = ", ".join(f'("{c}")' for c in COLUMNS)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {flags}, {names}, COUNT(*) FROM ({sql}) AS listed "
                f"GROUP BY GROUPING SETS ({sets})",
                params,
            )
            width = len(COLUMNS)
            for row in cursor.fetchall():
                flag, values, n = row[:width], row[width : 2 * width], row[-1]
                column = COLUMNS[flag.index(0)]
                value = values[COLUMNS.index(column)]
                if value not in (None, ""):
                    found[column][int(value) if column == "year" else value] = n
        return found
    for column in COLUMNS:
        grouped = rows.values(column).annotate(n=Count("*")).order_by()
        found[column] = {r[column]: r["n"] for r in grouped if r[column] not in (None, "")}
    return found


def _top(values: dict, top: int | None = TOP) -> list[tuple]:
    ranked = sorted(values.items(), key=lambda item: (-item[1], str(item[0])))
    return ranked[:top] if top else ranked


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

    found = counts(documents)
    kinds = Facet("kind", "Kind")
    labels = dict(Telegram.Kind.choices)
    for kind, n in _top(found["kind"], None):
        kinds.values.append(
            Value(
                labels.get(kind, kind),
                n,
                _url(params, {"kind": kind}),
                data.get("kind") == kind,
            )
        )
    facets.append(kinds)

    # Grouped by id alone (joining the names into 100,000 rows before grouping
    # cost more than the grouping); the few names shown are read afterwards.
    top = {key: _top(found[f"{key}_id"]) for key in ("sender", "recipient", "origin")}
    people = dict(
        Person.objects.filter(
            pk__in={pk for key in ("sender", "recipient") for pk, _ in top[key]}
        ).values_list("pk", "name")
    )
    places = dict(
        Place.objects.filter(pk__in={pk for pk, _ in top["origin"]}).values_list("pk", "name")
    )
    for key, title, names in (
        ("sender", "Sender", people),
        ("recipient", "Recipient", people),
        ("origin", "Origin", places),
    ):
        facet = Facet(key, title)
        chosen = data.get(key)
        for pk, n in top[key]:
            facet.values.append(
                Value(
                    names.get(pk, ""),
                    n,
                    _url(params, {key: str(pk)}),
                    chosen is not None and chosen.pk == pk,
                )
            )
        facets.append(facet)

    classes = Facet("file_class", "File class")
    for cls, n in _top(found["decimal_class"], None):
        classes.values.append(
            Value(
                f"{cls} {CLASSES.get(cls, '')}".strip(),
                n,
                _url(params, {"file_class": cls}),
                data.get("file_class") == cls,
            )
        )
    facets.append(classes)

    # Years: every one (the histogram needs them all); the facet lists them in order.
    dated = documents.filter(date_earliest__isnull=False)
    year_counts = found["year"]
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
