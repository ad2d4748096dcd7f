"""Where documents come from: files, folders, standard input; and parsing one of them.

Parsing is pure (``archive.text``) and runs in worker processes for
large runs: nothing here touches the database.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .. import frus
from ..text import ParsedDocument, ParseError, decode_source, parse_document
from .report import Outcome


@dataclass
class Source:
    """One document's bytes and where they came from.

    ``frus`` is the document's FRUS volume and document id when given (an
    import option or a sidecar file); otherwise they are read from the file
    name, if it has the form ``…<volume>_<docid>.txt`` (archive.frus).
    """

    name: str
    data: bytes
    frus: tuple[str, str] | None = None

    @property
    def frus_identity(self) -> tuple[str, str]:
        return self.frus if self.frus is not None else frus.from_file_name(self.name)


def read_sidecar(path: Path) -> tuple[str, str] | None:
    """FRUS ids from ``<name>.json`` beside ``<name>.txt``: {"volume": …, "document": …}.

    Raises ValueError for a sidecar that is not such an object or names
    malformed ids, so that a typo is reported instead of silently ignored.
    """
    sidecar = path.with_suffix(".json")
    if not sidecar.is_file():
        return None
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"{sidecar}: not JSON ({error})") from None
    if not isinstance(data, dict):
        raise ValueError(f"{sidecar}: expected an object with volume and document")
    volume, document = str(data.get("volume", "")), str(data.get("document", ""))
    if not frus.is_volume(volume) or not frus.is_document(document):
        raise ValueError(
            f"{sidecar}: volume must look like frus1931-41v02 and document like d23 "
            f"(got {volume!r}, {document!r})"
        )
    return volume, document


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
            yield Source(str(file), file.read_bytes(), read_sidecar(file))


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
