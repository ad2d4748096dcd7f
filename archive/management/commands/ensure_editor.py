"""Make sure an editor account (a superuser) exists, without a hard-coded password.

The name and password come from DJANGO_SUPERUSER_USERNAME and
DJANGO_SUPERUSER_PASSWORD when set. Otherwise the account is called
"editor" and, on the run that creates it, a generated password is printed
once. An existing account is left as it is.
"""

from __future__ import annotations

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        User = get_user_model()
        username = os.environ.get("DJANGO_SUPERUSER_USERNAME") or "editor"
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"Editor account {username!r} already exists; sign in with it.")
            return
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        generated = not password
        if generated:
            password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        if generated:
            self.stdout.write(
                f"Created the editor account {username!r} with password {password}\n"
                "This password is shown only now; change it in the admin."
            )
        else:
            self.stdout.write(f"Created the editor account {username!r}.")
