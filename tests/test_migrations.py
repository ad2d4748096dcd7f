"""A database migrated step by step and one migrated from the squashed migration are the same."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

SQUASHED = ("archive", "0001_squashed_0021_quality_acceptance")
LAST_REPLACED = ("archive", "0021_quality_acceptance")


def executor(*, steps: bool) -> MigrationExecutor:
    """An executor over the old migrations one by one (``steps``) or with the squash."""
    runner = MigrationExecutor(connection)
    runner.loader = MigrationLoader(connection, replace_migrations=not steps)
    return runner


def later_leaves(runner: MigrationExecutor) -> list[tuple[str, str]]:
    return [node for node in runner.loader.graph.leaf_nodes() if node[0] == "archive"]


def schema() -> dict:
    """Every archive table's columns, constraints and indexes, as the database reports them."""
    result = {}
    with connection.cursor() as cursor:
        tables = [t for t in connection.introspection.table_names(cursor) if "archive_" in t]
        for table in sorted(tables):
            columns = {
                c.name: (c.type_code, c.null_ok)
                for c in connection.introspection.get_table_description(cursor, table)
            }
            found = connection.introspection.get_constraints(cursor, table)
            # Generated names depend on the path (SQLite numbers foreign keys,
            # PostgreSQL names a unique column by the operation that made it):
            # compare what every constraint is, and the names the code declares.
            constraints = sorted(
                (
                    tuple(info["columns"] or ()),
                    info["unique"],
                    info["primary_key"],
                    info["check"],
                    info["index"],
                    str(info.get("type")),
                    bool(info["foreign_key"]),
                )
                for info in found.values()
            )
            names = set(found) & declared_names()
            constraints = (constraints, names)
            result[table] = (columns, constraints)
    return result


def declared_names() -> set[str]:
    """Names of the constraints and indexes the models and the migrations' SQL declare."""
    from django.apps import apps

    names = {"telegram_search_gin", "telegram_public_date_desc"}
    for model in apps.get_app_config("archive").get_models():
        names |= {item.name for item in [*model._meta.constraints, *model._meta.indexes]}
    return names


def editor_permissions() -> set[str]:
    from django.contrib.auth.models import Group

    group = Group.objects.get(name="Editor")
    return set(group.permissions.values_list("codename", flat=True))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_step_by_step_and_squashed_give_the_same_database():
    # From nothing, through the squash (earlier tests may have flushed the
    # rows its data step made, such as the Editor group).
    runner = executor(steps=False)
    leaves = later_leaves(runner)
    assert SQUASHED in runner.loader.graph.nodes
    runner.migrate([("archive", None)])
    runner = executor(steps=False)
    runner.migrate(leaves)
    squashed, squashed_permissions = schema(), editor_permissions()

    executor(steps=False).migrate([("archive", None)])
    steps = executor(steps=True)
    assert LAST_REPLACED in steps.loader.graph.nodes
    steps.migrate([LAST_REPLACED])
    steps = executor(steps=True)
    steps.migrate(later_leaves(steps))
    assert schema() == squashed
    assert editor_permissions() == squashed_permissions
    # The database stays as the steps built it: the same schema, so every other
    # test runs on it unchanged (and the squash counts as applied).
    assert SQUASHED in executor(steps=False).loader.applied_migrations
