"""Measure the archive's linking on the hand-labelled corpus: ``make eval``.

Imports the labelled documents (tests/fixtures/corpus/docs, with the
authority lists and, when the command exists, the shipped office holdings)
into a fresh SQLite database in a temporary folder, reads back what the
import linked — people and places named in the body, footnotes tied to a
person, references to other documents, the unmatched-names queue — and
scores it against labels.json with bench/scoring.py. Prints precision and
recall for each measure with the misses, and rewrites the generated part of
docs/linking.md. The targets (issue 13) are precision ≥ 0.95 and recall ≥
0.90 for every measure; nothing is asserted, the figures are written down.

The heading is outside the labels (LABELS.md: the sender and recipient of a
heading are not annotated), so mentions whose role comes from the heading
(sender, recipient, origin, destination) and footnotes on the heading are
left out on both sides. Headings are measured apart, on headings built from
the real tenures of the shipped POCOM extract (bench/headings.py), resolved
in the same database after the import.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import headings  # noqa: E402
from bench.scoring import Record, Reference, System, Tally, score  # noqa: E402

LABELS = ROOT / "tests/fixtures/corpus/labels.json"
OFFICES = ROOT / "seeds/offices/pocom-1920-1950.jsonl"
DOCS_PAGE = ROOT / "docs/linking.md"
START, END = "<!-- eval:start -->", "<!-- eval:end -->"
PRECISION_TARGET, RECALL_TARGET = 0.95, 0.90


def _setup(database: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SECRET_KEY", "eval-only-not-a-secret")
    os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def _import(docs: Path, authorities: bool = True) -> None:
    from django.core.management import CommandError, call_command, get_commands

    call_command("migrate", verbosity=0)
    if authorities and "import_offices" in get_commands():
        call_command("import_offices", verbosity=0)
    options = {} if authorities else {"no_authorities": True}
    try:
        call_command("import_seeds", str(docs), verbosity=0, **options)
    except (SystemExit, CommandError) as failure:  # a document failed; the rest imported
        print(f"import_seeds: {failure}; scoring what was imported")


def _side(telegram, whose: str) -> str:
    """Which side of the heading a reference's possessor is (LABELS.md, "whose")."""
    if whose in ("my", "our", "sender"):
        return "sender"
    if whose in ("your", "recipient"):
        return "recipient"
    if whose == "department":
        # "Department's" is the sender's own in messages from the Department and
        # the recipient's in messages to the Secretary of State.
        if "Secretary of State" in telegram.sender_role:
            return "sender"
        if "Secretary of State" in telegram.recipient_role:
            return "recipient"
    if whose == "post":
        # "Embassy's", "Legation's": the post's side, the other way round.
        if "Secretary of State" in telegram.recipient_role:
            return "sender"
        if "Secretary of State" in telegram.sender_role:
            return "recipient"
    return "other"


def collect() -> tuple[dict[str, System], list[str]]:
    """What the import found, per labelled file name, and the unmatched queue."""
    from archive.models import (
        Footnote,
        PersonMention,
        PlaceMention,
        Telegram,
        TelegramReference,
        UnmatchedName,
    )

    def record(authority) -> Record:
        return Record(authority.pk, (authority.name, *(authority.aliases or [])))

    systems: dict[str, System] = {}
    by_pk: dict[int, System] = {}
    for telegram in Telegram.objects.only("pk", "source_file"):
        system = System()
        systems[f"docs/{Path(telegram.source_file).name}"] = system
        by_pk[telegram.pk] = system
    people = PersonMention.objects.filter(role__in=["mentioned", "signatory"]).exclude(
        status="rejected"
    )
    seen: set[tuple[int, int]] = set()
    for mention in people.select_related("person"):
        if (mention.telegram_id, mention.person_id) not in seen:
            seen.add((mention.telegram_id, mention.person_id))
            by_pk[mention.telegram_id].people.append(record(mention.person))
    places = PlaceMention.objects.filter(role="mentioned").exclude(status="rejected")
    for mention in places.select_related("place"):
        by_pk[mention.telegram_id].places.append(record(mention.place))
    notes = Footnote.objects.filter(person__isnull=False).exclude(location="heading")
    for note in notes.select_related("person"):
        by_pk[note.telegram_id].footnotes[note.marker] = record(note.person)
    references = TelegramReference.objects.select_related("source", "target")
    for ref in references.exclude(status="rejected"):
        by_pk[ref.source_id].references.append(
            Reference(
                quote=ref.quote,
                serial=ref.serial,
                side=_side(ref.source, ref.whose),
                target_serial=ref.target.serial_number if ref.target_id else None,
            )
        )
    queue = list(UnmatchedName.objects.filter(ignored=False).values_list("name", flat=True))
    return systems, queue


def _figure(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


# Places are measured as issue 13 states them: named places linked or queued
# (recall), and the links made right (precision). A place the authority lists
# lack is queued for editors, never made up, so "places linked" has no recall
# target; its recall is shown for information.
PRECISION_ONLY = {"places linked"}


def _meets(tally: Tally) -> str:
    ok = (tally.precision is None or tally.precision >= PRECISION_TARGET) and (
        tally.recall is None or tally.name in PRECISION_ONLY or tally.recall >= RECALL_TARGET
    )
    return "yes" if ok else "no"


def table(tallies: list[Tally]) -> str:
    """The figures as a Markdown table."""
    lines = [
        "| measure | precision | recall | right / claimed | found / labelled | meets target |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for t in tallies:
        recall_counts = f"{t.truth_hit} / {t.truths}" if t.truths else "–"
        lines.append(
            f"| {t.name} | {_figure(t.precision)} | {_figure(t.recall)} | "
            f"{t.found} / {t.claimed} | {recall_counts} | {_meets(t)} |"
        )
    return "\n".join(lines)


def misses(tallies: list[Tally], limit: int) -> str:
    """The labelled items each measure missed and the claims it got wrong."""
    out = []
    for t in tallies:
        for title, items in (("missed", t.misses), ("wrong", t.wrong)):
            if items:
                shown = items[:limit]
                more = f" (and {len(items) - limit} more)" if len(items) > limit else ""
                out.append(f"- **{t.name}, {title}** ({len(items)}){more}: " + "; ".join(shown))
    return "\n".join(out)


def measure_headings(extract: Path = OFFICES) -> tuple[headings.Built, list[headings.Result]]:
    """Headings built from the extract's tenures, resolved in the eval's database."""
    from archive.pocom import read

    built = headings.build_cases(read(extract))
    return built, headings.resolve_cases(built.cases)


def heading_table(results: list[headings.Result]) -> str:
    """Right, wrong and unresolved headings by kind of case."""
    lines = [
        "| cases | right | wrong | unresolved | precision | recall | meets target |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for t in headings.tally(results):
        lines.append(
            f"| {t.name} ({t.cases}) | {t.right} | {t.wrong} | {t.unresolved} | "
            f"{_figure(t.precision)} | {_figure(t.recall)} | "
            f"{_meets(headings.as_scoring_tally(t))} |"
        )
    return "\n".join(lines)


def heading_misses(built: headings.Built, results: list[headings.Result], limit: int) -> str:
    """Every heading resolved wrongly or not at all, by kind; and what was left out."""
    out = []
    for kind in headings.KINDS:
        missed = [r for r in headings.misses(results) if r.case.kind == kind]
        if missed:
            shown = missed[:limit]
            more = f" (and {len(missed) - limit} more)" if len(missed) > limit else ""
            out.append(f"- **{kind}** ({len(missed)}){more}:")
            out += [f"  - {headings.describe(r)}" for r in shown]
    if built.left_out:
        left = "; ".join(f"{why} ({n})" for why, n in sorted(built.left_out.items()))
        out.append(f"- **holdings left out**: {left}")
    return "\n".join(out)


def write_docs(tallies: list[Tally], count: int, heading_part: str = "") -> None:
    """Rewrite the generated part of docs/linking.md, keeping the hand-written rest."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    generated = (
        f"{START}\n## Latest evaluation\n\n- date: {stamp}\n- documents: {count} "
        "(tests/fixtures/corpus, labels.json)\n- targets: precision ≥ 0.95, recall ≥ 0.90\n\n"
        f"{table(tallies)}\n\n### Misses\n\n{misses(tallies, 25)}\n{heading_part}{END}"
    )
    text = DOCS_PAGE.read_text(encoding="utf-8") if DOCS_PAGE.exists() else f"{START}\n{END}\n"
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    DOCS_PAGE.write_text(head + generated + tail, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--no-docs", action="store_true", help="leave docs/linking.md alone")
    parser.add_argument("--limit", type=int, default=40, help="misses shown per measure")
    parser.add_argument(
        "--no-authorities",
        action="store_true",
        help="import without the authority lists and office holdings: a stand-in for "
        "documents whose people and places nobody has recorded (implies --no-docs)",
    )
    args = parser.parse_args(argv)
    labels = json.loads(args.labels.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as folder:
        _setup(Path(folder) / "eval.sqlite3")
        _import(args.labels.parent / "docs", authorities=not args.no_authorities)
        systems, queue = collect()
        # Without the office holdings there is nothing to resolve a heading by.
        measured = None if args.no_authorities else measure_headings()
    tallies = score(labels, systems, queue)
    heading_part = ""
    if measured:
        built, results = measured
        # The main table: the cases that expect a person, and the gaps.
        tallies += [
            headings.as_scoring_tally(t)
            for t in headings.tally(results)
            if t.name in (headings.ALL, headings.GAPS)
        ]
        heading_part = (
            f"\n### Headings built from real tenures\n\n"
            f"{len(results)} headings built from {OFFICES.relative_to(ROOT)} "
            "(bench/headings.py says how); right / claimed above is right people / people "
            "given, found / labelled is right cases / all cases.\n\n"
            f"{heading_table(results)}\n\n{heading_misses(built, results, 25)}\n"
        )
    print(table(tallies))
    print()
    print(misses(tallies, args.limit))
    if measured:
        print(heading_part)
    if not (args.no_docs or args.no_authorities):
        write_docs(tallies, len(labels), heading_part)


if __name__ == "__main__":
    main()
