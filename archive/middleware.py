"""Requests whose address carries control characters are refused with a 400.

A NUL or another control character has no place in an address: no
document, name, date or file number contains one. PostgreSQL refuses NUL
in a query outright (an error a page would show as a 500), and a download
already streaming would end short. So such a request is answered before any
view runs: 400 with a short plain message naming the parameter.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest

# C0 controls (NUL to US), DEL and the C1 controls.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def offending_parameter(request: HttpRequest) -> str | None:
    """The name of the first part of the address with a control character, or None."""
    if CONTROL.search(request.path):
        return "the path"
    for key, values in request.GET.lists():
        if CONTROL.search(key):
            return "a parameter name"
        if any(CONTROL.search(value) for value in values):
            return f"“{key}”"
    return None


class RejectControlCharacters:
    """Answer 400 to any request with a control character in its path or query string."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        where = offending_parameter(request)
        if where is not None:
            return HttpResponseBadRequest(
                f"Bad request: {where} contains a control character (such as NUL), "
                "which no page of the archive accepts. Remove it and try again.\n",
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
