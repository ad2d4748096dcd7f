"""Precision and recall of references to other documents, on the labelled corpus.

Run it with ``.venv/bin/python bench/reference_eval.py``. It imports the
44 corpus documents into a fresh SQLite database of its own
(``bench/reference_eval.sqlite3``, dropped first) and compares:

- **found**: the references the importer read in the bodies against the
  hand labels of ``tests/fixtures/corpus/labels.json`` (a found phrase and a
  label match when one contains the other in the same document, each used
  once: the labels start at the possessor and end at the last date element,
  and a reading that drops or adds a word around them is still the same
  reference);
- **resolved**: the references linked to a document against the targets in
  ``truth.json`` (``reference_targets``: every reference to another file of
  the corpus). A link that truth does not list is a wrong link.

It prints the figures and the misses; nothing is asserted (the tests do
that on small builders).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
DATABASE = ROOT / "bench" / "reference_eval.sqlite3"


def _norm(text: str) -> str:
    return " ".join(text.replace("'", "’").split())


def same_reference(found: str, label: str) -> bool:
    """A found phrase names the labelled reference when one contains the other."""
    found, label = _norm(found), _norm(label)
    return found in label or label in found


def pair(found: list[str], labels: list[str]) -> tuple[list[tuple[str, str]], list, list]:
    """One-to-one pairs of found phrases and labels; then the unpaired of each side."""
    left = list(labels)
    pairs, extra = [], []
    for phrase in found:
        match = next((label for label in left if same_reference(phrase, label)), None)
        if match is None:
            extra.append(phrase)
        else:
            left.remove(match)
            pairs.append((phrase, match))
    return pairs, extra, left


def ratio(good: int, total: int) -> float:
    return good / total if total else 1.0


def evaluate(found: dict[str, list[str]], links: dict[str, dict[str, str]]) -> dict:
    """Figures for references found (``found``: phrases per file) and resolved
    (``links``: per file, phrase → target file)."""
    labels = json.loads((CORPUS / "labels.json").read_text(encoding="utf-8"))
    truth = json.loads((CORPUS / "truth.json").read_text(encoding="utf-8"))
    paired = missed = extra = 0
    misses, wrong = [], []
    for entry in labels:
        wanted = [r["text"] for r in entry["references"]]
        pairs, more, left = pair(found.get(entry["file"], []), wanted)
        paired += len(pairs)
        extra += len(more)
        missed += len(left)
        misses += [(entry["file"], text) for text in left]
        wrong += [(entry["file"], text) for text in more]
    right_links = 0
    bad_links, unlinked = [], []
    targets = 0
    for entry in truth:
        expected = {t["phrase"]: t["target"] for t in entry["reference_targets"]}
        targets += len(expected)
        made = links.get(entry["file"], {})
        for phrase, target in made.items():
            label = next((p for p in expected if same_reference(phrase, p)), None)
            if label is not None and expected[label] == target:
                right_links += 1
                del expected[label]
            else:
                bad_links.append((entry["file"], phrase, target))
        unlinked += [(entry["file"], phrase) for phrase in expected]
    made_links = sum(len(v) for v in links.values())
    return {
        "found": {
            "precision": ratio(paired, paired + extra),
            "recall": ratio(paired, paired + missed),
            "labels": paired + missed,
            "missed": misses,
            "not_labelled": wrong,
        },
        "resolved": {
            "precision": ratio(right_links, made_links),
            "recall": ratio(right_links, targets),
            "targets": targets,
            "wrong": bad_links,
            "unlinked": unlinked,
        },
    }


def import_corpus() -> tuple[dict[str, list[str]], dict[str, dict[str, str]]]:
    """Import the corpus into the evaluation database; read back phrases and links."""
    DATABASE.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"
    os.environ.setdefault("DJANGO_SECRET_KEY", "evaluation-only-secret")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from archive.models import TelegramReference

    call_command("migrate", verbosity=0)
    call_command("import_seeds", str(CORPUS / "docs"), verbosity=0)

    def name(path: str) -> str:
        return "docs/" + Path(path).name

    found: dict[str, list[str]] = {}
    links: dict[str, dict[str, str]] = {}
    rows = TelegramReference.objects.select_related("source", "target").order_by("source", "id")
    for reference in rows:
        source = name(reference.source.source_file)
        found.setdefault(source, []).append(reference.quote)
        if reference.target is not None:
            links.setdefault(source, {})[reference.quote] = name(reference.target.source_file)
    return found, links


def main() -> None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    figures = evaluate(*import_corpus())
    DATABASE.unlink(missing_ok=True)
    for part in ("found", "resolved"):
        values = figures[part]
        print(f"references {part}: precision {values['precision']:.2f}, "
              f"recall {values['recall']:.2f}")  # fmt: skip
    for title, key, part in (
        ("labelled but not found", "missed", "found"),
        ("found but not labelled", "not_labelled", "found"),
        ("linked wrongly", "wrong", "resolved"),
        ("not linked", "unlinked", "resolved"),
    ):
        for item in figures[part][key]:
            print(f"  {title}: " + " | ".join(item))


if __name__ == "__main__":
    main()
