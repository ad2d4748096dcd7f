"""The list of names the linker could not match, for editors to turn into records."""

from __future__ import annotations

from collections.abc import Iterable

from ..models import Telegram, UnmatchedName
from .names import NameIndex, unmatched_names

EXAMPLES = 3


def ignored_names() -> set[str]:
    return set(UnmatchedName.objects.filter(ignored=True).values_list("name", flat=True))


def tally(
    documents: Iterable[tuple[str, str]],
    index: NameIndex,
    ignored: set[str] | None = None,
    known=None,
) -> dict[str, dict]:
    """Count unmatched names over ``(identifier, text)`` pairs (``known``: see unmatched_names)."""
    if ignored is None:
        ignored = ignored_names()
    totals: dict[str, dict] = {}
    for identifier, text in documents:
        count(totals, identifier, unmatched_names(text, index, ignored, known=known))
    return totals


def count(totals: dict[str, dict], identifier: str, names: dict) -> None:
    """Add one document's unmatched names (from ``unmatched_names``) to ``totals``."""
    for name, (occurrences, context) in names.items():
        entry = totals.setdefault(name, {"occurrences": 0, "documents": 0, "examples": []})
        entry["occurrences"] += occurrences
        entry["documents"] += 1
        if len(entry["examples"]) < EXAMPLES:
            entry["examples"].append({"identifier": identifier, "context": context})


def merge(into: dict[str, dict], totals: dict[str, dict]) -> None:
    """Add counts made by :func:`tally` or :func:`count` to ``into``."""
    for name, entry in totals.items():
        total = into.setdefault(name, {"occurrences": 0, "documents": 0, "examples": []})
        total["occurrences"] += entry["occurrences"]
        total["documents"] += entry["documents"]
        total["examples"] = (total["examples"] + entry["examples"])[:EXAMPLES]


def add(totals: dict[str, dict]) -> None:
    """Add counts from newly imported documents to the list."""
    if not totals:
        return
    existing = {u.name: u for u in UnmatchedName.objects.filter(name__in=list(totals))}
    changed, new = [], []
    for name, entry in totals.items():
        row = existing.get(name)
        if row is None:
            new.append(UnmatchedName(name=name[:200], **entry))
            continue
        if row.ignored:
            continue
        row.occurrences += entry["occurrences"]
        row.documents += entry["documents"]
        row.examples = (row.examples + entry["examples"])[:EXAMPLES]
        changed.append(row)
    UnmatchedName.objects.bulk_create(new, ignore_conflicts=True)
    UnmatchedName.objects.bulk_update(changed, ["occurrences", "documents", "examples"])


def rebuild(registry) -> int:
    """Count again over the whole archive with ``registry``'s index; ignored names stay ignored.

    A surname some person record bears is not listed, as at import
    (``EntityRegistry.with_surname``), so both give the same list.
    """
    documents = (
        (t.identifier, t.body)
        for t in Telegram.objects.only("identifier", "body").iterator(chunk_size=1000)
    )
    totals = tally(documents, registry.index, known=registry.with_surname)
    UnmatchedName.objects.filter(ignored=False).delete()
    add(totals)
    return len(totals)


def documents_naming(name: str):
    """Documents whose text contains ``name`` (to re-link after an editor acts)."""
    from .. import search

    if search.is_postgres():
        from django.contrib.postgres.search import SearchQuery

        return Telegram.objects.filter(
            search_vector=SearchQuery(name, search_type="phrase", config=search.CONFIG),
            body__contains=name,
        )
    return Telegram.objects.filter(body__contains=name)
