"""Which people and places the public may see named: those a public document names.

A filter label, a facet, a type-ahead list, the sitemap and the open-data
files name a person or place only if a public document names them: as
sender, recipient or origin, in a mention an editor has not rejected, or in
a footnote that identifies them. Everyone else (named only in private
documents, only in rejected mentions, or nowhere) is answered exactly like
an id that does not exist, so that walking the ids cannot list the
authority records.

A record whose stored count of public documents (archive.tallies) is above
zero passes at once: that count is kept right on every path that changes
what a public document names (see the README, "The stored counts"), and
it lets PostgreSQL answer from one row instead of searching the documents
(its planner read all 20,000 documents to check one person's sender
links). Any other record is checked against the documents themselves, in
every role, so a person named only as a sender or in a footnote counts too.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from .models import Footnote, MentionStatus, Person, PersonMention, Place, PlaceMention, Telegram


def _public(model):
    return model.objects.filter(telegram__is_public=True)


def public_people() -> QuerySet[Person]:
    """People named in at least one public document."""
    documents = Telegram.objects.public()
    return Person.objects.filter(
        Q(public_documents__gt=0)
        | Exists(documents.filter(sender=OuterRef("pk")))
        | Exists(documents.filter(recipient=OuterRef("pk")))
        | Exists(
            _public(PersonMention)
            .filter(person=OuterRef("pk"))
            .exclude(status=MentionStatus.REJECTED)
        )
        | Exists(_public(Footnote).filter(person=OuterRef("pk")))
    )


def public_places() -> QuerySet[Place]:
    """Places named in at least one public document."""
    documents = Telegram.objects.public()
    return Place.objects.filter(
        Q(public_documents__gt=0)
        | Exists(documents.filter(origin=OuterRef("pk")))
        | Exists(
            _public(PlaceMention)
            .filter(place=OuterRef("pk"))
            .exclude(status=MentionStatus.REJECTED)
        )
        | Exists(_public(Footnote).filter(place=OuterRef("pk")))
    )
