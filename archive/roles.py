"""The roles a person or place has in the documents, defined once for pages and counts.

A person page lists the public documents a person sent, received, signed,
is named in, or is identified in a footnote of; a place page those sent
from it, addressed to it, naming it or identifying it in a footnote. The
same SQL answers the page's lists, the page's counts and the stored count
of archive.tallies, so the number on /people/ is always the number of
documents the page can show (before, the page read only the sender and
recipient fields and "mentioned" mentions, and people named only as
recipient or signatory, such as Cordell Hull, had a count and a 404).

Each role is a set of document ids, written with ``{id}`` for the record's
id (``e.id`` in the tallies' UPDATE, a parameter on the pages). A mention
an editor rejected names nobody. Each role's count of public documents is
stored on the record (``Role.field``, kept by archive.tallies like
``public_documents``): counted at request time, the Secretary of State's
page read every document naming him on every view (297 ms at 100,000
documents).
"""

from __future__ import annotations

from dataclasses import dataclass

_NOT_REJECTED = "status <> 'rejected'"


def _linked(column: str) -> str:
    return f"SELECT id FROM archive_telegram WHERE {column} = {{id}}"


def _mentioned(entity: str, role: str) -> str:
    return (
        f"SELECT telegram_id FROM archive_{entity}mention WHERE {entity}_id = {{id}} "
        f"AND role = '{role}' AND {_NOT_REJECTED}"
    )


def _footnoted(entity: str) -> str:
    return f"SELECT telegram_id FROM archive_footnote WHERE {entity}_id = {{id}}"


@dataclass(frozen=True)
class Role:
    key: str
    title: str
    ids: str  # SQL for the ids of the documents (public or not) in this role

    @property
    def field(self) -> str:
        """The record's field storing this role's count of public documents."""
        return f"public_{self.key}"

    def public_count(self, record: str = "{id}") -> str:
        """SQL counting the public documents in this role."""
        return (
            "(SELECT count(*) FROM archive_telegram t WHERE t.is_public AND t.id IN ("
            + self.ids.replace("{id}", record)
            + "))"
        )


ROLES: dict[str, list[Role]] = {
    "person": [
        Role(
            "sent",
            "Sent",
            _linked("sender_id") + " UNION ALL " + _mentioned("person", "sender"),
        ),
        Role(
            "received",
            "Received",
            _linked("recipient_id") + " UNION ALL " + _mentioned("person", "recipient"),
        ),
        Role("signed", "Signed", _mentioned("person", "signatory")),
        Role("named", "Named in", _mentioned("person", "mentioned")),
        Role("footnote", "Identified in a footnote", _footnoted("person")),
    ],
    "place": [
        Role(
            "origin",
            "Sent from",
            _linked("origin_id") + " UNION ALL " + _mentioned("place", "origin"),
        ),
        Role("destination", "Sent to", _mentioned("place", "destination")),
        Role("named", "Named in", _mentioned("place", "mentioned")),
        Role("footnote", "Identified in a footnote", _footnoted("place")),
    ],
}


def all_ids(entity: str) -> str:
    """SQL for the ids of every document that names the record in any role."""
    return " UNION ALL ".join(role.ids for role in ROLES[entity])


def public_total(entity: str, record: str = "{id}") -> str:
    """SQL counting the public documents that name the record in any role.

    This is what ``public_documents`` stores (archive.tallies).
    """
    return Role("all", "", all_ids(entity)).public_count(record)


def ids_sql(role: Role, pk: int) -> tuple[str, list[int]]:
    """The role's SQL and parameters, for ``pk__in=RawSQL(...)``."""
    return role.ids.replace("{id}", "%s"), [pk] * role.ids.count("{id}")
