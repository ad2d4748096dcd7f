"""Merging duplicate people or places into one record.

Every relation Django knows of (``model._meta.related_objects``: foreign
keys, one-to-ones and many-to-manys from every model) moves to the kept
record, row by row, each saved with a history row naming the editor and,
where the model has one, a raised version, so that an editor who has the
row open is told. A row that would then repeat another (both records named
in one document with the same role; the same office held twice) is folded
into the kept row. All of it happens in one transaction. :data:`RELATIONS`
says how each relation is handled; a relation it does not list stops the
merge (and fails tests/test_merging.py) instead of being lost.

Names of the absorbed records become aliases, identifiers are combined, and
two different identifiers for the same authority (two Wikidata ids) stop
the merge. The fields the merge changes on the kept record are protected
from the authority lists, the absorbed record's key resolves to the kept
record, and the :class:`~archive.models.Merge` row stores what is needed to
undo it (:mod:`archive.unmerging`).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction

from . import search, tallies
from .models import Merge, Person, Place

IDENTIFIERS = {
    Person: ["wikidata_id", "viaf_id", "hsg_id"],
    Place: ["wikidata_id", "geonames_id"],
}
AUTHORITY_LISTS = {Person: "persons.csv", Place: "places.csv"}


class MergeConflict(ValueError):
    """The records cannot be merged as they stand."""


def _fold_mention(kept, folded) -> None:
    """Both records named in one document with one role: one mention, counts added.

    An editor's decision (confirmed or rejected) wins over a suggestion.
    """
    kept.occurrences += folded.occurrences
    if kept.status == "suggested" and folded.status != "suggested":
        kept.status = folded.status
    kept.uncertain = kept.uncertain and folded.uncertain
    kept.notes = "\n".join(filter(None, [kept.notes, folded.notes]))


def _fold_office(kept, folded) -> None:
    """The same office from the same day twice: the kept row fills its gaps."""
    for name in ("post", "end", "source"):
        if getattr(kept, name) in (None, "") and getattr(folded, name) not in (None, ""):
            setattr(kept, name, getattr(folded, name))


class Relation(NamedTuple):
    """How a merge handles one relation: its label on the merge page and its fold."""

    label: str
    fold: Callable | None = None


# Every relation pointing at a person or place, keyed "app.Model.field".
RELATIONS: dict[type[models.Model], dict[str, Relation]] = {
    Person: {
        "archive.Telegram.sender": Relation("documents sent"),
        "archive.Telegram.recipient": Relation("documents received"),
        "archive.PersonMention.person": Relation("mentions", _fold_mention),
        "archive.Footnote.person": Relation("footnotes"),
        "archive.Annotation.person": Relation("annotations"),
        "archive.OfficeHolding.person": Relation("offices", _fold_office),
    },
    Place: {
        "archive.Telegram.origin": Relation("documents sent from"),
        "archive.PlaceMention.place": Relation("mentions", _fold_mention),
        "archive.Footnote.place": Relation("footnotes"),
        "archive.Annotation.place": Relation("annotations"),
        "archive.OfficeHolding.post": Relation("offices held there"),
        "archive.CountryCode.place": Relation("file country codes"),
        "archive.Place.parent": Relation("places within"),
    },
}


def relation_key(rel) -> str:
    return f"{rel.related_model._meta.label}.{rel.field.name}"


def relations(model) -> list:
    """Every relation from any model to ``model``, as Django knows them."""
    return list(model._meta.related_objects)


def unhandled(model) -> list[str]:
    """Relations to ``model`` that :data:`RELATIONS` does not say how to merge."""
    known = RELATIONS.get(model, {})
    missing = [relation_key(rel) for rel in relations(model) if relation_key(rel) not in known]
    missing += [f"{model._meta.label}.{f.name}" for f in model._meta.many_to_many]
    return missing


def link_counts(record) -> dict[str, int]:
    """How many rows of each relation point at ``record`` (for the merge page)."""
    model = type(record)
    counts = {}
    for rel in relations(model):
        spec = RELATIONS[model].get(relation_key(rel))
        if spec is not None:
            counts[spec.label] = _rows(rel, record).count()
    return counts


def listed_keys(model) -> set[str]:
    """Authority keys in the project's authority list for ``model`` (seeds/authorities)."""
    path = settings.ARCHIVE_SEEDS_DIR / "authorities" / AUTHORITY_LISTS[model]
    if not path.exists():
        return set()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {row.get("authority_key", "") for row in csv.DictReader(handle)} - {""}


def preferred(records: list, counts: dict[int, dict[str, int]]):
    """The record the merge page offers to keep.

    The one from the authority list when exactly one is listed (its row in
    the list then keeps updating it, and its key stays the live one);
    otherwise the one with the most links, the oldest on a tie.
    """
    if not records:
        return None
    listed = listed_keys(type(records[0]))
    in_list = [r for r in records if r.authority_key in listed]
    if len(in_list) == 1:
        return in_list[0]
    pool = in_list or records
    return max(pool, key=lambda r: (sum(counts[r.pk].values()), -r.pk))


def check(keep, absorbed) -> None:
    """Raise :class:`MergeConflict` when the records cannot be merged as they stand."""
    model = type(keep)
    if any(record.pk == keep.pk for record in absorbed):
        raise MergeConflict("The record to keep cannot also be merged into itself.")
    missing = unhandled(model)
    if missing:
        raise MergeConflict(
            "The merge does not know how to move these links yet: " + ", ".join(missing)
        )
    if model is Place and keep.parent_id in {r.pk for r in absorbed}:
        raise MergeConflict(
            f"{keep.name} lies within a place being merged into it; change its larger place first."
        )
    for name in IDENTIFIERS[model]:
        values = {getattr(r, name) for r in [keep, *absorbed] if getattr(r, name)}
        if len(values) > 1:
            label = model._meta.get_field(name).verbose_name
            raise MergeConflict(
                f"These records have different {label}s ({', '.join(sorted(values))}); "
                "correct the wrong one before merging."
            )


def row_data(row) -> dict:
    """A row's stored values (``attname`` → JSON value), enough to make it again."""
    values = {f.attname: f.value_from_object(row) for f in row._meta.concrete_fields}
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def save_with_history(row, user, reason: str) -> None:
    """Save one row as an editor's change: a history row, and a new version if it has one."""
    if hasattr(row, "version"):
        row.version += 1
    row._history_user = user
    row._change_reason = reason[:100]
    row.save()


def delete_with_history(row, user, reason: str) -> None:
    row._history_user = user
    row._change_reason = reason[:100]
    row.delete()


def document_ids(row) -> set[int]:
    """The documents whose search text or counts a change of ``row`` affects."""
    if row._meta.label == "archive.Telegram":
        return {row.pk}
    telegram = getattr(row, "telegram_id", None)
    return {telegram} if telegram else set()


def _rows(rel, record) -> models.QuerySet:
    return rel.related_model._default_manager.filter(**{rel.field.name: record})


def _twin(row, rel, keep):
    """The row ``row`` would repeat under a unique constraint once it points at ``keep``."""
    model, name = rel.related_model, rel.field.name
    groups = [tuple(c.fields) for c in model._meta.constraints if _plain_unique(c)]
    groups += [tuple(g) for g in model._meta.unique_together]
    if rel.field.unique:
        groups.append((name,))
    for group in groups:
        if name not in group:
            continue
        lookup = {f: getattr(row, model._meta.get_field(f).attname) for f in group if f != name}
        if any(value is None for value in lookup.values()):
            continue  # NULLs never collide in a unique constraint
        twin = model._default_manager.filter(**lookup, **{name: keep}).exclude(pk=row.pk)
        twin = twin.select_for_update().first()
        if twin is not None:
            return twin
    return None


def _plain_unique(constraint) -> bool:
    return isinstance(constraint, models.UniqueConstraint) and bool(constraint.fields)


@dataclass
class _Moves:
    """What one absorbed record's merge did to other rows, for the Merge record."""

    moved: list[list] = field(default_factory=list)
    folded: list[dict] = field(default_factory=list)
    documents: set[int] = field(default_factory=set)


def _move_links(record, keep, user, reason: str) -> _Moves:
    model = type(record)
    done = _Moves()
    for rel in relations(model):
        spec = RELATIONS[model][relation_key(rel)]
        label, name = rel.related_model._meta.label, rel.field.name
        for row in _rows(rel, record).select_for_update().order_by("pk"):
            done.documents |= document_ids(row)
            twin = _twin(row, rel, keep)
            if twin is None:
                setattr(row, name, keep)
                save_with_history(row, user, reason)
                done.moved.append([label, row.pk, name])
                continue
            if spec.fold is None:
                raise MergeConflict(f"{row} cannot be moved: the kept record already has one.")
            data, before = row_data(row), row_data(twin)
            spec.fold(twin, row)
            after = row_data(twin)
            changed = [k for k in after if after[k] != before[k] and k != "version"]
            save_with_history(twin, user, reason)
            delete_with_history(row, user, reason)
            done.folded.append(
                {
                    "model": label,
                    "field": name,
                    "data": data,
                    "twin": twin.pk,
                    "before": {k: before[k] for k in changed},
                    "after": {k: after[k] for k in changed},
                }
            )
    left = [relation_key(rel) for rel in relations(model) if _rows(rel, record).exists()]
    if left:  # never let a CASCADE or SET_NULL touch a linked row
        raise MergeConflict("Links could not be moved: " + ", ".join(left))
    return done


def _absorb_fields(keep, record) -> dict:
    """Names, identifiers and description of ``record`` onto ``keep``; return the change."""
    names = ["aliases", *IDENTIFIERS[type(keep)], "description"]
    before = {n: getattr(keep, n) for n in names}
    keep.aliases = [
        n
        for n in dict.fromkeys([*keep.aliases, record.name, *record.aliases])
        if n and n != keep.name
    ]
    for name in IDENTIFIERS[type(keep)]:
        if not getattr(keep, name) and getattr(record, name):
            setattr(keep, name, getattr(record, name))
    if record.description and record.description not in keep.description:
        keep.description = "\n".join(filter(None, [keep.description, record.description]))
    changed = [n for n in names if getattr(keep, n) != before[n]]
    return {
        "before": {n: before[n] for n in changed},
        "after": {n: getattr(keep, n) for n in changed},
        "protected_added": keep.protect(changed),
    }


def merge(keep, absorbed: list, *, user, reason: str):
    """Merge ``absorbed`` into ``keep``; return the kept record."""
    reason = reason.replace("\r\n", "\n").replace("\r", "\n").strip()  # a browser's textarea
    if not reason:
        raise MergeConflict(
            "Say why these records are the same: the reason is kept in the history."
        )
    model = type(keep)
    check(keep, absorbed)
    kind = "person" if model is Person else "place"
    with transaction.atomic():
        keep = model.objects.select_for_update().get(pk=keep.pk)
        records = list(
            model.objects.select_for_update()
            .filter(pk__in=[r.pk for r in absorbed])
            .order_by("pk")
        )
        check(keep, records)
        documents: set[int] = set()
        for record in records:
            snapshot = row_data(record)
            note = f"merge of {record.name} into {keep.name}: {reason}"
            moves = _move_links(record, keep, user, note)
            documents |= moves.documents
            kept = _absorb_fields(keep, record)
            Merge.objects.create(
                kind=kind,
                absorbed_id=record.pk,
                absorbed_name=record.name,
                absorbed_key=record.authority_key or "",
                kept_id=keep.pk,
                reason=reason,
                user=user,
                record={
                    "absorbed": snapshot,
                    "kept": kept,
                    "moved": moves.moved,
                    "folded": moves.folded,
                },
            )
            delete_with_history(record, user, f"merged into {keep.name} (#{keep.pk}): {reason}")
        keep.version += 1  # the row is locked: no other save can slip in
        keep._history_user = user
        keep._change_reason = ("merged " + ", ".join(r.name for r in records) + f": {reason}")[
            :100
        ]
        keep.save()
        keep.refresh_from_db()
        search.update_search_vectors(documents)
        tallies.refresh(*(([keep.pk], None) if model is Person else (None, [keep.pk])))
    return keep
