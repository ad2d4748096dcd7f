"""The tables of a dump, in the order an empty archive must receive them.

Every row links only to rows of tables listed before it: places (a place
lies in another place: the resource loads parents first), then what names
places, people, what names people, documents, what hangs on documents, and
last the merge log, whose undo record names rows of all of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..exchange import ArchiveResource
from . import resources as dump


@dataclass(frozen=True)
class Table:
    """One file of the dump: its name, its resource, and the columns naming accounts."""

    name: str
    resource: type[ArchiveResource]
    accounts: tuple[str, ...] = ()


TABLES = [
    Table("places", dump.PlaceDump),
    Table("country_codes", dump.CountryCodeDump),
    Table("people", dump.PersonDump),
    Table("office_holdings", dump.OfficeHoldingDump),
    Table("telegrams", dump.TelegramDump),
    Table("footnotes", dump.FootnoteDump),
    Table("annotations", dump.AnnotationDump, accounts=("author",)),
    Table("person_mentions", dump.PersonMentionDump),
    Table("place_mentions", dump.PlaceMentionDump),
    Table("references", dump.TelegramReferenceDump),
    Table("unmatched_names", dump.UnmatchedNameDump),
    Table("quality_acceptances", dump.QualityAcceptanceDump, accounts=("user",)),
    Table("merges", dump.MergeDump, accounts=("user", "undone_by")),
]
