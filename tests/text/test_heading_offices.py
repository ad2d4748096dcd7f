"""One rule says which offices are the Department of State's (threads and posts both use it)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from archive.linking.suggestions import post_of
from archive.linking.threads import expected_offices
from archive.text.heading import is_department_office


@pytest.mark.parametrize(
    "role",
    [
        "Secretary of State",
        "Acting Secretary of State",
        "Under Secretary of State",
        "Assistant Secretary of State",
        "Department of State",
        "Chief of the Division of Far Eastern Affairs",
        "Adviser on Political Relations",
        "Legal Adviser",
        "Economic Adviser",
    ],
)
def test_offices_of_the_department(role):
    assert is_department_office(role)
    assert post_of(role) == "Washington"


@pytest.mark.parametrize(
    "role",
    [
        "Ambassador in Japan",
        "Chargé in the Soviet Union",
        "Director of the European Department of the Japanese Foreign Office",
        "President",
        "",
    ],
)
def test_other_offices(role):
    assert not is_department_office(role)


def test_threads_and_posts_read_the_same_rule():
    memo = SimpleNamespace(sender_role="Legal Adviser", recipient_role="Ambassador in Japan")
    # "your telegram" from the Legal Adviser to Tokyo answers Tokyo's to the Department
    assert expected_offices(memo, "your") == ("Ambassador in Japan", "Department")
    assert post_of("Ambassador in Japan") == "Japan"
