"""import_offices: POCOM people and holdings, idempotent, editor-protected."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from archive import pocom
from archive.models import OfficeHolding, Person
from archive.resources import PersonResource
from tests.conftest import FIXTURES, ROOT

POCOM = FIXTURES / "pocom"
SHARED_POCOM = ROOT.parent / "shared" / "pocom"  # CI keeps ../shared beside the clone


def holding(pocom_id: str) -> OfficeHolding:
    return OfficeHolding.objects.select_related("person").get(pocom_id=pocom_id)


@pytest.mark.django_db
def test_people_and_holdings_as_frus_prints_them():
    call_command("import_offices", str(POCOM), verbosity=0)
    grew = Person.objects.get(hsg_id="grew-joseph-clark")
    assert (grew.name, grew.surname, grew.forenames) == (
        "Joseph Clark Grew",
        "Grew",
        "Joseph Clark",
    )
    assert (grew.birth_year, grew.death_year) == (1880, 1965)
    castle = Person.objects.get(hsg_id="castle-william-richards")
    assert castle.name == "William Richards Castle, Jr."
    assert holding("th-1937-bake-01").office == "Minister in Siam"
    assert holding("ru-1933-bull-01").office == "Ambassador in the Soviet Union"
    assert holding("ch-1929-john-01").office == "Minister in China"
    assert holding("secr-1933-hull").office == "Secretary of State"
    assert holding("secr-1933-hull").start == date(1933, 3, 4)
    # "1940-06": only the days he certainly held the post count.
    assert holding("th-1937-bake-01").end == date(1940, 6, 1)
    assert "ended 1940-06" in holding("th-1937-bake-01").source


@pytest.mark.django_db
def test_two_holders_who_share_a_surname_stay_two_people():
    call_command("import_offices", str(POCOM), verbosity=0)
    johnsons = Person.objects.filter(surname="Johnson")
    assert johnsons.count() == 2
    assert holding("ch-1935-john-01").person != holding("sw-1946-john-01").person


@pytest.mark.django_db
def test_a_second_run_changes_nothing(capsys):
    call_command("import_offices", str(POCOM), verbosity=0)
    people, holdings = Person.history.count(), OfficeHolding.history.count()
    call_command("import_offices", str(POCOM))
    assert "0 people new" in capsys.readouterr().out
    assert (Person.history.count(), OfficeHolding.history.count()) == (people, holdings)


@pytest.mark.django_db
def test_editors_corrections_survive_a_reimport():
    call_command("import_offices", str(POCOM), verbosity=0)
    grew = Person.objects.get(hsg_id="grew-joseph-clark")
    grew.birth_year, grew.name = 1881, "Joseph C. Grew"
    grew.protect(["birth_year", "name"])
    grew.save()
    tenure = holding("ja-1932-grew-01")
    tenure.end = date(1941, 12, 7)
    tenure.protect(["end"])
    tenure.save()
    call_command("import_offices", str(POCOM), verbosity=0)
    grew.refresh_from_db()
    assert (grew.birth_year, grew.name) == (1881, "Joseph C. Grew")
    assert holding("ja-1932-grew-01").end == date(1941, 12, 7)
    # an unprotected field follows POCOM again
    OfficeHolding.objects.filter(pocom_id="ja-1932-grew-01").update(office="Ambassador")
    call_command("import_offices", str(POCOM), verbosity=0)
    assert holding("ja-1932-grew-01").office == "Ambassador in Japan"


@pytest.mark.django_db
def test_a_person_already_listed_is_found_not_duplicated():
    listed = Person.objects.create(
        name="Joseph C. Grew", surname="Grew", forenames="Joseph C.", authority_key="grew-joseph-c"
    )
    other = Person.objects.create(name="Grew", surname="Grew")  # a stub: no forenames
    call_command("import_offices", str(POCOM), verbosity=0)
    listed.refresh_from_db()
    assert listed.hsg_id == "grew-joseph-clark" and listed.name == "Joseph C. Grew"
    assert listed.birth_year == 1880
    assert holding("ja-1932-grew-01").person == listed
    assert Person.objects.filter(surname="Grew").count() == 2
    other.refresh_from_db()
    assert other.hsg_id == ""


@pytest.mark.django_db
def test_the_authority_list_after_import_offices_updates_the_same_person():
    call_command("import_offices", str(POCOM), verbosity=0)
    import tablib

    dataset = tablib.Dataset(headers=["authority_key", "name", "surname", "forenames", "hsg_id"])
    dataset.append(["hull-c", "Cordell Hull", "Hull", "Cordell", "hull-cordell"])
    result = PersonResource().import_data(dataset, raise_errors=True)
    assert not result.has_errors()
    assert Person.objects.filter(surname="Hull").count() == 1
    assert Person.objects.get(surname="Hull").authority_key == "hull-c"


@pytest.mark.django_db
def test_a_bad_file_is_named_and_the_others_load(tmp_path, capsys):
    import shutil

    root = tmp_path / "pocom"
    shutil.copytree(POCOM, root)
    (root / "people" / "b" / "baker-james-marion.xml").write_text("<person>\n<id>baker", "utf-8")
    with pytest.raises(CommandError):
        call_command("import_offices", str(root), verbosity=0)
    err = capsys.readouterr().err
    assert "baker-james-marion.xml, line 2" in err
    assert "th-1937-bake-01" in err  # his holding names a person that could not be read
    assert Person.objects.filter(hsg_id="grew-joseph-clark").exists()


@pytest.mark.django_db
def test_a_missing_path_is_a_usage_error(tmp_path):
    with pytest.raises(CommandError) as raised:
        call_command("import_offices", str(tmp_path / "nothing"), verbosity=0)
    assert raised.value.returncode == 2


@pytest.mark.django_db
def test_dry_run_writes_nothing(capsys):
    call_command("import_offices", str(POCOM), "--dry-run")
    assert "Dry run" in capsys.readouterr().out
    assert not Person.objects.exists()


def test_the_extract_round_trips(tmp_path):
    data = pocom.read_checkout(POCOM)
    target = tmp_path / "x.jsonl"
    pocom.write_extract(data.between(1920, 1950), target)
    again = pocom.read_extract(target)
    assert again.people == data.between(1920, 1950).people
    assert again.holdings == data.between(1920, 1950).holdings
    assert {h.id for h in again.holdings} >= {"ja-1932-grew-01", "secr-1933-hull"}


def test_a_broken_extract_line_is_named(tmp_path):
    target = tmp_path / "x.jsonl"
    pocom.write_extract(pocom.read_checkout(POCOM), target)
    target.write_text(target.read_text("utf-8") + "{not json\n", "utf-8")
    lines = target.read_text("utf-8").count("\n")
    with pytest.raises(pocom.PocomError, match=rf"x.jsonl, line {lines}"):
        pocom.read_extract(target)


@pytest.mark.django_db
def test_with_no_path_the_shipped_extract_is_loaded():
    call_command("import_offices", verbosity=0)
    hull = Person.objects.get(hsg_id="hull-cordell")
    assert hull.offices.filter(office="Secretary of State", start=date(1933, 3, 4)).exists()
    assert OfficeHolding.objects.filter(office="Minister in Siam").exists()
    assert not OfficeHolding.objects.filter(end__lt=date(1920, 1, 1)).exists()


@pytest.mark.skipif(not SHARED_POCOM.is_dir(), reason="../shared/pocom is not beside the clone")
def test_the_full_pocom_checkout_reads_and_matches_the_shipped_extract():
    data = pocom.read_checkout(SHARED_POCOM)
    assert len(data.people) > 4000 and len(data.holdings) > 6000
    # One holding names a person POCOM has no file for; it is reported, not fatal.
    assert all("no file in people/" in error for error in data.errors)
    shipped = pocom.read_extract(Path(ROOT / "seeds" / "offices" / "pocom-1920-1950.jsonl"))
    assert shipped.holdings == data.between(1920, 1950).holdings
    assert shipped.people == data.between(1920, 1950).people


@pytest.mark.django_db
@pytest.mark.skipif(not SHARED_POCOM.is_dir(), reason="../shared/pocom is not beside the clone")
def test_import_offices_on_the_full_pocom_checkout():
    with pytest.raises(CommandError) as raised:  # the one holding without a person file
        call_command("import_offices", str(SHARED_POCOM), verbosity=0)
    assert raised.value.returncode == 1
    assert holding("th-1933-bake-01").office == "Minister in Siam"
    assert Person.objects.get(hsg_id="henderson-loy-wesley").birth_year == 1892
