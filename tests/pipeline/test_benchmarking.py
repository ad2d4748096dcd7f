"""The synthetic corpus: realistic, parseable, and the same for the same seed."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from archive.text import parse_document
from bench.corpus import write_corpus


def _write(tmp_path, name, count, seed):
    folder = tmp_path / name
    write_corpus(count, folder, seed)
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}


def test_same_count_and_seed_give_the_same_files(tmp_path):
    first = _write(tmp_path, "a", 60, 7)
    assert first == _write(tmp_path, "b", 60, 7)
    assert first != _write(tmp_path, "c", 60, 8)


def test_documents_follow_the_conventions_and_parse(tmp_path):
    files = _write(tmp_path, "d", 300, 1)
    parsed = [parse_document(text, name) for name, text in files.items()]
    assert len({p.identity for p in parsed}) == len(parsed)
    assert any(p.footnotes for p in parsed)
    assert any(p.dateline for p in parsed) and any(not p.dateline for p in parsed)
    assert any(p.received_text for p in parsed)
    assert {m.kind for p in parsed for m in p.marks} >= {"page_break", "sic", "uncertain"}
    assert {p.kind for p in parsed} >= {"telegram", "despatch"}
    assert any(
        "[Page" in para and para != para.strip("[]") for p in parsed for para in p.paragraphs
    )


@pytest.mark.django_db
def test_generated_documents_import(tmp_path):
    _write(tmp_path, "e", 40, 3)
    call_command("import_seeds", str(tmp_path / "e"), verbosity=0)
    from archive.models import Telegram

    assert Telegram.objects.count() == 40


def test_friendly_server_error_page():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Something went wrong" in html and "<title>" in html


def test_footnotes_are_numbered_through_a_volume_and_start_again(tmp_path, monkeypatch):
    """As in FRUS: numbered through 100,000 documents they outgrew five digits."""
    import bench.corpus

    monkeypatch.setattr(bench.corpus, "VOLUME_SIZE", 20)
    files = _write(tmp_path, "v", 60, 1)
    numbers = [
        [int(note.marker) for note in parse_document(text, name).footnotes]
        for name, text in files.items()
    ]
    firsts = [notes[0] for notes in numbers if notes]
    volumes = [numbers[start : start + 20] for start in (0, 20, 40)]
    for volume in volumes:
        notes = [n for document in volume for n in document]
        assert notes == sorted(notes) and notes[0] == 1  # in order, from 1, each volume
    assert firsts.count(1) == 3
