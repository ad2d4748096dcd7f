"""Every failure is one document's failure (issue 12, item 1).

Each test puts one bad thing beside good documents and checks that the bad
thing is named (file and reason), that the good documents are imported, that
the report is written and that the exit status is 1.

The tests run as root, for whom a file without permissions is still
readable; "permission denied", "input/output error" and an unreadable
folder are therefore simulated by patching the read (``paths.read_file``)
and the folder listing (``os.scandir``), the calls the importer makes.
FIFOs, devices, links to nothing and loops of links are real.
"""

from __future__ import annotations

import errno
import io
import json
import os
import threading
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from archive.models import Telegram
from archive.pipeline import paths, sources, workers
from archive.pipeline.importer import Importer
from archive.text import ParseError, parse_document
from tests.pipeline.builders import document, write_documents

pytestmark = pytest.mark.django_db

# A number of more than 4,300 digits after a month name: Python refuses to
# convert it to an int, and the parser raised ValueError (the fuzzer's find).
HUGE_DAY = document(9, body="As reported on November " + "4" * 5000 + ", nothing.")


def run_import(folder: Path, tmp_path: Path, **options) -> tuple[str, dict, CommandError | None]:
    """Import ``folder``; return standard error, the report, and the exit error if any."""
    err, report = io.StringIO(), tmp_path / "report.json"
    failure = None
    try:
        call_command(
            "import_seeds", str(folder), report=str(report), no_authorities=True,
            stdout=io.StringIO(), stderr=err, **options,
        )  # fmt: skip
    except CommandError as error:
        failure = error
    return err.getvalue(), json.loads(report.read_text(encoding="utf-8")), failure


def outcomes(report: dict) -> dict[str, str]:
    return {Path(d["source"]).name: d["outcome"] for d in report["documents"]}


def assert_goods_imported(report: dict, goods: list[str]) -> None:
    by_name = outcomes(report)
    assert all(by_name[name] == "created" for name in goods), by_name
    names = {Path(f).name for f in Telegram.objects.values_list("source_file", flat=True)}
    assert set(goods) <= names


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_exception_in_the_parser_fails_its_document_only(tmp_path, monkeypatch, jobs):
    """A ValueError (as int() raised on 4,300 digits after a month) fails one document."""
    monkeypatch.setattr(Importer, "BATCH", 2)
    monkeypatch.setattr(Importer, "WINDOW", 2)
    folder = tmp_path / "docs"
    goods = write_documents(folder, 6)
    (folder / "good_03a_bad.txt").write_text(document(9), encoding="utf-8")

    def faulty(text: str, source: str = ""):
        if "bad" in source:
            raise ValueError("Exceeds the limit (4300 digits) for integer string conversion")
        return parse_document(text, source)

    monkeypatch.setattr(sources, "parse_document", faulty)
    err, report, failure = run_import(folder, tmp_path, jobs=jobs)

    assert failure is not None and failure.returncode == 1
    assert_goods_imported(report, goods)
    assert outcomes(report)["good_03a_bad.txt"] == "failed"
    assert "good_03a_bad.txt" in err
    assert report["summary"] == {"created": 6, "updated": 0, "unchanged": 0, "failed": 1}


def test_thousands_of_digits_after_a_month_are_read_as_text(tmp_path):
    """The fuzzer's number no longer reaches int(): the document imports with the rest."""
    folder = tmp_path / "docs"
    goods = write_documents(folder, 2)
    (folder / "good_03a_huge_day.txt").write_text(HUGE_DAY, encoding="utf-8")
    _, report, failure = run_import(folder, tmp_path)
    assert failure is None
    assert_goods_imported(report, [*goods, "good_03a_huge_day.txt"])


@pytest.mark.parametrize("jobs", [1, 2])
def test_any_fault_of_the_parser_is_reported_short(tmp_path, monkeypatch, jobs):
    """Whatever the parser raises, the reason is its kind and message, cut short."""

    def faulty(text: str, source: str = ""):
        if "bad" in source:
            raise RecursionError("maximum recursion depth exceeded " + "x" * 100_000)
        return parse_document(text, source)

    monkeypatch.setattr(sources, "parse_document", faulty)
    folder = tmp_path / "docs"
    goods = write_documents(folder, 3)
    (folder / "bad.txt").write_text(document(20), encoding="utf-8")

    _err, report, failure = run_import(folder, tmp_path, jobs=jobs)

    assert failure.returncode == 1
    assert_goods_imported(report, goods)
    [error] = next(d for d in report["documents"] if d["source"].endswith("bad.txt"))["errors"]
    assert "bad.txt" in error and "RecursionError: maximum recursion depth" in error
    assert len(error) <= 500


def test_a_parse_error_quoting_a_long_line_is_cut(tmp_path, monkeypatch):
    def refusing(text: str, source: str = ""):
        raise ParseError("no heading found in " + "y" * 1_000_000, 3, source)

    monkeypatch.setattr(sources, "parse_document", refusing)
    folder = tmp_path / "docs"
    write_documents(folder, 1)
    err, report, _ = run_import(folder, tmp_path)
    [error] = report["documents"][0]["errors"]
    assert error.startswith(f"{folder / 'good_01.txt'}, line 3: no heading found in yyy")
    assert len(error) <= 500 and len(err) < 1000


@pytest.mark.parametrize(
    ("name", "fault", "reason"),
    [
        ("locked.txt", PermissionError(errno.EACCES, "Permission denied"), "permission denied"),
        ("broken.txt", OSError(errno.EIO, "Input/output error"), "input/output error"),
    ],
)
def test_a_file_that_cannot_be_read_is_named_and_the_rest_imports(
    tmp_path, monkeypatch, name, fault, reason
):
    real_read = paths.read_file

    def read_file(path: str) -> bytes:
        if path.endswith(name):
            raise fault
        return real_read(path)

    monkeypatch.setattr(sources, "read_file", read_file)
    folder = tmp_path / "docs"
    goods = write_documents(folder, 3)
    (folder / name).write_text(document(12), encoding="utf-8")

    err, report, failure = run_import(folder, tmp_path)

    assert failure.returncode == 1
    assert_goods_imported(report, goods)
    assert outcomes(report)[name] == "failed"
    assert f"{folder / name}: it cannot be read ({reason})" in err


def test_a_fifo_is_named_and_never_waited_on(tmp_path):
    folder = tmp_path / "docs"
    goods = write_documents(folder, 2)
    fifo = folder / "pipe.txt"
    os.mkfifo(fifo)
    # Should the importer open the FIFO for reading and wait for a writer,
    # this guard writes nothing after a while so that the test fails
    # instead of hanging.
    finished = threading.Event()

    def guard() -> None:
        if not finished.wait(20):
            with open(fifo, "wb"):
                pass

    threading.Thread(target=guard, daemon=True).start()
    try:
        err, report, failure = run_import(folder, tmp_path)
    finally:
        finished.set()

    assert failure.returncode == 1
    assert_goods_imported(report, goods)
    assert f"{fifo}: a FIFO (named pipe), not a text file" in err
    assert outcomes(report)["pipe.txt"] == "failed"


def test_a_device_named_txt_is_named_and_not_read(tmp_path):
    folder = tmp_path / "docs"
    goods = write_documents(folder, 2)
    (folder / "null.txt").symlink_to("/dev/null")
    err, report, failure = run_import(folder, tmp_path)
    assert failure.returncode == 1
    assert_goods_imported(report, goods)
    assert "null.txt: a character device, not a text file" in err


def test_an_unreadable_folder_is_named(tmp_path, monkeypatch):
    folder = tmp_path / "docs"
    goods = write_documents(folder, 2)
    write_documents(folder / "locked", 1, prefix="hidden")
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    err, report, failure = run_import(folder, tmp_path)
    assert failure.returncode == 1
    assert_goods_imported(report, goods)
    assert f"{folder / 'locked'}: this folder cannot be read (permission denied)" in err
    assert outcomes(report)["locked"] == "failed"


def test_links_to_nothing_and_loops_are_named(tmp_path):
    folder = tmp_path / "docs"
    goods = write_documents(folder, 2)
    (folder / "gone.txt").symlink_to(folder / "missing.txt")
    (folder / "ring_a.txt").symlink_to(folder / "ring_b.txt")
    (folder / "ring_b.txt").symlink_to(folder / "ring_a.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to(folder)

    err, report, failure = run_import(folder, tmp_path)

    assert failure.returncode == 1
    assert_goods_imported(report, goods)
    assert f"{folder / 'gone.txt'}: a link to nothing ({folder / 'missing.txt'})" in err
    assert f"{folder / 'ring_a.txt'}: a loop of links" in err
    assert f"{folder / 'ring_b.txt'}: a loop of links" in err
    assert f"{folder / 'sub' / 'up'}: a link back to a folder that contains it" in err
    assert report["summary"] == {"created": 2, "updated": 0, "unchanged": 0, "failed": 4}


def test_a_linked_folder_is_read_once(tmp_path):
    folder = tmp_path / "docs"
    goods = write_documents(folder / "real", 2)
    (folder / "alias").symlink_to(folder / "real")
    err, report, _failure = run_import(folder, tmp_path)
    assert Telegram.objects.count() == 2
    assert outcomes(report)["alias"] == "failed"
    assert f"{folder / 'alias'}: the same folder as {folder / 'real'}, read once" in err
    assert sorted(n for n, o in outcomes(report).items() if o == "created") == goods


def test_a_file_name_that_is_not_utf8_is_reported_escaped(tmp_path):
    folder = tmp_path / "docs"
    goods = write_documents(folder, 1)
    odd = os.path.join(os.fsencode(folder), b"caf\xe9.txt")
    with open(odd, "wb") as handle:
        handle.write(document(14).encode("utf-8"))
    odd_bad = os.path.join(os.fsencode(folder), b"na\xefve.txt")
    with open(odd_bad, "wb") as handle:
        handle.write(b"not a FRUS document\n")

    err, report, failure = run_import(folder, tmp_path)

    assert failure.returncode == 1  # the bad one; the good one with the odd name imports
    assert outcomes(report)["caf\\xe9.txt"] == "created"
    assert outcomes(report)["na\\xefve.txt"] == "failed"
    assert f"{folder}/na\\xefve.txt" in err
    assert Telegram.objects.filter(source_file=f"{folder}/caf\\xe9.txt").exists()
    assert_goods_imported(report, goods)


def test_a_malformed_sidecar_fails_its_document_only(tmp_path):
    folder = tmp_path / "docs"
    goods = write_documents(folder, 2)
    (folder / "odd.txt").write_text(document(15), encoding="utf-8")
    (folder / "odd.json").write_text('{"volume": "1931"}', encoding="utf-8")
    err, report, failure = run_import(folder, tmp_path)
    assert failure.returncode == 1
    assert_goods_imported(report, goods)
    assert f"{folder / 'odd.json'}: volume must look like" in err
    assert outcomes(report)["odd.txt"] == "failed"


def test_a_parsing_process_that_dies_loses_only_its_document(tmp_path, monkeypatch):
    """A worker killed (out of memory, a fault) fails the document it was reading."""
    monkeypatch.setattr(Importer, "WINDOW", 3)
    monkeypatch.setattr(workers, "parse_source", _die_on_crash)
    folder = tmp_path / "docs"
    goods = write_documents(folder, 7)
    (folder / "good_04a_crash.txt").write_text(document(16), encoding="utf-8")

    err, report, failure = run_import(folder, tmp_path, jobs=2)

    assert failure.returncode == 1
    assert_goods_imported(report, goods)
    assert "good_04a_crash.txt: the parsing process stopped on this document" in err
    assert report["summary"]["failed"] == 1


def _die_on_crash(source, known=frozenset()):
    if "crash" in source.name:
        os._exit(3)
    return sources.parse_source(source, known)


def test_a_failure_of_the_run_itself_still_writes_the_report(tmp_path, monkeypatch):
    from archive.pipeline import run

    def lost(*args, **kwargs):
        raise ConnectionError("server closed the connection unexpectedly")

    monkeypatch.setattr(run.threads, "resolve", lost)
    folder = tmp_path / "docs"
    write_documents(folder, 2)
    _err, report, failure = run_import(folder, tmp_path)
    assert failure.returncode == 1
    assert "the import stopped: ConnectionError: server closed" in str(failure)
    assert report["stopped"].startswith("the import stopped")
    assert report["summary"]["created"] == 2 and len(report["documents"]) == 2
