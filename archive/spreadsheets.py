"""The admin's import and export formats, with formula neutralising that round-trips.

django-import-export's own ``IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT`` only
deletes a leading ``=`` (losing data, and leaving ``+ - @``, TAB and CR
live) and does it in every format, JSON included. Here the spreadsheet
formats (CSV, TSV, XLSX) put an apostrophe before a cell a spreadsheet
would run (archive.formulae) and take it off again on import, so an
editor's export can be corrected and imported back unchanged; JSON, YAML
and HTML carry the values as they are.
"""

from __future__ import annotations

import tablib
from import_export.formats import base_formats

from .formulae import neutralise_reversibly, restore


def _mapped(dataset: tablib.Dataset, change) -> tablib.Dataset:
    result = tablib.Dataset(headers=dataset.headers, title=dataset.title)
    for row in dataset:
        result.append([change(cell) for cell in row])
    return result


class _Neutralising:
    """Mixin for a tablib format: neutralise on export, restore on import."""

    def export_data(self, dataset, **kwargs):
        return super().export_data(_mapped(dataset, neutralise_reversibly), **kwargs)

    def create_dataset(self, in_stream, **kwargs):
        return _mapped(super().create_dataset(in_stream, **kwargs), restore)


class CSV(_Neutralising, base_formats.CSV):
    pass


class TSV(_Neutralising, base_formats.TSV):
    pass


class XLSX(_Neutralising, base_formats.XLSX):
    def create_dataset(self, in_stream, **kwargs):
        """Read like a CSV: an empty cell is "" (openpyxl gives None, which a text
        column refuses), and neutralised cells restored."""
        # base_formats.XLSX.create_dataset takes no keyword arguments.
        dataset = base_formats.XLSX.create_dataset(self, in_stream)
        return _mapped(dataset, lambda cell: "" if cell is None else restore(cell))


FORMATS = [
    fmt
    for fmt in (
        CSV,
        XLSX,
        TSV,
        base_formats.JSON,
        base_formats.YAML,
        base_formats.HTML,
    )
    if fmt.is_available()
]
