"""Undoing a merge from its :class:`~archive.models.Merge` record.

The merge stored the absorbed record as it was, the rows it moved, the rows
it folded into the kept record's and the kept record's fields before and
after. Undo puts the absorbed record back under its old id and authority
key, moves back the rows that still point at the kept record, makes the
folded rows again, and gives the kept record back the aliases, identifiers
and description it had, except where an editor has changed them since: the
editor's value stays and the undo says so. Every row touched gets a history
row naming the editor. An undo that cannot be done safely is refused.
"""

from __future__ import annotations

from django.apps import apps
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import search, tallies
from .merging import document_ids, row_data, save_with_history
from .models import Merge, Person, Place

MODELS = {"person": Person, "place": Place}


class UndoRefused(ValueError):
    """The merge cannot be undone safely as things stand."""


def refusal(merge: Merge) -> str:
    """Why ``merge`` cannot be undone now; empty when it can."""
    model = MODELS[merge.kind]
    if merge.undone_at:
        return "This merge was already undone."
    if not merge.record.get("absorbed"):
        return "This merge was made before merges could be undone; nothing was kept to undo it."
    if model.objects.filter(pk=merge.absorbed_id).exists():
        return f"A {merge.kind} with id {merge.absorbed_id} exists again; nothing to restore."
    if not model.objects.filter(pk=merge.kept_id).exists():
        later = Merge.objects.filter(
            kind=merge.kind, absorbed_id=merge.kept_id, undone_at__isnull=True
        ).first()
        if later is not None:
            return (
                f"The kept record was itself merged later (merge #{later.pk}, into "
                f"{merge.kind} {later.kept_id}); undo that merge first."
            )
        return "The kept record has been deleted since; the links cannot be moved back."
    key = merge.record["absorbed"].get("authority_key")
    if key and model.objects.filter(authority_key=key).exists():
        return f"Another record now has the authority key {key}."
    return ""


def undo(merge: Merge, *, user) -> list[str]:
    """Undo ``merge``; return notes on what could not be given back as it was."""
    model = MODELS[merge.kind]
    with transaction.atomic():
        merge = Merge.objects.select_for_update().get(pk=merge.pk)
        problem = refusal(merge)
        if problem:
            raise UndoRefused(problem)
        keep = model.objects.select_for_update().get(pk=merge.kept_id)
        reason = f"undo of merge #{merge.pk} ({merge.absorbed_name} into {keep.name})"
        notes: list[str] = []
        restored = _restore(model, merge.record["absorbed"], notes, user, reason)
        documents = _move_back(merge.record["moved"], keep, restored, notes, user, reason)
        documents |= _unfold(merge.record["folded"], notes, user, reason)
        _restore_kept(keep, merge.record["kept"], notes)
        save_with_history(keep, user, reason)
        merge.undone_at = timezone.now()
        merge.undone_by = user
        merge.undo_note = "\n".join(notes)
        merge.save(update_fields=["undone_at", "undone_by", "undo_note"])
        search.update_search_vectors(documents)
        ids = [keep.pk, restored.pk]
        tallies.refresh(*((ids, None) if model is Person else (None, ids)))
    return notes


def _instance(model, data: dict):
    """A model instance from :func:`archive.merging.row_data` values."""
    names = {f.attname for f in model._meta.concrete_fields}
    return model(**{k: _value(model, k, v) for k, v in data.items() if k in names})


def _missing_targets(instance, skip: str = "") -> list[str]:
    """Foreign keys of ``instance`` that point at rows which no longer exist."""
    missing = []
    for f in instance._meta.concrete_fields:
        if not f.is_relation or f.name == skip:
            continue
        value = getattr(instance, f.attname)
        if value is not None and not f.related_model._default_manager.filter(pk=value).exists():
            missing.append(f.name)
    return missing


def _restore(model, data: dict, notes: list[str], user, reason: str):
    record = _instance(model, data)
    for name in _missing_targets(record):
        setattr(record, model._meta.get_field(name).attname, None)
        notes.append(
            f"Its {model._meta.get_field(name).verbose_name} no longer exists: left empty."
        )
    record.version += 1
    record._history_user = user
    record._change_reason = reason[:100]
    record.save(force_insert=True)
    model.objects.filter(pk=record.pk).update(created_at=_instance(model, data).created_at)
    return record


def _move_back(moved: list, keep, restored, notes: list[str], user, reason: str) -> set[int]:
    documents: set[int] = set()
    gone = 0
    for label, pk, name in moved:
        model = apps.get_model(label)
        attname = model._meta.get_field(name).attname
        row = model._default_manager.select_for_update().filter(pk=pk).first()
        if row is None or getattr(row, attname) != keep.pk:
            gone += 1
            continue
        setattr(row, attname, restored.pk)
        save_with_history(row, user, reason)
        documents |= document_ids(row)
    if gone:
        notes.append(
            f"{gone} link(s) were changed or deleted by editors after the merge and stay as "
            "they are now."
        )
    return documents


def _unfold(folded: list, notes: list[str], user, reason: str) -> set[int]:
    documents: set[int] = set()
    for entry in folded:
        model = apps.get_model(entry["model"])
        twin = model._default_manager.select_for_update().filter(pk=entry["twin"]).first()
        if twin is not None:
            current = row_data(twin)
            edited = [k for k, v in entry["after"].items() if current.get(k) != v]
            for attname, raw in entry["before"].items():
                if attname not in edited:
                    setattr(twin, attname, _value(model, attname, raw))
            if edited:
                notes.append(f"{twin}: kept the editor's {', '.join(edited)} (changed since).")
            save_with_history(twin, user, reason)
            documents |= document_ids(twin)
        row = _instance(model, entry["data"])
        missing = _missing_targets(row)
        if missing:
            notes.append(f"{row} was not made again: its {', '.join(missing)} no longer exist.")
            continue
        row._history_user = user
        row._change_reason = reason[:100]
        try:
            with transaction.atomic():
                row.save(force_insert=True)
        except IntegrityError:
            notes.append(f"{row} was not made again: an equal row exists.")
            continue
        documents |= document_ids(row)
    return documents


def _value(model, attname: str, raw):
    """A stored JSON value back as the field's Python value."""
    f = next(f for f in model._meta.concrete_fields if f.attname == attname)
    return raw if f.get_internal_type() == "JSONField" else f.to_python(raw)


def _restore_kept(keep, kept: dict, notes: list[str]) -> None:
    """The kept record's fields as before the merge, unless an editor changed them since."""
    before, after = kept.get("before", {}), kept.get("after", {})
    restored = []
    for name, value in before.items():
        current = getattr(keep, name)
        label = keep._meta.get_field(name).verbose_name
        if name == "aliases":
            added = [a for a in after[name] if a not in value]
            keep.aliases = [a for a in current if a not in added]
            if keep.aliases == value:
                restored.append(name)
            else:
                notes.append("Aliases: the names the merge added were removed; the editor's kept.")
        elif current == after[name]:
            setattr(keep, name, value)
            restored.append(name)
        else:
            notes.append(f"The kept record's {label} was changed since the merge and stays.")
    unprotect = set(kept.get("protected_added", [])) & set(restored)
    keep.protected_fields = [n for n in keep.protected_fields if n not in unprotect]
