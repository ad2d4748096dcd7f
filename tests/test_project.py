"""Settings, deployment files and migrations."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import yaml
from django.core.management import call_command

from .conftest import ROOT


def _django(env_overrides: dict, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_no_secret_key_outside_debug_refuses_to_start():
    result = _django({}, "check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_debug_gets_a_development_key():
    assert _django({"DJANGO_DEBUG": "1"}, "check").returncode == 0


def test_production_settings_pass_check_deploy():
    result = _django(
        {
            "DJANGO_SECRET_KEY": "x" * 64 + "-production-like-secret-for-the-check",
            "DJANGO_ALLOWED_HOSTS": "archive.example.org",
        },
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stderr + result.stdout


def _settings_debug(env_overrides: dict) -> str:
    """``settings.DEBUG`` as Django loads it in a fresh process with this environment."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings", **env_overrides})
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize(
    ("debug", "expected"),
    [(None, "False"), ("0", "False"), ("1", "True")],
)
def test_debug_is_off_unless_asked_for(debug, expected):
    env = {"DJANGO_SECRET_KEY": "x" * 50}
    if debug is not None:
        env["DJANGO_DEBUG"] = debug
    assert _settings_debug(env) == expected


def test_compose_file_agrees_with_settings():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    db, web = services["db"], services["web"]
    assert db["image"].startswith("postgres:16")
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    volume = db["volumes"][0].split(":")[0]
    assert volume in compose["volumes"]
    assert web["depends_on"]["db"]["condition"] == "service_healthy"
    env = web["environment"]
    for name in ("DATABASE_URL", "DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"):
        assert name in env
    db_env = db["environment"]
    url = env["DATABASE_URL"]
    assert url.startswith("postgres://")
    assert f"@db:5432/{db_env['POSTGRES_DB']}" in url
    assert url.startswith(f"postgres://{db_env['POSTGRES_USER']}:")
    settings_text = (ROOT / "config" / "settings.py").read_text()
    for name in env:
        assert name in settings_text or name.startswith(("DJANGO_SUPERUSER", "PORT")), name
    command = " ".join(web["command"]) if isinstance(web["command"], list) else web["command"]
    for step in ("migrate", "import_seeds", "gunicorn"):
        assert step in command


@pytest.mark.django_db
def test_migrations_are_complete():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
