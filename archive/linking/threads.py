"""Reply threads: linking "your 128, December 31, 2 p.m." to the document it names.

A reference is matched on whose communication it is (the post that wrote
it), the kind of communication, its number, its day and its hour: every
part the phrase prints must fit; a part the phrase or the candidate does not
give is not held against it, except that a reference with no number needs
a candidate whose day is known (the day is then all that names it).
Exactly one candidate links; several leave the reference unlinked with
its candidates listed for an editor; none leaves it as unresolved text,
which links itself when the document it names is imported later. An
editor's confirmed or rejected reference is never changed by the machine.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from django.db import transaction
from django.db.models import Q
from simple_history.utils import bulk_create_with_history

from ..bulkload import update_with_history
from ..models import MentionStatus, Telegram, TelegramReference
from ..text.dates import MONTHS
from ..text.heading import is_department_office
from ..text.references import Reference, cited_day, clock, find_references

SERIALS_PER_PASS = 500
DAYS_PER_PASS = 200
# "Consul General at Shanghai" → "at Shanghai", "Chargé in Brazil" → "in Brazil".
_POST = re.compile(r"\b(?P<post>(?:in|at)\s+\S.*)$")
_SENDER_NAME = re.compile(r"\((?P<name>[^()]+)\)")
_CANDIDATE_FIELDS = (
    "id",
    "kind",
    "heading",
    "serial_number",
    "sender_role",
    "recipient_role",
    "dateline",
    "date_text",
    "date_earliest",
    "date_latest",
    "origin__name",
)
# The kinds of the archive a cited kind can be. The Department's numbered
# instructions to a post are filed as despatches (same form, no kind of
# their own); a reply, a document or a bare number may be any kind.
_KINDS = {
    "telegram": "telegram",
    "circular telegram": "telegram",
    "radiogram": "telegram",
    "despatch": "despatch",
    "instruction": "despatch",
    "circular instruction": "despatch",
    "memorandum": "memorandum",
    "note": "note",
    "letter": "letter",
}


@lru_cache(maxsize=16384)
def post_of(role: str) -> str:
    """The post an office writes from, for numbering and threads.

    Numbers run per post, not per officer: a Chargé goes on with his
    Ambassador's series, so "Ambassador in China" and "Chargé in China" are
    one post ("in China"), and the Acting Secretary, the divisions and the
    Secretary are all the Department. A post at a city (a consulate, "at
    Shanghai") is a post of its own beside the mission in the country.
    Cached: resolving the references of 100,000 documents asks it millions
    of times about a few hundred roles.
    """
    role = re.sub(r"^Acting\s+", "", (role or "").strip())
    if is_department_office(role):
        return "Department"
    match = _POST.search(role)
    return match["post"] if match else role


def _sent_at(telegram: Telegram) -> tuple[int, int] | None:
    """The hour of sending printed after the dash of the dateline ("October 20, 1930—2 p.m.")."""
    if "—" not in (telegram.date_text or ""):
        return None
    return clock(telegram.date_text.rsplit("—", 1)[1])


def _is_named_post(name: str, telegram: Telegram) -> bool:
    """True when ``name`` ("Nanking", "Chapin") is where or by whom the candidate was written.

    A city's possessive names the post there (its dateline, its origin, or
    a consul's "at Nanking"); a person's names the sender in the heading's
    parentheses ("Chapin’s letter" is by "The Chargé in Uruguay (Chapin)").
    """
    place = (telegram.dateline or "").lstrip("[").split(",")[0].strip()
    origin = telegram.origin.name if telegram.origin_id and telegram.origin else ""
    post = post_of(telegram.sender_role)
    if name in (place, origin) or post == f"at {name}":
        return True
    # An office at a post ("the Consul at Tsinan") names the post.
    if _POST.search(name):
        return post_of(name) == post
    sender = _SENDER_NAME.search(telegram.heading or "")
    return bool(sender) and sender["name"].split()[-1] == name.split()[-1]


def _posts_fit(source: Telegram, reference: TelegramReference, candidate: Telegram) -> bool:
    """Whose communication the phrase says it is, checked against the candidate's posts."""
    mine, theirs = post_of(source.sender_role), post_of(source.recipient_role)
    sender, recipient = post_of(candidate.sender_role), post_of(candidate.recipient_role)
    abroad = theirs if mine == "Department" else mine
    whose = reference.whose
    if whose == "my":
        return sender == mine and (not theirs or recipient == theirs)
    if whose == "your":
        return bool(theirs) and sender == theirs and recipient == mine
    if whose == "department":
        # The Department numbers its telegrams per post; a circular goes to many.
        circular = reference.cited_kind.startswith("circular")
        return sender == "Department" and (
            circular or abroad in ("", "Department") or recipient == abroad
        )
    if whose == "post":
        return sender == abroad and recipient == "Department"
    if whose == "other":
        return bool(reference.possessor) and _is_named_post(reference.possessor, candidate)
    # No possessor ("despatch 2746, January 22, 1938"): either side of the exchange.
    if theirs:
        return {sender, recipient} == {mine, theirs}
    return mine in (sender, recipient)


def _day_fits(reference: TelegramReference, candidate: Telegram) -> bool:
    if reference.cited_on is not None:
        if candidate.date_earliest is None:
            return bool(reference.serial)
        return candidate.date_earliest <= reference.cited_on <= candidate.date_latest
    if not reference.date_text:
        return True
    # The citing document has no date, so the year is unknown: month and day.
    match = re.match(r"(?P<month>[A-Z][a-z]+)\s+(?P<day>\d{1,2})", reference.date_text)
    if not match or candidate.date_earliest is None:
        return bool(reference.serial)
    month, day = MONTHS.get(match["month"].lower()), int(match["day"])
    return (candidate.date_earliest.month, candidate.date_earliest.day) == (month, day)


def fits(source: Telegram, reference: TelegramReference, candidate: Telegram) -> bool:
    """True when every part the phrase prints fits ``candidate``."""
    if candidate.pk == source.pk:
        return False
    if reference.serial:
        if candidate.serial_number != reference.serial:
            return False
    elif not reference.date_text:
        return False
    kind = _KINDS.get(reference.cited_kind)
    if kind and candidate.kind not in (kind, Telegram.Kind.OTHER):
        return False
    if not _day_fits(reference, candidate):
        return False
    hour, sent = clock(reference.time_text), _sent_at(candidate)
    if hour and sent and hour != sent:
        return False
    return _posts_fit(source, reference, candidate)


def candidates(
    source: Telegram, reference: TelegramReference, documents: Iterable[Telegram]
) -> list[Telegram]:
    """The documents among ``documents`` a reference can mean."""
    return [t for t in documents if fits(source, reference, t)]


def kind_of(reference: Reference | TelegramReference) -> str:
    return (
        TelegramReference.Kind.REPLIES_TO
        if reference.whose == "your"
        else TelegramReference.Kind.REFERS_TO
    )


def reference_rows(references: Iterable[Reference], written: date | None = None) -> list[dict]:
    """Field values of the references a body makes, each printed phrase once.

    ``written`` is the citing document's (latest) day, against which a day
    printed without its year is read.
    """
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
                "date_text": ref.date_text[:60],
                "time_text": ref.time_text or "",
                "cited_kind": ref.kind,
                "possessor": ref.possessor[:120],
                "cited_on": cited_day(ref.date_text, written) if ref.date_text else None,
            }
        )
    return rows


def extract(telegram: Telegram) -> list[TelegramReference]:
    """Unsaved references for a document's body."""
    return [
        TelegramReference(source=telegram, **row)
        for row in reference_rows(find_references(telegram.body), telegram.date_latest)
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


@dataclass
class _Outcome:
    linked: list[TelegramReference]
    ambiguous: dict[int, list[int]]  # reference → candidate documents
    unmatched: list[int]


def _pools(documents: list[Telegram]) -> tuple[dict, dict]:
    """The documents by number and by every day they span.

    :func:`fits` accepts only a document of the printed number, or one whose
    days include the day cited, so each reference is compared with those
    alone: comparing every reference of a slice with every document of it
    grew with the product of the two (a million checks per thousand documents).
    """
    by_serial: dict[str, list[Telegram]] = {}
    by_day: dict[date, list[Telegram]] = {}
    for document in documents:
        if document.serial_number:
            by_serial.setdefault(document.serial_number, []).append(document)
        first, last = document.date_earliest, document.date_latest
        if first is not None and last is not None and 0 <= (last - first).days <= 366:
            for offset in range((last - first).days + 1):
                by_day.setdefault(first + timedelta(days=offset), []).append(document)
        elif first is not None or last is not None:
            by_day.setdefault(None, []).append(document)  # no usable span: always compared
    return by_serial, by_day


def _pool(reference: TelegramReference, pools: tuple[dict, dict], documents: list[Telegram]):
    by_serial, by_day = pools
    if reference.serial:
        return by_serial.get(reference.serial, ())
    if reference.cited_on is not None:
        return [*by_day.get(reference.cited_on, ()), *by_day.get(None, ())]
    return documents


def _match(references: list[TelegramReference], documents: list[Telegram]) -> _Outcome:
    outcome = _Outcome([], {}, [])
    pools = _pools(documents)
    for reference in references:
        found = candidates(reference.source, reference, _pool(reference, pools, documents))
        # "a telegram dated November 14" says neither whose it is nor its
        # number: even a single fit is only offered to an editor.
        unsure = not reference.whose and not reference.serial
        if len(found) == 1 and not unsure:
            reference.target = found[0]
            outcome.linked.append(reference)
        elif found:
            outcome.ambiguous[reference.pk] = sorted(t.pk for t in found)
        else:
            outcome.unmatched.append(reference.pk)
    return outcome


def _save(outcome: _Outcome, user) -> int:
    """Write links and candidate lists for references still waiting for the machine.

    Read again under a row lock just before writing, so a reference an
    editor decided, or another import linked, since it was read is left as
    it now is.
    """
    ids = [r.pk for r in outcome.linked] + list(outcome.ambiguous) + outcome.unmatched
    if not ids:
        return 0
    through = TelegramReference.candidates.through
    with transaction.atomic():
        still = set(
            TelegramReference.objects.select_for_update()
            .filter(pk__in=ids, target__isnull=True, status=MentionStatus.SUGGESTED)
            .values_list("pk", flat=True)
        )
        linked = [r for r in outcome.linked if r.pk in still]
        through.objects.filter(telegramreference_id__in=still).delete()
        through.objects.bulk_create(
            [
                through(telegramreference_id=ref, telegram_id=doc)
                for ref, docs in outcome.ambiguous.items()
                if ref in still
                for doc in docs
            ],
            ignore_conflicts=True,
        )
        if linked:
            update_with_history(linked, TelegramReference, ["target"], user=user, reason="link")
    return len(linked)


def _pending():
    """References still waiting, each read with its source in the same query.

    One query, not two: a source read apart from its references could be
    missing when another import commits a new document in between.
    """
    own = [f.name for f in TelegramReference._meta.concrete_fields]  # all: history copies them
    source = [f"source__{f}" for f in ("sender_role", "recipient_role")]
    return (
        TelegramReference.objects.filter(target__isnull=True, status=MentionStatus.SUGGESTED)
        .select_related("source")
        .only(*own, *source)
    )


def _documents(condition: Q) -> list[Telegram]:
    return list(
        Telegram.objects.filter(condition).select_related("origin").only(*_CANDIDATE_FIELDS)
    )


def resolve(
    serials: Iterable[str] | None = None, user=None, days: Iterable[date] | None = None
) -> int:
    """Link pending references whose document is now in the archive; return how many.

    ``serials`` and ``days`` are the numbers and days new in this run (the
    documents' and the references'); ``None`` for both looks at every
    pending reference. Set-based, because an import of a hundred thousand
    documents leaves tens of thousands of references pending: references and
    the documents they can mean are read once per slice of numbers or days,
    never once per reference.
    """
    everything = serials is None and days is None
    if everything:
        pending = _pending()
        serials = pending.exclude(serial="").values_list("serial", flat=True)
        days = pending.filter(serial="").exclude(cited_on=None).values_list("cited_on", flat=True)
    wanted = sorted(set(serials or ()) - {""})
    linked = 0
    for start in range(0, len(wanted), SERIALS_PER_PASS):
        chunk = wanted[start : start + SERIALS_PER_PASS]
        references = list(_pending().filter(serial__in=chunk))
        if references:
            documents = _documents(Q(serial_number__in=chunk))
            linked += _save(_match(references, documents), user)
    # References by day alone ("Shanghai’s May 30, noon"): a document
    # spanning two days ("October 16 and 17") is found by either end.
    wanted_days = sorted(set(days or ()) - {None})
    for start in range(0, len(wanted_days), DAYS_PER_PASS):
        chunk = wanted_days[start : start + DAYS_PER_PASS]
        references = list(_pending().filter(serial="", cited_on__in=chunk))
        if references:
            documents = _documents(Q(date_earliest__in=chunk) | Q(date_latest__in=chunk))
            linked += _save(_match(references, documents), user)
    return linked
