"""The mentions the machine suggests for a document, and bringing them up to date.

Shared by the importer and by re-linking (after editors add aliases, create
records from unmatched names or merge), so both always suggest the same
things. Editors' decisions (confirmed, rejected) are never changed here.
"""

from __future__ import annotations

import re

from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from .. import tallies
from ..models import MentionStatus, PersonMention, PlaceMention, Telegram
from ..search import update_search_vectors
from ..text.heading import is_department_office
from .body_people import merge_found, suggest_people
from .names import PERSON, reading_text
from .offices import name_fits
from .registry import EntityRegistry, clean_name
from .runs import BodyReading, printed_before
from .wholenames import surname_mentions

POST = re.compile(r"\b(?:in|at)\s+(?:the\s+)?(?P<post>[A-Z][\w’'. -]+?)$")


def suggest_mentions(
    registry: EntityRegistry,
    telegram: Telegram,
    *,
    sender_name: str,
    recipient_name: str,
    warnings: list[str],
    footnote_people: dict[int, list[str]] | None = None,
    body_reading: BodyReading | None = None,
) -> tuple[dict, dict]:
    """The mentions the machine suggests for a document, keyed by (entity id, role).

    Shared by the importer and by re-linking (after editors add aliases or
    merge records), so both always suggest the same things. ``body_reading``
    is what the parsing process read of the body already
    (archive.linking.runs.read_body), when it did.
    """
    people: dict[tuple[int, str], dict] = {}
    places: dict[tuple[int, str], dict] = {}
    if telegram.sender_id:
        people[(telegram.sender_id, "sender")] = {"surface": sender_name}
    if telegram.recipient_id:
        people[(telegram.recipient_id, "recipient")] = {"surface": recipient_name}
    # A heading that names only an office, in a dated document: the holder of
    # that office on that day is suggested (never set as the sender itself).
    for role_name, printed, side in (
        ("sender", sender_name, telegram.sender_role),
        ("recipient", recipient_name, telegram.recipient_role),
    ):
        if printed or not side or telegram.date_earliest is None:
            continue
        if getattr(telegram, f"{role_name}_id"):
            continue
        holders = registry.holders(side, telegram.date_earliest)
        if len(holders) == 1:
            people[(holders.pop(), role_name)] = {
                "surface": side,
                "notes": "Suggested from the office printed in the heading and the date.",
            }
    if telegram.signature:
        # The sender signs his own telegram: "Grew", "J[oseph] C. G[rew]" or
        # "C. E. Gauss" under a heading that named him, or the office he held.
        signer = (
            telegram.sender
            if telegram.sender_id
            and (
                clean_name(telegram.signature) == sender_name
                or name_fits(telegram.signature, telegram.sender)
            )
            else None
        )
        if signer is None:
            signer, problem = registry.person(
                telegram.signature, "Signed a document (from a signature)."
            )
            if problem:
                warnings.append(problem)
        if signer is not None:
            people[(signer.pk, "signatory")] = {"surface": telegram.signature}
    if telegram.origin_id:
        places[(telegram.origin_id, "origin")] = {"surface": telegram.origin.name}
    destination = post_of(telegram.recipient_role)
    if destination and not is_department_office(telegram.recipient_role):
        place, problem = registry.place(destination)
        if problem:
            warnings.append(problem)
        if place is not None:
            places[(place.pk, "destination")] = {"surface": destination}
    # Only the document's own words: a footnote is the editors' apparatus, not the
    # document, so a person named only there is not "named in" it (an identifying
    # footnote links its person to the footnote instead, linking/footnotes.py).
    reading, _ = reading_text(telegram.body)
    printed = body_reading.printed_people if body_reading else None
    suggested = suggest_people(registry, reading, _where(telegram), printed)
    words = body_reading.words if body_reading else None
    found = merge_found(registry.index.find(telegram.body, words), suggested)
    for item in found:
        target = people if item.kind == PERSON else places
        target[(item.entity_id, "mentioned")] = {
            "surface": item.surface,
            "occurrences": item.occurrences,
            "uncertain": item.uncertain,
        }
    # Surnames of people named in full or identified in a footnote ("Dr. Wang"
    # after "Dr. Wang Shih-chieh"), and surnames only one person bears.
    runs = body_reading.surname_runs if body_reading else None
    for pk, hit in surname_mentions(registry, reading, found, footnote_people or {}, runs).items():
        wanted = people.get((pk, "mentioned"))
        if wanted is not None:
            wanted["occurrences"] += hit.occurrences
            continue
        people[(pk, "mentioned")] = {
            "surface": hit.surface,
            "occurrences": hit.occurrences,
            "uncertain": False,
            "notes": hit.notes,
        }
    return people, places


def _where(telegram: Telegram) -> str:
    """The document as a suggested person's description names it."""
    label = telegram.file_number or telegram.identifier
    return f"the body of {label}: {telegram.heading}"[:600]


def relink(telegrams, user) -> int:
    """Suggest mentions again for these documents; confirmed and rejected ones stay.

    Returns the number of documents whose suggestions changed.
    """
    from ..text.heading import parse_heading

    registry = EntityRegistry(user)
    changed = 0
    ids = []
    queryset = telegrams.select_related("sender", "recipient", "origin").prefetch_related(
        "footnotes"
    )
    for telegram in queryset.iterator(chunk_size=500):
        heading = parse_heading(telegram.heading)
        with transaction.atomic():
            people, places = suggest_mentions(
                registry,
                telegram,
                sender_name=heading.sender.name,
                recipient_name=heading.recipient.name,
                warnings=[],  # re-linking reports nothing per document
                footnote_people=footnote_forms(telegram.body, telegram.footnotes.all()),
            )
            a = sync_mentions(telegram, PersonMention, "person_id", people, user)
            b = sync_mentions(telegram, PlaceMention, "place_id", places, user)
        if a or b:
            changed += 1
            ids.append(telegram.pk)
    update_search_vectors(ids)
    tallies.refresh_for(Telegram.objects.filter(pk__in=ids))
    return changed


def sync_mentions(telegram: Telegram, model, key: str, wanted: dict, user) -> bool:
    """Make the machine's suggestions match ``wanted``; editors' decisions stay as they are.

    Returns whether anything changed.
    """
    existing = {(getattr(m, key), m.role): m for m in model.objects.filter(telegram=telegram)}
    create, update = [], []
    for (entity_id, role), values in wanted.items():
        mention = existing.pop((entity_id, role), None)
        if mention is None:
            create.append(model(telegram=telegram, role=role, **{key: entity_id}, **values))
        elif mention.status == MentionStatus.SUGGESTED:
            changed = False
            for name, value in values.items():
                if getattr(mention, name) != value:
                    setattr(mention, name, value)
                    changed = True
            if changed:
                update.append(mention)
    bulk_create_with_history(create, model, default_user=user, default_change_reason="link")
    if update:
        for mention in update:
            mention.version += 1
        bulk_update_with_history(
            update,
            model,
            ["surface", "occurrences", "uncertain", "version"],
            default_user=user,
            default_change_reason="link",
        )
    stale = [m for m in existing.values() if m.status == MentionStatus.SUGGESTED]
    for mention in stale:
        mention._history_user = user
        mention.delete()
    return bool(create or update or stale)


def footnote_forms(body: str, footnotes) -> dict[int, list[str]]:
    """People that stored footnotes identify, with the words their markers are glued to."""
    forms: dict[int, list[str]] = {}
    for note in footnotes:
        if note.person_id:
            printed = printed_before(body, note.marker)
            forms.setdefault(note.person_id, []).extend([printed] if printed else [])
    return forms


def post_of(role: str) -> str:
    """The post a role names: ``Chargé in the Soviet Union`` → ``Soviet Union``.

    An office of the Department (``Secretary of State``) is in Washington.
    """
    if not role:
        return ""
    if is_department_office(role) and not re.search(r"\b(?:in|at)\s+[A-Z]", role):
        return "Washington"
    match = POST.search(role)
    return match["post"].strip() if match else ""
