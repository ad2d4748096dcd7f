"""The import pipeline, one way: file → parse → resolve → save.

- ``sources``: files, folders, standard input, and parsing one source (pure);
- ``resolve``: a parsed document's rows, with people and places found;
- ``importer``: the run: parsing processes, batches, the save paths;
- ``bulkload``: ``COPY`` with history rows, the fast path for new documents;
- ``report``: what happened to each document.

The admin never imports this package; it calls the domain modules beside
the models (archive.linking, archive.anchoring, archive.merging…).
"""
