"""The editor account: passwords pass Django's validators, and can be reset."""

from __future__ import annotations

import io
import re

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("ensure_editor", *args, stdout=out)
    return out.getvalue()


def printed_password(output: str) -> str:
    return re.search(r"with password (\S+)", output).group(1)


def test_a_weak_password_from_the_environment_is_refused(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "editor")
    for weak in ("password", "12345678", "short", "editor12"):
        monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", weak)
        with pytest.raises(CommandError, match="refused"):
            run()
    assert not User.objects.filter(username="editor").exists()


def test_created_once_with_a_generated_password(monkeypatch):
    monkeypatch.delenv("DJANGO_SUPERUSER_USERNAME", raising=False)
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    password = printed_password(run())
    user = User.objects.get(username="editor")
    assert user.is_superuser and user.check_password(password)
    again = run()
    assert "already exists" in again and "password" not in again.split("exists")[1]
    user.refresh_from_db()
    assert user.check_password(password)  # left as it is


def test_reset_password_generates_or_takes_the_environment(monkeypatch):
    monkeypatch.delenv("DJANGO_SUPERUSER_USERNAME", raising=False)
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    first = printed_password(run())
    second = printed_password(run("--reset-password"))
    user = User.objects.get(username="editor")
    assert second != first and user.check_password(second) and not user.check_password(first)

    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "correct horse battery staple 1934")
    output = run("--reset-password")
    assert "correct horse" not in output and "Set a new password" in output
    user.refresh_from_db()
    assert user.check_password("correct horse battery staple 1934")

    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "editor")  # like the name, and short
    with pytest.raises(CommandError, match="refused"):
        run("--reset-password")
    user.refresh_from_db()
    assert user.check_password("correct horse battery staple 1934")
