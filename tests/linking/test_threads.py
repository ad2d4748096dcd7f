"""Reply threads: references found as printed and linked to the documents they name."""

from __future__ import annotations

import json
import shutil

import pytest
from django.core.management import call_command

from archive.models import Telegram, TelegramReference
from archive.text import parse_document
from archive.text.references import find_references
from tests.conftest import CORPUS, corpus_truth

TRUTH = corpus_truth()
LABELS = json.loads((CORPUS / "labels.json").read_text(encoding="utf-8"))
# "elaboration of it on October second" (026) names its document by a pronoun
# and a day of handing over; no citation form of FRUS reads it.
NOT_READ = {"elaboration of it on October second"}


@pytest.mark.parametrize("entry", LABELS, ids=[e["file"][5:8] for e in LABELS])
def test_references_found_as_printed(entry):
    doc = parse_document((CORPUS / entry["file"]).read_text(encoding="utf-8"))
    labelled = [r["text"] for r in entry["references"] if r["text"] not in NOT_READ]
    assert [r.quote for r in find_references(doc.body)] == labelled


def test_reference_parts():
    [first, second] = find_references(
        "Your nos. 183, May 12, noon and 236, June 13, 4 p.m., stated"
    )
    assert (first.whose, first.serial, first.date_text, first.time_text) == (
        "your", "183", "May 12", "noon",
    )  # fmt: skip
    assert (second.serial, second.date_text, second.time_text) == ("236", "June 13", "4 p.m.")


def _by_file(name: str) -> Telegram:
    return Telegram.objects.get(source_file__endswith=name)


# Targets the corpus truth names that cannot be linked from what is printed:
# d447 (004) prints no dateline and no serial number, so "Your October 17th,
# 4 p.m." has nothing to match.
UNMATCHABLE = {("docs/010_frus1930v01_d456.txt", "Your October 17th, 4 p.m.")}


def test_corpus_threads_link_as_truth_says(corpus_alone):
    expected = {
        (entry["file"], target["phrase"]): target["target"]
        for entry in TRUTH
        for target in entry["reference_targets"]
    }
    for (source, phrase), target in expected.items():
        reference = TelegramReference.objects.get(
            source=_by_file(source.split("/")[-1]), quote=phrase
        )
        if (source, phrase) in UNMATCHABLE:
            assert reference.target is None
            continue
        assert reference.target == _by_file(target.split("/")[-1]), phrase
    linked = TelegramReference.objects.filter(target__isnull=False)
    wrong = [
        r for r in linked.select_related("source")
        if (r.source.source_file.split("fixtures/corpus/")[-1], r.quote) not in expected
    ]  # fmt: skip
    assert not wrong, [(r.source.source_file, r.quote, r.target.source_file) for r in wrong]
    reply = TelegramReference.objects.get(quote="Your 107, October 18, noon")
    assert reply.kind == "replies_to"


@pytest.mark.django_db
def test_unresolved_reference_links_when_its_document_arrives(tmp_path):
    folder = tmp_path / "first"
    folder.mkdir()
    shutil.copy(CORPUS / "docs/030_frus1941v07_d473.txt", folder)  # cites Department's 124
    call_command("import_seeds", str(folder), verbosity=0, no_authorities=True)
    reference = TelegramReference.objects.get(quote="Department’s 124, June 19, 8 p.m.")
    assert reference.target is None
    later = tmp_path / "later"
    later.mkdir()
    shutil.copy(CORPUS / "docs/029_frus1941v07_d472.txt", later)
    call_command("import_seeds", str(later), verbosity=0, no_authorities=True)
    reference.refresh_from_db()
    assert reference.target == _by_file("029_frus1941v07_d472.txt")


@pytest.mark.django_db
def test_editor_decision_survives_reimport(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("028_frus1941v07_d471.txt", "029_frus1941v07_d472.txt"):
        shutil.copy(CORPUS / "docs" / name, folder)
    call_command("import_seeds", str(folder), verbosity=0, no_authorities=True)
    reference = TelegramReference.objects.get(quote="236, June 13, 4 p.m.")
    reference.status = "rejected"
    reference.save()
    path = folder / "029_frus1941v07_d472.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("Uruguayan", "Uruguayan "), "utf-8")
    call_command("import_seeds", str(folder), verbosity=0, no_authorities=True)
    assert TelegramReference.objects.get(quote="236, June 13, 4 p.m.").status == "rejected"


def test_thread_shown_both_ways(client, corpus_alone):
    d471 = _by_file("028_frus1941v07_d471.txt")
    d472 = _by_file("029_frus1941v07_d472.txt")
    page = client.get(d472.get_absolute_url()).content.decode()
    assert d471.get_absolute_url() in page and "Your nos. 183, May 12, noon" in page
    page = client.get(d471.get_absolute_url()).content.decode()
    assert "Cited by" in page and d472.get_absolute_url() in page
    data = client.get(f"/telegrams/{d471.identifier}.json").json()
    assert data["cited_by"] == ["http://testserver" + d472.get_absolute_url()]
