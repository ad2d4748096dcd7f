"""The client address django-axes counts failed logins against.

Without a proxy it is the socket's address (``REMOTE_ADDR``). Behind
``ARCHIVE_TRUSTED_PROXIES`` proxies, each of which appends the address it
received the request from to ``X-Forwarded-For``, the client is that many
entries from the right; anything further left was written by the client
and could be forged to dodge the lock-out, so it is never read.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The address to throttle: REMOTE_ADDR, or the trusted proxies' record of the client."""
    proxies = getattr(settings, "ARCHIVE_TRUSTED_PROXIES", 0)
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")
