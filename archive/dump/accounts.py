"""The editors a dump names (annotation authors, mergers, acceptances) in the archive loading it.

A dump carries editors' user names, never their accounts (passwords,
permissions and e-mail addresses stay in the archive they belong to). An
account with the same name is used as it is. A name the archive lacks is
either made an inactive account without a password, so the work keeps its
author and nobody can log in as them until an administrator says so, or,
when the load names an account (``--authors``), given to that account.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model

from ..history import script_user


class UnknownAccount(LookupError):
    """The account named to receive the dump's editors' work does not exist."""


def settle(usernames: Iterable[str], authors: str | None = None) -> dict[str, str]:
    """Each name in the dump → the name of the account that stands for it here.

    Missing accounts are created inactive, or mapped to ``authors``.
    """
    User = get_user_model()
    if authors and not User.objects.filter(username=authors).exists():
        raise UnknownAccount(
            f"There is no account named “{authors}” to give the authors' work to."
        )
    wanted = sorted({name for name in usernames if name})
    existing = set(User.objects.filter(username__in=wanted).values_list("username", flat=True))
    mapping = {}
    for name in wanted:
        if name in existing:
            mapping[name] = name
        elif name == settings.ARCHIVE_SCRIPT_USERNAME:
            mapping[name] = script_user().get_username()
        elif authors:
            mapping[name] = authors
        else:
            account = User(username=name, is_active=False)
            account.set_unusable_password()
            account.save()
            mapping[name] = name
    return mapping
