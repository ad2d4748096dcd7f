"""Loading the starter authority lists (``seeds/authorities/*.csv``).

The lists go through the same django-import-export resources the admin
uses, keyed on ``authority_key``; loading them twice changes nothing, and
an editor's corrections survive (see :mod:`archive.resources`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import tablib
from django.db import transaction

from .resources import (
    CountryCodeResource,
    OfficeHoldingResource,
    PersonResource,
    PlaceResource,
    parents_first,
)

LISTS = (
    ("places.csv", PlaceResource),
    ("country_codes.csv", CountryCodeResource),
    ("persons.csv", PersonResource),
    ("offices.csv", OfficeHoldingResource),
)


class AuthorityError(ValueError):
    """An authority list with rows that cannot be loaded."""


@dataclass
class AuthorityReport:
    totals: dict[str, dict[str, int]] = field(default_factory=dict)

    def summary(self) -> str:
        parts = []
        for name, counts in self.totals.items():
            parts.append(
                f"{name}: {counts.get('new', 0)} new, {counts.get('update', 0)} updated, "
                f"{counts.get('skip', 0)} unchanged"
            )
        return "; ".join(parts)


def load_authorities(directory: Path, *, dry_run: bool = False) -> AuthorityReport:
    """Load every list found in ``directory``; raise :class:`AuthorityError` on a bad row."""
    with transaction.atomic():
        report = _load(directory)
        if dry_run:
            transaction.set_rollback(True)
    return report


def _load(directory: Path) -> AuthorityReport:
    report = AuthorityReport()
    for filename, resource_class in LISTS:
        path = directory / filename
        if not path.exists():
            continue
        dataset = tablib.Dataset().load(path.read_text(encoding="utf-8-sig"), format="csv")
        if "parent" in (dataset.headers or []):
            dataset = parents_first(dataset)
        # Each list is loaded for real, so that later lists (country codes)
        # can refer to earlier ones (places); a dry run is rolled back below.
        result = resource_class().import_data(dataset, dry_run=False, raise_errors=False)
        problems = []
        lines = getattr(dataset, "line_numbers", None)

        def line_of(number: int, lines: list[int] | None = lines) -> int:
            """File line of a data row (import-export counts data rows from 1)."""
            return lines[number - 1] if lines else number + 1

        for number, errors in result.row_errors():
            for error in errors:
                problems.append(f"{path}, line {line_of(number)}: {error.error}")
        for invalid in result.invalid_rows:
            problems.append(f"{path}, line {line_of(invalid.number)}: {invalid.error_dict}")
        if problems:
            raise AuthorityError("\n".join(problems))
        report.totals[filename] = dict(result.totals)
    return report
