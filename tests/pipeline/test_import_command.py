"""``import_seeds`` end to end: idempotency, dry run, editor protection, bad input."""

from __future__ import annotations

import io
import json
import shutil

import pytest
from django.core.management import CommandError, call_command

from archive.models import (
    Annotation,
    Footnote,
    Person,
    PersonMention,
    Place,
    PlaceMention,
    Telegram,
)
from tests.conftest import CORPUS, SEED_000, SEED_002

pytestmark = pytest.mark.django_db


def run(*args, **kwargs) -> str:
    out = io.StringIO()
    call_command(
        "import_seeds", *[str(a) for a in args], stdout=out, stderr=io.StringIO(), **kwargs
    )
    return out.getvalue()


def counts() -> tuple[int, ...]:
    return tuple(
        m.objects.count()
        for m in (Telegram, Person, Place, Footnote, Annotation, PersonMention, PlaceMention)
    )


def test_seeds_become_what_expected_md_says(imported_seeds):
    t000 = Telegram.objects.get(file_number="793.94/7527")
    t002 = Telegram.objects.get(file_number="761.9315 Manchuria/35")
    henderson = Person.objects.get(surname="Henderson")
    soviet_union = Place.objects.get(name="Soviet Union")
    assert Person.objects.filter(surname="Henderson").count() == 1
    assert Place.objects.filter(name="Soviet Union").count() == 1
    for telegram in (t000, t002):
        assert telegram.sender == henderson
        assert telegram.recipient is None
        assert telegram.sender_role == "Chargé in the Soviet Union"
        assert telegram.recipient_role == "Secretary of State"
        assert telegram.origin == soviet_union
        assert telegram.kind == "telegram"
        assert telegram.review_status == "unreviewed"
        assert telegram.is_public
        assert telegram.source_text and len(telegram.source_sha256) == 64
    assert (t000.serial_number, t002.serial_number) == ("520", "39")
    assert (t000.signature, t002.signature) == ("Henderson", "")
    assert t002.received_text == "January 31—2:55 p.m."
    assert t000.source_file.endswith(SEED_000.name)

    people_000 = {(m.surface, m.role) for m in t000.personmention_set.all()}
    assert people_000 == {
        ("Henderson", "sender"),
        ("Henderson", "signatory"),
        ("Litvinov", "mentioned"),
        ("Yen", "mentioned"),
        ("Sakoh", "mentioned"),
    }
    places_000 = {m.surface for m in t000.placemention_set.filter(role="mentioned")}
    assert places_000 == {
        "Soviet Union", "Moscow", "Mongolia", "Outer Mongolia", "Tannu Tuva", "North China",
        "Far East", "Manchukuo", "Japan", "China", "United States", "Portugal", "Holland",
    }  # fmt: skip
    outer = t000.placemention_set.get(place__name="Outer Mongolia")
    mongolia = t000.placemention_set.get(place__name="Mongolia", role="mentioned")
    assert (outer.occurrences, mongolia.occurrences) == (2, 5)
    assert t000.placemention_set.get(place__name="Tannu Tuva").uncertain
    assert t000.placemention_set.get(role="origin").place == soviet_union

    people_002 = {(m.surface, m.role) for m in t002.personmention_set.all()}
    assert people_002 == {("Henderson", "sender"), ("Litvinov", "mentioned")}
    places_002 = {m.place.name for m in t002.placemention_set.filter(role="mentioned")}
    assert places_002 == {
        "Soviet Union", "North China", "Far East", "Japan", "China", "Germany", "London",
        "Great Britain",
    }  # fmt: skip
    assert not t002.placemention_set.filter(place__name="Manchuria").exists()
    note = t002.footnotes.get()
    assert (note.marker, note.anchor_text, note.text) == (
        "56",
        "Litvinov",
        "Soviet Commissar for Foreign Affairs.",
    )
    assert note.person.surname == "Litvinov"
    assert sorted(t000.annotations.values_list("kind", "quote")) == [
        ("insertion", "[since]"),
        ("page_break", "[Page 490]"),
        ("uncertain", "[Tannu?]"),
        ("uncertain", "[Tannu?]"),
    ]
    assert sorted(t002.annotations.values_list("kind", "quote")) == [
        ("insertion", "[to support such attacks.]"),
        ("sic", "[sic]"),
    ]
    assert not t002.annotations.filter(author__isnull=False).exists()


def test_second_run_creates_and_changes_nothing(imported_seeds):
    before = counts()
    stamps = list(Telegram.objects.order_by("pk").values_list("updated_at", flat=True))
    output = run()
    assert "0 created, 0 updated, 2 unchanged, 0 failed" in output
    assert "Nothing changed" in output
    assert counts() == before
    assert list(Telegram.objects.order_by("pk").values_list("updated_at", flat=True)) == stamps


def test_corpus_imports_with_two_rows_for_a_shared_file_number(tmp_path):
    output = run(CORPUS / "docs")
    assert "44 created" in output and "0 failed" in output
    assert Telegram.objects.filter(file_number="724.3415/4210").count() == 2
    assert Telegram.objects.filter(file_number="611.3331/391").count() == 2
    assert "44 unchanged" in run(CORPUS / "docs")
    washington = Telegram.objects.get(source_file__endswith="003_frus1930v01_d446.txt")
    assert washington.sender.surname == "Washington"
    assert washington.origin.name == "Brazil"


def test_corrected_body_updates_the_same_row(tmp_path):
    path = tmp_path / "seed.txt"
    shutil.copy(SEED_000, path)
    run(path, no_authorities=True)
    original = Telegram.objects.get()
    path.write_text(
        SEED_000.read_text(encoding="utf-8").replace("informed me yesterday", "told me yesterday"),
        encoding="utf-8",
    )
    report = tmp_path / "report.json"
    output = run(path, no_authorities=True, report=report)
    assert "1 updated" in output
    telegram = Telegram.objects.get()
    assert telegram.pk == original.pk
    assert "told me yesterday" in telegram.body
    data = json.loads(report.read_text())
    assert data["documents"][0]["outcome"] == "updated"
    assert data["documents"][0]["changed_fields"] == ["body"]


def test_editor_corrections_survive_reimport(tmp_path, admin_client):
    path = tmp_path / "seed.txt"
    shutil.copy(SEED_000, path)
    run(path)
    telegram = Telegram.objects.get()
    telegram.body = telegram.body.replace("Tannu?", "Tannu")
    telegram.date_text = "December 1935"
    telegram.protect(["body", "date_text"])
    telegram.save()
    path.write_text(
        SEED_000.read_text(encoding="utf-8").replace("informed me yesterday", "told me yesterday")
        + "\n",
        encoding="utf-8",
    )
    report = tmp_path / "report.json"
    run(path, report=report)
    telegram.refresh_from_db()
    assert "[Tannu] Tuva" in telegram.body
    assert "informed me yesterday" in telegram.body
    assert telegram.date_text == "December 1935"
    entry = json.loads(report.read_text())["documents"][0]
    assert entry["outcome"] == "updated"
    assert sorted(entry["kept_fields"]) == ["body", "date_text"]


def test_confirmed_and_rejected_mentions_survive_reimport(tmp_path):
    path = tmp_path / "seed.txt"
    shutil.copy(SEED_000, path)
    run(path)
    telegram = Telegram.objects.get()
    telegram.placemention_set.filter(place__name="Portugal").update(status="rejected")
    telegram.personmention_set.filter(person__surname="Yen").update(
        status="confirmed", notes="checked"
    )
    path.write_text(SEED_000.read_text(encoding="utf-8").replace("Portugal", "Spain"), "utf-8")
    run(path)
    rejected = telegram.placemention_set.get(place__name="Portugal")
    assert rejected.status == "rejected"
    confirmed = telegram.personmention_set.get(person__surname="Yen")
    assert (confirmed.status, confirmed.notes) == ("confirmed", "checked")


def test_dry_run_writes_nothing():
    output = run(dry_run=True)
    assert "Dry run" in output and "2 created" in output
    assert counts() == (0, 0, 0, 0, 0, 0, 0)


def test_standard_input(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(SEED_002.read_bytes())))
    output = run("-", no_authorities=True)
    assert "1 created" in output
    assert Telegram.objects.get().source_file == "<stdin>"


BAD_INPUTS = {
    "empty.txt": (b"", "empty", None),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary", 3),
    "latin1.txt": (
        "793.94/1: Telegram\nThe Minister in China (Johnson) to the Secretary of State\n"
        "Caf\xe9.".encode("latin-1"),
        "not UTF-8",
        3,
    ),
    "noheading.txt": (b"793.94/2: Telegram\n\n520. Text of the telegram.", "no heading", 3),
    "unpaired.txt": (SEED_002.read_bytes().rsplit(b"\n", 1)[0], "no footnote line", 7),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_reported_and_the_rest_imports(tmp_path, name):
    data, reason, line = BAD_INPUTS[name]
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / name).write_bytes(data)
    shutil.copy(SEED_000, folder / "zz_good.txt")
    report = tmp_path / "report.json"
    err = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command(
            "import_seeds", str(folder), report=str(report), stdout=io.StringIO(), stderr=err
        )
    assert error.value.returncode == 1
    assert name in err.getvalue() and reason in err.getvalue()
    if line is not None:
        assert f"{name}, line {line}" in err.getvalue()
    assert Telegram.objects.count() == 1
    assert Telegram.objects.get().source_file.endswith("zz_good.txt")
    entries = {e["source"].split("/")[-1]: e for e in json.loads(report.read_text())["documents"]}
    assert entries[name]["outcome"] == "failed" and entries[name]["errors"]
    assert entries["zz_good.txt"]["outcome"] == "created"


def test_failing_document_leaves_no_row_behind(tmp_path, monkeypatch):
    """A failure while saving rolls back the document and its new people and places."""
    from archive.pipeline.resolve import Resolver

    def explode(self, telegram, parsed, outcome):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Resolver, "mentions", explode)
    path = tmp_path / "doc.txt"
    path.write_text(
        SEED_000.read_text(encoding="utf-8").replace("(Henderson)", "(Zzyzx)"), "utf-8"
    )
    with pytest.raises(CommandError):
        run(path, no_authorities=True)
    assert counts() == (0, 0, 0, 0, 0, 0, 0)


def test_usage_errors_exit_2(tmp_path):
    with pytest.raises(CommandError) as error:
        run(tmp_path / "missing")
    assert error.value.returncode == 2


def test_same_identity_twice_in_one_run_fails_the_second(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(SEED_000, folder / "a.txt")
    (folder / "b.txt").write_text(
        SEED_000.read_text(encoding="utf-8").replace("yesterday", "today"), "utf-8"
    )
    with pytest.raises(CommandError):
        run(folder, no_authorities=True)
    assert Telegram.objects.count() == 1


def test_authority_lists_are_loaded_once_and_respect_editors(seed_dir):
    run(seed_dir)
    person = Person.objects.get(authority_key="litvinov-maxim")
    person.description = "Corrected by an editor."
    person.protect(["description"])
    person.save()
    persons_csv = seed_dir / "authorities" / "persons.csv"
    persons_csv.write_text(
        persons_csv.read_text(encoding="utf-8").replace(
            "People's Commissar for Foreign Affairs", "Commissar"
        ),
        encoding="utf-8",
    )
    before = Person.objects.count()
    run(seed_dir, authorities=seed_dir / "authorities")
    person.refresh_from_db()
    assert person.description == "Corrected by an editor."
    assert Person.objects.count() == before


def test_bad_authority_row_names_the_line(seed_dir):
    places = seed_dir / "authorities" / "places.csv"
    places.write_text(
        places.read_text(encoding="utf-8") + "atlantis,Atlantis,city,,,,95,0,,\n", "utf-8"
    )
    with pytest.raises(CommandError, match=r"places.csv, line \d+"):
        run(seed_dir, authorities=seed_dir / "authorities")
