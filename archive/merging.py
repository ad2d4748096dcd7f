"""Merging duplicate people or places into one record.

Every link moves to the kept record in one transaction: sender, recipient,
origin, mentions, footnotes, annotations, child places. Names of the
absorbed records become aliases, identifiers are combined, and two
different identifiers for the same authority (two Wikidata ids) stop the
merge, since one of them must be wrong. The absorbed ids keep resolving
through :class:`~archive.models.Merge`, and the history records who merged
what, when and why.
"""

from __future__ import annotations

from django.db import transaction

from . import search, tallies
from .models import (
    Annotation,
    Footnote,
    Merge,
    Person,
    PersonMention,
    Place,
    PlaceMention,
    Telegram,
)

IDENTIFIERS = {
    Person: ["wikidata_id", "viaf_id", "hsg_id"],
    Place: ["wikidata_id", "geonames_id"],
}


class MergeConflict(ValueError):
    """The records cannot be merged as they stand."""


def _links(model):
    if model is Person:
        return (
            [
                (Telegram, "sender"),
                (Telegram, "recipient"),
                (Footnote, "person"),
                (Annotation, "person"),
            ],
            PersonMention,
            "person",
        )
    return (
        [
            (Telegram, "origin"),
            (Footnote, "place"),
            (Annotation, "place"),
            (Place, "parent"),
        ],
        PlaceMention,
        "place",
    )


def check(keep, absorbed) -> None:
    """Raise :class:`MergeConflict` when identifiers disagree."""
    model = type(keep)
    if any(record.pk == keep.pk for record in absorbed):
        raise MergeConflict("The record to keep cannot also be merged into itself.")
    for field in IDENTIFIERS[model]:
        values = {getattr(r, field) for r in [keep, *absorbed] if getattr(r, field)}
        if len(values) > 1:
            label = model._meta.get_field(field).verbose_name
            raise MergeConflict(
                f"These records have different {label}s ({', '.join(sorted(values))}); "
                "correct the wrong one before merging."
            )


def merge(keep, absorbed: list, *, user, reason: str):
    """Merge ``absorbed`` into ``keep``; return the kept record."""
    if not reason.strip():
        raise MergeConflict(
            "Say why these records are the same: the reason is kept in the history."
        )
    model = type(keep)
    check(keep, absorbed)
    kind = "person" if model is Person else "place"
    links, mention_model, key = _links(model)
    with transaction.atomic():
        keep = model.objects.select_for_update().get(pk=keep.pk)
        touched: set[int] = set()
        for record in absorbed:
            touched |= set(
                mention_model.objects.filter(**{key: record}).values_list("telegram_id", flat=True)
            )
            for link_model, field in links:
                rows = link_model.objects.filter(**{field: record})
                if link_model is Telegram:
                    touched |= set(rows.values_list("pk", flat=True))
                rows.update(**{field: keep})
            _move_mentions(mention_model, key, record, keep)
            names = [record.name, *record.aliases]
            keep.aliases = [
                n for n in dict.fromkeys([*keep.aliases, *names]) if n and n != keep.name
            ]
            for field in IDENTIFIERS[model]:
                if not getattr(keep, field) and getattr(record, field):
                    setattr(keep, field, getattr(record, field))
            if record.description and record.description not in keep.description:
                keep.description = "\n".join(filter(None, [keep.description, record.description]))
            Merge.objects.create(
                kind=kind,
                absorbed_id=record.pk,
                absorbed_name=record.name,
                kept_id=keep.pk,
                reason=reason,
                user=user,
            )
            Merge.objects.filter(kind=kind, kept_id=record.pk).update(kept_id=keep.pk)
            record._history_user = user
            record._change_reason = f"merged into {keep.name} (#{keep.pk}): {reason}"
            record.delete()
        keep.version += 1  # the row is locked: no other save can slip in
        keep._history_user = user
        keep._change_reason = "merged " + ", ".join(r.name for r in absorbed) + f": {reason}"
        keep.save()
        keep.refresh_from_db()
        search.update_search_vectors(touched)
        tallies.refresh(*(([keep.pk], None) if model is Person else (None, [keep.pk])))
    return keep


def _move_mentions(mention_model, key: str, record, keep) -> None:
    """Move mentions, folding two of the same role in one document into one.

    When both records were named in a document, the kept mention stays; an
    editor's decision (confirmed or rejected) wins over a suggestion.
    """
    for mention in mention_model.objects.filter(**{key: record}):
        twin = mention_model.objects.filter(
            telegram_id=mention.telegram_id, role=mention.role, **{key: keep}
        ).first()
        if twin is None:
            setattr(mention, key, keep)
            mention.save()
            continue
        twin.occurrences += mention.occurrences
        if twin.status == "suggested" and mention.status != "suggested":
            twin.status = mention.status
        twin.uncertain = twin.uncertain and mention.uncertain
        twin.notes = "\n".join(filter(None, [twin.notes, mention.notes]))
        twin.save()
        mention.delete()
