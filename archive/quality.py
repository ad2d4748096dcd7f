"""The data-quality lists: what an editor should look at, less what they accepted.

Each finding has a key (``item_key``) that stays the same for as long as the
finding does: a document's identifier, a footnote's document and order, an
annotation's key, and for a file number shared by several documents the
number together with those documents, so that accepting "these two are
rightly filed under one number" does not hide a third document filed under
it later. An accepted finding (``QualityAcceptance``) leaves its list;
deleting the acceptance brings it back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Count, Exists, OuterRef, QuerySet

from .models import (
    AnchorStatus,
    Annotation,
    Footnote,
    Person,
    PersonMention,
    Place,
    PlaceMention,
    QualityAcceptance,
    QualityCheck,
    Telegram,
)
from .text.markup import FOOTNOTE_REF_OPENING


@dataclass(frozen=True)
class Finding:
    """One row of a quality list: what to show, and the key an acceptance names."""

    check: str
    key: str
    record: Any
    detail: str = ""


def accepted_keys() -> dict[str, set[str]]:
    """Every accepted finding's key, by check."""
    keys: dict[str, set[str]] = {}
    for check, key in QualityAcceptance.objects.values_list("check_name", "key"):
        keys.setdefault(check, set()).add(key)
    return keys


def accept(check: str, key: str, user, note: str = "") -> QualityAcceptance:
    """Record that ``user`` checked this finding and it is right as it is.

    Accepting twice keeps the first acceptance. Raises ValidationError for
    an unknown check or an empty key.
    """
    existing = QualityAcceptance.objects.filter(check_name=check, key=key).first()
    if existing is not None:
        return existing
    acceptance = QualityAcceptance(check_name=check, key=key, user=user, note=note)
    acceptance.full_clean()
    acceptance._history_user = user
    acceptance.save()
    return acceptance


def _findings(check: str, rows, key, accepted: set[str], limit: int, detail=None) -> list:
    found = []
    for row in rows:
        finding = Finding(check, key(row), row, detail(row) if detail else "")
        if finding.key in accepted:
            continue
        found.append(finding)
        if len(found) >= limit:
            break
    return found


def _documents(check: str, queryset: QuerySet, accepted: set[str], limit: int) -> list:
    # At most len(accepted) rows are dropped, so reading that many more is enough.
    rows = queryset[: limit + len(accepted)]
    return _findings(check, rows, lambda t: t.identifier, accepted, limit)


def _shared_file_numbers(accepted: set[str], limit: int) -> list[Finding]:
    groups = list(
        Telegram.objects.exclude(file_number="")
        .values("file_number")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .order_by("-n", "file_number")[: limit + len(accepted)]
    )
    holders: dict[str, list[str]] = {}
    numbers = [g["file_number"] for g in groups]
    for number, identifier in Telegram.objects.filter(file_number__in=numbers).values_list(
        "file_number", "identifier"
    ):
        holders.setdefault(number, []).append(identifier)
    return _findings(
        QualityCheck.DUPLICATES,
        groups,
        lambda g: f"{g['file_number']}: {', '.join(sorted(holders.get(g['file_number'], [])))}",
        accepted,
        limit,
        lambda g: f"{g['n']} documents",
    )


def quality(limit: int = 50) -> dict[str, Any]:
    """The problems an editor should look at, each list capped at ``limit`` findings."""
    accepted = accepted_keys()

    def skip(check: str) -> set[str]:
        return accepted.get(check, set())

    telegrams = Telegram.objects.only("pk", "identifier", "file_number", "heading", "date_text")
    with_footnotes = Exists(Footnote.objects.filter(telegram=OuterRef("pk")))
    documents = {
        QualityCheck.UNREAD_NUMBERS: telegrams.filter(decimal_status__in=["partial", "unread"]),
        QualityCheck.NO_SENDER: telegrams.filter(sender__isnull=True, kind="telegram"),
        QualityCheck.NO_DATE: telegrams.filter(date_earliest__isnull=True),
        QualityCheck.MARKERS_WITHOUT_NOTES: telegrams.filter(
            body__contains=FOOTNOTE_REF_OPENING
        ).exclude(with_footnotes),
    }
    result: dict[str, Any] = {
        str(check): _documents(check, queryset.order_by("pk"), skip(check), limit)
        for check, queryset in documents.items()
    }
    check = QualityCheck.NOTES_WITHOUT_MARKERS
    notes = (
        Footnote.objects.filter(
            location=Footnote.Location.BODY, anchor_status=AnchorStatus.NEEDS_REVIEW
        )
        .select_related("telegram")
        .only("marker", "order", "telegram__identifier")
        .order_by("pk")
    )
    result[check] = _findings(
        check,
        notes[: limit + len(skip(check))],
        lambda f: f"{f.telegram.identifier} note {f.order}",
        skip(check),
        limit,
    )
    check = QualityCheck.ANNOTATIONS
    annotations = (
        Annotation.objects.filter(anchor_status=AnchorStatus.NEEDS_REVIEW)
        .select_related("telegram")
        .only("key", "kind", "quote", "telegram__identifier")
        .order_by("pk")
    )
    result[check] = _findings(
        check, annotations[: limit + len(skip(check))], lambda a: str(a.key), skip(check), limit
    )
    result[QualityCheck.DUPLICATES] = _shared_file_numbers(skip(QualityCheck.DUPLICATES), limit)
    never = {
        QualityCheck.NEVER_PEOPLE: Person.objects.filter(
            ~Exists(PersonMention.objects.filter(person=OuterRef("pk")))
        ),
        QualityCheck.NEVER_PLACES: Place.objects.filter(
            ~Exists(PlaceMention.objects.filter(place=OuterRef("pk"))),
            ~Exists(Place.objects.filter(parent=OuterRef("pk"))),
        ),
    }
    for check, queryset in never.items():
        rows = queryset.order_by("pk")[: limit + len(skip(check))]
        result[check] = _findings(check, rows, lambda r: str(r.pk), skip(check), limit)
    result[QualityCheck.LIKELY_DUPLICATES] = likely_duplicate_people(
        limit, skip(QualityCheck.LIKELY_DUPLICATES)
    )
    result = {str(check): findings for check, findings in result.items()}
    result["backend"] = connection.vendor
    return result


def likely_duplicate_people(limit: int, accepted: set[str] = frozenset()) -> list[Finding]:
    """Pairs sharing a surname with overlapping aliases or the same description.

    Each finding's record is the pair ``(first, second)``; its detail says why.
    """
    by_surname: dict[str, list[Person]] = {}
    surnames = (
        Person.objects.values("surname").annotate(n=Count("pk")).filter(n__gt=1, surname__gt="")
    )
    for person in Person.objects.filter(surname__in=surnames.values("surname")).order_by("pk"):
        by_surname.setdefault(person.surname, []).append(person)
    pairs = []
    for people in by_surname.values():
        for index, first in enumerate(people):
            for second in people[index + 1 :]:
                key = f"{first.pk},{second.pk}"
                if key in accepted:
                    continue
                shared = set(first.all_names) & set(second.all_names)
                if shared:
                    why = "shared names: " + ", ".join(sorted(shared))
                elif first.description and first.description == second.description:
                    why = "same description"
                else:
                    continue
                pairs.append(Finding(QualityCheck.LIKELY_DUPLICATES, key, (first, second), why))
                if len(pairs) >= limit:
                    return pairs
    return pairs
