"""Fuzzy matching for the unmatched-names queue: variants and the likely record.

Printed names vary: "Konoe" and "Konoye", "Cordel Hull" (a misprint) for
Cordell Hull, "Clarence Gauss" for Clarence E. Gauss. rapidfuzz compares a
queued name with the other queued names (to group variants under the
commonest) and with every person's and place's names and aliases (to offer
the record an editor most likely means). Titles and initials are dropped
before comparing: they are not part of the name (archive.text.personal_names).
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

from ..text.personal_names import split_title

# Similarity (0–100) from which two forms are offered as one name. High
# enough that "Hull" and "Hall" (two surnames) stay apart, low enough that one
# dropped or added letter in a long name ("Konoe"/"Konoye") is caught.
THRESHOLD = 85


def comparable(name: str) -> str:
    """The name without title or initials: "Clarence E. Gauss" → "Clarence Gauss"."""
    _, rest = split_title(name)
    words = [w for w in rest.split() if not (len(w.rstrip(".")) == 1 or w.endswith("."))]
    return " ".join(words or rest.split())


def _score(a: str, b: str, **_) -> float:
    """Letters compared, but a name must also keep its length (no prefix matches)."""
    if abs(len(a) - len(b)) > max(2, len(min(a, b, key=len)) // 3):
        return 0.0
    return fuzz.ratio(a, b)


def likely_record(name: str, choices: dict[str, tuple]) -> tuple | None:
    """The record (a value of ``choices``, keyed by comparable name) closest to ``name``."""
    if not choices:
        return None
    found = process.extractOne(
        comparable(name), list(choices), scorer=_score, score_cutoff=THRESHOLD
    )
    return choices[found[0]] if found else None


def variant_heads(names: dict[str, int]) -> dict[str, str]:
    """For each name with a variant, the variant it is grouped under.

    ``names`` maps queued names to their document counts; a group is headed
    by the form with the most documents ("Prince Konoye" and "Konoe" under
    "Konoye"), the others point to it.
    """
    keyed: dict[str, list[str]] = {}
    for name in names:
        keyed.setdefault(comparable(name), []).append(name)
    keys = sorted(keyed, key=lambda k: -max(names[n] for n in keyed[k]))
    heads: dict[str, str] = {}
    head_of_key: dict[str, str] = {}
    for key in keys:
        match = process.extractOne(key, list(head_of_key), scorer=_score, score_cutoff=THRESHOLD)
        if match:
            head = head_of_key[match[0]]
        else:
            head = max(keyed[key], key=lambda n: (names[n], -len(n)))
            head_of_key[key] = head
        for name in keyed[key]:
            if name != head:
                heads[name] = head
    return heads
