"""Guarding the door: login throttling (django-axes) and spreadsheet formula neutralising."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client, RequestFactory, override_settings

from archive.formulae import neutralise, neutralise_reversibly, restore
from archive.models import Place, Telegram
from archive.resources import PlaceResource
from archive.spreadsheets import CSV, TSV, XLSX
from archive.throttle import client_ip

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
GOOD = "a-long-test-password-1"


def log_in(client: Client, username: str, password: str):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})


@pytest.fixture
def editor(db):
    return User.objects.create_user("editor-x", password=GOOD, is_staff=True)


def test_the_right_password_still_logs_in(client, editor):
    assert log_in(client, "editor-x", GOOD).status_code == 302
    assert client.session.get("_auth_user_id") == str(editor.pk)


def test_lock_out_after_the_failure_limit_refuses_the_right_password(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "editor-x", "wrong-guess").status_code == 200
    assert log_in(client, "editor-x", "wrong-guess").status_code == 429
    locked = log_in(client, "editor-x", GOOD)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    # The lock is on the address, so the editor can still sign in from elsewhere.
    elsewhere = Client(REMOTE_ADDR="10.0.0.2")
    assert log_in(elsewhere, "editor-x", GOOD).status_code == 302


def test_one_address_guessing_many_names_is_locked_out(client, editor):
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, f"guess-{n}", "wrong-guess")
    assert log_in(client, "editor-x", GOOD).status_code == 429


def test_the_client_address_behind_trusted_proxies():
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7"
    )
    assert client_ip(request) == "10.0.0.1"  # no proxy trusted: the header is ignored
    with override_settings(ARCHIVE_TRUSTED_PROXIES=1):
        assert client_ip(request) == "203.0.113.7"  # not the forgeable left-most entry


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+1+1", "'+1+1"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=cmd", "'\t=cmd"),
        ("\r=cmd", "'\r=cmd"),
        ("\n=cmd", "'\n=cmd"),
        ("-", "'-"),
        ("-34.603333", "-34.603333"),
        ("+12", "+12"),
        ("1e5", "1e5"),
        (Decimal("-34.603333"), "-34.603333"),
        (-3, "-3"),
        ("Moscow", "Moscow"),
        ("'quoted", "'quoted"),
        (None, ""),
    ],
)
def test_neutralise(value, cell):
    assert neutralise(value) == cell


@pytest.mark.parametrize("value", ["=x", "+x", "-x", "@x", "\tx", "\rx", "'=x", "''", "'a", "a"])
def test_reversible_neutralising_round_trips(value):
    assert restore(neutralise_reversibly(value)) == value
    assert not neutralise_reversibly(value).startswith(("=", "+", "-", "@", "\t", "\r"))


def read_csv(client, url: str) -> list[dict]:
    body = b"".join(client.get(url, {"format": "csv"}).streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body, newline="")))


def test_public_csv_neutralises_text_and_keeps_negative_coordinates(client, db):
    document = Telegram.objects.create(
        identifier="x-1", heading="\t=HYPERLINK(1)", body="b", date_text="\r+cmd"
    )
    place = Place.objects.create(
        name="@Buenos Aires", latitude=Decimal("-34.603333"), longitude=Decimal("-58.381667")
    )
    place.public_documents = 1
    place.save()
    rows = read_csv(client, "/telegrams/")
    assert rows[0]["heading"] == "'\t=HYPERLINK(1)" and rows[0]["date_text"] == "'\n+cmd"
    assert document.identifier == rows[0]["identifier"]
    row = read_csv(client, "/places/")[0]
    assert row["name"] == "'@Buenos Aires"
    assert row["latitude"] == "-34.603333" and row["longitude"] == "-58.381667"


DANGEROUS = ["=HYPERLINK(1)", "+x", "-x", "@x", "\tx", "\nx", "'=already"]


@pytest.mark.parametrize("fmt", [CSV, TSV, XLSX])
def test_admin_exports_neutralise_and_import_back_unchanged(fmt, db):
    for n, name in enumerate(DANGEROUS):
        Place.objects.create(
            name=name,
            description=name,
            authority_key=f"danger-{n}",
            latitude=Decimal("-34.603333"),
        )
    exported = fmt().export_data(PlaceResource().export())
    if isinstance(exported, str):
        for name in DANGEROUS:
            assert f",{name}" not in exported and f'"{name}' not in exported
            assert f"\t{name}" not in exported
        assert "-34.603333" in exported and "'-34.603333" not in exported
    else:
        import openpyxl

        sheet = openpyxl.load_workbook(io.BytesIO(exported)).active
        cells = [c.value for row in sheet.iter_rows() for c in row]
        assert not any(isinstance(c, str) and c.startswith(("=", "+", "@", "\t")) for c in cells)
        assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    Place.objects.filter(authority_key__startswith="danger-").update(
        name="changed", description=""
    )
    dataset = fmt().create_dataset(exported)
    result = PlaceResource().import_data(dataset, raise_errors=True)
    assert not result.has_errors()
    restored = dict(
        Place.objects.filter(authority_key__startswith="danger-").values_list(
            "authority_key", "name"
        )
    )
    assert restored == {f"danger-{n}": name for n, name in enumerate(DANGEROUS)}
    assert set(Place.objects.values_list("latitude", flat=True)) == {Decimal("-34.603333")}


def test_the_admin_offers_the_neutralising_formats():
    from django.contrib import admin

    place_admin = admin.site._registry[Place]
    offered = set(place_admin.get_export_formats()) | set(place_admin.get_import_formats())
    assert {CSV, TSV, XLSX} <= offered
    assert not any(
        fmt.__module__.startswith("import_export") and fmt.__name__ == "CSV" for fmt in offered
    )
