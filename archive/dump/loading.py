"""Writing the archive to a folder, and loading such a folder (see :mod:`archive.dump`).

A dump is one file per table of :mod:`.tables` (``places.csv`` … or
``places.json``) and ``manifest.json``, written last, naming the format and
each table's row count, so that a half-written or truncated dump is refused
rather than half loaded. The tables are read in one transaction (on
PostgreSQL a repeatable-read snapshot), so a dump taken while editors work
is the archive at one moment.

Spreadsheet formulae: a CSV dump is the kind of file someone double-clicks,
so its cells are neutralised as in the admin's CSV export (an apostrophe
before a cell that starts like a formula, archive.formulae) and restored
exactly on load: a note that begins with ``=`` or with an apostrophe comes
back as it was. JSON is read by programs, not spreadsheets, and carries the
values as they are.

Loading is all or nothing: every table is loaded in one transaction, and
the first table with a bad row stops the load with each bad row named by
file and line (CSV) or record (JSON); nothing is written. Afterwards the
search index (PostgreSQL vectors or SQLite's FTS5 index) and the stored
counts of people and places are rebuilt for every document.

Into an empty archive (no row in any table of the dump) every row keeps its
id, and the id sequences are moved past the highest id and past every id a
merge absorbed, so that no new record ever takes the address of a merged
one. Into an archive that has rows, the load is an import like any other
(archive.exchange), by the import script's account:

* rows are matched by natural key (authority key, identifier, annotation
  key, document and order, …); new rows are added with new ids, and a row
  equal to the one there changes nothing;
* a field an editor protected (``protected_fields`` of documents, people,
  places, footnotes, annotations) keeps the archive's value; other fields
  take the dump's, and the row's own ``protected_fields`` are the dump's;
* a mention an editor confirmed or rejected keeps its status;
* a row whose authority key was merged away there creates nothing;
* rows of the archive the dump lacks stay (nothing is deleted);
* merges are neither added nor changed (their ids mean other records
  there), and the load says how many it left out.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import tablib
from django.db import connection, transaction
from import_export.formats import base_formats

from .. import search, search_sqlite, spreadsheets, tallies
from ..models import Merge, Person, Place, Telegram
from ..resources import parents_first
from . import accounts
from .tables import TABLES, Table

FORMATS = {"csv": spreadsheets.CSV, "json": base_formats.JSON}
MANIFEST = "manifest.json"
DUMP_KIND = "telegram-archive dump"
DUMP_VERSION = 1
MAX_PROBLEMS = 50


class LoadError(Exception):
    """A dump that cannot be loaded; ``problems`` name the file and line of each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class LoadSummary:
    """What a load did, table by table."""

    kept_ids: bool
    totals: dict[str, dict[str, int]] = field(default_factory=dict)
    merges_left_out: int = 0


@contextmanager
def _one_snapshot() -> Iterator[None]:
    """Every table read at the same moment, whatever editors save meanwhile."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield


def export_archive(folder: Path, fmt: str = "csv") -> dict[str, int]:
    """Write every table of the archive to ``folder`` as ``fmt``; the rows per table."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format “{fmt}”: use one of {', '.join(FORMATS)}.")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MANIFEST).unlink(missing_ok=True)
    writer = FORMATS[fmt]()
    counts = {}
    with _one_snapshot():
        for table in TABLES:
            dataset = table.resource().export()
            data = writer.export_data(dataset)
            (folder / f"{table.name}.{fmt}").write_text(data, encoding="utf-8", newline="")
            counts[table.name] = len(dataset)
    manifest = {"kind": DUMP_KIND, "version": DUMP_VERSION, "format": fmt, "tables": counts}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return counts


def _manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    if not path.is_file():
        raise LoadError([f"{path}: not found; {folder} is not a dump written by export_archive."])
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise LoadError([f"{path}: not JSON ({error})."]) from error
    if not isinstance(manifest, dict) or manifest.get("kind") != DUMP_KIND:
        raise LoadError([f"{path}: not the manifest of an archive dump."])
    if manifest.get("format") not in FORMATS:
        raise LoadError([f"{path}: unknown format {manifest.get('format')!r}."])
    if manifest.get("version") != DUMP_VERSION:
        raise LoadError([f"{path}: dump version {manifest.get('version')!r}; expected 1."])
    return manifest


@dataclass
class _File:
    """One table's file as read: its rows, and where each row starts in the file."""

    path: Path
    dataset: tablib.Dataset
    lines: list[int] | None  # CSV: the line each row starts on; JSON: None
    order: list[int] | None = None  # row i of the dataset is row order[i] of the file

    def where(self, number: int) -> str:
        """Row ``number`` (1-based, as django-import-export counts) as file and line."""
        index = number - 1
        if self.order is not None and 0 <= index < len(self.order):
            index = self.order[index]
        if self.lines is not None and 0 <= index < len(self.lines):
            return f"{self.path}, line {self.lines[index]}"
        return f"{self.path}, record {index + 1}"


def _record_lines(text: str) -> list[int]:
    """The line each CSV record starts on (a cell may hold line breaks)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    starts, previous_end = [], 0
    for _ in reader:
        starts.append(previous_end + 1)
        previous_end = reader.line_num
    return starts[1:]  # the header is not a row


def _read(folder: Path, table: Table, fmt: str, expected: int | None) -> _File:
    path = folder / f"{table.name}.{fmt}"
    try:
        text = path.read_text(encoding="utf-8")
        dataset = FORMATS[fmt]().create_dataset(text)
    except FileNotFoundError as error:
        raise LoadError([f"{path}: missing from the dump."]) from error
    except (UnicodeDecodeError, ValueError, csv.Error) as error:
        raise LoadError([f"{path}: cannot be read as {fmt.upper()} ({error})."]) from error
    if expected is not None and len(dataset) != expected:
        raise LoadError([f"{path}: {len(dataset)} rows, but the manifest says {expected}."])
    read = _File(path, dataset, _record_lines(text) if fmt == "csv" else None)
    if table.name == "places" and len(dataset) and "parent" in (dataset.headers or []):
        # Loaded parents first (PlaceResource): number the rows as the file does.
        ordered = parents_first(dataset)
        read.dataset, read.order = ordered, [line - 2 for line in ordered.line_numbers]
    return read


def _replace_column(dataset: tablib.Dataset, column: str, mapping: dict[str, str]) -> None:
    if column not in (dataset.headers or []):
        return
    index = dataset.headers.index(column)
    values = [mapping.get(value, value) if value else value for value in dataset[column]]
    del dataset[column]
    dataset.insert_col(index, values, header=column)


def _settle_accounts(files: dict[str, _File], authors: str | None) -> None:
    names = {
        value
        for table in TABLES
        for column in table.accounts
        if column in (files[table.name].dataset.headers or [])
        for value in files[table.name].dataset[column]
        if value
    }
    try:
        mapping = accounts.settle(names, authors)
    except accounts.UnknownAccount as error:
        raise LoadError([str(error)]) from error
    for table in TABLES:
        for column in table.accounts:
            _replace_column(files[table.name].dataset, column, mapping)


def _problems(read: _File, result) -> list[str]:
    problems = [f"{read.path}: {error.error}" for error in result.base_errors]
    for number, errors in result.row_errors():
        problems += [f"{read.where(number)}: {str(error.error)[:300]}" for error in errors]
    for row in result.invalid_rows:
        for name, messages in row.error_dict.items():
            problems += [f"{read.where(row.number)}: {name}: {message}" for message in messages]
    if len(problems) > MAX_PROBLEMS:
        problems = [*problems[:MAX_PROBLEMS], f"… and {len(problems) - MAX_PROBLEMS} more."]
    return problems


def _advance_sequences() -> None:
    """Ids written by hand: let the next new row of each table take a higher id.

    A merged record's id is gone from its table but still redirects to the
    record kept, so it must never be given to a new record either.
    """
    floors = {
        model: max(
            Merge.objects.filter(kind=kind).values_list("absorbed_id", flat=True), default=0
        )
        for kind, model in (("person", Person), ("place", Place))
    }
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in TABLES:
            model = table.resource._meta.model
            db_table, column = model._meta.db_table, model._meta.pk.column
            cursor.execute(f"SELECT MAX({quote(column)}) FROM {quote(db_table)}")
            highest = max(cursor.fetchone()[0] or 0, floors.get(model, 0))
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, %s), %s, %s)",
                    [db_table, column, max(highest, 1), highest > 0],
                )
            elif connection.vendor == "sqlite" and highest:
                cursor.execute(
                    "UPDATE sqlite_sequence SET seq = MAX(seq, %s) WHERE name = %s",
                    [highest, db_table],
                )
                if not cursor.rowcount:
                    cursor.execute(
                        "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)",
                        [db_table, highest],
                    )


def rebuild_derived() -> None:
    """The search index and the stored counts of every document, person and place."""
    if search.is_postgres():
        search.update_search_vectors(Telegram.objects.values_list("pk", flat=True))
    elif search_sqlite.fts5_compiled():
        search_sqlite.rebuild()
    tallies.refresh()


def import_archive(folder: Path, authors: str | None = None) -> LoadSummary:
    """Load the dump in ``folder``, all or nothing; raise :class:`LoadError` naming bad rows.

    ``authors`` names an existing account to receive the work of editors
    this archive has no account for (otherwise they become inactive accounts).
    """
    folder = Path(folder)
    manifest = _manifest(folder)
    fmt, counts = manifest["format"], manifest.get("tables") or {}
    files = {table.name: _read(folder, table, fmt, counts.get(table.name)) for table in TABLES}
    keep_ids = not any(table.resource._meta.model.objects.exists() for table in TABLES)
    summary = LoadSummary(kept_ids=keep_ids)
    with transaction.atomic():
        _settle_accounts(files, authors)
        for table in TABLES:
            read = files[table.name]
            resource = table.resource(keep_ids=keep_ids)
            result = resource.import_data(
                read.dataset, dry_run=False, raise_errors=False, use_transactions=False
            )
            problems = _problems(read, result)
            if problems:
                raise LoadError(problems)
            summary.totals[table.name] = dict(result.totals)
        if not keep_ids:
            summary.merges_left_out = len(files["merges"].dataset)
        if keep_ids:
            _advance_sequences()
        rebuild_derived()
    return summary
