"""A text the archive already holds is not read for the linker again (its hash says so)."""

from __future__ import annotations

import pytest

from archive.pipeline import sources as sources_module
from archive.pipeline.run import run
from archive.pipeline.sources import Source, iter_sources, parse_source
from archive.text import parse_document


def _sha256(text: str) -> str:
    """The hash the archive keeps of a text (``source_sha256``): the parser's."""
    return parse_document(text).sha256


def test_the_hash_is_the_parsers_whatever_the_line_breaks_and_mark():
    text = (
        "\ufeff793.94/1: Telegram\r\n\r\n"
        "The Ambassador in China (Johnson) to the Secretary of State\r\n\r\n"
        "Peiping, May 1, 1937.\r\n\r\nA body.\r\n\r\nJohnson\r\n"
    )
    bare = text.removeprefix("\ufeff").replace("\r\n", "\n")
    assert parse_document(text).sha256 == parse_document(bare).sha256


def test_only_texts_the_archive_does_not_hold_are_read_for_the_linker():
    known_text = (
        "793.94/1: Telegram\n\n"
        "The Secretary of State to the Ambassador in China (Johnson)\n\n"
        "Washington, May 2, 1937.\n\nMr. Hirota saw Admiral Yonai.\n\nHull\n"
    )
    known = {_sha256(known_text)}
    # The same text with other line breaks and a byte-order mark is the same text.
    for data in (known_text, "\ufeff" + known_text.replace("\n", "\r\n")):
        parsed, error = parse_source(Source("a.txt", data.encode()), known)
        assert error is None
        assert parsed.body_reading is None and parsed.identifications is None
    other, _ = parse_source(Source("b.txt", known_text.replace("saw", "met").encode()), known)
    assert [run.whole for run in other.body_reading.name_runs] == ["Hirota", "Admiral Yonai"]
    assert other.identifications == []
    alone, _ = parse_source(Source("a.txt", known_text.encode()))
    assert alone.body_reading is not None
    _, problem = parse_source(Source("c.txt", b"", problem="c.txt: unreadable"), known)
    assert problem.outcome == "failed"


@pytest.mark.django_db
def test_a_reimport_reads_no_body_for_the_linker_and_finds_every_document_unchanged(
    seed_dir, monkeypatch
):
    run(iter_sources([str(seed_dir)]))
    calls = []
    original = sources_module.read_body
    monkeypatch.setattr(
        sources_module, "read_body", lambda body: calls.append(1) or original(body)
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


def test_the_parsing_processes_are_told_which_texts_are_known():
    from archive.pipeline.workers import parse_in_workers

    texts = [
        f"793.94/{n}: Telegram\n\nThe Secretary of State to the Ambassador in China "
        f"(Johnson)\n\nWashington, May {n}, 1937.\n\nMr. Hirota called.\n\nHull\n"
        for n in range(1, 5)
    ]
    known = {_sha256(texts[0]), _sha256(texts[2])}
    sources = [Source(f"{n}.txt", text.encode()) for n, text in enumerate(texts)]
    parsed = [p for _, p, _ in parse_in_workers(sources, 2, 2, known)]
    assert [p.body_reading is None for p in parsed] == [True, False, True, False]
