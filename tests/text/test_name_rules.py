"""Name rules: titles apart, Chinese, Japanese, Spanish and Portuguese names."""

from __future__ import annotations

import pytest

from archive.text.personal_names import parse_name, split_title


@pytest.mark.parametrize(
    ("printed", "title", "forenames", "surname", "full"),
    [
        (
            "Generalissimo Chiang Kai-shek",
            "Generalissimo",
            "Kai-shek",
            "Chiang",
            "Chiang Kai-shek",
        ),
        ("Chen Yi", "", "Yi", "Chen", "Chen Yi"),
        ("Dr. Wang Shih-chieh", "Dr.", "Shih-chieh", "Wang", "Wang Shih-chieh"),
        ("T. V. Soong", "", "T. V.", "Soong", "T. V. Soong"),
        ("Koki Hirota", "", "Koki", "Hirota", "Koki Hirota"),
        ("Alfredo Solf y Muro", "", "Alfredo", "Solf y Muro", "Alfredo Solf y Muro"),
        ("Maj. Gen. George H. Brett", "Maj. Gen.", "George H.", "Brett", "George H. Brett"),
        ("G[eorge] A[tcheson, Jr.]", "", "George", "Atcheson", "George Atcheson, Jr."),
        ("Prince Konoye", "Prince", "", "Konoye", "Konoye"),
        ("Des Portes", "", "", "Des Portes", "Des Portes"),
        ("Rear Admiral J. G. Tawresey", "Rear Admiral", "J. G.", "Tawresey", "J. G. Tawresey"),
    ],
)
def test_parse_name(printed, title, forenames, surname, full):
    name = parse_name(printed)
    assert (name.title, name.forenames, name.surname, name.full) == (
        title,
        forenames,
        surname,
        full,
    )


def test_the_body_form_settles_a_double_surname():
    assert parse_name("Julio Tobar Donoso").surname == "Donoso"
    assert parse_name("Julio Tobar Donoso", "Tobar Donoso").surname == "Tobar Donoso"


def test_portuguese_particle_stands_apart():
    name = parse_name("José Carlos de Macedo Soares")
    assert (name.surname, name.particle) == ("Macedo Soares", "de")


def test_a_title_alone_is_no_name():
    assert not parse_name("Generalissimo")
    assert split_title("Foreign Minister Matsuoka") == ("Foreign Minister", "Matsuoka")
