"""Reply threads: linking "your 128, December 31, 2 p.m." to the document it names.

A reference is matched on the serial number, the two posts (a "your 128" in
a telegram from A to B names telegram 128 from B to A), and the day when one
is printed and the candidate's date is known. Exactly one candidate links;
none or several leave the reference as unresolved text, which links itself
when the document it names is imported later. An editor's confirmed or
rejected reference is never changed by the machine.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from ..models import MentionStatus, Telegram, TelegramReference
from ..text.dates import MONTHS
from ..text.heading import is_department_office
from ..text.references import Reference, find_references

SERIALS_PER_PASS = 500


def _office(role: str) -> str:
    """Offices compared for threads: the Acting Secretary stands for the Secretary."""
    role = re.sub(r"^Acting\s+", "", (role or "").strip())
    return "Department" if is_department_office(role) else role


def _same_day(date_text: str, telegram: Telegram) -> bool:
    """True when the printed day fits the candidate, or cannot be checked."""
    if not date_text or telegram.date_earliest is None:
        return True
    match = re.match(r"(?P<month>[A-Z][a-z]+)\s+(?P<day>\d{1,2})", date_text)
    if not match:
        return True
    month = MONTHS.get(match["month"].lower())
    day = int(match["day"])
    return telegram.date_earliest.month == month and telegram.date_earliest.day == day


def expected_offices(source: Telegram, whose: str) -> tuple[str, str] | None:
    """(sender office, recipient office) the cited document must have."""
    sender, recipient = _office(source.sender_role), _office(source.recipient_role)
    if whose == "your":
        return recipient, sender
    if whose == "my":
        return sender, recipient
    if whose == "department":
        post = recipient if sender == "Department" else sender
        return "Department", post
    if whose == "post":
        post = sender if sender != "Department" else recipient
        return post, "Department"
    return None


def candidates(
    source: Telegram, reference: TelegramReference, documents: Iterable[Telegram]
) -> list[Telegram]:
    """The documents among ``documents`` (those with the cited serial) a reference can mean."""
    offices = expected_offices(source, reference.whose)
    if offices is None or not reference.serial:
        return []
    return [
        t
        for t in documents
        if t.pk != source.pk
        and t.serial_number == reference.serial
        and (_office(t.sender_role), _office(t.recipient_role)) == offices
        and _same_day(reference.date_text, t)
    ]


def kind_of(reference: Reference | TelegramReference) -> str:
    return (
        TelegramReference.Kind.REPLIES_TO
        if reference.whose == "your"
        else TelegramReference.Kind.REFERS_TO
    )


def reference_rows(references: Iterable[Reference]) -> list[dict]:
    """Field values of the references a body makes, each printed phrase once."""
    seen = set()
    rows = []
    for ref in references:
        if ref.quote in seen:
            continue
        seen.add(ref.quote)
        rows.append(
            {
                "kind": kind_of(ref),
                "quote": ref.quote[:300],
                "whose": ref.whose,
                "serial": ref.serial,
                "date_text": ref.date_text,
                "time_text": ref.time_text or "",
            }
        )
    return rows


def extract(telegram: Telegram) -> list[TelegramReference]:
    """Unsaved references for a document's body."""
    return [
        TelegramReference(source=telegram, **row)
        for row in reference_rows(find_references(telegram.body))
    ]


def refresh(telegram: Telegram, user=None) -> None:
    """Suggestions for one document again; editors' decisions stay as they are."""
    decided = set(
        telegram.references.exclude(status=MentionStatus.SUGGESTED).values_list("quote", flat=True)
    )
    for stale in telegram.references.filter(status=MentionStatus.SUGGESTED):
        stale._history_user = user
        stale.delete()
    bulk_create_with_history(
        [r for r in extract(telegram) if r.quote not in decided],
        TelegramReference,
        default_user=user,
        default_change_reason="import",
    )


def resolve(serials: Iterable[str] | None = None, user=None) -> int:
    """Link pending references whose document is now in the archive; return how many.

    Set-based, because an import of a hundred thousand documents leaves tens
    of thousands of references pending: the documents carrying the cited
    serial numbers are read once per slice of serials, not once per
    reference.
    """
    pending = TelegramReference.objects.filter(
        target__isnull=True, status=MentionStatus.SUGGESTED
    ).exclude(serial="")
    if serials is None:
        wanted = sorted(set(pending.values_list("serial", flat=True)))
    else:
        wanted = sorted(set(serials) - {""})
    fields = ("pk", "serial_number", "sender_role", "recipient_role", "date_earliest")
    linked = 0
    for start in range(0, len(wanted), SERIALS_PER_PASS):
        chunk = wanted[start : start + SERIALS_PER_PASS]
        by_serial: dict[str, list[Telegram]] = {}
        for telegram in Telegram.objects.filter(serial_number__in=chunk).only(*fields):
            by_serial.setdefault(telegram.serial_number, []).append(telegram)
        in_chunk = pending.filter(serial__in=chunk)
        sources = {
            t.pk: t
            for t in Telegram.objects.filter(pk__in=in_chunk.values("source_id")).only(
                "pk", "sender_role", "recipient_role"
            )
        }
        found = []
        for reference in in_chunk.iterator(chunk_size=2000):
            matches = candidates(
                sources[reference.source_id], reference, by_serial.get(reference.serial, [])
            )
            if len(matches) == 1:
                reference.target = matches[0]
                found.append(reference)
        if found:
            bulk_update_with_history(
                found,
                TelegramReference,
                ["target"],
                batch_size=1000,
                default_user=user,
                default_change_reason="link",
            )
        linked += len(found)
    return linked
