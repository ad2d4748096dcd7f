"""Which files a path names: every ``*.txt`` below a folder, and what cannot be read.

A collection copied from elsewhere can hold anything: links to nothing,
links in a loop, folders the importer may not read, FIFOs and devices
named ``*.txt``, file names in another encoding than UTF-8. Each is named
in the report and skipped: none is waited on (reading a FIFO blocks until
someone writes to it, a device may never end) and none is passed over in
silence, since a file that was never read is a document missing from the
archive.

Links to folders are followed (a collection assembled with links is still
one collection), but never back into a folder already being read, which
would loop for ever, nor twice into the same folder, which would offer
every document twice.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import PurePath

READ_CHUNK = 1 << 20


class NotRegularFile(OSError):
    """A path that is not a regular file (a FIFO, a device…), refused before any read."""


@dataclass(frozen=True)
class Found:
    """One path to import, or one that cannot be, with the reason (``problem``)."""

    path: str
    problem: str = ""

    @property
    def name(self) -> str:
        return display_name(self.path)


def display_name(path: str) -> str:
    """A path as it can be printed and stored: bytes that are not UTF-8 escaped (``\\xe9``).

    Python hands such names over with the undecodable bytes as lone
    surrogates, which no terminal, JSON file or PostgreSQL column accepts.
    """
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def find(raw: str) -> list[Found]:
    """The files a command-line path names, in name order, with those that cannot be read."""
    try:
        info = os.stat(raw)
    except OSError as error:
        return [Found(raw, _unreachable(raw, error))]
    if not stat.S_ISDIR(info.st_mode):
        return [Found(raw, _not_regular(info))]
    found: list[Found] = []
    _walk(raw, found, ancestors=(_key(info),), seen={_key(info): raw})
    return sorted(found, key=lambda item: PurePath(item.path).parts)


def _walk(folder: str, found: list[Found], ancestors: tuple, seen: dict) -> None:
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except OSError as error:
        found.append(
            Found(folder, f"this folder cannot be read ({_reason(error)}); nothing in it imported")
        )
        return
    # Real folders before links, so a folder also reached through a link is
    # read (and reported) under its own name.
    for entry in sorted(entries, key=lambda e: (e.is_symlink(), e.name)):
        try:
            info = os.stat(entry.path)  # through links
        except OSError as error:
            # A link to nothing is a mistake whatever it is called; a file
            # of another kind the importer would not have read anyway.
            if entry.is_symlink() or entry.name.endswith(".txt"):
                found.append(Found(entry.path, _unreachable(entry.path, error)))
            continue
        if stat.S_ISDIR(info.st_mode):
            key = _key(info)
            if key in ancestors:
                found.append(
                    Found(entry.path, "a link back to a folder that contains it (a loop): skipped")
                )
            elif key in seen:
                found.append(
                    Found(
                        entry.path,
                        f"the same folder as {display_name(seen[key])}, read once: skipped",
                    )
                )
            else:
                seen[key] = entry.path
                _walk(entry.path, found, (*ancestors, key), seen)
        elif entry.name.endswith(".txt"):
            found.append(Found(entry.path, _not_regular(info)))


def read_file(path: str) -> bytes:
    """The bytes of a regular file; ``OSError`` for anything else, without waiting on it.

    The file is opened without blocking and checked after opening, so a
    path that becomes a FIFO between the folder listing and the read is
    still refused rather than waited on.
    """
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(_not_regular(info))
        chunks = []
        while chunk := os.read(descriptor, READ_CHUNK):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def describe_read_error(error: OSError) -> str:
    """Why a file could not be read, in a few words."""
    if isinstance(error, NotRegularFile):
        return str(error)
    return f"it cannot be read ({_reason(error)})"


def _key(info: os.stat_result) -> tuple[int, int]:
    return info.st_dev, info.st_ino


def _reason(error: OSError) -> str:
    return (error.strerror or type(error).__name__).lower()


def _unreachable(path: str, error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "a loop of links: skipped"
    if os.path.islink(path):
        return f"a link to nothing ({display_name(os.readlink(path))}): skipped"
    return f"it cannot be read ({_reason(error)}): skipped"


def _not_regular(info: os.stat_result) -> str:
    """Empty for a regular file; otherwise what it is, so it is not read."""
    mode = info.st_mode
    if stat.S_ISREG(mode):
        return ""
    kinds = (
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
    )
    kind = next((label for test, label in kinds if test(mode)), "not a regular file")
    return f"{kind}, not a text file: skipped without reading it"
