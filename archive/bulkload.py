"""Rows and their history rows in bulk: PostgreSQL ``COPY``, the library elsewhere.

Why this is written here rather than taken from django-simple-history:
``bulk_create_with_history`` builds a model instance for every history row
and Django compiles every value of every row into a multi-row ``INSERT``.
An import of a hundred thousand documents writes about fourteen rows per
document and as many history rows; profiled, that Python work and the
statements it produced were most of the import's time (see
docs/benchmarks.md). Changes to rows the import made (references linked to
their documents once the run's documents are in) go the same way: Django's
``bulk_update`` sends a ``CASE`` with one branch per row for every field,
which PostgreSQL reads through for every row it updates, so a batch of a
thousand costs a million comparisons; here one ``UPDATE … FROM unnest(…)``
joins the new values by id. ``COPY`` streams the same rows through PostgreSQL's
bulk-load path and psycopg's C adapters. The history rows are exactly the
ones the library writes (same columns, ``+`` for created, the user and the
reason), so the admin's history pages cannot tell them apart. On SQLite,
the embedded development database, the library's own path is used.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from operator import attrgetter, itemgetter

from django.conf import settings
from django.db import connection, models
from django.utils import timezone
from psycopg.types.json import Jsonb
from simple_history.utils import bulk_create_with_history, bulk_update_with_history


def insert_with_history(
    objects: Sequence[models.Model], model: type[models.Model], *, user, reason: str
) -> None:
    """Insert unsaved ``objects`` (primary keys are set on them) and record their creation."""
    if not objects:
        return
    if connection.vendor != "postgresql":
        bulk_create_with_history(
            objects, model, batch_size=1000, default_user=user, default_change_reason=reason
        )
        return
    table = _plan(model)
    for obj, pk in zip(objects, _next_ids(model, len(objects)), strict=True):
        obj.pk = pk
    now = timezone.now()
    rows = []
    for obj in objects:
        for field in table.relations:
            _take_related_id(obj, field)
        for field in table.stamped:
            setattr(obj, field.attname, now)  # what auto_now and auto_now_add do on save
        rows.append(table.row(obj))
        obj._state.adding = False
        obj._state.db = connection.alias
    _copy(table.table, table.columns, rows)
    _record(model, rows, when=now, reason=reason, kind="+", user=user)


def insert_rows(rows: Sequence[dict], model: type[models.Model], *, user, reason: str) -> None:
    """Insert rows given as field values (by attname) and record their creation.

    For children the caller never reads back (footnotes, mentions), so no
    model instance is built for them on PostgreSQL: at fifteen rows per
    document, building instances cost as much as writing the rows.
    """
    if not rows:
        return
    if connection.vendor != "postgresql":
        insert_with_history([model(**row) for row in rows], model, user=user, reason=reason)
        return
    table = _plan(model)
    ids = _next_ids(model, len(rows))
    fill = table.filler(timezone.now())
    values = [fill(row, pk) for row, pk in zip(rows, ids, strict=True)]
    _copy(table.table, table.columns, values)
    _record(model, values, when=fill.now, reason=reason, kind="+", user=user)


def update_with_history(
    objects: Sequence[models.Model],
    model: type[models.Model],
    fields: Sequence[str],
    *,
    user,
    reason: str,
) -> None:
    """Write ``fields`` of saved ``objects`` and record the change, as ``bulk_update`` would.

    Only the fields named are written (like ``bulk_update``, no ``auto_now``
    stamp); each object gets a history row of type ``~`` with its values.
    """
    if not objects:
        return
    if connection.vendor != "postgresql":
        bulk_update_with_history(
            objects, model, list(fields), batch_size=1000, default_user=user,
            default_change_reason=reason,
        )  # fmt: skip
        return
    meta, quote = model._meta, connection.ops.quote_name
    changed = [meta.get_field(name) for name in fields]
    pk = meta.pk
    columns = [pk, *changed]
    arrays = [
        [field.get_db_prep_value(getattr(obj, field.attname), connection) for obj in objects]
        for field in columns
    ]
    unnested = ", ".join(f"%s::{field.db_type(connection)}[]" for field in columns)
    names = ", ".join(f"c{i}" for i in range(len(columns)))
    assignments = ", ".join(f"{quote(f.column)} = v.c{i}" for i, f in enumerate(changed, 1))
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {quote(meta.db_table)} AS t SET {assignments} "
            f"FROM unnest({unnested}) AS v({names}) WHERE t.{quote(pk.column)} = v.c0",
            arrays,
        )
    table = _plan(model)
    rows = [table.row(obj) for obj in objects]
    _record(model, rows, when=timezone.now(), reason=reason, kind="~", user=user)


class _Plan:
    """The columns of one table and how to read a row for them off an instance or a dict."""

    def __init__(self, model: type[models.Model]) -> None:
        fields = model._meta.concrete_fields
        self.table = model._meta.db_table
        self.names = [f.attname for f in fields]
        self.columns = [f.column for f in fields]
        self._get = _as_tuple(attrgetter, self.names)
        self._json = [i for i, f in enumerate(fields) if isinstance(f, models.JSONField)]
        self.relations = [f for f in fields if f.is_relation]
        self.stamped = [
            f for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        ]
        self._stamped = {f.attname for f in self.stamped}
        self._pk = model._meta.pk.attname
        # Defaults of new rows: made for each row when the model says so with a
        # callable (a new key, an empty list), otherwise one value for all.
        self._made = [
            (f.attname, f.get_default)
            for f in fields
            if f.has_default() and callable(f.default) and f.attname not in self._stamped
        ]
        made = {name for name, _ in self._made}
        self._constant = {
            f.attname: f.get_default()
            for f in fields
            if f.attname != self._pk and f.attname not in made and f.attname not in self._stamped
        }

    def row(self, obj: models.Model) -> tuple:
        return self._wrap(self._get(obj))

    def filler(self, now) -> _Filler:
        """Builds new rows from given values: see :class:`_Filler`."""
        return _Filler(self, now)

    def _wrap(self, values: tuple) -> tuple:
        if not self._json:
            return values
        values = list(values)
        for i in self._json:
            if values[i] is not None:
                values[i] = Jsonb(values[i])
        return tuple(values)


class _Filler:
    """A new row's values in column order: given ones, the id, the stamps, the defaults.

    The defaults and stamps are worked out once per batch and each row is
    one dictionary merge and one ``itemgetter`` (both in C): a loop over the
    columns in Python, twice (the row, then its history row), for each of
    the 1.4 million rows of 100,000 documents was 6 % of the writing
    process's time (profiled). A default made by a callable (a new key,
    an empty list) is still made for each row that is not given it.
    """

    def __init__(self, plan: _Plan, now) -> None:
        self.now = now
        self._plan = plan
        self._base = {**plan._constant, **dict.fromkeys(plan._stamped, now)}
        self._made = plan._made
        self._pk = plan._pk
        self._get = _as_tuple(itemgetter, plan.names)

    def __call__(self, given: dict, pk: int) -> tuple:
        row = {**self._base, self._pk: pk}
        for name, make in self._made:
            if name not in given:
                row[name] = make()
        row.update(given)
        return self._plan._wrap(self._get(row))


def _as_tuple(getter_of, names: Sequence[str]):
    """``attrgetter`` or ``itemgetter`` of ``names`` that gives a tuple even for one name."""
    getter = getter_of(*names)
    return getter if len(names) > 1 else (lambda source: (getter(source),))


@cache
def _plan(model: type[models.Model]) -> _Plan:
    return _Plan(model)


HISTORY_STAMP = ["history_date", "history_change_reason", "history_type", "history_user_id"]


@cache
def _history_of(model: type[models.Model]) -> tuple[str, list[str], Callable[[tuple], tuple]]:
    """The history table, its columns, and how to take a history row from a row of the table.

    The history table repeats the table's columns (some may be left out, as
    the search vector is) and adds its own stamp. A row already written to
    the table, its values adapted for ``COPY``, is taken as it is, in the
    table's column order (``COPY`` names its columns), and the stamp added:
    nothing is read off the objects again.
    """
    table = _plan(model)
    history = model.history.model
    kept = {f.column for f in history._meta.concrete_fields if not f.name.startswith("history_")}
    missing = kept - set(table.columns)
    if missing:
        raise ValueError(f"{history.__name__} has columns {model.__name__} lacks: {missing}")
    positions = [i for i, column in enumerate(table.columns) if column in kept]
    columns = [table.columns[i] for i in positions] + HISTORY_STAMP
    if len(positions) == len(table.columns):
        return history._meta.db_table, columns, lambda row: row
    return history._meta.db_table, columns, _as_tuple(itemgetter, positions)


def _record(model, rows: list[tuple], *, when, reason: str, kind: str, user) -> None:
    """History rows for rows written to ``model``'s table: ``+`` created, ``~`` changed."""
    if not rows or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    table, columns, take = _history_of(model)
    stamp = (when, reason, kind, user.pk if user is not None else None)
    _copy(table, columns, [take(row) + stamp for row in rows])


def _take_related_id(obj: models.Model, field: models.Field) -> None:
    """A child built before its parent had an id takes the id now (as ``save()`` would)."""
    if getattr(obj, field.attname) is not None or not field.is_cached(obj):
        return
    related = field.get_cached_value(obj)
    if related is None:
        return
    if related.pk is None:
        raise ValueError(f"{obj!r}: its {field.name} is not saved yet")
    setattr(obj, field.attname, related.pk)


def _next_ids(model: type[models.Model], count: int) -> list[int]:
    """Ids from the table's own sequence, so COPY can write them (and children use them)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [connection.ops.quote_name(model._meta.db_table), model._meta.pk.column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def _copy(table: str, columns: list[str], rows: list[tuple]) -> None:
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)
