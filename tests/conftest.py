"""Shared fixtures. Tests run on whatever DATABASE_URL names (SQLite by default)."""

from __future__ import annotations

import json
import os
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.forms import Textarea
from hypothesis import settings as hypothesis_settings

# In CI the property tests replay the same examples on every run, so a
# submission is judged on its code, not on the draw; they explore new
# examples on developers' machines (where a failure is found and kept as a
# fixed test, as in tests/test_anchoring.py).
hypothesis_settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

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


class _FormReader(HTMLParser):
    """Collects what a browser would submit from one ``<form>`` of a page."""

    def __init__(self, form_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.data = form_id, False, []
        self._select = self._textarea = None
        self._options: list[tuple[str, bool]] = []
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
            return
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and "disabled" not in attrs:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self._select, self._options = name, []
        elif tag == "option" and self._select:
            self._options.append((attrs.get("value", ""), "selected" in attrs))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self._select:
            chosen = [v for v, selected in self._options if selected] or [
                v for v, _ in self._options[:1]
            ]
            self.data.extend((self._select, v) for v in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea:
            text = "".join(self._text)
            text = text[1:] if text.startswith("\n") else text  # HTML drops the first newline
            self.data.append((self._textarea, as_browser_textarea(text)))
            self._textarea = None


def page_form_data(response, form_id: str) -> dict:
    """What a browser posts from the form ``form_id`` of a rendered page, read from its HTML.

    Only what the page really renders is sent (an input the template leaves
    out is missing, as it is for an editor), which is what the change-list
    tests need: a field that is not rendered cannot be posted.
    """
    reader = _FormReader(form_id)
    reader.feed(response.content.decode())
    data: dict = {}
    for name, value in reader.data:
        data.setdefault(name, []).append(value)
    return {k: v[0] if len(v) == 1 else v for k, v in data.items()}
