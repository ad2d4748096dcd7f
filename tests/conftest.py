"""Shared fixtures. Tests run on whatever DATABASE_URL names (SQLite by default)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from django.forms import Textarea

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = FIXTURES / "corpus"
SEEDS = ROOT / "seeds"
SEED_000 = SEEDS / "000_ac18668fd4ff97df.txt"
SEED_002 = SEEDS / "002_6832b873961cc793.txt"

# WhiteNoise expects the collected-static folder to exist.
(ROOT / "staticfiles").mkdir(exist_ok=True)


def corpus_truth() -> list[dict]:
    return json.loads((CORPUS / "truth.json").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Admin pages need no collected manifest, and the test client speaks plain HTTP."""
    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def seed_dir(tmp_path) -> Path:
    """A copy of the seeds folder that a test may change freely."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture
def imported_seeds(db):
    from django.core.management import call_command

    call_command("import_seeds", verbosity=0)


def form_data(response) -> dict:
    """The change form exactly as a browser posts it, inlines included.

    Every row of every formset is sent with its management data, unticked
    checkboxes are left out, and a ``<textarea>`` arrives with CRLF line
    endings (the HTML standard's form submission rule): tests that posted
    ``\\n`` never saw what editors' browsers send.
    """
    data = {}
    for form in [response.context["adminform"].form] + [
        f for inline in response.context.get("inline_admin_formsets", []) for f in [inline.formset]
    ]:
        if hasattr(form, "management_form"):
            for field in form.management_form:
                data[field.html_name] = field.value()
            forms = form.forms
        else:
            forms = [form]
        for sub in forms:
            for field in sub:
                value = field.field.prepare_value(field.value())
                if value is None:
                    continue
                if isinstance(value, bool):
                    if value:
                        data[field.html_name] = "on"
                    continue
                if isinstance(field.field.widget, Textarea) and isinstance(value, str):
                    value = as_browser_textarea(value)
                data[field.html_name] = value
    return {k: v for k, v in data.items() if v is not None}


def as_browser_textarea(value: str) -> str:
    """A textarea's value as browsers submit it: every line break as CRLF."""
    return value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
