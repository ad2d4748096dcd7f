"""A text the archive already holds is not read for the linker again (its hash says so)."""

from __future__ import annotations

import pytest

from archive.pipeline import sources as sources_module
from archive.pipeline.run import run
from archive.pipeline.sources import Source, iter_sources, mark_known
from archive.text import parse_document, text_sha256


def test_the_hash_is_the_parsers_whatever_the_line_breaks_and_mark():
    text = (
        "\ufeff793.94/1: Telegram\r\n\r\n"
        "The Ambassador in China (Johnson) to the Secretary of State\r\n\r\n"
        "Peiping, May 1, 1937.\r\n\r\nA body.\r\n\r\nJohnson\r\n"
    )
    assert text_sha256(text) == parse_document(text).sha256
    assert text_sha256(text) == text_sha256(text.removeprefix("\ufeff").replace("\r\n", "\n"))


def test_only_sources_whose_text_is_known_are_marked():
    known_text = (
        "793.94/1: Telegram\n\n"
        "The Secretary of State to the Ambassador in China (Johnson)\n\n"
        "Washington, May 2, 1937.\n\nText.\n\nHull\n"
    )
    marked = list(
        mark_known(
            [
                Source("a.txt", known_text.encode()),
                Source("b.txt", known_text.replace("Text.", "Other.").encode()),
                Source("c.txt", b"", problem="c.txt: unreadable"),
            ],
            {text_sha256(known_text)},
        )
    )
    assert [s.known_text for s in marked] == [True, False, False]
    (alone,) = mark_known([Source("a.txt", known_text.encode())], set())
    assert alone.known_text is False


@pytest.mark.django_db
def test_a_reimport_reads_no_body_for_the_linker_and_finds_every_document_unchanged(
    seed_dir, monkeypatch
):
    run(iter_sources([str(seed_dir)]))
    calls = []
    original = sources_module.name_runs
    monkeypatch.setattr(
        sources_module, "name_runs", lambda body: calls.append(1) or original(body)
    )
    outcomes = run(iter_sources([str(seed_dir)]))
    assert {o.outcome for o in outcomes} == {"unchanged"}
    assert calls == []
    # A changed text is read again, and saved.
    path = next(seed_dir.glob("*.txt"))
    path.write_text(path.read_text(encoding="utf-8").replace("the", "The", 1), encoding="utf-8")
    outcomes = run(iter_sources([str(seed_dir)]))
    assert sorted(o.outcome for o in outcomes) == ["unchanged", "updated"]
    assert calls == [1]
