"""One rule says which offices are the Department of State's (threads and posts both use it)."""

from __future__ import annotations

import pytest

from archive.linking import threads
from archive.linking.suggestions import post_of
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
    # Reply threads number by post: every office of the Department is one post.
    for role in ("Legal Adviser", "Acting Secretary of State", "Division of Far Eastern Affairs"):
        assert threads.post_of(role) == "Department"
    assert threads.post_of(
        "Director of the European Department of the Japanese Foreign Office"
    ) != ("Department")
    assert threads.post_of("Ambassador in Japan") == "in Japan"
    assert post_of("Ambassador in Japan") == "Japan"
