"""Where documents come from: files, folders, standard input; and parsing one of them.

Parsing is pure (``archive.importing``) and runs in worker processes for
large runs: nothing here touches the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..importing import ParsedDocument, ParseError, decode_source, parse_document
from .report import Outcome


@dataclass
class Source:
    """One document's bytes and where they came from."""

    name: str
    data: bytes


def iter_sources(paths: Iterable[str], stdin=None) -> Iterator[Source]:
    """Files in name order, read one at a time so a large run never holds them all."""
    for raw in paths:
        if raw == "-":
            data = stdin.read() if stdin is not None else b""
            yield Source("<stdin>", data.encode() if isinstance(data, str) else data)
            continue
        path = Path(raw)
        files = sorted(p for p in path.rglob("*.txt") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            yield Source(str(file), file.read_bytes())


def parse_source(source: Source) -> tuple[ParsedDocument | None, Outcome | None]:
    """Decode and parse one source; a failure comes back as an Outcome."""
    try:
        text = decode_source(source.data, source.name)
        parsed = parse_document(text, source.name)
    except ParseError as error:
        return None, Outcome(source.name, "failed", errors=[error.describe()])
    # The rest of the pure text work, done here (in the parsing process when
    # there is one) rather than while the database waits.
    parsed.identity  # noqa: B018
    parsed.references  # noqa: B018
    return parsed, None
