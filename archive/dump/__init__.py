"""The whole archive as a folder of files, and back: ``export_archive`` / ``import_archive``.

Why a dump of its own, beside ``dumpdata``: the files are the same rows the
editors' Import and Export buttons read and write (the resources of
:mod:`archive.resources`, keyed on natural keys), so a dump can be read,
corrected and loaded into any archive, and loading it follows the rules of
every import (:mod:`archive.exchange`).

What it carries: every table editors' work lives in (:mod:`.tables`), with
the database ids, lock versions and creation times of every row. What it
does not: history (the load writes one "import" version per row), accounts
(only the names of the editors who wrote annotations, made merges or
accepted findings), and what is derived (search index, stored counts),
which the load rebuilds.

Loading into an empty archive gives back every row with its id, so the
public addresses of people and places, the redirects of merged records and
the record a merge's undo needs all hold. Loading into an archive that has
rows matches rows by natural key and never keeps the dump's ids; see
:mod:`.loading` for what it does there.
"""

from __future__ import annotations

from .loading import LoadError, export_archive, import_archive

__all__ = ["LoadError", "export_archive", "import_archive"]
