"""Shared fixtures. Tests run on whatever DATABASE_URL names (SQLite by default)."""

from __future__ import annotations

import json
import os
import shutil
import sys
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


# --- Archives imported once per module --------------------------------------------------
#
# Importing the seeds and the 44 corpus documents takes seconds, and about a hundred tests
# read that same archive. Each recipe below is imported once per test module inside an
# outer transaction; every test that asks for it runs in its own savepoint (pytest-django's
# TestCase atomic nests inside), so whatever a test changes is gone before the next test,
# and the outer transaction is rolled back when the module ends. The tests of a module that
# do not ask for it run first, on an empty database, and a transactional test may not ask
# for it (it would flush the shared archive): see ``pytest_collection_modifyitems``.

_DOCS = str(CORPUS / "docs")
_POCOM = str(FIXTURES / "pocom")
SHARED_ARCHIVES = {
    # The seeds folder as `import_seeds` reads it by default (documents and authority lists).
    "imported_seeds": (("import_seeds",),),
    # The seeds (with their authority lists), then the corpus documents.
    "seeds_and_corpus": (("import_seeds",), ("import_seeds", _DOCS)),
    # As `make run`: the shipped POCOM holdings first, then the seeds and the corpus.
    "offices_seeds_and_corpus": (("import_offices",), ("import_seeds",), ("import_seeds", _DOCS)),
    # The seeds, the offices of tests/fixtures/pocom, then the corpus (headings find holders).
    "seeds_pocom_and_corpus": (
        ("import_seeds",),
        ("import_offices", _POCOM),
        ("import_seeds", _DOCS),
    ),
    # The seeds and the offices of tests/fixtures/pocom (no corpus documents).
    "seeds_and_pocom": (("import_seeds",), ("import_offices", _POCOM)),
    # The corpus documents alone (with the authority lists, not the seed documents).
    "corpus_alone": (("import_seeds", _DOCS),),
}
_open_archive: list[str] = []  # the archive whose outer transaction is open, if any


def module_archive(name: str, django_db_blocker, build=None):
    """Build an archive in a transaction left open until the module's end; yield what
    ``build`` returned.

    ``build`` is the recipe ``SHARED_ARCHIVES[name]`` unless given. A module fixture
    using this must be named ``_module_<name>`` (that is how a test is known to use it).
    """
    from django.core.management import call_command
    from django.db import transaction

    def run_recipe():
        for command in SHARED_ARCHIVES[name]:
            call_command(*command, verbosity=0)

    assert not _open_archive, f"the shared {_open_archive[0]} is still open"
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            built = (build or run_recipe)()
        except BaseException:
            outer.__exit__(*sys.exc_info())  # rolls back
            raise
    _open_archive.append(name)
    try:
        yield built
    finally:
        _open_archive.clear()
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def _module_fixture(name: str):
    """The module-scoped fixture ``_module_<name>`` that builds the shared archive ``name``."""

    @pytest.fixture(scope="module", name=f"_module_{name}")
    def build(django_db_setup, django_db_blocker):
        yield from module_archive(name, django_db_blocker)

    return build


# One module fixture per recipe; the test fixtures below name theirs in their
# signatures, so that the archive is open before the test's own transaction.
for _name in SHARED_ARCHIVES:
    globals()[f"_module_{_name}"] = _module_fixture(_name)


@pytest.fixture
def imported_seeds(_module_imported_seeds, db):
    """The seeds imported (once per module); this test's changes are rolled back after it."""


@pytest.fixture
def corpus_alone(_module_corpus_alone, db):
    """The corpus documents and the authority lists; changes rolled back after the test."""


@pytest.fixture
def seeds_and_corpus(_module_seeds_and_corpus, db):
    """The seeds and the corpus documents; this test's changes are rolled back after it."""


@pytest.fixture
def offices_seeds_and_corpus(_module_offices_seeds_and_corpus, db):
    """Shipped POCOM holdings, seeds, corpus (as `make run`); changes rolled back after it."""


@pytest.fixture
def seeds_pocom_and_corpus(_module_seeds_pocom_and_corpus, db):
    """Seeds, tests/fixtures/pocom's offices, corpus; changes rolled back after the test."""


@pytest.fixture
def seeds_and_pocom(_module_seeds_and_pocom, db):
    """Seeds and tests/fixtures/pocom's offices; changes rolled back after the test."""


def _uses_shared_archive(item) -> bool:
    return any(name.startswith("_module_") for name in getattr(item, "fixturenames", ()))


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(
        (marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
        or {"transactional_db", "live_server", "django_db_reset_sequences"}
        & set(getattr(item, "fixturenames", ()))
    )


def pytest_collection_modifyitems(config, items):
    """Within each run of a module's tests, those without a shared archive first.

    The shared archive's transaction opens at the first test that asks for it and stays
    open to the module's end, so a test that expects an empty database must come before.
    Only neighbours are swapped: pytest-django's order (every TestCase test, then the
    transactional ones, whose flush also empties the Editor group and the content types,
    then those without a database) is kept. A transactional test asking for a shared
    archive is refused: its flush would empty it.
    """
    for item in items:
        if _uses_shared_archive(item) and _is_transactional(item):
            raise pytest.UsageError(
                f"{item.nodeid}: a transactional test cannot use a shared archive "
                "(its flush would empty it); import what it needs in the test"
            )
    runs: list[list] = []
    for item in items:
        if runs and runs[-1][0].nodeid.split("::")[0] == item.nodeid.split("::")[0]:
            runs[-1].append(item)
        else:
            runs.append([item])
    items[:] = [item for run in runs for item in sorted(run, key=_uses_shared_archive)]


@pytest.fixture(autouse=True)
def _no_test_inside_a_foreign_archive(request):
    """A test that did not ask for the open shared archive must not see it."""
    if _open_archive and not _uses_shared_archive(request.node):
        pytest.fail(
            f"the shared {_open_archive[0]} is open around a test that did not ask for it "
            "(pytest_collection_modifyitems runs such tests first)"
        )


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
