"""Make sure an editor account (a superuser) exists, without a hard-coded password.

The name and password come from DJANGO_SUPERUSER_USERNAME and
DJANGO_SUPERUSER_PASSWORD when set. Otherwise the account is called
"editor" and, on the run that creates it, a generated password is printed
once. An existing account is left as it is, unless --reset-password is
given: its password is then set again (from DJANGO_SUPERUSER_PASSWORD, or
generated and printed once). A password from the environment must pass the
project's AUTH_PASSWORD_VALIDATORS, as one typed in the admin must.
"""

from __future__ import annotations

import os
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-password",
            action="store_true",
            help="set a new password for an existing account (from DJANGO_SUPERUSER_PASSWORD, "
            "or generated and printed once)",
        )

    def handle(self, *args, **options):
        User = get_user_model()
        username = os.environ.get("DJANGO_SUPERUSER_USERNAME") or "editor"
        user = User.objects.filter(username=username).first()
        if user is not None and not options["reset_password"]:
            self.stdout.write(f"Editor account {username!r} already exists; sign in with it.")
            return
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        generated = not password
        if generated:
            password = secrets.token_urlsafe(12)
        probe = user or User(username=username)
        try:
            validate_password(password, probe)
        except ValidationError as error:
            raise CommandError(
                "DJANGO_SUPERUSER_PASSWORD is refused: " + " ".join(error.messages)
            ) from error
        if user is None:
            User.objects.create_superuser(username=username, email="", password=password)
            done = f"Created the editor account {username!r}"
        else:
            user.set_password(password)
            user.save(update_fields=["password"])
            done = f"Set a new password for the editor account {username!r}"
        if generated:
            self.stdout.write(
                f"{done} with password {password}\n"
                "This password is shown only now; change it in the admin."
            )
        else:
            self.stdout.write(f"{done}.")
