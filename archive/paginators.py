"""Pagination that stays quick when a search matches a large part of the archive."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    """Counts at most ``cap`` matches, so a search for a common word stays quick.

    Readers are told there are more than ``cap``; the downloads still carry
    every match.
    """

    def __init__(self, *args, cap: int, found: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.cap = cap
        self.found = found

    @cached_property
    def count(self) -> int:
        if self.found is None:
            self.found = self.object_list.order_by()[: self.cap + 1].count()
        return min(self.found, self.cap)

    @property
    def capped(self) -> bool:
        return self.count >= self.cap and (self.found or 0) > self.cap
