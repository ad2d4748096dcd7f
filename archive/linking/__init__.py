"""Cross-referencing: the names of people and places, and what a document refers to.

- ``names``: the index of every name and alias, and the names no record matches;
- ``registry``: the records of one run in memory, and the stubs it makes;
- ``suggestions``: the mentions suggested for a document, and re-linking;
- ``threads``: replies and references to other documents;
- ``unmatched``: the queue of unmatched names for editors.

Nothing here parses files or writes documents: the pipeline calls in.
"""
