"""A folder of N good files plus one arbitrary bad file always imports the N (issue 12).

The bad file is drawn from bytes of any kind, from a good document with
text spliced in anywhere, and from inputs the fuzzer found to break the
run. It is named to come last, so that whatever it turns out to be (even a
valid document, even one claiming a good one's identity) the good files
come first.
"""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.models import Telegram
from tests.pipeline.builders import document, write_documents

pytestmark = pytest.mark.django_db

GOOD = 3

KNOWN_BREAKERS = [
    document(9, body="As reported on November " + "4" * 5000 + ", nothing."),
    document(9, body="Reported 1936" + "7" * 4400 + "."),
    "\ufeff\r\n\r\n",
    "124.93/1: Telegram\n\n" + "(" * 5000 + "\n",
]


@st.composite
def spliced(draw) -> bytes:
    """A good document with some text (or bytes) put in at some place."""
    text = document(draw(st.integers(1, 28))).encode("utf-8")
    at = draw(st.integers(0, len(text)))
    insert = draw(st.one_of(st.binary(max_size=40), st.text(max_size=40).map(str.encode)))
    return text[:at] + insert + text[at:]


BAD_FILES = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300).map(str.encode),
    spliced(),
    st.sampled_from(KNOWN_BREAKERS).map(str.encode),
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(bad=BAD_FILES)
def test_the_good_files_are_imported_whatever_the_bad_one_holds(bad):
    with tempfile.TemporaryDirectory() as temporary, transaction.atomic():
        folder = Path(temporary) / "docs"
        goods = write_documents(folder, GOOD)
        (folder / "zz_bad.txt").write_bytes(bad)
        report = Path(temporary) / "report.json"
        try:
            call_command(
                "import_seeds", str(folder), report=str(report), no_authorities=True,
                stdout=io.StringIO(), stderr=io.StringIO(),
            )  # fmt: skip
        except CommandError as error:
            assert error.returncode == 1
        entries = json.loads(report.read_text(encoding="utf-8"))["documents"]
        by_name = {Path(e["source"]).name: e for e in entries}
        assert [by_name[name]["outcome"] for name in goods] == ["created"] * GOOD
        assert by_name["zz_bad.txt"]["outcome"] in ("created", "failed")
        assert all(len(error) <= 500 for e in entries for error in e["errors"])
        imported = {Path(p).name for p in Telegram.objects.values_list("source_file", flat=True)}
        assert set(goods) <= imported
        transaction.set_rollback(True)
