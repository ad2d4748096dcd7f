"""Where documents come from: files, folders, standard input; and parsing one of them.

Parsing is pure (``archive.text``) and runs in worker processes for
large runs: nothing here touches the database.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .. import frus
from ..linking.runs import read_body, read_identifications
from ..text import ParsedDocument, ParseError, decode_source, parse_document
from .paths import Found, describe_read_error, display_name, find, read_file
from .report import Outcome, describe_exception, failure


@dataclass
class Source:
    """One document's bytes and where they came from.

    ``frus`` is the document's FRUS volume and document id when given (an
    import option or a sidecar file); otherwise they are read from the file
    name, if it has the form ``…<volume>_<docid>.txt`` (archive.frus).
    ``problem`` says why a path could not be read (then ``data`` is empty):
    the path is reported as a failed document and the run goes on.
    """

    name: str
    data: bytes
    frus: tuple[str, str] | None = None
    problem: str = ""

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
    shown = display_name(str(sidecar))
    try:
        data = json.loads(read_file(str(sidecar)).decode("utf-8"))
    except OSError as error:
        raise ValueError(f"{shown}: {describe_read_error(error)}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"{shown}: not JSON ({error})") from None
    if not isinstance(data, dict):
        raise ValueError(f"{shown}: expected an object with volume and document")
    volume, document = str(data.get("volume", "")), str(data.get("document", ""))
    if not frus.is_volume(volume) or not frus.is_document(document):
        raise ValueError(
            f"{shown}: volume must look like frus1931-41v02 and document like d23 "
            f"(got {volume!r}, {document!r})"
        )
    return volume, document


def iter_sources(paths: Iterable[str], stdin=None) -> Iterator[Source]:
    """Files in name order, read one at a time so a large run never holds them all.

    A path that cannot be read (see :mod:`.paths`) comes as a Source with
    its ``problem``, so that it is reported in its place and the rest read.
    """
    for raw in paths:
        if raw == "-":
            try:
                data = stdin.read() if stdin is not None else b""
            except (OSError, UnicodeDecodeError) as error:
                yield Source("<stdin>", b"", problem=f"<stdin>: {describe_exception(error)}")
                continue
            yield Source("<stdin>", data.encode() if isinstance(data, str) else data)
            continue
        for found in find(raw):
            yield _read(found)


def _read(found: Found) -> Source:
    name = found.name
    if found.problem:
        return Source(name, b"", problem=f"{name}: {found.problem}")
    try:
        data = read_file(found.path)
    except OSError as error:
        return Source(name, b"", problem=f"{name}: {describe_read_error(error)}")
    try:
        sidecar = read_sidecar(Path(found.path))
    except ValueError as error:  # a malformed sidecar belongs to its document
        return Source(name, b"", problem=str(error))
    return Source(name, data, sidecar)


def parse_source(
    source: Source, known: Collection[str] = frozenset()
) -> tuple[ParsedDocument | None, Outcome | None]:
    """Decode and parse one source; any failure comes back as an Outcome, never raised.

    ``known`` holds the hashes of the texts the archive holds already
    (``source_sha256``, the parser's :attr:`~archive.text.ParsedDocument.sha256`).
    Such a text will be found unchanged and never linked, so the linker's
    reading of its body is not made: reading every body cost a re-import of
    10,000 unchanged documents a quarter of its rate. Only an optimisation: a
    text read anyway is merely read for nothing, and one not read is read
    where it is saved.

    The parser refuses bad documents with a ParseError that names the line;
    anything else it raises is a fault that one document brought out, and
    stays that document's failure: the run, and the other documents, go on.
    """
    if source.problem:
        return None, failure(source.name, source.problem)
    try:
        text = decode_source(source.data, source.name)
        parsed = parse_document(text, source.name)
        # The rest of the pure text work, done here (in the parsing process when
        # there is one) rather than while the database waits.
        parsed.identity  # noqa: B018
        parsed.references  # noqa: B018
        if parsed.sha256 not in known:
            parsed.body_reading = read_body(parsed.body)
            parsed.identifications = read_identifications(parsed.footnotes, parsed.body)
    except ParseError as error:
        return None, failure(source.name, error.describe())
    except Exception as error:  # any other fault: see the docstring
        return None, failure(
            source.name, f"{source.name}: could not be parsed: {describe_exception(error)}"
        )
    return parsed, None
