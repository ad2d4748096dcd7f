"""The import pipeline, one way: file → parse → resolve → save.

- ``paths``: which files a path names, and those that cannot be read;
- ``sources``: files, folders, standard input, and parsing one source (pure);
- ``workers``: parsing processes that die with the import;
- ``resolve``: a parsed document's rows, with people and places found;
- ``importer``: the run: parsing processes, batches, the save paths (the fast
  one writes through archive.bulkload: ``COPY`` with history rows);
- ``report``: what happened to each document.

The admin never imports this package; it calls the domain modules beside
the models (archive.linking, archive.anchoring, archive.merging…).
"""
